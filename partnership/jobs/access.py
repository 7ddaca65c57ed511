"""A job is its owner's alone: its page, its progress and its file answer 404 to anyone else (an
administrator included: the file may hold what only its owner may see)."""

from flask import abort

from partnership.db import utcnow
from partnership.jobs import queries
from partnership.jobs.models import Job


def get_own_or_404(user, token: str) -> Job:
    job = queries.by_token(token)
    if job is None or job.owner_id != user.id or job.expires_at <= utcnow():
        abort(404)
    return job

"""Reading jobs: a user's own, and the active one a request would join."""

from datetime import datetime

from sqlalchemy import select
from sqlalchemy.orm import defer

from partnership.db import utcnow
from partnership.extensions import db
from partnership.jobs.models import Job, JobState


def active(key: str) -> Job | None:
    return db.session.scalars(
        select(Job).where(Job.key == key, Job.state.in_((JobState.pending, JobState.running)))
    ).first()


def latest(key: str, now: datetime | None = None) -> Job | None:
    """The newest job for ``key`` still kept (active, ready or failed)."""
    now = now or utcnow()
    return db.session.scalars(
        select(Job).where(Job.key == key, Job.expires_at > now).order_by(Job.id.desc()).limit(1)
    ).first()


def owned(user, now: datetime | None = None) -> list[Job]:
    """The user's jobs still kept, newest first (without their files)."""
    now = now or utcnow()
    return list(
        db.session.scalars(
            select(Job)
            .where(Job.owner_id == user.id, Job.expires_at > now)
            .options(defer(Job.content))
            .order_by(Job.id.desc())
        )
    )


def by_token(token: str) -> Job | None:
    return db.session.scalars(select(Job).where(Job.token == token)).first()


def due(before: datetime) -> list[int]:
    """Jobs waiting since before ``before``: their task was lost (the broker was down, a worker died)."""
    return list(
        db.session.scalars(select(Job.id).where(Job.state == JobState.pending, Job.queued_at < before).order_by(Job.id))
    )

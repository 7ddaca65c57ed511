"""Asking for a job, and forgetting expired ones. Operations flush; the request commits, and a job
written in a transaction is queued once that transaction commits (``partnership.tasks``)."""

import hashlib
import json
import secrets
from datetime import datetime, timedelta

from flask import current_app
from flask_babel import force_locale, get_locale
from flask_babel import gettext as _
from sqlalchemy import delete, update
from sqlalchemy.exc import IntegrityError

from partnership.core.errors import DomainError
from partnership.db import utcnow
from partnership.extensions import db
from partnership.jobs import queries, registry
from partnership.jobs.models import Job, JobState
from partnership.tasks import queue_after_commit

RUN_TASK = "partnership.jobs.tasks.run"


def job_key(owner_id: int, kind: str, params: dict, locale: str | None = None) -> str:
    """Owner, kind, parameters and language: a second request with the same joins the first."""
    text = json.dumps([owner_id, kind, params, locale or str(get_locale())], sort_keys=True, ensure_ascii=True)
    return hashlib.sha256(text.encode()).hexdigest()


def keep_until(now: datetime | None = None) -> datetime:
    return (now or utcnow()) + timedelta(hours=current_app.config["JOB_KEEP_HOURS"])


def request_job(owner, kind: str, params: dict, title: str) -> Job:
    """A job for ``owner``: the active one with the same kind and parameters if there is one (a
    second click, a second tab, two requests at once), else a new one, queued at commit."""
    registry.get(kind)  # a kind nobody declared is a programming error, not a job that fails later
    locale = str(get_locale())
    key = job_key(owner.id, kind, params, locale)
    existing = queries.active(key)
    if existing is not None:
        return existing
    job = Job(
        token=secrets.token_urlsafe(32),
        owner_id=owner.id,
        kind=kind,
        params=params,
        key=key,
        locale=locale,
        title=title[:300],
        expires_at=keep_until(),
    )
    try:
        with db.session.begin_nested():
            db.session.add(job)
    except IntegrityError:  # another request made it between our read and our write
        joined = queries.active(key)
        if joined is None:
            raise
        return joined
    queue_after_commit(RUN_TASK, job.id)
    return job


def retry(owner, job: Job) -> Job:
    """The same work again, for a job that failed."""
    if job.state is not JobState.failed:
        raise DomainError(_("Only a job that failed can be tried again."))
    with force_locale(job.locale):
        return request_job(owner, job.kind, job.params, job.title)


def forget_expired(now: datetime | None = None) -> int:
    """Delete the files (and rows) of finished jobs past their day."""
    now = now or utcnow()
    result = db.session.execute(
        delete(Job)
        .where(Job.expires_at <= now, Job.state.in_((JobState.done, JobState.failed)))
        .execution_options(synchronize_session=False)
    )
    return result.rowcount  # type: ignore[attr-defined]  # a CursorResult


def requeued(job_ids: list[int], now: datetime | None = None) -> None:
    """Jobs the sweep queued again wait a new grace before the next sweep queues them again."""
    if job_ids:
        db.session.execute(
            update(Job)
            .where(Job.id.in_(job_ids), Job.state == JobState.pending)
            .values(queued_at=now or utcnow())
            .execution_options(synchronize_session=False)
        )

"""Running one job in the worker, once, however many workers try at once.

A worker first claims the job: one UPDATE … WHERE state = 'pending' … RETURNING, committed, which
only one of two concurrent workers can win (PostgreSQL's row lock, SQLite's write lock). It then
builds the file with no write open, telling its progress on a connection of its own (so that the
page polling it sees it at once), and records the file or the failure. A worker killed mid-way
leaves the job running: the sweep puts it back to pending after JOB_STALE, until JOB_MAX_ATTEMPTS."""

import logging
import time
import traceback
from datetime import datetime, timedelta

from flask import current_app
from flask_babel import force_locale
from sqlalchemy import select, update
from werkzeug.exceptions import HTTPException

from partnership.accounts.models import User
from partnership.db import utcnow
from partnership.extensions import db
from partnership.jobs import registry, services
from partnership.jobs.models import Job, JobState

log = logging.getLogger(__name__)

# A job still running this long after its claim lost its worker (a worker's own limit is shorter).
STALE = timedelta(minutes=30)
# Progress is written at most this often (seconds), and only when the per cent changes.
PROGRESS_EVERY = 0.5

# Why a job failed, as the owner reads it (``Job.error`` keeps the code).
UNAVAILABLE = "unavailable"
BROKEN = "broken"


def claim(job_id: int, now: datetime | None = None) -> bool:
    """Take the job for this worker, if it is pending; commits."""
    now = now or utcnow()
    claimed = db.session.execute(
        update(Job)
        .where(Job.id == job_id, Job.state == JobState.pending)
        .values(state=JobState.running, claimed_at=now, attempts=Job.attempts + 1, progress=0)
        .returning(Job.id)
        .execution_options(synchronize_session=False)
    ).first()
    db.session.commit()
    return claimed is not None


class ProgressWriter:
    """The ``progress`` a kind calls: per cent on the job's row, committed on its own connection."""

    def __init__(self, job_id: int):
        self.job_id = job_id
        self.written = 0
        self.at = 0.0

    def __call__(self, fraction: float) -> None:
        percent = max(0, min(99, int(fraction * 100)))  # 100 is for the finished file
        now = time.monotonic()
        if percent <= self.written or now - self.at < PROGRESS_EVERY:
            return
        with db.engine.begin() as connection:
            connection.execute(
                update(Job).where(Job.id == self.job_id, Job.state == JobState.running).values(progress=percent)
            )
        self.written, self.at = percent, now


def run(job_id: int) -> str:
    """Claim, build and record one job; answers its state afterwards ("skipped" when another worker
    had it). Commits."""
    if not claim(job_id):
        return "skipped"
    job = db.session.get(Job, job_id, populate_existing=True)
    assert job is not None
    kind_name, params, locale = job.kind, dict(job.params), job.locale
    owner = db.session.get(User, job.owner_id)
    outcome: dict
    try:
        kind = registry.get(kind_name)
        if owner is None or not owner.is_active:
            raise registry.Unavailable()
        with force_locale(locale):  # headers and labels in the language the owner asked in
            output = kind.build(owner, params, ProgressWriter(job_id))
    except (registry.Unavailable, HTTPException, LookupError):  # gone, or no longer theirs to see
        outcome = {"state": JobState.failed, "error": UNAVAILABLE}
    except Exception as error:  # the owner is told it failed; the log gets where, not what (no personal data)
        frames = "\n".join(f"  {f.filename}:{f.lineno} in {f.name}" for f in traceback.extract_tb(error.__traceback__))
        log.error("job %s (%s) failed: %s\n%s", job_id, kind_name, type(error).__name__, frames)
        outcome = {"state": JobState.failed, "error": BROKEN}
    else:
        outcome = {
            "state": JobState.done,
            "progress": 100,
            "content": output.content,
            "filename": output.filename,
            "mimetype": output.mimetype,
            "size": len(output.content),
            "error": None,
        }
    db.session.rollback()  # the build only read: end its transaction before the write
    now = utcnow()
    db.session.execute(
        update(Job)
        .where(Job.id == job_id, Job.state == JobState.running)
        .values(finished_at=now, expires_at=services.keep_until(now), **outcome)
        .execution_options(synchronize_session=False)
    )
    db.session.commit()
    return outcome["state"].value


def release_stale(now: datetime | None = None) -> list[int]:
    """Jobs whose worker died mid-way wait again (or fail after JOB_MAX_ATTEMPTS); commits."""
    now = now or utcnow()
    stale = Job.state == JobState.running, Job.claimed_at < now - STALE
    given_up = db.session.execute(
        update(Job)
        .where(*stale, Job.attempts >= current_app.config["JOB_MAX_ATTEMPTS"])
        .values(state=JobState.failed, error=BROKEN, finished_at=now)
        .execution_options(synchronize_session=False)
    )
    released = db.session.scalars(
        update(Job)
        .where(*stale)
        .values(state=JobState.pending, queued_at=now)
        .returning(Job.id)
        .execution_options(synchronize_session=False)
    ).all()
    db.session.commit()
    if given_up.rowcount:  # type: ignore[attr-defined]  # a CursorResult
        log.warning("jobs: %s given up after %s attempts", given_up.rowcount, current_app.config["JOB_MAX_ATTEMPTS"])  # type: ignore[attr-defined]
    return list(released)


def run_all_pending() -> dict[str, int]:
    """Run every pending job here and now (the queue's work without a queue: tests, the CLI)."""
    ids = list(db.session.scalars(select(Job.id).where(Job.state == JobState.pending).order_by(Job.id)))
    db.session.rollback()
    counts: dict[str, int] = {}
    for job_id in ids:
        outcome = run(job_id)
        counts[outcome] = counts.get(outcome, 0) + 1
    return counts

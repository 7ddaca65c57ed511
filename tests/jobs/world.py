"""The jobs' part of the test world: a finished export of A's liaison (a job is its owner's alone)."""

from datetime import timedelta

from partnership.db import utcnow
from partnership.extensions import db
from partnership.jobs.models import Job, JobState

TOKEN = "liaison-a-job-token-for-the-access-table"


def extend(w) -> None:
    w.job = Job(
        token=TOKEN,
        owner_id=w.users["liaison_a"].id,
        kind="exports.visits",
        params={"format": "csv", "args": {}},
        key="world-job",
        title="Visits (CSV)",
        state=JobState.done,
        progress=100,
        expires_at=utcnow() + timedelta(hours=1),
        filename="visits.csv",
        mimetype="text/csv",
        content=b"id\n",
        size=3,
    )
    db.session.add(w.job)
    db.session.flush()

"""A job: one file a user asked for, made by the worker, kept until it expires."""

import enum
from datetime import datetime

from flask_babel import lazy_gettext as _l
from sqlalchemy import JSON, ForeignKey, Index, LargeBinary, String, Text, text
from sqlalchemy.orm import Mapped, mapped_column, relationship

from partnership.accounts.models import User
from partnership.db import TimestampMixin, UTCDateTime, enum_column, utcnow
from partnership.extensions import BaseModel


class JobState(enum.Enum):
    pending = "pending"  # queued, waiting for a worker
    running = "running"  # claimed by one worker
    done = "done"  # the file is ready
    failed = "failed"

    @property
    def label(self) -> str:
        return STATE_LABELS[self]

    @property
    def active(self) -> bool:
        return self in (JobState.pending, JobState.running)


STATE_LABELS = {
    JobState.pending: _l("Waiting"),
    JobState.running: _l("Being prepared"),
    JobState.done: _l("Ready"),
    JobState.failed: _l("Failed"),
}

ACTIVE = "state IN ('pending', 'running')"


class Job(TimestampMixin, BaseModel):
    __tablename__ = "jobs"
    __table_args__ = (
        # One active job per owner, kind and parameters: a second click (or a second tab) joins it.
        Index(
            "uq_jobs_active_key",
            "key",
            unique=True,
            sqlite_where=text(ACTIVE),
            postgresql_where=text(ACTIVE),
        ),
        Index("ix_jobs_state", "state"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    token: Mapped[str] = mapped_column(String(64), unique=True)  # the job's address: not guessable
    owner_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"), index=True)
    kind: Mapped[str] = mapped_column(String(64))  # a registry name: "reports.badges"
    params: Mapped[dict] = mapped_column(JSON)
    key: Mapped[str] = mapped_column(String(64))  # owner, kind and params, hashed
    locale: Mapped[str] = mapped_column(String(8), default="en")  # the interface's language when asked
    title: Mapped[str] = mapped_column(String(300))  # what the jobs page calls it, in the owner's language
    state: Mapped[JobState] = mapped_column(enum_column(JobState), default=JobState.pending)
    progress: Mapped[int] = mapped_column(default=0)  # per cent
    attempts: Mapped[int] = mapped_column(default=0)
    queued_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)
    claimed_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
    finished_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
    expires_at: Mapped[datetime] = mapped_column(UTCDateTime())
    error: Mapped[str | None] = mapped_column(Text)  # for the owner: translated, no personal data
    filename: Mapped[str | None] = mapped_column(String(200))
    mimetype: Mapped[str | None] = mapped_column(String(100))
    size: Mapped[int | None] = mapped_column()
    content: Mapped[bytes | None] = mapped_column(LargeBinary, deferred=True)

    owner: Mapped[User] = relationship()

    def __repr__(self) -> str:
        return f"<Job {self.id} {self.kind} {self.state.value}>"

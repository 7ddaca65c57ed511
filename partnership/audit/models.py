"""Who did what to which record, when (UTC) and from where, and which fields changed.

Values of sensitive fields (dates of birth, document numbers, password and token hashes,
access needs, files, imported rows) are never stored: only that they changed."""

from datetime import datetime

from sqlalchemy import JSON, ForeignKey, Index, String
from sqlalchemy.orm import Mapped, mapped_column

from partnership.db import UTCDateTime, utcnow
from partnership.extensions import BaseModel


class AuditEntry(BaseModel):
    __tablename__ = "audit_entries"
    __table_args__ = (
        Index("ix_audit_entries_target", "target_type", "target_id"),
        Index("ix_audit_entries_parent", "parent_type", "parent_id"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow, index=True)
    actor_id: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"), index=True)
    actor_name: Mapped[str | None] = mapped_column(String(64))  # the username then; kept if the account goes
    action: Mapped[str] = mapped_column(String(64), index=True)
    target_type: Mapped[str | None] = mapped_column(String(64))  # a table name
    target_id: Mapped[int | None]
    # The record the target belongs to (a participant's visit, a contact's organisation),
    # so that the visit's history shows its participants' changes too.
    parent_type: Mapped[str | None] = mapped_column(String(64))
    parent_id: Mapped[int | None]
    remote_addr: Mapped[str | None] = mapped_column(String(45))
    # {field: {"old": …, "new": …}}; a sensitive field: {field: {"changed": true}}.
    changes: Mapped[dict | None] = mapped_column(JSON)
    details: Mapped[dict | None] = mapped_column(JSON)  # what else the action concerns (a document, a path)

    def __repr__(self) -> str:
        return f"<AuditEntry {self.action} {self.target_type} {self.target_id}>"

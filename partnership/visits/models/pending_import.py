"""A participant import between its preview and its commit.

The parsed rows are kept as JSON in the database, not in a file or the session,
so the confirming request may reach any app server."""

from datetime import datetime

from sqlalchemy import JSON, ForeignKey, LargeBinary, String
from sqlalchemy.orm import Mapped, mapped_column, relationship

from partnership.db import UTCDateTime, utcnow
from partnership.extensions import BaseModel
from partnership.visits.models.visit import Visit


class PendingImport(BaseModel):
    __tablename__ = "visit_pending_imports"
    # Never reuse an id on SQLite: an old preview's address must not show a newer upload.
    __table_args__ = {"sqlite_autoincrement": True}

    id: Mapped[int] = mapped_column(primary_key=True)
    visit_id: Mapped[int] = mapped_column(ForeignKey("visits.id", ondelete="CASCADE"), index=True)
    # The organisation the rows are imported for.
    organisation_id: Mapped[int] = mapped_column(ForeignKey("organisations.id", ondelete="CASCADE"))
    created_by_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"), index=True)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)
    filename: Mapped[str] = mapped_column(String(255))
    # [{"line": 2, "values": {...}, "errors": [...]}, ...] with dates as ISO strings.
    rows: Mapped[list] = mapped_column(JSON)
    # The file itself, to read it again with another sheet or date order (importing.read_import),
    # and how it was read: {"sheet", "sheets", "date_example", "date_order"} (importing.Reading).
    data: Mapped[bytes | None] = mapped_column(LargeBinary)
    options: Mapped[dict | None] = mapped_column(JSON)

    visit: Mapped[Visit] = relationship()

    @property
    def people(self) -> list[dict]:
        """The rows that are people (a heading's row is shown, with its warning, and skipped)."""
        return [row for row in self.rows if not row.get("skip")]

    @property
    def error_count(self) -> int:
        return sum(1 for row in self.rows if row.get("errors"))

    @property
    def needs_date_order(self) -> bool:
        """The file's dates leave their order open and the importer has not said it yet."""
        options = self.options or {}
        return bool(options.get("date_example")) and not options.get("date_order")

    @property
    def is_clean(self) -> bool:
        return bool(self.people) and self.error_count == 0 and not self.needs_date_order

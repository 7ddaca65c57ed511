"""Photos of a visit, shown in its report. Kept in the database (like signed
scans) so that every app server and every backup has them."""

from datetime import datetime

from sqlalchemy import ForeignKey, LargeBinary, String
from sqlalchemy.orm import Mapped, deferred, mapped_column, relationship

from partnership.db import UTCDateTime, utcnow
from partnership.extensions import BaseModel
from partnership.visits.models import Visit


class VisitPhoto(BaseModel):
    __tablename__ = "visit_photos"

    id: Mapped[int] = mapped_column(primary_key=True)
    visit_id: Mapped[int] = mapped_column(ForeignKey("visits.id", ondelete="CASCADE"), index=True)
    filename: Mapped[str] = mapped_column(String(255))
    caption: Mapped[str | None] = mapped_column(String(300))
    content_type: Mapped[str] = mapped_column(String(32))
    width: Mapped[int]
    height: Mapped[int]
    size: Mapped[int]
    content: Mapped[bytes] = deferred(mapped_column(LargeBinary))
    uploaded_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"))
    uploaded_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)

    visit: Mapped[Visit] = relationship()
    uploaded_by = relationship("User")

    def __repr__(self) -> str:
        return f"<VisitPhoto {self.id} {self.filename!r}>"

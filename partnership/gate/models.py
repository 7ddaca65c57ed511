"""A participant's photo on their gate pass: a small upright JPEG with no metadata, kept apart
from the participant row so that lists never load it."""

from datetime import datetime

from sqlalchemy import ForeignKey, LargeBinary
from sqlalchemy.orm import Mapped, deferred, mapped_column

from partnership.db import UTCDateTime, utcnow
from partnership.extensions import BaseModel


class PassPhoto(BaseModel):
    __tablename__ = "pass_photos"

    participant_id: Mapped[int] = mapped_column(ForeignKey("participants.id", ondelete="CASCADE"), primary_key=True)
    width: Mapped[int]
    height: Mapped[int]
    content: Mapped[bytes] = deferred(mapped_column(LargeBinary, nullable=False))
    uploaded_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"))
    uploaded_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)

    def __repr__(self) -> str:
        return f"<PassPhoto of participant {self.participant_id}>"

"""The outbox (every e-mail the app sends, written in the transaction that causes it), the in-app
notifications of each user, and each user's secret calendar address."""

import enum
from datetime import datetime

from flask_babel import lazy_gettext as _l
from sqlalchemy import ForeignKey, Index, LargeBinary, String, Text
from sqlalchemy.orm import Mapped, mapped_column, relationship

from partnership.accounts.models import User
from partnership.db import TimestampMixin, UTCDateTime, enum_column, utcnow
from partnership.extensions import BaseModel


class MessageState(enum.Enum):
    pending = "pending"  # waiting for its delivery (again, after a failed attempt)
    sending = "sending"  # claimed by one deliverer
    sent = "sent"
    failed = "failed"  # given up after OUTBOX_MAX_ATTEMPTS; an admin may resend it

    @property
    def label(self) -> str:
        return STATE_LABELS[self]


STATE_LABELS = {
    MessageState.pending: _l("Pending"),
    MessageState.sending: _l("Sending"),
    MessageState.sent: _l("Sent"),
    MessageState.failed: _l("Failed"),
}


class OutboxMessage(TimestampMixin, BaseModel):
    __tablename__ = "outbox_messages"
    __table_args__ = (Index("ix_outbox_messages_due", "state", "next_attempt_at"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    kind: Mapped[str] = mapped_column(String(64))  # what caused it: "visit.approved", "agreement.expiring"
    recipient: Mapped[str] = mapped_column(String(254))
    user_id: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"), index=True)
    # A participant's messages go with their erasure (``reactions.forget_erased_participant``).
    participant_id: Mapped[int | None] = mapped_column(ForeignKey("participants.id", ondelete="CASCADE"), index=True)
    language: Mapped[str] = mapped_column(String(8), default="en")
    subject: Mapped[str] = mapped_column(String(300))
    body: Mapped[str] = mapped_column(Text)
    html: Mapped[str | None] = mapped_column(Text)
    state: Mapped[MessageState] = mapped_column(enum_column(MessageState), default=MessageState.pending)
    attempts: Mapped[int] = mapped_column(default=0)
    next_attempt_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)
    claimed_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
    sent_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
    last_error: Mapped[str | None] = mapped_column(Text)
    # A message that must go out once only (an agreement's reminder at 30 days to one coordinator).
    once_key: Mapped[str | None] = mapped_column(String(200), unique=True)

    attachments: Mapped[list["OutboxAttachment"]] = relationship(
        back_populates="message", cascade="all, delete-orphan", order_by="OutboxAttachment.id"
    )

    def __repr__(self) -> str:
        return f"<OutboxMessage {self.id} {self.kind} {self.state.value}>"


class OutboxAttachment(BaseModel):
    __tablename__ = "outbox_attachments"

    id: Mapped[int] = mapped_column(primary_key=True)
    message_id: Mapped[int] = mapped_column(ForeignKey("outbox_messages.id", ondelete="CASCADE"), index=True)
    filename: Mapped[str] = mapped_column(String(200))
    content_type: Mapped[str] = mapped_column(String(100))
    content: Mapped[bytes] = mapped_column(LargeBinary)

    message: Mapped[OutboxMessage] = relationship(back_populates="attachments")


class Notification(TimestampMixin, BaseModel):
    """One line of a user's list in the app, in their language when it was written."""

    __tablename__ = "notifications"
    __table_args__ = (Index("ix_notifications_unread", "user_id", "read_at"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"))
    kind: Mapped[str] = mapped_column(String(64))
    text: Mapped[str] = mapped_column(String(500))
    url: Mapped[str | None] = mapped_column(String(300))  # a path inside the app
    once_key: Mapped[str | None] = mapped_column(String(200), unique=True)  # as the outbox's
    read_at: Mapped[datetime | None] = mapped_column(UTCDateTime())

    user: Mapped[User] = relationship()


class CalendarFeed(TimestampMixin, BaseModel):
    """A user's calendar address: whoever has the token reads the calendar, with no session (as
    calendar programs do), so revoking it is making a new one."""

    __tablename__ = "calendar_feeds"

    id: Mapped[int] = mapped_column(primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"), unique=True)
    token: Mapped[str] = mapped_column(String(64), unique=True)

    user: Mapped[User] = relationship()

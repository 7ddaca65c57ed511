"""Operations on the outbox, notifications and calendar addresses. They flush; the request commits."""

import secrets

from flask_babel import gettext as _
from sqlalchemy import update

from partnership.audit import services as audit
from partnership.core.errors import DomainError
from partnership.db import utcnow
from partnership.extensions import db
from partnership.notifications import access, outbox
from partnership.notifications.models import CalendarFeed, MessageState, Notification, OutboxMessage
from partnership.notifications.queries import feed_of
from partnership.tasks import queue_after_commit

RESENDABLE = (MessageState.failed, MessageState.sent, MessageState.pending)


def can_resend(message: OutboxMessage) -> bool:
    return message.state in RESENDABLE


def resend(actor, message: OutboxMessage) -> None:
    """An admin sends a message again: a failed one after the mail server is fixed, a sent one that
    did not reach its reader. It waits for delivery as a new one does, queued at the commit."""
    if not access.can_read_outbox(actor):
        raise DomainError(_("Only administrators resend messages."))
    if not can_resend(message):
        raise DomainError(_("This message is being sent right now."))
    message.state = MessageState.pending
    message.attempts = 0
    message.next_attempt_at = utcnow()
    message.last_error = None
    db.session.flush()
    queue_after_commit(outbox.DELIVER_TASK, message.id)
    audit.record(actor, "outbox.resend", details={"message": message.id, "kind": message.kind})


def mark_all_read(user) -> int:
    result = db.session.execute(
        update(Notification)
        .where(Notification.user_id == user.id, Notification.read_at.is_(None))
        .values(read_at=utcnow())
        .execution_options(synchronize_session=False)
    )
    return result.rowcount  # type: ignore[attr-defined]  # a CursorResult


def new_feed(user) -> CalendarFeed:
    """A new secret calendar address for ``user``; the old one, if any, stops working."""
    feed = feed_of(user)
    if feed is None:
        feed = CalendarFeed(user_id=user.id)
        db.session.add(feed)
    feed.token = secrets.token_urlsafe(32)
    db.session.flush()
    audit.record(user, "calendar_feed.new", details={"feed": feed.id})
    return feed


def revoke_feed(user) -> None:
    feed = feed_of(user)
    if feed is None:
        raise DomainError(_("You have no calendar address."))
    audit.record(user, "calendar_feed.revoke", details={"feed": feed.id})
    db.session.delete(feed)
    db.session.flush()

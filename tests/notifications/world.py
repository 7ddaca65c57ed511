"""The notifications' part of the test world: a message in the outbox, a calendar address."""

from partnership.db import utcnow
from partnership.extensions import db
from partnership.notifications.models import CalendarFeed, MessageState, OutboxMessage

FEED_TOKEN = "liaison-a-calendar-token-for-the-access-table"


def extend(w) -> None:
    # Sent already, so that the tests' deliveries meet only the messages they cause.
    w.message = OutboxMessage(
        kind="test",
        recipient="someone@example.org",
        subject="Hello",
        body="Text",
        state=MessageState.sent,
        attempts=1,
        sent_at=utcnow(),
    )
    w.feed = CalendarFeed(user=w.users["liaison_a"], token=FEED_TOKEN)
    db.session.add_all([w.message, w.feed])
    db.session.flush()

"""The notifications' part of the test world: a message in the outbox, a calendar address."""

from partnership.extensions import db
from partnership.notifications.models import CalendarFeed, OutboxMessage

FEED_TOKEN = "liaison-a-calendar-token-for-the-access-table"


def extend(w) -> None:
    w.message = OutboxMessage(kind="test", recipient="someone@example.org", subject="Hello", body="Text")
    w.feed = CalendarFeed(user=w.users["liaison_a"], token=FEED_TOKEN)
    db.session.add_all([w.message, w.feed])
    db.session.flush()

"""Taking a visit for the rest of the transaction, so that a state change or a check that
precedes a write (is this person already in the visit?) is made by one request at a time.

PostgreSQL: ``SELECT … FOR UPDATE`` of the visits' rows, in id order (two requests never
wait for each other in a circle), and the visits reloaded: under READ COMMITTED what
follows sees what the previous holder committed. SQLite: a writing request holds the
whole database from its first statement (``partnership.db._sqlite_begin``); the reload
is the same."""

from partnership.extensions import db
from partnership.visits.models import Visit


def lock_visits(*visits: Visit) -> None:
    for visit in sorted({v.id: v for v in visits}.values(), key=lambda v: v.id):
        db.session.refresh(visit, with_for_update={"of": Visit})  # not the joined coordinator

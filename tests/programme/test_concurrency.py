"""Bookings fired at once at a site with room for fewer: exactly its capacity is booked,
the others are refused with the rule's message, and no request fails.

Each thread has its own test client and its own app context, hence its own
session and database connection: the requests meet
only in the database, as they would behind a threaded server. Runs on SQLite (a file)
and, with TEST_DATABASE_URL, on PostgreSQL."""

import threading
import time as clock

from sqlalchemy import func, select

from partnership.extensions import db
from partnership.programme.models import ItineraryAttendee, ItineraryItem
from tests.conftest import sign_in
from tests.programme.factories import tour_booking, visit_with
from tests.sites.factories import SiteFactory

VISITS = 24
GROUP = 5
CAPACITY = 40  # room for 8 of the 24 groups


def test_parallel_bookings_never_overfill_a_site(app, world):
    site = SiteFactory(name="Copper concentrator", capacity=CAPACITY)
    visits = [visit_with(GROUP, title=f"Group {n + 1}") for n in range(VISITS)]
    coordinator = world.users["coordinator"]
    jobs = []
    for visit in visits:
        client = sign_in(app.test_client(), coordinator)
        with app.app_context():  # a fresh ``g``: Flask-WTF keeps the last token there
            token = client.csrf_token()
        jobs.append((client, f"/visits/{visit.id}/programme/new", tour_booking(site.id, visit, token)))
    site_id, visit_ids = site.id, [visit.id for visit in visits]
    db.session.commit()
    db.session.close()  # the test's own connection holds nothing while the requests run

    barrier = threading.Barrier(len(jobs))
    results: list = [None] * len(jobs)

    def book(n: int) -> None:
        client, url, data = jobs[n]
        barrier.wait()
        try:
            with app.app_context():  # this thread's own context, session and connection
                response = client.post(url, data=data)
            results[n] = (response.status_code, response.get_data(as_text=True))
        except Exception as error:  # noqa: BLE001  (a crash is a result to report, not to hide)
            results[n] = (repr(error), "")

    threads = [threading.Thread(target=book, args=(n,)) for n in range(len(jobs))]
    started = clock.perf_counter()
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=120)
    elapsed = clock.perf_counter() - started
    print(f"\n{len(jobs)} parallel bookings on {db.engine.dialect.name}: {elapsed:.2f} s")

    statuses = [status for status, _ in results]
    assert all(status in (200, 302) for status in statuses), statuses
    booked = [n for n, (status, _) in enumerate(results) if status == 302]
    refused = [page for status, page in results if status == 200]
    assert len(booked) == CAPACITY // GROUP
    assert len(refused) == VISITS - CAPACITY // GROUP
    for page in refused:
        assert "Copper concentrator: capacity 40 exceeded 10:00–11:00: 40 already booked, 5 more requested." in page

    at_site = db.session.scalar(
        select(func.count(ItineraryAttendee.participant_id))
        .join(ItineraryItem, ItineraryItem.id == ItineraryAttendee.item_id)
        .where(ItineraryItem.site_id == site_id)
    )
    assert at_site == CAPACITY
    booked_visits = set(db.session.scalars(select(ItineraryItem.visit_id).where(ItineraryItem.site_id == site_id)))
    assert booked_visits == {visit_ids[n] for n in booked}

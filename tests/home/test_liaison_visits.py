"""The liaison's start page: their visits, status and what is still to do."""

from datetime import date, timedelta

from flask import render_template
from flask_login import login_user

from partnership.core import clock
from partnership.core.pagination import Excerpt
from partnership.db import utcnow
from partnership.extensions import db
from partnership.feedback.models import FeedbackInvitation
from partnership.home.liaison import open_and_closed, visits_to_do
from partnership.visits.models import VisitStatus
from tests.statements import counting_statements
from tests.visits.factories import ParticipantFactory, VisitFactory


def todos(items, visit):
    item = next(item for item in items if item.visit.id == visit.id)
    return [(todo.kind, todo.count) for todo in item.todos]


def test_each_visit_says_what_is_left_to_do(world, app, monkeypatch):
    monkeypatch.setitem(app.config, "LIAISON_OPEN_VISITS", 100)  # the world's open visits and these
    a = world.org_a
    draft = VisitFactory(organisations=[a], status=VisitStatus.draft)
    incomplete = VisitFactory(organisations=[a, world.org_b], status=VisitStatus.approved)
    ParticipantFactory(visit=incomplete, organisation=a, document_number=None)
    ParticipantFactory(visit=incomplete, organisation=a, nationality=None, date_of_birth=None)
    ParticipantFactory(visit=incomplete, organisation=a)
    ParticipantFactory(visit=incomplete, organisation=world.org_b, document_number=None)  # not theirs to fix
    confirmed = VisitFactory(organisations=[a], status=VisitStatus.confirmed)
    ParticipantFactory(visit=confirmed, organisation=a)
    completed = VisitFactory(
        organisations=[a], status=VisitStatus.completed, starts_on=date(2024, 6, 1), ends_on=date(2024, 6, 2)
    )
    answered, waiting, no_link = (ParticipantFactory(visit=completed, organisation=a) for _ in range(3))
    db.session.add_all(
        [
            FeedbackInvitation(participant=answered, token_hash="a" * 64, used_at=utcnow()),
            FeedbackInvitation(participant=waiting, token_hash="b" * 64, expires_at=utcnow() + timedelta(days=5)),
            FeedbackInvitation(participant=no_link),
        ]
    )
    db.session.commit()
    completed_quiet = VisitFactory(
        organisations=[a], status=VisitStatus.completed, starts_on=date(2024, 5, 1), ends_on=date(2024, 5, 2)
    )
    rejected = VisitFactory(organisations=[a], status=VisitStatus.rejected, rejection_reason="No dates")
    cancelled = VisitFactory(organisations=[a], status=VisitStatus.cancelled)
    others = VisitFactory(organisations=[world.org_b], status=VisitStatus.draft)

    items = visits_to_do(world.users["liaison_a"])
    ids = [item.visit.id for item in items]
    assert cancelled.id not in ids and others.id not in ids
    assert todos(items, draft) == [("submit", None), ("add_participants", None)]
    assert todos(items, incomplete) == [("missing_data", 2)]
    assert todos(items, confirmed) == [("programme_ready", None)]
    assert todos(items, completed) == [("feedback_open", 1)]  # one link issued and not yet answered
    assert todos(items, completed_quiet) == []
    assert todos(items, rejected) == [("rejected", None)]
    assert todos(items, world.visit_a) == []
    assert next(i for i in items if i.visit.id == incomplete.id).participant_count == 3
    closed = {VisitStatus.completed, VisitStatus.rejected}
    statuses = [item.visit.status in closed for item in items]
    assert statuses == sorted(statuses)  # open visits first


def test_the_home_costs_five_queries_whatever_the_number_of_visits(world):
    for _ in range(5):
        ParticipantFactory(visit=VisitFactory(organisations=[world.org_a]), organisation=world.org_a)
    liaison = world.users["liaison_a"]
    db.session.expire_all()
    assert liaison.organisation_id  # the user is loaded before counting
    with counting_statements() as statements:
        visits_to_do(liaison)
    assert len(statements) <= 5, statements  # visits, their organisations, three counts


def test_the_partial_renders_the_liaisons_visits(app, world):
    liaison = world.users["liaison_a"]
    ParticipantFactory(visit=world.visit_shared, organisation=world.org_a, nationality=None)
    with app.test_request_context("/"):
        login_user(liaison)
        page = render_template(
            "home/_liaison_visits.html", liaison_visits=visits_to_do(liaison), liaison_closed=Excerpt([], 0, "")
        )
    assert "Visit of A" in page and "Shared visit" in page and "Visit of B" not in page
    assert "Participants missing data" in page and "with MSU" in page
    assert f"/visits/{world.visit_shared.id}/participants" in page


def test_the_start_page_shows_the_latest_visits_that_are_over_and_links_to_all(world, login):
    for n in range(8):
        VisitFactory(
            organisations=[world.org_a],
            title=f"Old visit {n}",
            status=VisitStatus.completed,
            starts_on=clock.today() - timedelta(days=10 - n),  # later than the world's
            ends_on=clock.today() - timedelta(days=10 - n),
        )
    page = login(world.users["liaison_a"]).get("/").get_data(as_text=True)
    shown = [n for n in range(8) if f"Old visit {n}<" in page]
    assert shown == [3, 4, 5, 6, 7]  # the latest five
    assert "Visit of A" in page  # open visits all
    assert "See all" in page and 'href="/visits"' in page


def test_a_partner_with_many_open_visits_sees_the_soonest_and_how_many_more(world, login, app, monkeypatch):
    """A university with dozens of open requests gets a start page of the same size: the soonest
    open visits (what needs doing first), how many there are, and the way to all of them."""
    monkeypatch.setitem(app.config, "LIAISON_OPEN_VISITS", 3)
    for n in range(6):
        day = clock.today() + timedelta(days=30 + n)
        VisitFactory(
            organisations=[world.org_a],
            title=f"Open visit {n}",
            status=VisitStatus.requested,
            starts_on=day,
            ends_on=day,
        )
    items = visits_to_do(world.users["liaison_a"])
    open_ones = [item.visit for item in items if item.visit.status not in (VisitStatus.completed, VisitStatus.rejected)]
    assert len(open_ones) == 3
    assert [v.starts_on for v in open_ones] == sorted(v.starts_on for v in open_ones)  # the soonest first
    page = login(world.users["liaison_a"]).get("/").get_data(as_text=True)
    assert "Open visit 5<" not in page and 'id="liaison-open-more"' in page
    total, _closed = open_and_closed(world.users["liaison_a"])
    assert total >= 6
    assert f"The 3 soonest of your {total} open visits are shown." in page and 'href="/visits"' in page

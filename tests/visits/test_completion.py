"""Completion that means it: only after the visit's last day, and its report says which
items nobody recorded rather than calling them carried out."""

from datetime import datetime, time, timedelta

import pytest

from partnership.core import clock
from partnership.core.errors import DomainError
from partnership.extensions import db
from partnership.reports import documents
from partnership.reports.access import Document
from partnership.visits import services
from partnership.visits.models import VisitStatus
from tests.programme.factories import ItineraryItemFactory
from tests.reports.conftest import pypdf_text
from tests.sites.factories import SiteFactory
from tests.visits.factories import ParticipantFactory, VisitFactory


@pytest.fixture
def confirmed(world):
    today = clock.today()
    return VisitFactory(
        organisations=[world.org_a], status=VisitStatus.confirmed, starts_on=today - timedelta(days=1), ends_on=today
    )


def test_a_visit_is_not_completed_on_its_last_day(world, confirmed):
    with pytest.raises(DomainError, match="A visit is completed only after its last day"):
        services.transition(world.users["coordinator"], confirmed, VisitStatus.completed)
    assert confirmed.status is VisitStatus.confirmed


def test_nor_months_before_it(world):
    visit = VisitFactory(organisations=[world.org_a], status=VisitStatus.confirmed)  # a month ahead
    with pytest.raises(DomainError, match="it can be marked completed from"):
        services.transition(world.users["coordinator"], visit, VisitStatus.completed)


def test_the_day_after_it_the_visit_is_completed(world, confirmed, monkeypatch):
    monkeypatch.setattr(clock, "today", lambda: confirmed.ends_on + timedelta(days=1))
    services.transition(world.users["coordinator"], confirmed, VisitStatus.completed)
    assert confirmed.status is VisitStatus.completed


def test_the_page_says_why_and_changes_nothing(world, confirmed, coordinator_client):
    db.session.commit()
    response = coordinator_client.post(
        f"/visits/{confirmed.id}/transition", data={"to_status": "completed"}, follow_redirects=True
    )
    assert "A visit is completed only after its last day" in response.get_data(as_text=True)
    db.session.refresh(confirmed)
    assert confirmed.status is VisitStatus.confirmed


def test_the_report_of_a_completed_visit_says_not_recorded(world):
    day = clock.today() - timedelta(days=3)
    visit = VisitFactory(organisations=[world.org_a], status=VisitStatus.completed, starts_on=day, ends_on=day)
    people = [ParticipantFactory(visit=visit, full_name=f"Report person {n}") for n in range(2)]
    recorded = ItineraryItemFactory(
        visit=visit,
        site=SiteFactory(name="Recorded site"),
        activity="Recorded tour",
        starts_at=datetime.combine(day, time(9)),
        ends_at=datetime.combine(day, time(10)),
    )
    for attendance in recorded.attendances:
        attendance.attended = attendance.participant is people[0]
    ItineraryItemFactory(
        visit=visit,
        site=SiteFactory(name="Unrecorded site"),
        activity="Unrecorded tour",
        starts_at=datetime.combine(day, time(11)),
        ends_at=datetime.combine(day, time(12)),
    )
    db.session.commit()
    text = pypdf_text(documents.render_visit_document(Document.report, visit.id, "en"))
    assert "1 of 2" in text and "not recorded (2 planned)" in text
    assert "as carried out" not in text
    for attendance in visit.itinerary_items[1].attendances:
        attendance.attended = True
    db.session.commit()
    text = pypdf_text(documents.render_visit_document(Document.report, visit.id, "en"))
    assert "Itinerary as carried out" in text and "not recorded" not in text

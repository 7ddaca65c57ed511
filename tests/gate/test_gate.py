"""The gate pass: clearance per site rule, check-in and out once, a guide's reach, the roll call."""

import io
import threading
from datetime import date, timedelta

import pytest
from pypdf import PdfReader
from sqlalchemy import select

from partnership.audit.models import AuditEntry
from partnership.core import clock
from partnership.core.errors import DomainError
from partnership.extensions import db
from partnership.gate import queries, services
from partnership.gate.clearance import clearance
from partnership.programme.models import ItineraryAttendee
from partnership.reports.links import pass_url
from tests.conftest import sign_in
from tests.reports.conftest import pypdf_text
from tests.sites.factories import SiteFactory
from tests.visits.factories import ParticipantFactory


def _attendance(world, person) -> ItineraryAttendee:
    db.session.expire_all()
    return db.session.get(ItineraryAttendee, (world.gate_item.id, person.id))


# --- clearance ----------------------------------------------------------------------


def test_every_rule_of_the_site_is_a_check_with_its_reason(app, world):
    day = clock.today()
    site = SiteFactory(min_age=18, ppe_required=True, medical_clearance_required=True)
    adult = ParticipantFactory(date_of_birth=date(1990, 1, 1), ppe_issued=True, medical_clearance=True)
    found = clearance(adult, site, day)
    assert found.cleared and [c.rule for c in found.checks] == ["min_age", "ppe", "medical_clearance"]
    assert [c.reason for c in found.checks] == [
        "Aged 18 or over",
        "Protective equipment issued",
        "Medical clearance on file",
    ]

    minor = ParticipantFactory(date_of_birth=day.replace(year=day.year - 17), ppe_issued=False, medical_clearance=False)
    found = clearance(minor, site, day)
    assert not found.cleared
    assert found.refusals == ["Under the minimum age of 18", "No protective equipment issued", "No medical clearance"]


def test_the_eighteenth_birthday_clears_and_an_unknown_birth_date_does_not(app, world):
    site, day = SiteFactory(min_age=18), date(2026, 6, 15)
    assert clearance(ParticipantFactory(date_of_birth=date(2008, 6, 15)), site, day).cleared
    assert clearance(ParticipantFactory(date_of_birth=date(2008, 6, 16)), site, day).refusals == [
        "Under the minimum age of 18"
    ]
    unknown = ParticipantFactory(date_of_birth=None)
    assert clearance(unknown, site, day).refusals == ["Date of birth unknown: age 18+ not shown"]


def test_a_site_without_rules_clears_everyone(app, world):
    assert clearance(ParticipantFactory(ppe_issued=False), SiteFactory(), clock.today()).checks == ()


# --- check-in and out ---------------------------------------------------------------


def test_check_in_records_attendance_once_and_check_out_after_it(app, world):
    coordinator, item, person = world.users["coordinator"], world.gate_item, world.gate_cleared
    services.check_in(coordinator, item, person)
    row = _attendance(world, person)
    assert row.attended is True and row.checked_in_at is not None and row.is_here
    with pytest.raises(services.AlreadyDone, match="already checked in"):
        services.check_in(coordinator, item, person)
    services.check_out(coordinator, item, person)
    row = _attendance(world, person)
    assert row.checked_out_at is not None and not row.is_here
    with pytest.raises(services.AlreadyDone):
        services.check_out(coordinator, item, person)
    entries = db.session.scalars(select(AuditEntry).where(AuditEntry.action.like("itinerary.check_%"))).all()
    assert sorted(e.action for e in entries) == ["itinerary.check_in", "itinerary.check_out"]
    assert all(e.details == {"participant_id": person.id} for e in entries)


def test_a_person_the_site_does_not_clear_is_not_checked_in(app, world):
    with pytest.raises(
        DomainError, match="Kamola Unequipped is not cleared for Gate test pit: No protective equipment"
    ):
        services.check_in(world.users["coordinator"], world.gate_item, world.gate_unequipped)
    assert _attendance(world, world.gate_unequipped).checked_in_at is None


def test_the_pass_shows_clearance_and_one_button(app, world, login):
    guide = login(world.users["guide"])
    page = guide.get(f"/pass/{world.gate_cleared.pass_token}").get_data(as_text=True)
    assert "Jasur Cleared" in page and "Cleared for Gate test pit" in page and "Open pit tour" in page
    assert "/check-in" in page and "Check out" not in page
    assert world.gate_cleared.document_number not in page and "2003" not in page
    refused = guide.get(f"/pass/{world.gate_unequipped.pass_token}").get_data(as_text=True)
    assert "Not cleared for Gate test pit" in refused and "No protective equipment issued" in refused
    assert "/check-in" not in refused


def test_a_second_scan_shows_already_checked_in(app, world, login):
    guide = login(world.users["guide"])
    token, item_id = world.gate_cleared.pass_token, world.gate_item.id
    response = guide.post(f"/pass/{token}/check-in", data={"item_id": str(item_id)})
    assert response.status_code == 302 and response.headers["Location"] == f"/pass/{token}"
    page = guide.get(f"/pass/{token}").get_data(as_text=True)
    assert "Jasur Cleared checked in." in page and "Already checked in at" in page and "Check out" in page
    again = guide.post(f"/pass/{token}/check-in", data={"item_id": str(item_id)}, follow_redirects=True)
    assert "Jasur Cleared is already checked in." in again.get_data(as_text=True)
    assert db.session.scalar(select(AuditEntry.id).where(AuditEntry.action == "itinerary.check_in").limit(2))


def test_a_double_submit_at_once_records_one_check_in(app, world):
    guide = world.users["guide"]
    token, item_id = world.gate_cleared.pass_token, world.gate_item.id
    clients = [sign_in(app.test_client(), guide) for _ in range(4)]
    tokens = []
    for client in clients:
        with app.app_context():
            tokens.append(client.csrf_token())
    db.session.commit()
    db.session.close()
    barrier = threading.Barrier(len(clients))
    results: list = [None] * len(clients)

    def press(n: int) -> None:
        barrier.wait()
        with app.app_context():
            response = clients[n].post(
                f"/pass/{token}/check-in",
                data={"item_id": str(item_id), "csrf_token": tokens[n]},
                follow_redirects=True,
            )
            results[n] = (response.status_code, response.get_data(as_text=True))

    threads = [threading.Thread(target=press, args=(n,)) for n in range(len(clients))]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)
    assert [status for status, _page in results] == [200] * len(clients)
    assert sum("Jasur Cleared checked in." in page for _s, page in results) == 1
    assert sum("is already checked in." in page for _s, page in results) == len(clients) - 1
    entries = db.session.scalars(select(AuditEntry).where(AuditEntry.action == "itinerary.check_in")).all()
    assert len(entries) == 1


def test_a_guide_sees_only_todays_items_at_its_sites(app, world, login):
    guide = login(world.users["guide"])
    page = guide.get("/gate").get_data(as_text=True)
    assert "Open pit tour" in page and "Jasur Cleared" in page and "Kamola Unequipped" in page
    assert "Museum tour" not in page and "Lola Museum" not in page
    assert world.gate_cleared.document_number not in page
    assert guide.get(f"/pass/{world.gate_museum_person.pass_token}").status_code == 404
    assert guide.get(f"/visits/{world.gate_visit.id}").status_code == 403
    assert guide.get("/").headers["Location"] == "/gate"


def test_yesterdays_item_opens_no_pass_for_the_guide(app, world, login):
    world.gate_item.starts_at -= timedelta(days=1)
    world.gate_item.ends_at -= timedelta(days=1)
    db.session.commit()
    assert login(world.users["guide"]).get(f"/pass/{world.gate_cleared.pass_token}").status_code == 404
    page = login(world.users["coordinator"]).get(f"/pass/{world.gate_cleared.pass_token}").get_data(as_text=True)
    assert "No programme item for Jasur Cleared today." in page


def test_the_badge_encodes_the_pass_url_not_the_id(app, world):
    url = pass_url(world.gate_cleared)
    assert url == f"http://localhost:5000/pass/{world.gate_cleared.pass_token}"
    assert len(world.gate_cleared.pass_token) >= 32 and not url.endswith(f"/{world.gate_cleared.id}")
    assert world.gate_cleared.pass_token != world.gate_unequipped.pass_token


# --- the roll call ------------------------------------------------------------------


def test_the_roll_call_lists_who_is_in_and_not_out(app, world, login):
    coordinator = world.users["coordinator"]
    services.check_in(coordinator, world.gate_item, world.gate_cleared)
    roll = queries.roll_call(world.gate_site.id, clock.today())
    assert roll.total == 1 and [r.participant.full_name for r in roll.groups[0].people] == ["Jasur Cleared"]
    assert roll.groups[0].organisation == world.org_a and roll.groups[0].visit == world.gate_visit
    db.session.commit()
    guide = login(world.users["guide"])
    page = guide.get(f"/gate/sites/{world.gate_site.id}/roll-call").get_data(as_text=True)
    assert "Here now: 1" in page and "Jasur Cleared" in page and "Kamola Unequipped" not in page
    pdf = guide.get(f"/gate/sites/{world.gate_site.id}/roll-call.pdf?lang=ru")
    assert pdf.status_code == 200 and pdf.mimetype == "application/pdf"
    text = pypdf_text(pdf.data)
    assert "Список для эвакуации" in text and "Jasur Cleared" in text and "Kamola" not in text
    services.check_out(coordinator, world.gate_item, world.gate_cleared)
    assert queries.roll_call(world.gate_site.id, clock.today()).total == 0


def test_the_roll_call_pdf_is_one_page_for_a_busy_day(app, world, login):
    coordinator = world.users["coordinator"]
    people = [
        ParticipantFactory(
            visit=world.gate_visit,
            full_name=f"Visitor {n:02d}",
            ppe_issued=True,
            medical_clearance=True,
            date_of_birth=date(1990, 1, 1),
        )
        for n in range(30)
    ]
    world.gate_item.attendees.extend(people)
    db.session.flush()
    for person in people:
        services.check_in(coordinator, world.gate_item, person)
    db.session.commit()
    pdf = login(coordinator).get(f"/gate/sites/{world.gate_site.id}/roll-call.pdf?lang=uz")
    assert len(PdfReader(io.BytesIO(pdf.data)).pages) == 1
    text = pypdf_text(pdf.data)
    assert "Evakuatsiya roʻyxati" in text and "Hozir obyektda: 30" in text and "Visitor 29" in text

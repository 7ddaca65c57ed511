"""The programme's pages: reading, planning through the form, attendance."""

from datetime import date, datetime, time, timedelta

import pytest
from sqlalchemy import func, select

from partnership.core import clock
from partnership.extensions import db
from partnership.programme.models import ItineraryItem
from partnership.visits.models import VisitStatus
from tests.programme.factories import DAY, ItineraryItemFactory, at, visit_with
from tests.sites.factories import GuideFactory
from tests.statements import counting_statements
from tests.visits.factories import ParticipantFactory


def items(visit) -> int:
    return db.session.scalar(select(func.count(ItineraryItem.id)).where(ItineraryItem.visit_id == visit.id))


@pytest.fixture
def shared(world):
    """An approved visit of both universities, planned at the mine."""
    visit = visit_with(0, organisations=[world.org_a, world.org_b], title="Joint excursion")
    for name, org in (("Aziza Karimova", world.org_a), ("Bekzod Toʻrayev", world.org_a), ("Батбаяр Дорж", world.org_b)):
        ParticipantFactory(
            visit=visit,
            organisation=org,
            full_name=name,
            date_of_birth=date(2000, 1, 1),
            medical_clearance=True,
            ppe_issued=True,
        )
    db.session.refresh(visit)
    item = ItineraryItemFactory(
        visit=visit, site=world.site, guide=world.guide, activity="Open-pit tour", starts_at=at(10), ends_at=at(11, 30)
    )
    return visit, item


def form_data(world, **changes):
    data = {
        "site_id": world.site.id,
        "day": "2025-06-24",
        "starts_at": "12:00",
        "ends_at": "13:00",
        "activity": "Mining equipment",
        "guide_id": world.guide.id,
        "meeting_point": "Main gate",
        "attendee_ids": [],
    }
    data.update(changes)
    return data


# --- reading ------------------------------------------------------------------------------------


def test_programme_by_day_with_free_capacity(world, shared, management_client):
    visit, item = shared
    page = management_client.get(f"/visits/{visit.id}/programme").get_data(as_text=True)
    assert "Tuesday, June 24, 2025" in page and "Wednesday, June 25, 2025" in page
    assert "10:00–11:30" in page and "Open-pit tour" in page and "Bobur Karimov" in page
    assert "Aziza Karimova" in page and "Батбаяр Дорж" in page
    assert "Nothing planned on this day." in page  # the second day
    # The mine's day: 37 places free while the group is there, 40 before and after.
    assert "08:00–10:00" in page and "10:00–11:30" in page and "11:30–18:00" in page
    assert ">37<" in page.replace(" ", "")
    assert "Add an item" not in page and "Attendance" in page  # column, not the button
    assert f"/programme/items/{item.id}/attendance" not in page


def test_liaison_reads_only_own_attendees_by_name(world, shared, liaison_b_client):
    visit, _ = shared
    page = liaison_b_client.get(f"/visits/{visit.id}/programme").get_data(as_text=True)
    assert "Батбаяр Дорж" in page
    assert "Aziza Karimova" not in page and "Bekzod" not in page
    assert "2 from other organisations" in page


def test_other_liaison_reads_their_own_attendees(world, shared, liaison_a_client):
    visit, _ = shared
    page = liaison_a_client.get(f"/visits/{visit.id}/programme").get_data(as_text=True)
    assert "Aziza Karimova" in page and "Батбаяр Дорж" not in page and "1 from another organisation" in page


def test_free_capacity_of_another_site_and_day(world, shared, coordinator_client):
    visit, _ = shared
    page = coordinator_client.get(
        f"/visits/{visit.id}/programme?site={world.programme_site.id}&day=2025-06-25"
    ).get_data(as_text=True)
    assert "Demonstration workshop" in page and "Wednesday, June 25, 2025: capacity 30" in page


def test_staff_see_rules_broken_after_booking(world, shared, coordinator_client):
    visit, _ = shared
    visit.participants[0].ppe_issued = False
    db.session.commit()
    page = coordinator_client.get(f"/visits/{visit.id}/programme").get_data(as_text=True)
    assert "Kalmakyr mine requires personal protective equipment, not issued to: Aziza Karimova." in page


# --- planning -----------------------------------------------------------------------------------


def test_new_item_form_offers_every_participant_checked(world, shared, coordinator_client):
    visit, _ = shared
    page = coordinator_client.get(f"/visits/{visit.id}/programme/new?day=2025-06-24&site={world.site.id}")
    text = page.get_data(as_text=True)
    assert page.status_code == 200
    assert text.count('name="attendee_ids"') == 3 and text.count("checked") >= 3
    assert "Bobur Karimov (Kalmakyr mine)" in text
    assert 'value="2025-06-24"' in text


def test_plan_an_item_through_the_form(world, shared, coordinator_client):
    visit, _ = shared
    ids = [p.id for p in visit.participants]
    response = coordinator_client.post(f"/visits/{visit.id}/programme/new", data=form_data(world, attendee_ids=ids))
    assert response.status_code == 302
    assert response.location.endswith(f"/visits/{visit.id}/programme?day=2025-06-24&site={world.site.id}")
    item = db.session.scalar(select(ItineraryItem).where(ItineraryItem.activity == "Mining equipment"))
    assert (item.starts_at, item.ends_at) == (at(12), at(13))
    assert item.guide == world.guide and item.meeting_point == "Main gate"
    assert sorted(p.id for p in item.attendees) == sorted(ids)


def test_a_refused_rule_answers_beside_its_field_and_saves_nothing(world, shared, coordinator_client):
    visit, _ = shared
    young = ParticipantFactory(
        visit=visit,
        organisation=world.org_a,
        full_name="Ali Valiyev",
        date_of_birth=date(2008, 1, 1),
        medical_clearance=True,
        ppe_issued=True,
    )
    before = items(visit)
    response = coordinator_client.post(
        f"/visits/{visit.id}/programme/new",
        data=form_data(world, starts_at="11:00", ends_at="12:00", attendee_ids=[young.id]),
    )
    assert response.status_code == 200
    page = response.get_data(as_text=True)
    assert "Kalmakyr mine requires age 18+: Ali Valiyev (17)." in page
    assert "The visit is already at Kalmakyr mine 10:00–11:30 (“Open-pit tour”)" in page
    assert "Bobur Karimov already leads a group at Kalmakyr mine 10:00–11:30" in page
    assert page.count("invalid-feedback") >= 3
    assert items(visit) == before


def test_bad_input_answers_beside_the_field(world, shared, coordinator_client):
    visit, _ = shared
    response = coordinator_client.post(
        f"/visits/{visit.id}/programme/new", data=form_data(world, starts_at="13:00", ends_at="12:00", activity="")
    )
    page = response.get_data(as_text=True)
    assert response.status_code == 200
    assert "An item ends after it starts, on the same day." in page and "This field is required." in page
    response = coordinator_client.post(f"/visits/{visit.id}/programme/new", data=form_data(world, site_id="999999"))
    assert response.status_code == 200 and "Not a valid choice" in response.get_data(as_text=True)
    response = coordinator_client.post(f"/visits/{visit.id}/programme/new", data=form_data(world, day="24/06/2025"))
    assert response.status_code == 200 and "Not a valid date value." in response.get_data(as_text=True)
    response = coordinator_client.post(f"/visits/{visit.id}/programme/new", data=form_data(world, attendee_ids=[]))
    assert response.status_code == 200 and "Choose at least one attendee." in response.get_data(as_text=True)
    assert items(visit) == 1


def test_a_visit_not_approved_is_not_planned(world, coordinator_client):
    visit = visit_with(2, status=VisitStatus.requested)
    response = coordinator_client.post(f"/visits/{visit.id}/programme/new", data=form_data(world))
    assert response.status_code == 302
    page = coordinator_client.get(response.location).get_data(as_text=True)
    assert "The programme is planned while the visit is approved or confirmed; this visit is requested." in page
    assert items(visit) == 0


def test_edit_an_item(world, shared, admin_client):
    visit, item = shared
    page = admin_client.get(f"/visits/{visit.id}/programme/items/{item.id}/edit").get_data(as_text=True)
    assert 'value="Open-pit tour"' in page and 'value="10:00"' in page
    second = GuideFactory(name="Second guide", sites=[world.site])
    response = admin_client.post(
        f"/visits/{visit.id}/programme/items/{item.id}/edit",
        data=form_data(
            world,
            starts_at="09:00",
            ends_at="10:00",
            activity="Earlier tour",
            extra_guide_ids=[second.id],
            attendee_ids=[visit.participants[0].id],
        ),
    )
    assert response.status_code == 302
    db.session.refresh(item)
    assert item.starts_at == at(9) and item.activity == "Earlier tour"
    assert [g.name for g in item.guides] == ["Bobur Karimov", "Second guide"]
    assert [p.full_name for p in item.attendees] == ["Aziza Karimova"]


def test_delete_an_item(world, shared, coordinator_client):
    visit, item = shared
    response = coordinator_client.post(f"/visits/{visit.id}/programme/items/{item.id}/delete")
    assert response.status_code == 302
    assert db.session.get(ItineraryItem, item.id) is None
    assert "Open-pit tour is taken off the programme." in coordinator_client.get(response.location).get_data(
        as_text=True
    )


def test_delete_without_csrf_is_refused(world, shared, coordinator_client):
    visit, item = shared
    response = coordinator_client.post(f"/visits/{visit.id}/programme/items/{item.id}/delete", no_csrf=True)
    assert response.status_code == 400
    assert db.session.get(ItineraryItem, item.id) is not None


def test_completed_visit_keeps_its_programme(world, shared, coordinator_client):
    visit, item = shared
    visit.status = VisitStatus.completed
    db.session.commit()
    response = coordinator_client.post(f"/visits/{visit.id}/programme/items/{item.id}/delete")
    assert response.status_code == 302 and db.session.get(ItineraryItem, item.id) is not None
    page = coordinator_client.get(f"/visits/{visit.id}/programme").get_data(as_text=True)
    assert "Add an item" not in page and f"/items/{item.id}/edit" not in page
    assert f"/items/{item.id}/attendance" in page  # what was carried out is still recorded


# --- attendance ---------------------------------------------------------------------------------


def test_record_attendance(world, shared, coordinator_client):
    visit, item = shared
    url = f"/visits/{visit.id}/programme/items/{item.id}/attendance"
    page = coordinator_client.get(url).get_data(as_text=True)
    assert page.count("checked") == 3  # everybody present until told otherwise
    aziza, bekzod, batbayar = visit.participants
    response = coordinator_client.post(url, data={"present": [aziza.id, batbayar.id]})
    assert response.status_code == 302
    db.session.refresh(item)
    assert {a.participant_id: a.attended for a in item.attendances} == {
        aziza.id: True,
        bekzod.id: False,
        batbayar.id: True,
    }
    page = coordinator_client.get(f"/visits/{visit.id}/programme").get_data(as_text=True)
    assert "2 of 3 present" in page
    assert coordinator_client.get(url).get_data(as_text=True).count("checked") == 2


def test_attendance_waits_for_the_day(world, coordinator_client):
    tomorrow = clock.today() + timedelta(days=1)
    visit = visit_with(2, starts_on=tomorrow, ends_on=tomorrow)
    item = ItineraryItemFactory(
        visit=visit,
        site=world.programme_site,
        starts_at=datetime.combine(tomorrow, time(10)),
        ends_at=datetime.combine(tomorrow, time(11)),
    )
    response = coordinator_client.post(
        f"/visits/{visit.id}/programme/items/{item.id}/attendance", data={"present": [visit.participants[0].id]}
    )
    assert response.status_code == 302
    db.session.refresh(item)
    assert not item.attendance_recorded
    page = coordinator_client.get(response.location).get_data(as_text=True)
    assert "Attendance is recorded on the day of the item or after it" in page


def test_attendance_refuses_people_not_planned(world, shared, coordinator_client):
    visit, item = shared
    stranger = world.planned_participant
    response = coordinator_client.post(
        f"/visits/{visit.id}/programme/items/{item.id}/attendance", data={"present": [stranger.id]}
    )
    page = response.get_data(as_text=True)
    assert response.status_code == 200 and f"&#39;{stranger.id}&#39; is not a valid choice for this field." in page
    db.session.refresh(item)
    assert not item.attendance_recorded


# --- a fixed number of queries ------------------------------------------------------------------


def count_queries(app, call) -> int:
    with counting_statements() as statements:
        call()
    return len(statements)


def test_programme_page_queries_do_not_grow_with_items(app, world, coordinator_client):
    visit = visit_with(6, organisations=[world.org_a, world.org_b])
    extra = [GuideFactory(name=f"Extra {n}", sites=[world.programme_site]) for n in range(3)]

    def page():
        assert coordinator_client.get(f"/visits/{visit.id}/programme").status_code == 200

    for k in range(2):
        ItineraryItemFactory(
            visit=visit,
            site=world.programme_site,
            guide=extra[k],
            starts_at=at(9 + k),
            ends_at=at(9 + k, 45),
            activity=f"Stop {k}",
        )
    db.session.commit()  # both counts read committed items, from a fresh transaction
    few = count_queries(app, page)
    for k in range(3):  # more items, at another site, with other guides
        item = ItineraryItemFactory(
            visit=visit,
            site=world.site,
            guide=world.guide,
            starts_at=at(14 + k),
            ends_at=at(14 + k, 30),
            activity=f"Later {k}",
        )
        item.extra_guides = [extra[2]]
    db.session.commit()
    assert count_queries(app, page) == few


def test_calendars_queries_do_not_grow_with_visits(app, world, management_client):
    def week():
        assert management_client.get(f"/calendar?view=week&date={DAY.isoformat()}").status_code == 200
        assert (
            management_client.get(f"/sites/{world.site.id}/calendar?view=week&date={DAY.isoformat()}").status_code
            == 200
        )

    def add_visit(n):
        visit = visit_with(2, title=f"Visit {n}", organisations=[world.org_a if n % 2 else world.org_b])
        ItineraryItemFactory(visit=visit, site=world.site, starts_at=at(8 + n), ends_at=at(8 + n, 30))

    add_visit(1)
    few = count_queries(app, week)
    for n in range(2, 6):
        add_visit(n)
    assert count_queries(app, week) == few


def test_removing_a_participant_takes_them_off_the_programme(world, shared):
    from partnership.participants import services as participant_services

    visit, item = shared
    leaving = visit.participants[0]
    participant_services.remove_participant(world.users["coordinator"], leaving)
    db.session.commit()
    db.session.expire_all()
    assert leaving.id not in {a.participant_id for a in db.session.get(ItineraryItem, item.id).attendances}
    assert len(db.session.get(ItineraryItem, item.id).attendances) == 2

"""The itinerary's rules through the service layer: one test per rule, each message
naming the rule and the people or slot concerned."""

from datetime import date, time

import pytest
from sqlalchemy import func, select

from partnership.core.errors import DomainError
from partnership.extensions import db
from partnership.programme import rules, services
from partnership.programme.models import ItineraryAttendee, ItineraryItem
from partnership.programme.rules import ItineraryRuleError
from partnership.sites import services as site_services
from partnership.sites.models import Site
from partnership.visits.models import VisitStatus
from tests.programme.factories import DAY, NEXT_DAY, at, guides, visit_with
from tests.sites.factories import GuideFactory, SiteFactory
from tests.visits.factories import ParticipantFactory


@pytest.fixture
def setting(app, world):
    site = world.site  # Kalmakyr mine: 40 people, 18+, PPE, medical clearance, 12 per guide
    return site, guides(site, 4), world.users["coordinator"]


def book(actor, visit, site, start, end, guide_list=(), **kwargs):
    guide_list = list(guide_list)
    item = services.add_item(
        actor,
        visit,
        site=site,
        starts_at=start,
        ends_at=end,
        activity=kwargs.pop("activity", "Open-pit tour"),
        guide=guide_list[0] if guide_list else None,
        extra_guides=guide_list[1:],
        **kwargs,
    )
    db.session.commit()
    return item


def refused(call) -> ItineraryRuleError:
    with pytest.raises(ItineraryRuleError) as error:
        call()
    db.session.rollback()
    return error.value


def items() -> int:
    """Items booked at the mine (other sub-domains' worlds have items of their own elsewhere)."""
    return db.session.scalar(
        select(func.count(ItineraryItem.id))
        .join(Site, Site.id == ItineraryItem.site_id)
        .where(Site.name == "Kalmakyr mine")
    )


def test_a_valid_booking_takes_every_participant_by_default(setting):
    site, (g1, *_), coordinator = setting
    visit = visit_with(10)
    item = book(coordinator, visit, site, at(10), at(11), [g1], meeting_point="Main gate")
    assert sorted(p.full_name for p in item.attendees) == sorted(p.full_name for p in visit.participants)
    assert item.guide is g1 and item.meeting_point == "Main gate"
    assert [i.id for i in visit.itinerary_items] == [item.id]


def test_times_end_after_start_on_the_same_day(setting):
    site, (g1, *_), coordinator = setting
    visit = visit_with(3)
    error = refused(lambda: book(coordinator, visit, site, at(11), at(10), [g1]))
    assert error.rules == ["times"] and error.field == "ends_at"
    error = refused(lambda: book(coordinator, visit, site, at(17), at(9, day=NEXT_DAY), [g1]))
    assert error.rules == ["times"]
    assert items() == 0


def test_inside_the_visit_dates(setting):
    site, (g1, *_), coordinator = setting
    visit = visit_with(3)
    error = refused(
        lambda: book(coordinator, visit, site, at(10, day=date(2025, 6, 26)), at(11, day=date(2025, 6, 26)), [g1])
    )
    assert error.rules == ["visit_dates"] and error.field == "day"
    assert "Jun 26, 2025 is outside the visit’s dates (Jun 24, 2025 – Jun 25, 2025)." == error.message


def test_inside_the_site_opening_days(setting):
    site, (g1, *_), coordinator = setting
    site.opening_days = {0, 2, 3, 4}  # closed on Tuesdays
    db.session.commit()
    visit = visit_with(3)
    error = refused(lambda: book(coordinator, visit, site, at(10), at(11), [g1]))
    assert error.rules == ["opening_hours"]
    assert error.message == "Kalmakyr mine is closed on Tuesday."


def test_inside_the_site_opening_hours(setting):
    site, (g1, *_), coordinator = setting
    visit = visit_with(3)
    error = refused(lambda: book(coordinator, visit, site, at(17), at(18, 30), [g1]))
    assert error.rules == ["opening_hours"] and error.field == "starts_at"
    assert error.message == "Kalmakyr mine receives visitors 08:00–18:00: 17:00–18:30 is outside its opening hours."
    book(coordinator, visit, site, at(8), at(18), [g1])  # the whole opening day is fine


def test_no_two_items_of_a_visit_overlap(setting):
    site, (g1, g2, *_), coordinator = setting
    museum = SiteFactory(name="History museum")
    visit = visit_with(3)
    book(coordinator, visit, museum, at(10), at(11), activity="Company history")
    error = refused(lambda: book(coordinator, visit, site, at(10, 30), at(12), [g1]))
    assert error.rules == ["visit_overlap"]
    assert error.message == (
        "The visit is already at History museum 10:00–11:00 (“Company history”): two items of one visit cannot overlap."
    )
    book(coordinator, visit, site, at(11), at(12), [g1])  # back to back is fine


def test_a_guide_leads_only_at_their_sites(setting):
    site, _, coordinator = setting
    stranger = GuideFactory(name="Jasur Toshev")
    visit = visit_with(3)
    error = refused(lambda: book(coordinator, visit, site, at(10), at(11), [stranger]))
    assert error.rules == ["guide_site"] and error.field == "guide_id"
    assert error.message == "Jasur Toshev does not lead groups at Kalmakyr mine."


def test_a_guide_is_never_in_two_places_at_once(setting):
    site, (g1, g2, *_), coordinator = setting
    museum = SiteFactory(name="History museum")
    museum.guides.append(g1)
    db.session.commit()
    first, second = visit_with(3, title="First"), visit_with(3, title="Second")
    book(coordinator, first, museum, at(10), at(11), [g1])
    error = refused(lambda: book(coordinator, second, site, at(10, 30), at(11, 30), [g2, g1]))
    assert error.rules == ["guide_busy"]
    assert error.message == (
        "Guide 1 already leads a group at History museum 10:00–11:00: a guide cannot be in two places at once."
    )
    book(coordinator, second, site, at(11), at(12), [g2, g1])


def test_capacity_over_all_visits(setting):
    site, gs, coordinator = setting
    site.max_group_per_guide = None
    db.session.commit()
    big, small, late = visit_with(38, title="Big"), visit_with(5, title="Small"), visit_with(2, title="Late")
    book(coordinator, big, site, at(9), at(11), gs[:1])
    error = refused(lambda: book(coordinator, small, site, at(10), at(12), gs[1:2]))
    assert error.rules == ["capacity"]
    assert error.message == "Kalmakyr mine: capacity 40 exceeded 10:00–11:00: 38 already booked, 5 more requested."
    book(coordinator, late, site, at(10), at(12), gs[1:2])  # 38 + 2 = 40 fits exactly
    book(coordinator, small, site, at(11), at(12, 30), gs[2:3], attendees=small.participants[:3])  # 2 + 3 after 11:00


def test_capacity_alone(setting):
    site, gs, coordinator = setting
    site.max_group_per_guide = None
    db.session.commit()
    crowd = visit_with(41, title="Crowd")
    error = refused(lambda: book(coordinator, crowd, site, at(10), at(11), gs[:1]))
    assert error.message == "Kalmakyr mine: capacity 40 exceeded 10:00–11:00: 0 already booked, 41 more requested."


def test_minimum_age_at_the_date_of_the_item(setting):
    site, gs, coordinator = setting
    visit = visit_with(2, title="Young")
    ParticipantFactory(
        visit=visit,
        organisation=visit.organisations[0],
        full_name="Ali Valiyev",
        date_of_birth=date(2007, 6, 25),
        medical_clearance=True,
        ppe_issued=True,
    )
    ParticipantFactory(
        visit=visit,
        organisation=visit.organisations[0],
        full_name="Malika Ergasheva",
        date_of_birth=None,
        medical_clearance=True,
        ppe_issued=True,
    )
    db.session.commit()  # the first refusal rolls back
    db.session.refresh(visit)
    error = refused(lambda: book(coordinator, visit, site, at(10), at(11), gs[:1]))
    assert error.rules == ["min_age"] and error.field == "attendee_ids"
    assert error.message == (
        "Kalmakyr mine requires age 18+: Ali Valiyev (17), Malika Ergasheva (date of birth unknown)."
    )
    # The next day Ali is 18; Malika still has no date of birth.
    error = refused(lambda: book(coordinator, visit, site, at(10, day=NEXT_DAY), at(11, day=NEXT_DAY), gs[:1]))
    assert error.message == "Kalmakyr mine requires age 18+: Malika Ergasheva (date of birth unknown)."


def test_medical_clearance(setting):
    site, gs, coordinator = setting
    visit = visit_with(2, title="Group")
    ParticipantFactory(
        visit=visit,
        organisation=visit.organisations[0],
        full_name="Батбаяр Дорж",
        date_of_birth=date(2001, 1, 1),
        medical_clearance=False,
        ppe_issued=True,
    )
    db.session.refresh(visit)
    error = refused(lambda: book(coordinator, visit, site, at(10), at(11), gs[:1]))
    assert error.rules == ["medical_clearance"]
    assert error.message == "Kalmakyr mine requires medical clearance, which these attendees lack: Батбаяр Дорж."


def test_personal_protective_equipment(setting):
    site, gs, coordinator = setting
    visit = visit_with(1, title="Group")
    ParticipantFactory(
        visit=visit,
        organisation=visit.organisations[0],
        full_name="Riahi Amma Vissal",
        date_of_birth=date(2001, 1, 1),
        medical_clearance=True,
        ppe_issued=False,
    )
    db.session.refresh(visit)
    error = refused(lambda: book(coordinator, visit, site, at(10), at(11), gs[:1]))
    assert error.rules == ["ppe"]
    assert error.message == ("Kalmakyr mine requires personal protective equipment, not issued to: Riahi Amma Vissal.")
    # Those who meet the rules may go without her.
    book(coordinator, visit, site, at(10), at(11), gs[:1], attendees=visit.participants[:1])


def test_group_size_per_guide(setting):
    site, gs, coordinator = setting
    visit = visit_with(30)
    error = refused(lambda: book(coordinator, visit, site, at(10), at(11), gs[:2]))
    assert error.rules == ["group_size"] and error.field == "guide_id"
    assert error.message == (
        "Kalmakyr mine allows at most 12 people per guide: 30 attendees need 3 guide(s), 2 assigned."
    )
    item = book(coordinator, visit, site, at(10), at(11), gs[:3])
    assert [g.name for g in item.guides] == ["Guide 1", "Guide 2", "Guide 3"]


def test_a_site_without_limit_needs_no_guide(app, world):
    museum = SiteFactory(name="History museum")
    visit = visit_with(30)
    item = book(world.users["coordinator"], visit, museum, at(10), at(11))
    assert item.guides == [] and len(item.attendees) == 30


def test_attendees_are_the_visits_own_people(setting):
    site, gs, coordinator = setting
    visit, other = visit_with(2, title="Ours"), visit_with(1, title="Theirs")
    error = refused(lambda: book(coordinator, visit, site, at(10), at(11), gs[:1], attendees=[]))
    assert error.rules == ["attendees"] and error.message == "Choose at least one attendee."
    error = refused(lambda: book(coordinator, visit, site, at(10), at(11), gs[:1], attendees=other.participants))
    assert error.message == "Not participants of this visit: Theirs person 1."


def test_several_rules_answer_together(setting):
    site, _, coordinator = setting
    visit = visit_with(1, title="Group")
    ParticipantFactory(
        visit=visit,
        organisation=visit.organisations[0],
        full_name="Ali Valiyev",
        date_of_birth=date(2010, 1, 1),
        medical_clearance=False,
        ppe_issued=False,
    )
    db.session.refresh(visit)
    error = refused(lambda: book(coordinator, visit, site, at(10), at(11)))
    assert error.rules == ["min_age", "medical_clearance", "ppe", "group_size"]
    assert [v.field for v in error.violations] == ["attendee_ids"] * 3 + ["guide_id"]


@pytest.mark.parametrize(
    "status",
    [VisitStatus.draft, VisitStatus.requested, VisitStatus.rejected, VisitStatus.cancelled, VisitStatus.completed],
)
def test_only_approved_or_confirmed_visits_are_planned(setting, status):
    site, gs, coordinator = setting
    visit = visit_with(2, status=status)
    with pytest.raises(DomainError) as error:
        book(coordinator, visit, site, at(10), at(11), gs[:1])
    assert "approved or confirmed" in error.value.message and status.value in error.value.message
    db.session.rollback()
    assert items() == 0


def test_confirmed_visits_are_planned(setting):
    site, gs, coordinator = setting
    book(coordinator, visit_with(2, status=VisitStatus.confirmed), site, at(10), at(11), gs[:1])
    assert items() == 1


def test_cancelled_visits_hold_neither_places_nor_guides(setting):
    site, gs, coordinator = setting
    site.max_group_per_guide = None
    db.session.commit()
    gone, coming = visit_with(40, title="Gone"), visit_with(40, title="Coming")
    book(coordinator, gone, site, at(10), at(11), gs[:1])
    error = refused(lambda: book(coordinator, coming, site, at(10), at(11), gs[:1]))
    assert error.rules == ["guide_busy", "capacity"]
    gone.status = VisitStatus.cancelled
    db.session.commit()
    book(coordinator, coming, site, at(10), at(11), gs[:1])


def test_an_edit_does_not_clash_with_itself_and_keeps_attendance(setting):
    site, gs, coordinator = setting
    visit = visit_with(3)
    item = book(coordinator, visit, site, at(10), at(11), gs[:1])
    services.record_attendance(coordinator, item, {visit.participants[0].id}, today=DAY)
    db.session.commit()
    services.update_item(
        coordinator,
        item,
        site=site,
        starts_at=at(10, 30),
        ends_at=at(11, 30),
        activity="Longer tour",
        guide=gs[0],
        attendees=visit.participants[:2],
    )
    db.session.commit()
    db.session.refresh(item)
    assert (item.starts_at, item.activity) == (at(10, 30), "Longer tour")
    assert {a.participant.full_name: a.attended for a in item.attendances} == {
        visit.participants[0].full_name: True,
        visit.participants[1].full_name: False,
    }
    assert (
        db.session.scalar(
            select(func.count()).select_from(ItineraryAttendee).where(ItineraryAttendee.item_id == item.id)
        )
        == 2
    )


def test_an_edit_is_checked_like_a_booking(setting):
    site, gs, coordinator = setting
    site.max_group_per_guide = None
    db.session.commit()
    a, b = visit_with(30, title="A"), visit_with(11, title="B")
    book(coordinator, a, site, at(9), at(10), gs[:1])
    item = book(coordinator, b, site, at(10), at(11), gs[1:2])
    error = refused(
        lambda: services.update_item(
            coordinator,
            item,
            site=site,
            starts_at=at(9, 30),
            ends_at=at(10, 30),
            activity="Tour",
            guide=gs[0],
            attendees=b.participants + [],
        )
    )
    assert error.rules == ["guide_busy", "capacity"]
    assert "capacity 40 exceeded 09:30–10:00: 30 already booked, 11 more requested" in error.message
    db.session.refresh(item)
    assert item.starts_at == at(10)


def test_delete_frees_the_place(setting):
    site, gs, coordinator = setting
    site.max_group_per_guide = None
    db.session.commit()
    first, second = visit_with(40, title="First"), visit_with(1, title="Second")
    item = book(coordinator, first, site, at(10), at(11), gs[:1])
    refused(lambda: book(coordinator, second, site, at(10), at(11), gs[1:2]))
    services.delete_item(coordinator, item)
    db.session.commit()
    book(coordinator, second, site, at(10), at(11), gs[1:2])


def test_delete_only_while_planned(setting):
    site, gs, coordinator = setting
    visit = visit_with(2)
    item = book(coordinator, visit, site, at(10), at(11), gs[:1])
    visit.status = VisitStatus.completed
    db.session.commit()
    with pytest.raises(DomainError):
        services.delete_item(coordinator, item)


def test_attendance_on_the_day_or_after(setting):
    site, gs, coordinator = setting
    visit = visit_with(3)
    item = book(coordinator, visit, site, at(10), at(11), gs[:1])
    with pytest.raises(DomainError) as error:
        services.record_attendance(coordinator, item, set(), today=date(2025, 6, 23))
    assert error.value.message == "Attendance is recorded on the day of the item or after it."
    first, second, third = visit.participants
    services.record_attendance(coordinator, item, {first.id, third.id}, today=DAY)
    db.session.commit()
    assert item.attendance_recorded and item.attended_count == 2
    assert {a.participant_id: a.attended for a in item.attendances} == {
        first.id: True,
        second.id: False,
        third.id: True,
    }
    visit.status = VisitStatus.completed  # after the visit, the record is still kept
    services.record_attendance(coordinator, item, {first.id}, today=date(2025, 7, 1))
    assert item.attended_count == 1


def test_attendance_names_only_planned_people(setting):
    site, gs, coordinator = setting
    visit = visit_with(2)
    item = book(coordinator, visit, site, at(10), at(11), gs[:1], attendees=visit.participants[:1])
    with pytest.raises(DomainError):
        services.record_attendance(coordinator, item, {visit.participants[1].id}, today=DAY)


def test_attendance_not_for_cancelled_visits(setting):
    site, gs, coordinator = setting
    visit = visit_with(2)
    item = book(coordinator, visit, site, at(10), at(11), gs[:1])
    visit.status = VisitStatus.cancelled
    db.session.commit()
    with pytest.raises(DomainError):
        services.record_attendance(coordinator, item, set(), today=DAY)


def test_warnings_when_a_participant_changes_after_booking(setting):
    site, gs, coordinator = setting
    visit = visit_with(2)
    item = book(coordinator, visit, site, at(10), at(11), gs[:1])
    assert rules.item_warnings(item) == []
    visit.participants[0].ppe_issued = False
    assert [v.rule for v in rules.item_warnings(item)] == ["ppe"]


# --- a site's change must not break upcoming bookings --------------------------------------------


def test_site_capacity_cannot_drop_below_upcoming_bookings(setting):
    site, gs, coordinator = setting
    book(coordinator, visit_with(10), site, at(10), at(11), gs[:1])
    with pytest.raises(DomainError) as error:
        site_services.update_site(coordinator, site, capacity=8, today=DAY)
    assert error.value.field == "capacity"
    assert "Jun 24, 2025 10:00–11:00: 10 people are booked, more than a capacity of 8." in error.value.message
    db.session.rollback()
    site_services.update_site(coordinator, site, capacity=8, today=NEXT_DAY)  # history is history
    site_services.update_site(coordinator, site, capacity=10, today=DAY)


def test_site_rules_cannot_tighten_under_upcoming_bookings(setting):
    site, gs, coordinator = setting
    book(coordinator, visit_with(2, title="Group"), site, at(10), at(11), gs[:1])
    with pytest.raises(DomainError) as error:
        site_services.update_site(coordinator, site, min_age=30, opens_at=time(10, 30), today=DAY)
    message = error.value.message
    assert "“Open-pit tour” on Jun 24, 2025: Kalmakyr mine requires age 30+: Group person 1 (25)" in message
    assert "10:30–18:00: 10:00–11:00 is outside its opening hours" in message


def test_a_guide_with_upcoming_groups_stays_at_the_site(setting):
    site, gs, coordinator = setting
    book(coordinator, visit_with(2), site, at(10), at(11), gs[:1])
    with pytest.raises(DomainError) as error:
        site_services.remove_guide(coordinator, site, gs[0], today=DAY)
    assert "Guide 1 does not lead groups at Kalmakyr mine" in error.value.message
    db.session.rollback()
    site_services.remove_guide(coordinator, site, gs[1], today=DAY)

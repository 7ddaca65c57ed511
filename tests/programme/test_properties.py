"""Random sequences of bookings, edits, deletions and cancellations through the service
layer. After every step the database must break no rule, and the service must have
accepted exactly the plans that break none: both judged by an independent checker
written here from the issue's wording, not from the service's code."""

from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from itertools import combinations

import pytest
from hypothesis import HealthCheck, settings
from hypothesis import strategies as st
from hypothesis.stateful import (
    RuleBasedStateMachine,
    invariant,
    precondition,
    rule,
    run_state_machine_as_test,
)
from sqlalchemy import select

from partnership.core.errors import DomainError
from partnership.core.roles import Role
from partnership.extensions import db
from partnership.programme import services
from partnership.programme.models import (
    ItineraryAttendee,
    ItineraryItem,
    itinerary_extra_guides,
)
from partnership.sites.models import Guide, Site
from partnership.visits.models import Participant, Visit, VisitStatus
from tests.conftest import empty_database
from tests.factories import OrganisationFactory, UserFactory
from tests.sites.factories import GuideFactory, SiteFactory
from tests.visits.factories import ParticipantFactory, VisitFactory

FIRST_DAY = date(2025, 6, 23)  # Monday
DAYS = [FIRST_DAY + timedelta(days=n) for n in range(3)]
OCCUPYING = {VisitStatus.approved, VisitStatus.confirmed, VisitStatus.completed}


@dataclass(frozen=True)
class Booking:
    """An item as the checker sees it: plain values read from the database."""

    id: int | None
    visit_id: int
    site_id: int
    guide_ids: tuple[int, ...]
    start: datetime
    end: datetime
    attendee_ids: frozenset[int]


def age(born: date, on: date) -> int:
    return on.year - born.year - ((on.month, on.day) < (born.month, born.day))


class World:
    """The sites, guides, visits and people, read once per example (they do not change)."""

    def __init__(self):
        self.sites = {s.id: s for s in db.session.scalars(select(Site))}
        self.site_guides = {s.id: {g.id for g in s.guides} for s in self.sites.values()}
        self.people = {p.id: p for p in db.session.scalars(select(Participant))}

    def visits(self) -> dict[int, Visit]:
        return {v.id: v for v in db.session.scalars(select(Visit).execution_options(populate_existing=True))}

    def bookings(self) -> list[Booking]:
        extra = {}
        for item_id, guide_id in db.session.execute(
            select(itinerary_extra_guides.c.item_id, itinerary_extra_guides.c.guide_id)
        ):
            extra.setdefault(item_id, []).append(guide_id)
        people = {}
        for item_id, participant_id in db.session.execute(
            select(ItineraryAttendee.item_id, ItineraryAttendee.participant_id)
        ):
            people.setdefault(item_id, set()).add(participant_id)
        rows = db.session.execute(
            select(
                ItineraryItem.id,
                ItineraryItem.visit_id,
                ItineraryItem.site_id,
                ItineraryItem.guide_id,
                ItineraryItem.starts_at,
                ItineraryItem.ends_at,
            )
        )
        return [
            Booking(
                r.id,
                r.visit_id,
                r.site_id,
                tuple(([r.guide_id] if r.guide_id else []) + sorted(extra.get(r.id, []))),
                r.starts_at,
                r.ends_at,
                frozenset(people.get(r.id, set())),
            )
            for r in rows
        ]

    def broken(self, bookings: list[Booking], visits: dict[int, Visit]) -> list[str]:  # noqa: C901  (every rule, in one place)
        """Every rule of the issue that ``bookings`` break, over visits that hold people."""
        found = []
        live = [b for b in bookings if visits[b.visit_id].status in OCCUPYING]
        for b in live:
            site, visit = self.sites[b.site_id], visits[b.visit_id]
            day = b.start.date()
            if not (b.start < b.end and b.end.date() == day):
                found.append(f"{b}: times")
                continue
            if not visit.starts_on <= day <= visit.ends_on:
                found.append(f"{b}: outside the visit")
            if (
                day.weekday() not in site.opening_days
                or b.start.time() < site.opens_at
                or b.end.time() > site.closes_at
            ):
                found.append(f"{b}: outside opening hours")
            if not set(b.guide_ids) <= self.site_guides[site.id] or len(set(b.guide_ids)) != len(b.guide_ids):
                found.append(f"{b}: guide not of the site")
            if not b.attendee_ids:
                found.append(f"{b}: nobody")
            for pid in b.attendee_ids:
                person = self.people[pid]
                if person.visit_id != b.visit_id:
                    found.append(f"{b}: {person.full_name} not of the visit")
                if site.min_age and (person.date_of_birth is None or age(person.date_of_birth, day) < site.min_age):
                    found.append(f"{b}: {person.full_name} too young")
                if site.medical_clearance_required and not person.medical_clearance:
                    found.append(f"{b}: {person.full_name} without clearance")
                if site.ppe_required and not person.ppe_issued:
                    found.append(f"{b}: {person.full_name} without PPE")
            if site.max_group_per_guide and len(b.attendee_ids) > site.max_group_per_guide * len(b.guide_ids):
                found.append(f"{b}: group too large for its guides")
        for a, b in combinations(live, 2):
            if a.start < b.end and b.start < a.end:
                if a.visit_id == b.visit_id:
                    found.append(f"{a} and {b}: one visit in two places")
                if set(a.guide_ids) & set(b.guide_ids):
                    found.append(f"{a} and {b}: a guide in two places")
        for site in self.sites.values():
            here = [b for b in live if b.site_id == site.id]
            for moment in {b.start for b in here}:
                people = sum(len(b.attendee_ids) for b in here if b.start <= moment < b.end)
                if people > site.capacity:
                    found.append(f"{site.name} at {moment}: {people} people")
        return found


def build_setting():
    """Two small sites (one with every safety rule), three guides, three approved visits
    of four people each, some of whom fail the safety rules."""
    mine = SiteFactory(
        name="Mine",
        capacity=7,
        min_age=18,
        ppe_required=True,
        medical_clearance_required=True,
        max_group_per_guide=2,
        opening_days={0, 1, 2, 3, 4},
        opens_at=time(8),
        closes_at=time(13),
    )
    museum = SiteFactory(
        name="Museum", capacity=6, opening_days={1, 2, 3, 4, 5, 6}, opens_at=time(9), closes_at=time(17)
    )
    GuideFactory(name="Guide at both", sites=[mine, museum])
    GuideFactory(name="Guide at the mine", sites=[mine])
    GuideFactory(name="Guide at the museum", sites=[museum])
    org = OrganisationFactory()
    for n, (first, last) in enumerate([(DAYS[0], DAYS[1]), (DAYS[1], DAYS[2]), (DAYS[0], DAYS[2])]):
        visit = VisitFactory(
            title=f"Visit {n}", status=VisitStatus.approved, starts_on=first, ends_on=last, organisations=[org]
        )
        people = [
            dict(date_of_birth=date(2000, 1, 1), medical_clearance=True, ppe_issued=True),
            dict(date_of_birth=date(2001, 5, 5), medical_clearance=True, ppe_issued=True),
            dict(date_of_birth=date(2007, 6, 24), medical_clearance=True, ppe_issued=True),  # 18 on 24 June
            dict(date_of_birth=date(1999, 3, 3), medical_clearance=n != 1, ppe_issued=n != 2),
        ]
        for k, values in enumerate(people):
            ParticipantFactory(visit=visit, organisation=org, full_name=f"Person {n}.{k}", **values)
    planner = UserFactory(username="planner", role=Role.coordinator)
    db.session.commit()  # the setting outlives the refused bookings' rollbacks
    return planner


slots = st.tuples(
    st.sampled_from(DAYS * 3 + [DAYS[-1] + timedelta(days=1)]),
    # Half hours after midnight: mostly within opening hours, sometimes from 07:00 to 17:00.
    st.one_of(st.integers(min_value=18, max_value=24), st.integers(min_value=14, max_value=34)),
    st.sampled_from([1, 2, 2, 3, 4, -1]),  # length in half hours; -1 ends before it starts
)


class Planning(RuleBasedStateMachine):
    def __init__(self):
        super().__init__()
        empty_database()
        self.actor = build_setting()
        self.world = World()
        self.site_ids = sorted(self.world.sites)
        self.guide_ids = sorted(db.session.scalars(select(Guide.id)))
        self.cancelled = False

    # -- helpers -----------------------------------------------------------------------------------

    def proposal(self, data, item_id=None, visit_id=None):
        visits = self.world.visits()
        visit_id = visit_id or data.draw(st.sampled_from(sorted(visits)))
        people = sorted(p.id for p in self.world.people.values() if p.visit_id == visit_id)
        others = sorted(p.id for p in self.world.people.values() if p.visit_id != visit_id)
        attendees = data.draw(
            st.one_of(
                st.sets(st.sampled_from(people), min_size=1, max_size=2),
                st.none(),  # every participant of the visit
                st.sets(st.sampled_from(people), max_size=4),
                st.sets(st.sampled_from(people + others[:1]), min_size=1, max_size=3),
            )
        )
        day, start, length = data.draw(slots)
        starts = datetime.combine(day, time()) + timedelta(minutes=30 * start)
        site_id = data.draw(st.sampled_from(self.site_ids))
        guides = data.draw(
            st.one_of(
                st.lists(st.sampled_from(sorted(self.world.site_guides[site_id])), unique=True, min_size=1, max_size=2),
                st.lists(st.sampled_from(self.guide_ids), unique=True, max_size=3),
            )
        )
        booking = Booking(
            item_id,
            visit_id,
            site_id,
            tuple(guides),
            starts,
            starts + timedelta(minutes=30 * length),
            frozenset(people if attendees is None else attendees),
        )
        return booking, visits

    def call(self, booking: Booking, action):
        site = db.session.get(Site, booking.site_id)
        guides = [db.session.get(Guide, g) for g in booking.guide_ids]
        people = [db.session.get(Participant, p) for p in sorted(booking.attendee_ids)]
        try:
            action(
                site=site,
                starts_at=booking.start,
                ends_at=booking.end,
                activity="Visit",
                guide=guides[0] if guides else None,
                extra_guides=guides[1:],
                attendees=people,
            )
        except DomainError:
            db.session.rollback()
            return False
        db.session.commit()
        return True

    def judge(self, accepted: bool, expected_ok: bool, what) -> None:
        assert accepted == expected_ok, f"service {'accepted' if accepted else 'refused'} {what}"

    # -- steps -------------------------------------------------------------------------------------

    @rule(data=st.data())
    def book(self, data):
        booking, visits = self.proposal(data)
        current = self.world.bookings()
        visit = visits[booking.visit_id]
        expected_ok = visit.status in (VisitStatus.approved, VisitStatus.confirmed) and not self.world.broken(
            current + [booking], visits
        )
        accepted = self.call(booking, lambda **kw: services.add_item(self.actor, db.session.get(Visit, visit.id), **kw))
        self.judge(accepted, expected_ok, booking)

    @precondition(lambda self: self.world.bookings())
    @rule(data=st.data())
    def edit(self, data):
        current = self.world.bookings()
        old = data.draw(st.sampled_from(current))
        booking, visits = self.proposal(data, item_id=old.id, visit_id=old.visit_id)
        visit = visits[old.visit_id]
        expected_ok = visit.status in (VisitStatus.approved, VisitStatus.confirmed) and not self.world.broken(
            [b for b in current if b.id != old.id] + [booking], visits
        )
        item = db.session.get(ItineraryItem, old.id)
        accepted = self.call(booking, lambda **kw: services.update_item(self.actor, item, **kw))
        self.judge(accepted, expected_ok, booking)

    @precondition(lambda self: self.world.bookings())
    @rule(data=st.data())
    def delete(self, data):
        old = data.draw(st.sampled_from(self.world.bookings()))
        visit = self.world.visits()[old.visit_id]
        try:
            services.delete_item(self.actor, db.session.get(ItineraryItem, old.id))
        except DomainError:
            db.session.rollback()
            accepted = False
        else:
            db.session.commit()
            accepted = True
        self.judge(accepted, visit.status in (VisitStatus.approved, VisitStatus.confirmed), old)

    @precondition(lambda self: not self.cancelled)
    @rule(data=st.data())
    def cancel_visit(self, data):
        """A visit called off: its items hold no one any more (once per run, so that others go on)."""
        visits = self.world.visits()
        visit = visits[data.draw(st.sampled_from(sorted(visits)))]
        visit.status = VisitStatus.cancelled
        db.session.commit()
        self.cancelled = True

    @invariant()
    def no_rule_is_broken(self):
        assert self.world.broken(self.world.bookings(), self.world.visits()) == []

    def teardown(self):
        db.session.rollback()


@pytest.mark.filterwarnings("ignore::hypothesis.errors.NonInteractiveExampleWarning")
def test_no_sequence_of_bookings_breaks_a_rule(app):
    run_state_machine_as_test(
        Planning,
        settings=settings(
            max_examples=40,
            stateful_step_count=25,
            deadline=None,
            suppress_health_check=[HealthCheck.too_slow, HealthCheck.filter_too_much],
        ),
    )

"""A bookable setting: a mine with safety rules, its guides, approved visits of eligible people."""

from datetime import date, datetime, time

import factory

from partnership.extensions import db
from partnership.programme.models import ItineraryAttendee, ItineraryItem
from partnership.visits.models import VisitStatus
from tests.factories import Base
from tests.sites.factories import GuideFactory, SiteFactory
from tests.visits.factories import ParticipantFactory, VisitFactory

DAY = date(2025, 6, 24)  # a Tuesday
NEXT_DAY = date(2025, 6, 25)


def at(hour: int, minute: int = 0, day: date = DAY) -> datetime:
    return datetime.combine(day, time(hour, minute))


def guides(site, n: int, prefix: str = "Guide"):
    return [GuideFactory(name=f"{prefix} {i + 1}", sites=[site]) for i in range(n)]


def visit_with(
    n: int,
    *,
    status=VisitStatus.approved,
    starts_on=DAY,
    ends_on=NEXT_DAY,
    organisations=None,
    title=None,
    **participant,
):
    """A visit of ``n`` participants who meet every safety rule (adults, cleared, equipped)."""
    kwargs = {"status": status, "starts_on": starts_on, "ends_on": ends_on}
    if organisations:
        kwargs["organisations"] = organisations
    if title:
        kwargs["title"] = title
    visit = VisitFactory(**kwargs)
    for i in range(n):
        ParticipantFactory(
            visit=visit,
            organisation=visit.organisations[0],
            full_name=f"{visit.title} person {i + 1}",
            date_of_birth=date(2000, 1, 1),
            medical_clearance=True,
            ppe_issued=True,
            **participant,
        )
    db.session.commit()  # the visit outlives a refused booking's rollback
    db.session.refresh(visit)
    return visit


class ItineraryItemFactory(Base):
    class Meta:
        model = ItineraryItem

    visit = factory.SubFactory(VisitFactory, status=VisitStatus.approved)
    site = factory.SubFactory(SiteFactory)
    starts_at = factory.LazyAttribute(lambda i: datetime.combine(i.visit.starts_on, time(10)))
    ends_at = factory.LazyAttribute(lambda i: datetime.combine(i.visit.starts_on, time(11)))
    activity = factory.Sequence(lambda n: f"Activity {n}")

    @factory.post_generation
    def attendees(item, create, extracted, **kwargs):
        people = item.visit.participants if extracted is None else extracted
        item.attendances = [ItineraryAttendee(participant=p) for p in people]
        if create:
            db.session.flush()


def tour_booking(site_id: int, visit, csrf_token: str) -> dict:
    """The new-item form booking all of ``visit``'s people on a 10:00–11:00 tour at the site."""
    return {
        "csrf_token": csrf_token,
        "site_id": site_id,
        "day": DAY.isoformat(),
        "starts_at": "10:00",
        "ends_at": "11:00",
        "activity": "Concentrator tour",
        "guide_id": 0,
        "attendee_ids": [p.id for p in visit.participants],
    }

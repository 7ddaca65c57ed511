"""Queries that feed the programme, the calendars and the iCalendar exports."""

from dataclasses import dataclass
from datetime import date, datetime, time, timedelta

from sqlalchemy import select
from sqlalchemy.orm import load_only, selectinload

from partnership.extensions import db
from partnership.programme import rules
from partnership.programme.models import OCCUPYING, ItineraryAttendee, ItineraryItem
from partnership.sites.models import Site
from partnership.visits import access as visit_access
from partnership.visits.models import Visit

ITEM_DETAILS = (
    selectinload(ItineraryItem.site).selectinload(Site.guides),
    selectinload(ItineraryItem.guide),
    selectinload(ItineraryItem.extra_guides),
    selectinload(ItineraryItem.attendances).selectinload(ItineraryAttendee.participant),
)


def visit_items(visit: Visit) -> list[ItineraryItem]:
    """The visit's itinerary in time order, with everything the page shows, in a fixed number of queries."""
    return list(
        db.session.scalars(
            select(ItineraryItem)
            .where(ItineraryItem.visit_id == visit.id)
            .options(*ITEM_DETAILS)
            .order_by(ItineraryItem.starts_at, ItineraryItem.id)
        )
    )


def visit_days(visit: Visit) -> list[date]:
    return [visit.starts_on + timedelta(days=n) for n in range((visit.ends_on - visit.starts_on).days + 1)]


def by_day(visit: Visit, items: list[ItineraryItem]) -> list[tuple[date, list[ItineraryItem]]]:
    """Every day of the visit with its items; items outside the visit's dates (the visit moved) too."""
    days: dict[date, list[ItineraryItem]] = {day: [] for day in visit_days(visit)}
    for item in items:
        days.setdefault(item.day, []).append(item)
    return sorted(days.items())


@dataclass(frozen=True)
class Slot:
    starts_at: datetime
    ends_at: datetime
    booked: int
    capacity: int

    @property
    def free(self) -> int:
        return max(self.capacity - self.booked, 0)

    @property
    def percent(self) -> int:
        return min(100, round(100 * self.booked / self.capacity)) if self.capacity else 100


def free_capacity(site: Site, day: date) -> list[Slot]:
    """The site's opening hours on ``day`` cut where its load changes: booked and free places."""
    if not site.is_open_on(day):
        return []
    segments = rules.load(site.id, datetime.combine(day, site.opens_at), datetime.combine(day, site.closes_at))
    return [Slot(s.starts_at, s.ends_at, s.booked, site.capacity) for s in segments]


def site_items(site: Site, start: date, end: date) -> list[ItineraryItem]:
    """Items holding people at the site on days [start, end]."""
    return list(
        db.session.scalars(
            select(ItineraryItem)
            .join(Visit, Visit.id == ItineraryItem.visit_id)
            .where(
                ItineraryItem.site_id == site.id,
                Visit.status.in_(OCCUPYING),
                ItineraryItem.starts_at >= datetime.combine(start, time.min),
                ItineraryItem.starts_at < datetime.combine(end + timedelta(days=1), time.min),
            )
            .options(selectinload(ItineraryItem.visit).selectinload(Visit.organisations), *ITEM_DETAILS)
            .order_by(ItineraryItem.starts_at, ItineraryItem.id)
        )
    )


def visits_between(user, start: date, end: date) -> list[Visit]:
    """Visits ``user`` may open that overlap days [start, end]: what a calendar cell shows of them
    (a busy month holds hundreds; anything else read from them raises instead of loading row by row)."""
    return list(
        db.session.scalars(
            select(Visit)
            .where(visit_access.visible_filter(user), Visit.starts_on <= end, Visit.ends_on >= start)
            .options(
                load_only(
                    Visit.title,
                    Visit.title_ru,
                    Visit.title_uz,
                    Visit.status,
                    Visit.starts_on,
                    Visit.ends_on,
                    raiseload=True,
                )
            )
            .order_by(Visit.starts_on, Visit.id)
        )
    )


def items_of_visits(visit_ids, start: date, end: date) -> list[ItineraryItem]:
    ids = list(visit_ids)
    if not ids:
        return []
    return list(
        db.session.scalars(
            select(ItineraryItem)
            .where(
                ItineraryItem.visit_id.in_(ids),
                ItineraryItem.starts_at >= datetime.combine(start, time.min),
                ItineraryItem.starts_at < datetime.combine(end + timedelta(days=1), time.min),
            )
            .options(selectinload(ItineraryItem.site))
            .order_by(ItineraryItem.starts_at, ItineraryItem.id)
        )
    )


def peak(items: list[ItineraryItem]) -> int:
    """Most people at once over ``items`` (of one site and one day)."""
    cuts = sorted({i.starts_at for i in items} | {i.ends_at for i in items})
    best = 0
    for a, b in zip(cuts, cuts[1:], strict=False):
        best = max(best, sum(len(i.attendances) for i in items if i.starts_at < b and i.ends_at > a))
    return best


def personal_attendance(participant) -> list[dict]:
    """The items ``participant`` was planned for, in time order, and whether they came
    (None: attendance not recorded)."""
    rows = db.session.execute(
        select(ItineraryItem, ItineraryAttendee.attended)
        .join(ItineraryAttendee, ItineraryAttendee.item_id == ItineraryItem.id)
        .options(selectinload(ItineraryItem.site))
        .where(ItineraryAttendee.participant_id == participant.id)
        .order_by(ItineraryItem.starts_at, ItineraryItem.id)
    )
    return [
        {
            "item": item.id,
            "site": item.site.name,
            "activity": item.activity,
            "starts_at": item.starts_at.isoformat(),
            "ends_at": item.ends_at.isoformat(),
            "attended": attended,
        }
        for item, attended in rows
    ]


def sites_of_attendees(visit: Visit, participant_ids) -> dict[int, list[tuple[Site, date]]]:
    """Each of ``participant_ids``'s planned sites in ``visit``, with the item's day, in time order
    (one query, the sites with it)."""
    ids = list(participant_ids)
    if not ids:
        return {}
    rows = db.session.execute(
        select(ItineraryAttendee.participant_id, Site, ItineraryItem.starts_at)
        .join(ItineraryItem, ItineraryItem.id == ItineraryAttendee.item_id)
        .join(Site, Site.id == ItineraryItem.site_id)
        .where(ItineraryItem.visit_id == visit.id, ItineraryAttendee.participant_id.in_(ids))
        .order_by(ItineraryItem.starts_at, ItineraryItem.id)
    )
    found: dict[int, list[tuple[Site, date]]] = {}
    for participant_id, site, starts_at in rows:
        found.setdefault(participant_id, []).append((site, starts_at.date()))
    return found


def planned_site_ids(participant) -> set[int]:
    """The sites of the items the participant is planned to attend."""
    return set(
        db.session.scalars(
            select(ItineraryItem.site_id)
            .join(ItineraryAttendee, ItineraryAttendee.item_id == ItineraryItem.id)
            .where(ItineraryItem.visit_id == participant.visit_id, ItineraryAttendee.participant_id == participant.id)
            .distinct()
        )
    )

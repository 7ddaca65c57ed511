"""What the gate's pages load: a participant's items of the day, today's items at a guide's
sites with their people, and a site's roll call (who is checked in and not yet out)."""

from dataclasses import dataclass
from datetime import date, datetime, time, timedelta

from sqlalchemy import select
from sqlalchemy.orm import joinedload, selectinload

from partnership.extensions import db
from partnership.partners.models import Organisation
from partnership.programme.models import ATTENDANCE_OPEN, ItineraryAttendee, ItineraryItem
from partnership.visits.models import Participant, Visit


def items_of(participant: Participant) -> list[ItineraryItem]:
    """The items the participant is planned to attend, in time order."""
    return list(
        db.session.scalars(
            select(ItineraryItem)
            .join(ItineraryAttendee, ItineraryAttendee.item_id == ItineraryItem.id)
            .where(ItineraryAttendee.participant_id == participant.id)
            .options(joinedload(ItineraryItem.site), joinedload(ItineraryItem.visit))
            .order_by(ItineraryItem.starts_at, ItineraryItem.id)
        )
    )


@dataclass(frozen=True)
class PassItems:
    current: ItineraryItem | None  # the item the gate checks them in to (or out of)
    next: ItineraryItem | None  # the item after it (or, with none today, the next one at all)


def pass_items(items: list[ItineraryItem], gate_items: list[ItineraryItem], now: datetime) -> PassItems:
    """``gate_items``: those of ``items`` the user may check at today. The current one is the
    item under way, else today's next, else today's last."""
    current = next((i for i in gate_items if i.starts_at <= now < i.ends_at), None)
    if current is None and gate_items:
        current = next((i for i in gate_items if i.ends_at > now), gate_items[-1])
    after = current.ends_at if current is not None else now
    following = next((i for i in items if i.starts_at >= after and i is not current), None)
    return PassItems(current, following)


def attendee(item: ItineraryItem, participant: Participant) -> ItineraryAttendee | None:
    return db.session.get(ItineraryAttendee, (item.id, participant.id))


def _day_bounds(day: date) -> tuple[datetime, datetime]:
    start = datetime.combine(day, time())
    return start, start + timedelta(days=1)


def todays_items(site_ids: frozenset[int] | None, today: date) -> list[ItineraryItem]:
    """Today's items of visits that hold people, at ``site_ids`` (None: every site), with their
    people and organisations (three queries)."""
    start, end = _day_bounds(today)
    query = (
        select(ItineraryItem)
        .join(Visit, Visit.id == ItineraryItem.visit_id)
        .where(ItineraryItem.starts_at >= start, ItineraryItem.starts_at < end, Visit.status.in_(ATTENDANCE_OPEN))
        .options(
            joinedload(ItineraryItem.site),
            joinedload(ItineraryItem.visit),
            selectinload(ItineraryItem.attendances)
            .joinedload(ItineraryAttendee.participant)
            .joinedload(Participant.organisation),
        )
        .order_by(ItineraryItem.starts_at, ItineraryItem.id)
    )
    if site_ids is not None:
        query = query.where(ItineraryItem.site_id.in_(site_ids))
    return list(db.session.scalars(query).unique())


@dataclass
class RollCallGroup:
    visit: Visit
    organisation: Organisation
    people: list[ItineraryAttendee]


@dataclass
class RollCall:
    groups: list[RollCallGroup]

    @property
    def total(self) -> int:
        return sum(len(group.people) for group in self.groups)


def roll_call(site_id: int, today: date) -> RollCall:
    """Who is at the site now: checked in at one of today's items there and not yet out,
    grouped by visit and organisation (one query)."""
    start, end = _day_bounds(today)
    rows = db.session.scalars(
        select(ItineraryAttendee)
        .join(ItineraryItem, ItineraryItem.id == ItineraryAttendee.item_id)
        .join(Participant, Participant.id == ItineraryAttendee.participant_id)
        .join(Visit, Visit.id == ItineraryItem.visit_id)
        .where(
            ItineraryItem.site_id == site_id,
            ItineraryItem.starts_at >= start,
            ItineraryItem.starts_at < end,
            ItineraryAttendee.checked_in_at.is_not(None),
            ItineraryAttendee.checked_out_at.is_(None),
        )
        .options(
            joinedload(ItineraryAttendee.item).joinedload(ItineraryItem.visit),
            joinedload(ItineraryAttendee.participant).joinedload(Participant.organisation),
        )
        .order_by(Visit.title, Visit.id, Participant.name_key, Participant.id)
    ).unique()
    groups: dict[tuple[int, int], RollCallGroup] = {}
    for row in rows:
        person = row.participant
        key = (row.item.visit_id, person.organisation_id)
        if key not in groups:
            groups[key] = RollCallGroup(row.item.visit, person.organisation, [])
        if all(p.participant_id != person.id for p in groups[key].people):  # two items today: once
            groups[key].people.append(row)
    ordered = sorted(
        groups.values(), key=lambda g: (g.visit.title, g.visit.id, g.organisation.name_key, g.organisation.id)
    )
    return RollCall(ordered)

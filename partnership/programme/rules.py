"""The itinerary's rules. Each refusal names the rule and the people or slot concerned.

In-memory rules (timing, guides' sites, attendees, safety) look only at the plan;
the others (overlaps, guides elsewhere, capacity) read the database and hold only
when run under ``locks.lock`` in the transaction that then writes."""

from collections.abc import Iterable
from dataclasses import dataclass, field, replace
from datetime import date, datetime, time

from flask_babel import format_date
from flask_babel import gettext as _
from sqlalchemy import Row, and_, func, select, true
from sqlalchemy.orm import selectinload

from partnership.core.errors import DomainError
from partnership.extensions import db
from partnership.induction.queries import passed_on
from partnership.programme.models import (
    OCCUPYING,
    ItineraryAttendee,
    ItineraryItem,
    itinerary_extra_guides,
)
from partnership.sites.models import WEEKDAY_LABELS, Guide, Site
from partnership.sites.rules import SiteRules, age_on, person_checks
from partnership.visits.models import Participant, Visit

NAMES_SHOWN = 8


@dataclass(frozen=True)
class Violation:
    rule: str
    message: str
    field: str | None = None


class ItineraryRuleError(DomainError):
    """One or more rules refuse a plan; each violation names its form field."""

    def __init__(self, violations: list[Violation]):
        self.violations = list(violations)
        super().__init__(" ".join(v.message for v in self.violations), field=self.violations[0].field)

    @property
    def rules(self) -> list[str]:
        return [v.rule for v in self.violations]

    def field_messages(self) -> list[tuple[str | None, str]]:
        return [(v.field, v.message) for v in self.violations]


@dataclass
class Plan:
    """An item as it would be: for a new item (``item_id`` None) or an edit."""

    visit: Visit
    site: SiteRules
    starts_at: datetime
    ends_at: datetime
    attendees: list[Participant]
    guides: list[Guide] = field(default_factory=list)  # the leading guide first
    item_id: int | None = None

    @classmethod
    def of(cls, item: ItineraryItem) -> "Plan":
        return cls(
            visit=item.visit,
            site=SiteRules.of(item.site),
            starts_at=item.starts_at,
            ends_at=item.ends_at,
            attendees=list(item.attendees),
            guides=item.guides,
            item_id=item.id,
        )


# --- formatting ---------------------------------------------------------------------------------


def hm(moment: datetime | time) -> str:
    return moment.strftime("%H:%M")


def slot(start: datetime, end: datetime) -> str:
    return f"{hm(start)}–{hm(end)}"


def people(items: Iterable[str]) -> str:
    items = list(items)
    shown = ", ".join(items[:NAMES_SHOWN])
    if len(items) > NAMES_SHOWN:
        shown += " " + _("and %(n)d more", n=len(items) - NAMES_SHOWN)
    return shown


# --- rules that look only at the plan -------------------------------------------------------------


def timing(plan: Plan, *, visit_dates: bool = True) -> list[Violation]:
    start, end, site = plan.starts_at, plan.ends_at, plan.site
    if end <= start or end.date() != start.date():
        return [Violation("times", _("An item ends after it starts, on the same day."), "ends_at")]
    found = []
    day = start.date()
    if visit_dates and not plan.visit.starts_on <= day <= plan.visit.ends_on:
        found.append(
            Violation(
                "visit_dates",
                _(
                    "%(date)s is outside the visit’s dates (%(first)s – %(last)s).",
                    date=format_date(day),
                    first=format_date(plan.visit.starts_on),
                    last=format_date(plan.visit.ends_on),
                ),
                "day",
            )
        )
    if day.weekday() not in site.opening_days:
        found.append(
            Violation(
                "opening_hours",
                _("%(site)s is closed on %(weekday)s.", site=site.name, weekday=WEEKDAY_LABELS[day.weekday()]),
                "day",
            )
        )
    elif start.time() < site.opens_at or end.time() > site.closes_at:
        found.append(
            Violation(
                "opening_hours",
                _(
                    "%(site)s receives visitors %(hours)s: %(slot)s is outside its opening hours.",
                    site=site.name,
                    hours=f"{hm(site.opens_at)}–{hm(site.closes_at)}",
                    slot=slot(start, end),
                ),
                "starts_at",
            )
        )
    return found


def guides_of_site(plan: Plan) -> list[Violation]:
    strangers = [g.name for g in plan.guides if g.id not in plan.site.guide_ids]
    if not strangers:
        return []
    return [
        Violation(
            "guide_site",
            _("%(guides)s do not lead groups at %(site)s.", guides=people(strangers), site=plan.site.name)
            if len(strangers) > 1
            else _("%(guide)s does not lead groups at %(site)s.", guide=strangers[0], site=plan.site.name),
            "guide_id",
        )
    ]


def attendees(plan: Plan) -> list[Violation]:
    if not plan.attendees:
        return [Violation("attendees", _("Choose at least one attendee."), "attendee_ids")]
    strangers = [p.full_name for p in plan.attendees if p.visit_id != plan.visit.id]
    if strangers:
        return [
            Violation(
                "attendees", _("Not participants of this visit: %(people)s.", people=people(strangers)), "attendee_ids"
            )
        ]
    return []


def safety(plan: Plan) -> list[Violation]:
    """Who breaks which of the site's rules, as ``sites.rules.person_checks`` says."""
    site, day, found = plan.site, plan.starts_at.date(), []
    failing: dict[str, list[str]] = {}
    for p in plan.attendees:
        for check in person_checks(site, p, day):
            if check.met:
                continue
            if check.rule == "min_age":
                named = (
                    _("%(name)s (date of birth unknown)", name=p.full_name)
                    if p.date_of_birth is None
                    else f"{p.full_name} ({age_on(p.date_of_birth, day)})"
                )
            else:
                named = p.full_name
            failing.setdefault(check.rule, []).append(named)
    messages = {
        "min_age": lambda names: _(
            "%(site)s requires age %(age)d+: %(people)s.", site=site.name, age=site.min_age, people=people(names)
        ),
        "medical_clearance": lambda names: _(
            "%(site)s requires medical clearance, which these attendees lack: %(people)s.",
            site=site.name,
            people=people(names),
        ),
        "ppe": lambda names: _(
            "%(site)s requires personal protective equipment, not issued to: %(people)s.",
            site=site.name,
            people=people(names),
        ),
    }
    for rule in ("min_age", "medical_clearance", "ppe"):
        if rule in failing:
            found.append(Violation(rule, messages[rule](failing[rule]), "attendee_ids"))
    if site.max_group_per_guide and plan.attendees:
        needed = -(-len(plan.attendees) // site.max_group_per_guide)
        if len(plan.guides) < needed:
            found.append(
                Violation(
                    "group_size",
                    _(
                        "%(site)s allows at most %(max)d people per guide: %(count)d attendees need %(needed)d "
                        "guide(s), %(assigned)d assigned.",
                        site=site.name,
                        max=site.max_group_per_guide,
                        count=len(plan.attendees),
                        needed=needed,
                        assigned=len(plan.guides),
                    ),
                    "guide_id",
                )
            )
    return found


def in_memory(plan: Plan, *, visit_dates: bool = True) -> list[Violation]:
    found = timing(plan, visit_dates=visit_dates)
    return found + guides_of_site(plan) + attendees(plan) + safety(plan)


# --- rules that read the database -----------------------------------------------------------------


def _overlapping(start: datetime, end: datetime):
    return and_(ItineraryItem.starts_at < end, ItineraryItem.ends_at > start)


def _not_item(item_id: int | None):
    return ItineraryItem.id != item_id if item_id is not None else true()


def visit_overlap(plan: Plan) -> list[Violation]:
    clash = db.session.execute(
        select(ItineraryItem.starts_at, ItineraryItem.ends_at, ItineraryItem.activity, Site.name)
        .join(Site, Site.id == ItineraryItem.site_id)
        .where(
            ItineraryItem.visit_id == plan.visit.id, _overlapping(plan.starts_at, plan.ends_at), _not_item(plan.item_id)
        )
        .order_by(ItineraryItem.starts_at)
        .limit(1)
    ).first()
    if clash is None:
        return []
    return [
        Violation(
            "visit_overlap",
            _(
                "The visit is already at %(site)s %(slot)s (“%(activity)s”): two items of one visit cannot overlap.",
                site=clash.name,
                slot=slot(clash.starts_at, clash.ends_at),
                activity=clash.activity,
            ),
            "starts_at",
        )
    ]


def guides_free(plan: Plan) -> list[Violation]:
    guide_ids = [g.id for g in plan.guides]
    if not guide_ids:
        return []
    busy = (
        select(ItineraryItem.guide_id.label("guide_id"), ItineraryItem.id)
        .where(ItineraryItem.guide_id.in_(guide_ids))
        .union_all(
            select(itinerary_extra_guides.c.guide_id, itinerary_extra_guides.c.item_id).where(
                itinerary_extra_guides.c.guide_id.in_(guide_ids)
            )
        )
        .subquery()
    )
    rows = db.session.execute(
        select(busy.c.guide_id, ItineraryItem.starts_at, ItineraryItem.ends_at, Site.name)
        .join(ItineraryItem, ItineraryItem.id == busy.c.id)
        .join(Site, Site.id == ItineraryItem.site_id)
        .join(Visit, Visit.id == ItineraryItem.visit_id)
        .where(Visit.status.in_(OCCUPYING), _overlapping(plan.starts_at, plan.ends_at), _not_item(plan.item_id))
        .order_by(ItineraryItem.starts_at)
    ).all()
    first_clash: dict[int, Row] = {}
    for row in rows:
        first_clash.setdefault(row.guide_id, row)
    return [
        Violation(
            "guide_busy",
            _(
                "%(guide)s already leads a group at %(site)s %(slot)s: a guide cannot be in two places at once.",
                guide=g.name,
                site=first_clash[g.id].name,
                slot=slot(first_clash[g.id].starts_at, first_clash[g.id].ends_at),
            ),
            "guide_id",
        )
        for g in plan.guides
        if g.id in first_clash
    ]


@dataclass(frozen=True)
class Segment:
    starts_at: datetime
    ends_at: datetime
    booked: int


def bookings(site_id: int, start: datetime, end: datetime, exclude_item_id: int | None = None):
    """(starts_at, ends_at, people) of the items holding people at the site within [start, end)."""
    return db.session.execute(
        select(ItineraryItem.starts_at, ItineraryItem.ends_at, func.count(ItineraryAttendee.participant_id))
        .join(Visit, Visit.id == ItineraryItem.visit_id)
        .outerjoin(ItineraryAttendee, ItineraryAttendee.item_id == ItineraryItem.id)
        .where(
            ItineraryItem.site_id == site_id,
            Visit.status.in_(OCCUPYING),
            _overlapping(start, end),
            _not_item(exclude_item_id),
        )
        .group_by(ItineraryItem.id, ItineraryItem.starts_at, ItineraryItem.ends_at)
    ).all()


def load(site_id: int, start: datetime, end: datetime, exclude_item_id: int | None = None) -> list[Segment]:
    """The people at the site over [start, end), as segments of constant load (merged)."""
    rows = bookings(site_id, start, end, exclude_item_id)
    cuts = sorted({start, end, *(max(r[0], start) for r in rows), *(min(r[1], end) for r in rows)})
    segments: list[Segment] = []
    for a, b in zip(cuts, cuts[1:], strict=False):
        booked = sum(r[2] for r in rows if r[0] < b and r[1] > a)
        if segments and segments[-1].booked == booked:
            segments[-1] = replace(segments[-1], ends_at=b)
        else:
            segments.append(Segment(a, b, booked))
    return segments


def capacity(plan: Plan) -> list[Violation]:
    requested = len(plan.attendees)
    segments = load(plan.site.id, plan.starts_at, plan.ends_at, plan.item_id)
    over = [s for s in segments if s.booked + requested > plan.site.capacity]
    if not over:
        return []
    first = over[0]
    window_end = first.ends_at
    for s in segments[segments.index(first) + 1 :]:  # the overloaded stretch that starts there
        if s not in over:
            break
        window_end = s.ends_at
    booked = max(s.booked for s in segments if first.starts_at <= s.starts_at < window_end)
    return [
        Violation(
            "capacity",
            _(
                "%(site)s: capacity %(capacity)d exceeded %(slot)s: %(booked)d already booked, %(requested)d more "
                "requested.",
                site=plan.site.name,
                capacity=plan.site.capacity,
                slot=slot(first.starts_at, window_end),
                booked=booked,
                requested=requested,
            ),
            "starts_at",
        )
    ]


def check(plan: Plan) -> list[Violation]:
    """Every rule, cheapest first; the database rules only when the slot itself is sound."""
    found = in_memory(plan)
    if any(v.rule == "times" for v in found):
        return found
    return found + visit_overlap(plan) + guides_free(plan) + capacity(plan)


# --- what a change elsewhere would break ----------------------------------------------------------


def upcoming_items(site_id: int, today: date) -> list[ItineraryItem]:
    return list(
        db.session.scalars(
            select(ItineraryItem)
            .join(Visit, Visit.id == ItineraryItem.visit_id)
            .where(
                ItineraryItem.site_id == site_id,
                Visit.status.in_(OCCUPYING),
                ItineraryItem.starts_at >= datetime.combine(today, time.min),
            )
            .options(
                selectinload(ItineraryItem.visit),
                selectinload(ItineraryItem.guide),
                selectinload(ItineraryItem.extra_guides),
                selectinload(ItineraryItem.attendances).selectinload(ItineraryAttendee.participant),
            )
            .order_by(ItineraryItem.starts_at)
        )
    )


def site_change_conflicts(site: SiteRules, today: date) -> list[str]:
    """Upcoming items at the site that the proposed rules would break, each named."""
    items = upcoming_items(site.id, today)
    found = []
    for item in items:
        plan = replace(Plan.of(item), site=site)
        for v in timing(plan, visit_dates=False) + guides_of_site(plan) + safety(plan):
            found.append(
                _(
                    "“%(activity)s” on %(date)s: %(problem)s",
                    activity=item.activity,
                    date=format_date(item.day),
                    problem=v.message,
                )
            )
    by_day: dict[date, list[ItineraryItem]] = {}
    for item in items:
        by_day.setdefault(item.day, []).append(item)
    for day, day_items in by_day.items():
        start = min(i.starts_at for i in day_items)
        end = max(i.ends_at for i in day_items)
        peak = max(load(site.id, start, end), key=lambda s: s.booked)
        if peak.booked > site.capacity:
            found.append(
                _(
                    "%(date)s %(slot)s: %(booked)d people are booked, more than a capacity of %(capacity)d.",
                    date=format_date(day),
                    slot=slot(peak.starts_at, peak.ends_at),
                    booked=peak.booked,
                    capacity=site.capacity,
                )
            )
    return found


def induction(plan: Plan) -> list[Violation]:
    """A warning, not a refusal: people take the induction through their link after being planned."""
    if not plan.site.induction_required or not plan.attendees:
        return []
    passed = passed_on([p.id for p in plan.attendees if p.id is not None], plan.site.id)
    missing = [p.full_name for p in plan.attendees if p.id not in passed]
    if not missing:
        return []
    return [
        Violation(
            "induction",
            _(
                "%(site)s requires a safety induction, not yet passed by: %(people)s.",
                site=plan.site.name,
                people=people(missing),
            ),
            "attendee_ids",
        )
    ]


def item_warnings(item: ItineraryItem) -> list[Violation]:
    """Rules an item planned earlier breaks now (a participant's record or the visit's dates
    changed), and the people who have not passed the site's safety induction yet."""
    plan = Plan.of(item)
    return in_memory(plan) + induction(plan)

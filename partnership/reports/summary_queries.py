"""The figures of the partnership summary, each one grouped query (no rows of
visits or people are loaded, so 20,000 visits cost the same few queries)."""

from collections import OrderedDict, defaultdict
from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta
from typing import cast

from sqlalchemy import and_, case, distinct, func, or_, select

from partnership import languages
from partnership.agreements import queries as agreement_queries
from partnership.agreements.models import Agreement, AgreementParty, AgreementStatus
from partnership.extensions import db
from partnership.partners.models import Organisation
from partnership.visits.models import (
    Participant,
    ParticipantRole,
    Visit,
    VisitStatus,
    visit_organisations,
)

# Visits that took place or are going ahead; drafts, refusals and cancellations are not counted.
COUNTED = (VisitStatus.requested, VisitStatus.approved, VisitStatus.confirmed, VisitStatus.completed)


@dataclass
class PartnerRow:
    organisation: Organisation
    agreements: int = 0
    active_agreements: int = 0
    visits: int = 0
    participants: int = 0
    last_visit: date | None = None


@dataclass
class SummaryData:
    start: date
    end: date
    as_of: date
    window_days: int
    visits_by_status: dict = field(default_factory=dict)
    visits_by_month: "OrderedDict[date, int]" = field(default_factory=OrderedDict)
    participants_by_role: dict = field(default_factory=dict)
    participants_by_country: list = field(default_factory=list)  # [(code, count)]
    participants_by_organisation: list = field(default_factory=list)  # [(Organisation, count)]
    participants_by_site: list = field(default_factory=list)  # [(site name, count)]
    agreements_by_status: dict = field(default_factory=dict)
    expiring: list = field(default_factory=list)  # agreements
    partners: list = field(default_factory=list)  # [PartnerRow]

    @property
    def visits(self) -> int:
        return sum(self.visits_by_status.get(status, 0) for status in COUNTED)

    @property
    def participants(self) -> int:
        return sum(self.participants_by_role.values())


def in_period(start: date, end: date):
    """Visits that overlap the period."""
    return and_(Visit.starts_on <= end, Visit.ends_on >= start)


def counted(start: date, end: date):
    return and_(in_period(start, end), Visit.status.in_(COUNTED))


def visits_count(start: date, end: date) -> int:
    """Visits the summary of the period reads (its size, to decide whether it is a job)."""
    return db.session.scalar(select(func.count(Visit.id)).where(in_period(start, end))) or 0


def collect(start: date, end: date, today: date, window_days: int, language: str = languages.BASE) -> SummaryData:
    as_of = min(end, today)
    data = SummaryData(start=start, end=end, as_of=as_of, window_days=window_days)
    data.visits_by_status = visits_by_status(start, end)
    data.visits_by_month = visits_by_month(start, end)
    people = participant_counts(start, end)
    data.participants_by_role = people.by_role()
    data.participants_by_country = people.by_country()
    data.participants_by_organisation = participants_by_organisation(people)
    data.participants_by_site = participants_by_site(start, end, language)
    data.agreements_by_status = agreements_by_status(as_of, window_days)
    data.expiring = expiring_agreements(as_of, window_days)
    data.partners = partners(start, end, as_of, window_days, people)
    return data


def visits_by_status(start: date, end: date) -> dict[VisitStatus, int]:
    rows = db.session.execute(
        select(Visit.status, func.count(Visit.id)).where(in_period(start, end)).group_by(Visit.status)
    )
    counts = {status: 0 for status in VisitStatus}
    counts.update(dict(rows.all()))
    return counts


def months(start: date, end: date) -> list[date]:
    result, current = [], date(start.year, start.month, 1)
    while current <= end:
        result.append(current)
        current = date(current.year + current.month // 12, current.month % 12 + 1, 1)
    return result


def visits_by_month(start: date, end: date) -> "OrderedDict[date, int]":
    """Counted visits by the month they start in (visits begun before the period count in its first month)."""
    starts = case((Visit.starts_on < start, start), else_=Visit.starts_on)
    rows = db.session.execute(
        select(starts.label("starts"), func.count(Visit.id)).where(counted(start, end)).group_by(starts)
    )
    buckets = OrderedDict((month, 0) for month in months(start, end))
    for day, count in rows:
        if isinstance(day, str):  # SQLite returns the CASE's value as text
            day = date.fromisoformat(day)
        buckets[date(day.year, day.month, 1)] += count
    return buckets


@dataclass(frozen=True)
class ParticipantCounts:
    """People of the period's visits, counted once by role, country and organisation: the
    summary's three tables and the partners' people come from these rows, not four scans."""

    rows: list  # [(role, country code or None, organisation id, count)]

    def by_role(self) -> dict[ParticipantRole, int]:
        counts = {role: 0 for role in ParticipantRole}
        for role, _country, _organisation_id, count in self.rows:
            counts[role] += count
        return counts

    def by_country(self) -> list[tuple[str, int]]:
        """By nationality, or the organisation's country where the nationality is not known."""
        counts: dict = defaultdict(int)
        for _role, country, _organisation_id, count in self.rows:
            counts[country] += count
        return sorted(counts.items(), key=lambda pair: (-pair[1], pair[0] is None, pair[0] or ""))

    def by_organisation_id(self) -> dict[int, int]:
        counts: dict[int, int] = defaultdict(int)
        for _role, _country, organisation_id, count in self.rows:
            counts[organisation_id] += count
        return dict(counts)


def participant_counts(start: date, end: date) -> ParticipantCounts:
    country = func.coalesce(Participant.nationality, Organisation.country)
    rows = db.session.execute(
        select(Participant.role, country, Participant.organisation_id, func.count(Participant.id))
        .join(Visit, Visit.id == Participant.visit_id)
        .join(Organisation, Organisation.id == Participant.organisation_id)
        .where(counted(start, end))
        .group_by(Participant.role, country, Participant.organisation_id)
    ).all()
    return ParticipantCounts([tuple(row) for row in rows])


def participants_by_organisation(counts: ParticipantCounts) -> list[tuple[Organisation, int]]:
    pairs = sorted(counts.by_organisation_id().items(), key=lambda pair: (-pair[1], pair[0]))
    organisations = _organisations([organisation_id for organisation_id, _count in pairs])
    return [(organisations[organisation_id], count) for organisation_id, count in pairs]


def participants_by_site(start: date, end: date, language: str = languages.BASE) -> list[tuple[str, int]]:
    """Distinct people at each site during the period: those who attended, or were
    planned where attendance was not recorded (a recorded absence does not count)."""
    from partnership.programme.models import ItineraryAttendee, ItineraryItem
    from partnership.sites.models import Site

    people = func.count(distinct(ItineraryAttendee.participant_id))
    rows = db.session.execute(
        select(Site, people)
        .join(ItineraryItem, ItineraryItem.site_id == Site.id)
        .join(ItineraryAttendee, ItineraryAttendee.item_id == ItineraryItem.id)
        .join(Visit, Visit.id == ItineraryItem.visit_id)
        .where(
            counted(start, end),
            ItineraryItem.starts_at >= datetime.combine(start, time.min),
            ItineraryItem.starts_at < datetime.combine(end + timedelta(days=1), time.min),
            or_(ItineraryAttendee.attended.is_(None), ItineraryAttendee.attended.is_(True)),
        )
        .group_by(Site.id, Site.name)
        .order_by(people.desc(), Site.name)
    )
    return [(languages.localised(site, "name", language), count) for site, count in rows]


def agreements_by_status(as_of: date, window_days: int) -> dict[AgreementStatus, int]:
    """Every agreement's status on ``as_of`` (those signed after it are left out)."""
    known = or_(Agreement.signed_on.is_(None), Agreement.signed_on <= as_of)
    return agreement_queries.count_by_status(known, as_of, window_days)


def expiring_agreements(as_of: date, window_days: int) -> list[Agreement]:
    from sqlalchemy.orm import selectinload

    query = agreement_queries.search(today=as_of, window_days=window_days, status=AgreementStatus.expiring)
    return list(
        db.session.scalars(query.options(selectinload(Agreement.parties).selectinload(AgreementParty.organisation)))
    )


def partners(start: date, end: date, as_of: date, window_days: int, people: ParticipantCounts) -> list[PartnerRow]:
    """Per partner organisation: its agreements, its visits and people in the period, its last visit."""
    rows: dict[int, PartnerRow] = {}

    def row(organisation_id: int) -> PartnerRow:
        if organisation_id not in rows:
            rows[organisation_id] = PartnerRow(organisation=cast(Organisation, None))  # set below, once loaded
        return rows[organisation_id]

    live = Agreement.status_is(AgreementStatus.active, as_of, window_days) | (
        Agreement.status_is(AgreementStatus.expiring, as_of, window_days)
    )
    signed_by_then = or_(Agreement.signed_on.is_(None), Agreement.signed_on <= as_of)
    for organisation_id, total, active in db.session.execute(
        select(
            AgreementParty.organisation_id,
            func.count(distinct(Agreement.id)),
            func.count(distinct(case((live, Agreement.id)))),
        )
        .join(Agreement, Agreement.id == AgreementParty.agreement_id)
        .where(signed_by_then)
        .group_by(AgreementParty.organisation_id)
    ):
        entry = row(organisation_id)
        entry.agreements, entry.active_agreements = total, active
    for organisation_id, count in db.session.execute(
        select(visit_organisations.c.organisation_id, func.count(Visit.id))
        .join(Visit, Visit.id == visit_organisations.c.visit_id)
        .where(counted(start, end))
        .group_by(visit_organisations.c.organisation_id)
    ):
        row(organisation_id).visits = count
    for organisation_id, count in people.by_organisation_id().items():
        row(organisation_id).participants = count
    for organisation_id, last in db.session.execute(
        select(visit_organisations.c.organisation_id, func.max(Visit.starts_on))
        .join(Visit, Visit.id == visit_organisations.c.visit_id)
        .where(
            Visit.status.in_(COUNTED),
            Visit.starts_on <= end,
            visit_organisations.c.organisation_id.in_(list(rows) or [0]),
        )
        .group_by(visit_organisations.c.organisation_id)
    ):
        if organisation_id in rows:
            rows[organisation_id].last_visit = last
    organisations = _organisations(list(rows))
    for organisation_id, entry in rows.items():
        entry.organisation = organisations[organisation_id]
    return sorted(
        rows.values(),
        key=lambda r: (-r.visits, -r.participants, -r.active_agreements, r.organisation.name_key),
    )


def _organisations(ids) -> dict[int, Organisation]:
    if not ids:
        return {}
    return {o.id: o for o in db.session.scalars(select(Organisation).where(Organisation.id.in_(list(ids))))}

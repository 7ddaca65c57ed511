"""Loading what a visit's documents show in a fixed number of queries."""

from dataclasses import dataclass
from datetime import datetime

from flask_babel import gettext as _
from sqlalchemy import case, func, select
from sqlalchemy.orm import joinedload, selectinload, undefer

from partnership import languages
from partnership.agreements.models import Agreement, AgreementParty
from partnership.extensions import db
from partnership.reports.models import VisitPhoto
from partnership.text import fold
from partnership.visits.models import Participant, ParticipantRole, Visit

ROLE_ORDER = {ParticipantRole.lead: 0, ParticipantRole.staff: 1, ParticipantRole.student: 2}


def visit_for_documents(visit_id: int) -> Visit | None:
    """The visit with its organisations, legal basis and people loaded."""
    return db.session.scalars(
        select(Visit)
        .where(Visit.id == visit_id)
        .options(
            joinedload(Visit.coordinator),
            selectinload(Visit.organisations),
            selectinload(Visit.agreements).selectinload(Agreement.parties).selectinload(AgreementParty.organisation),
            selectinload(Visit.participants).selectinload(Participant.organisation),
        )
        .execution_options(populate_existing=True)
    ).one_or_none()


def people_count(visit_id: int, organisation_id: int | None = None) -> int:
    """How many people a visit's documents list (of one organisation, or everyone)."""
    query = select(func.count(Participant.id)).where(Participant.visit_id == visit_id)
    if organisation_id is not None:
        query = query.where(Participant.organisation_id == organisation_id)
    return db.session.scalar(query) or 0


def ordered_people(participants, language: str) -> list[Participant]:
    """By organisation, then leads and staff before students, then by name."""
    return sorted(
        participants,
        key=lambda p: (fold(p.organisation.localised_name(language)), ROLE_ORDER[p.role], fold(p.full_name), p.id),
    )


@dataclass(frozen=True)
class Gap:
    """A text a visit's documents print that has no copy in a language: what, of which record,
    and the page (endpoint, values) where it is filled in."""

    what: str
    name: str
    endpoint: str
    values: dict


def missing_texts(visit: Visit, language: str, items: list | None = None) -> list[Gap]:
    """What the visit's documents in ``language`` would print in English, for want of a copy
    (``items``: the visit's itinerary, when already loaded)."""
    if language == languages.BASE:
        return []
    labels = {
        "title": _("title"),
        "purpose": _("purpose"),
        "account": _("account"),
        "outcomes": _("outcomes"),
        "objectives": _("objectives"),
        "signatory_title": _("signatory's position"),
        "name": _("name"),
        "city": _("city"),
        "location": _("location"),
        "safety_notes": _("safety notes"),
        "activity": _("activity"),
        "meeting_point": _("meeting point"),
    }
    gaps: list[Gap] = []

    def check(obj, fields, name: str, endpoint: str, **values) -> None:
        for field in languages.missing(obj, fields, language):
            gaps.append(Gap(labels[field], name, endpoint, values))

    check(visit, visit.TRANSLATED, visit.title, "visits.edit", visit_id=visit.id)
    for organisation in visit.organisations:
        check(organisation, ("name", "city"), organisation.name, "partners.edit", organisation_id=organisation.id)
    for agreement in visit.agreements:
        check(agreement, agreement.TRANSLATED, agreement.reference, "agreements.edit", agreement_id=agreement.id)
        for party in agreement.parties:
            check(party, party.TRANSLATED, agreement.reference, "agreements.edit", agreement_id=agreement.id)
    if items is None:
        items = itinerary(visit.id, attendees=False)
    for site in sites_of(items):
        check(site, site.TRANSLATED, site.name, "sites.edit", site_id=site.id)
    for item in items:
        check(item, item.TRANSLATED, item.activity, "programme.edit_item", visit_id=visit.id, item_id=item.id)
    return gaps


def photos(visit_id: int, *, with_content: bool = False) -> list[VisitPhoto]:
    query = select(VisitPhoto).where(VisitPhoto.visit_id == visit_id).order_by(VisitPhoto.uploaded_at, VisitPhoto.id)
    if with_content:
        query = query.options(undefer(VisitPhoto.content))
    return list(db.session.scalars(query))


def itinerary(visit_id: int, *, attendees: bool = True) -> list:
    """The visit's itinerary items with their site and guides (and attendees), in time order."""
    from partnership.programme.models import ItineraryAttendee, ItineraryItem
    from partnership.sites.models import Site

    options = [
        joinedload(ItineraryItem.site).selectinload(Site.guides),
        joinedload(ItineraryItem.guide),
        selectinload(ItineraryItem.extra_guides),
    ]
    if attendees:
        options.append(selectinload(ItineraryItem.attendances).joinedload(ItineraryAttendee.participant))
    return list(
        db.session.scalars(
            select(ItineraryItem)
            .where(ItineraryItem.visit_id == visit_id)
            .options(*options)
            .order_by(ItineraryItem.starts_at, ItineraryItem.id)
        )
    )


@dataclass(frozen=True)
class Attendance:
    """Counts of an item's (or a person's) attendance rows: planned, present, and marked either way."""

    planned: int = 0
    attended: int = 0
    marked: int = 0


def attendance(visit_id: int, by: str) -> dict[int, Attendance]:
    """Attendance of the visit counted in the database, ``by`` "item" or "person": 40 items of 500
    people are 20,000 rows a report need not load one by one."""
    from partnership.programme.models import ItineraryAttendee, ItineraryItem

    key = ItineraryAttendee.item_id if by == "item" else ItineraryAttendee.participant_id
    rows = db.session.execute(
        select(
            key,
            func.count(),
            func.sum(case((ItineraryAttendee.attended.is_(True), 1), else_=0)),
            func.count(ItineraryAttendee.attended),
        )
        .join(ItineraryItem, ItineraryItem.id == ItineraryAttendee.item_id)
        .where(ItineraryItem.visit_id == visit_id)
        .group_by(key)
    )
    return {row[0]: Attendance(row[1], row[2] or 0, row[3]) for row in rows}


def sites_of(items) -> list:
    """The distinct sites of an itinerary, in the order they are first visited."""
    seen: dict = {}
    for item in items:
        seen.setdefault(item.site.id, item.site)
    return list(seen.values())


def checkin_item(participant, now: datetime):
    """The itinerary item a participant's badge should check them in to at ``now``
    (naive local time): the one under way, else today's next (or last) one, else
    the most recent, else the first."""
    from partnership.programme.models import ItineraryAttendee, ItineraryItem

    items = list(
        db.session.scalars(
            select(ItineraryItem)
            .join(ItineraryAttendee, ItineraryAttendee.item_id == ItineraryItem.id)
            .where(ItineraryAttendee.participant_id == participant.id)
            .order_by(ItineraryItem.starts_at, ItineraryItem.id)
        )
    )
    if not items:
        return None
    for item in items:
        if item.starts_at <= now < item.ends_at:
            return item
    today = [item for item in items if item.starts_at.date() == now.date()]
    if today:
        return next((item for item in today if item.ends_at > now), today[-1])
    past = [item for item in items if item.starts_at <= now]
    return past[-1] if past else items[0]

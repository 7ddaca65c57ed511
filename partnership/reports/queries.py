"""Loading what a visit's documents show in a fixed number of queries."""

from datetime import datetime

from sqlalchemy import func, select
from sqlalchemy.orm import joinedload, selectinload, undefer

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


def photos(visit_id: int, *, with_content: bool = False) -> list[VisitPhoto]:
    query = select(VisitPhoto).where(VisitPhoto.visit_id == visit_id).order_by(VisitPhoto.uploaded_at, VisitPhoto.id)
    if with_content:
        query = query.options(undefer(VisitPhoto.content))
    return list(db.session.scalars(query))


def itinerary(visit_id: int) -> list:
    """The visit's itinerary items with their site, guides and attendees, in time order."""
    from partnership.programme.models import ItineraryAttendee, ItineraryItem
    from partnership.sites.models import Site

    return list(
        db.session.scalars(
            select(ItineraryItem)
            .where(ItineraryItem.visit_id == visit_id)
            .options(
                joinedload(ItineraryItem.site).selectinload(Site.guides),
                joinedload(ItineraryItem.guide),
                selectinload(ItineraryItem.extra_guides),
                selectinload(ItineraryItem.attendances).joinedload(ItineraryAttendee.participant),
            )
            .order_by(ItineraryItem.starts_at, ItineraryItem.id)
        )
    )


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

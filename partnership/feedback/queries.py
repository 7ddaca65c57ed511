"""What feedback shows: the sites a participant may rate, a visit's responses,
and what reports publish (approved quotes with consent, average ratings per site)."""

from dataclasses import dataclass
from datetime import datetime
from typing import cast

from flask_babel import gettext as _
from sqlalchemy import func, select
from sqlalchemy.orm import selectinload

from partnership.extensions import db
from partnership.feedback.models import FeedbackInvitation, FeedbackResponse, SiteRating
from partnership.partners.models import Organisation
from partnership.programme.models import ItineraryAttendee, ItineraryItem
from partnership.sites.models import Site
from partnership.visits.models import Participant, ParticipantRole, Visit


def sites_to_rate(participant: Participant) -> list[Site]:
    """The sites the participant is recorded as having attended (at the gate or on an item's
    attendance), in the order first visited. An item whose attendance was not recorded is not
    counted: the app does not know it was carried out, so it is not offered for rating."""
    first_visit = (
        select(ItineraryItem.site_id, func.min(ItineraryItem.starts_at).label("first"))
        .join(ItineraryAttendee, ItineraryAttendee.item_id == ItineraryItem.id)
        .where(
            ItineraryItem.visit_id == participant.visit_id,
            ItineraryAttendee.participant_id == participant.id,
            ItineraryAttendee.attended.is_(True),
        )
        .group_by(ItineraryItem.site_id)
        .subquery()
    )
    return list(
        db.session.scalars(
            select(Site).join(first_visit, first_visit.c.site_id == Site.id).order_by(first_visit.c.first, Site.name)
        )
    )


@dataclass(frozen=True)
class FeedbackRow:
    """One participant on the coordinator's page."""

    participant: Participant
    invitation: FeedbackInvitation | None
    response: FeedbackResponse | None

    @property
    def needs_link(self) -> bool:
        """Not answered and no link issued yet."""
        return self.response is None and (self.invitation is None or not self.invitation.has_link)

    def link_state(self, now: datetime) -> str:
        """answered, none (no invitation), unissued (no link yet), expired or open."""
        if self.response is not None:
            return "answered"
        if self.invitation is None:
            return "none"
        if not self.invitation.has_link:
            return "unissued"
        return "open" if self.invitation.is_open(now) else "expired"


def feedback_rows(visit: Visit) -> list[FeedbackRow]:
    """Every participant of ``visit`` with their invitation and response, in four queries."""
    participants = db.session.scalars(
        select(Participant)
        .where(Participant.visit_id == visit.id)
        .options(selectinload(Participant.organisation))
        .order_by(Participant.organisation_id, Participant.name_key)
    ).all()
    ids = [p.id for p in participants]
    invitations = {
        i.participant_id: i
        for i in db.session.scalars(select(FeedbackInvitation).where(FeedbackInvitation.participant_id.in_(ids)))
    }
    responses = {
        r.participant_id: r
        for r in db.session.scalars(
            select(FeedbackResponse)
            .where(FeedbackResponse.participant_id.in_(ids))
            .options(selectinload(FeedbackResponse.ratings).selectinload(SiteRating.site))
        )
    }
    return [FeedbackRow(p, invitations.get(p.id), responses.get(p.id)) for p in participants]


@dataclass(frozen=True)
class Testimonial:
    """A quote a report may publish. ``name`` is None unless the participant agreed to be named.

    Deliberately not the Participant itself: a report prints ``attribution`` (or ``name``)
    and so cannot print a name its owner did not allow. ``participant_id`` and
    ``organisation_id`` are there to scope a report (e.g. a liaison's own people)."""

    quote: str
    translations: dict[str, str | None]  # the quote in "en", "ru", "uz", where a coordinator gave it
    name: str | None
    organisation: Organisation
    role: ParticipantRole
    nationality: str | None  # only with consent to be named, as it can identify a person
    approved_at: datetime
    participant_id: int
    organisation_id: int

    def in_language(self, language: str) -> str:
        """The quote as a report in ``language`` prints it: translated, else the words as written."""
        return self.translations.get(language) or self.quote

    @property
    def attribution(self) -> str:
        organisation = self.organisation.name
        if self.name:
            return _("%(name)s, %(organisation)s", name=self.name, organisation=organisation)
        return anonymous_attribution(self.role, organisation)


def anonymous_attribution(role: ParticipantRole, organisation: str) -> str:
    if role is ParticipantRole.staff:
        return _("A staff member of %(organisation)s", organisation=organisation)
    if role is ParticipantRole.lead:
        return _("The delegation lead of %(organisation)s", organisation=organisation)
    return _("A student of %(organisation)s", organisation=organisation)


def approved_testimonials(visit: Visit) -> list[Testimonial]:
    """Approved quotes the participants allowed us to publish, oldest approval first;
    the name only where the participant agreed to be named."""
    rows = db.session.execute(
        select(FeedbackResponse, Participant)
        .join(Participant, Participant.id == FeedbackResponse.participant_id)
        .where(
            Participant.visit_id == visit.id,
            FeedbackResponse.approved_at.is_not(None),
            FeedbackResponse.consent_publish_words.is_(True),
            FeedbackResponse.words.is_not(None),
        )
        .options(selectinload(Participant.organisation))
        .order_by(FeedbackResponse.approved_at, FeedbackResponse.id)
    ).all()
    return [
        Testimonial(
            quote=cast(str, response.words),  # the query keeps only responses with words
            translations={"en": response.quote_en, "ru": response.quote_ru, "uz": response.quote_uz},
            name=participant.full_name if response.consent_publish_name else None,
            organisation=participant.organisation,
            role=participant.role,
            nationality=participant.nationality if response.consent_publish_name else None,
            approved_at=cast(datetime, response.approved_at),  # … and approved ones
            participant_id=participant.id,
            organisation_id=participant.organisation_id,
        )
        for response, participant in rows
    ]


@dataclass(frozen=True)
class SiteScore:
    site: Site
    average: float
    count: int


def site_ratings(visit: Visit) -> list[SiteScore]:
    """Average rating and number of ratings per site for ``visit``, by site name."""
    rows = db.session.execute(
        select(Site, func.avg(SiteRating.rating), func.count(SiteRating.id))
        .join(SiteRating, SiteRating.site_id == Site.id)
        .join(FeedbackResponse, FeedbackResponse.id == SiteRating.response_id)
        .join(Participant, Participant.id == FeedbackResponse.participant_id)
        .where(Participant.visit_id == visit.id)
        .group_by(Site.id)
        .order_by(Site.name_key)
    ).all()
    return [SiteScore(site, float(average), count) for site, average, count in rows]


def personal_feedback(participant: Participant) -> dict:
    """What feedback holds about one person, for their own copy of their data."""
    plain = _plain_time
    invitation = db.session.scalar(
        select(FeedbackInvitation).where(FeedbackInvitation.participant_id == participant.id)
    )
    response = db.session.scalar(
        select(FeedbackResponse)
        .options(selectinload(FeedbackResponse.ratings).selectinload(SiteRating.site))
        .where(FeedbackResponse.participant_id == participant.id)
    )
    return {
        "link": None
        if invitation is None
        else {
            "issued_at": plain(invitation.issued_at),
            "expires_at": plain(invitation.expires_at),
            "used_at": plain(invitation.used_at),
        },
        "response": None
        if response is None
        else {
            "words": response.words,
            "consent_publish_words": response.consent_publish_words,
            "consent_publish_name": response.consent_publish_name,
            "submitted_at": plain(response.submitted_at),
            "approved_as_quote_at": plain(response.approved_at),
            "ratings": [{"site": rating.site.name, "rating": rating.rating} for rating in response.ratings],
        },
    }


def _plain_time(value: datetime | None) -> str | None:
    return value.isoformat() if value is not None else None

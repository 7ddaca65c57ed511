"""Feedback operations: links, responses, quote approval. They flush; the request commits."""

from datetime import datetime, timedelta

from flask import current_app
from flask_babel import gettext as _
from sqlalchemy import select, update

from partnership.audit.services import record
from partnership.core.errors import DomainError
from partnership.core.tokens import hash_token, new_token, plausible
from partnership.db import utcnow
from partnership.extensions import db
from partnership.feedback.models import FeedbackInvitation, FeedbackResponse, SiteRating
from partnership.feedback.queries import sites_to_rate
from partnership.visits.models import Participant, Visit, VisitStatus

MAX_WORDS = 5000


def link_lifetime() -> timedelta:
    return timedelta(days=current_app.config["FEEDBACK_LINK_DAYS"])


def _require_completed(visit: Visit) -> None:
    if visit.status is not VisitStatus.completed:
        raise DomainError(_("Feedback opens once the visit is completed."))


def open_feedback(visit: Visit, actor) -> list[FeedbackInvitation]:
    """An invitation for every participant who has none, when a visit is completed
    (``feedback.reactions``); links are issued separately (``issue_links``)."""
    _require_completed(visit)
    invited = set(
        db.session.scalars(
            select(FeedbackInvitation.participant_id)
            .join(Participant, Participant.id == FeedbackInvitation.participant_id)
            .where(Participant.visit_id == visit.id)
        )
    )
    created = [FeedbackInvitation(participant=p) for p in visit.participants if p.id not in invited]
    db.session.add_all(created)
    if created:
        record(actor, "feedback.opened", visit)
    return created


def issue_links(visit: Visit, actor, now: datetime | None = None, *, with_email_only: bool = False) -> dict[int, str]:
    """Tokens for every participant who has no link yet and has not answered (``with_email_only``:
    of those, who have an e-mail address, to be sent the link): ``{participant_id: token}``. The
    tokens are shown (or sent) once and never stored."""
    open_feedback(visit, actor)
    db.session.flush()
    query = (
        select(FeedbackInvitation)
        .join(Participant, Participant.id == FeedbackInvitation.participant_id)
        .where(
            Participant.visit_id == visit.id,
            FeedbackInvitation.token_hash.is_(None),
            FeedbackInvitation.used_at.is_(None),
        )
        .order_by(Participant.id)
    )
    if with_email_only:
        query = query.where(Participant.email.is_not(None), Participant.email != "")
    invitations = db.session.scalars(query).all()
    return {invitation.participant_id: _issue(invitation, actor, now) for invitation in invitations}


def reissue_link(invitation: FeedbackInvitation, actor, now: datetime | None = None) -> str:
    """A new token for one participant; the old link stops working."""
    _require_completed(invitation.participant.visit)
    if invitation.used_at is not None:
        raise DomainError(_("%(name)s has already answered.", name=invitation.participant.full_name))
    return _issue(invitation, actor, now)


def _issue(invitation: FeedbackInvitation, actor, now: datetime | None) -> str:
    now = now or utcnow()
    token = new_token()
    invitation.token_hash = hash_token(token)
    invitation.issued_at = now
    invitation.expires_at = now + link_lifetime()
    invitation.issued_by_id = getattr(actor, "id", None)
    record(actor, "feedback.link_issued", invitation)
    return token


def find_open_invitation(token: str, now: datetime | None = None) -> FeedbackInvitation | None:
    """The invitation a link names, if it may still be answered."""
    if not plausible(token):
        return None
    invitation = db.session.scalar(select(FeedbackInvitation).where(FeedbackInvitation.token_hash == hash_token(token)))
    if invitation is None or not invitation.is_open(now or utcnow()):
        return None
    return invitation


def submit_response(
    invitation: FeedbackInvitation,
    *,
    ratings: dict[int, int | None],
    words: str | None,
    consent_publish_words: bool,
    consent_publish_name: bool,
    now: datetime | None = None,
) -> FeedbackResponse:
    """Record a participant's answer once. ``ratings`` maps site ids to 1–5 (or None: not rated);
    only the sites the participant attended may be rated."""
    now = now or utcnow()
    words = (words or "").strip() or None
    if words is not None and len(words) > MAX_WORDS:
        raise DomainError(_("Please keep your words under %(max)d characters.", max=MAX_WORDS), field="words")
    allowed = {site.id for site in sites_to_rate(invitation.participant)}
    given = {site_id: value for site_id, value in ratings.items() if value is not None}
    if set(given) - allowed:
        raise DomainError(_("You can rate only the sites you attended."))
    if any(not (isinstance(value, int) and 1 <= value <= 5) for value in given.values()):
        raise DomainError(_("A rating is a whole number from 1 to 5."))
    if not given and words is None:
        raise DomainError(_("Please rate a site or write a few words."), field="words")
    # Claim the link atomically: of two simultaneous answers, one wins and the other is refused.
    claimed = db.session.execute(
        update(FeedbackInvitation)
        .where(
            FeedbackInvitation.id == invitation.id,
            FeedbackInvitation.token_hash == invitation.token_hash,
            FeedbackInvitation.used_at.is_(None),
            FeedbackInvitation.expires_at > now,
        )
        .values(used_at=now)
        .execution_options(synchronize_session=False)
    ).rowcount  # type: ignore[attr-defined]  # an UPDATE returns a CursorResult; execute() is typed Result
    if claimed != 1:
        raise DomainError(_("This link has already been used or has expired."))
    db.session.refresh(invitation)
    response = FeedbackResponse(
        participant_id=invitation.participant_id,
        words=words,
        consent_publish_words=consent_publish_words,
        consent_publish_name=consent_publish_name,
        submitted_at=now,
        ratings=[SiteRating(site_id=site_id, rating=value) for site_id, value in sorted(given.items())],
    )
    db.session.add(response)
    record(None, "feedback.submitted", response)
    return response


def approve_quote(response: FeedbackResponse, actor, now: datetime | None = None) -> None:
    if not response.may_be_quoted:
        raise DomainError(_("Only words the participant allowed us to publish can be approved."))
    response.approved_at = now or utcnow()
    response.approved_by_id = actor.id
    record(actor, "feedback.quote_approved", response)


QUOTE_LANGUAGES = ("en", "ru", "uz")


def translate_quote(response: FeedbackResponse, actor, translations: dict[str, str | None]) -> None:
    """A coordinator's translations of a quote the participant allowed us to publish, for reports
    in each language; a blank one leaves the words as written."""
    if not response.may_be_quoted:
        raise DomainError(_("The participant did not allow their words to be published."))
    for language in QUOTE_LANGUAGES:
        value = (translations.get(language) or "").strip()
        setattr(response, f"quote_{language}", value or None)
    record(actor, "feedback.quote_translated", response)


def unapprove_quote(response: FeedbackResponse, actor) -> None:
    response.approved_at = None
    response.approved_by_id = None
    record(actor, "feedback.quote_unapproved", response)


def erase_words_of(participant: Participant) -> None:
    """A person erased: their words and consents go, a quote made of them is withdrawn, and their
    link stops working; their ratings stay (the sites' averages are the visit's figures)."""
    response = db.session.scalar(select(FeedbackResponse).where(FeedbackResponse.participant_id == participant.id))
    if response is not None:
        response.words = None
        response.consent_publish_words = False
        response.consent_publish_name = False
        response.approved_at = None
        response.approved_by_id = None
    invitation = db.session.scalar(
        select(FeedbackInvitation).where(FeedbackInvitation.participant_id == participant.id)
    )
    if invitation is not None:
        invitation.token_hash = None
        invitation.expires_at = None

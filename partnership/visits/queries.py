"""Queries over visits that feed lists, counts and the liaison's start page."""
from dataclasses import dataclass, field
from datetime import date

from flask_babel import lazy_gettext as _l
from sqlalchemy import Select, exists, func, or_, select
from sqlalchemy.orm import selectinload

from partnership.db import utcnow
from partnership.extensions import db
from partnership.feedback.models import FeedbackInvitation
from partnership.partners.models import Organisation
from partnership.text import like_pattern
from partnership.visits import access
from partnership.visits.models import (
    MERGEABLE,
    PARTICIPANTS_OPEN,
    Participant,
    Visit,
    VisitStatus,
    visit_agreements,
    visit_organisations,
)


def search(
    user,
    *,
    q: str | None = None,
    status: VisitStatus | None = None,
    organisation_id: int | None = None,
    date_from: date | None = None,
    date_to: date | None = None,
) -> Select:
    """Visits ``user`` may see matching the list's filters; a date range keeps visits overlapping it."""
    query = (
        select(Visit)
        .where(access.visible_filter(user))
        .options(selectinload(Visit.organisations), selectinload(Visit.coordinator))
    )
    if q and q.strip():
        pattern = like_pattern(q)
        query = query.where(
            or_(
                Visit.search_text.like(pattern, escape="\\"),
                exists(
                    select(visit_organisations.c.visit_id)
                    .join(Organisation, Organisation.id == visit_organisations.c.organisation_id)
                    .where(visit_organisations.c.visit_id == Visit.id, Organisation.search_text.like(pattern, escape="\\"))
                ),
            )
        )
    if status is not None:
        query = query.where(Visit.status == status)
    if organisation_id:
        query = query.where(
            exists(
                select(visit_organisations.c.visit_id).where(
                    visit_organisations.c.visit_id == Visit.id,
                    visit_organisations.c.organisation_id == organisation_id,
                )
            )
        )
    if date_from:
        query = query.where(Visit.ends_on >= date_from)
    if date_to:
        query = query.where(Visit.starts_on <= date_to)
    return query.order_by(Visit.starts_on.desc(), Visit.id.desc())


def participant_counts(visit_ids) -> dict[int, int]:
    """visit id → number of participants, in one query."""
    ids = list(visit_ids)
    if not ids:
        return {}
    rows = db.session.execute(
        select(Participant.visit_id, func.count(Participant.id)).where(Participant.visit_id.in_(ids)).group_by(Participant.visit_id)
    )
    return dict(rows.all())


def counts_by_organisation(visit: Visit) -> dict[int, int]:
    """organisation id → participants of that organisation in ``visit``: what everyone may know."""
    rows = db.session.execute(
        select(Participant.organisation_id, func.count(Participant.id))
        .where(Participant.visit_id == visit.id)
        .group_by(Participant.organisation_id)
    )
    counts = dict(rows.all())
    return {organisation.id: counts.get(organisation.id, 0) for organisation in visit.organisations}


def visible_participants(user, visit: Visit) -> list[Participant]:
    """The participants of ``visit`` whose details ``user`` may see."""
    return list(
        db.session.scalars(
            select(Participant)
            .where(Participant.visit_id == visit.id, access.participants_visible_filter(user))
            .options(selectinload(Participant.organisation))
            .order_by(Participant.organisation_id, Participant.name_key, Participant.id)
        )
    )


def merge_candidates(visit: Visit) -> list[Visit]:
    """Other requests that could be combined into ``visit``."""
    return list(
        db.session.scalars(
            select(Visit)
            .where(Visit.id != visit.id, Visit.status.in_(MERGEABLE))
            .options(selectinload(Visit.organisations))
            .order_by(Visit.starts_on, Visit.id)
        )
    )


# --- the liaison's start page -------------------------------------------------------------------


@dataclass
class Todo:
    kind: str  # submit, add_participants, missing_data, programme_ready, feedback_open, rejected
    label: str
    count: int | None = None


@dataclass
class HomeVisit:
    visit: Visit
    participant_count: int
    todos: list[Todo] = field(default_factory=list)


TODO_LABELS = {
    "submit": _l("Submit the request when it is ready"),
    "add_participants": _l("Add your participants"),
    "missing_data": _l("Participants missing data"),
    "programme_ready": _l("Programme confirmed: ready to download"),
    "feedback_open": _l("Feedback open: participants yet to answer"),
    "rejected": _l("Request rejected"),
}

_MISSING = or_(Participant.nationality.is_(None), Participant.date_of_birth.is_(None), Participant.document_number.is_(None))


def liaison_home(user) -> list[HomeVisit]:
    """The liaison's visits with their status and what is still to do, open ones first.
    Five queries whatever the number of visits."""
    visits = list(
        db.session.scalars(
            select(Visit)
            .where(access.visible_filter(user), Visit.status != VisitStatus.cancelled)
            .options(selectinload(Visit.organisations))
            .order_by(Visit.starts_on.desc(), Visit.id.desc())
        )
    )
    ids = [visit.id for visit in visits]
    own = Participant.organisation_id == user.organisation_id
    counts, missing, unanswered = {}, {}, {}
    if ids:
        counts = dict(
            db.session.execute(
                select(Participant.visit_id, func.count(Participant.id))
                .where(Participant.visit_id.in_(ids), own)
                .group_by(Participant.visit_id)
            ).all()
        )
        missing = dict(
            db.session.execute(
                select(Participant.visit_id, func.count(Participant.id))
                .where(Participant.visit_id.in_(ids), own, _MISSING)
                .group_by(Participant.visit_id)
            ).all()
        )
        unanswered = dict(
            db.session.execute(
                select(Participant.visit_id, func.count(FeedbackInvitation.id))
                .join(FeedbackInvitation, FeedbackInvitation.participant_id == Participant.id)
                .where(
                    Participant.visit_id.in_(ids), own,
                    FeedbackInvitation.token_hash.is_not(None), FeedbackInvitation.used_at.is_(None),
                    or_(FeedbackInvitation.expires_at.is_(None), FeedbackInvitation.expires_at > utcnow()),
                )
                .group_by(Participant.visit_id)
            ).all()
        )
    items = []
    for visit in visits:
        item = HomeVisit(visit=visit, participant_count=counts.get(visit.id, 0))
        if visit.status is VisitStatus.draft:
            item.todos.append(Todo("submit", TODO_LABELS["submit"]))
        if visit.status in PARTICIPANTS_OPEN:
            if not item.participant_count:
                item.todos.append(Todo("add_participants", TODO_LABELS["add_participants"]))
            elif missing.get(visit.id):
                item.todos.append(Todo("missing_data", TODO_LABELS["missing_data"], missing[visit.id]))
        if visit.status is VisitStatus.confirmed:
            item.todos.append(Todo("programme_ready", TODO_LABELS["programme_ready"]))
        if visit.status is VisitStatus.completed and unanswered.get(visit.id):
            item.todos.append(Todo("feedback_open", TODO_LABELS["feedback_open"], unanswered[visit.id]))
        if visit.status is VisitStatus.rejected:
            item.todos.append(Todo("rejected", TODO_LABELS["rejected"]))
        items.append(item)
    open_first = {VisitStatus.draft: 0, VisitStatus.requested: 0, VisitStatus.approved: 0, VisitStatus.confirmed: 0}
    items.sort(key=lambda item: open_first.get(item.visit.status, 1))  # stable: dates stay in order
    return items


def of_organisation(user, organisation_id: int) -> list[Visit]:
    """The visits of an organisation's delegations that ``user`` may see, newest first."""
    return list(db.session.scalars(search(user, organisation_id=organisation_id)))


def under_agreement(user, agreement_id: int) -> list[Visit]:
    """The visits carried out under an agreement (their legal basis) that ``user`` may see."""
    query = search(user).where(
        exists(
            select(visit_agreements.c.visit_id).where(
                visit_agreements.c.visit_id == Visit.id, visit_agreements.c.agreement_id == agreement_id
            )
        )
    )
    return list(db.session.scalars(query))

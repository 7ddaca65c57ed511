"""The liaison's start page: their visits, each with what is still to do."""

from dataclasses import dataclass, field

from flask import current_app
from flask_babel import lazy_gettext as _l
from sqlalchemy import case, func, or_, select, union_all
from sqlalchemy.orm import selectinload

from partnership.db import utcnow
from partnership.extensions import db
from partnership.feedback.models import FeedbackInvitation
from partnership.visits import access as visit_access
from partnership.visits.models import PARTICIPANTS_OPEN, Participant, Visit, VisitStatus


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

_MISSING = or_(
    Participant.nationality.is_(None), Participant.date_of_birth.is_(None), Participant.document_number.is_(None)
)


OPEN = frozenset({VisitStatus.draft, VisitStatus.requested, VisitStatus.approved, VisitStatus.confirmed})


def _visits(user):
    return select(Visit).where(visit_access.visible_filter(user), Visit.status != VisitStatus.cancelled)


def _closed(user):
    return _visits(user).where(Visit.status.not_in(OPEN))


def _open(user):
    return _visits(user).where(Visit.status.in_(OPEN))


def open_and_closed(user) -> tuple[int, int]:
    """How many of the liaison's visits are still open (draft to confirmed), and how many are
    over (completed or rejected), in one query."""
    is_open = Visit.status.in_(OPEN)
    counts = dict(
        db.session.execute(
            select(is_open, func.count(Visit.id))
            .where(visit_access.visible_filter(user), Visit.status != VisitStatus.cancelled)
            .group_by(is_open)
        ).all()
    )
    return counts.get(True, 0), counts.get(False, 0)


def visits_to_do(user) -> list[HomeVisit]:
    """The liaison's first ``LIAISON_OPEN_VISITS`` open visits, the soonest first, and the latest
    ``LIAISON_CLOSED_VISITS`` that are over (a partner of many years would otherwise see every
    one of them), with their status and what is still to do. Five queries whatever the number
    of visits."""
    soonest_open = (
        _open(user)
        .with_only_columns(Visit.id)
        .order_by(Visit.starts_on, Visit.id)
        .limit(current_app.config["LIAISON_OPEN_VISITS"])
    )
    latest_closed = (
        _closed(user)
        .with_only_columns(Visit.id)
        .order_by(Visit.starts_on.desc(), Visit.id.desc())
        .limit(current_app.config["LIAISON_CLOSED_VISITS"])
    )
    is_open = Visit.status.in_(OPEN)
    visits = list(
        db.session.scalars(
            _visits(user)
            # One IN over both lists (two IN joined by OR made PostgreSQL read every visit).
            .where(Visit.id.in_(union_all(*(select(part.subquery().c.id) for part in (soonest_open, latest_closed)))))
            .options(selectinload(Visit.organisations))
            # Open ones first, the soonest on top; then those that are over, the latest on top.
            .order_by(is_open.desc(), case((is_open, Visit.starts_on)), Visit.starts_on.desc(), Visit.id.desc())
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
                    Participant.visit_id.in_(ids),
                    own,
                    FeedbackInvitation.token_hash.is_not(None),
                    FeedbackInvitation.used_at.is_(None),
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
    return items  # open first, each part by date

"""Who sees and keeps visits and their participants.

Admins and coordinators keep every visit; management reads every visit; a
liaison sees the visits their organisation takes part in, edits them while
draft or requested, and sees only their own organisation's people. Dates of
birth and document numbers: staff and the participant's own liaison only."""

from flask import abort
from sqlalchemy import exists, false, select, true

from partnership.core.roles import Role, is_staff
from partnership.extensions import db
from partnership.visits.models import (
    LIAISON_EDITABLE,
    PARTICIPANTS_OPEN,
    TRANSITIONS,
    Participant,
    Visit,
    VisitStatus,
    visit_organisations,
)


def can_view(user, visit: Visit) -> bool:
    if user.role is Role.guide:  # a guide meets visitors at the gate (``gate.access``), not their visits
        return False
    if user.role is Role.liaison:
        return user.organisation_id is not None and user.organisation_id in visit.organisation_ids
    return True


def visible_filter(user):
    """SQL condition for visits ``user`` may open."""
    if user.role is Role.guide:
        return false()
    if user.role is Role.liaison:
        if not user.organisation_id:
            return false()
        return exists(
            select(visit_organisations.c.visit_id).where(
                visit_organisations.c.visit_id == Visit.id,
                visit_organisations.c.organisation_id == user.organisation_id,
            )
        )
    return true()


def get_visible_or_404(user, visit_id: int) -> Visit:
    visit = db.session.get(Visit, visit_id)
    if visit is None or not can_view(user, visit):
        abort(404)
    return visit


def can_create(user) -> bool:
    return is_staff(user) or (user.role is Role.liaison and user.organisation_id is not None)


def can_edit(user, visit: Visit) -> bool:
    """May ``user`` change the visit's own fields (title, dates, purpose, legal basis …)?"""
    if is_staff(user):
        return True
    return user.role is Role.liaison and can_view(user, visit) and visit.status in LIAISON_EDITABLE


def can_combine(user) -> bool:
    """Adding visiting organisations to a visit or merging another request into it."""
    return is_staff(user)


def can_make(user, to_status: VisitStatus) -> bool:
    """May ``user``'s role ever move a visit to ``to_status``? Whether it may from the visit's
    current state is the state machine's answer (``Transition.allows``)."""
    step = TRANSITIONS.get(to_status)
    return step is not None and user.role in step.roles


# --- participants -----------------------------------------------------------------


def participants_visible_filter(user):
    """SQL condition for participants whose details ``user`` may see (lists of people)."""
    if user.role is Role.liaison:
        return Participant.organisation_id == user.organisation_id if user.organisation_id else false()
    return true()


def can_view_participant(user, participant: Participant) -> bool:
    if user.role is Role.liaison:
        return participant.organisation_id == user.organisation_id and can_view(user, participant.visit)
    return True


def can_see_sensitive(user, participant: Participant) -> bool:
    """Date of birth and document number: coordinators, admins, the participant's own liaison."""
    if is_staff(user):
        return True
    return user.role is Role.liaison and participant.organisation_id == user.organisation_id


def can_download_personal_data(user, participant: Participant) -> bool:
    """Everything held about a person (JSON): whoever sees their sensitive fields."""
    return can_see_sensitive(user, participant)


def can_erase(user, participant: Participant) -> bool:
    """Anonymising a person: coordinators and admins, once."""
    return is_staff(user) and not participant.is_erased


def manageable_organisation_ids(user, visit: Visit) -> set[int]:
    """The visiting organisations whose participants ``user`` may add, change or remove now."""
    if is_staff(user):
        return visit.organisation_ids
    if user.role is Role.liaison and visit.status in PARTICIPANTS_OPEN and can_view(user, visit):
        return {user.organisation_id}
    return set()


def can_manage_participants(user, visit: Visit) -> bool:
    return bool(manageable_organisation_ids(user, visit))


def can_edit_participant(user, participant: Participant) -> bool:
    return not participant.is_erased and participant.organisation_id in manageable_organisation_ids(
        user, participant.visit
    )


def get_participant_or_404(user, visit: Visit, participant_id: int) -> Participant:
    participant = db.session.get(Participant, participant_id)
    if participant is None or participant.visit_id != visit.id or not can_view_participant(user, participant):
        abort(404)
    return participant


def get_editable_participant_or_404(user, visit_id: int, participant_id: int) -> tuple[Visit, Participant]:
    """The visit and the person that ``user`` may change: not found (404) where they may not see
    them, refused (403) where they see but may not change."""
    visit = get_visible_or_404(user, visit_id)
    participant = get_participant_or_404(user, visit, participant_id)
    if not can_edit_participant(user, participant):
        abort(403)
    return visit, participant

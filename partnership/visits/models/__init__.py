"""Visits and their participants, one file per aggregate."""

from partnership.visits.models.participant import (
    ROLE_LABELS,
    Participant,
    ParticipantRole,
)
from partnership.visits.models.pending_import import PendingImport
from partnership.visits.models.visit import (
    LIAISON_EDITABLE,
    MERGEABLE,
    PARTICIPANTS_OPEN,
    STATUS_LABELS,
    TRANSITIONS,
    Transition,
    Visit,
    VisitStatus,
    VisitTransition,
    visit_agreements,
    visit_organisations,
)

__all__ = [
    "LIAISON_EDITABLE",
    "MERGEABLE",
    "PARTICIPANTS_OPEN",
    "ROLE_LABELS",
    "STATUS_LABELS",
    "TRANSITIONS",
    "PendingImport",
    "Participant",
    "ParticipantRole",
    "Transition",
    "Visit",
    "VisitStatus",
    "VisitTransition",
    "visit_agreements",
    "visit_organisations",
]

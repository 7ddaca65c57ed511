"""Who may download which report, and whose people a reader's documents show.

Every role reads the reports of the visits it may see; a liaison's documents
show only their own organisation's people; management reads everything but no
sensitive fields, so it gets no invitation letters (they carry document
numbers). The summary is for staff and management; photos are kept by staff."""

import enum
from dataclasses import dataclass

from flask import abort

from partnership.core.roles import READERS, STAFF, Role
from partnership.visits import access as visit_access
from partnership.visits.models import Participant, Visit

SUMMARY_READERS = READERS


class Document(enum.Enum):
    report = "report"
    programme = "programme"
    participants = "participants"
    badges = "badges"
    invitations = "invitations"


# Roles that may ever download each visit document.
DOCUMENT_ROLES = {
    Document.report: (Role.admin, Role.coordinator, Role.management, Role.liaison),
    Document.programme: (Role.admin, Role.coordinator, Role.management, Role.liaison),
    Document.participants: (Role.admin, Role.coordinator, Role.management, Role.liaison),
    Document.badges: (Role.admin, Role.coordinator, Role.management, Role.liaison),
    Document.invitations: (Role.admin, Role.coordinator, Role.liaison),
}


@dataclass(frozen=True)
class Scope:
    """Whose people a document shows (``organisation_id`` None: everyone's) and
    whether it shows their date of birth and document number."""

    organisation_id: int | None = None
    sensitive: bool = True

    def includes(self, participant: Participant) -> bool:
        return self.organisation_id is None or participant.organisation_id == self.organisation_id

    def people(self, participants) -> list[Participant]:
        return [p for p in participants if self.includes(p)]

    @property
    def everyone(self) -> bool:
        return self.organisation_id is None


SYSTEM = Scope()  # scheduled jobs on the command line


def scope_for(user) -> Scope:
    if user.role is Role.liaison:
        # can_see_sensitive: a liaison sees their own people's documents in full.
        return Scope(organisation_id=user.organisation_id or -1, sensitive=True)
    return Scope(organisation_id=None, sensitive=user.role in STAFF)


def may_download(user, document: Document) -> bool:
    return user.role in DOCUMENT_ROLES[document]


def documents_for(user) -> list[Document]:
    return [d for d in Document if may_download(user, d)]


def get_visit_for_document_or_404(user, visit_id: int, document: Document) -> Visit:
    """403 for a role that never gets this document, 404 for a visit the user may not see."""
    if not may_download(user, document):
        abort(403)
    return visit_access.get_visible_or_404(user, visit_id)


def get_participant_for_document_or_404(user, visit: Visit, participant_id: int) -> Participant:
    participant = visit_access.get_participant_or_404(user, visit, participant_id)
    if not scope_for(user).includes(participant):
        abort(404)
    return participant


def can_read_summary(user) -> bool:
    return user.role in SUMMARY_READERS


def can_keep_photos(user) -> bool:
    return user.role in STAFF

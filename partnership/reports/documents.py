"""One entry point that renders any report to bytes, for the views and the CLI alike."""

from datetime import date

from flask_babel import lazy_gettext as _l

from partnership.reports.access import SYSTEM, Document, Scope
from partnership.reports.badges import Badges
from partnership.reports.invitations import InvitationLetters
from partnership.reports.participant_list import ParticipantList
from partnership.reports.programme import Programme
from partnership.reports.queries import visit_for_documents
from partnership.reports.summary import PartnershipSummary
from partnership.reports.visit_report import VisitReport

CLASSES = {
    Document.report: VisitReport,
    Document.programme: Programme,
    Document.participants: ParticipantList,
    Document.badges: Badges,
    Document.invitations: InvitationLetters,
}

LABELS = {
    Document.report: _l("Visit report"),
    Document.programme: _l("Programme"),
    Document.participants: _l("Participant list"),
    Document.badges: _l("Name badges"),
    Document.invitations: _l("Invitation letters"),
}


def render_visit_document(
    document: Document, visit_id: int, language: str, scope: Scope = SYSTEM, progress=None, **options
) -> bytes:
    """``progress``: told how far it has come (0.0 to 1.0), when made as a job."""
    visit = visit_for_documents(visit_id)
    if visit is None:
        raise LookupError(visit_id)
    report = CLASSES[document](visit, language, scope, **options)
    report.progress = progress
    return report.render()


def render_summary(start: date, end: date, language: str, today: date | None = None, progress=None) -> bytes:
    report = PartnershipSummary(start, end, language, today=today)
    report.progress = progress
    return report.render()


def filename(document: Document, visit_id: int, language: str, suffix: str = "") -> str:
    return f"visit-{visit_id}-{document.value}{suffix}-{language}.pdf"


def summary_filename(start: date, end: date, language: str) -> str:
    return f"partnership-summary-{start.isoformat()}-{end.isoformat()}-{language}.pdf"

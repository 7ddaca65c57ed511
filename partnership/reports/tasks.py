"""The reports made as jobs when they are large (``partnership.jobs``): the badges, invitation
letters and participant list of a visit with many people, and the summary of a period with many
visits. Each is made in the worker as its owner may see it then, and recorded when downloaded."""

from datetime import date

from flask_babel import gettext as _

from partnership.jobs.registry import Output, Unavailable, register
from partnership.reports import access, documents, services
from partnership.reports.access import Document
from partnership.reports.common import fmt_number
from partnership.visits.models import Visit

LARGE_DOCUMENTS = (Document.badges, Document.invitations, Document.participants)
PDF = "application/pdf"


def _kind(document: Document) -> str:
    return f"reports.{document.value}"


def visit_document_job(document: Document, visit: Visit, language: str, people: int) -> tuple[str, dict, str, str]:
    """What ``jobs.offers.offer`` needs for a large visit document: kind, params, title, size."""
    title = f"{documents.LABELS[document]}: {visit.title} ({language})"
    size = _("%(count)s people", count=fmt_number(people))
    return _kind(document), {"visit_id": visit.id, "language": language}, title, size


def summary_job(start: date, end: date, language: str, visits: int) -> tuple[str, dict, str, str]:
    title = _("Partnership summary") + f" {start.isoformat()} – {end.isoformat()} ({language})"
    size = _("%(count)s visits", count=fmt_number(visits))
    return "reports.summary", {"from": start.isoformat(), "to": end.isoformat(), "language": language}, title, size


def _visit_for(owner, document: Document, params: dict) -> Visit:
    """The visit as the owner may see it now (a 404 or 403 fails the job as no longer theirs)."""
    return access.get_visit_for_document_or_404(owner, params["visit_id"], document)


def _register_visit_document(document: Document) -> None:
    def build(owner, params: dict, progress) -> Output:
        visit = _visit_for(owner, document, params)
        language, scope = params["language"], access.scope_for(owner)
        data = documents.render_visit_document(document, visit.id, language, scope, progress=progress)
        return Output(data, documents.filename(document, visit.id, language), PDF)

    def downloaded(owner, params: dict) -> None:
        visit = _visit_for(owner, document, params)
        services.record_download(owner, visit, document, params["language"], access.scope_for(owner), job=True)

    register(_kind(document), build=build, downloaded=downloaded)


for _document in LARGE_DOCUMENTS:
    _register_visit_document(_document)


def _build_summary(owner, params: dict, progress) -> Output:
    if not access.can_read_summary(owner):
        raise Unavailable()
    start, end = date.fromisoformat(params["from"]), date.fromisoformat(params["to"])
    data = documents.render_summary(start, end, params["language"], progress=progress)
    return Output(data, documents.summary_filename(start, end, params["language"]), PDF)


def _summary_downloaded(owner, params: dict) -> None:
    """The summary names no participant: nothing to record."""


register("reports.summary", build=_build_summary, downloaded=_summary_downloaded)

"""PDF downloads and the visit's photos. Each view checks access and sends the
bytes a report class built; the reports themselves know nothing of requests."""

from io import BytesIO

from flask import (
    Blueprint,
    Response,
    abort,
    current_app,
    flash,
    redirect,
    render_template,
    request,
    send_file,
    url_for,
)
from flask_babel import get_locale
from flask_babel import gettext as _
from flask_login import current_user

from partnership import images
from partnership.audit import services as audit
from partnership.core import clock
from partnership.core.forms import service_call
from partnership.core.roles import STAFF, guide_may_open, require_login, roles_required
from partnership.db import end_read_phase, reads_before_writing
from partnership.extensions import db
from partnership.gate import access as gate_access
from partnership.gate import queries as gate_queries
from partnership.jobs.offers import offer
from partnership.reports import access, documents, queries, services, summary_queries, tasks
from partnership.reports.access import SUMMARY_READERS, Document
from partnership.reports.forms import PhotoForm, SummaryForm, default_period
from partnership.reports.models import VisitPhoto
from partnership.reports.roll_call import RollCallList
from partnership.visits import access as visit_access

bp = Blueprint("reports", __name__)
bp.before_request(require_login)


def _language() -> str:
    """The language chosen at download (``?lang=``), else the interface's."""
    chosen = request.args.get("lang")
    if chosen is not None and chosen in current_app.config["LANGUAGES"]:
        return chosen
    return str(get_locale())


def _send_pdf(data: bytes, filename: str) -> Response:
    response = send_file(BytesIO(data), mimetype="application/pdf", as_attachment=True, download_name=filename)
    response.headers["Cache-Control"] = "private, no-store"
    return response


def visit_downloads(visit) -> dict:
    """What the download buttons of ``visit`` show the current user (a Jinja global,
    so the macro works wherever it is imported, with or without context)."""
    if not current_user.is_authenticated or not visit_access.can_view(current_user, visit):
        return {"documents": [], "languages": [], "photos_url": None}
    return {
        "documents": [
            (documents.LABELS[d], url_for(f"reports.{d.value}_pdf", visit_id=visit.id))
            for d in access.documents_for(current_user)
        ],
        "languages": list(current_app.config["LANGUAGES"].items()),
        "current_language": str(get_locale()),
        "photos_url": url_for("reports.photos", visit_id=visit.id) if access.can_keep_photos(current_user) else None,
        "gaps": _gaps(visit) if access.can_keep_photos(current_user) else [],
    }


def _gaps(visit) -> list[tuple[str, list[tuple[str, str, str]]]]:
    """For staff, who write the translations: per language, what the documents would print in
    English, with the page to fill it in."""
    names = {"ru": _("Russian"), "uz": _("Uzbek")}
    items = queries.itinerary(visit.id, attendees=False)  # once for both languages
    found = []
    for language, label in names.items():
        gaps = queries.missing_texts(visit, language, items)
        if gaps:
            found.append((label, [(gap.name, gap.what, url_for(gap.endpoint, **gap.values)) for gap in gaps]))
    return found


def summary_download() -> dict | None:
    """The summary form's defaults (this year) for readers of the summary, else None."""
    if not current_user.is_authenticated or not access.can_read_summary(current_user):
        return None
    start, end = default_period(clock.today())
    return {
        "url": url_for("reports.summary_pdf"),
        "start": start.isoformat(),
        "end": end.isoformat(),
        "languages": list(current_app.config["LANGUAGES"].items()),
        "current_language": str(get_locale()),
    }


@bp.record_once
def _register_template_helpers(state) -> None:
    state.app.jinja_env.globals["report_visit_downloads"] = visit_downloads
    state.app.jinja_env.globals["report_summary_download"] = summary_download


# --- the summary -------------------------------------------------------------------


@bp.get("/reports")
@roles_required(*SUMMARY_READERS)
def index():
    start, end = default_period(clock.today())
    form = SummaryForm(formdata=None, date_from=start, date_to=end, lang=str(get_locale()))
    return render_template("reports/index.html", form=form)


@bp.route("/reports/summary.pdf", methods=["GET", "POST"])
@roles_required(*SUMMARY_READERS)
def summary_pdf():
    form = SummaryForm(request.args)
    if not form.validate():
        return render_template("reports/index.html", form=form), 400
    language = form.lang.data if form.lang.data in current_app.config["LANGUAGES"] else str(get_locale())
    assert form.date_from.data is not None and form.date_to.data is not None  # InputRequired
    visits = summary_queries.visits_count(form.date_from.data, form.date_to.data)
    if visits >= current_app.config["JOB_THRESHOLD_VISITS"]:
        return offer(*tasks.summary_job(form.date_from.data, form.date_to.data, language, visits))
    if request.method == "POST":
        return redirect(request.full_path, code=303)
    data = documents.render_summary(form.date_from.data, form.date_to.data, language)
    return _send_pdf(data, documents.summary_filename(form.date_from.data, form.date_to.data, language))


# --- a visit's documents -----------------------------------------------------------


def _visit_document(visit_id: int, document: Document):
    visit = access.get_visit_for_document_or_404(current_user, visit_id, document)
    language = _language()
    scope = access.scope_for(current_user)
    if document in tasks.LARGE_DOCUMENTS:
        people = queries.people_count(visit.id, scope.organisation_id)
        if people >= current_app.config["JOB_THRESHOLD_PEOPLE"]:
            return offer(*tasks.visit_document_job(document, visit, language, people))
    if request.method == "POST":  # only a large document is prepared in the background
        return redirect(request.full_path, code=303)
    data = documents.render_visit_document(document, visit.id, language, scope)
    services.record_download(current_user, visit, document, language, scope)
    return _send_pdf(data, documents.filename(document, visit.id, language))


@bp.get("/visits/<int:visit_id>/report.pdf")
def report_pdf(visit_id: int):
    return _visit_document(visit_id, Document.report)


@bp.get("/visits/<int:visit_id>/programme.pdf")
def programme_pdf(visit_id: int):
    return _visit_document(visit_id, Document.programme)


@bp.route("/visits/<int:visit_id>/participants.pdf", methods=["GET", "POST"])
def participants_pdf(visit_id: int):
    return _visit_document(visit_id, Document.participants)


@bp.route("/visits/<int:visit_id>/badges.pdf", methods=["GET", "POST"])
def badges_pdf(visit_id: int):
    return _visit_document(visit_id, Document.badges)


@bp.route("/visits/<int:visit_id>/invitations.pdf", methods=["GET", "POST"])
def invitations_pdf(visit_id: int):
    return _visit_document(visit_id, Document.invitations)


@bp.get("/visits/<int:visit_id>/invitations/<int:participant_id>.pdf")
def invitation_pdf(visit_id: int, participant_id: int):
    visit = access.get_visit_for_document_or_404(current_user, visit_id, Document.invitations)
    participant = access.get_participant_for_document_or_404(current_user, visit, participant_id)
    language = _language()
    scope = access.scope_for(current_user)
    data = documents.render_visit_document(Document.invitations, visit.id, language, scope, participants=[participant])
    services.record_download(current_user, visit, Document.invitations, language, scope, participant=participant.id)
    return _send_pdf(data, documents.filename(Document.invitations, visit.id, language, suffix=f"-{participant.id}"))


# --- a site's roll call for an evacuation --------------------------------------------


@bp.get("/gate/sites/<int:site_id>/roll-call.pdf")
@guide_may_open
def roll_call_pdf(site_id: int):
    gate_access.require_gate_user(current_user)
    site = gate_access.get_site_or_404(current_user, site_id)
    language = _language()
    data = RollCallList(site, gate_queries.roll_call(site.id, clock.today()), language).render()
    audit.record(current_user, "site.roll_call_downloaded", site, details={"language": language})
    return _send_pdf(data, f"roll-call-{site.id}-{clock.today().isoformat()}-{language}.pdf")


# --- a badge's QR code -------------------------------------------------------------


@bp.get("/visits/<int:visit_id>/checkin/<int:participant_id>")
@roles_required(*STAFF)
def checkin(visit_id: int, participant_id: int):
    """Scanned from a badge by the coordinator: opens the attendance of the item
    the participant is at now (or next); ``?participant=`` names them there."""
    visit = visit_access.get_visible_or_404(current_user, visit_id)
    participant = visit_access.get_participant_or_404(current_user, visit, participant_id)
    item = queries.checkin_item(participant, clock.now().replace(tzinfo=None))
    if item is None:
        flash(_("%(name)s has no item on the programme.", name=participant.full_name), "info")
        return redirect(url_for("programme.show", visit_id=visit.id))
    return redirect(url_for("programme.attendance", visit_id=visit.id, item_id=item.id, participant=participant.id))


# --- photos for the visit report ---------------------------------------------------


def _photo_visit_or_404(visit_id: int):
    if not access.can_keep_photos(current_user):
        abort(403)
    return visit_access.get_visible_or_404(current_user, visit_id)


def _photo_or_404(visit, photo_id: int) -> VisitPhoto:
    photo = db.session.get(VisitPhoto, photo_id)
    if photo is None or photo.visit_id != visit.id:
        abort(404)
    return photo


@bp.route("/visits/<int:visit_id>/photos", methods=["GET", "POST"])
@roles_required(*STAFF)
@reads_before_writing
def photos(visit_id: int):
    """Access is checked in a read transaction, the image decoded with no transaction open,
    and only the save writes."""
    visit = _photo_visit_or_404(visit_id)
    form = PhotoForm()
    if form.validate_on_submit():
        upload = form.photo.data
        content = upload.read(current_app.config["PHOTO_MAX_BYTES"] + 1)
        end_read_phase()
        with service_call(form) as call:
            checked = images.inspect_image(content)
        if call.succeeded:
            visit = _photo_visit_or_404(visit_id)
            with service_call(form) as call:
                services.add_photo(
                    current_user, visit, filename=upload.filename, content=checked, caption=form.caption.data
                )
            if call.succeeded:
                flash(_("The photo is added to the visit report."), "success")
                return redirect(url_for("reports.photos", visit_id=visit.id))
        visit = _photo_visit_or_404(visit_id)
    return render_template("reports/photos.html", visit=visit, form=form, photos=queries.photos(visit.id))


@bp.get("/visits/<int:visit_id>/photos/<int:photo_id>")
@roles_required(*STAFF)
def photo(visit_id: int, photo_id: int):
    visit = _photo_visit_or_404(visit_id)
    photo = _photo_or_404(visit, photo_id)
    response = send_file(BytesIO(photo.content), mimetype=photo.content_type, download_name=photo.filename)
    response.headers["X-Content-Type-Options"] = "nosniff"
    response.headers["Cache-Control"] = "private, max-age=3600"
    return response


@bp.post("/visits/<int:visit_id>/photos/<int:photo_id>/delete")
@roles_required(*STAFF)
def delete_photo(visit_id: int, photo_id: int):
    visit = _photo_visit_or_404(visit_id)
    photo = _photo_or_404(visit, photo_id)
    services.delete_photo(current_user, photo)
    flash(_("The photo is removed."), "success")
    return redirect(url_for("reports.photos", visit_id=visit.id))

"""Importing a visit's participants from a file: the template, the upload, the
preview with each row's errors, and the all-or-nothing commit."""
from datetime import date

from flask import Response, abort, flash, redirect, render_template, url_for
from flask_babel import gettext as _
from flask_babel import ngettext
from flask_login import current_user

from partnership.core.forms import service_call
from partnership.extensions import db
from partnership.visits import access, importing, participants
from partnership.visits.blueprint import bp
from partnership.visits.forms import ImportForm
from partnership.visits.models import PendingImport

TEMPLATES = {
    "csv": ("text/csv; charset=utf-8", importing.template_csv),
    "xlsx": ("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", importing.template_xlsx),
}


@bp.get("/visits/<int:visit_id>/participants/import/template.<any(csv, xlsx):fmt>")
def import_template(visit_id: int, fmt: str):
    access.get_visible_or_404(current_user, visit_id)
    mimetype, build = TEMPLATES[fmt]
    return Response(
        build(), mimetype=mimetype, headers={"Content-Disposition": f"attachment; filename=participants.{fmt}"}
    )


def _managed_visit(visit_id: int):
    visit = access.get_visible_or_404(current_user, visit_id)
    if not access.can_manage_participants(current_user, visit):
        abort(403)
    return visit


@bp.route("/visits/<int:visit_id>/participants/import", methods=["GET", "POST"])
def import_upload(visit_id: int):
    visit = _managed_visit(visit_id)
    manageable = access.manageable_organisation_ids(current_user, visit)
    choices = None
    if access.is_staff(current_user):
        choices = [(o.id, o.name) for o in visit.organisations if o.id in manageable]
    form = ImportForm(organisation_choices=choices)
    if form.validate_on_submit():
        organisation_id = form.organisation_id.data if choices is not None else current_user.organisation_id
        upload = form.file.data
        with service_call(form) as call:
            pending = participants.prepare_import(
                current_user, visit, organisation_id, upload.filename or "", upload.read(), date.today()
            )
        if call.succeeded:
            return redirect(url_for("visits.import_preview", visit_id=visit.id, import_id=pending.id), code=303)
    return render_template("visits/import_upload.html", form=form, visit=visit)


def _own_pending_or_404(visit, import_id: int) -> PendingImport:
    pending = db.session.get(PendingImport, import_id)
    if pending is None or pending.visit_id != visit.id or pending.created_by_id != current_user.id:
        abort(404)
    return pending


def _render_preview(visit, pending, status=200):
    return render_template(
        "visits/import_preview.html",
        visit=visit,
        pending=pending,
        error_message=importing.error_message,
        column_label=importing.column_label,
        columns=importing.COLUMNS,
        organisation=next((o for o in visit.organisations if o.id == pending.organisation_id), None),
    ), status


@bp.get("/visits/<int:visit_id>/participants/import/<int:import_id>")
def import_preview(visit_id: int, import_id: int):
    visit = _managed_visit(visit_id)
    return _render_preview(visit, _own_pending_or_404(visit, import_id))


@bp.post("/visits/<int:visit_id>/participants/import/<int:import_id>")
def import_confirm(visit_id: int, import_id: int):
    visit = _managed_visit(visit_id)
    pending = _own_pending_or_404(visit, import_id)
    if not participants.check_import_again(current_user, pending):
        # Nothing is inserted; the rows' fresh errors are kept for the preview.
        flash(_("Nothing was imported: correct the rows marked below in your file and upload it again."), "danger")
        return _render_preview(visit, pending, status=400)
    with service_call() as call:
        created = participants.commit_import(current_user, pending)
    if not call.succeeded:
        return _render_preview(visit, pending, status=400)
    flash(ngettext("%(num)d participant imported.", "%(num)d participants imported.", len(created)), "success")
    return redirect(url_for("visits.participants_index", visit_id=visit.id))


@bp.post("/visits/<int:visit_id>/participants/import/<int:import_id>/discard")
def import_discard(visit_id: int, import_id: int):
    visit = _managed_visit(visit_id)
    participants.discard_import(_own_pending_or_404(visit, import_id))
    flash(_("The import is discarded; nothing was added."), "info")
    return redirect(url_for("visits.participants_index", visit_id=visit.id))

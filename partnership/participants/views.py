"""A visit's participants: the list (each reader sees whom they may), adding, changing and
removing people one by one, and importing them from a file (the template, the upload, the
preview with each row's errors, and the all-or-nothing commit)."""

import json

from flask import Blueprint, Response, abort, current_app, flash, redirect, render_template, request, url_for
from flask_babel import format_date, ngettext
from flask_babel import gettext as _
from flask_login import current_user

from partnership.core import clock
from partnership.core.forms import service_call
from partnership.core.pagination import paginate, paginate_list
from partnership.core.roles import require_login
from partnership.db import end_read_phase, reads_before_writing
from partnership.extensions import db
from partnership.participants import importing, needs, services
from partnership.participants.forms import (
    DATE_ORDER_LABELS,
    READINESS_CHOICES,
    EraseForm,
    ImportForm,
    ImportOptionsForm,
    ParticipantForm,
    ReadinessForm,
)
from partnership.submissions import AlreadySubmitted, show_earlier
from partnership.visits import access, queries
from partnership.visits.models import PendingImport

# The static folder serves the upload script.
bp = Blueprint("participants", __name__, static_folder="static", static_url_path="/static/participants")
bp.before_request(require_login)


def _managed_visit(visit_id: int):
    visit = access.get_visible_or_404(current_user, visit_id)
    if not access.can_manage_participants(current_user, visit):
        abort(403)
    return visit


def _organisation_choices(visit):
    """Staff choose among the visiting organisations; a liaison adds to their own."""
    if not access.is_staff(current_user):
        return None
    return queries.organisation_choices(visit)


@bp.get("/visits/<int:visit_id>/participants")
def index(visit_id: int):
    visit = access.get_visible_or_404(current_user, visit_id)
    query = queries.participants_of(current_user, visit)
    needing_only = request.args.get("needs") == "1"  # the filter “needs something”
    if needing_only:
        query = needs.only_needing(visit, query)
    size = current_app.config["PARTICIPANTS_PAGE_SIZE"]
    page = paginate(query, per_page=size, missing_page_is_404=not needing_only)
    people = page.items
    return render_template(
        "participants/index.html",
        visit=visit,
        participants=people,
        page=page,
        sensitive_ids={p.id for p in people if access.can_see_sensitive(current_user, p)},
        erasable_ids={p.id for p in people if access.can_erase(current_user, p)},
        counts=queries.counts_by_organisation(visit),
        can_manage=access.can_manage_participants(current_user, visit),
        manageable=access.manageable_organisation_ids(current_user, visit),
        readiness_form=ReadinessForm() if access.is_staff(current_user) else None,
        needs=needs.needs_by_participant(visit, people),
        needing_only=needing_only,
    )


@bp.post("/visits/<int:visit_id>/participants/ready")
def mark_ready(visit_id: int):
    """The list's bulk action: protective equipment issued or medical clearance given, for
    every selected person at once (one transaction, one audit entry a person changed)."""
    visit = access.get_visible_or_404(current_user, visit_id)
    if not access.is_staff(current_user):
        abort(403)
    form = ReadinessForm()
    if form.validate_on_submit():
        with service_call() as call:  # the list has no fields to show a refusal beside: flashed
            people = services.mark_ready(current_user, visit, form.participant_ids.data or [], form.action.data)
        if call.succeeded:
            what = READINESS_CHOICES[form.action.data]
            flash(_("%(count)d participants marked: %(what)s.", count=len(people), what=what), "success")
    else:
        flash(_("Nothing was marked: choose people and what to mark."), "danger")
    return redirect(url_for("participants.index", visit_id=visit.id))


@bp.route("/visits/<int:visit_id>/participants/new", methods=["GET", "POST"])
def new(visit_id: int):
    visit = _managed_visit(visit_id)
    form = ParticipantForm(organisation_choices=_organisation_choices(visit), staff=access.is_staff(current_user))
    if form.validate_on_submit():
        organisation_id = (
            form.organisation_id.data if "organisation_id" in form._fields else current_user.organisation_id
        )
        with service_call(form) as call:
            participant = services.add_participant(
                current_user, visit, organisation_id, form.data_for_service(), submission=form.submission.data
            )
        if call.succeeded:
            flash(_("%(name)s is added.", name=participant.full_name), "success")
            return redirect(url_for("participants.index", visit_id=visit.id))
        if isinstance(call.error, AlreadySubmitted):
            listed = url_for("participants.index", visit_id=visit_id)
            return show_earlier(call.error, lambda _id: listed, listed)
    return render_template("participants/form.html", form=form, visit=visit, participant=None)


def _editable_participant(visit_id: int, participant_id: int):
    return access.get_editable_participant_or_404(current_user, visit_id, participant_id)


def _form_data(participant) -> dict:
    data = {name: getattr(participant, name) for name in services.FIELDS}
    data["role"] = participant.role.value
    data["nationality"] = participant.nationality or ""
    data["organisation_id"] = participant.organisation_id
    return data


@bp.route("/visits/<int:visit_id>/participants/<int:participant_id>/edit", methods=["GET", "POST"])
def edit(visit_id: int, participant_id: int):
    visit, participant = _editable_participant(visit_id, participant_id)
    form = ParticipantForm(
        data=_form_data(participant),
        organisation_choices=_organisation_choices(visit),
        staff=access.is_staff(current_user),
    )
    if form.validate_on_submit():
        organisation_id = form.organisation_id.data if "organisation_id" in form._fields else None
        with service_call(form) as call:
            services.update_participant(current_user, participant, form.data_for_service(), organisation_id)
        if call.succeeded:
            flash(_("%(name)s is saved.", name=participant.full_name), "success")
            return redirect(url_for("participants.index", visit_id=visit.id))
    return render_template("participants/form.html", form=form, visit=visit, participant=participant)


@bp.post("/visits/<int:visit_id>/participants/<int:participant_id>/delete")
def delete(visit_id: int, participant_id: int):
    visit, participant = _editable_participant(visit_id, participant_id)
    name = participant.full_name
    with service_call() as call:
        services.remove_participant(current_user, participant)
    if call.succeeded:
        flash(_("%(name)s is removed from the visit.", name=name), "success")
    return redirect(url_for("participants.index", visit_id=visit.id))


@bp.get("/visits/<int:visit_id>/participants/<int:participant_id>/personal-data.json")
def personal_data(visit_id: int, participant_id: int):
    visit = access.get_visible_or_404(current_user, visit_id)
    participant = access.get_participant_or_404(current_user, visit, participant_id)
    if not access.can_download_personal_data(current_user, participant):
        abort(403)
    data = services.personal_data(current_user, participant)
    return Response(
        json.dumps(data, ensure_ascii=False, indent=2),
        mimetype="application/json",
        headers={"Content-Disposition": f"attachment; filename=participant-{participant.id}.json"},
    )


@bp.route("/visits/<int:visit_id>/participants/<int:participant_id>/erase", methods=["GET", "POST"])
def erase(visit_id: int, participant_id: int):
    """Asks for confirmation, then anonymises the person (staff only)."""
    visit = access.get_visible_or_404(current_user, visit_id)
    participant = access.get_participant_or_404(current_user, visit, participant_id)
    if not access.is_staff(current_user):
        abort(403)
    if participant.is_erased:
        flash(_("This person's data is already erased."), "info")
        return redirect(url_for("participants.index", visit_id=visit.id))
    form = EraseForm()
    if form.validate_on_submit():
        with service_call(form) as call:
            services.erase_participant(current_user, participant)
        if call.succeeded:
            flash(_("The person's data is erased; the visit's figures still count them."), "success")
            return redirect(url_for("participants.index", visit_id=visit.id))
    return render_template("participants/erase.html", form=form, visit=visit, participant=participant)


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


def _import_form(visit) -> ImportForm:
    choices = None
    if access.is_staff(current_user):
        choices = queries.organisation_choices(visit, among=access.manageable_organisation_ids(current_user, visit))
    return ImportForm(organisation_choices=choices)


@bp.route("/visits/<int:visit_id>/participants/import", methods=["GET", "POST"])
@reads_before_writing
def import_upload(visit_id: int):
    """Access is checked in a read transaction; the file is parsed with no transaction open
    (another user's save never waits for it); only keeping the rows writes."""
    visit = _managed_visit(visit_id)
    form = _import_form(visit)
    if form.validate_on_submit():
        staff_choice = "organisation_id" in form._fields
        organisation_id = form.organisation_id.data if staff_choice else current_user.organisation_id
        filename = form.file.data.filename or ""
        data = form.file.data.read()
        end_read_phase()
        with service_call(form) as call:
            reading = importing.read_import(filename, data, clock.today())
        if call.succeeded:
            visit = _managed_visit(visit_id)
            with service_call(form) as call:
                pending = services.prepare_import(
                    current_user, visit, organisation_id, filename, reading.rows, reading, data
                )
            if call.succeeded:
                return redirect(
                    url_for("participants.import_preview", visit_id=visit.id, import_id=pending.id), code=303
                )
        visit = _managed_visit(visit_id)
    return render_template("participants/import_upload.html", form=form, visit=visit)


def _own_pending_or_404(visit, import_id: int) -> PendingImport:
    pending = db.session.get(PendingImport, import_id)
    if pending is None or pending.visit_id != visit.id or pending.created_by_id != current_user.id:
        abort(404)
    return pending


def _date_choices(example: str | None) -> list[tuple[str, str]]:
    """The two readings of an ambiguous date, each shown as the date it would be."""
    choices = []
    for order, label in DATE_ORDER_LABELS.items():
        day = importing.parse_date(example, order) if example else None
        if day is not None:
            choices.append((order, label % {"example": example, "date": format_date(day, "long")}))
    return choices


def _options_form(pending, submitted: bool = False) -> ImportOptionsForm:
    """The preview's choices, as the file was last read (or as just sent)."""
    options = pending.options or {}
    return ImportOptionsForm(
        **({} if submitted else {"formdata": None}),
        data={"date_order": options.get("date_order"), "sheet": options.get("sheet")},
        date_choices=_date_choices(options.get("date_example")),
        sheets=options.get("sheets") or (),
    )


def _render_preview(visit, pending, status=200, options_form=None):
    staff = access.is_staff(current_user)
    flagged = [row for row in pending.rows if row.get("errors") or row.get("warnings")]
    only_flagged = request.args.get("show") == "problems"
    return render_template(
        "participants/import_preview.html",
        visit=visit,
        pending=pending,
        flagged_count=len(flagged),
        only_flagged=only_flagged,
        # A file of thousands of people is checked page by page: the page stays the same size.
        rows=paginate_list(
            flagged if only_flagged else pending.rows, per_page=current_app.config["PARTICIPANTS_PAGE_SIZE"]
        ),
        options=pending.options or {},
        options_form=options_form or _options_form(pending),
        error_message=importing.error_message,
        warning_message=importing.warning_message,
        column_label=importing.column_label,
        columns=[c for c in importing.COLUMNS if staff or c.key not in importing.STAFF_COLUMNS],
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
    if pending.needs_date_order:
        flash(_("Nothing was imported: say which date order the file uses."), "danger")
        return _render_preview(visit, pending, status=400)
    if not services.check_import_again(current_user, pending):
        # Nothing is inserted; the rows' fresh errors are kept for the preview.
        flash(_("Nothing was imported: correct the rows marked below in your file and upload it again."), "danger")
        return _render_preview(visit, pending, status=400)
    with service_call() as call:
        created = services.commit_import(current_user, pending)
    if not call.succeeded:
        return _render_preview(visit, pending, status=400)
    flash(ngettext("%(num)d participant imported.", "%(num)d participants imported.", len(created)), "success")
    return redirect(url_for("participants.index", visit_id=visit.id))


@bp.post("/visits/<int:visit_id>/participants/import/<int:import_id>/options")
@reads_before_writing
def import_options(visit_id: int, import_id: int):
    """Read the pending file again with the importer's date order and sheet."""
    visit = _managed_visit(visit_id)
    pending = _own_pending_or_404(visit, import_id)
    form = _options_form(pending, submitted=True)
    if not form.validate_on_submit():
        return _render_preview(visit, pending, status=400, options_form=form)
    if pending.data is None:
        flash(_("This file is no longer kept: upload it again."), "danger")
        return redirect(url_for("participants.import_upload", visit_id=visit.id))
    filename, data = pending.filename, pending.data
    options = pending.options or {}
    sheet = form.sheet.data if options.get("sheets") else None
    date_order = form.date_order.data or options.get("date_order")
    end_read_phase()
    with service_call() as call:
        reading = importing.read_import(filename, data, clock.today(), sheet=sheet, date_order=date_order)
    visit = _managed_visit(visit_id)
    pending = _own_pending_or_404(visit, import_id)
    if call.succeeded:
        with service_call() as call:
            services.reread_import(current_user, pending, reading)
    if call.succeeded:
        flash(_("The file is checked again."), "info")
    return redirect(url_for("participants.import_preview", visit_id=visit.id, import_id=pending.id), code=303)


@bp.post("/visits/<int:visit_id>/participants/import/<int:import_id>/discard")
def import_discard(visit_id: int, import_id: int):
    visit = _managed_visit(visit_id)
    services.discard_import(_own_pending_or_404(visit, import_id))
    flash(_("The import is discarded; nothing was added."), "info")
    return redirect(url_for("participants.index", visit_id=visit.id))

"""CSV and XLSX downloads of the lists, filtered as the list and scoped by role."""

import io

from flask import Blueprint, current_app, redirect, request, send_file
from flask_login import current_user

from partnership.audit.services import record
from partnership.core import clock
from partnership.core.roles import require_login
from partnership.exports import filters, queries, tables, tasks
from partnership.exports.formats import MIMETYPES, Table, write
from partnership.jobs.offers import offer
from partnership.visits import access as visit_access

bp = Blueprint("exports", __name__, url_prefix="/exports")
bp.before_request(require_login)

FORMAT = "<any(csv, xlsx):fmt>"


@bp.get(f"/organisations.{FORMAT}")
def organisations(fmt: str):
    rows = queries.organisations(current_user, filters.organisation_filters(request.args, current_user))
    return _download(tables.organisations_table(rows), "organisations", fmt)


@bp.get(f"/agreements.{FORMAT}")
def agreements(fmt: str):
    today, window = clock.today(), current_app.config["AGREEMENT_EXPIRY_WINDOW_DAYS"]
    rows = queries.agreements(current_user, filters.agreement_filters(request.args), today, window)
    return _download(tables.agreements_table(rows, today, window), "agreements", fmt)


def _download(table: Table, name: str, fmt: str, target=None, action: str | None = None, **details):
    """Every export names people (contacts, signatories, coordinators, participants): who took
    which list, in which format, with how many rows, is recorded."""
    details = {"format": fmt, "rows": len(table.rows), **details}
    record(current_user, action or f"{name}.exported", target, details=details)
    response = send_file(
        io.BytesIO(write(table, fmt)),
        mimetype=MIMETYPES[fmt],
        as_attachment=True,
        download_name=f"{name}-{clock.today().isoformat()}.{fmt}",
        max_age=0,
    )
    # Exports may hold personal data: no copy in shared caches or the browser's.
    response.headers["Cache-Control"] = "no-store"
    return response


@bp.route(f"/visits.{FORMAT}", methods=["GET", "POST"])
def visits(fmt: str):
    chosen = filters.visit_filters(request.args)
    count = queries.visits_count(current_user, chosen)
    if count >= current_app.config["JOB_THRESHOLD_ROWS"]:
        return offer(*tasks.visits_job(request.args, fmt, count))
    if request.method == "POST":  # only a large export is prepared in the background
        return redirect(request.full_path, code=303)
    rows = queries.visits(current_user, chosen)
    return _download(tables.visits_table(rows), "visits", fmt)


@bp.get(f"/visits/<int:visit_id>/participants.{FORMAT}")
def participants(visit_id: int, fmt: str):
    visit = visit_access.get_visible_or_404(current_user, visit_id)
    people = queries.participants(current_user, visit)
    sensitive = [visit_access.can_see_sensitive(current_user, p) for p in people]
    table = tables.participants_table(people, sensitive)
    # With or without dates of birth and document numbers, names left the system.
    return _download(
        table,
        f"visit-{visit.id}-participants",
        fmt,
        target=visit,
        action="visit.participants_exported",
        sensitive=any(sensitive),
    )

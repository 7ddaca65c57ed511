"""The audit page for admins, the links to a record's history, and the entry for every page a
signed-in user was refused (ASVS 7.2.2: access control failures are logged)."""

from flask import Blueprint, Response, render_template, request, url_for
from flask_login import current_user

from partnership.audit import access, queries, tracking
from partnership.audit.forms import AuditFilterForm
from partnership.core.pagination import paginate
from partnership.core.roles import roles_required
from partnership.extensions import db

bp = Blueprint("audit", __name__)

# Where a record of these kinds is shown, to link entries and histories to it. Endpoint
# names only: audit sits below the sub-domains and imports none of them.
RECORD_PAGES = {
    "organisations": ("partners.detail", "organisation_id"),
    "agreements": ("agreements.detail", "agreement_id"),
    "visits": ("visits.detail", "visit_id"),
    "sites": ("sites.detail", "site_id"),
}
REFUSED = (403, 404)


def record_url(target_type: str | None, target_id: int | None) -> str | None:
    page = RECORD_PAGES.get(target_type or "")
    if page is None or target_id is None:
        return None
    endpoint, argument = page
    return url_for(endpoint, **{argument: target_id})  # type: ignore[arg-type]  # the endpoint's id argument


def history_url(target_type: str, target_id: int) -> str | None:
    """The audit page filtered to one record, for readers of the trail; else None."""
    if not access.can_read(current_user):
        return None
    return url_for("audit.index", target_type=target_type, target_id=target_id)


@bp.record_once
def _init_app(state) -> None:
    tracking.init()
    state.app.jinja_env.globals["audit_history_url"] = history_url
    state.app.jinja_env.globals["audit_record_url"] = record_url


@bp.get("/admin/audit")
@roles_required(*access.READERS)
def index():
    form = AuditFilterForm(
        request.args,
        actors=queries.actors(),
        actions=queries.actions(),
        target_types=sorted({*queries.target_types(), *RECORD_PAGES}),  # a record's history link always works
    )
    form.validate()
    page = paginate(queries.entries(**form.filters()), missing_page_is_404=False)
    return render_template("audit/index.html", form=form, page=page)


@bp.after_app_request
def record_refused_access(response: Response) -> Response:
    """A signed-in user answered 403 or 404: who asked for what, and which record if the
    address names one (its first ``…_id``). The request's commit point stores it."""
    if response.status_code not in REFUSED or request.endpoint in ("static", "bootstrap.static"):
        return response
    if not current_user.is_authenticated:
        return response
    entry = tracking.new_entry(
        current_user._get_current_object(),
        "access.refused",
        details={"status": response.status_code, "method": request.method, "path": request.path[:300]},
    )
    entry.target_type, entry.target_id = _requested_record()
    db.session.add(entry)
    return response


def _requested_record() -> tuple[str | None, int | None]:
    for name, value in (request.view_args or {}).items():
        if name.endswith("_id") and isinstance(value, int):
            table = name.removesuffix("_id") + "s"
            if table in db.metadata.tables:
                return table, value
    return None, None

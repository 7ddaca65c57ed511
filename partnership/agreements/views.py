"""Agreement pages: the list, the detail with its history and scans, and the staff's forms."""

from io import BytesIO

from flask import (
    Blueprint,
    current_app,
    flash,
    jsonify,
    redirect,
    render_template,
    request,
    send_file,
    url_for,
)
from flask_babel import gettext as _
from flask_login import current_user

from partnership import countries, languages
from partnership.agreements import access, queries, services
from partnership.agreements.forms import (
    MAX_PARTIES,
    AgreementForm,
    AmendmentForm,
    AttachmentForm,
    FilterForm,
    RenewalForm,
    TerminationForm,
)
from partnership.agreements.models import Agreement
from partnership.agreements.signals import agreement_page
from partnership.core import clock, pages
from partnership.core.forms import service_call
from partnership.core.pagination import excerpt, paginate
from partnership.core.roles import STAFF, require_login, roles_required
from partnership.db import end_read_phase, reads_before_writing
from partnership.partners import access as partner_access
from partnership.partners.signals import organisation_page
from partnership.submissions import AlreadySubmitted, show_earlier

bp = Blueprint("agreements", __name__)
bp.before_request(require_login)


def _window() -> int:
    return current_app.config["AGREEMENT_EXPIRY_WINDOW_DAYS"]


@bp.context_processor
def _template_helpers():
    def organisation_url(organisation):
        """A link to the organisation's page when it exists and the reader may open it."""
        if "partners.detail" in current_app.view_functions and partner_access.can_view(current_user, organisation):
            return url_for("partners.detail", organisation_id=organisation.id)
        return None

    return {"organisation_url": organisation_url, "today": clock.today(), "window_days": _window()}


# --- reading ----------------------------------------------------------------


@bp.get("/agreements")
def index():
    form = FilterForm(
        request.args,
        country_choices=[(code, countries.name(code)) for code in queries.party_country_choices()],
    )
    form.validate()
    query = queries.search(today=clock.today(), window_days=_window(), **form.filters()).where(
        access.visible_filter(current_user)
    )
    page = paginate(query)
    return render_template("agreements/index.html", form=form, page=page, can_edit=access.can_edit(current_user))


@bp.get("/agreements/suggest")
def suggest():
    """Suggestions for a lookup field: the agreements the reader may see matching ``q`` (JSON)."""
    text = request.args.get("q", "")[:200]
    found = queries.suggestions(text, access.visible_filter(current_user)) if text.strip() else []
    return jsonify([{"id": agreement_id, "label": label} for agreement_id, label in found])


@bp.get("/agreements/<int:agreement_id>")
def detail(agreement_id: int):
    return _render_detail(access.get_detail_or_404(current_user, agreement_id))


def _render_detail(agreement: Agreement, **forms):
    """The detail page; a history or upload form that failed comes back with its messages."""
    editable = access.can_edit(current_user)
    if editable:
        forms.setdefault("amendment_form", AmendmentForm(prefix="amendment", formdata=None))
        forms.setdefault("renewal_form", RenewalForm(prefix="renewal", formdata=None))
        forms.setdefault("termination_form", TerminationForm(prefix="termination", formdata=None))
        forms.setdefault("attachment_form", AttachmentForm(prefix="attachment", formdata=None))
    parent = agreement.parent if agreement.parent and access.can_view(current_user, agreement.parent) else None
    return render_template(
        "agreements/detail.html",
        agreement=agreement,
        status=agreement.status(clock.today(), _window()),
        parent=parent,
        children=queries.children_visible(agreement, access.visible_filter(current_user)),
        sections=pages.sections(agreement_page, agreement, user=current_user),
        can_edit=editable,
        actions=[action.value for action in services.available_actions(agreement)] if editable else [],
        **forms,
    )


@bp.get("/agreements/<int:agreement_id>/attachments/<int:attachment_id>")
def download(agreement_id: int, attachment_id: int):
    agreement = access.get_visible_or_404(current_user, agreement_id)
    attachment = access.get_attachment_or_404(current_user, agreement, attachment_id)
    response = send_file(
        BytesIO(attachment.content),
        mimetype="application/pdf",
        as_attachment=True,
        download_name=attachment.filename,
        etag=attachment.sha256,
        max_age=0,
    )
    response.headers["X-Content-Type-Options"] = "nosniff"
    response.headers["Cache-Control"] = "private, no-store"
    return response


# --- keeping the agreement --------------------------------------------------


def _agreement_form(agreement: Agreement | None = None) -> AgreementForm:
    data = None
    if agreement is not None:
        data = {
            "reference": agreement.reference,
            "title": agreement.title,
            "kind": agreement.kind.value,
            "objectives": agreement.objectives,
            **{name: getattr(agreement, name) for name in languages.columns(agreement.TRANSLATED)},
            "parent_id": agreement.parent_id or 0,
            "signed_on": agreement.signed_on,
            "effective_on": agreement.effective_on,
            "expires_on": agreement.expires_on,
            "parties": [
                {
                    "organisation_id": party.organisation_id,
                    "signatory_name": party.signatory_name,
                    "signatory_title": party.signatory_title,
                    **{name: getattr(party, name) for name in languages.columns(party.TRANSLATED)},
                    "signed_on": party.signed_on,
                }
                for party in agreement.parties
            ],
        }
    return AgreementForm(data=data, parent_choices=queries.framework_choices(agreement))


def _add_party_row(form: AgreementForm) -> None:
    if not form.add_party_row():
        flash(_("An agreement can have at most %(count)d parties.", count=MAX_PARTIES), "warning")


@bp.route("/agreements/new", methods=["GET", "POST"])
@roles_required(*STAFF)
def create():
    form = _agreement_form()
    if form.is_submitted() and form.wants_another_party:
        _add_party_row(form)
    elif form.validate_on_submit():
        with service_call(form) as call:
            agreement = services.create_agreement(
                current_user, today=clock.today(), submission=form.submission.data, **form.agreement_data()
            )
        if call.succeeded:
            flash(_("Agreement %(reference)s recorded.", reference=agreement.reference), "success")
            return redirect(url_for("agreements.detail", agreement_id=agreement.id))
        if isinstance(call.error, AlreadySubmitted):
            return show_earlier(
                call.error,
                lambda record_id: url_for("agreements.detail", agreement_id=record_id),
                url_for("agreements.index"),
            )
    return render_template("agreements/form.html", form=form, agreement=None)


@bp.route("/agreements/<int:agreement_id>/edit", methods=["GET", "POST"])
@roles_required(*STAFF)
def edit(agreement_id: int):
    agreement = access.get_detail_or_404(current_user, agreement_id)
    form = _agreement_form(agreement)
    if form.is_submitted() and form.wants_another_party:
        _add_party_row(form)
    elif form.validate_on_submit():
        with service_call(form) as call:
            services.update_agreement(current_user, agreement, **form.agreement_data())
        if call.succeeded:
            flash(_("Agreement %(reference)s saved.", reference=agreement.reference), "success")
            return redirect(url_for("agreements.detail", agreement_id=agreement.id))
    return render_template("agreements/form.html", form=form, agreement=agreement)


# --- history ------------------------------------------------------------------


def _history_action(agreement_id: int, form, form_name: str, action, done_message: str):
    """Validate a history form, call ``action(agreement, form)``; or show the page with the messages."""
    agreement = access.get_detail_or_404(current_user, agreement_id)
    if form.validate_on_submit():
        with service_call(form) as call:
            action(agreement, form)
        if call.succeeded:
            flash(done_message, "success")
            return redirect(url_for("agreements.detail", agreement_id=agreement.id, _anchor="history"))
    return _render_detail(agreement, **{form_name: form})


@bp.post("/agreements/<int:agreement_id>/amendments")
@roles_required(*STAFF)
def amend(agreement_id: int):
    return _history_action(
        agreement_id,
        AmendmentForm(prefix="amendment"),
        "amendment_form",
        lambda agreement, form: services.record_amendment(
            current_user, agreement, occurred_on=form.occurred_on.data, description=form.description.data
        ),
        _("Amendment recorded."),
    )


@bp.post("/agreements/<int:agreement_id>/renewals")
@roles_required(*STAFF)
def renew(agreement_id: int):
    return _history_action(
        agreement_id,
        RenewalForm(prefix="renewal"),
        "renewal_form",
        lambda agreement, form: services.renew(
            current_user,
            agreement,
            occurred_on=form.occurred_on.data,
            new_expires_on=form.new_expires_on.data,
            description=form.description.data,
        ),
        _("Renewal recorded."),
    )


@bp.post("/agreements/<int:agreement_id>/terminate")
@roles_required(*STAFF)
def terminate(agreement_id: int):
    return _history_action(
        agreement_id,
        TerminationForm(prefix="termination"),
        "termination_form",
        lambda agreement, form: services.terminate(
            current_user,
            agreement,
            occurred_on=form.occurred_on.data,
            reason=form.description.data,
            today=clock.today(),
        ),
        _("Termination recorded."),
    )


# --- signed scans -----------------------------------------------------------


@bp.post("/agreements/<int:agreement_id>/attachments")
@roles_required(*STAFF)
@reads_before_writing
def upload(agreement_id: int):
    """Access and the file are checked in a read transaction; only the save writes."""
    agreement = access.get_detail_or_404(current_user, agreement_id)
    form = AttachmentForm(prefix="attachment")
    valid = form.validate_on_submit()
    end_read_phase()
    agreement = access.get_detail_or_404(current_user, agreement_id)
    if valid:
        with service_call(form) as call:
            attachment = services.add_attachment(
                current_user, agreement, filename=form.file.data.filename, content=form.content()
            )
        if call.succeeded:
            flash(_("%(name)s attached.", name=attachment.filename), "success")
            return redirect(url_for("agreements.detail", agreement_id=agreement.id, _anchor="attachments"))
    return _render_detail(agreement, attachment_form=form)


@bp.post("/agreements/<int:agreement_id>/attachments/<int:attachment_id>/delete")
@roles_required(*STAFF)
def delete_attachment(agreement_id: int, attachment_id: int):
    agreement = access.get_visible_or_404(current_user, agreement_id)
    attachment = access.get_attachment_or_404(current_user, agreement, attachment_id)
    name = attachment.filename
    services.delete_attachment(current_user, attachment)
    flash(_("%(name)s removed.", name=name), "success")
    return redirect(url_for("agreements.detail", agreement_id=agreement.id, _anchor="attachments"))


# --- sections of other sub-domains' pages ----------------------------------------------------------


@organisation_page.connect
def organisation_agreements(organisation, user) -> pages.Section:
    """The agreements an organisation is party to, on its page."""
    return pages.Section(
        "agreements/_organisation_section.html",
        {
            "agreements": excerpt(
                queries.of_organisation(organisation, access.visible_filter(user)),
                url_for("agreements.index", party=organisation.id),
            ),
            "today": clock.today(),
            "window_days": _window(),
        },
        order=10,
    )

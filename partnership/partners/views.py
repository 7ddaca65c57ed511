"""The register of partner organisations: list, page, keeping them and their contacts."""

from flask import (
    Blueprint,
    flash,
    jsonify,
    redirect,
    render_template,
    request,
    url_for,
)
from flask_babel import gettext as _
from flask_login import current_user

from partnership.core import pages
from partnership.core.forms import service_call
from partnership.core.pagination import paginate
from partnership.core.roles import require_login
from partnership.partners import access, queries, services
from partnership.partners.access import staff_required
from partnership.partners.forms import (
    ContactForm,
    OrganisationFilterForm,
    OrganisationForm,
)
from partnership.partners.signals import organisation_page
from partnership.submissions import AlreadySubmitted, show_earlier

bp = Blueprint("partners", __name__)
bp.before_request(require_login)


@bp.context_processor
def partners_helpers():
    return {
        "partners_access": access,
    }


@bp.get("/organisations")
def index():
    staff_view = access.may_list_archived(current_user)
    include_archived = staff_view and request.args.get("archived") == "1"
    filter_form = OrganisationFilterForm(request.args, country_codes=queries.countries_in_use(include_archived))
    query = queries.search(
        **filter_form.filters(),
        include_archived=include_archived,
        names_only=access.searches_names_only(current_user),
    )
    details = access.sees_register_details(current_user)
    if details:
        query = queries.with_contacts(query)
    page = paginate(query, missing_page_is_404=False)
    return render_template(
        "partners/index.html",
        page=page,
        filter_form=filter_form,
        details=details,
        may_list_archived=staff_view,
        include_archived=include_archived,
    )


@bp.get("/organisations/suggest")
def suggest():
    """Suggestions for a lookup field: the organisations whose names match ``q`` (JSON). Names,
    as the register shows everyone signed in; archived ones only to those who may list them."""
    text = request.args.get("q", "")[:200]
    archived = request.args.get("archived") == "1" and access.may_list_archived(current_user)
    found = queries.suggestions(text, include_archived=archived) if text.strip() else []
    return jsonify([{"id": organisation_id, "label": label} for organisation_id, label in found])


@bp.get("/organisations/<int:organisation_id>")
def detail(organisation_id: int):
    organisation = access.get_visible_or_404(current_user, organisation_id)
    return render_template(
        "partners/detail.html",
        organisation=organisation,
        sections=pages.sections(organisation_page, organisation, user=current_user),
    )


@bp.route("/organisations/new", methods=["GET", "POST"])
@staff_required
def create():
    form = OrganisationForm()
    if form.validate_on_submit():
        with service_call(form) as call:
            organisation = services.create_organisation(
                current_user, submission=form.submission.data, **form.service_data()
            )
        if call.succeeded:
            flash(_("%(name)s is added to the register.", name=organisation.name), "success")
            return redirect(url_for("partners.detail", organisation_id=organisation.id))
        if isinstance(call.error, AlreadySubmitted):
            return show_earlier(
                call.error,
                lambda record_id: url_for("partners.detail", organisation_id=record_id),
                url_for("partners.index"),
            )
    return render_template("partners/form.html", form=form, organisation=None)


@bp.route("/organisations/<int:organisation_id>/edit", methods=["GET", "POST"])
@staff_required
def edit(organisation_id: int):
    organisation = access.get_visible_or_404(current_user, organisation_id)
    form = OrganisationForm(data=OrganisationForm.data_of(organisation))
    if form.validate_on_submit():
        with service_call(form) as call:
            services.update_organisation(current_user, organisation, **form.service_data())
        if call.succeeded:
            flash(_("%(name)s is saved.", name=organisation.name), "success")
            return redirect(url_for("partners.detail", organisation_id=organisation.id))
    return render_template("partners/form.html", form=form, organisation=organisation)


@bp.post("/organisations/<int:organisation_id>/archive")
@staff_required
def archive(organisation_id: int):
    organisation = access.get_visible_or_404(current_user, organisation_id)
    return _act(organisation, services.archive_organisation, lambda o: _("%(name)s is archived.", name=o.name))


@bp.post("/organisations/<int:organisation_id>/restore")
@staff_required
def restore(organisation_id: int):
    organisation = access.get_visible_or_404(current_user, organisation_id)
    return _act(organisation, services.restore_organisation, lambda o: _("%(name)s is restored.", name=o.name))


def _act(organisation, operation, done_message):
    with service_call(category="warning") as call:
        operation(current_user, organisation)
    if call.succeeded:
        flash(done_message(organisation), "success")
    return redirect(url_for("partners.detail", organisation_id=organisation.id))


@bp.route("/organisations/<int:organisation_id>/contacts/new", methods=["GET", "POST"])
@staff_required
def create_contact(organisation_id: int):
    organisation = access.get_visible_or_404(current_user, organisation_id)
    form = ContactForm()
    if form.validate_on_submit():
        with service_call(form) as call:
            services.add_contact(current_user, organisation, submission=form.submission.data, **form.service_data())
        if call.succeeded:
            flash(_("The contact is added."), "success")
            return redirect(url_for("partners.detail", organisation_id=organisation.id))
        if isinstance(call.error, AlreadySubmitted):
            shown = url_for("partners.detail", organisation_id=organisation.id)
            return show_earlier(call.error, lambda _id: shown, shown)
    return render_template("partners/contact_form.html", form=form, organisation=organisation, contact=None)


@bp.route("/organisations/<int:organisation_id>/contacts/<int:contact_id>/edit", methods=["GET", "POST"])
@staff_required
def edit_contact(organisation_id: int, contact_id: int):
    organisation = access.get_visible_or_404(current_user, organisation_id)
    contact = access.get_contact_or_404(organisation, contact_id)
    form = ContactForm(data=ContactForm.data_of(contact))
    if form.validate_on_submit():
        with service_call(form) as call:
            services.update_contact(current_user, contact, **form.service_data())
        if call.succeeded:
            flash(_("The contact is saved."), "success")
            return redirect(url_for("partners.detail", organisation_id=organisation.id))
    return render_template("partners/contact_form.html", form=form, organisation=organisation, contact=contact)


@bp.post("/organisations/<int:organisation_id>/contacts/<int:contact_id>/delete")
@staff_required
def delete_contact(organisation_id: int, contact_id: int):
    organisation = access.get_visible_or_404(current_user, organisation_id)
    contact = access.get_contact_or_404(organisation, contact_id)
    services.delete_contact(current_user, contact)
    flash(_("The contact is removed."), "success")
    return redirect(url_for("partners.detail", organisation_id=organisation.id))

"""Visits: the list, requests, their lifecycle and combining delegations."""

from flask import Blueprint, abort, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user

from partnership import languages
from partnership.accounts import queries as account_queries
from partnership.agreements import access as agreement_access
from partnership.agreements.signals import agreement_page
from partnership.core import pages
from partnership.core.forms import service_call
from partnership.core.pagination import excerpt, paginate
from partnership.core.roles import require_login
from partnership.extensions import db
from partnership.partners.models import Organisation
from partnership.partners.signals import organisation_page
from partnership.submissions import AlreadySubmitted, show_earlier
from partnership.visits import access, queries, services
from partnership.visits.forms import (
    AddOrganisationForm,
    EditVisitForm,
    MergeForm,
    TransitionForm,
    VisitForm,
    list_filters,
)
from partnership.visits.models import TRANSITIONS, VisitStatus
from partnership.visits.signals import visit_page

bp = Blueprint("visits", __name__)
bp.before_request(require_login)


@bp.get("/visits")
def index():
    filters, organisation_form = list_filters(request.args)
    pagination = paginate(queries.search(current_user, **filters))
    return render_template(
        "visits/index.html",
        pagination=pagination,
        filters=filters,
        statuses=list(VisitStatus),
        organisation_form=None if current_user.is_liaison else organisation_form,
        counts=queries.participant_counts(v.id for v in pagination.items),
        can_create=access.can_create(current_user),
    )


def _coordinator_choices() -> list[tuple[int, str]] | None:
    return account_queries.coordinator_choices() if access.is_staff(current_user) else None


def _visit_data(form: VisitForm) -> dict:
    data = {
        "title": form.title.data,
        "starts_on": form.starts_on.data,
        "ends_on": form.ends_on.data,
        "purpose": form.purpose.data,
        "agreement_ids": form.agreement_ids.data,
        "translations": languages.form_values(form),
    }
    if "coordinator_id" in form._fields:
        data["coordinator_id"] = form.coordinator_id.data or None
    return data


@bp.route("/visits/new", methods=["GET", "POST"])
def new():
    if not access.can_create(current_user):
        abort(403)
    staff = access.is_staff(current_user)
    form = VisitForm(
        choose_organisations=staff,
        coordinator_choices=_coordinator_choices(),
    )
    if staff:  # the account and the outcomes come after the visit
        languages.remove(form, "account")
        languages.remove(form, "outcomes")
    if form.validate_on_submit():
        with service_call(form) as call:
            visit = services.create_visit(
                current_user,
                organisation_ids=form.organisation_ids.data if staff else (),
                submission=form.submission.data,
                **_visit_data(form),
            )
        if call.succeeded:
            flash(_("Visit “%(title)s” created as a draft.", title=visit.title), "success")
            return redirect(url_for("visits.detail", visit_id=visit.id))
        if isinstance(call.error, AlreadySubmitted):
            return show_earlier(
                call.error, lambda visit_id: url_for("visits.detail", visit_id=visit_id), url_for("visits.index")
            )
    return render_template("visits/form.html", form=form, visit=None)


@bp.get("/visits/<int:visit_id>")
def detail(visit_id: int):
    visit = access.get_visible_or_404(current_user, visit_id)
    return _render_detail(visit)


def _render_detail(visit, failed: TransitionForm | None = None, status: int = 200):
    forms = {}
    for step in visit.allowed_transitions(current_user):
        if failed is not None and failed.to_status.data == step.to.value:
            forms[step.to] = failed
        else:
            forms[step.to] = TransitionForm(formdata=None, to_status=step.to.value)
    return render_template(
        "visits/detail.html",
        visit=visit,
        transitions=[(TRANSITIONS[to], form) for to, form in forms.items()],
        counts=queries.counts_by_organisation(visit),
        participants=excerpt(
            queries.participants_of(current_user, visit), url_for("participants.index", visit_id=visit.id)
        ),
        can_edit=access.can_edit(current_user, visit),
        can_combine=access.can_combine(current_user) and not visit.status.is_closed,
        can_manage_participants=access.can_manage_participants(current_user, visit),
        agreements=[a for a in visit.agreements if agreement_access.can_view(current_user, a)],
        sections=pages.sections(visit_page, visit, user=current_user),
    ), status


@bp.route("/visits/<int:visit_id>/edit", methods=["GET", "POST"])
def edit(visit_id: int):
    visit = access.get_visible_or_404(current_user, visit_id)
    if not access.can_edit(current_user, visit):
        abort(403)
    form = EditVisitForm(
        data={
            "title": visit.title,
            "starts_on": visit.starts_on,
            "ends_on": visit.ends_on,
            "purpose": visit.purpose,
            "outcomes": visit.outcomes,
            "account": visit.account,
            **{name: getattr(visit, name) for name in languages.columns(visit.TRANSLATED)},
            "agreement_ids": [a.id for a in visit.agreements],
            "coordinator_id": visit.coordinator_id or 0,
        },
        coordinator_choices=_coordinator_choices(),
    )
    if form.validate_on_submit():
        data = _visit_data(form)
        if "outcomes" in form._fields:
            data["outcomes"] = form.outcomes.data
            data["account"] = form.account.data
        with service_call(form) as call:
            services.update_visit(current_user, visit, **data)
        if call.succeeded:
            flash(_("Visit saved."), "success")
            return redirect(url_for("visits.detail", visit_id=visit.id))
    return render_template("visits/form.html", form=form, visit=visit)


@bp.post("/visits/<int:visit_id>/transition")
def transition(visit_id: int):
    visit = access.get_visible_or_404(current_user, visit_id)
    form = TransitionForm()
    if not form.validate():
        abort(400)
    to_status = VisitStatus(form.to_status.data)
    if not access.can_make(current_user, to_status):
        abort(403)
    with service_call(form) as call:
        services.transition(current_user, visit, to_status, form.comment.data)
    if call.succeeded:
        flash(_("The visit is now “%(status)s”.", status=to_status.label), "success")
    elif call.error is not None and call.error.field:
        return _render_detail(visit, failed=form, status=400)
    return redirect(url_for("visits.detail", visit_id=visit.id))


# --- combining delegations -------------------------------------------------------------------------


def _combinable_visit_or_error(visit_id: int):
    visit = access.get_visible_or_404(current_user, visit_id)
    if not access.can_combine(current_user):
        abort(403)
    return visit


def _combine_forms(visit):
    add_form = AddOrganisationForm(prefix="add")
    merge_form = MergeForm(prefix="merge")
    merge_form.other_id.choices = [
        (
            other.id,
            f"#{other.id} {other.title} · {', '.join(o.name for o in other.organisations)} · {other.status.label}",
        )
        for other in queries.merge_candidates(visit)
    ]
    return add_form, merge_form


def _render_combine(visit, add_form, merge_form, status=200):
    return render_template(
        "visits/combine.html",
        visit=visit,
        add_form=add_form,
        merge_form=merge_form,
        counts=queries.counts_by_organisation(visit),
    ), status


@bp.get("/visits/<int:visit_id>/combine")
def combine(visit_id: int):
    visit = _combinable_visit_or_error(visit_id)
    return _render_combine(visit, *_combine_forms(visit))


@bp.post("/visits/<int:visit_id>/combine/organisation")
def add_organisation(visit_id: int):
    visit = _combinable_visit_or_error(visit_id)
    add_form, merge_form = _combine_forms(visit)
    if add_form.validate_on_submit():
        organisation = db.session.get(Organisation, add_form.organisation_id.data) or abort(404)
        if organisation.id in visit.organisation_ids:
            add_form.organisation_id.errors.append(_("This organisation is already in the visit."))
            return _render_combine(visit, add_form, merge_form, status=400)
        with service_call(add_form) as call:
            services.add_organisation(current_user, visit, organisation, add_form.comment.data)
        if call.succeeded:
            flash(_("%(organisation)s joined the visit.", organisation=organisation.name), "success")
            return redirect(url_for("visits.detail", visit_id=visit.id))
    return _render_combine(visit, add_form, merge_form, status=400)


@bp.post("/visits/<int:visit_id>/combine/merge")
def merge(visit_id: int):
    visit = _combinable_visit_or_error(visit_id)
    add_form, merge_form = _combine_forms(visit)
    if merge_form.validate_on_submit():
        other = db.session.get(type(visit), merge_form.other_id.data) or abort(404)
        with service_call(merge_form) as call:
            services.merge(current_user, visit, other)
        if call.succeeded:
            flash(_("Request #%(id)d is combined into this visit.", id=other.id), "success")
            return redirect(url_for("visits.detail", visit_id=visit.id))
    return _render_combine(visit, add_form, merge_form, status=400)


@bp.post("/visits/<int:visit_id>/organisations/<int:organisation_id>/remove")
def remove_organisation(visit_id: int, organisation_id: int):
    visit = _combinable_visit_or_error(visit_id)
    organisation = db.session.get(Organisation, organisation_id)
    if organisation is None or organisation.id not in visit.organisation_ids:
        abort(404)
    with service_call() as call:
        services.remove_organisation(current_user, visit, organisation)
    if not call.succeeded:
        return redirect(url_for("visits.combine", visit_id=visit.id))
    flash(_("%(organisation)s left the visit.", organisation=organisation.name), "success")
    return redirect(url_for("visits.detail", visit_id=visit.id))


# --- sections of other sub-domains' pages ----------------------------------------------------------


@organisation_page.connect
def organisation_visits(organisation, user) -> pages.Section:
    """The visits of an organisation's delegations, on its page."""
    visits = excerpt(
        queries.of_organisation(user, organisation.id), url_for("visits.index", organisation=organisation.id)
    )
    return pages.Section("visits/_organisation_section.html", {"visits": visits}, 20)


@agreement_page.connect
def agreement_visits(agreement, user) -> pages.Section:
    """The visits carried out under an agreement, on its page."""
    visits = excerpt(queries.under_agreement(user, agreement.id), url_for("visits.index", agreement=agreement.id))
    return pages.Section("visits/_agreement_section.html", {"visits": visits}, 20)

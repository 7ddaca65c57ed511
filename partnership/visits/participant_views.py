"""A visit's participants: the list (each reader sees whom they may), adding,
changing and removing people one by one."""
from flask import abort, flash, redirect, render_template, url_for
from flask_babel import gettext as _
from flask_login import current_user

from partnership.core.forms import service_call
from partnership.visits import access, participants, queries
from partnership.visits.blueprint import bp
from partnership.visits.forms import ParticipantForm


def _managed_visit(visit_id: int):
    visit = access.get_visible_or_404(current_user, visit_id)
    if not access.can_manage_participants(current_user, visit):
        abort(403)
    return visit


def _organisation_choices(visit):
    """Staff choose among the visiting organisations; a liaison adds to their own."""
    if not access.is_staff(current_user):
        return None
    return [(o.id, o.name) for o in visit.organisations]


@bp.get("/visits/<int:visit_id>/participants")
def participants_index(visit_id: int):
    visit = access.get_visible_or_404(current_user, visit_id)
    people = queries.visible_participants(current_user, visit)
    return render_template(
        "visits/participants.html",
        visit=visit,
        participants=people,
        sensitive_ids={p.id for p in people if access.can_see_sensitive(current_user, p)},
        counts=queries.counts_by_organisation(visit),
        can_manage=access.can_manage_participants(current_user, visit),
        manageable=access.manageable_organisation_ids(current_user, visit),
    )


@bp.route("/visits/<int:visit_id>/participants/new", methods=["GET", "POST"])
def participant_new(visit_id: int):
    visit = _managed_visit(visit_id)
    form = ParticipantForm(organisation_choices=_organisation_choices(visit), staff=access.is_staff(current_user))
    if form.validate_on_submit():
        organisation_id = form.organisation_id.data if "organisation_id" in form._fields else current_user.organisation_id
        with service_call(form) as call:
            participant = participants.add_participant(current_user, visit, organisation_id, form.data_for_service())
        if call.succeeded:
            flash(_("%(name)s is added.", name=participant.full_name), "success")
            return redirect(url_for("visits.participants_index", visit_id=visit.id))
    return render_template("visits/participant_form.html", form=form, visit=visit, participant=None)


def _editable_participant(visit_id: int, participant_id: int):
    visit = access.get_visible_or_404(current_user, visit_id)
    participant = access.get_participant_or_404(current_user, visit, participant_id)
    if not access.can_edit_participant(current_user, participant):
        abort(403)
    return visit, participant


def _form_data(participant) -> dict:
    data = {name: getattr(participant, name) for name in participants.FIELDS}
    data["role"] = participant.role.value
    data["nationality"] = participant.nationality or ""
    data["organisation_id"] = participant.organisation_id
    return data


@bp.route("/visits/<int:visit_id>/participants/<int:participant_id>/edit", methods=["GET", "POST"])
def participant_edit(visit_id: int, participant_id: int):
    visit, participant = _editable_participant(visit_id, participant_id)
    form = ParticipantForm(
        data=_form_data(participant),
        organisation_choices=_organisation_choices(visit),
        staff=access.is_staff(current_user),
    )
    if form.validate_on_submit():
        organisation_id = form.organisation_id.data if "organisation_id" in form._fields else None
        with service_call(form) as call:
            participants.update_participant(current_user, participant, form.data_for_service(), organisation_id)
        if call.succeeded:
            flash(_("%(name)s is saved.", name=participant.full_name), "success")
            return redirect(url_for("visits.participants_index", visit_id=visit.id))
    return render_template("visits/participant_form.html", form=form, visit=visit, participant=participant)


@bp.post("/visits/<int:visit_id>/participants/<int:participant_id>/delete")
def participant_delete(visit_id: int, participant_id: int):
    visit, participant = _editable_participant(visit_id, participant_id)
    name = participant.full_name
    with service_call() as call:
        participants.remove_participant(current_user, participant)
    if call.succeeded:
        flash(_("%(name)s is removed from the visit.", name=name), "success")
    return redirect(url_for("visits.participants_index", visit_id=visit.id))

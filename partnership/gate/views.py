"""The gate on a phone: today's visitors, the scan page, a participant's pass with its
check-in button, and a site's roll call."""

from flask import Blueprint, Response, abort, current_app, flash, redirect, render_template, url_for
from flask_babel import gettext as _
from flask_login import current_user

from partnership.core import clock
from partnership.core.forms import service_call
from partnership.core.requests import database_id
from partnership.core.roles import guide_may_open, require_login
from partnership.db import end_read_phase, reads_before_writing
from partnership.extensions import db
from partnership.gate import access, queries, services
from partnership.gate.clearance import clearance
from partnership.gate.forms import GateForm, PassPhotoForm
from partnership.images import inspect_image
from partnership.programme.models import ItineraryItem
from partnership.visits import access as visit_access

bp = Blueprint("gate", __name__, static_folder="static", static_url_path="/static/gate")
bp.before_request(require_login)


@bp.get("/gate")
@guide_may_open
def today():
    access.require_gate_user(current_user)
    day = clock.today()
    items = queries.todays_items(access.own_site_ids(current_user), day)
    checks = {(i.id, a.participant_id): clearance(a.participant, i.site, day) for i in items for a in i.attendances}
    sites = {item.site.id: item.site for item in items}
    return render_template("gate/today.html", items=items, checks=checks, sites=sites.values(), day=day)


@bp.get("/gate/scan")
@guide_may_open
def scan():
    access.require_gate_user(current_user)
    return render_template("gate/scan.html")


def _jpeg(photo) -> Response:
    if photo is None:
        abort(404)
    response = Response(photo.content, mimetype="image/jpeg")
    response.headers["Cache-Control"] = "private, no-store"  # a face: not kept by the phone's cache
    return response


def _pass_context(token: str):
    """The participant, their items and the ones this user may check at today (a guide
    with none of them at its sites today finds no pass)."""
    access.require_gate_user(current_user)
    participant = access.get_participant_or_404(token)
    day = clock.today()
    items = queries.items_of(participant)
    gate_items = [item for item in items if access.can_check_at(current_user, item, day)]
    if not gate_items and access.own_site_ids(current_user) is not None:
        abort(404)
    return participant, items, gate_items, day


@bp.get("/pass/<token>")
@guide_may_open
def gate_pass(token: str):
    participant, items, gate_items, day = _pass_context(token)
    found = queries.pass_items(items, gate_items, clock.now().replace(tzinfo=None))
    item = found.current
    return render_template(
        "gate/pass.html",
        participant=participant,
        item=item,
        following=found.next,
        attendee=queries.attendee(item, participant) if item else None,
        clearance=clearance(participant, item.site, day) if item else None,
        form=GateForm(item_id=item.id if item else None),
        photo=services.pass_photo(participant),
        can_change_photo=visit_access.can_edit_participant(current_user, participant),
    )


def _gate_action(token: str, action) -> object:
    participant, _items, gate_items, _day = _pass_context(token)
    form = GateForm()
    if form.validate_on_submit():
        try:
            item = db.session.get(ItineraryItem, database_id(form.item_id.data or ""))
        except ValueError:
            item = None
        if item is None or item not in gate_items:
            abort(404)
        with service_call(category="warning") as call:
            action(current_user, item, participant)
        if call.succeeded:
            if action is services.check_in:
                flash(_("%(name)s checked in.", name=participant.full_name), "success")
            else:
                flash(_("%(name)s checked out.", name=participant.full_name), "success")
    return redirect(url_for("gate.gate_pass", token=token))


@bp.post("/pass/<token>/check-in")
@guide_may_open
def check_in(token: str):
    return _gate_action(token, services.check_in)


@bp.post("/pass/<token>/check-out")
@guide_may_open
def check_out(token: str):
    return _gate_action(token, services.check_out)


@bp.get("/gate/sites/<int:site_id>/roll-call")
@guide_may_open
def roll_call(site_id: int):
    access.require_gate_user(current_user)
    site = access.get_site_or_404(current_user, site_id)
    return render_template("gate/roll_call.html", site=site, roll=queries.roll_call(site.id, clock.today()))


@bp.get("/pass/<token>/photo.jpg")
@guide_may_open
def pass_photo(token: str):
    participant, _items, _gate_items, _day = _pass_context(token)
    return _jpeg(services.pass_photo(participant))


# --- the photo on a person's pass, set by whoever may change the person ---------------------------


def _photo_participant(visit_id: int, participant_id: int):
    return visit_access.get_editable_participant_or_404(current_user, visit_id, participant_id)


@bp.route("/visits/<int:visit_id>/participants/<int:participant_id>/photo", methods=["GET", "POST"])
@reads_before_writing
def participant_photo(visit_id: int, participant_id: int):
    """Access is checked in a read transaction, the image decoded with no transaction open,
    and only the save writes."""
    visit, participant = _photo_participant(visit_id, participant_id)
    form = PassPhotoForm()
    if form.validate_on_submit():
        content = form.photo.data.read(current_app.config["PHOTO_MAX_BYTES"] + 1)
        end_read_phase()
        with service_call(form) as call:
            checked = inspect_image(content)
        visit, participant = _photo_participant(visit_id, participant_id)
        if call.succeeded:
            with service_call(form) as call:
                services.set_pass_photo(current_user, participant, checked)
            if call.succeeded:
                flash(_("The photo of %(name)s is on their pass.", name=participant.full_name), "success")
                return redirect(url_for("gate.participant_photo", visit_id=visit.id, participant_id=participant.id))
    return render_template(
        "gate/photo.html",
        visit=visit,
        participant=participant,
        photo=services.pass_photo(participant),
        form=form,
    )


@bp.get("/visits/<int:visit_id>/participants/<int:participant_id>/photo.jpg")
def participant_photo_image(visit_id: int, participant_id: int):
    _visit, participant = _photo_participant(visit_id, participant_id)
    return _jpeg(services.pass_photo(participant))


@bp.post("/visits/<int:visit_id>/participants/<int:participant_id>/photo/delete")
def remove_participant_photo(visit_id: int, participant_id: int):
    visit, participant = _photo_participant(visit_id, participant_id)
    with service_call() as call:
        removed = services.remove_pass_photo(current_user, participant)
    if call.succeeded and removed:
        flash(_("The photo of %(name)s is removed.", name=participant.full_name), "success")
    return redirect(url_for("gate.participant_photo", visit_id=visit.id, participant_id=participant.id))

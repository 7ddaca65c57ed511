"""The gate on a phone: today's visitors, the scan page, a participant's pass with its
check-in button, and a site's roll call."""

from flask import Blueprint, abort, flash, redirect, render_template, url_for
from flask_babel import gettext as _
from flask_login import current_user

from partnership.core import clock
from partnership.core.forms import service_call
from partnership.core.requests import database_id
from partnership.core.roles import guide_may_open, require_login
from partnership.extensions import db
from partnership.gate import access, queries, services
from partnership.gate.clearance import clearance
from partnership.gate.forms import GateForm
from partnership.programme.models import ItineraryItem

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

"""The start page."""

from flask import Blueprint, redirect, render_template, url_for
from flask_login import current_user, login_required

from partnership.core.roles import Role, guide_may_open
from partnership.home import queries

bp = Blueprint("home", __name__)


@bp.get("/")
@guide_may_open
@login_required
def index():
    if current_user.role is Role.guide:  # a guide's day is at the gate
        return redirect(url_for("gate.today"))
    return render_template("home/index.html", **queries.for_user(current_user))

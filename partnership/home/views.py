"""The start page."""

from flask import Blueprint, render_template
from flask_login import current_user, login_required

from partnership.home import queries

bp = Blueprint("home", __name__)


@bp.get("/")
@login_required
def index():
    return render_template("home/index.html", **queries.for_user(current_user))

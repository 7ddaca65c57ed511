"""The start page and the language switch."""
from flask import Blueprint, current_app, redirect, render_template, session
from flask_login import current_user, login_required

from partnership.core import dashboard
from partnership.core.navigation import navigation
from partnership.core.urls import back_url

bp = Blueprint("core", __name__)


@bp.app_context_processor
def inject_navigation():
    return {"navigation": navigation}


@bp.get("/")
@login_required
def index():
    return render_template("core/index.html", **dashboard.for_user(current_user))


@bp.get("/language/<code>")
def set_language(code: str):
    if code in current_app.config["LANGUAGES"]:
        session["lang"] = code
    return redirect(back_url())

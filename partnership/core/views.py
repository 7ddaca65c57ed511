"""The language switch, and the navigation every page shows."""

from flask import Blueprint, current_app, redirect, session

from partnership.core.navigation import navigation
from partnership.core.roles import guide_may_open, refuse_guides_elsewhere
from partnership.core.urls import back_url

bp = Blueprint("core", __name__)
bp.before_app_request(refuse_guides_elsewhere)


@bp.app_context_processor
def inject_navigation():
    return {"navigation": navigation}


@bp.get("/language/<code>")
@guide_may_open
def set_language(code: str):
    if code in current_app.config["LANGUAGES"]:
        session["lang"] = code
    return redirect(back_url())

"""The language switch, and the navigation every page shows."""

from flask import Blueprint, current_app, redirect, session

from partnership.core.navigation import navigation
from partnership.core.urls import back_url

bp = Blueprint("core", __name__)


@bp.app_context_processor
def inject_navigation():
    return {"navigation": navigation}


@bp.get("/language/<code>")
def set_language(code: str):
    if code in current_app.config["LANGUAGES"]:
        session["lang"] = code
    return redirect(back_url())

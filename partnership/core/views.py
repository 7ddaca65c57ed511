"""The language switch, and the navigation every page shows."""

from flask import Blueprint, current_app, redirect, request, session

from partnership.core.navigation import navigation
from partnership.core.roles import guide_may_open, refuse_guides_elsewhere
from partnership.core.urls import back_url, is_safe_target

bp = Blueprint("core", __name__)
bp.before_app_request(refuse_guides_elsewhere)


@bp.app_context_processor
def inject_navigation():
    return {"navigation": navigation}


@bp.get("/language/<code>")
@guide_may_open
def set_language(code: str):
    """Back to the page the switch was on (``next``, a path of this site): the referrer is not
    sent (Referrer-Policy), and a participant's feedback page has no account to fall back to."""
    if code in current_app.config["LANGUAGES"]:
        session["lang"] = code
    target = request.args.get("next")
    return redirect(target if is_safe_target(target) else back_url())

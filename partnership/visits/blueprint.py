"""The visits blueprint, shared by the modules that hold its routes (views,
participant_views, import_views); its static folder serves the upload script."""
from flask import Blueprint

from partnership.core.roles import require_login

bp = Blueprint("visits", __name__, static_folder="static", static_url_path="/static/visits")
bp.before_request(require_login)

from flask import Blueprint

from partnership.accounts.access import require_login

bp = Blueprint("feedback", __name__)
bp.before_request(require_login)

"""Who keeps inductions: coordinators and admins edit the material and mark people passed.
Participants take an induction through their personal link, without an account."""

from flask import abort

from partnership.core.roles import is_staff
from partnership.extensions import db
from partnership.visits.models import Visit


def can_manage(user) -> bool:
    return is_staff(user)


def get_visit_or_404(visit_id: int) -> Visit:
    return db.session.get(Visit, visit_id) or abort(404)

"""Who reads and plans a visit's programme.

Reading follows the visit (``partnership.visits.access``): whoever may open the visit
reads its programme, but a liaison sees only their own organisation's attendees by name.
Planning and attendance: coordinators and admins, while the visit's state allows it."""

from datetime import date

from flask import abort

from partnership.core.roles import Role, is_staff
from partnership.extensions import db
from partnership.programme.models import ATTENDANCE_OPEN, PLANNABLE, ItineraryItem
from partnership.visits import access as visit_access
from partnership.visits.models import Participant, Visit


def get_visit_or_404(user, visit_id: int) -> Visit:
    return visit_access.get_visible_or_404(user, visit_id)


def get_item_or_404(visit: Visit, item_id: int) -> ItineraryItem:
    item = db.session.get(ItineraryItem, item_id)
    if item is None or item.visit_id != visit.id:
        abort(404)
    return item


def can_plan(user, visit: Visit) -> bool:
    return is_staff(user) and visit.status in PLANNABLE


def can_record_attendance(user, item: ItineraryItem, today: date) -> bool:
    return is_staff(user) and item.visit.status in ATTENDANCE_OPEN and item.day <= today


def sees_name(user, participant: Participant) -> bool:
    """A liaison reads their own organisation's attendees by name; the others are counted."""
    if user.role is Role.liaison:
        return participant.organisation_id == user.organisation_id
    return True


def sees_visit(user, visit: Visit) -> bool:
    """On a site's occupancy, visits the user may not open show as anonymous bookings."""
    return visit_access.can_view(user, visit)

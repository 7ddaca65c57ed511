"""Who works the gate: staff at every site; a guide account at its own guide's sites, on the
day of the item only. Nobody else opens a pass (403); a pass the user may not open is not
found (404), so a token or a site id leaks nothing."""

from datetime import date

from flask import abort
from sqlalchemy import select

from partnership.core.roles import Role, is_staff
from partnership.extensions import db
from partnership.programme.models import ATTENDANCE_OPEN, ItineraryItem
from partnership.sites.models import Site, site_guides
from partnership.visits.models import Participant


def works_the_gate(user) -> bool:
    return is_staff(user) or (user.is_authenticated and user.role is Role.guide and user.guide_id is not None)


def require_gate_user(user) -> None:
    if not works_the_gate(user):
        abort(403)


def own_site_ids(user) -> frozenset[int] | None:
    """The sites a guide account works at; None for staff (every site)."""
    if is_staff(user):
        return None
    return frozenset(db.session.scalars(select(site_guides.c.site_id).where(site_guides.c.guide_id == user.guide_id)))


def can_check_at(user, item: ItineraryItem, today: date) -> bool:
    """Whether ``user`` opens passes for (and checks people in at) ``item``: a visit that holds
    people, the item's own day, and for a guide one of its sites."""
    if item.visit.status not in ATTENDANCE_OPEN or item.day != today:
        return False
    sites = own_site_ids(user)
    return sites is None or item.site_id in sites


def get_participant_or_404(token: str) -> Participant:
    participant = db.session.scalar(select(Participant).where(Participant.pass_token == token))
    if participant is None:
        abort(404)
    return participant


def get_site_or_404(user, site_id: int) -> Site:
    site = db.session.get(Site, site_id)
    sites = own_site_ids(user)
    if site is None or (sites is not None and site.id not in sites):
        abort(404)
    return site

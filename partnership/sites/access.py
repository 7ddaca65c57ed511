"""Who reads and keeps the site register: everyone signed in reads it, staff keep it."""

from flask import abort

from partnership.core.roles import Role, is_staff
from partnership.extensions import db
from partnership.sites.models import Guide, Site


def can_view(user) -> bool:
    return user.is_authenticated


def can_edit(user) -> bool:
    return is_staff(user)


def can_see_guide_contacts(user) -> bool:
    """Guides' phone numbers and addresses are for the company's own people."""
    return user.is_authenticated and user.role is not Role.liaison


def get_site_or_404(site_id: int) -> Site:
    return db.session.get(Site, site_id) or abort(404)


def get_guide_or_404(guide_id: int) -> Guide:
    return db.session.get(Guide, guide_id) or abort(404)

"""Who sees and keeps partner organisations.

Admins and coordinators keep the register; management reads all of it; a
liaison sees their own organisation in full and only the names (with kind
and country) of the others."""

from flask import abort
from sqlalchemy import false, true

from partnership.core.roles import STAFF, Role, roles_required
from partnership.extensions import db
from partnership.partners.models import Contact, Organisation

# Decorator for the routes that change the register: any other role gets 403,
# whatever the id, so a refused role learns nothing about which ids exist.
staff_required = roles_required(*STAFF)


def can_view(user, organisation: Organisation) -> bool:
    """May ``user`` open the organisation's page (contacts, agreements, notes)?"""
    if user.role is Role.liaison:
        return organisation.id == user.organisation_id
    return True


def can_edit(user) -> bool:
    return user.role in STAFF


def sees_register_details(user) -> bool:
    """Does the list show this user more than name, kind and country?"""
    return user.role is not Role.liaison


def may_list_archived(user) -> bool:
    return user.role in STAFF


def searches_names_only(user) -> bool:
    """A liaison's search matches names only, so it reveals no other organisation's city."""
    return user.role is Role.liaison


def visible_filter(user):
    """SQL condition for organisations whose detail ``user`` may open."""
    if user.role is Role.liaison:
        return Organisation.id == user.organisation_id if user.organisation_id else false()
    return true()


def get_visible_or_404(user, organisation_id: int) -> Organisation:
    organisation = db.session.get(Organisation, organisation_id)
    if organisation is None or not can_view(user, organisation):
        abort(404)
    return organisation


def get_contact_or_404(organisation: Organisation, contact_id: int) -> Contact:
    """A contact of this organisation; any other id is 404."""
    contact = db.session.get(Contact, contact_id)
    if contact is None or contact.organisation_id != organisation.id:
        abort(404)
    return contact

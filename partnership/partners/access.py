"""Who sees and keeps partner organisations.

Admins, coordinators and management see every organisation; a liaison sees
their own in full and only the names of the others."""
from flask import abort
from sqlalchemy import Select, false, true

from partnership.accounts.models import Role
from partnership.extensions import db
from partnership.partners.models import Organisation


def can_view(user, organisation: Organisation) -> bool:
    if user.role is Role.liaison:
        return organisation.id == user.organisation_id
    return True


def can_edit(user) -> bool:
    return user.role in (Role.admin, Role.coordinator)


def visible_filter(user):
    """SQL condition for organisations whose detail ``user`` may open."""
    if user.role is Role.liaison:
        return Organisation.id == user.organisation_id if user.organisation_id else false()
    return true()


def restrict(query: Select, user) -> Select:
    return query.where(visible_filter(user))


def get_visible_or_404(user, organisation_id: int) -> Organisation:
    organisation = db.session.get(Organisation, organisation_id)
    if organisation is None or not can_view(user, organisation):
        abort(404)
    return organisation

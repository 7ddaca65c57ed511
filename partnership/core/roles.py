"""The roles, who among them is staff, and the guards every blueprint uses: the one home
of these rules, at the bottom of the layers so that every sub-domain may use them."""

import enum
from functools import wraps

from flask import abort
from flask_babel import lazy_gettext as _l
from flask_login import current_user

from partnership.extensions import login_manager


class Role(enum.Enum):
    admin = "admin"
    coordinator = "coordinator"
    liaison = "liaison"
    management = "management"

    @property
    def label(self) -> str:
        return ROLE_LABELS[self]


ROLE_LABELS = {
    Role.admin: _l("Administrator"),
    Role.coordinator: _l("Coordinator"),
    Role.liaison: _l("University liaison"),
    Role.management: _l("Management"),
}

STAFF = (Role.admin, Role.coordinator)  # keep the register, visits and programmes
READERS = (Role.admin, Role.coordinator, Role.management)  # read everything


def is_staff(user) -> bool:
    return user.is_authenticated and user.role in STAFF


def require_login():
    """``before_request`` hook for blueprints whose every page needs an account."""
    if not current_user.is_authenticated:
        return login_manager.unauthorized()
    return None


def roles_required(*roles: Role):
    """Refuse (403) a signed-in user whose role is not among ``roles``."""

    def decorator(view):
        @wraps(view)
        def wrapped(*args, **kwargs):
            if not current_user.is_authenticated:
                return login_manager.unauthorized()
            if current_user.role not in roles:
                abort(403)
            return view(*args, **kwargs)

        return wrapped

    return decorator

"""Who may do what with accounts; the role guards every blueprint uses."""
from functools import wraps

from flask import abort
from flask_login import current_user

from partnership.accounts.models import Role
from partnership.extensions import login_manager

STAFF = (Role.admin, Role.coordinator)
READERS = (Role.admin, Role.coordinator, Role.management)


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


def can_manage_accounts(user) -> bool:
    return user.is_authenticated and user.role is Role.admin

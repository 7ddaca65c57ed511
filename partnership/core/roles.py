"""The roles, who among them is staff, and the guards every blueprint uses: the one home
of these rules, at the bottom of the layers so that every sub-domain may use them."""

import enum
from functools import wraps

from flask import abort, current_app, request
from flask_babel import lazy_gettext as _l
from flask_login import current_user

from partnership.extensions import login_manager


class Role(enum.Enum):
    admin = "admin"
    coordinator = "coordinator"
    liaison = "liaison"
    management = "management"
    guide = "guide"  # a site's guide: the gate pages of its own sites, on the day

    @property
    def label(self) -> str:
        return ROLE_LABELS[self]


ROLE_LABELS = {
    Role.admin: _l("Administrator"),
    Role.coordinator: _l("Coordinator"),
    Role.liaison: _l("University liaison"),
    Role.management: _l("Management"),
    Role.guide: _l("Site guide"),
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


GUIDE_PAGES = "guide_pages"  # the attribute ``guide_may_open`` sets on a view


def guide_may_open(view):
    """Mark a view a guide account may reach; the view still checks which objects."""
    setattr(view, GUIDE_PAGES, True)
    return view


def refuse_guides_elsewhere():
    """``before_app_request`` hook: a guide reaches only the views marked ``guide_may_open``
    (its gate pages, its own account), whatever a sub-domain's reading rules would allow."""
    if not current_user.is_authenticated or current_user.role is not Role.guide:
        return None
    endpoint = request.endpoint or ""
    view = current_app.view_functions.get(endpoint)
    static_files = endpoint == "static" or endpoint.endswith(".static")
    if view is None or static_files or getattr(view, GUIDE_PAGES, False):
        return None
    abort(403)

"""Who keeps feedback: coordinators and admins issue links and approve quotes.
Participants answer through their personal link, without an account."""
from partnership.core.roles import STAFF


def can_manage(user) -> bool:
    return user.is_authenticated and user.role in STAFF

"""Who keeps feedback: coordinators and admins issue links and approve quotes.
Participants answer through their personal link, without an account."""

from partnership.core.roles import is_staff


def can_manage(user) -> bool:
    return is_staff(user)

"""Who sees what: the outbox is the admins' (it holds everyone's messages); a user's notifications
and calendar address are their own only."""

from partnership.core.roles import Role

OUTBOX_READERS = (Role.admin,)


def can_read_outbox(user) -> bool:
    return user.is_authenticated and user.role in OUTBOX_READERS

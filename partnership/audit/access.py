"""Who reads the audit trail: administrators only (it names everyone's actions and addresses)."""

from partnership.core.roles import Role

READERS = (Role.admin,)


def can_read(user) -> bool:
    return user.is_authenticated and user.role in READERS

"""Who may do what with accounts."""
from partnership.core.roles import Role


def can_manage_accounts(user) -> bool:
    return user.is_authenticated and user.role is Role.admin

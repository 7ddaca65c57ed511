"""Queries over accounts that feed pages and choices."""

from sqlalchemy import select
from sqlalchemy.orm import selectinload

from partnership.accounts.models import User
from partnership.core.roles import STAFF
from partnership.extensions import db


def get(user_id: int) -> User | None:
    return db.session.get(User, user_id)


def list_users() -> list[User]:
    return list(db.session.scalars(select(User).options(selectinload(User.organisation)).order_by(User.username)))


def coordinator_choices() -> list[tuple[int, str]]:
    """(id, name) of the active accounts that may coordinate a visit."""
    query = select(User.id, User.full_name).where(User.role.in_(STAFF), User.active.is_(True)).order_by(User.full_name)
    return [(row.id, row.full_name) for row in db.session.execute(query)]

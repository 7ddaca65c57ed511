"""What the audit page lists and offers in its filters."""

from datetime import UTC, date, datetime, time, timedelta

from sqlalchemy import Select, and_, func, or_, select

from partnership.audit.models import AuditEntry
from partnership.extensions import db


def entries(
    *,
    actor_id=None,
    action=None,
    target_type=None,
    target_id=None,
    date_from: date | None = None,
    date_to: date | None = None,
) -> Select:
    """The entries matching every filter given, the latest first. A record's entries include
    those of the records that belong to it (a visit's: its participants', its programme's)."""
    query = select(AuditEntry)
    if actor_id is not None:
        query = query.where(AuditEntry.actor_id == actor_id)
    if action:
        query = query.where(AuditEntry.action == action)
    if target_type and target_id is not None:
        query = query.where(
            or_(
                and_(AuditEntry.target_type == target_type, AuditEntry.target_id == target_id),
                and_(AuditEntry.parent_type == target_type, AuditEntry.parent_id == target_id),
            )
        )
    elif target_type:
        query = query.where(AuditEntry.target_type == target_type)
    elif target_id is not None:
        query = query.where(AuditEntry.target_id == target_id)
    if date_from is not None:
        query = query.where(AuditEntry.at >= _utc_midnight(date_from))
    if date_to is not None and date_to < date.max:  # the last day there is: no bound after it
        query = query.where(AuditEntry.at < _utc_midnight(date_to + timedelta(days=1)))
    return query.order_by(AuditEntry.at.desc(), AuditEntry.id.desc())


def _utc_midnight(day: date) -> datetime:
    return datetime.combine(day, time.min, tzinfo=UTC)


def actors() -> list[tuple[int, str]]:
    """(id, username) of everyone the trail names, by name."""
    rows = db.session.execute(
        select(AuditEntry.actor_id, func.max(AuditEntry.actor_name))
        .where(AuditEntry.actor_id.is_not(None))
        .group_by(AuditEntry.actor_id)
    )
    return sorted(
        ((row[0], row[1] or f"#{row[0]}") for row in rows if row[0] is not None), key=lambda pair: pair[1].casefold()
    )


def actions() -> list[str]:
    return list(db.session.scalars(select(AuditEntry.action).distinct().order_by(AuditEntry.action)))


def target_types() -> list[str]:
    query = select(AuditEntry.target_type).where(AuditEntry.target_type.is_not(None)).distinct()
    return list(db.session.scalars(query.order_by(AuditEntry.target_type)))

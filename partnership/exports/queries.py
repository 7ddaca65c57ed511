"""Rows for each export: the list's own query, restricted to what the reader may see,
with everything the table shows loaded up front (a fixed number of queries)."""

from datetime import date

from sqlalchemy.orm import selectinload

from partnership.agreements import access as agreement_access
from partnership.agreements import queries as agreement_queries
from partnership.agreements.models import Agreement
from partnership.extensions import db
from partnership.partners import access as partner_access
from partnership.partners import queries as partner_queries
from partnership.partners.models import Organisation
from partnership.visits import queries as visit_queries
from partnership.visits.models import Participant, Visit


def organisations(user, filters: dict) -> list[Organisation]:
    query = (
        partner_queries.search(**filters)
        .where(partner_access.visible_filter(user))
        .options(selectinload(Organisation.contacts))
    )
    return list(db.session.scalars(query))


def agreements(user, filters: dict, today: date, window_days: int) -> list[Agreement]:
    query = (
        agreement_queries.search(today=today, window_days=window_days, **filters)
        .where(agreement_access.visible_filter(user))
        .options(selectinload(Agreement.parent))
    )
    return list(db.session.scalars(query))


def visits(user, filters: dict) -> tuple[list[Visit], dict[int, int]]:
    """The visits list's query (it applies ``visits.access.visible_filter``) and its participant counts."""
    query = visit_queries.search(user, **filters).options(selectinload(Visit.agreements))
    rows = list(db.session.scalars(query))
    return rows, visit_queries.participant_counts(v.id for v in rows)


def participants(user, visit: Visit) -> list[Participant]:
    """The participants list's people: those whose details ``user`` may see."""
    return visit_queries.visible_participants(user, visit)

"""Rows for each export: the list's own query, restricted to what the reader may see,
with everything the table shows loaded up front (a fixed number of queries)."""

from dataclasses import dataclass, field
from datetime import date

from sqlalchemy import func, select
from sqlalchemy.orm import selectinload

from partnership.accounts.models import User
from partnership.agreements import access as agreement_access
from partnership.agreements import queries as agreement_queries
from partnership.agreements.models import Agreement
from partnership.extensions import db
from partnership.partners import access as partner_access
from partnership.partners import queries as partner_queries
from partnership.partners.models import Organisation
from partnership.visits import queries as visit_queries
from partnership.visits.models import Participant, Visit, VisitStatus, visit_agreements, visit_organisations


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


@dataclass
class VisitRow:
    """One visit of the export, as plain values (no ORM object: 20,000 of them took seconds)."""

    id: int
    title: str
    status: VisitStatus
    starts_on: date
    ends_on: date
    coordinator: str | None
    purpose: str | None
    outcomes: str | None
    organisations: list[str] = field(default_factory=list)
    agreements: list[str] = field(default_factory=list)
    participants: int = 0


def visits_count(user, filters: dict) -> int:
    """How many rows the visits export would have."""
    listed = visit_queries.search(user, **filters).with_only_columns(Visit.id).order_by(None)
    return db.session.scalar(select(func.count()).select_from(listed.subquery())) or 0


def visits(user, filters: dict) -> list[VisitRow]:
    """The visits list's query (it applies ``visits.access.visible_filter``), as columns, with
    the visiting organisations, the agreements the reader may see and participant counts of all
    of them in three more queries over the same filter."""
    listed = visit_queries.search(user, **filters)
    columns = listed.with_only_columns(
        Visit.id,
        Visit.title,
        Visit.status,
        Visit.starts_on,
        Visit.ends_on,
        User.full_name,
        Visit.purpose,
        Visit.outcomes,
    ).outerjoin(User, User.id == Visit.coordinator_id)
    rows = {row[0]: VisitRow(*row) for row in db.session.execute(columns)}
    ids = listed.with_only_columns(Visit.id).order_by(None).scalar_subquery()
    names = (
        select(visit_organisations.c.visit_id, Organisation.name)
        .join(Organisation, Organisation.id == visit_organisations.c.organisation_id)
        .where(visit_organisations.c.visit_id.in_(ids))
        .order_by(Organisation.name_key)
    )
    # A visit committed between these statements is not in ``rows``: it is left out of them too.
    for visit_id, name in db.session.execute(names):
        if visit_id in rows:
            rows[visit_id].organisations.append(name)
    references = (
        select(visit_agreements.c.visit_id, Agreement.reference)
        .join(Agreement, Agreement.id == visit_agreements.c.agreement_id)
        .where(visit_agreements.c.visit_id.in_(ids), agreement_access.visible_filter(user))
        .order_by(Agreement.reference)
    )
    for visit_id, reference in db.session.execute(references):
        if visit_id in rows:
            rows[visit_id].agreements.append(reference)
    counts = (
        select(Participant.visit_id, func.count(Participant.id))
        .where(Participant.visit_id.in_(ids))
        .group_by(Participant.visit_id)
    )
    for visit_id, count in db.session.execute(counts):
        if visit_id in rows:
            rows[visit_id].participants = count
    return list(rows.values())


def participants(user, visit: Visit) -> list[Participant]:
    """The participants list's people: those whose details ``user`` may see."""
    return visit_queries.visible_participants(user, visit)

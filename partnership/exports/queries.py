"""Rows for each export: the list's own query, restricted to what the reader may see,
with everything the table shows loaded up front (a fixed number of queries)."""
from datetime import date

from sqlalchemy import exists, func, select
from sqlalchemy.orm import selectinload

from partnership.agreements import access as agreement_access
from partnership.agreements import queries as agreement_queries
from partnership.agreements.models import Agreement
from partnership.extensions import db
from partnership.partners import access as partner_access
from partnership.partners import queries as partner_queries
from partnership.partners.models import Organisation
from partnership.text import like_pattern
from partnership.visits import access as visit_access
from partnership.visits.models import Participant, Visit, visit_organisations


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
    """Visits ``user`` may see, and how many of each visit's participants ``user`` may see."""
    query = (
        _visit_search(**filters)
        .where(visit_access.visible_filter(user))
        .options(selectinload(Visit.organisations), selectinload(Visit.agreements), selectinload(Visit.coordinator))
    )
    rows = list(db.session.scalars(query))
    counts = dict(
        db.session.execute(
            select(Participant.visit_id, func.count(Participant.id))
            .where(Participant.visit_id.in_([v.id for v in rows]), visit_access.participants_visible_filter(user))
            .group_by(Participant.visit_id)
        ).all()
    )
    return rows, counts


def _visit_search(q=None, status=None, organisation_id=None):
    query = select(Visit)
    if q:
        query = query.where(Visit.search_text.like(like_pattern(q), escape="\\"))
    if status is not None:
        query = query.where(Visit.status == status)
    if organisation_id:
        query = query.where(
            exists(
                select(visit_organisations.c.visit_id).where(
                    visit_organisations.c.visit_id == Visit.id, visit_organisations.c.organisation_id == organisation_id
                )
            )
        )
    return query.order_by(Visit.starts_on.desc(), Visit.id.desc())


def participants(user, visit: Visit, filters: dict) -> list[Participant]:
    query = (
        select(Participant)
        .where(Participant.visit_id == visit.id, visit_access.participants_visible_filter(user))
        .options(selectinload(Participant.organisation))
    )
    if filters.get("q"):
        query = query.where(Participant.name_key.like(like_pattern(filters["q"]), escape="\\"))
    if filters.get("organisation_id"):
        query = query.where(Participant.organisation_id == filters["organisation_id"])
    return list(db.session.scalars(query.order_by(Participant.id)))

"""Queries over visits that feed lists, counts and the liaison's start page."""

from datetime import date

from sqlalchemy import Select, exists, func, or_, select
from sqlalchemy.orm import selectinload

from partnership.extensions import db
from partnership.partners.models import Organisation
from partnership.text import like_pattern
from partnership.visits import access
from partnership.visits.models import (
    MERGEABLE,
    Participant,
    Visit,
    VisitStatus,
    visit_agreements,
    visit_organisations,
)


def search(
    user,
    *,
    q: str | None = None,
    status: VisitStatus | None = None,
    organisation_id: int | None = None,
    agreement_id: int | None = None,
    date_from: date | None = None,
    date_to: date | None = None,
) -> Select:
    """Visits ``user`` may see matching the list's filters; a date range keeps visits overlapping it."""
    query = (
        select(Visit)
        .where(access.visible_filter(user))
        .options(selectinload(Visit.organisations), selectinload(Visit.coordinator))
    )
    if q and q.strip():
        pattern = like_pattern(q)
        query = query.where(
            or_(
                Visit.search_text.like(pattern, escape="\\"),
                exists(
                    select(visit_organisations.c.visit_id)
                    .join(Organisation, Organisation.id == visit_organisations.c.organisation_id)
                    .where(
                        visit_organisations.c.visit_id == Visit.id, Organisation.search_text.like(pattern, escape="\\")
                    )
                ),
            )
        )
    if status is not None:
        query = query.where(Visit.status == status)
    if organisation_id:
        query = query.where(
            exists(
                select(visit_organisations.c.visit_id).where(
                    visit_organisations.c.visit_id == Visit.id,
                    visit_organisations.c.organisation_id == organisation_id,
                )
            )
        )
    if agreement_id:
        query = query.where(
            exists(
                select(visit_agreements.c.visit_id).where(
                    visit_agreements.c.visit_id == Visit.id, visit_agreements.c.agreement_id == agreement_id
                )
            )
        )
    if date_from:
        query = query.where(Visit.ends_on >= date_from)
    if date_to:
        query = query.where(Visit.starts_on <= date_to)
    return query.order_by(Visit.starts_on.desc(), Visit.id.desc())


def participant_counts(visit_ids) -> dict[int, int]:
    """visit id → number of participants, in one query."""
    ids = list(visit_ids)
    if not ids:
        return {}
    rows = db.session.execute(
        select(Participant.visit_id, func.count(Participant.id))
        .where(Participant.visit_id.in_(ids))
        .group_by(Participant.visit_id)
    )
    return dict(rows.all())


def counts_by_organisation(visit: Visit) -> dict[int, int]:
    """organisation id → participants of that organisation in ``visit``: what everyone may know."""
    rows = db.session.execute(
        select(Participant.organisation_id, func.count(Participant.id))
        .where(Participant.visit_id == visit.id)
        .group_by(Participant.organisation_id)
    )
    counts = dict(rows.all())
    return {organisation.id: counts.get(organisation.id, 0) for organisation in visit.organisations}


def visible_participants(user, visit: Visit) -> list[Participant]:
    """The participants of ``visit`` whose details ``user`` may see."""
    return list(
        db.session.scalars(
            select(Participant)
            .where(Participant.visit_id == visit.id, access.participants_visible_filter(user))
            .options(selectinload(Participant.organisation))
            .order_by(Participant.organisation_id, Participant.name_key, Participant.id)
        )
    )


def merge_candidates(visit: Visit) -> list[Visit]:
    """Other requests that could be combined into ``visit``."""
    return list(
        db.session.scalars(
            select(Visit)
            .where(Visit.id != visit.id, Visit.status.in_(MERGEABLE))
            .options(selectinload(Visit.organisations))
            .order_by(Visit.starts_on, Visit.id)
        )
    )


def of_organisation(user, organisation_id: int) -> Select:
    """The visits of an organisation's delegations that ``user`` may see, newest first."""
    return search(user, organisation_id=organisation_id)


def under_agreement(user, agreement_id: int) -> Select:
    """The visits carried out under an agreement (their legal basis) that ``user`` may see."""
    return search(user, agreement_id=agreement_id)


def organisation_choices(visit: Visit, among: set[int] | None = None) -> list[tuple[int, str]]:
    """(id, name) of the visiting organisations (or those of them ``among``)."""
    return [(o.id, o.name) for o in visit.organisations if among is None or o.id in among]


def participant_choices(visit: Visit) -> list[tuple[int, str]]:
    return [(p.id, f"{p.full_name} · {p.organisation.display_name}") for p in visit.participants]

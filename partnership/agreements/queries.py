"""Queries over agreements: the status rule in SQL, list filters, counts."""

from datetime import date

from sqlalchemy import Select, exists, func, or_, select
from sqlalchemy.orm import joinedload, selectinload

from partnership.agreements.models import (
    Agreement,
    AgreementEvent,
    AgreementKind,
    AgreementParty,
    AgreementStatus,
    reference_key,
)
from partnership.extensions import db
from partnership.partners.models import Organisation
from partnership.text import like_pattern


def search(
    *,
    today: date,
    window_days: int,
    q: str | None = None,
    status: AgreementStatus | None = None,
    kind: AgreementKind | None = None,
    party_id: int | None = None,
    country: str | None = None,
    expiring_within: int | None = None,
) -> Select:
    query = select(Agreement).options(selectinload(Agreement.parties).selectinload(AgreementParty.organisation))
    if q and q.strip():
        pattern = like_pattern(q)
        query = query.where(
            or_(
                Agreement.search_text.like(pattern, escape="\\"),
                _has_party(Organisation.search_text.like(pattern, escape="\\")),
            )
        )
    if status is not None:
        query = query.where(Agreement.status_is(status, today, window_days))
    if kind is not None:
        query = query.where(Agreement.kind == kind)
    if party_id:
        query = query.where(_has_party(AgreementParty.organisation_id == party_id))
    if country:
        query = query.where(_has_party(Organisation.country == country.upper()))
    if expiring_within is not None:
        # Signed, not terminated, expiring between today and today + N days.
        query = query.where(Agreement.status_is(AgreementStatus.expiring, today, expiring_within))
    return query.order_by(Agreement.expires_on.asc().nulls_last(), Agreement.reference)


def _has_party(condition):
    return exists(
        select(AgreementParty.id)
        .join(Organisation, Organisation.id == AgreementParty.organisation_id)
        .where(AgreementParty.agreement_id == Agreement.id, condition)
    )


def count_by_status(visible, today: date, window_days: int) -> dict[AgreementStatus, int]:
    expression = Agreement.status(today, window_days)
    rows = db.session.execute(select(expression, func.count()).where(visible).group_by(expression))
    counts = {status: 0 for status in AgreementStatus}
    for value, count in rows:
        counts[AgreementStatus(value)] = count
    return counts


def load_detail(agreement_id: int) -> Agreement | None:
    """The agreement with what its page shows, in a fixed number of queries."""
    return db.session.scalar(
        select(Agreement)
        .where(Agreement.id == agreement_id)
        .options(
            selectinload(Agreement.parties).selectinload(AgreementParty.organisation),
            selectinload(Agreement.events).selectinload(AgreementEvent.recorded_by),
            selectinload(Agreement.attachments),
            joinedload(Agreement.parent),
        )
    )


def reference_taken(reference: str, agreement: Agreement | None = None) -> bool:
    query = select(Agreement.id).where(Agreement.reference_key == reference_key(reference))
    if agreement is not None and agreement.id is not None:
        query = query.where(Agreement.id != agreement.id)
    return db.session.scalar(query.limit(1)) is not None


def descendant_ids(agreement: Agreement) -> set[int]:
    """Ids of the agreements under ``agreement`` (children, their children …)."""
    if agreement.id is None:
        return set()
    children: dict[int | None, list[int]] = {}  # parent_id IS NOT NULL: no None key
    for agreement_id, parent_id in db.session.execute(
        select(Agreement.id, Agreement.parent_id).where(Agreement.parent_id.is_not(None))
    ):
        children.setdefault(parent_id, []).append(agreement_id)
    found: set[int] = set()
    stack = list(children.get(agreement.id, []))
    while stack:
        current = stack.pop()
        if current not in found:
            found.add(current)
            stack.extend(children.get(current, []))
    return found


def framework_choices(agreement: Agreement | None = None) -> list[tuple[int, str]]:
    """Framework agreements that may be ``agreement``'s parent: not itself, nor one under it."""
    excluded = descendant_ids(agreement) if agreement is not None else set()
    if agreement is not None and agreement.id is not None:
        excluded.add(agreement.id)
    rows = db.session.execute(
        select(Agreement.id, Agreement.reference, Agreement.title)
        .where(Agreement.kind == AgreementKind.framework)
        .order_by(Agreement.reference)
    )
    return [(row.id, f"{row.reference} · {row.title}") for row in rows if row.id not in excluded]


def party_country_choices() -> list[str]:
    """Countries of organisations that are party to some agreement."""
    return list(
        db.session.scalars(
            select(Organisation.country)
            .where(exists(select(AgreementParty.id).where(AgreementParty.organisation_id == Organisation.id)))
            .distinct()
            .order_by(Organisation.country)
        )
    )


def children_visible(agreement: Agreement, visible) -> list[Agreement]:
    """The agreements implementing ``agreement`` that the reader may see."""
    return list(
        db.session.scalars(
            select(Agreement).where(Agreement.parent_id == agreement.id, visible).order_by(Agreement.reference)
        )
    )


def of_organisation(organisation: Organisation, visible) -> Select:
    """The agreements ``organisation`` is party to that the reader may see
    (``visible``: ``agreements.access.visible_filter(user)``), open-ended first,
    then by latest expiry, with their parties loaded."""
    return (
        select(Agreement)
        .where(_has_party(AgreementParty.organisation_id == organisation.id), visible)
        .options(selectinload(Agreement.parties).selectinload(AgreementParty.organisation))
        .order_by(Agreement.expires_on.desc().nulls_first(), Agreement.reference)
    )


def label(agreement: Agreement) -> str:
    return f"{agreement.reference} · {agreement.title}"


def labelled(agreement_id: int, visible) -> str | None:
    """The label of one agreement the reader may see, for a lookup field (None: not one of them)."""
    agreement = db.session.scalar(select(Agreement).where(Agreement.id == agreement_id, visible))
    return label(agreement) if agreement is not None else None


def suggestions(text: str, visible, limit: int = 20) -> list[tuple[int, str]]:
    """(id, label) of the agreements the reader may see whose reference, title or a party's name
    match ``text``; a label typed back in full finds its agreement by the reference before " · "."""
    reference = text.split(" · ", 1)[0].strip()
    exact = Agreement.reference_key == reference_key(reference)
    pattern = like_pattern(text)
    query = (
        select(Agreement)
        .where(
            visible,
            or_(
                exact,
                Agreement.search_text.like(pattern, escape="\\"),
                _has_party(Organisation.names_text.like(pattern, escape="\\")),
            ),
        )
        .order_by(exact.desc(), Agreement.reference_key)
        .limit(limit)
    )
    return [(agreement.id, label(agreement)) for agreement in db.session.scalars(query)]

"""Queries over organisations that feed lists and choices."""
from sqlalchemy import Select, select

from partnership.extensions import db
from partnership.partners.models import Organisation, OrganisationKind
from partnership.text import like_pattern

SORTS = {
    "name": (Organisation.name_key,),
    "country": (Organisation.country, Organisation.name_key),
    "kind": (Organisation.kind, Organisation.name_key),
    "newest": (Organisation.created_at.desc(), Organisation.id.desc()),
}


def search(
    q: str | None = None,
    kind: OrganisationKind | None = None,
    country: str | None = None,
    sort: str = "name",
    include_archived: bool = False,
) -> Select:
    """Organisations matching the list's filters; ``q`` matches any name form,
    case-insensitively in any script."""
    query = select(Organisation)
    if q and q.strip():
        query = query.where(Organisation.search_text.like(like_pattern(q), escape="\\"))
    if kind is not None:
        query = query.where(Organisation.kind == kind)
    if country:
        query = query.where(Organisation.country == country.upper())
    if not include_archived:
        query = query.where(Organisation.archived_at.is_(None))
    return query.order_by(*SORTS.get(sort, SORTS["name"]))


def organisation_choices(include_archived: bool = False) -> list[tuple[int, str]]:
    """(id, name) pairs for select boxes."""
    query = select(Organisation.id, Organisation.name, Organisation.country).order_by(Organisation.name_key)
    if not include_archived:
        query = query.where(Organisation.archived_at.is_(None))
    return [(row.id, f"{row.name} ({row.country})") for row in db.session.execute(query)]

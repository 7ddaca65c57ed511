"""Queries over organisations that feed lists and choices."""

from sqlalchemy import Select, select
from sqlalchemy.orm import selectinload

from partnership.extensions import db
from partnership.partners.models import Organisation, OrganisationKind
from partnership.text import like_pattern

SORTS = {
    "name": (Organisation.name_key, Organisation.id),
    "country": (Organisation.country, Organisation.name_key, Organisation.id),
    "kind": (Organisation.kind, Organisation.name_key, Organisation.id),
    "newest": (Organisation.created_at.desc(), Organisation.id.desc()),
}


def search(
    q: str | None = None,
    kind: OrganisationKind | None = None,
    country: str | None = None,
    sort: str = "name",
    include_archived: bool = False,
    names_only: bool = False,
) -> Select:
    """Organisations matching the list's filters; ``q`` matches any name form
    (and, unless ``names_only``, its city), case-insensitively in any script."""
    query = select(Organisation)
    if q and q.strip():
        column = Organisation.names_text if names_only else Organisation.search_text
        query = query.where(column.like(like_pattern(q), escape="\\"))
    if kind is not None:
        query = query.where(Organisation.kind == kind)
    if country:
        query = query.where(Organisation.country == country.upper())
    if not include_archived:
        query = query.where(Organisation.archived_at.is_(None))
    return query.order_by(*SORTS.get(sort, SORTS["name"]))


def with_contacts(query: Select) -> Select:
    """Load each listed organisation's contacts in one more query, not one per row."""
    return query.options(selectinload(Organisation.contacts))


def countries_in_use(include_archived: bool = False) -> list[str]:
    """The country codes of the register, for the list's filter."""
    query = select(Organisation.country).distinct()
    if not include_archived:
        query = query.where(Organisation.archived_at.is_(None))
    return list(db.session.scalars(query))


def organisation_choices(include_archived: bool = False) -> list[tuple[int, str]]:
    """(id, name) pairs for select boxes."""
    query = select(Organisation.id, Organisation.name, Organisation.country).order_by(Organisation.name_key)
    if not include_archived:
        query = query.where(Organisation.archived_at.is_(None))
    return [(row.id, f"{row.name} ({row.country})") for row in db.session.execute(query)]


def label(organisation: Organisation) -> str:
    return f"{organisation.name} ({organisation.country})"


def labelled(organisation_id: int, include_archived: bool = False) -> str | None:
    """The label of one organisation for a lookup field (None: none such, or archived)."""
    organisation = db.session.get(Organisation, organisation_id)
    if organisation is None or (organisation.is_archived and not include_archived):
        return None
    return label(organisation)


def suggestions(text: str, limit: int = 20, include_archived: bool = False) -> list[tuple[int, str]]:
    """(id, label) of the organisations whose names match ``text``, the closest first: names that
    begin with it, then the others, alphabetically; a label typed back in full matches itself."""
    text = text.strip()
    name, country = text, None
    if len(text) > 5 and text[-4] == "(" and text[-1] == ")" and text[-5] == " ":
        name, country = text[:-5], text[-3:-1].upper()
    query = search(q=name, country=country, include_archived=include_archived, names_only=True)
    begins = Organisation.name_key.like(like_pattern(name)[1:], escape="\\")
    query = query.order_by(None).order_by(begins.desc(), Organisation.name_key, Organisation.id).limit(limit)
    return [(organisation.id, label(organisation)) for organisation in db.session.scalars(query)]

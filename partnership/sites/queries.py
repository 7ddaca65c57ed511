"""Queries that feed the site register's lists and choices."""

from collections.abc import Iterable

from sqlalchemy import Select, select
from sqlalchemy.orm import selectinload

from partnership.extensions import db
from partnership.sites.models import Guide, Site, SiteActivity, SiteKind
from partnership.text import like_pattern


def search(q: str | None = None, kind: SiteKind | None = None) -> Select:
    query = select(Site).options(selectinload(Site.guides))
    if q and q.strip():
        query = query.where(Site.name_key.like(like_pattern(q), escape="\\"))
    if kind is not None:
        query = query.where(Site.kind == kind)
    return query.order_by(Site.name_key)


def guides() -> list[Guide]:
    return list(db.session.scalars(select(Guide).options(selectinload(Guide.sites)).order_by(Guide.name)))


def guide_choices(exclude: Iterable[Guide] = (), with_sites: bool = False) -> list[tuple[int, str]]:
    """(id, name) of the guides, but those in ``exclude``; ``with_sites`` names the sites each leads."""
    excluded = {guide.id for guide in exclude}
    if with_sites:
        return [
            (g.id, f"{g.name} ({', '.join(s.name for s in g.sites) or '—'})") for g in guides() if g.id not in excluded
        ]
    rows = db.session.execute(select(Guide.id, Guide.name).order_by(Guide.name))
    return [(row.id, row.name) for row in rows if row.id not in excluded]


def site_choices() -> list[tuple[int, str]]:
    return [(row.id, row.name) for row in db.session.execute(select(Site.id, Site.name).order_by(Site.name_key))]


def usual_activities() -> list[SiteActivity]:
    """Every site's usual activities, offered as suggestions when an item is planned."""
    return list(db.session.scalars(select(SiteActivity).order_by(SiteActivity.site_id, SiteActivity.position)))

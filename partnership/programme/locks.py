"""Serialising bookings: rule checks and the write that follows them in one transaction,
one booking at a time per site (and per guide, and per visit).

PostgreSQL: lock the rows (``SELECT … FOR UPDATE``) before any check reads, always in
the same order (visit, sites, guides, each by id) so that two bookings never wait
for each other in a circle. Under READ COMMITTED each later statement sees what the
previous holder of the lock committed.

SQLite locks the whole file: a writing request already holds the write lock from its
first statement (``partnership.db._sqlite_begin``). Elsewhere (CLI, tests calling
services) we take it here with a write before the checks read."""

from typing import cast

from sqlalchemy import Table, select, update

from partnership.extensions import db
from partnership.sites.models import Guide, Site
from partnership.visits.models import Visit, VisitStatus


def lock(*, visit_id: int | None = None, site_ids=(), guide_ids=()) -> VisitStatus | None:
    """Take the locks a booking needs; returns the visit's status as now committed."""
    session = db.session
    connection = session.connection()
    site_ids = sorted({i for i in site_ids if i is not None})
    guide_ids = sorted({i for i in guide_ids if i is not None})
    if connection.dialect.name == "sqlite":
        if not connection.info.get("sqlite_write_lock"):
            # A no-op write takes the RESERVED lock: no one else writes until we commit.
            sites = cast(Table, Site.__table__)  # typed FromClause; a declarative model's is a Table
            session.execute(update(sites).where(sites.c.id.in_(site_ids or [0])).values(capacity=sites.c.capacity))
            connection.info["sqlite_write_lock"] = True
        if visit_id is None:
            return None
        return session.scalar(
            select(Visit.status).where(Visit.id == visit_id).execution_options(populate_existing=True)
        )
    status = None
    if visit_id is not None:
        status = session.scalar(select(Visit.status).where(Visit.id == visit_id).with_for_update())
    if site_ids:
        session.execute(select(Site.id).where(Site.id.in_(site_ids)).order_by(Site.id).with_for_update()).all()
    if guide_ids:
        session.execute(select(Guide.id).where(Guide.id.in_(guide_ids)).order_by(Guide.id).with_for_update()).all()
    return status

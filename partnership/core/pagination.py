"""Every list pages the same way: the ``page`` argument read once, here."""

from dataclasses import dataclass

from flask import current_app, request
from flask_sqlalchemy.pagination import Pagination
from sqlalchemy import Select, func, select

from partnership.extensions import db

MAX_PAGE = 1_000_000  # keeps the offset within what a database integer holds


def page_number() -> int:
    """The ``page`` argument: a number from 1 to ``MAX_PAGE``; anything else is page 1 (or the last)."""
    return min(max(request.args.get("page", 1, type=int), 1), MAX_PAGE)


def paginate(query: Select, *, missing_page_is_404: bool = True) -> Pagination:
    """The requested page of ``query``. A page beyond the last answers 404, or with
    ``missing_page_is_404=False`` an empty page (a register whose filters may empty it)."""
    return db.paginate(
        query, page=page_number(), per_page=current_app.config["PAGE_SIZE"], error_out=missing_page_is_404
    )


@dataclass(frozen=True)
class Excerpt:
    """The first rows of a related list on a detail page, how many there are in all, and the
    address of the whole list (filtered to this page's object)."""

    rows: list
    total: int
    url: str

    @property
    def is_partial(self) -> bool:
        return self.total > len(self.rows)


def excerpt(query: Select, url: str, size: int | None = None) -> Excerpt:
    """The first ``size`` rows of ``query`` (``EXCERPT_SIZE``) and the count of all of them:
    a detail page stays the same size whatever the years of data behind it."""
    size = size or current_app.config["EXCERPT_SIZE"]
    rows = list(db.session.scalars(query.limit(size)))
    if len(rows) < size:
        return Excerpt(rows, len(rows), url)
    total = db.session.scalar(select(func.count()).select_from(query.order_by(None).subquery())) or 0
    return Excerpt(rows, total, url)

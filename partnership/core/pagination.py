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


def paginate(query: Select, *, missing_page_is_404: bool = True, per_page: int | None = None) -> Pagination:
    """The requested page of ``query`` (``PAGE_SIZE`` rows, or ``per_page``). A page beyond the
    last answers 404, or with ``missing_page_is_404=False`` an empty page (a register whose
    filters may empty it)."""
    size = per_page or current_app.config["PAGE_SIZE"]
    return db.paginate(query, page=page_number(), per_page=size, error_out=missing_page_is_404)


class ListPagination(Pagination):
    """A page of rows already in memory (a pending import's parsed rows), with the same
    attributes as a query's page, so that the same ``pager`` macro draws it."""

    def _query_items(self) -> list:
        rows = self._query_args["rows"]
        return rows[self._query_offset : self._query_offset + self.per_page]

    def _query_count(self) -> int:
        return len(self._query_args["rows"])


def paginate_list(rows: list, *, per_page: int | None = None) -> Pagination:
    """The requested page of ``rows``; a page beyond the last is an empty page."""
    size = per_page or current_app.config["PAGE_SIZE"]
    return ListPagination(page=page_number(), per_page=size, max_per_page=None, error_out=False, rows=rows)


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

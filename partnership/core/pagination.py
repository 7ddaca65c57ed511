"""Every list pages the same way: the ``page`` argument read once, here."""

from flask import current_app, request
from flask_sqlalchemy.pagination import Pagination
from sqlalchemy import Select

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

"""Error pages in the site's layout; a failed request leaves nothing half-saved."""

from flask import render_template
from werkzeug.exceptions import HTTPException, InternalServerError

from partnership.extensions import db


class DomainError(Exception):
    """A business rule refused an operation; ``field`` names the form field concerned."""

    def __init__(self, message: str, field: str | None = None):
        super().__init__(message)
        self.message = message
        self.field = field

    def field_messages(self) -> list[tuple[str | None, str]]:
        """Each message with the form field it concerns (``None``: the form as a whole)."""
        return [(self.field, self.message)]


def render_error(error):
    db.session.rollback()
    if not isinstance(error, HTTPException):
        error = InternalServerError()
    return render_template("errors/error.html", error=error), error.code

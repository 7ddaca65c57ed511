"""Form helpers shared by every sub-domain, and the tail every service call in a view shares."""

from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass

from flask import flash
from flask_wtf import FlaskForm

from partnership.core.errors import DomainError
from partnership.extensions import db


def show_domain_error(form: FlaskForm | None, error: DomainError, category: str = "danger") -> None:
    """Put a service's refusal beside the field it concerns, or above the form."""
    for name, message in error.field_messages():
        field = getattr(form, name, None) if form is not None and name else None
        if field is not None:
            field.errors = [*field.errors, message]
        else:
            flash(message, category)


@dataclass
class ServiceCall:
    error: DomainError | None = None

    @property
    def succeeded(self) -> bool:
        return self.error is None


@contextmanager
def service_call(form: FlaskForm | None = None, category: str = "danger") -> Iterator[ServiceCall]:
    """Run the service calls of a request inside ``with``: a refusal (``DomainError``) rolls back
    what they flushed and is shown beside the form's field, or flashed; the request commits
    once, when the view has answered (``partnership.core.requests``).

        with service_call(form) as call:
            visit = services.create_visit(current_user, **data)
        if call.succeeded:
            return redirect(...)
    """
    call = ServiceCall()
    try:
        yield call
    except DomainError as error:
        db.session.rollback()
        call.error = error
        show_domain_error(form, error, category)


def blank_to_none(value):
    """WTForms filter: an empty text box means 'no value'."""
    if isinstance(value, str):
        value = value.strip()
        return value or None
    return value

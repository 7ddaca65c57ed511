"""Form helpers shared by every sub-domain."""
from flask import flash
from flask_wtf import FlaskForm

from partnership.core.errors import DomainError


def show_domain_error(form: FlaskForm, error: DomainError) -> None:
    """Put a service's refusal beside the field it concerns, or above the form."""
    field = getattr(form, error.field, None) if error.field else None
    if field is not None:
        field.errors = [*field.errors, error.message]
    else:
        flash(error.message, "danger")


def blank_to_none(value):
    """WTForms filter: an empty text box means 'no value'."""
    if isinstance(value, str):
        value = value.strip()
        return value or None
    return value

"""Form helpers shared by every sub-domain, and the tail every service call in a view shares."""

from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from typing import Any

from flask import flash
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from markupsafe import Markup
from wtforms import Field
from wtforms.utils import unset_value
from wtforms.validators import StopValidation
from wtforms.widgets import html_params

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


# --- choosing one among thousands --------------------------------------------------------------
#
# A register of thousands does not fit in a <select>: a lookup field is a search box whose
# suggestions the app serves (``data-lookup``: the URL answering ``?q=`` with [{id, label}],
# read by app.js), and a hidden input with the chosen id. Without a script, or when the typed
# text was never matched to a suggestion, the server resolves the text itself: one match is
# taken, none or several are refused beside the field.


@dataclass(frozen=True)
class Lookup:
    """Where a lookup field finds its rows: ``label(id)`` (None: no such row, or not offered),
    ``find(text, limit)`` → [(id, label)] and the endpoint serving suggestions."""

    label: Callable[[int], str | None]
    find: Callable[[str, int], list[tuple[int, str]]]
    url: Callable[[], str]
    none_found: Any = _l("Nothing matches “%(text)s”.")
    several_found: Any = _l("Several match “%(text)s”: choose one of the suggestions.")


class LookupWidget:
    """The search box, its suggestions list and the chosen value(s): a hidden input with the
    id, or for several a checked box per chosen row (unticking one removes it)."""

    def __call__(self, field, **kwargs) -> Markup:
        kwargs.setdefault("id", field.id)
        list_id = f"{kwargs['id']}-suggestions"
        if field.multiple:
            box = Markup(
                '<div class="form-check"><input class="form-check-input" type="checkbox" name="{name}" value="{value}"'
                ' id="{id}-{value}" checked><label class="form-check-label" for="{id}-{value}">{label}</label></div>'
            )
            chosen = Markup("").join(
                box.format(name=field.name, value=value, id=kwargs["id"], label=label)
                for value, label in field.chosen()
            )
            hidden = Markup("")
            text = field.typed or ""
            kwargs.update(data_lookup_multiple="1", data_lookup_name=field.name)
        else:
            chosen = Markup("")
            hidden = Markup('<input type="hidden" name="{name}" value="{value}" data-lookup-value>').format(
                name=field.name, value=field.data or ""
            )
            text = field.typed if field.typed is not None else (field.label_of(field.data) or "")
        attributes: str = html_params(
            type="search",
            name=f"{field.name}{TEXT_SUFFIX}",
            value=text,
            list=list_id,
            autocomplete="off",
            data_lookup=field.lookup.url(),
            **kwargs,
        )
        # html_params escaped each value.
        attributes = Markup(attributes)  # noqa: S704  # nosec B704
        return Markup('<div class="lookup-chosen" data-lookup-chosen>{chosen}</div>{hidden}').format(
            chosen=chosen, hidden=hidden
        ) + Markup('<input {attributes}><datalist id="{list_id}"></datalist>').format(
            attributes=attributes, list_id=list_id
        )


TEXT_SUFFIX = "-text"


class LookupField(Field):
    """One row (an id) among many, chosen through suggestions; ``multiple`` for several."""

    widget = LookupWidget()

    def __init__(self, label=None, validators=None, lookup: Lookup | None = None, multiple: bool = False, **kwargs):
        super().__init__(label, validators, **kwargs)
        assert lookup is not None
        self.lookup = lookup
        self.multiple = multiple
        self.typed: str | None = None
        self._unresolved: str | None = None
        self._unknown = False

    def label_of(self, value) -> str | None:
        return self.lookup.label(value) if value else None

    def chosen(self) -> list[tuple[int, str]]:
        pairs = [(value, self.label_of(value)) for value in self.data or []]
        return [(value, label) for value, label in pairs if label]

    def process(self, formdata, data=unset_value, extra_filters=None):
        super().process(formdata, data, extra_filters)
        if formdata is not None and f"{self.name}{TEXT_SUFFIX}" in formdata:
            self.typed = (formdata.get(f"{self.name}{TEXT_SUFFIX}") or "").strip()[:200]
            self._resolve_typed()

    def process_formdata(self, valuelist):
        ids = [_id_or_none(value) for value in valuelist]
        if any(i is None and value.strip() not in ("", "0") for i, value in zip(ids, valuelist, strict=True)):
            self._unknown = True  # not an id at all: refused like an id that does not exist
        if self.multiple:
            self.data = list(dict.fromkeys(i for i in ids if i is not None))
        else:
            self.data = ids[0] if ids else None

    def _resolve_typed(self) -> None:
        typed = self.typed
        if not self.multiple and not typed:
            self.data = None  # the box was emptied: nothing chosen
            return
        if not typed or (not self.multiple and self.data and self.label_of(self.data) == typed):
            return  # nothing to add, or the script matched the text to a suggestion
        matches = self.lookup.find(typed, 2)
        exact = [pair for pair in matches if pair[1] == typed]
        if len(exact) == 1 or len(matches) == 1:
            value = (exact or matches)[0][0]
            if self.multiple:
                self.data = list(dict.fromkeys([*(self.data or []), value]))
                self.typed = ""
            else:
                self.data = value
                self.typed = None
        else:
            self._unresolved = self.lookup.several_found if matches else self.lookup.none_found

    def pre_validate(self, form):
        if self._unresolved:
            raise StopValidation(str(self._unresolved) % {"text": self.typed})
        values = self.data if self.multiple else ([self.data] if self.data else [])
        if self._unknown or any(self.label_of(value) is None for value in values):
            raise StopValidation(_("Choose one of the suggestions."))

    def _value(self):
        return str(self.data) if self.data and not self.multiple else ""


def _id_or_none(value) -> int | None:
    try:
        number = int(value)
    except (TypeError, ValueError):
        return None
    return number if 0 < number < 2**31 else None

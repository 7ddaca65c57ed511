"""Keeping the register of organisations and their contacts.

Operations take models and plain values, flush and record an audit entry; the
request (or CLI command) commits. A refused rule raises ``DomainError`` naming
the field concerned."""

from contextlib import contextmanager
from urllib.parse import urlsplit

from flask_babel import gettext as _
from sqlalchemy import select
from sqlalchemy.exc import IntegrityError

from partnership import countries, submissions
from partnership.audit import services as audit
from partnership.core.errors import DomainError
from partnership.db import utcnow
from partnership.extensions import db
from partnership.partners.models import Contact, Organisation, OrganisationKind
from partnership.text import fold

ORGANISATION_FIELDS = (
    "name",
    "name_ru",
    "name_uz",
    "short_name",
    "kind",
    "country",
    "city",
    "city_ru",
    "city_uz",
    "website",
    "notes",
)
CONTACT_FIELDS = ("name", "position", "email", "phone")
UNIQUE_NAME_COUNTRY = "uq_organisations_name_country"


def create_organisation(actor, submission: str | None = None, **data) -> Organisation:
    """``submission``: the form's one-time token (``partnership.submissions``)."""
    values = _clean_organisation(data)
    submissions.claim(actor, submission, "organisation")
    _check_no_duplicate(values["name"], values["country"])
    organisation = Organisation()
    with _name_country_guard():
        _assign(organisation, values)
        db.session.add(organisation)
        db.session.flush()
    audit.record(actor, "organisation.create", organisation)
    submissions.record(submission, organisation)
    return organisation


def update_organisation(actor, organisation: Organisation, **data) -> Organisation:
    values = _clean_organisation(data)
    _check_no_duplicate(values["name"], values["country"], organisation)
    with _name_country_guard():
        _assign(organisation, values)
        db.session.flush()
    audit.record(actor, "organisation.update", organisation)
    return organisation


def archive_organisation(actor, organisation: Organisation) -> None:
    """Take an organisation out of lists and choices; its history stays."""
    db.session.refresh(organisation, with_for_update={"of": Organisation})  # two requests: the second sees it archived
    if organisation.is_archived:
        raise DomainError(_("This organisation is already archived."))
    organisation.archived_at = utcnow()
    audit.record(actor, "organisation.archive", organisation)


def restore_organisation(actor, organisation: Organisation) -> None:
    db.session.refresh(organisation, with_for_update={"of": Organisation})
    if not organisation.is_archived:
        raise DomainError(_("This organisation is not archived."))
    organisation.archived_at = None
    audit.record(actor, "organisation.restore", organisation)


def add_contact(actor, organisation: Organisation, submission: str | None = None, **data) -> Contact:
    values = _clean_contact(data)
    submissions.claim(actor, submission, "contact")
    contact = Contact(organisation=organisation)
    _assign(contact, values)
    db.session.add(contact)
    audit.record(actor, "contact.create", contact)
    submissions.record(submission, contact)
    return contact


def update_contact(actor, contact: Contact, **data) -> Contact:
    _assign(contact, _clean_contact(data))
    audit.record(actor, "contact.update", contact)
    return contact


def delete_contact(actor, contact: Contact) -> None:
    audit.record(actor, "contact.delete", contact)
    contact.organisation.contacts.remove(contact)  # delete-orphan
    db.session.flush()


# --- rules -------------------------------------------------------------------


def _clean_organisation(data: dict) -> dict:
    values = _clean(Organisation, data, ORGANISATION_FIELDS)
    if not values["name"]:
        raise DomainError(_("Enter the organisation's name."), field="name")
    # The folded key has a column of the same size; a few characters (ligatures) fold longer.
    name_limit = _max_length(Organisation, "name")
    if name_limit is not None and len(fold(values["name"])) > name_limit:
        raise DomainError(_("This name is too long."), field="name")
    try:
        values["kind"] = OrganisationKind(getattr(values["kind"], "value", values["kind"]))
    except ValueError:
        raise DomainError(_("Choose a kind of organisation."), field="kind") from None
    if not countries.is_valid(values["country"]):
        raise DomainError(_("Unknown country code."), field="country")
    values["country"] = values["country"].upper()
    if values["website"] and not is_http_url(values["website"]):
        raise DomainError(_("Enter a web address starting with http:// or https://."), field="website")
    return values


def is_http_url(value: str) -> bool:
    """An http(s) address with a host, as people copy it from a browser."""
    parts = urlsplit(value)
    return parts.scheme.lower() in ("http", "https") and bool(parts.netloc) and not any(c.isspace() for c in value)


def _clean_contact(data: dict) -> dict:
    values = _clean(Contact, data, CONTACT_FIELDS)
    if not values["name"]:
        raise DomainError(_("Enter the contact's name."), field="name")
    return values


def _clean(model, data: dict, fields: tuple[str, ...]) -> dict:
    """Known fields only, text stripped (blank is None), within the column's size."""
    unknown = set(data) - set(fields)
    if unknown:
        raise TypeError(f"unexpected fields: {sorted(unknown)}")
    values = {}
    for name in fields:
        value = data.get(name)
        if isinstance(value, str):
            value = value.strip() or None
        limit = _max_length(model, name)
        if isinstance(value, str) and limit and len(value) > limit:
            raise DomainError(_("Use at most %(count)d characters.", count=limit), field=name)
        values[name] = value
    return values


def _max_length(model, name: str) -> int | None:
    return getattr(model.__table__.c[name].type, "length", None)


def _check_no_duplicate(name: str, country: str, organisation: Organisation | None = None) -> None:
    query = select(Organisation).where(Organisation.name_key == fold(name), Organisation.country == country)
    if organisation is not None and organisation.id is not None:
        query = query.where(Organisation.id != organisation.id)
    with db.session.no_autoflush:
        other = db.session.scalars(query.limit(1)).first()
    if other is not None:
        raise DomainError(_duplicate_message(other), field="name")


def _duplicate_message(other: Organisation | None = None) -> str:
    if other is not None and other.is_archived:
        return _("An archived organisation of this name in this country exists already; restore it instead.")
    return _("An organisation of this name in this country exists already.")


@contextmanager
def _name_country_guard():
    """A savepoint around the write. When a concurrent request saved the same
    name and country between our check and our flush, the unique constraint
    refuses it, only the savepoint is rolled back, and the user reads the same
    message as from the check."""
    _begin_database_transaction()
    try:
        with db.session.begin_nested():
            yield
    except IntegrityError as error:
        if not _is_name_country_clash(error):
            raise
        raise DomainError(_duplicate_message(), field="name") from error


def _begin_database_transaction() -> None:
    """pysqlite opens its transaction lazily, at the first INSERT/UPDATE/DELETE.
    A SAVEPOINT issued before that opens the transaction itself, and releasing
    it then COMMITS: the write would survive a later rollback of the request.
    Open the transaction first. A no-op on PostgreSQL, and on SQLite once the
    engine begins transactions itself (SQLAlchemy's documented pysqlite recipe)."""
    connection = db.session.connection()
    if connection.dialect.name == "sqlite":
        dbapi_connection = connection.connection.dbapi_connection  # None only once the connection is closed
        if dbapi_connection is not None and not dbapi_connection.in_transaction:
            connection.exec_driver_sql("BEGIN")


def _is_name_country_clash(error: IntegrityError) -> bool:
    text = str(error.orig)
    return UNIQUE_NAME_COUNTRY in text or "organisations.name_key" in text


def _assign(obj, values: dict) -> None:
    for name, value in values.items():
        setattr(obj, name, value)

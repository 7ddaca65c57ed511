"""Helpers for the organisation tests."""

from html.parser import HTMLParser

import pytest
from sqlalchemy import func, select

from partnership.audit.models import AuditEntry
from partnership.extensions import db
from partnership.partners.models import Contact, Organisation


@pytest.fixture
def request_ctx(app):
    """Services translate their messages, which needs a request (for the language)."""
    with app.test_request_context():
        yield


def count(model) -> int:
    db.session.expire_all()
    return db.session.scalar(select(func.count()).select_from(model))


def counts() -> tuple[int, int, int]:
    """(organisations, contacts, audit entries): what a refused request must leave as it was."""
    return count(Organisation), count(Contact), count(AuditEntry)


def audit_actions() -> list[str]:
    """The register's audit trail (the shared world also records other sub-domains' actions)."""
    return list(
        db.session.scalars(
            select(AuditEntry.action)
            .where(AuditEntry.target_type.in_(["organisations", "contacts"]))
            .order_by(AuditEntry.id)
        )
    )


class _FieldErrors(HTMLParser):
    """Collects, for each form control, whether it is marked invalid and the
    error messages that follow it before the next control."""

    CONTROLS = {"input", "select", "textarea"}

    def __init__(self):
        super().__init__()
        self.fields: dict[str, dict] = {}
        self._current = None
        self._in_feedback = False

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        classes = (attrs.get("class") or "").split()
        if tag in self.CONTROLS and attrs.get("type") != "hidden" and attrs.get("id"):
            self._current = self.fields.setdefault(attrs["id"], {"invalid": "is-invalid" in classes, "errors": []})
        elif tag == "div" and "invalid-feedback" in classes and self._current is not None:
            self._in_feedback = True
            self._current["errors"].append("")

    def handle_endtag(self, tag):
        if tag == "div":
            self._in_feedback = False

    def handle_data(self, data):
        if self._in_feedback:
            self._current["errors"][-1] += data.strip()


def errors_beside(html: str, field_id: str) -> list[str]:
    """The messages shown beside the form field ``field_id`` (which must be marked invalid)."""
    parser = _FieldErrors()
    parser.feed(html)
    field = parser.fields.get(field_id)
    assert field is not None, f"no field {field_id!r} on the page"
    if field["errors"]:
        assert field["invalid"], f"{field_id} has messages but is not marked invalid"
    return field["errors"]


class _ListedNames(HTMLParser):
    def __init__(self):
        super().__init__()
        self.rows: list[list] = []
        self._open = False

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if "organisation-name" in (attrs.get("class") or "").split():
            self._open = True
            self.rows.append(["", attrs.get("href") if tag == "a" else None])

    def handle_endtag(self, tag):
        self._open = False

    def handle_data(self, data):
        if self._open:
            self.rows[-1][0] += data.strip()


def listed(html: str) -> list[tuple[str, str | None]]:
    """The list page's organisations in order, as (name, link or None)."""
    parser = _ListedNames()
    parser.feed(html)
    return [tuple(row) for row in parser.rows]


def listed_names(html: str) -> list[str]:
    return [name for name, _ in listed(html)]

"""Helpers for the agreement tests: row counts, messages beside fields, what a list shows."""

import html as html_lib
import re

import pytest
from sqlalchemy import func, select

from partnership.agreements.models import Agreement, AgreementEvent, AgreementParty, Attachment
from partnership.audit.models import AuditEntry
from partnership.core import clock
from partnership.extensions import db

NEXT_FIELD = re.compile(r"<(input|select|textarea|fieldset|legend)\b")


def row_counts() -> dict[str, int]:
    """Rows of every table an agreement operation writes, to prove nothing was half-saved
    (a refused page is itself recorded, as ``access.refused``: that entry is no half-save)."""
    counts = {
        model.__name__: db.session.scalar(select(func.count()).select_from(model))
        for model in (Agreement, AgreementParty, AgreementEvent, Attachment)
    }
    counts["AuditEntry"] = db.session.scalar(
        select(func.count()).select_from(AuditEntry).where(AuditEntry.action != "access.refused")
    )
    return counts


def messages_beside(page: str, field_id: str) -> list[str]:
    """The error messages rendered right after the control with this id (before the next control)."""
    match = re.search(rf'id="{re.escape(field_id)}"', page)
    assert match, f"no element with id {field_id!r} on the page"
    rest = page[match.end() :]
    after_control = NEXT_FIELD.search(rest)
    segment = rest[: after_control.start()] if after_control else rest
    return [
        html_lib.unescape(" ".join(m.split()))
        for m in re.findall(r'class="invalid-feedback[^"]*"[^>]*>(.*?)</div>', segment, re.S)
        if m.strip()
    ]


def listed_references(page: str) -> list[str]:
    """References in the list's table, in order."""
    return [
        html_lib.unescape(ref)
        for ref in re.findall(r'<td class="text-nowrap"><a href="/agreements/\d+">([^<]+)</a>', page)
    ]


@pytest.fixture
def today(app):
    return clock.today()

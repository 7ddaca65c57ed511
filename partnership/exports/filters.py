"""The list pages' query-string filters, read the same way for their exports.

A value a list would not accept (an unknown kind, a non-number) is ignored, as
the list ignores it: an export never fails on a stale link."""
from datetime import date
from enum import Enum

from werkzeug.datastructures import MultiDict

from partnership.agreements.models import AgreementKind, AgreementStatus
from partnership.partners.models import OrganisationKind
from partnership.visits.models import VisitStatus

TRUE_VALUES = {"1", "y", "yes", "on", "true"}


def enum_arg(enum_cls: type[Enum], value: str | None):
    try:
        return enum_cls(value) if value else None
    except ValueError:
        return None


def int_arg(value: str | None) -> int | None:
    try:
        return int(value) if value not in (None, "") else None
    except ValueError:
        return None


def text_arg(value: str | None) -> str | None:
    value = (value or "").strip()
    return value or None


def organisation_filters(args: MultiDict) -> dict:
    """Keyword arguments for ``partnership.partners.queries.search``."""
    return {
        "q": text_arg(args.get("q")),
        "kind": enum_arg(OrganisationKind, args.get("kind")),
        "country": text_arg(args.get("country")),
        "sort": args.get("sort") or "name",
        "include_archived": (args.get("archived") or "").lower() in TRUE_VALUES,
    }


def agreement_filters(args: MultiDict) -> dict:
    """Keyword arguments for ``partnership.agreements.queries.search`` (besides the dates)."""
    return {
        "q": text_arg(args.get("q")),
        "status": enum_arg(AgreementStatus, args.get("status")),
        "kind": enum_arg(AgreementKind, args.get("kind")),
        "party_id": int_arg(args.get("party")),
        "country": text_arg(args.get("country")),
        "expiring_within": int_arg(args.get("expiring_within")),
    }


def date_arg(value: str | None) -> date | None:
    try:
        return date.fromisoformat(value or "")
    except ValueError:
        return None


def visit_filters(args: MultiDict) -> dict:
    """Keyword arguments for ``partnership.visits.queries.search`` (besides the user)."""
    return {
        "q": text_arg(args.get("q")),
        "status": enum_arg(VisitStatus, args.get("status")),
        "organisation_id": int_arg(args.get("organisation")),
        "date_from": date_arg(args.get("from")),
        "date_to": date_arg(args.get("to")),
    }

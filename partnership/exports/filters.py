"""The list pages' query-string filters, read the same way for their exports.

A value a list would not accept (an unknown kind, a non-number) is ignored, as
the list ignores it: an export never fails on a stale link."""

from datetime import date
from enum import Enum

from werkzeug.datastructures import MultiDict

from partnership.agreements import queries as agreement_queries
from partnership.agreements.forms import FilterForm as AgreementFilterForm
from partnership.core.requests import database_id
from partnership.partners import access as partner_access
from partnership.partners.forms import OrganisationFilterForm
from partnership.visits.forms import OrganisationFilterForm as VisitOrganisationFilter
from partnership.visits.models import VisitStatus


def enum_arg(enum_cls: type[Enum], value: str | None):
    try:
        return enum_cls(value) if value else None
    except ValueError:
        return None


def id_arg(value: str | None) -> int | None:
    try:
        return database_id(value) if value else None
    except ValueError:
        return None


def text_arg(value: str | None) -> str | None:
    value = (value or "").strip()
    return value or None


def organisation_filters(args: MultiDict, user) -> dict:
    """Keyword arguments for ``partnership.partners.queries.search``, read by the list's own form."""
    form = OrganisationFilterForm(args)
    return {
        **form.filters(),
        "include_archived": partner_access.may_list_archived(user) and args.get("archived") == "1",
        "names_only": partner_access.searches_names_only(user),
    }


def agreement_filters(args: MultiDict) -> dict:
    """Keyword arguments for ``partnership.agreements.queries.search`` (besides the dates),
    read by the list's own form: a filter the list would refuse is ignored here too."""
    form = AgreementFilterForm(
        args,
        country_choices=[(code, code) for code in agreement_queries.party_country_choices()],
    )
    form.validate()
    return form.filters()


def date_arg(value: str | None) -> date | None:
    try:
        return date.fromisoformat(value or "")
    except ValueError:
        return None


def visit_filters(args: MultiDict) -> dict:
    """Keyword arguments for ``partnership.visits.queries.search`` (besides the user); the
    organisation is read by the list's own lookup field (an id, or the name typed in its box)."""
    organisation = VisitOrganisationFilter(args)
    organisation.validate()
    return {
        "q": text_arg(args.get("q")),
        "status": enum_arg(VisitStatus, args.get("status")),
        "organisation_id": organisation.organisation.data if not organisation.organisation.errors else None,
        "agreement_id": id_arg(args.get("agreement")),
        "date_from": date_arg(args.get("from")),
        "date_to": date_arg(args.get("to")),
    }

"""The list pages' query-string filters, read the same way for their exports.

A value a list would not accept (an unknown kind, a non-number) is ignored, as
the list ignores it: an export never fails on a stale link."""

from werkzeug.datastructures import MultiDict

from partnership.agreements import queries as agreement_queries
from partnership.agreements.forms import FilterForm as AgreementFilterForm
from partnership.partners import access as partner_access
from partnership.partners.forms import OrganisationFilterForm
from partnership.visits.forms import list_filters


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


def visit_filters(args: MultiDict) -> dict:
    """Keyword arguments for ``partnership.visits.queries.search`` (besides the user): the
    list's own reading of them."""
    return list_filters(args)[0]

"""The exports made as jobs when they are large (``partnership.jobs``): the visits list, read with
the filters of the address it was asked from, as its owner may see it when the worker makes it."""

from flask_babel import format_decimal
from flask_babel import gettext as _
from werkzeug.datastructures import MultiDict

from partnership.audit.services import record
from partnership.core import clock
from partnership.exports import filters, queries, tables
from partnership.exports.formats import MIMETYPES, write
from partnership.jobs.registry import Output, register


def visits_job(args: MultiDict, fmt: str, rows: int) -> tuple[str, dict, str, str]:
    """What ``jobs.offers.offer`` needs for a large visits export: kind, params, title, size."""
    params = {"format": fmt, "args": {name: args.getlist(name) for name in sorted(args)}}
    title = _("Visits") + f" ({fmt.upper()})"
    return "exports.visits", params, title, _("%(count)s rows", count=format_decimal(rows))


def _build_visits(owner, params: dict, progress) -> Output:
    fmt = params["format"]
    rows = queries.visits(owner, filters.visit_filters(MultiDict(params["args"])))
    progress(0.5)
    data = write(tables.visits_table(rows), fmt)
    return Output(data, f"visits-{clock.today().isoformat()}.{fmt}", MIMETYPES[fmt])


def _visits_downloaded(owner, params: dict) -> None:
    record(owner, "visits.exported", None, details={"format": params["format"], "job": True})


register("exports.visits", build=_build_visits, downloaded=_visits_downloaded)

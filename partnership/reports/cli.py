"""The same reports from the command line, for scheduled jobs:

    flask --app partnership report visit 12 --lang ru -o report.pdf
    flask --app partnership report summary --from 2025-01-01 --to 2025-12-31 --lang uz -o summary.pdf

Links printed into PDFs (badge QR codes) use the ``BASE_URL`` setting."""

import sys

import click
from flask import current_app
from flask.cli import AppGroup

from partnership.core import clock
from partnership.reports import documents
from partnership.reports.access import Document
from partnership.reports.forms import MAX_SUMMARY_DAYS

cli = AppGroup("report", help="Write PDF reports.")


def language_option(function):
    return click.option(
        "--lang",
        "language",
        default="en",
        show_default=True,
        callback=_check_language,
        help="en, ru or uz",
    )(function)


def _check_language(ctx, param, value):
    if value not in current_app.config["LANGUAGES"]:
        raise click.BadParameter(f"choose one of {', '.join(current_app.config['LANGUAGES'])}")
    return value


def output_option(function):
    return click.option("-o", "--output", "output", help="file to write ('-' for standard output)")(function)


def _write(data: bytes, output: str) -> None:
    if output == "-":
        sys.stdout.buffer.write(data)
        sys.stdout.flush()
        return
    with open(output, "wb") as handle:
        handle.write(data)
    click.echo(f"Wrote {output} ({len(data)} bytes).", err=True)


def _visit_command(document: Document, name: str, help_text: str):
    @cli.command(name, help=help_text)
    @click.argument("visit_id", type=int)
    @language_option
    @output_option
    def command(visit_id: int, language: str, output: str | None):
        try:
            data = documents.render_visit_document(document, visit_id, language)
        except LookupError:
            raise click.ClickException(f"There is no visit {visit_id}.") from None
        _write(data, output or documents.filename(document, visit_id, language))

    return command


for _document, _name, _help in (
    (Document.report, "visit", "The visit report."),
    (Document.programme, "programme", "The programme for participants."),
    (Document.participants, "participants", "The participant list."),
    (Document.badges, "badges", "Name badges with check-in QR codes."),
    (Document.invitations, "invitations", "Invitation letters for visa support."),
):
    _visit_command(_document, _name, _help)


@cli.command("summary")
@click.option("--from", "start", required=True, type=click.DateTime(["%Y-%m-%d"]), help="first day, YYYY-MM-DD")
@click.option("--to", "end", required=True, type=click.DateTime(["%Y-%m-%d"]), help="last day, YYYY-MM-DD")
@language_option
@output_option
def summary(start, end, language: str, output: str | None):
    """The partnership summary for a period."""
    start, end = start.date(), end.date()
    if end < start:
        raise click.BadParameter("the period ends before it starts", param_hint="--to")
    if (end - start).days > MAX_SUMMARY_DAYS:
        raise click.BadParameter("choose a period of at most twenty years", param_hint="--to")
    data = documents.render_summary(start, end, language, today=clock.today())
    _write(data, output or documents.summary_filename(start, end, language))

"""``flask retention``: the retention rule, for cron (see README, Operations)."""

import click
from flask import current_app

from partnership.core.commands import transactional
from partnership.participants import services


@click.command("retention")
@click.option("--days", type=click.IntRange(min=0), help="days after completion (PARTICIPANT_RETENTION_DAYS)")
@click.option("--dry-run", is_flag=True, help="say what would be cleared, clear nothing")
@transactional
def cli(days: int | None, dry_run: bool) -> None:
    """Clear document numbers and dates of birth of the participants of visits completed more
    than DAYS days ago. Running it again clears nothing more."""
    days = current_app.config["PARTICIPANT_RETENTION_DAYS"] if days is None else days
    cleared = services.clear_expired_personal_data(days, dry_run=dry_run)
    verb = "would clear" if dry_run else "cleared"
    for visit, count in cleared:
        click.echo(f"visit {visit.id} (completed, ended {visit.ends_on.isoformat()}): {verb} {count} participant(s)")
    total = sum(count for _visit, count in cleared)
    click.echo(
        f"{'Dry run: ' if dry_run else ''}{total} participant(s) in {len(cleared)} visit(s) {verb} "
        f"of document numbers and dates of birth (visits completed more than {days} days ago)."
    )

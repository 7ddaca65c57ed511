"""``flask backup FILE`` and ``flask restore FILE [--force]`` (see README, Operations)."""

from pathlib import Path

import click

from partnership.core import backup as backups
from partnership.extensions import db


def _fail(error: backups.BackupError):
    raise click.ClickException(str(error)) from error


@click.command("backup")
@click.argument("file", type=click.Path(dir_okay=False, path_type=Path))
def backup(file: Path) -> None:
    """Write FILE (a .tar.gz): the database (with its signed scans and photos) and a manifest of
    every table's row count and checksum."""
    db.session.remove()
    try:
        manifest = backups.backup(db.engine, file)
    except backups.BackupError as error:
        _fail(error)
    tables = manifest["tables"]
    rows = sum(table["rows"] for table in tables.values())
    click.echo(f"Backed up {len(tables)} tables, {rows} rows ({manifest['backend']}) to {file}.")


@click.command("restore")
@click.argument("file", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@click.option("--force", is_flag=True, help="replace the data of a database that is not empty")
def restore(file: Path, force: bool) -> None:
    """Replace the database's contents with FILE's, then check every table against the backup's
    row counts and checksums. A database that holds data is refused without --force."""
    db.session.remove()
    try:
        manifest = backups.restore(db.engine, file, force=force)
    except backups.BackupError as error:
        _fail(error)
    tables = manifest["tables"]
    rows = sum(table["rows"] for table in tables.values())
    click.echo(f"Restored {len(tables)} tables, {rows} rows from {file}; every table's count and checksum match.")


commands = [backup, restore]

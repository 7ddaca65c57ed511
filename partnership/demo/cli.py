"""``flask demo load`` and ``flask demo accounts``."""

import click
from flask.cli import AppGroup
from sqlalchemy import func, select

from partnership.accounts.models import User
from partnership.core.commands import transactional
from partnership.demo import generate as generator
from partnership.demo import loader
from partnership.demo.accounts import DEMO_ACCOUNTS, DEMO_PASSWORD, GUIDE_ACCOUNTS
from partnership.demo.partners import ORGANISATIONS
from partnership.extensions import db

cli = AppGroup("demo", help="Demo data for trying the application.")


@cli.command("load")
@click.option("--if-empty", is_flag=True, help="Do nothing when the database already has accounts.")
@transactional
def load(if_empty: bool):
    """Load the demo organisations, agreements, sites, visits and accounts."""
    if db.session.scalar(select(func.count(User.id))):
        if if_empty:
            click.echo("The database has data already: demo data not loaded.")
            return
        raise click.ClickException("The database is not empty; the demo loads only into an empty one.")
    context = loader.load_all()
    click.echo(
        f"Demo data loaded: {len(context.orgs)} organisations, {len(context.agreements)} agreements, "
        f"{len(context.sites)} sites, {len(context.visits)} visits, {len(context.users)} accounts."
    )


@cli.command("accounts")
def accounts():
    """Print the demo accounts."""
    click.echo(f"Demo accounts (password for each: {DEMO_PASSWORD}):")
    for username, role, organisation_key in DEMO_ACCOUNTS:
        organisation = ORGANISATIONS[organisation_key][1] if organisation_key else ""
        click.echo(f"  {username:<16} {role.value:<12} {organisation}")
    for username, guide_name in GUIDE_ACCOUNTS:
        click.echo(f"  {username:<16} {'guide':<12} {guide_name}")


@click.command("generate")
@click.option("--size", type=click.Choice(list(generator.SIZES)), default="small", show_default=True)
@click.option("--seed", type=int, default=2025, show_default=True, help="The same seed gives the same data.")
@transactional
def generate(size: str, seed: int):
    """Add synthetic data at scale on top of the demo data (run `flask demo load` first)."""
    if not db.session.scalar(select(func.count(User.id))):
        raise click.ClickException("Load the demo data first: flask --app partnership demo load")
    with click.progressbar(length=generator.expected_rows(size), label=f"Generating {size} data") as bar:
        try:
            counts = generator.generate(size, seed, progress=lambda label, count: bar.update(count))
        except LookupError as error:
            raise click.ClickException(str(error)) from error
    click.echo("Added: " + ", ".join(f"{count:,} {label}" for label, count in counts.items()))


commands = [cli, generate]

"""``flask users create-admin``: the first account of a production install."""

import click
from flask.cli import AppGroup

from partnership.accounts import services
from partnership.core.commands import transactional
from partnership.core.roles import Role

cli = AppGroup("users", help="Manage accounts.")


@cli.command("create-admin")
@click.option("--username", prompt=True)
@click.option("--full-name", prompt=True)
@click.option("--email", prompt=True)
@click.password_option()
@transactional
def create_admin(username, full_name, email, password):
    """Create an administrator account. The password follows the same rules as in the app."""
    services.create_user(
        None, username=username, full_name=full_name, email=email, role=Role.admin.value, password=password
    )
    click.echo(f"Administrator {username} created.")

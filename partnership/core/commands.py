"""What every command-line command that changes data shares: one commit point."""

import functools

import click

from partnership.core.errors import DomainError
from partnership.extensions import db


def transactional(command):
    """Commit once when ``command`` returns; roll back on any error. A refusal
    (``DomainError``) ends the command with its message and a non-zero exit."""

    @functools.wraps(command)
    def run(*args, **kwargs):
        try:
            result = command(*args, **kwargs)
        except DomainError as error:
            db.session.rollback()
            raise click.ClickException(error.message) from error
        except BaseException:
            db.session.rollback()
            raise
        db.session.commit()
        return result

    return run

"""One commit point per request: views never commit, a refusal rolls back what the
service flushed, and the request commits once when the view has answered."""

import re
from pathlib import Path

import click
import pytest
from flask import Response
from sqlalchemy import func, select

import partnership
from partnership.core.commands import transactional
from partnership.core.errors import DomainError
from partnership.core.forms import service_call
from partnership.core.requests import commit_or_roll_back
from partnership.extensions import db
from partnership.partners.models import Organisation, OrganisationKind

PACKAGE = Path(partnership.__file__).parent


def organisations() -> int:
    return db.session.scalar(select(func.count(Organisation.id)))


def add_organisation(name: str) -> None:
    db.session.add(Organisation(kind=OrganisationKind.university, name=name, country="UZ"))
    db.session.flush()


def test_no_view_commits():
    commits = [
        f"{path.relative_to(PACKAGE)}:{number}"
        for path in PACKAGE.rglob("*.py")
        if path.stem.endswith("views")
        for number, line in enumerate(path.read_text().splitlines(), 1)
        if re.search(r"\.(commit|rollback)\(", line)
    ]
    assert not commits, commits


def test_a_refusal_rolls_back_what_the_service_flushed(app):
    with app.test_request_context("/", method="POST"):
        with service_call() as call:
            add_organisation("Refused University")
            raise DomainError("refused")
        assert not call.succeeded and call.error.message == "refused"
        assert organisations() == 0


def test_a_refusal_is_shown_beside_its_field(app):
    class Form:
        class name:
            errors: list = []

    with app.test_request_context("/", method="POST"):
        form = Form()
        with service_call(form):
            raise DomainError("taken", field="name")
        assert form.name.errors == ["taken"]


def test_the_request_commits_once_it_has_answered(app):
    with app.test_request_context("/", method="POST"):
        add_organisation("Kept University")
        commit_or_roll_back(Response(status=302))
        db.session.rollback()
        assert organisations() == 1


def test_a_server_error_rolls_back(app):
    with app.test_request_context("/", method="POST"):
        add_organisation("Lost University")
        commit_or_roll_back(Response(status=500))
        assert organisations() == 0


def test_commands_commit_once_and_roll_back_a_refusal(app):
    @transactional
    def refused():
        add_organisation("Refused by a command")
        raise DomainError("no such thing")

    @transactional
    def accepted():
        add_organisation("Added by a command")

    with pytest.raises(click.ClickException, match="no such thing"):
        refused()
    assert organisations() == 0
    accepted()
    db.session.rollback()
    assert organisations() == 1

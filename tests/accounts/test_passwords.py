"""What a password must be, wherever it is set: one's own change, the admin's forms, the CLI."""

import pytest
from sqlalchemy import func, select

from partnership.accounts import passwords
from partnership.accounts.models import User
from partnership.demo.accounts import DEMO_ACCOUNTS, DEMO_PASSWORD, FULL_NAMES
from partnership.extensions import db
from tests.factories import PASSWORD

NEW_ACCOUNT = {
    "username": "liaison.tstu",
    "full_name": "Oʻktam Gʻulomov",
    "email": "oktam@example.org",
    "role": "coordinator",
    "organisation_id": 0,
    "active": "y",
}


@pytest.mark.parametrize(
    "password, reason",
    [
        ("eleven-char", "at least 12"),
        ("x" * 129, "at most 128"),
        ("password1234", "most common"),
        ("Password-2025!", "most common"),
        ("qwerty123456", "most common"),
        ("iloveyou1234", "most common"),
        ("liaison.tstu-2025", "username"),
        ("LIAISONTSTU and more", "username"),
        ("my name is oktam!", "name"),
        ("gulomov-sunrise-bay", "name"),
        ("Oʻktam Gʻulomov", "name"),
    ],
)
def test_bad_passwords_are_refused_with_the_reason(app, password, reason):
    problem = passwords.problem(password, username="liaison.tstu", full_name="Oʻktam Gʻulomov")
    assert problem is not None and reason in problem


@pytest.mark.parametrize(
    "password",
    [
        "correct-horse-battery",
        "x" * 128,
        "twelve chars",  # no composition rules: spaces and lowercase only are fine
        "1f8#kQ!z0pLw",
        "бешбармак на ужин",
        "partnership-demo-2025",
    ],
)
def test_good_passwords_pass(app, password):
    assert passwords.problem(password, username="liaison.tstu", full_name="Oʻktam Gʻulomov") is None


def test_the_demo_password_passes_for_every_demo_account(app):
    for username, _role, _org in DEMO_ACCOUNTS:
        assert passwords.problem(DEMO_PASSWORD, username=username, full_name=FULL_NAMES[username]) is None


def test_admin_create_refuses_a_common_password_beside_the_field(admin_client, world):
    response = admin_client.post(
        "/admin/users/new", data={**NEW_ACCOUNT, "password": "password1234", "password_again": "password1234"}
    )
    assert response.status_code == 200
    assert "most common" in response.get_data(as_text=True)
    assert db.session.scalar(select(func.count(User.id)).where(User.username == "liaison.tstu")) == 0


def test_admin_create_refuses_a_password_with_the_persons_name(admin_client, world):
    response = admin_client.post(
        "/admin/users/new", data={**NEW_ACCOUNT, "password": "oktam-is-the-best", "password_again": "oktam-is-the-best"}
    )
    assert "must not contain the username or the person" in response.get_data(as_text=True)
    assert db.session.scalar(select(func.count(User.id)).where(User.username == "liaison.tstu")) == 0


def test_admin_reset_refuses_the_users_own_name_and_keeps_the_old_password(admin_client, world):
    target = world.users["management"]
    old_hash = target.password_hash
    response = admin_client.post(
        f"/admin/users/{target.id}/password",
        data={"password": f"{target.username}-forever", "password_again": f"{target.username}-forever"},
    )
    assert response.status_code == 200 and "must not contain the username" in response.get_data(as_text=True)
    db.session.expire_all()
    assert db.session.get(User, target.id).password_hash == old_hash


def test_own_change_refuses_a_short_or_common_password(coordinator_client, world):
    for new in ("short-one", "password12345"):
        response = coordinator_client.post(
            "/account/password", data={"current_password": PASSWORD, "password": new, "password_again": new}
        )
        assert response.status_code == 200
    db.session.expire_all()
    assert db.session.get(User, world.users["coordinator"].id).check_password(PASSWORD)


def test_own_change_asks_for_the_current_password(coordinator_client, world):
    response = coordinator_client.post(
        "/account/password", data={"password": "another-password", "password_again": "another-password"}
    )
    assert response.status_code == 200 and "This field is required." in response.get_data(as_text=True)
    db.session.expire_all()
    assert db.session.get(User, world.users["coordinator"].id).check_password(PASSWORD)


@pytest.mark.parametrize(
    "password, reason",
    [("too-short", "at least 12"), ("password1234", "most common"), ("root-of-all-admins", "username")],
)
def test_cli_create_admin_follows_the_same_rules(app, password, reason):
    result = app.test_cli_runner().invoke(
        args=[
            "users",
            "create-admin",
            "--username",
            "root",
            "--full-name",
            "First Admin",
            "--email",
            "root@example.org",
            "--password",
            password,
        ],
    )
    assert result.exit_code != 0 and reason in result.output
    assert db.session.scalar(select(func.count(User.id))) == 0

"""The admin's account register and every user's own password."""

from sqlalchemy import func, select

from partnership.accounts.models import User
from partnership.audit.models import AuditEntry
from partnership.core.roles import Role
from partnership.extensions import db
from tests.factories import PASSWORD

NEW_ACCOUNT = {
    "username": "liaison.tstu",
    "full_name": "Oʻktam Gʻulomov",
    "email": "oktam@example.org",
    "role": "liaison",
    "password": "a-long-enough-password",
    "password_again": "a-long-enough-password",
    "active": "y",
}


def test_admin_creates_a_liaison_bound_to_an_organisation(admin_client, world, client):
    response = admin_client.post("/admin/users/new", data={**NEW_ACCOUNT, "organisation_id": world.org_a.id})
    assert response.status_code == 302
    user = db.session.scalar(select(User).where(User.username == "liaison.tstu"))
    assert user.role is Role.liaison and user.organisation_id == world.org_a.id
    assert user.password_hash.startswith("pbkdf2") and "a-long-enough-password" not in user.password_hash
    assert db.session.scalar(select(AuditEntry).where(AuditEntry.action == "user.create")).target_id == user.id
    response = client.post("/login", data={"username": "liaison.tstu", "password": "a-long-enough-password"})
    assert response.status_code == 302


def test_liaison_without_organisation_is_refused_beside_the_field(admin_client, world):
    response = admin_client.post("/admin/users/new", data={**NEW_ACCOUNT, "organisation_id": 0})
    assert response.status_code == 200
    assert "A liaison must belong to an organisation." in response.get_data(as_text=True)
    assert db.session.scalar(select(func.count(User.id)).where(User.username == "liaison.tstu")) == 0


def test_taken_username_and_short_password_are_refused(admin_client, world):
    response = admin_client.post(
        "/admin/users/new",
        data={**NEW_ACCOUNT, "username": "coordinator", "role": "coordinator", "organisation_id": 0},
    )
    assert "This username is taken." in response.get_data(as_text=True)
    response = admin_client.post(
        "/admin/users/new",
        data={**NEW_ACCOUNT, "password": "short", "password_again": "short", "organisation_id": world.org_a.id},
    )
    assert "between 12 and 128 characters" in response.get_data(as_text=True)


def test_admin_disables_an_account_and_it_can_no_longer_sign_in(admin_client, world, client):
    coordinator = world.users["coordinator"]
    response = admin_client.post(
        f"/admin/users/{coordinator.id}/edit",
        data={
            "username": "coordinator",
            "full_name": "C",
            "email": "c@example.org",
            "role": "coordinator",
            "organisation_id": 0,
        },
    )
    assert response.status_code == 302
    db.session.expire_all()
    assert db.session.get(User, coordinator.id).active is False
    response = client.post("/login", data={"username": "coordinator", "password": PASSWORD})
    assert response.status_code == 200 and "disabled" in response.get_data(as_text=True)


def test_admin_cannot_demote_or_disable_themselves(admin_client, world):
    admin = world.users["admin"]
    response = admin_client.post(
        f"/admin/users/{admin.id}/edit",
        data={
            "username": "admin",
            "full_name": "A",
            "email": "a@example.org",
            "role": "coordinator",
            "organisation_id": 0,
            "active": "y",
        },
    )
    assert "cannot remove your own administrator rights" in response.get_data(as_text=True)
    db.session.expire_all()
    assert db.session.get(User, admin.id).role is Role.admin


def test_admin_resets_a_password(admin_client, world, client):
    target = world.users["management"]
    response = admin_client.post(
        f"/admin/users/{target.id}/password",
        data={"password": "brand-new-password", "password_again": "brand-new-password"},
    )
    assert response.status_code == 302
    assert client.post("/login", data={"username": "management", "password": "brand-new-password"}).status_code == 302


def test_user_changes_own_password(coordinator_client, world, client):
    response = coordinator_client.post(
        "/account/password",
        data={"current_password": "wrong", "password": "another-password", "password_again": "another-password"},
    )
    assert "The current password is not right." in response.get_data(as_text=True)
    response = coordinator_client.post(
        "/account/password",
        data={"current_password": PASSWORD, "password": "another-password", "password_again": "another-password"},
    )
    assert response.status_code == 302
    assert client.post("/login", data={"username": "coordinator", "password": "another-password"}).status_code == 302


def test_login_follows_only_local_next(client, world):
    response = client.post("/login?next=https://evil.example/", data={"username": "admin", "password": PASSWORD})
    assert response.headers["Location"] == "/"
    client.post("/logout")
    response = client.post("/login?next=/admin/users", data={"username": "admin", "password": PASSWORD})
    assert response.headers["Location"] == "/admin/users"


def test_cli_creates_the_first_admin(app):
    runner = app.test_cli_runner()
    result = runner.invoke(
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
            "a-strong-password",
        ],
    )
    assert result.exit_code == 0, result.output
    user = db.session.scalar(select(User).where(User.username == "root"))
    assert user.role is Role.admin and user.check_password("a-strong-password")
    result = runner.invoke(
        args=[
            "users",
            "create-admin",
            "--username",
            "root",
            "--full-name",
            "X",
            "--email",
            "x@example.org",
            "--password",
            "a-strong-password",
        ],
    )
    assert result.exit_code != 0 and "taken" in result.output

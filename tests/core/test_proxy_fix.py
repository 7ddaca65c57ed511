"""Behind a reverse proxy (PROXY_FIX_X_FOR), the client's address comes from X-Forwarded-For for
the throttle, the audit trail and the sessions; without the setting the header is ignored."""

import pytest
from sqlalchemy import select

from partnership.accounts.models import UserSession
from partnership.audit.models import AuditEntry
from partnership.extensions import db
from tests.factories import PASSWORD, UserFactory

CLIENT = "203.0.113.9"  # documentation range
PROXY = "10.0.0.2"


@pytest.fixture
def proxied_app(other_app):
    """The app behind one reverse proxy."""
    return other_app(PROXY_FIX_X_FOR=1, PROXY_FIX_X_PROTO=1)


def sign_in_through_proxy(client, password):
    return client.post(
        "/login",
        data={"username": "coord", "password": password},
        environ_base={"REMOTE_ADDR": PROXY},
        # Over HTTPS Flask-WTF checks the Referer as a browser sends it.
        headers={"X-Forwarded-For": CLIENT, "X-Forwarded-Proto": "https", "Referer": "https://localhost/login"},
    )


def test_behind_a_proxy_the_forwarded_address_is_audited_throttled_and_kept(proxied_app):
    with proxied_app.app_context():
        UserFactory(username="coord")
        client = proxied_app.test_client()
        assert sign_in_through_proxy(client, "wrong-password-here").status_code == 200
        failed = db.session.scalar(select(AuditEntry).where(AuditEntry.action == "auth.sign_in_failed"))
        assert failed is not None and failed.remote_addr == CLIENT
        response = sign_in_through_proxy(client, PASSWORD)
        assert response.status_code == 302
        assert "Secure" in response.headers["Set-Cookie"]  # X-Forwarded-Proto: https
        session = db.session.scalar(select(UserSession))
        assert session.remote_addr == CLIENT


def test_behind_a_proxy_failures_are_counted_per_client_address(proxied_app):
    with proxied_app.app_context():
        UserFactory(username="coord")
        client = proxied_app.test_client()
        for _ in range(5):
            sign_in_through_proxy(client, "wrong-password-here")
        assert sign_in_through_proxy(client, PASSWORD).status_code == 200  # refused from that client
        other = client.post(
            "/login",
            data={"username": "coord", "password": PASSWORD},
            environ_base={"REMOTE_ADDR": PROXY},
            headers={"X-Forwarded-For": "203.0.113.10"},
        )
        assert other.status_code == 302  # another client behind the same proxy is not refused


def test_without_the_setting_a_forwarded_address_is_ignored(app, client):
    UserFactory(username="coord")
    client.post(
        "/login",
        data={"username": "coord", "password": "wrong-password-here"},
        environ_base={"REMOTE_ADDR": PROXY},
        headers={"X-Forwarded-For": CLIENT},
    )
    failed = db.session.scalar(select(AuditEntry).where(AuditEntry.action == "auth.sign_in_failed"))
    assert failed.remote_addr == PROXY


def test_the_settings_come_from_the_environment(monkeypatch, tmp_path):
    from werkzeug.middleware.proxy_fix import ProxyFix

    from partnership import create_app

    monkeypatch.setenv("PARTNERSHIP_INSTANCE", str(tmp_path / "instance"))
    monkeypatch.delenv("DATABASE_URL", raising=False)
    monkeypatch.setenv("PROXY_FIX_X_FOR", "2")
    monkeypatch.setenv("PARTICIPANT_RETENTION_DAYS", "180")
    app = create_app()
    assert isinstance(app.wsgi_app, ProxyFix) and app.wsgi_app.x_for == 2 and app.wsgi_app.x_proto == 0
    assert app.config["PARTICIPANT_RETENTION_DAYS"] == 180
    monkeypatch.delenv("PROXY_FIX_X_FOR")
    assert not isinstance(create_app().wsgi_app, ProxyFix)  # off by default

"""Sessions the server knows: a copied cookie dies with its session (sign-out, a new password,
a disabled account, "sign out everywhere"), sessions time out, and a user sees and ends them."""

from datetime import timedelta

import pytest
from sqlalchemy import select

from partnership.accounts import sessions
from partnership.accounts.models import User, UserSession
from partnership.db import utcnow
from partnership.extensions import db
from tests.factories import PASSWORD

NEW = "a-brand-new-passphrase"


def sign_in_by_form(app, username, password=PASSWORD, **kwargs):
    client = app.test_client()
    response = client.post("/login", data={"username": username, "password": password}, **kwargs)
    assert response.status_code == 302, response.get_data(as_text=True)
    return client


def copy_of(app, client):
    """Another browser holding a copy of ``client``'s session cookie."""
    name = app.config["SESSION_COOKIE_NAME"]
    thief = app.test_client()
    thief.set_cookie(name, client.get_cookie(name).value)
    return thief


def signed_in(client) -> bool:
    return client.get("/").status_code == 200


def live_sessions(user) -> list[UserSession]:
    db.session.expire_all()
    return sessions.live(db.session.get(User, user.id))


def test_a_copied_cookie_stops_working_at_sign_out(app, world):
    browser = sign_in_by_form(app, "coordinator")
    thief = copy_of(app, browser)
    assert signed_in(thief)
    assert browser.post("/logout").status_code == 302
    assert not signed_in(browser)
    assert not signed_in(thief)
    assert thief.get("/account/password").status_code == 302  # to the sign-in page
    ended = db.session.scalar(select(UserSession).where(UserSession.user_id == world.users["coordinator"].id))
    assert ended.ended_at is not None and ended.end_reason == "signed_out"


def test_a_copied_cookie_stops_working_after_a_password_change_and_the_changer_stays_in(app, world):
    browser = sign_in_by_form(app, "coordinator")
    elsewhere = sign_in_by_form(app, "coordinator")
    thief = copy_of(app, browser)
    response = browser.post(
        "/account/password", data={"current_password": PASSWORD, "password": NEW, "password_again": NEW}
    )
    assert response.status_code == 302
    assert not signed_in(thief)
    assert not signed_in(elsewhere)
    assert signed_in(browser)  # a new session for the browser that changed it
    assert len(live_sessions(world.users["coordinator"])) == 1


def test_a_copied_cookie_stops_working_after_an_admin_resets_the_password(app, world, admin_client):
    browser = sign_in_by_form(app, "management")
    thief = copy_of(app, browser)
    response = admin_client.post(
        f"/admin/users/{world.users['management'].id}/password", data={"password": NEW, "password_again": NEW}
    )
    assert response.status_code == 302
    assert not signed_in(browser) and not signed_in(thief)
    assert signed_in(admin_client)  # the admin's own session is not the user's


def test_disabling_an_account_ends_its_sessions_and_enabling_it_again_revives_none(app, world, admin_client):
    coordinator = world.users["coordinator"]
    browser = sign_in_by_form(app, "coordinator")
    thief = copy_of(app, browser)
    account = {
        "username": "coordinator",
        "full_name": "C",
        "email": "c@example.org",
        "role": "coordinator",
        "organisation_id": 0,
    }
    assert admin_client.post(f"/admin/users/{coordinator.id}/edit", data=account).status_code == 302
    assert not signed_in(browser) and not signed_in(thief)
    assert admin_client.post(f"/admin/users/{coordinator.id}/edit", data={**account, "active": "y"}).status_code == 302
    assert not signed_in(thief)
    assert live_sessions(coordinator) == []


def test_a_cookie_without_a_server_session_signs_nobody_in(app, world):
    client = app.test_client()
    with client.session_transaction() as cookie:  # what the app accepted before sessions were known
        cookie["_user_id"] = str(world.users["admin"].id)
        cookie["_fresh"] = True
    assert not signed_in(client)
    with client.session_transaction() as cookie:
        cookie["_user_id"] = str(world.users["admin"].id)
        cookie[sessions.COOKIE_KEY] = "forged-token"
    assert not signed_in(client)
    with client.session_transaction() as cookie:
        assert "_user_id" not in cookie and sessions.COOKIE_KEY not in cookie


def test_a_session_token_is_bound_to_its_user(app, world):
    browser = sign_in_by_form(app, "liaison.a")
    with browser.session_transaction() as cookie:
        cookie["_user_id"] = str(world.users["admin"].id)  # a signed cookie cannot be edited, but still
    assert not signed_in(browser)


def test_signing_in_gives_a_new_token_and_a_new_csrf_token(app, world):
    client = app.test_client()
    client.get("/language/ru")
    client.csrf_token()
    with client.session_transaction() as cookie:
        before = cookie["csrf_token"]
    client.post("/login", data={"username": "coordinator", "password": PASSWORD})
    with client.session_transaction() as cookie:
        token = cookie[sessions.COOKIE_KEY]
        assert "csrf_token" not in cookie  # a new one is made for the next form
        assert cookie["lang"] == "ru"  # the language chosen before signing in stays
    client.get("/account/password")
    with client.session_transaction() as cookie:
        assert cookie["csrf_token"] != before
    record = db.session.scalar(select(UserSession))
    assert record.token_hash == sessions.token_hash(token) and token not in record.token_hash


@pytest.fixture
def clock(monkeypatch):
    """The sessions' clock, frozen and moved by the test."""

    class Clock:
        now = utcnow()

        def advance(self, **delta):
            self.now += timedelta(**delta)

    frozen = Clock()
    monkeypatch.setattr(sessions, "utcnow", lambda: frozen.now)
    return frozen


def test_idle_timeout(app, world, clock):
    browser = sign_in_by_form(app, "coordinator")
    clock.advance(minutes=29)
    assert signed_in(browser)
    clock.advance(minutes=29)  # 58 minutes after sign-in, 29 after the last request
    assert signed_in(browser)
    clock.advance(minutes=30)
    assert not signed_in(browser)
    record = db.session.scalar(select(UserSession))
    db.session.refresh(record)
    assert record.end_reason == "idle"
    clock.advance(minutes=-30)  # the session stays ended even if the clock went back
    assert not signed_in(browser)


def test_absolute_timeout_even_for_a_busy_session(app, world, clock):
    browser = sign_in_by_form(app, "coordinator")
    for _ in range(35):  # a request every 20 minutes for 11 h 40 min
        clock.advance(minutes=20)
        assert signed_in(browser)
    clock.advance(minutes=20)
    assert not signed_in(browser)
    db.session.expire_all()
    assert db.session.scalar(select(UserSession)).end_reason == "expired"


def test_timeouts_are_settings(app, world, clock, monkeypatch):
    monkeypatch.setitem(app.config, "SESSION_IDLE_TIMEOUT_MINUTES", 5)
    browser = sign_in_by_form(app, "coordinator")
    clock.advance(minutes=6)
    assert not signed_in(browser)
    monkeypatch.setitem(app.config, "SESSION_ABSOLUTE_TIMEOUT_HOURS", 1)
    browser = sign_in_by_form(app, "coordinator")
    for _ in range(3):
        clock.advance(minutes=4)
        assert signed_in(browser)
    clock.advance(minutes=49)
    assert not signed_in(browser)


def test_the_sessions_page_lists_the_users_live_sessions_and_ends_one(app, world):
    desk = sign_in_by_form(
        app,
        "coordinator",
        environ_base={"REMOTE_ADDR": "198.51.100.20"},
        headers={"User-Agent": "Mozilla/5.0 (X11; Linux x86_64; rv:128.0) Gecko/20100101 Firefox/128.0"},
    )
    phone = sign_in_by_form(
        app,
        "coordinator",
        environ_base={"REMOTE_ADDR": "198.51.100.21"},
        headers={
            "User-Agent": "Mozilla/5.0 (iPhone; CPU iPhone OS 17_1 like Mac OS X) "
            "AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.1 "
            "Mobile/15E148 Safari/604.1"
        },
    )
    sign_in_by_form(app, "management")
    ended = sign_in_by_form(app, "coordinator")
    ended.post("/logout")
    page = desk.get("/account/sessions").get_data(as_text=True)
    assert "Firefox 128 on Linux" in page and "Mobile Safari 17 on iOS" in page
    assert "198.51.100.20" in page and "198.51.100.21" in page
    assert page.count("data-session-id=") == 2  # neither management's nor the ended one
    assert page.count("This browser") == 1
    phone_session = next(s for s in live_sessions(world.users["coordinator"]) if s.remote_addr == "198.51.100.21")
    response = desk.post(f"/account/sessions/{phone_session.id}/end")
    assert response.status_code == 302 and response.headers["Location"] == "/account/sessions"
    assert not signed_in(phone)
    assert signed_in(desk)


def test_nobody_ends_another_users_session(app, world):
    victim = sign_in_by_form(app, "management")
    intruder = sign_in_by_form(app, "coordinator")
    victim_session = live_sessions(world.users["management"])[0]
    assert intruder.post(f"/account/sessions/{victim_session.id}/end").status_code == 404
    assert signed_in(victim)


def test_ending_ones_own_current_session_signs_out(app, world):
    browser = sign_in_by_form(app, "coordinator")
    record = live_sessions(world.users["coordinator"])[0]
    response = browser.post(f"/account/sessions/{record.id}/end")
    assert response.status_code == 302 and response.headers["Location"] == "/login"
    assert not signed_in(browser)


def test_sign_out_everywhere_ends_every_session_of_the_user_only(app, world):
    first = sign_in_by_form(app, "coordinator")
    second = sign_in_by_form(app, "coordinator")
    other_user = sign_in_by_form(app, "management")
    response = first.post("/account/sessions/end-all")
    assert response.status_code == 302 and response.headers["Location"] == "/login"
    assert not signed_in(first) and not signed_in(second)
    assert signed_in(other_user)
    assert live_sessions(world.users["coordinator"]) == []


def test_session_cookie_is_httponly_lax_and_secure_over_https(app, world):
    client = app.test_client()
    response = client.get("/login")
    cookie = response.headers["Set-Cookie"]
    assert "HttpOnly" in cookie and "SameSite=Lax" in cookie and "Secure" not in cookie
    response = app.test_client().get("/login", base_url="https://localhost")
    assert "Secure" in response.headers["Set-Cookie"]


def test_session_cookie_secure_setting(app, monkeypatch):
    monkeypatch.setitem(app.config, "SESSION_COOKIE_SECURE", True)
    assert "Secure" in app.test_client().get("/login").headers["Set-Cookie"]


def test_https_as_preferred_scheme_makes_the_cookie_secure(test_config):
    from partnership import create_app

    other = create_app({**test_config, "PREFERRED_URL_SCHEME": "https"})
    assert other.config["SESSION_COOKIE_SECURE"] is True
    with other.app_context():
        db.engine.dispose()


def test_the_sessions_page_is_in_the_account_menu(app, world, coordinator_client):
    page = coordinator_client.get("/").get_data(as_text=True)
    menu = page[page.index('class="dropdown-menu dropdown-menu-end"') :]
    assert 'href="/account/sessions"' in menu[: menu.index("</ul>")]

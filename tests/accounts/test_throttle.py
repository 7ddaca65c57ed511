"""Sign-in throttling: per account and address, per address over all accounts, in memory and in
Redis, with the message of a wrong password."""

import time
import uuid

import pytest
import redis

from partnership import create_app
from partnership.accounts import throttle
from partnership.extensions import db
from tests.conftest import CSRFClient, empty_database
from tests.factories import PASSWORD, UserFactory

NEUTRAL = "Unknown username or wrong password, or the account is disabled."
REDIS_URL = "redis://127.0.0.1:6379/0"
OTHER_ADDRESS = "198.51.100.7"  # documentation range: only a value in the request's environ


def try_sign_in(client, username, password, address="127.0.0.1"):
    response = client.post(
        "/login", data={"username": username, "password": password}, environ_base={"REMOTE_ADDR": address}
    )
    if response.status_code == 302:
        client.post("/logout", environ_base={"REMOTE_ADDR": address})
        return "signed in"
    assert response.status_code == 200
    page = response.get_data(as_text=True)
    assert NEUTRAL in page
    return "refused"


def fail(client, username, times, address="127.0.0.1"):
    for _ in range(times):
        assert try_sign_in(client, username, "not-the-password", address) == "refused"


def test_five_failures_refuse_even_the_right_password_with_the_same_message(client, app):
    UserFactory(username="coord")
    fail(client, "coord", 4)
    assert try_sign_in(client, "coord", PASSWORD) == "signed in"  # four are not enough
    fail(client, "coord", 5)
    wrong = client.post("/login", data={"username": "coord", "password": "not-the-password"})
    right = client.post("/login", data={"username": "coord", "password": PASSWORD})
    assert right.status_code == wrong.status_code == 200
    assert NEUTRAL in right.get_data(as_text=True)
    for word in ("many", "throttl", "locked", "later", "wait"):
        assert word not in right.get_data(as_text=True).lower()
    assert try_sign_in(client, "Coord ", PASSWORD) == "refused"  # the name as the form normalises it


def test_the_account_limit_is_per_account_and_address(client, app):
    UserFactory(username="coord")
    UserFactory(username="other")
    fail(client, "coord", 5)
    assert try_sign_in(client, "coord", PASSWORD) == "refused"
    assert try_sign_in(client, "other", PASSWORD) == "signed in"
    assert try_sign_in(client, "coord", PASSWORD, address=OTHER_ADDRESS) == "signed in"


def test_the_address_limit_over_all_accounts_is_higher(client, app, monkeypatch):
    monkeypatch.setitem(app.config, "SIGN_IN_ADDRESS_LIMIT", "12 per 15 minutes")
    for n in range(4):
        UserFactory(username=f"user-{n}")
    UserFactory(username="fresh")
    for n in range(3):
        fail(client, f"user-{n}", 4)  # 12 failures, none of these accounts at its own limit
    assert try_sign_in(client, "fresh", PASSWORD) == "refused"
    assert try_sign_in(client, "user-3", PASSWORD) == "refused"
    assert try_sign_in(client, "fresh", PASSWORD, address=OTHER_ADDRESS) == "signed in"


def test_a_success_resets_only_that_accounts_failures_from_that_address(client, app, monkeypatch):
    monkeypatch.setitem(app.config, "SIGN_IN_ADDRESS_LIMIT", "12 per 15 minutes")
    UserFactory(username="victim")
    UserFactory(username="attacker")
    fail(client, "victim", 5)
    fail(client, "attacker", 4)
    assert try_sign_in(client, "attacker", PASSWORD) == "signed in"
    assert try_sign_in(client, "victim", PASSWORD) == "refused"  # the attacker's success freed nobody
    fail(client, "attacker", 3)  # 12 failures from the address: its own success did not lower the count
    assert try_sign_in(client, "attacker", PASSWORD) == "refused"


def test_unknown_names_are_counted_like_known_ones(client, app):
    UserFactory(username="coord")
    fail(client, "nobody", 5)
    assert try_sign_in(client, "nobody", "anything-at-all") == "refused"
    assert try_sign_in(client, "coord", PASSWORD) == "signed in"


def test_the_refusal_lifts_once_the_failures_leave_the_window(client, app, monkeypatch):
    monkeypatch.setitem(app.config, "SIGN_IN_ACCOUNT_LIMIT", "2 per 1 second")
    UserFactory(username="coord")
    fail(client, "coord", 2)
    assert try_sign_in(client, "coord", PASSWORD) == "refused"
    time.sleep(1.2)
    assert try_sign_in(client, "coord", PASSWORD) == "signed in"


@pytest.fixture
def redis_apps(test_config):
    """Two app instances, as two workers would be, counting in the local Redis under a
    key prefix of their own that the test deletes afterwards."""
    prefix = f"partnership-test-{uuid.uuid4().hex}"
    config = {
        **test_config,
        "RATELIMIT_STORAGE_URI": REDIS_URL,
        "RATELIMIT_STORAGE_OPTIONS": {"key_prefix": prefix},
    }
    apps = [create_app(config), create_app(config)]
    for app in apps:
        app.test_client_class = CSRFClient
    yield prefix, apps
    with apps[0].app_context():
        throttle.reset()
        empty_database()
    for app in apps:
        with app.app_context():
            db.engine.dispose()
    assert not redis.Redis.from_url(REDIS_URL).keys(f"{prefix}*")


def test_with_redis_every_worker_sees_the_same_failures(redis_apps):
    prefix, (first, second) = redis_apps
    with first.app_context():
        UserFactory(username="coord")
        fail(first.test_client(), "coord", 3)
    store = redis.Redis.from_url(REDIS_URL)
    assert store.keys(f"{prefix}*"), "the failures are counted in Redis"
    with second.app_context():
        client = second.test_client()
        fail(client, "coord", 2)
        assert try_sign_in(client, "coord", PASSWORD) == "refused"
    with first.app_context():
        assert try_sign_in(first.test_client(), "coord", PASSWORD) == "refused"
        assert try_sign_in(first.test_client(), "coord", PASSWORD, address=OTHER_ADDRESS) == "signed in"


CLOSED_PORT_URL = "redis://127.0.0.1:1/0"  # nothing listens on port 1: every call is refused


@pytest.fixture
def app_without_redis(other_app, monkeypatch):
    """An app whose throttle storage is a Redis nobody answers at. (Alembic's logging set-up, run
    by the migration tests, disables the loggers that exist then: this one is to be heard.)"""
    monkeypatch.setattr(throttle.log, "disabled", False)
    return other_app(RATELIMIT_STORAGE_URI=CLOSED_PORT_URL)


def test_with_redis_down_sign_in_still_works_and_throttles_in_memory(app_without_redis, caplog):
    with app_without_redis.app_context():
        UserFactory(username="coord")
        client = app_without_redis.test_client()
        with caplog.at_level("WARNING", logger="partnership.accounts.throttle"):
            assert try_sign_in(client, "coord", PASSWORD) == "signed in"  # no 500
        assert "storage unreachable" in caplog.text
        fail(client, "coord", 5)
        assert try_sign_in(client, "coord", PASSWORD) == "refused"  # counted in this process meanwhile


def test_with_redis_down_and_no_fallback_sign_in_goes_on_uncounted(app_without_redis, monkeypatch, caplog):
    monkeypatch.setitem(app_without_redis.config, "RATELIMIT_IN_MEMORY_FALLBACK_ENABLED", False)
    with app_without_redis.app_context():
        UserFactory(username="coord")
        client = app_without_redis.test_client()
        with caplog.at_level("WARNING", logger="partnership.accounts.throttle"):
            fail(client, "coord", 6)
            assert try_sign_in(client, "coord", PASSWORD) == "signed in"
        assert "storage unreachable" in caplog.text


def test_the_storage_is_tried_again_once_it_answers(app, client, monkeypatch):
    """Down for a while, then back: the counts go to the configured storage again."""
    UserFactory(username="coord")
    monkeypatch.setitem(app.config, "SIGN_IN_STORAGE_RETRY_SECONDS", 0)
    limiter = app.extensions[throttle.EXTENSION]
    real = limiter.limiter

    class Broken:
        def __getattr__(self, name):
            raise redis.exceptions.ConnectionError("down")

    monkeypatch.setattr(type(limiter), "limiter", property(lambda self: Broken()))
    fail(client, "coord", 2)
    assert app.extensions[throttle.FALLBACK].dead_since is not None
    monkeypatch.setattr(type(limiter), "limiter", property(lambda self: real))
    fail(client, "coord", 1)
    assert app.extensions[throttle.FALLBACK].dead_since is None

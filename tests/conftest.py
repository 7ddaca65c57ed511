"""Fixtures: one app and one throwaway database per run (SQLite, or PostgreSQL
when TEST_DATABASE_URL names a server), emptied after every test; a test client
that sends the CSRF token like a browser; signed-in clients per role."""

import os
import re
import uuid
from contextlib import contextmanager
from pathlib import Path

import pytest
import sqlalchemy as sa
import sqlalchemy.orm as sa_orm
from flask import g, has_app_context
from flask.testing import FlaskClient
from flask_sqlalchemy.session import Session as FlaskSQLAlchemySession
from flask_sqlalchemy.session import _app_ctx_id

from partnership import create_app
from partnership.accounts import sessions, throttle
from partnership.extensions import db
from tests import factories
from tests.factories import PASSWORD  # noqa: F401  (re-exported for tests)

CSRF_META = re.compile(r'<meta name="csrf-token" content="([^"]+)"')


@contextmanager
def throwaway_database(tmp_dir: Path):
    """The URL of an empty database for one use: a SQLite file in ``tmp_dir``, or,
    when TEST_DATABASE_URL names a PostgreSQL server, a database of its own there,
    dropped afterwards."""
    url = os.environ.get("TEST_DATABASE_URL")
    if not url:
        yield f"sqlite:///{tmp_dir / 'test.sqlite'}"
        return
    server = sa.make_url(url).set(drivername="postgresql+psycopg")
    # One per pytest-xdist worker (gw0, gw1, ...) and run: the uuid keeps them apart.
    worker = os.environ.get("PYTEST_XDIST_WORKER", "main")
    name = f"partnership_test_{worker}_{uuid.uuid4().hex[:12]}"
    admin = sa.create_engine(server.set(database="postgres"), isolation_level="AUTOCOMMIT")
    with admin.connect() as connection:
        connection.execute(sa.text(f'CREATE DATABASE "{name}"'))
    try:
        yield server.set(database=name).render_as_string(hide_password=False)
    finally:
        with admin.connect() as connection:
            connection.execute(sa.text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
        admin.dispose()


@pytest.fixture(scope="session")
def database_url(tmp_path_factory):
    with throwaway_database(tmp_path_factory.mktemp("db")) as url:
        yield url


@pytest.fixture(scope="session")
def test_config(database_url, tmp_path_factory):
    return {
        "TESTING": True,
        "SECRET_KEY": "test-secret",
        "SQLALCHEMY_DATABASE_URI": database_url,
        "PASSWORD_HASH_METHOD": "pbkdf2:sha256:1000",
        "WTF_CSRF_ENABLED": True,
        # Tasks queued by commits go to an in-memory broker nobody reads: the outbox tests run
        # delivery themselves (and a real worker on it once).
        "CELERY_BROKER_URL": "memory://",
    }


@pytest.fixture(scope="session")
def _app(test_config, tmp_path_factory):
    os.environ["PARTNERSHIP_INSTANCE"] = str(tmp_path_factory.mktemp("instance"))
    app = create_app(test_config)
    app.test_client_class = CSRFClient
    with app.app_context():
        db.create_all()
    yield app
    with app.app_context():
        db.session.remove()
        db.engine.dispose()


@pytest.fixture
def other_app(_app, test_config):
    """``other_app(**settings)``: a second app on the run's database (its tables made by ``_app``)
    with other settings, as another deployment of the same code would be; emptied afterwards."""
    made = []

    def _make(**settings):
        app = create_app({**test_config, **settings})
        app.test_client_class = CSRFClient
        made.append(app)
        return app

    yield _make
    for app in made:
        with app.app_context():
            empty_database()
            db.engine.dispose()


@pytest.hookimpl(wrapper=True)
def pytest_runtest_call(item):
    """The factories only flush: the rows a test's fixtures built are committed
    before the test runs, so that the test's own rollbacks (and those of the
    services and views it calls) undo only what the test did."""
    if has_app_context():
        factories.commit_factory_rows()
    return (yield)


def empty_database() -> None:
    db.session.remove()
    tables = db.metadata.sorted_tables
    with db.engine.begin() as connection:
        if connection.dialect.name == "postgresql":
            names = ", ".join(f'"{t.name}"' for t in tables)
            connection.execute(sa.text(f"TRUNCATE {names} RESTART IDENTITY CASCADE"))
        else:
            for table in reversed(tables):
                connection.execute(table.delete())


@pytest.fixture
def app(_app):
    """The app, with an app context for the test, and after it an empty database and no
    sign-in failures counted (the throttle's memory storage lives as long as the app)."""
    with _app.app_context():
        yield _app
        empty_database()
        throttle.reset()


class _JoinedSession(FlaskSQLAlchemySession):
    """A session on the one connection whose transaction a test owns."""

    def get_bind(self, *args, **kwargs):
        return self.bind


@contextmanager
def rolled_back():
    """Within the block, ``db.session`` works inside one database transaction that
    is rolled back at the end, whatever the code in it commits: SQLAlchemy's
    "joining a session into an external transaction" recipe, where the session's
    commits and rollbacks are SAVEPOINTs of that transaction. One connection does
    everything, so this is for tests whose requests run in the test's own app
    context (the test client), not for threads or a live server."""
    db.session.remove()
    connection = db.engine.connect()
    transaction = connection.begin()
    shared = db.session
    db.session = sa_orm.scoped_session(
        sa_orm.sessionmaker(
            class_=_JoinedSession,
            db=db,
            query_cls=db.Query,
            bind=connection,
            join_transaction_mode="create_savepoint",
        ),
        scopefunc=_app_ctx_id,
    )
    try:
        yield
    finally:
        db.session.remove()
        db.session = shared
        transaction.rollback()
        connection.close()


def detached(world):
    """The world's objects with every column loaded and out of the session, so that
    tests in other sessions may read their ids and fields (not their relationships)."""
    objects = []
    for value in vars(world).values():
        objects.extend(value.values() if isinstance(value, dict) else value if isinstance(value, list) else [value])
    for obj in objects:
        if isinstance(obj, db.Model):
            db.session.refresh(obj)
    db.session.close()
    return world


class CSRFClient(FlaskClient):
    """Posts forms as a browser does: with the CSRF token of the session."""

    def csrf_token(self) -> str:
        for path in ("/login", "/account/password"):
            response = self.get(path)
            match = CSRF_META.search(response.get_data(as_text=True))
            if match:
                return match.group(1)
        raise AssertionError("no page offered a CSRF token")

    def open(self, *args, **kwargs):
        # The test's app context stays pushed and requests reuse it: give each
        # request a fresh ``g`` as a server does, or Flask-Login's user, the CSRF
        # token and the locale would leak from one request (or client) to the next.
        vars(g).clear()
        # The factories only flush: the rows they made are committed before the
        # request, which would meet them committed on a server, and which must not
        # take them with it when it rolls back (as error pages do).
        if has_app_context():
            factories.commit_factory_rows()
        method = kwargs.get("method", "GET").upper()
        if method in ("POST", "PUT", "PATCH", "DELETE") and not kwargs.pop("no_csrf", False):
            data = kwargs.get("data")
            if data is None:
                data = kwargs["data"] = {}
            if isinstance(data, dict) and "csrf_token" not in data:
                kwargs["data"] = {**data, "csrf_token": self.csrf_token()}
        return super().open(*args, **kwargs)


@pytest.fixture
def client(app):
    return app.test_client()


def sign_in(client: FlaskClient, user) -> FlaskClient:
    """Sign ``user`` in without a password round-trip (the login flow has its own tests):
    a server-side session, and its token in the client's cookie."""
    token = sessions.start(user, address="127.0.0.1", user_agent="pytest")
    db.session.commit()
    with client.session_transaction() as session:
        session["_user_id"] = str(user.id)
        session["_fresh"] = True
        session[sessions.COOKIE_KEY] = token
    return client


@pytest.fixture
def world(app):
    """Two universities (A, B), a ministry, one user of each role, and an agreement
    between A and the ministry: the cast the access table plays against."""
    return factories.build_world()


@pytest.fixture
def login(app):
    """``login(user)`` returns a new client signed in as ``user``."""

    def _login(user):
        return sign_in(app.test_client(), user)

    return _login


@pytest.fixture
def admin_client(world, login):
    return login(world.users["admin"])


@pytest.fixture
def coordinator_client(world, login):
    return login(world.users["coordinator"])


@pytest.fixture
def management_client(world, login):
    return login(world.users["management"])


@pytest.fixture
def liaison_a_client(world, login):
    return login(world.users["liaison_a"])


@pytest.fixture
def liaison_b_client(world, login):
    return login(world.users["liaison_b"])

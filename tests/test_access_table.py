"""Plays the route × role table and checks that every route has its rows."""

import importlib
import pkgutil
from pathlib import Path

import pytest

import tests
from tests import factories
from tests.access import ROLES, Row
from tests.conftest import detached, empty_database, rolled_back, sign_in


def _all_rows() -> list[Row]:
    rows = []
    for module in pkgutil.iter_modules([str(Path(tests.__file__).parent)]):
        if module.ispkg:
            try:
                rows_module = importlib.import_module(f"tests.{module.name}.access_rows")
            except ModuleNotFoundError as exc:
                if exc.name != f"tests.{module.name}.access_rows":
                    raise
                continue
            rows.extend(rows_module.ROWS)
    return rows


ROWS = _all_rows()
UNCHECKED_ENDPOINTS = {"bootstrap.static", "static"}  # files served to everyone


def test_every_route_has_a_row(app):
    covered = {(row.method, row.rule) for row in ROWS}
    missing = []
    for rule in app.url_map.iter_rules():
        if rule.endpoint in UNCHECKED_ENDPOINTS:
            continue
        for method in sorted(rule.methods - {"HEAD", "OPTIONS"}):
            if (method, rule.rule) not in covered:
                missing.append(f"{method} {rule.rule}")
    assert not missing, "routes without a row in the access table: " + ", ".join(missing)


def test_rows_name_real_routes(app):
    known = {(m, r.rule) for r in app.url_map.iter_rules() for m in r.methods}
    stale = [f"{row.method} {row.rule}" for row in ROWS if (row.method, row.rule) not in known]
    assert not stale, "rows for routes that do not exist: " + ", ".join(stale)


@pytest.fixture(scope="module")
def shared_world(_app):
    """The world, built once for every case of the table (and the database emptied
    after the last): each case runs in a transaction rolled back after it, so every
    case, a POST row's too, meets the world as built."""
    with _app.app_context():
        world = detached(factories.build_world())
    yield world
    with _app.app_context():
        empty_database()


@pytest.fixture
def app_in_shared_world(_app, shared_world):
    with _app.app_context(), rolled_back():
        yield _app


@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize("row", ROWS, ids=lambda row: f"{row.method} {row.rule}")
def test_access(app_in_shared_world, shared_world, row: Row, role: str):
    app, world = app_in_shared_world, shared_world
    client = app.test_client()
    if role != "anonymous":
        sign_in(client, world.users[role])
    url = row.url.format(w=world)
    data = {key: (value.format(w=world) if isinstance(value, str) else value) for key, value in row.data.items()}
    response = client.open(url, method=row.method, data=data if row.method != "GET" else None)
    assert response.status_code == row.expect[role], (
        f"{role} {row.method} {url}: expected {row.expect[role]}, got {response.status_code}"
    )

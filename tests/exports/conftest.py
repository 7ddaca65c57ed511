import pytest
from flask import g, request_started


def _forget_cached_user(sender, **extra):
    g.pop("_login_user", None)


@pytest.fixture(autouse=True)
def each_request_loads_its_own_user(app):
    """The ``app`` fixture keeps one app context for the whole test, so Flask-Login's
    user cached in ``g`` would carry from one client's request to another's (an
    anonymous client would act as the last signed-in one). Start every request
    without it, as in production where each request has its own context."""
    request_started.connect(_forget_cached_user, app)
    yield
    request_started.disconnect(_forget_cached_user, app)

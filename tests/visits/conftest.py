import pytest


@pytest.fixture
def request_ctx(app):
    """Services translate their messages, and the locale comes from the request:
    service tests run inside a request as the app runs them."""
    with app.test_request_context("/"):
        yield


from tests.threaded import settled, threaded_server  # noqa: E402, F401  (the race tests' real server)

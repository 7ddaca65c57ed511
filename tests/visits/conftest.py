import pytest


@pytest.fixture
def request_ctx(app):
    """Services translate their messages, and the locale comes from the request:
    service tests run inside a request as the app runs them."""
    with app.test_request_context("/"):
        yield

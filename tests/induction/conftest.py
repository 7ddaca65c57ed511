import pytest


@pytest.fixture
def in_request(app):
    """Services speak the user's language: give them a request, as the views do."""
    with app.test_request_context():
        yield

"""The participants tests share the visits tests' fixtures."""

from tests.visits.conftest import request_ctx  # noqa: F401

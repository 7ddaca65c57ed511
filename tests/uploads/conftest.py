"""The uploads tests use a real threaded server (``tests.threaded``)."""

from tests.threaded import settled, threaded_server  # noqa: F401

"""The app served by a real threaded server on a loopback port, for tests whose requests
must meet only in the database, as behind gunicorn."""
import threading

import pytest
from werkzeug.serving import make_server

from partnership.extensions import db


@pytest.fixture
def live_server(app):
    server = make_server("127.0.0.1", 0, app, threaded=True)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_port}"
    server.shutdown()
    thread.join(timeout=10)


@pytest.fixture
def settled(app):
    """Commit and close the test's own session: it holds no lock while the server works."""

    def settle():
        db.session.commit()
        db.session.close()

    return settle

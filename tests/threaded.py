"""Tests against the app in a real threaded server, whose requests meet only in the
database as behind gunicorn: the server fixture, and a small HTTP client with a signed-in
session per user (cookie made with the app's own session serializer), the CSRF token read
from a page as a browser would, forms and multipart uploads over urllib. No redirects are
followed. Use the fixtures from a conftest: ``from tests.threaded import threaded_server, settled``."""

import re
import threading
import time
import urllib.error
import urllib.parse
import urllib.request
import uuid
from dataclasses import dataclass

import pytest
from werkzeug.serving import make_server

from partnership.accounts import sessions
from partnership.accounts.models import User
from partnership.extensions import db

CSRF_META = re.compile(r'<meta name="csrf-token" content="([^"]+)"')


class _NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args, **kwargs):
        return None


@dataclass
class Answer:
    status: int
    body: str
    location: str | None
    seconds: float


class Browser:
    def __init__(self, app, base_url: str, user_id: int):
        self.base_url = base_url
        serializer = app.session_interface.get_signing_serializer(app)
        # A server-side session, as signing in starts one (tests/conftest.py sign_in).
        token = sessions.start(db.session.get(User, user_id), address="127.0.0.1", user_agent="tests")
        db.session.commit()
        self.cookie = f"{app.config.get('SESSION_COOKIE_NAME', 'session')}=" + serializer.dumps(
            {"_user_id": str(user_id), "_fresh": True, sessions.COOKIE_KEY: token}
        )
        self.opener = urllib.request.build_opener(_NoRedirect())
        self.token = None

    def _send(self, request: urllib.request.Request, timeout: float) -> Answer:
        request.add_header("Cookie", self.cookie)
        started = time.perf_counter()
        try:
            response = self.opener.open(request, timeout=timeout)
            status, body, headers = response.status, response.read(), response.headers
        except urllib.error.HTTPError as error:
            status, body, headers = error.code, error.read(), error.headers
        for header in headers.get_all("Set-Cookie") or []:
            if header.startswith("session="):
                self.cookie = header.split(";", 1)[0]
        return Answer(status, body.decode("utf-8", "replace"), headers.get("Location"), time.perf_counter() - started)

    def get(self, path: str, timeout: float = 60) -> Answer:
        answer = self._send(urllib.request.Request(self.base_url + path), timeout)
        match = CSRF_META.search(answer.body)
        if match:
            self.token = match.group(1)
        return answer

    def post(self, path: str, fields: dict, timeout: float = 60) -> Answer:
        if self.token is None:
            self.get("/")
        data = urllib.parse.urlencode({"csrf_token": self.token, **fields}, doseq=True).encode()
        request = urllib.request.Request(self.base_url + path, data=data, method="POST")
        request.add_header("Content-Type", "application/x-www-form-urlencoded")
        return self._send(request, timeout)

    def upload(self, path: str, field: str, filename: str, content: bytes, fields=None, timeout: float = 120) -> Answer:
        if self.token is None:
            self.get("/")
        boundary = uuid.uuid4().hex
        parts = []
        for name, value in {"csrf_token": self.token, **(fields or {})}.items():
            parts.append(f'--{boundary}\r\nContent-Disposition: form-data; name="{name}"\r\n\r\n{value}\r\n'.encode())
        parts.append(
            f'--{boundary}\r\nContent-Disposition: form-data; name="{field}"; filename="{filename}"\r\n'
            "Content-Type: application/octet-stream\r\n\r\n".encode()
            + content
            + b"\r\n"
        )
        parts.append(f"--{boundary}--\r\n".encode())
        request = urllib.request.Request(self.base_url + path, data=b"".join(parts), method="POST")
        request.add_header("Content-Type", f"multipart/form-data; boundary={boundary}")
        return self._send(request, timeout)


@pytest.fixture
def threaded_server(app):
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


def at_once(count: int, job) -> list:
    """Run ``job(n)`` for n in range(count) in threads released together; their results
    (or the repr of what they raised) in order."""
    barrier = threading.Barrier(count)
    results: list = [None] * count

    def run(n: int) -> None:
        barrier.wait()
        try:
            results[n] = job(n)
        except Exception as error:  # noqa: BLE001  (a crash is a result to report)
            results[n] = repr(error)

    threads = [threading.Thread(target=run, args=(n,)) for n in range(count)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=120)
    return results

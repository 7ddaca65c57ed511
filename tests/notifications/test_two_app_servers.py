"""Two machines behind a load balancer: two gunicorn servers and two Celery workers, each its own
process, on one PostgreSQL and one Redis, as production runs them. One browser's requests go to
either server. What must hold across them: the server-side session, the sign-in throttle, the
outbox (each message delivered exactly once by whichever worker), and the booking locks.

PostgreSQL only (it is what several machines share); the processes read their settings from an
instance folder of their own, as a deployment would from instance/config.py."""

import secrets
import subprocess
import sys
import time
import urllib.error
import urllib.parse
import urllib.request
from http.cookiejar import CookieJar
from pathlib import Path

import pytest
import redis
from celery import Celery
from sqlalchemy import func, select

from partnership.extensions import db
from partnership.notifications import outbox
from partnership.notifications.models import MessageState, OutboxMessage
from partnership.programme.models import ItineraryAttendee, ItineraryItem
from partnership.visits.models import VisitStatus
from tests.factories import PASSWORD, UserFactory
from tests.notifications.conftest import SMTPServer, free_port
from tests.programme.factories import tour_booking, visit_with
from tests.sites.factories import SiteFactory
from tests.threaded import CSRF_META, _NoRedirect, at_once
from tests.visits.factories import VisitFactory

ROOT = Path(__file__).resolve().parents[2]
REDIS = "redis://127.0.0.1:6379/0"
DELIVER = "partnership.notifications.tasks.deliver"

# One pytest-xdist worker runs the module, so that its processes are started once.
pytestmark = pytest.mark.xdist_group("two-app-servers")


class Browser:
    """One person's browser signing in with a password (``tests.threaded.Browser`` forges the
    session for one server): one cookie jar, sent to whichever server is asked."""

    def __init__(self):
        self.jar = CookieJar()
        self.opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(self.jar), _NoRedirect)

    def request(self, url: str, data: dict | None = None) -> tuple[int, str, dict]:
        body = urllib.parse.urlencode(data, doseq=True).encode() if data is not None else None
        try:
            with self.opener.open(url, data=body, timeout=60) as response:
                return response.status, response.read().decode(), dict(response.headers)
        except urllib.error.HTTPError as error:
            return error.code, error.read().decode(errors="replace"), dict(error.headers)

    def csrf(self, server: str) -> str:
        status, page, _ = self.request(f"{server}/login")
        if status == 302:  # signed in: any signed-in page carries the token
            status, page, _ = self.request(f"{server}/account/password")
        match = CSRF_META.search(page)
        assert match, (status, page[:300])
        return match.group(1)

    def post(self, server: str, path: str, data: dict) -> tuple[int, str, dict]:
        return self.request(f"{server}{path}", {"csrf_token": self.csrf(server), **data})

    def sign_in(self, server: str, username: str, password: str = PASSWORD) -> int:
        status, _, _ = self.post(server, "/login", {"username": username, "password": password})
        return status


def _wait_until(check, timeout: float, what: str) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if check():
            return
        time.sleep(0.2)
    raise AssertionError(f"timed out waiting for {what}")


def _drained(client: Celery, queue: str) -> bool:
    """Nothing waits in the queue and no worker holds a task: any second delivery is done."""
    store = redis.Redis.from_url(REDIS)  # kombu keeps a queue as Redis lists, one per priority
    waiting = sum(store.llen(key) for key in store.keys(f"{queue}*") if store.type(key) == b"list")
    inspect = client.control.inspect(timeout=1)
    active, reserved = inspect.active() or {}, inspect.reserved() or {}
    if len(active) < 2 or len(reserved) < 2:  # a worker that did not answer may still hold one
        return False
    return waiting == 0 and not any([*active.values(), *reserved.values()])


def _answers(url: str) -> bool:
    try:
        with urllib.request.urlopen(f"{url}/login", timeout=2):
            return True
    except (urllib.error.URLError, OSError):
        return False


@pytest.fixture(scope="module")
def mail():
    """One SMTP server for the module's processes; each test writes to addresses of its own."""
    server = SMTPServer()
    server.start()
    yield server
    server.stop()


@pytest.fixture(scope="module")
def cluster(database_url, mail, tmp_path_factory):
    """Two servers (two gunicorn workers each) and two Celery workers, started once for the
    module (the tests' own fixtures fill and empty the database between tests); yields the
    servers' URLs, a Celery client of their broker and their queue."""
    if not database_url.startswith("postgresql"):
        pytest.skip("several machines share PostgreSQL; run with TEST_DATABASE_URL")
    tmp_path = tmp_path_factory.mktemp("two-servers")
    run = secrets.token_hex(4)
    queue = f"two-servers-{run}"
    instance = tmp_path / "instance"
    instance.mkdir()
    (instance / "config.py").write_text(
        "\n".join(
            [
                f"SECRET_KEY = {secrets.token_hex(32)!r}",
                f"SQLALCHEMY_DATABASE_URI = {database_url!r}",
                f"RATELIMIT_STORAGE_URI = {REDIS!r}",
                f"RATELIMIT_KEY_PREFIX = {('two-servers-' + run)!r}",
                f"CELERY_BROKER_URL = {REDIS!r}",
                # A queue of this run's own, so that no other run's worker takes its tasks.
                f"CELERY = {{'task_default_queue': {queue!r}}}",
                "MAIL_SERVER = '127.0.0.1'",
                f"MAIL_PORT = {mail.port}",
                "MAIL_TIMEOUT_SECONDS = 5",
                "BASE_URL = 'http://partnership.example'",
            ]
        )
        + "\n"
    )
    bin_dir = Path(sys.executable).parent
    environment = {"PARTNERSHIP_INSTANCE": str(instance), "PATH": str(bin_dir), "LANG": "C.UTF-8"}
    processes, logs, servers = [], [], []
    try:
        for n in range(2):
            port = free_port()
            log = (tmp_path / f"server-{n}.log").open("w")
            logs.append(log)
            processes.append(
                subprocess.Popen(
                    [sys.executable, "-m", "gunicorn", "-c", "gunicorn.conf.py", "-w", "2", "-b", f"127.0.0.1:{port}"]
                    + ["--access-logfile", "-", "partnership:create_app()"],
                    cwd=ROOT,
                    env=environment,
                    stdout=log,
                    stderr=subprocess.STDOUT,
                )
            )
            servers.append(f"http://127.0.0.1:{port}")
        for n in range(2):
            log = (tmp_path / f"worker-{n}.log").open("w")
            logs.append(log)
            processes.append(
                subprocess.Popen(
                    [str(bin_dir / "celery"), "-A", "partnership.worker", "worker", "--pool", "solo"]
                    + [
                        "--hostname",
                        f"worker{n}-{run}@%h",
                        "--loglevel",
                        "INFO",
                        "--without-gossip",
                        "--without-mingle",
                    ],
                    cwd=ROOT,
                    env=environment,
                    stdout=log,
                    stderr=subprocess.STDOUT,
                )
            )
        for url in servers:
            _wait_until(lambda url=url: _answers(url), 60, f"gunicorn at {url}")
        for n in range(2):
            log_file = tmp_path / f"worker-{n}.log"
            _wait_until(lambda log_file=log_file: " ready." in log_file.read_text(), 60, f"Celery worker {n}")
        client = Celery(broker=REDIS, set_as_current=False)
        client.conf.task_default_queue = queue
        yield servers, client, queue
    finally:
        for process in processes:
            process.terminate()
        for process in processes:
            try:
                process.wait(timeout=20)
            except subprocess.TimeoutExpired:
                process.kill()
        for log in logs:
            log.close()
        for log_file in sorted(tmp_path.glob("*.log")):
            text = log_file.read_text()
            if "Traceback" in text:
                print(f"--- {log_file.name}\n{text[-4000:]}")


def test_a_session_begun_on_one_server_works_on_the_other_and_ends_on_both(world, cluster):
    (first, second), _, _ = cluster
    browser = Browser()
    assert browser.sign_in(first, world.users["coordinator"].username) == 302
    status, page, _ = browser.request(f"{second}/visits")
    assert status == 200 and world.users["coordinator"].full_name in page
    assert browser.post(second, "/logout", {})[0] == 302
    status, _, headers = browser.request(f"{first}/visits")
    assert status == 302 and "/login" in headers["Location"]


def test_the_sign_in_throttle_counts_failures_on_both_servers(world, cluster):
    (first, second), _, _ = cluster
    username = world.users["liaison_b"].username
    browser = Browser()
    for server in (first, second, first, second, first):  # the account's limit: 5 failures
        assert browser.sign_in(server, username, "not the password") == 200
    # Even the right password is refused now, on either server.
    assert browser.sign_in(second, username) == 200
    assert browser.sign_in(first, username) == 200
    status, _, _ = browser.request(f"{first}/visits")
    assert status == 302
    # Another account is not throttled by these failures.
    assert Browser().sign_in(second, world.users["coordinator"].username) == 302


def test_a_request_submitted_on_one_server_reaches_each_coordinator_once(world, cluster, mail):
    (first, second), client, queue = cluster
    second_coordinator = UserFactory(username="coordinator.two", role=world.users["coordinator"].role)
    visit = VisitFactory(
        title="Summer school over two machines",
        organisations=[world.org_a],
        status=VisitStatus.draft,
        created_by_id=world.users["liaison_a"].id,
    )
    db.session.commit()
    browser = Browser()
    assert browser.sign_in(first, world.users["liaison_a"].username) == 302
    status, _, _ = browser.post(second, f"/visits/{visit.id}/transition", {"to_status": "requested"})
    assert status == 302
    coordinators = [world.users["coordinator"].email, second_coordinator.email]
    _wait_until(lambda: all(mail.inbox.to(address) for address in coordinators), 60, "the coordinators' mail")
    _wait_until(lambda: _drained(client, queue), 60, "the workers to finish")
    for address in coordinators:
        [message] = mail.inbox.to(address)
        assert message["Subject"] == "New visit request: Summer school over two machines"


def test_two_workers_given_each_task_twice_deliver_each_message_once(app, cluster, mail):
    _, client, queue = cluster
    ids = [
        outbox.write(kind="test", recipient=f"twice{n}@example.org", language="en", subject=f"M{n}", body="x").id
        for n in range(20)
    ]
    db.session.commit()  # the test app's commit queues nothing anyone reads (its broker is memory://)
    for message_id in ids * 2:
        client.send_task(DELIVER, args=(message_id,), queue=queue)
    _wait_until(lambda: all(mail.inbox.to(f"twice{n}@example.org") for n in range(20)), 60, "20 messages")
    _wait_until(lambda: _drained(client, queue), 60, "the workers to finish")
    assert [len(mail.inbox.to(f"twice{n}@example.org")) for n in range(20)] == [1] * 20
    db.session.expire_all()
    states = db.session.scalars(select(OutboxMessage.state).where(OutboxMessage.id.in_(ids)))
    assert set(states) == {MessageState.sent}


def test_bookings_sent_to_both_servers_at_once_never_overfill_a_site(world, cluster):
    (first, second), _, _ = cluster
    groups, group, capacity = 12, 5, 20  # room for 4 of the 12 groups
    site = SiteFactory(name="Copper concentrator", capacity=capacity)
    visits = [visit_with(group, title=f"Group {n + 1}") for n in range(groups)]
    db.session.commit()
    site_id = site.id
    jobs = []
    for n, visit in enumerate(visits):
        server = (first, second)[n % 2]
        browser = Browser()
        assert browser.sign_in(server, world.users["coordinator"].username) == 302
        data = tour_booking(site_id, visit, browser.csrf(server))
        jobs.append((browser, f"{server}/visits/{visit.id}/programme/new", data))
    db.session.close()

    results = at_once(len(jobs), lambda n: jobs[n][0].request(jobs[n][1], jobs[n][2]))

    statuses = [result[0] for result in results]
    assert sorted(statuses) == [200] * (groups - capacity // group) + [302] * (capacity // group), statuses
    for status, page, _ in results:
        if status == 200:
            assert "Copper concentrator: capacity 20 exceeded 10:00–11:00" in page
    at_site = db.session.scalar(
        select(func.count(ItineraryAttendee.participant_id))
        .join(ItineraryItem, ItineraryItem.id == ItineraryAttendee.item_id)
        .where(ItineraryItem.site_id == site_id)
    )
    assert at_site == capacity

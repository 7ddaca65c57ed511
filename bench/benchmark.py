"""The benchmark (``bench/run``, a script, not a test): on PostgreSQL, generate a data set, start
gunicorn with the repository's config (2 workers), sign in as each role, drive every main page
with wrk on loopback beside a bare route and the page's main query in raw SQL served by the
same gunicorn, then time the heavy documents and an import, and print the peak memory of a
worker. Ratios are what to compare: one run, one machine.

    bench/run                      # the large data set (minutes to generate)
    bench/run --size small         # what CI runs to keep the script working (no timing is asserted)
"""

import argparse
import http.cookiejar
import io
import json
import os
import re
import shutil
import signal
import socket
import subprocess
import sys
import time
import urllib.parse
import urllib.request
from dataclasses import dataclass
from pathlib import Path

from partnership.demo.accounts import DEMO_PASSWORD

ROOT = Path(__file__).resolve().parent.parent
PYTHON = sys.executable


@dataclass
class Page:
    role: str
    label: str
    path: str
    raw: str  # bench.app.RAW key
    raw_args: str = ""


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--size", choices=["small", "medium", "large"], default="large")
    parser.add_argument("--server", default="postgresql://postgres@127.0.0.1:5432/postgres", help="an admin URL")
    parser.add_argument("--duration", type=int, default=10, help="seconds of wrk per page")
    parser.add_argument("--connections", type=int, default=16)
    parser.add_argument("--keep", action="store_true", help="keep the benchmark database afterwards")
    options = parser.parse_args()
    if not shutil.which("wrk"):
        sys.exit("wrk is needed: apt-get install wrk")

    database = f"partnership_bench_{options.size}"
    url = _database_url(options.server, database)
    env = {
        **os.environ,
        "DATABASE_URL": url,
        "SECRET_KEY": "benchmark-only-secret-key",
        "RATELIMIT_STORAGE_URI": "memory://",
        "SIGN_IN_ACCOUNT_LIMIT": "100000/minute",
        "SIGN_IN_ADDRESS_LIMIT": "100000/minute",
        # Large documents are jobs: a Celery worker beside gunicorn makes them, on Redis as in production.
        "CELERY_BROKER_URL": "redis://127.0.0.1:6379/3",
    }
    _recreate(options.server, database)
    started = time.perf_counter()
    flask = [PYTHON, "-m", "flask", "--app", "partnership"]
    _run([*flask, "db", "upgrade"], env)
    _run([*flask, "demo", "load"], env)
    _run([*flask, "generate", "--size", options.size], env)
    print(f"data: {options.size} generated in {time.perf_counter() - started:.0f} s")
    _vacuum(url)  # as a database in service is: else autovacuum wakes on the new rows mid-run

    port = _free_port()
    server = subprocess.Popen(  # noqa: S603 (our own command)
        # The repository's config; no recycling, so that a worker's peak memory is the run's.
        [PYTHON, "-m", "gunicorn", "-c", str(ROOT / "gunicorn.conf.py"), "--max-requests", "0", "bench.app:create()"],
        cwd=ROOT,
        env={**env, "GUNICORN_WORKERS": "2", "GUNICORN_BIND": f"127.0.0.1:{port}", "PYTHONFAULTHANDLER": "1"},
        stdout=subprocess.DEVNULL,
        stderr=open(ROOT / "instance" / "bench-gunicorn.log", "w"),  # noqa: SIM115 (open while it runs)
    )
    worker = subprocess.Popen(  # noqa: S603 (our own command)
        [PYTHON, "-m", "celery", "-A", "partnership.worker", "worker", "--pool", "solo", "--loglevel", "WARNING"],
        cwd=ROOT,
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=open(ROOT / "instance" / "bench-celery.log", "w"),  # noqa: SIM115 (open while it runs)
    )
    base = f"http://127.0.0.1:{port}"
    try:
        _wait_for(base + "/bench/bare")
        ids = _ids(url)
        pages = _pages(ids)
        sessions = {role: _sign_in(base, role) for role in sorted({page.role for page in pages})}
        print()
        _print_pages(base, pages, sessions, ids, options)
        print()
        _print_plans(url, base, pages, sessions)
        print()
        _print_documents(base, sessions, ids)
        print()
        print(f"peak RSS of a worker: {_peak_rss(server.pid) / 1024:.0f} MB")
        print(f"peak RSS of the Celery worker (jobs): {_vm_hwm(worker.pid) / 1024:.0f} MB")
        crashes = _crashes(ROOT / "instance" / "bench-gunicorn.log")
        print(f"worker crashes (SIGSEGV and the like) in the log: {crashes}")
    finally:
        server.send_signal(signal.SIGTERM)
        worker.send_signal(signal.SIGTERM)
        server.wait(30)
        worker.wait(30)
        if not options.keep:
            _drop(options.server, database)
    return 0


# --- data and server ------------------------------------------------------------------------


def _vacuum(url: str) -> None:
    """VACUUM ANALYZE the generated data: planner statistics and visibility maps as a database in
    service has them, and no autovacuum of a million new rows competing with the measurements."""
    import psycopg

    with psycopg.connect(url, autocommit=True) as connection:
        connection.execute("VACUUM (ANALYZE)")


def _database_url(server: str, database: str) -> str:
    parts = urllib.parse.urlsplit(server)
    return urllib.parse.urlunsplit(parts._replace(path=f"/{database}"))


def _psql(server: str, sql: str) -> None:
    _run(["psql", server, "-q", "-v", "ON_ERROR_STOP=1", "-c", sql], os.environ)


def _recreate(server: str, database: str) -> None:
    _drop(server, database)
    _psql(server, f'CREATE DATABASE "{database}"')


def _drop(server: str, database: str) -> None:
    _psql(server, f'DROP DATABASE IF EXISTS "{database}" WITH (FORCE)')


def _run(command: list[str], env) -> str:
    result = subprocess.run(command, cwd=ROOT, env=env, capture_output=True, text=True)  # noqa: S603
    if result.returncode:
        sys.exit(f"{' '.join(command)} failed:\n{result.stdout}\n{result.stderr}")
    return result.stdout


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def _wait_for(url: str) -> None:
    for _ in range(100):
        try:
            urllib.request.urlopen(url, timeout=2)  # noqa: S310 (loopback)
            return
        except OSError:
            time.sleep(0.2)
    sys.exit(f"gunicorn did not answer at {url}; see instance/bench-gunicorn.log")


def _ids(url: str) -> dict[str, int]:
    """The rows the pages open: the largest visit, one of 500 people, a busy partner, an agreement."""
    import psycopg

    with psycopg.connect(url) as connection:

        def one(sql: str) -> int:
            row = connection.execute(sql).fetchone()
            assert row is not None, sql
            return int(row[0])

        return {
            "largest_visit": one("SELECT visit_id FROM participants GROUP BY visit_id ORDER BY count(*) DESC LIMIT 1"),
            "report_visit": one(
                "SELECT v.id FROM visits v JOIN participants p ON p.visit_id = v.id WHERE v.status = 'completed' "
                "GROUP BY v.id ORDER BY abs(count(*) - 500), v.id LIMIT 1"
            ),
            "busy_partner": one(
                "SELECT organisation_id FROM visit_organisations "
                "GROUP BY organisation_id ORDER BY count(*) DESC LIMIT 1"
            ),
            "host": one("SELECT id FROM organisations WHERE short_name = 'AMMC'"),
            "agreement": one(
                "SELECT agreement_id FROM visit_agreements GROUP BY agreement_id ORDER BY count(*) DESC LIMIT 1"
            ),
            "import_visit": one(
                "SELECT v.id FROM visits v JOIN visit_organisations vo ON vo.visit_id = v.id "
                "WHERE v.status IN ('approved', 'confirmed') ORDER BY v.starts_on DESC, v.id LIMIT 1"
            ),
            "liaison_visit": one(
                "SELECT vo.visit_id FROM visit_organisations vo JOIN organisations o ON o.id = vo.organisation_id "
                "WHERE o.short_name = 'UGS' ORDER BY vo.visit_id DESC LIMIT 1"
            ),
        }


def _pages(ids: dict[str, int]) -> list[Page]:
    visit, partner, agreement = ids["largest_visit"], ids["busy_partner"], ids["agreement"]
    pages = [
        Page("coordinator", "start page", "/", "home"),
        Page("coordinator", "organisations", "/organisations", "organisations"),
        Page("coordinator", "organisation (busy partner)", f"/organisations/{partner}", "organisation"),
        Page("coordinator", "organisation (host)", f"/organisations/{ids['host']}", "organisation"),
        Page("coordinator", "agreements", "/agreements", "agreements"),
        Page("coordinator", "agreement", f"/agreements/{agreement}", "agreement"),
        Page("coordinator", "visits", "/visits", "visits"),
        Page("coordinator", "visit (largest)", f"/visits/{visit}", "visit"),
        Page("coordinator", "participants (largest)", f"/visits/{visit}/participants", "participants"),
        Page("coordinator", "calendar", "/calendar", "calendar"),
        Page("coordinator", "sites", "/sites", "sites"),
        Page("management", "start page", "/", "home"),
        Page("management", "visits", "/visits", "visits"),
        Page("liaison.ugs", "start page", "/", "home"),
        Page("liaison.ugs", "visits", "/visits", "visits"),
        Page("liaison.ugs", "visit", f"/visits/{ids['liaison_visit']}", "visit"),
    ]
    for page in pages:
        page.raw_args = {
            "organisation": f"?organisation={partner if 'busy' in page.label else ids['host']}",
            "agreement": f"?agreement={agreement}",
            "visit": f"?visit={ids['liaison_visit'] if page.role == 'liaison.ugs' else visit}",
            "participants": f"?visit={visit}",
        }.get(page.raw, "")
    return pages


# --- signing in -----------------------------------------------------------------------------


def _sign_in(base: str, username: str) -> str:
    """The session cookie of ``username``, signed in through the login form like a browser."""
    jar = http.cookiejar.CookieJar()
    opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(jar))
    page = opener.open(base + "/login").read().decode()  # noqa: S310 (loopback)
    token = re.search(r'name="csrf_token"[^>]*value="([^"]+)"', page)
    assert token, "no CSRF token on the login page"
    form = urllib.parse.urlencode({"csrf_token": token.group(1), "username": username, "password": DEMO_PASSWORD})
    opener.open(base + "/login", data=form.encode())  # noqa: S310
    cookies = "; ".join(f"{cookie.name}={cookie.value}" for cookie in jar)
    assert "session" in cookies, f"{username} could not sign in"
    return cookies


def _get(base: str, path: str, cookie: str) -> tuple[int, int, int, float]:
    """(status, bytes, queries, seconds) of one request."""
    request = urllib.request.Request(base + path, headers={"Cookie": cookie})  # noqa: S310
    started = time.perf_counter()
    with urllib.request.urlopen(request, timeout=300) as response:  # noqa: S310
        body = response.read()
        return (
            response.status,
            len(body),
            int(response.headers.get("X-Bench-Queries", 0)),
            (time.perf_counter() - started),
        )


# --- pages ----------------------------------------------------------------------------------


@dataclass
class Load:
    rate: float
    p50: float
    p99: float


def _wrk(url: str, cookie: str, options) -> Load:
    command = ["wrk", "-t2", f"-c{options.connections}", f"-d{options.duration}s", "--latency"]
    if cookie:
        command += ["-H", f"Cookie: {cookie}"]
    output = subprocess.run([*command, url], capture_output=True, text=True).stdout  # noqa: S603
    rate = float(re.search(r"Requests/sec:\s+([\d.]+)", output).group(1))  # type: ignore[union-attr]
    latency = dict(re.findall(r"^\s+(50|99)%\s+([\d.]+\w+)", output, re.MULTILINE))
    return Load(rate, _ms(latency.get("50", "0ms")), _ms(latency.get("99", "0ms")))


def _ms(value: str) -> float:
    number, unit = re.match(r"([\d.]+)(\w+)", value).groups()  # type: ignore[union-attr]
    return float(number) * {"us": 0.001, "ms": 1, "s": 1000, "m": 60_000}[unit]


def _print_pages(base: str, pages: list[Page], sessions: dict[str, str], ids, options) -> None:
    bare = _wrk(base + "/bench/bare", "", options)
    print(f"bare route: {bare.rate:.0f} requests/s (p50 {bare.p50:.1f} ms, p99 {bare.p99:.1f} ms)")
    header = (
        f"{'role':<12} {'page':<28} {'req/s':>7} {'p50 ms':>7} {'p99 ms':>7} {'one ms':>7} {'queries':>7} "
        f"{'bytes':>9} {'raw req/s':>9} {'÷raw':>5} {'÷bare':>6}"
    )
    print(header)
    print("-" * len(header))
    for page in pages:
        cookie = sessions[page.role]
        for _ in range(4):  # warm both workers (each compiles the page's templates once)
            _get(base, page.path, cookie)
        # One request at a time, the median of five: what a single reader waits.
        singles = sorted((_get(base, page.path, cookie) for _ in range(5)), key=lambda result: result[3])
        status, size, queries, seconds = singles[2]
        load = _wrk(base + page.path, cookie, options)
        raw = _wrk(base + f"/bench/raw/{page.raw}{page.raw_args}", "", options)
        print(
            f"{page.role:<12} {page.label:<28} {load.rate:>7.1f} {load.p50:>7.1f} {load.p99:>7.1f} "
            f"{seconds * 1000:>7.0f} {queries:>7} {size:>9,} {raw.rate:>9.0f} {load.rate / raw.rate:>5.2f} "
            f"{load.rate / bare.rate:>6.3f}" + ("" if status == 200 else f"  HTTP {status}")
        )


LARGE_TABLE_ROWS = 1_000  # a table read whole above this many rows is named under its page


def _print_plans(url: str, base: str, pages: list[Page], sessions: dict[str, str]) -> None:
    """How PostgreSQL plans every SELECT each page sends at this size (the page served once more
    with ``X-Bench-Explain``): the statements that read a table of more than ``LARGE_TABLE_ROWS``
    rows whole are named; the others reach their rows through indexes (or read a small table)."""
    import psycopg

    with psycopg.connect(url) as connection:
        rows = dict(connection.execute("SELECT relname, reltuples FROM pg_class WHERE relkind = 'r'").fetchall())
    print(f"plans of every statement of each page (EXPLAIN at this size; tables over {LARGE_TABLE_ROWS:,} rows):")
    for page in pages:
        request = urllib.request.Request(  # noqa: S310 (loopback)
            base + page.path, headers={"Cookie": sessions[page.role], "X-Bench-Explain": "1"}
        )
        with urllib.request.urlopen(request, timeout=300) as response:  # noqa: S310
            plans = json.loads(response.read())
        whole = [
            (plan["statement"], scan)
            for plan in plans
            for scan in plan["scans"]
            if scan.startswith("Seq Scan") and rows.get(scan.split()[-1], 0) > LARGE_TABLE_ROWS
        ]
        indexes = sorted({scan.split()[-1] for plan in plans for scan in plan["scans"] if "Index" in scan})
        verdict = "no large table read whole" if not whole else f"{len(whole)} read a large table whole"
        print(f"  {page.role:<12} {page.label:<28} {len(plans):>3} statements, {verdict}")
        for statement, scan in whole:
            print(f"      {scan}: {statement}")
        if not whole:
            print(f"      {', '.join(indexes)}")


# --- documents and the import ---------------------------------------------------------------


def _print_documents(base: str, sessions: dict[str, str], ids: dict[str, int]) -> None:
    coordinator, management = sessions["coordinator"], sessions["management"]
    this_year = time.localtime().tm_year
    ten_years_ago, next_year = f"{this_year - 9}-01-01", f"{this_year + 1}-12-31"  # the data spans seven years
    timed = [
        ("visit report (the visit nearest 500 people)", f"/visits/{ids['report_visit']}/report.pdf", coordinator),
        ("badges of the largest visit", f"/visits/{ids['largest_visit']}/badges.pdf", coordinator),
        (
            "summary over everything (ten years)",
            f"/reports/summary.pdf?from={ten_years_ago}&to={next_year}",
            management,
        ),
        ("visits.xlsx (every visit)", "/exports/visits.xlsx", coordinator),
        ("visits.csv (every visit)", "/exports/visits.csv", coordinator),
    ]
    for label, path, cookie in timed:
        status, size, queries, seconds = _get(base, path, cookie)
        print(f"{label:<46} {seconds:>6.2f} s  {size:>10,} bytes  {queries:>4} queries  HTTP {status}")
        if status == 202:  # large: the page offering a job; its button, then the job to its file
            ready, size = _job(base, path, cookie)
            print(f"{'  ... as a job, asked to downloaded':<46} {ready:>6.2f} s  {size:>10,} bytes")
    seconds, rows = _import(base, coordinator, ids["import_visit"])
    print(f"{f'participant import of {rows:,} rows (upload and preview)':<46} {seconds:>6.2f} s")


def _job(base: str, path: str, cookie: str) -> tuple[float, int]:
    """Press the offer page's button, follow the job's status until its file is ready, download it:
    (seconds from the button to the downloaded file, bytes)."""
    opener = _opener(cookie)
    page = opener.open(base + path).read().decode()  # noqa: S310
    token = re.search(r'name="csrf_token"[^>]*value="([^"]+)"', page)
    assert token, "no CSRF token on the job's offer page"
    started = time.perf_counter()
    answer = opener.open(base + path, data=urllib.parse.urlencode({"csrf_token": token.group(1)}).encode())  # noqa: S310
    job = answer.geturl()  # the redirect to the job's page, followed
    status: dict = {}
    for _ in range(6000):
        status = json.loads(opener.open(job + "/status").read())  # noqa: S310
        if status["state"] not in ("pending", "running"):
            break
        time.sleep(0.1)
    assert status.get("download_url"), f"the job ended {status}"
    size = len(opener.open(base + status["download_url"]).read())  # noqa: S310
    return time.perf_counter() - started, size


def _import(base: str, cookie: str, visit_id: int) -> tuple[float, int]:
    """Upload a CSV of 10,000 people to the import page; the time to its preview."""
    rows = 10_000
    lines = ["Full name,Role,Nationality,Date of birth,Document number,E-mail"]
    lines += [f"Bench Person {n},student,UZ,2003-04-{1 + n % 28:02d},AB{n:07d},p{n}@bench.example" for n in range(rows)]
    page = _opener(cookie).open(base + f"/visits/{visit_id}/participants/import").read().decode()  # noqa: S310
    token = re.search(r'name="csrf_token"[^>]*value="([^"]+)"', page)
    assert token, "no CSRF token on the import page"
    boundary = "----bench-boundary"
    body = io.BytesIO()
    organisation = re.search(r'name="organisation_id"[^>]*>\s*<option[^>]*value="(\d+)"', page)
    assert organisation, "no organisation to import for on the import page"
    for name, value in (("csrf_token", token.group(1)), ("organisation_id", organisation.group(1))):
        body.write(f'--{boundary}\r\nContent-Disposition: form-data; name="{name}"\r\n\r\n{value}\r\n'.encode())
    body.write(
        f'--{boundary}\r\nContent-Disposition: form-data; name="file"; filename="people.csv"\r\n'
        "Content-Type: text/csv\r\n\r\n".encode()
    )
    body.write("\n".join(lines).encode() + b"\r\n")
    body.write(f"--{boundary}--\r\n".encode())
    request = urllib.request.Request(  # noqa: S310
        base + f"/visits/{visit_id}/participants/import",
        data=body.getvalue(),
        headers={"Cookie": cookie, "Content-Type": f"multipart/form-data; boundary={boundary}"},
    )
    started = time.perf_counter()
    with _opener(cookie).open(request, timeout=300) as response:  # noqa: S310
        page = response.read().decode()
    if "/participants/import/" not in response.url:  # the preview has its own address
        messages = re.findall(r'class="(?:invalid-feedback|alert[^"]*)"[^>]*>\s*([^<]+)', page)
        sys.exit(f"the import did not reach its preview ({response.url}): {messages}")
    return time.perf_counter() - started, rows


def _opener(cookie: str):
    opener = urllib.request.build_opener()
    opener.addheaders = [("Cookie", cookie)]
    return opener


# --- the workers ----------------------------------------------------------------------------


def _peak_rss(master: int) -> int:
    """The largest VmHWM (kB) among the gunicorn master's children: a worker's peak memory."""
    children = Path(f"/proc/{master}/task/{master}/children").read_text().split()
    return max((_vm_hwm(int(child)) for child in children), default=0)


def _vm_hwm(pid: int) -> int:
    """A process's peak resident memory (kB)."""
    match = re.search(r"VmHWM:\s+(\d+) kB", Path(f"/proc/{pid}/status").read_text())
    return int(match.group(1)) if match else 0


def _crashes(log: Path) -> int:
    text = log.read_text(errors="replace")
    return len(re.findall(r"Fatal Python error|Segmentation fault|SIGSEGV|was sent SIGKILL", text))


if __name__ == "__main__":
    sys.exit(main())

"""Every response of the route × role table carries the security headers: a strict
Content-Security-Policy, nosniff, a referrer policy, no framing, and no-store on all but
static files; HSTS over HTTPS or with a secure session cookie."""

import pytest

from partnership.core.headers import is_static
from tests.access import ROLES
from tests.conftest import sign_in
from tests.test_access_table import ROWS

REFERRER_POLICIES = {"same-origin", "strict-origin-when-cross-origin", "no-referrer", "strict-origin"}


def policy(response) -> dict[str, list[str]]:
    directives = {}
    for directive in response.headers["Content-Security-Policy"].split(";"):
        name, *sources = directive.split()
        directives[name] = sources
    return directives


def header_problems(response, static: bool) -> list[str]:
    problems = []
    csp = policy(response) if "Content-Security-Policy" in response.headers else {}
    for kind in ("script-src", "style-src"):
        sources = csp.get(kind) or csp.get("default-src")
        if not sources:
            problems.append(f"no {kind}")
        elif set(sources) - {"'self'"}:
            problems.append(f"{kind} allows {sorted(set(sources) - {chr(39) + 'self' + chr(39)})}")
    if csp.get("frame-ancestors") != ["'none'"]:
        problems.append(f"frame-ancestors {csp.get('frame-ancestors')}")
    if csp.get("object-src") != ["'none'"]:
        problems.append("object-src is not 'none'")
    if response.headers.get("X-Content-Type-Options") != "nosniff":
        problems.append("no nosniff")
    if response.headers.get("Referrer-Policy") not in REFERRER_POLICIES:
        problems.append(f"Referrer-Policy {response.headers.get('Referrer-Policy')}")
    cache = response.headers.get("Cache-Control", "")
    if static and "no-store" in cache:
        problems.append("a static file is not cacheable")
    if not static and "no-store" not in cache:
        problems.append(f"Cache-Control {cache!r}")
    if "Strict-Transport-Security" in response.headers:
        problems.append("HSTS over plain HTTP")
    return problems


@pytest.mark.parametrize("role", ROLES)
def test_every_route_of_the_table_answers_with_the_headers(app, world, role):
    """Each row of the route × role table, played as ``role`` on a fresh world: pages, redirects,
    refusals, 404s, PDFs, CSV/XLSX and iCalendar files alike."""
    client = app.test_client()
    if role != "anonymous":
        sign_in(client, world.users[role])
    wrong = []
    for row in ROWS:
        url = row.url.format(w=world)
        data = {k: (v.format(w=world) if isinstance(v, str) else v) for k, v in row.data.items()}
        response = client.open(url, method=row.method, data=data if row.method != "GET" else None)
        endpoint = app.url_map.bind("localhost").match(url.split("?")[0], method=row.method)[0]
        problems = header_problems(response, static=is_static(endpoint) and response.status_code == 200)
        if problems:
            wrong.append(f"{row.method} {url} ({response.status_code}): {', '.join(problems)}")
        if role != "anonymous" and response.status_code == 302 and "/login" in response.headers["Location"]:
            sign_in(client, world.users[role])  # a row that signs out (POST /logout) must not blind the rest
    assert not wrong, "\n".join(wrong)
    assert len(ROWS) > 150  # the table, not a stub of it


def test_the_downloads_keep_their_type_and_name(world, coordinator_client):
    visit = world.visit_a
    for url, mimetype in [
        (f"/visits/{visit.id}/participants.pdf", "application/pdf"),
        (f"/exports/visits/{visit.id}/participants.csv", "text/csv"),
        (
            f"/exports/visits/{visit.id}/participants.xlsx",
            "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        ),
        (f"/visits/{visit.id}/programme.ics", "text/calendar"),
    ]:
        response = coordinator_client.get(url)
        assert response.status_code == 200 and response.mimetype == mimetype, url
        assert response.headers["Content-Disposition"].startswith("attachment"), url
        assert response.headers["Cache-Control"] in ("no-store", "private, no-store"), url
        assert response.headers["X-Content-Type-Options"] == "nosniff"


def test_the_participant_list_with_document_numbers_is_not_cached(world, coordinator_client):
    response = coordinator_client.get(f"/visits/{world.visit_a.id}/participants")
    assert world.participant_a.full_name in response.get_data(as_text=True)
    assert response.headers["Cache-Control"] == "no-store"


def test_static_files_may_be_cached(client):
    for url in ("/static/app.css", "/static/app.js", "/bootstrap/static/css/bootstrap.min.css"):
        response = client.get(url)
        assert response.status_code == 200 and "no-store" not in response.headers.get("Cache-Control", ""), url
        assert response.headers["X-Content-Type-Options"] == "nosniff"


def test_hsts_over_https(client):
    response = client.get("/login", base_url="https://partnership.example.org")
    assert response.headers["Strict-Transport-Security"].startswith("max-age=31536000")
    assert "Strict-Transport-Security" not in client.get("/login").headers


def test_hsts_behind_a_proxy_with_a_secure_session_cookie(app, client, monkeypatch):
    """Behind a proxy that ends TLS the app sees plain HTTP; SESSION_COOKIE_SECURE says it is served over HTTPS."""
    monkeypatch.setitem(app.config, "SESSION_COOKIE_SECURE", True)
    assert client.get("/login").headers["Strict-Transport-Security"] == "max-age=31536000; includeSubDomains"


def test_error_pages_carry_the_headers_too(world, coordinator_client):
    for url in ("/no-such-page", "/visits/999999", "/visits?page=999999"):
        response = coordinator_client.get(url)
        assert response.status_code == 404, url
        assert header_problems(response, static=False) == [], url

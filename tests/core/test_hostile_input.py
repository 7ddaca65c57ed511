"""Hostile input into every query parameter and every form field of the app, signed in as a
coordinator and as a liaison: whatever arrives, the answer is a page (200, 302, 400, 404…),
never a server error.

The targets are found as a browser finds them: every page of the route × role table the role
may open, its forms (GET forms give query parameters, POST forms give form fields) and its
links that carry a query string. Hypothesis then fills each target's fields with random
Unicode, 10,000-character strings, wrong types, negative and huge numbers, impossible dates,
repeated or missing fields, and files with hostile names, keeping the other fields as the page
offered them so that the hostile value reaches the parsing, the services and the database."""

from dataclasses import dataclass
from datetime import date
from io import BytesIO
from urllib.parse import parse_qsl, urlsplit

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from werkzeug.datastructures import MultiDict
from werkzeug.exceptions import HTTPException
from werkzeug.routing import RequestRedirect

from partnership.extensions import db
from partnership.participants import importing
from tests import pages
from tests.conftest import sign_in
from tests.reports.factories import image_bytes
from tests.test_access_table import ROWS

# The two roles the app is mostly used by; then the admin and a visitor for the forms only they
# reach (the accounts, the sign-in), not again for what the first two covered.
ROLES = ("coordinator", "liaison_a", "admin", "anonymous")
FIRST_ROLES = ("coordinator", "liaison_a")
EXAMPLES_PER_TARGET = 5
# Links whose query string is no input: switching the language, signing out.
NOT_INPUT = ("/language/", "/logout")
# Every form with input fields and every list with filters: the discovery must find them all, or
# it has gone blind. (Forms that are a lone button, such as archive or delete, carry only the token.)
MUST_FIND = {
    *[
        ("POST", endpoint)
        for endpoint in (
            "accounts.login",
            "accounts.change_password",
            "accounts.create_user",
            "accounts.edit_user",
            "accounts.reset_password",
            "agreements.create",
            "agreements.edit",
            "agreements.amend",
            "agreements.renew",
            "agreements.terminate",
            "agreements.upload",
            "feedback.respond",
            "partners.create",
            "partners.edit",
            "partners.create_contact",
            "partners.edit_contact",
            "sites.create",
            "sites.edit",
            "sites.add_guide",
            "sites.new_guide",
            "sites.edit_guide",
            "visits.new",
            "visits.edit",
            "visits.transition",
            "visits.add_organisation",
            "visits.merge",
            "participants.new",
            "participants.edit",
            "participants.import_upload",
            "programme.new_item",
            "programme.edit_item",
            "programme.attendance",
            "reports.photos",
        )
    ],
    *[
        ("GET", endpoint)
        for endpoint in (
            "accounts.login",
            "agreements.index",
            "partners.index",
            "sites.index",
            "visits.index",
            "visits.detail",
            "programme.show",
            "programme.new_item",
            "programme.edit_item",
            "programme.visits_calendar",
            "programme.site_calendar",
            "reports.summary_pdf",
            "reports.report_pdf",
            "exports.agreements",
            "exports.organisations",
            "exports.visits",
        )
    ],
}

WRONG_TYPES = [
    "abc",
    "1.5",
    "-1",
    "0",
    "-0",
    "1e9",
    "NaN",
    "inf",
    "true",
    "null",
    "[]",
    "{}",
    " 1 ",
    "0x1F",
    "1_000",
    "١٢٣",
    "²",
    "2147483647",
    "2147483648",
    "-2147483649",
    "9223372036854775808",
    "%",
    "_",
    "\\",
    "'",
    '"',
    "<script>alert(1)</script>",
    "../../etc/passwd",
    "\u202eexe.pdf",
    "\ufeff",
    "\x01",
    "   ",
    "on",
    "y",
]
IMPOSSIBLE_DATES = [
    "2024-02-30",
    "2023-02-29",
    "2024-13-01",
    "2024-00-10",
    "0000-01-01",
    "0001-01-01",
    "9999-12-31",
    "10000-01-01",
    "-0001-01-01",
    "1900-01-00",
    "2024-1-1",
    "20240101",
    "31.02.2024",
    "29.02.2023",
    "2024-02-30T25:00",
    "24:00",
    "23:60",
    "99:99",
    "00:00:60",
    "2024-W53",
    "+002024-01-01",
    "1969-12-31",
]
# Files that pass each upload's check (so the name and the rest reach the service) and files that do not.
FILE_CONTENTS = [
    b"",
    b"%PDF-1.4\n%%EOF\n",
    image_bytes("PNG"),
    image_bytes("JPEG"),
    importing.template_csv(),
    importing.template_xlsx(),
    "Full name;Role\r\nНодира Юсупова;student\r\n".encode("cp1251"),
    b"\x89PNG\r\n\x1a\n" + b"\x00" * 32,
    b"PK\x03\x04" + b"\x00" * 40,
]

hostile_text = st.one_of(
    st.text(max_size=40),
    st.text(alphabet=" \t\r\n\u00a0\u2003\u3000", min_size=1, max_size=4),  # blank-looking
    st.sampled_from(["x", "é", "9", "٣", "\u202e", "<", ",", ";", "ʻ"]).map(lambda c: c * 10_000),
    st.integers(min_value=-(2**80), max_value=2**80).map(str),
    st.sampled_from(WRONG_TYPES),
    st.sampled_from(IMPOSSIBLE_DATES),
    st.dates().map(date.isoformat),
)
hostile_file = st.tuples(
    st.sampled_from(FILE_CONTENTS) | st.binary(max_size=64),
    st.text(max_size=30) | st.sampled_from(["scan.pdf", "\u202egpj.pdf", "a\u0000b.pdf", "../../x.pdf", "x" * 300]),
)


@dataclass(frozen=True)
class Target:
    method: str
    path: str
    fields: tuple[pages.Field, ...]

    @property
    def label(self) -> str:
        return f"{self.method} {self.path} [{', '.join(dict.fromkeys(f.name for f in self.fields))}]"


def _values(group: list[pages.Field]) -> st.SearchStrategy[list]:
    """What to send for one name (a field, or a group of checkboxes or radios of that name): mostly
    what the page offered, else something hostile, a valid choice, repeated values or nothing."""
    first = group[0]
    offered_values = [f.value for f in group if f.value]
    if first.name == "csrf_token" or first.name.endswith("-csrf_token"):
        return st.just(offered_values)
    offered = st.just(offered_values)
    if first.kind == "file":
        return st.one_of(offered, hostile_file.map(lambda pair: [pair]))
    options = [option for f in group for option in f.options]
    valid = st.lists(st.sampled_from(options), min_size=1, max_size=3) if options else offered
    hostile = hostile_text.map(lambda v: [v])
    return st.one_of(offered, valid, hostile, hostile, st.just([]), st.lists(hostile_text, min_size=2, max_size=3))


def fields_by_name(target: "Target") -> dict[str, list[pages.Field]]:
    groups: dict[str, list[pages.Field]] = {}
    for f in target.fields:
        groups.setdefault(f.name, []).append(f)
    return groups


def _request(client, target: Target, chosen: dict[str, list]):
    items = []
    for name, values in chosen.items():
        for value in values:
            if isinstance(value, tuple):
                content, filename = value
                value = (BytesIO(content), filename)
            items.append((name, value))
    if target.method == "GET":
        return client.get(target.path, query_string=MultiDict(items))
    # A prefixed form's token ("amendment-csrf_token") is the session's token under another name:
    # send it under the plain name too, so the test client leaves the fields as they are.
    token = next((f.value for f in target.fields if f.name.endswith("csrf_token")), None)
    if token and not any(name == "csrf_token" for name, _ in items):
        items.append(("csrf_token", token))
    return client.post(target.path, data=MultiDict(items))


def _target_key(app, method: str, path: str, names) -> tuple | None:
    try:
        endpoint, _ = app.url_map.bind("localhost").match(path, method=method)
    except (HTTPException, RequestRedirect):
        return None
    return method, endpoint, frozenset(names)


def _query(url: str) -> tuple[str, str, list[pages.Field]]:
    parts = urlsplit(url)
    return "GET", parts.path, [pages.Field(k, "text", v) for k, v in parse_qsl(parts.query, keep_blank_values=True)]


def _offered(response, url: str) -> list[tuple[str, str, list[pages.Field]]]:
    """What one answer offers: the query of a redirect (the sign-in's ?next=), a page's forms
    (each submit button's formaction too) and its links with a query string."""
    if response.status_code in (301, 302, 303):
        return [_query(response.headers["Location"])]
    if response.mimetype != "text/html" or response.status_code != 200:
        return []
    page = pages.read(response.get_data(as_text=True), url)
    offered = [(f.method, action, f.fields) for f in page.forms for action in [f.action, *f.formactions]]
    return offered + [("GET", link.path, [pages.Field(k, "text", v) for k, v in link.query]) for link in page.links]


def discover(app, client, world, role: str) -> dict[tuple, Target]:
    """Every query parameter and form field the app offers ``role``, from the pages of the
    route × role table: one target per endpoint and set of field names."""
    targets: dict[tuple, Target] = {}
    for row in ROWS:
        if row.method != "GET" or row.expect[role] not in (200, 302):
            continue
        url = row.url.format(w=world)
        for method, path, fields in [_query(url), *_offered(client.get(url), url)]:
            if any(path.startswith(prefix) for prefix in NOT_INPUT):
                continue
            if not [f for f in fields if not f.name.endswith("csrf_token")]:
                continue
            key = _target_key(app, method, path, (f.name for f in fields))
            if key and key not in targets:
                targets[key] = Target(method, path, tuple(fields))
    return targets


def fuzz(client, target: Target, role: str) -> int:
    """Send ``target`` hostile values until Hypothesis has its examples; how many it sent."""
    examples = 0

    @settings(
        max_examples=EXAMPLES_PER_TARGET,
        deadline=None,
        database=None,
        suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
    )
    @given(chosen=st.fixed_dictionaries({name: _values(group) for name, group in fields_by_name(target).items()}))
    def never_a_server_error(chosen):
        nonlocal examples
        examples += 1
        try:
            response = _request(client, target, chosen)
        except Exception:
            db.session.rollback()  # so that Hypothesis's replays and shrinking start from a clean session
            raise
        assert response.status_code < 500, f"{role} {target.label}: {response.status_code}"

    never_a_server_error()
    return examples


def test_no_input_makes_a_server_error(app, world):
    examples, covered = 0, set()
    for role in ROLES:
        client = app.test_client()
        if role != "anonymous":
            sign_in(client, world.users[role])
        targets = {
            key: t
            for key, t in discover(app, client, world, role).items()
            if role in FIRST_ROLES or key[:2] not in covered
        }
        covered |= {key[:2] for key in targets}
        for target in targets.values():
            examples += fuzz(client, target, role)
    assert MUST_FIND <= covered, f"no target for {sorted(MUST_FIND - covered)}"
    print(f"{examples} hostile requests on {len(covered)} endpoints")
    assert examples >= len(MUST_FIND) * EXAMPLES_PER_TARGET

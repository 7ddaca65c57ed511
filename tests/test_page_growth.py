"""Pages that do not grow: with 10 and with 1,000 visits and agreements behind them, the
organisation's page, the agreement's page and the lists send the same number of queries and
answer nearly the same number of bytes (what differs is a count, and the pager's last page)."""

import pytest
from sqlalchemy import func, insert, select

from partnership.agreements.models import Agreement, AgreementKind, AgreementParty
from partnership.extensions import db
from partnership.partners.models import Organisation, OrganisationKind
from partnership.text import fold
from partnership.visits.models import Visit, VisitStatus, visit_agreements, visit_organisations
from tests.statements import counting_statements

SLACK_BYTES = 1_000  # counts of four digits instead of two, the "see all" line, a pager of more pages


def _add_rows(world, start: int, count: int) -> None:
    """``count`` visits of university A under its agreement AG-A, and ``count`` more
    agreements of A, as bulk inserts (the factories would take minutes)."""
    first_visit = (db.session.scalar(select(func.max(Visit.id))) or 0) + 1
    first_agreement = (db.session.scalar(select(func.max(Agreement.id))) or 0) + 1
    first_party = (db.session.scalar(select(func.max(AgreementParty.id))) or 0) + 1
    visits = [
        dict(
            id=first_visit + n - start,
            title=f"Grown visit {n}",
            search_text=fold(f"Grown visit {n}"),
            starts_on=world.visit_a.starts_on,
            ends_on=world.visit_a.ends_on,
            status=VisitStatus.completed,
        )
        for n in range(start, start + count)
    ]
    db.session.execute(insert(Visit), visits)
    db.session.execute(
        insert(visit_organisations), [dict(visit_id=v["id"], organisation_id=world.org_a.id) for v in visits]
    )
    db.session.execute(
        insert(visit_agreements), [dict(visit_id=v["id"], agreement_id=world.agreement_a.id) for v in visits]
    )
    agreements = [
        dict(
            id=first_agreement + n - start,
            reference=f"GROWN-{n:05d}",
            reference_key=fold(f"GROWN-{n:05d}"),
            title="Grown agreement",
            search_text="grown",
            kind=AgreementKind.mou,
        )
        for n in range(start, start + count)
    ]
    db.session.execute(insert(Agreement), agreements)
    db.session.execute(
        insert(AgreementParty),
        [
            dict(id=first_party + n, agreement_id=a["id"], organisation_id=world.org_a.id, position=0)
            for n, a in enumerate(agreements)
        ],
    )
    organisations = [
        dict(
            kind=OrganisationKind.university,
            name=f"Grown University {n}",
            name_key=fold(f"Grown University {n}"),
            search_text=fold(f"Grown University {n}"),
            names_text=fold(f"Grown University {n}"),
            country="KZ",
        )
        for n in range(start, start + count)
    ]
    db.session.execute(insert(Organisation), organisations)
    db.session.commit()


PAGES = [
    "/organisations/{w.org_a.id}",
    "/agreements/{w.agreement_a.id}",
    "/agreements",
    "/visits",
    "/organisations",
]
STAFF_PAGES = ["/visits/new", "/agreements/new"]


def _measure(client, world, pages) -> dict[str, tuple[int, int]]:
    measured = {}
    for template in pages:
        url = template.format(w=world)
        client.get(url)  # warm: the session, the translations
        with counting_statements() as seen:
            response = client.get(url)
        assert response.status_code == 200, url
        measured[url] = (len(seen), len(response.data))
    return measured


@pytest.mark.parametrize("role", ["coordinator", "management"])
def test_pages_send_the_same_queries_and_bytes_with_10_and_with_1000_rows(app, world, login, role, monkeypatch):
    # Lists of 5 a page, excerpts of 5: 10 rows already fill more than one.
    monkeypatch.setitem(app.config, "PAGE_SIZE", 5)
    monkeypatch.setitem(app.config, "EXCERPT_SIZE", 5)
    client = login(world.users[role])
    pages = PAGES + (STAFF_PAGES if role == "coordinator" else [])
    _add_rows(world, 0, 10)
    small = _measure(client, world, pages)
    _add_rows(world, 10, 990)
    large = _measure(client, world, pages)
    for url, (queries, size) in small.items():
        assert large[url][0] == queries, f"{url}: {queries} queries with 10 rows, {large[url][0]} with 1,000"
        assert abs(large[url][1] - size) < SLACK_BYTES, f"{url}: {size} bytes with 10 rows, {large[url][1]} with 1,000"

"""Reports load what they print in a fixed number of queries, however many people."""

from contextlib import contextmanager
from datetime import date, datetime

import pytest
from sqlalchemy import event

from partnership.extensions import db
from partnership.reports import documents
from partnership.reports.access import Document
from partnership.reports.summary import PartnershipSummary
from tests.reports.factories import (
    ItineraryItemFactory,
    ParticipantFactory,
    VisitFactory,
)


@contextmanager
def counting():
    statements = []

    def count(conn, cursor, statement, parameters, context, executemany):
        statements.append(statement)

    event.listen(db.engine, "before_cursor_execute", count)
    try:
        yield statements
    finally:
        event.remove(db.engine, "before_cursor_execute", count)


def _queries(document, visit_id) -> int:
    db.session.expire_all()
    with counting() as statements:
        documents.render_visit_document(document, visit_id, "en")
    return len(statements)


@pytest.mark.parametrize("document", list(Document), ids=lambda d: d.value)
def test_more_people_and_items_cost_no_more_queries(app, cast, document):
    before = _queries(document, cast.visit.id)
    for number in range(12):
        ParticipantFactory(visit=cast.visit, organisation=cast.org_a if number % 2 else cast.org_b)
    ItineraryItemFactory(visit=cast.visit, site=cast.sites[2], starts_at=datetime(2025, 6, 25, 16, 30))
    assert _queries(document, cast.visit.id) == before


def test_the_summary_costs_the_same_queries_for_many_visits(app, cast):
    def summary_queries() -> int:
        db.session.expire_all()
        with counting() as statements:
            PartnershipSummary(date(2025, 1, 1), date(2025, 12, 31), "en", today=date(2026, 1, 1)).render()
        return len(statements)

    before = summary_queries()
    for number in range(10):
        visit = VisitFactory(
            organisations=[cast.org_a], starts_on=date(2025, 3, number + 1), ends_on=date(2025, 3, number + 1)
        )
        ParticipantFactory(visit=visit, organisation=cast.org_a)
    db.session.commit()  # counted from a fresh transaction, as the first time
    assert summary_queries() == before

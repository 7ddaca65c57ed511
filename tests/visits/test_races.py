"""Requests fired at once against a real threaded server (SQLite, and PostgreSQL with
TEST_DATABASE_URL): each state change is taken once, and a form sent many times (double
click, resent request) creates one record. Run with ``-s`` to see the figures."""

import re

import pytest
from sqlalchemy import func, select

from partnership.extensions import db
from partnership.visits.models import Participant, Visit, VisitStatus, VisitTransition
from tests.threaded import Browser, at_once
from tests.visits.factories import VisitFactory


def _submission(page: str) -> str:
    match = re.search(r'<input[^>]*name="submission"[^>]*>', page)
    assert match, "the form has no submission token"
    return re.search(r'value="([^"]+)"', match.group(0)).group(1)


def test_twenty_parallel_approvals_record_one(app, world, threaded_server, settled):
    visit = VisitFactory(title="Copper summer school", organisations=[world.org_a], status=VisitStatus.requested)
    visit_id, coordinator_id = visit.id, world.users["coordinator"].id
    settled()
    browsers = [Browser(app, threaded_server, coordinator_id) for _ in range(20)]
    for browser in browsers:
        browser.get(f"/visits/{visit_id}")
    answers = at_once(20, lambda n: browsers[n].post(f"/visits/{visit_id}/transition", {"to_status": "approved"}))
    approvals = db.session.scalar(
        select(func.count())
        .select_from(VisitTransition)
        .where(VisitTransition.visit_id == visit_id, VisitTransition.to_status == VisitStatus.approved)
    )
    print(f"\n{db.engine.dialect.name}: 20 parallel approvals recorded {approvals}")
    assert all(getattr(a, "status", None) == 302 for a in answers), answers
    assert approvals == 1
    assert db.session.get(Visit, visit_id).status is VisitStatus.approved


def test_ten_identical_new_visits_create_one(app, world, threaded_server, settled):
    liaison_id = world.users["liaison_a"].id
    settled()
    browser = Browser(app, threaded_server, liaison_id)
    form = browser.get("/visits/new")
    fields = {"title": "Geology field trip", "starts_on": "2026-09-01", "ends_on": "2026-09-03", "purpose": "Mines"}
    fields["submission"] = _submission(form.body)
    answers = at_once(10, lambda n: browser.post("/visits/new", fields))
    created = db.session.scalar(select(func.count()).select_from(Visit).where(Visit.title == "Geology field trip"))
    print(f"\n{db.engine.dialect.name}: 10 identical new-visit submits created {created}")
    assert created == 1
    visit_id = db.session.scalar(select(Visit.id).where(Visit.title == "Geology field trip"))
    assert [a.status for a in answers] == [302] * 10, answers
    assert {a.location.rsplit("/", 1)[-1] for a in answers} == {str(visit_id)}  # every answer shows the one visit


@pytest.mark.parametrize("with_token", [True, False], ids=["resent form", "retyped form"])
def test_ten_identical_participant_adds_create_one_person(app, world, threaded_server, settled, with_token):
    visit_id, org_id, coordinator_id = world.visit_a.id, world.org_a.id, world.users["coordinator"].id
    settled()
    browser = Browser(app, threaded_server, coordinator_id)
    form = browser.get(f"/visits/{visit_id}/participants/new")
    fields = {
        "full_name": "Oybek Rahimov",
        "organisation_id": str(org_id),
        "role": "student",
        "nationality": "UZ",
        "date_of_birth": "2003-05-04",
        "document_number": "AC1234567",
    }
    if with_token:
        fields["submission"] = _submission(form.body)
    answers = at_once(10, lambda n: browser.post(f"/visits/{visit_id}/participants/new", fields))
    people = db.session.scalar(
        select(func.count())
        .select_from(Participant)
        .where(Participant.visit_id == visit_id, Participant.full_name == "Oybek Rahimov")
    )
    print(
        f"\n{db.engine.dialect.name}: 10 identical participant adds ({'same' if with_token else 'no'} token) "
        f"created {people}"
    )
    assert people == 1
    assert all(getattr(a, "status", None) in (200, 302) for a in answers), answers

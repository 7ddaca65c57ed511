"""Readiness in bulk: a coordinator marks many people's protective equipment or medical
clearance at once, all or none, each change in the audit trail."""

import pytest
from sqlalchemy import select

from partnership.audit.models import AuditEntry
from partnership.core.errors import DomainError
from partnership.extensions import db
from partnership.participants import services
from partnership.visits.models import Participant, VisitStatus
from tests.visits.factories import ParticipantFactory, VisitFactory


def _visit_of_ten(world):
    visit = VisitFactory(organisations=[world.org_a], status=VisitStatus.confirmed)
    people = [ParticipantFactory(visit=visit, full_name=f"Miner {n:02d}", ppe_issued=False) for n in range(12)]
    db.session.commit()
    return visit, people


def test_a_coordinator_marks_ten_peoples_ppe_at_once(world, coordinator_client):
    visit, people = _visit_of_ten(world)
    chosen = [p.id for p in people[:10]]
    page = coordinator_client.get(f"/visits/{visit.id}/participants").get_data(as_text=True)
    assert 'name="participant_ids"' in page and 'form="readiness-form"' in page
    response = coordinator_client.post(
        f"/visits/{visit.id}/participants/ready", data={"participant_ids": chosen, "action": "ppe_issued"}
    )
    assert response.status_code == 302
    page = coordinator_client.get(response.headers["Location"]).get_data(as_text=True)
    assert "10 participants marked: Protective equipment issued." in page
    db.session.expire_all()
    marked = {
        p.id: p.ppe_issued for p in db.session.scalars(select(Participant).where(Participant.visit_id == visit.id))
    }
    assert [marked[p.id] for p in people] == [True] * 10 + [False] * 2
    entries = db.session.scalars(select(AuditEntry).where(AuditEntry.action == "participant.ppe_issued")).all()
    assert sorted(e.target_id for e in entries) == sorted(chosen)


def test_one_stranger_among_the_selected_marks_nobody(world, coordinator_client):
    visit, people = _visit_of_ten(world)
    stranger = ParticipantFactory(full_name="Someone else")
    db.session.commit()
    response = coordinator_client.post(
        f"/visits/{visit.id}/participants/ready",
        data={"participant_ids": [people[0].id, stranger.id], "action": "medical_clearance"},
        follow_redirects=True,
    )
    assert "Some of the selected people are not participants of this visit." in response.get_data(as_text=True)
    db.session.expire_all()
    assert not db.session.get(Participant, people[0].id).medical_clearance


def test_nothing_selected_is_refused(world, coordinator_client):
    visit, _people = _visit_of_ten(world)
    response = coordinator_client.post(
        f"/visits/{visit.id}/participants/ready", data={"action": "ppe_issued"}, follow_redirects=True
    )
    assert "Select at least one participant." in response.get_data(as_text=True)


def test_a_liaison_marks_nobody_in_bulk(world, liaison_a_client):
    visit, people = _visit_of_ten(world)
    response = liaison_a_client.post(
        f"/visits/{visit.id}/participants/ready", data={"participant_ids": [people[0].id], "action": "ppe_issued"}
    )
    assert response.status_code == 403
    assert "readiness-form" not in liaison_a_client.get(f"/visits/{visit.id}/participants").get_data(as_text=True)


def test_the_service_refuses_a_liaison_too(world):
    visit, people = _visit_of_ten(world)
    with pytest.raises(DomainError, match="Only coordinators mark participants ready in bulk."):
        services.mark_ready(world.users["liaison_a"], visit, [people[0].id], "ppe_issued")

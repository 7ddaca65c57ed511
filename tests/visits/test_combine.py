"""Combining delegations: adding organisations, folding one request into another."""

import pytest
from sqlalchemy import select

from partnership.core.errors import DomainError
from partnership.extensions import db
from partnership.visits import services
from partnership.visits.models import Participant, VisitStatus
from tests.factories import OrganisationFactory
from tests.visits.factories import ParticipantFactory, VisitFactory


@pytest.mark.usefixtures("request_ctx")
class TestServices:
    def test_merging_moves_organisations_agreements_and_people_and_records_both_histories(self, world):
        coordinator = world.users["coordinator"]
        services.merge(coordinator, world.visit_a, world.visit_b)
        db.session.commit()
        db.session.expire_all()
        assert world.visit_a.organisation_ids == {world.org_a.id, world.org_b.id}
        assert {a.id for a in world.visit_a.agreements} == {world.agreement_a.id, world.agreement_b.id}
        assert world.participant_b in world.visit_a.participants and world.visit_b.participants == []
        assert world.visit_b.status is VisitStatus.cancelled
        assert "Combined into visit" in world.visit_b.transitions[-1].comment
        last = world.visit_a.transitions[-1]
        assert (last.from_status, last.to_status, last.actor_id) == (
            VisitStatus.requested,
            VisitStatus.requested,
            coordinator.id,
        )
        assert "Mongolian State University" in last.comment

    @pytest.mark.parametrize(
        "status", [VisitStatus.confirmed, VisitStatus.completed, VisitStatus.rejected, VisitStatus.cancelled]
    )
    def test_only_open_requests_are_merged(self, world, status):
        other = VisitFactory(organisations=[world.org_b], status=status)
        with pytest.raises(DomainError):
            services.merge(world.users["coordinator"], world.visit_a, other)

    def test_a_visit_is_not_merged_into_itself(self, world):
        with pytest.raises(DomainError):
            services.merge(world.users["admin"], world.visit_a, world.visit_a)

    @pytest.mark.parametrize("role", ["liaison_a", "management"])
    def test_only_staff_combine(self, world, role):
        with pytest.raises(DomainError):
            services.merge(world.users[role], world.visit_a, world.visit_b)
        with pytest.raises(DomainError):
            services.add_organisation(world.users[role], world.visit_a, world.org_b)

    def test_adding_an_organisation_twice_is_refused(self, world):
        with pytest.raises(DomainError):
            services.add_organisation(world.users["coordinator"], world.visit_shared, world.org_b)

    def test_a_closed_visit_takes_no_more_delegations(self, world):
        visit = VisitFactory(organisations=[world.org_a], status=VisitStatus.completed)
        with pytest.raises(DomainError):
            services.add_organisation(world.users["coordinator"], visit, world.org_b)

    def test_removing_an_organisation_that_still_has_people_is_refused(self, world):
        with pytest.raises(DomainError):
            services.remove_organisation(world.users["coordinator"], world.visit_shared, world.org_b)

    def test_the_last_organisation_stays(self, world):
        with pytest.raises(DomainError):
            services.remove_organisation(world.users["coordinator"], world.visit_a, world.org_a)


def test_a_coordinator_adds_an_organisation_whose_liaison_then_sees_the_visit(world, coordinator_client):
    osh = OrganisationFactory(name="Osh Technological University", country="KG")
    response = coordinator_client.post(
        f"/visits/{world.visit_a.id}/combine/organisation",
        data={"add-organisation_id": str(osh.id), "add-comment": "Forum"},
    )
    assert response.status_code == 302
    db.session.refresh(world.visit_a)
    assert osh.id in world.visit_a.organisation_ids
    page = coordinator_client.get(f"/visits/{world.visit_a.id}").get_data(as_text=True)
    assert "Osh Technological University joined the visit. Forum" in page


def test_the_combine_page_lists_other_open_requests(world, coordinator_client):
    page = coordinator_client.get(f"/visits/{world.visit_a.id}/combine").get_data(as_text=True)
    assert "Visit of B" in page and "Shared visit" in page
    assert f">#{world.visit_a.id} Visit of A" not in page


def test_merging_through_the_page(world, coordinator_client):
    response = coordinator_client.post(
        f"/visits/{world.visit_a.id}/combine/merge", data={"merge-other_id": str(world.visit_b.id)}
    )
    assert response.status_code == 302
    person = db.session.scalar(select(Participant).where(Participant.id == world.participant_b.id))
    assert person.visit_id == world.visit_a.id


def test_removing_an_organisation_without_people(world, coordinator_client):
    visit = VisitFactory(organisations=[world.org_a, world.org_b])
    ParticipantFactory(visit=visit, organisation=world.org_a)
    response = coordinator_client.post(f"/visits/{visit.id}/organisations/{world.org_b.id}/remove")
    assert response.status_code == 302
    db.session.refresh(visit)
    assert visit.organisation_ids == {world.org_a.id}


def test_removing_an_organisation_with_people_says_why_not(world, coordinator_client):
    response = coordinator_client.post(
        f"/visits/{world.visit_shared.id}/organisations/{world.org_b.id}/remove", follow_redirects=True
    )
    assert "Remove or move this organisation" in response.get_data(as_text=True)
    db.session.refresh(world.visit_shared)
    assert world.org_b.id in world.visit_shared.organisation_ids

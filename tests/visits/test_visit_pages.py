"""Visit pages through the client: lists, requests, edits, lifecycle buttons, history."""

from datetime import date

from sqlalchemy import event, select

from partnership.extensions import db
from partnership.visits.models import Visit, VisitStatus
from tests.factories import OrganisationFactory
from tests.visits.factories import ParticipantFactory, VisitFactory

REQUEST = {"title": "Geology excursion", "starts_on": "2031-06-24", "ends_on": "2031-06-25"}


def html(response) -> str:
    return response.get_data(as_text=True)


def test_a_liaison_lists_only_their_organisations_visits(world, liaison_a_client):
    page = html(liaison_a_client.get("/visits"))
    assert "Visit of A" in page and "Shared visit" in page
    assert "Visit of B" not in page


def test_management_lists_every_visit(world, management_client):
    page = html(management_client.get("/visits"))
    assert all(title in page for title in ("Visit of A", "Visit of B", "Shared visit"))
    assert "New visit request" not in page


def test_list_filters(world, coordinator_client):
    VisitFactory(
        title="Экскурсия на рудник",
        organisations=[world.org_b],
        starts_on=date(2024, 5, 2),
        ends_on=date(2024, 5, 3),
        status=VisitStatus.completed,
    )
    by_status = html(coordinator_client.get("/visits?status=approved"))
    assert "Shared visit" in by_status and "Visit of A" not in by_status
    by_organisation = html(coordinator_client.get(f"/visits?organisation={world.org_b.id}"))
    assert "Visit of B" in by_organisation and "Shared visit" in by_organisation and "Visit of A" not in by_organisation
    by_dates = html(coordinator_client.get("/visits?from=2024-05-03&to=2024-05-31"))
    assert "Экскурсия на рудник" in by_dates and "Visit of B" not in by_dates
    by_text = html(coordinator_client.get("/visits?q=ЭКСКУРСИЯ"))
    assert "Экскурсия на рудник" in by_text and "Visit of A" not in by_text
    by_partner_name = html(coordinator_client.get("/visits?q=mongolian"))
    assert "Visit of B" in by_partner_name and "Visit of A" not in by_partner_name


def test_the_list_loads_in_a_fixed_number_of_queries(world, coordinator_client):
    def count_queries(url):
        statements = []
        listener = lambda *args: statements.append(args[2])  # noqa: E731
        event.listen(db.engine, "before_cursor_execute", listener)
        try:
            assert coordinator_client.get(url).status_code == 200
        finally:
            event.remove(db.engine, "before_cursor_execute", listener)
        return len(statements)

    world.visit_a.coordinator = world.users["coordinator"]
    db.session.commit()
    few = count_queries("/visits")
    for _ in range(6):
        visit = VisitFactory(organisations=[world.org_a, OrganisationFactory()], coordinator=world.users["admin"])
        ParticipantFactory(visit=visit)
    assert count_queries("/visits") == few


def test_a_liaison_requests_a_visit_for_their_own_organisation(world, liaison_a_client):
    response = liaison_a_client.post(
        "/visits/new",
        data={**REQUEST, "organisation_ids": str(world.org_b.id), "agreement_ids": str(world.agreement_a.id)},
    )
    assert response.status_code == 302
    visit = db.session.scalar(select(Visit).where(Visit.title == "Geology excursion"))
    assert [o.id for o in visit.organisations] == [world.org_a.id]
    assert visit.status is VisitStatus.draft and visit.created_by_id == world.users["liaison_a"].id
    assert [a.id for a in visit.agreements] == [world.agreement_a.id]
    assert [(t.from_status, t.to_status) for t in visit.transitions] == [(None, VisitStatus.draft)]


def test_a_liaison_cannot_cite_another_organisations_agreement(world, liaison_a_client):
    response = liaison_a_client.post("/visits/new", data={**REQUEST, "agreement_ids": str(world.agreement_b.id)})
    assert response.status_code == 200
    assert "Choose one of the suggestions." in html(response)
    assert db.session.scalar(select(Visit).where(Visit.title == "Geology excursion")) is None


def test_a_coordinator_creates_a_visit_of_several_organisations(world, coordinator_client):
    response = coordinator_client.post(
        "/visits/new",
        data={
            **REQUEST,
            "organisation_ids": [str(world.org_a.id), str(world.org_b.id)],
            "coordinator_id": str(world.users["coordinator"].id),
        },
    )
    assert response.status_code == 302
    visit = db.session.scalar(select(Visit).where(Visit.title == "Geology excursion"))
    assert visit.organisation_ids == {world.org_a.id, world.org_b.id}
    assert visit.coordinator_id == world.users["coordinator"].id


def test_a_coordinator_must_name_a_visiting_organisation(world, coordinator_client):
    response = coordinator_client.post("/visits/new", data=REQUEST)
    assert response.status_code == 200
    assert "Choose at least one visiting organisation." in html(response)


def test_dates_out_of_order_are_refused_beside_the_field(world, liaison_a_client):
    response = liaison_a_client.post("/visits/new", data={**REQUEST, "ends_on": "2031-06-20"})
    assert response.status_code == 200
    page = html(response)
    assert "The visit cannot end before it starts." in page and "is-invalid" in page
    assert db.session.scalar(select(Visit).where(Visit.title == "Geology excursion")) is None


def test_a_liaison_edits_their_request_while_requested(world, liaison_a_client):
    visit = VisitFactory(organisations=[world.org_a, world.org_b], agreements=[world.agreement_a, world.agreement_b])
    page = html(liaison_a_client.get(f"/visits/{visit.id}/edit"))
    assert "AG-A" in page and "AG-B" not in page
    response = liaison_a_client.post(f"/visits/{visit.id}/edit", data={**REQUEST, "title": "Renamed"})
    assert response.status_code == 302
    db.session.refresh(visit)
    assert visit.title == "Renamed"
    # Unticking their own agreement removes it; the one they cannot see stays.
    assert [a.id for a in visit.agreements] == [world.agreement_b.id]


def test_a_liaison_cannot_edit_an_approved_visit(world, liaison_a_client):
    assert liaison_a_client.get(f"/visits/{world.visit_shared.id}/edit").status_code == 403
    assert liaison_a_client.post(f"/visits/{world.visit_shared.id}/edit", data=REQUEST).status_code == 403
    page = html(liaison_a_client.get(f"/visits/{world.visit_shared.id}"))
    assert f"/visits/{world.visit_shared.id}/edit" not in page


def test_a_coordinator_records_outcomes(world, coordinator_client):
    response = coordinator_client.post(
        f"/visits/{world.visit_shared.id}/edit", data={**REQUEST, "outcomes": "Two internships agreed."}
    )
    assert response.status_code == 302
    db.session.refresh(world.visit_shared)
    assert world.visit_shared.outcomes == "Two internships agreed."


def test_a_liaison_submits_a_draft(world, liaison_a_client):
    visit = VisitFactory(organisations=[world.org_a], status=VisitStatus.draft)
    page = html(liaison_a_client.get(f"/visits/{visit.id}"))
    assert "Submit request" in page and "Approve" not in page
    response = liaison_a_client.post(
        f"/visits/{visit.id}/transition", data={"to_status": "requested", "comment": "Ready"}
    )
    assert response.status_code == 302
    db.session.refresh(visit)
    assert visit.status is VisitStatus.requested
    history = html(liaison_a_client.get(f"/visits/{visit.id}"))
    assert "Ready" in history and world.users["liaison_a"].full_name in history


def test_rejection_without_a_reason_shows_the_message_beside_the_field(world, coordinator_client):
    response = coordinator_client.post(f"/visits/{world.visit_a.id}/transition", data={"to_status": "rejected"})
    assert response.status_code == 400
    page = html(response)
    assert "Give the reason for the rejection." in page and "is-invalid" in page
    db.session.refresh(world.visit_a)
    assert world.visit_a.status is VisitStatus.requested


def test_rejection_with_a_reason_shows_it(world, coordinator_client):
    response = coordinator_client.post(
        f"/visits/{world.visit_a.id}/transition", data={"to_status": "rejected", "comment": "No guide available"}
    )
    assert response.status_code == 302
    page = html(coordinator_client.get(f"/visits/{world.visit_a.id}"))
    assert "Rejected:" in page and "No guide available" in page


def test_a_move_from_the_wrong_state_is_refused_with_a_message(world, coordinator_client):
    response = coordinator_client.post(
        f"/visits/{world.visit_a.id}/transition", data={"to_status": "completed"}, follow_redirects=True
    )
    assert "cannot become" in html(response)
    db.session.refresh(world.visit_a)
    assert world.visit_a.status is VisitStatus.requested


def test_an_unknown_status_is_a_bad_request(world, coordinator_client):
    assert (
        coordinator_client.post(f"/visits/{world.visit_a.id}/transition", data={"to_status": "teleported"}).status_code
        == 400
    )


def test_a_transition_needs_the_csrf_token(world, coordinator_client):
    response = coordinator_client.post(
        f"/visits/{world.visit_a.id}/transition", data={"to_status": "approved"}, no_csrf=True
    )
    assert response.status_code == 400
    db.session.refresh(world.visit_a)
    assert world.visit_a.status is VisitStatus.requested


def test_management_reads_a_visit_without_any_action(world, management_client):
    page = html(management_client.get(f"/visits/{world.visit_a.id}"))
    assert "Visit of A" in page and "History" in page
    for action in ("Approve", "Reject", "Edit", "Combine delegations", "Add a participant"):
        assert action not in page


def test_a_liaison_sees_a_shared_visits_other_organisation_by_name_and_count_only(world, liaison_a_client):
    page = html(liaison_a_client.get(f"/visits/{world.visit_shared.id}"))
    assert "Mongolian State University" in page and "1 participant" in page
    assert "Dilnoza Rashidova" in page
    assert "Энхжин Лхагва" not in page

"""Participants through the client: who sees whom, sensitive fields, adding and changing people."""

from datetime import date

from sqlalchemy import select

from partnership.extensions import db
from partnership.visits.models import Participant, ParticipantRole, VisitStatus
from tests.visits.factories import ParticipantFactory, VisitFactory


def html(response) -> str:
    assert response.status_code == 200
    return response.get_data(as_text=True)


def sensitive_values(participant) -> list[str]:
    return [participant.document_number, participant.date_of_birth.isoformat(), "Apr 5, 2003", "Date of birth"]


def test_management_never_sees_dates_of_birth_or_documents(world, management_client):
    for visit in (world.visit_a, world.visit_shared):
        page = html(management_client.get(f"/visits/{visit.id}/participants"))
        for participant in visit.participants:
            assert participant.full_name in page
            for value in sensitive_values(participant):
                assert value not in page
    detail = html(management_client.get(f"/visits/{world.visit_a.id}"))
    assert world.participant_a.document_number not in detail


def test_coordinators_see_every_participants_sensitive_fields(world, coordinator_client):
    page = html(coordinator_client.get(f"/visits/{world.visit_shared.id}/participants"))
    for participant in (world.participant_shared_a, world.participant_shared_b):
        assert participant.full_name in page and participant.document_number in page
    assert "Apr 5, 2003" in page


def test_a_liaison_sees_their_own_peoples_sensitive_fields(world, liaison_a_client):
    page = html(liaison_a_client.get(f"/visits/{world.visit_a.id}/participants"))
    assert world.participant_a.document_number in page and "Apr 5, 2003" in page


def test_in_a_shared_visit_a_liaison_sees_the_others_as_counts_only(world, liaison_b_client):
    page = html(liaison_b_client.get(f"/visits/{world.visit_shared.id}/participants"))
    ours, theirs = world.participant_shared_b, world.participant_shared_a
    assert ours.full_name in page and ours.document_number in page
    assert theirs.full_name not in page and theirs.document_number not in page and theirs.email not in page
    assert "University of Geological Sciences: <strong>1</strong>" in page


def test_a_liaison_adds_a_participant_to_their_own_organisation(world, liaison_a_client):
    response = liaison_a_client.post(
        f"/visits/{world.visit_shared.id}/participants/new",
        data={
            "full_name": "  Oʻgʻiloy Saidova ",
            "organisation_id": str(world.org_b.id),
            "role": "student",
            "nationality": "UZ",
            "date_of_birth": "2004-02-29",
            "document_number": "aa 123",
            "ppe_issued": "y",
        },
    )
    assert response.status_code == 302
    person = db.session.scalar(select(Participant).where(Participant.full_name == "Oʻgʻiloy Saidova"))
    assert person.organisation_id == world.org_a.id
    assert person.date_of_birth == date(2004, 2, 29) and person.document_number == "AA123"
    assert person.ppe_issued is False  # the host issues protective equipment


def test_a_coordinator_adds_a_participant_to_any_visiting_organisation(world, coordinator_client):
    response = coordinator_client.post(
        f"/visits/{world.visit_shared.id}/participants/new",
        data={
            "full_name": "Сүхбаатар Ганбат",
            "organisation_id": str(world.org_b.id),
            "role": "lead",
            "ppe_issued": "y",
        },
    )
    assert response.status_code == 302
    person = db.session.scalar(select(Participant).where(Participant.full_name == "Сүхбаатар Ганбат"))
    assert person.organisation_id == world.org_b.id and person.role is ParticipantRole.lead and person.ppe_issued


def test_a_coordinator_cannot_add_to_an_organisation_outside_the_visit(world, coordinator_client):
    response = coordinator_client.post(
        f"/visits/{world.visit_a.id}/participants/new",
        data={"full_name": "Someone", "organisation_id": str(world.org_b.id), "role": "student"},
    )
    assert "Not a valid choice" in html(response)
    assert db.session.scalar(select(Participant).where(Participant.full_name == "Someone")) is None


def test_the_same_person_twice_is_refused_beside_the_name(world, liaison_a_client):
    response = liaison_a_client.post(
        f"/visits/{world.visit_a.id}/participants/new",
        data={"full_name": "AZIZA  karimova", "role": "student", "date_of_birth": "2003-04-05"},
    )
    page = html(response)
    assert "Aziza Karimova is already a participant of this visit." in page and "is-invalid" in page
    assert len(db.session.scalars(select(Participant).where(Participant.visit_id == world.visit_a.id)).all()) == 2


def test_a_bad_email_is_refused_beside_the_field(world, liaison_a_client):
    response = liaison_a_client.post(
        f"/visits/{world.visit_a.id}/participants/new",
        data={"full_name": "Nodira", "role": "student", "email": "nodira@"},
    )
    assert "Invalid email address" in html(response)
    assert db.session.scalar(select(Participant).where(Participant.full_name == "Nodira")) is None


def test_a_liaison_edits_their_participant(world, liaison_a_client):
    url = f"/visits/{world.visit_a.id}/participants/{world.participant_a.id}/edit"
    form = html(liaison_a_client.get(url))
    assert world.participant_a.document_number in form and 'value="2003-04-05"' in form
    assert "ppe_issued" not in form
    response = liaison_a_client.post(
        url,
        data={
            "full_name": "Aziza Karimova",
            "role": "lead",
            "nationality": "",
            "date_of_birth": "2003-04-06",
            "diet": "halal",
        },
    )
    assert response.status_code == 302
    db.session.refresh(world.participant_a)
    assert world.participant_a.role is ParticipantRole.lead and world.participant_a.diet == "halal"
    assert world.participant_a.nationality is None and world.participant_a.date_of_birth == date(2003, 4, 6)


def test_a_liaison_cannot_reach_another_organisations_participant(world, liaison_a_client):
    url = f"/visits/{world.visit_shared.id}/participants/{world.participant_shared_b.id}"
    assert liaison_a_client.get(url + "/edit").status_code == 404
    assert liaison_a_client.post(url + "/delete").status_code == 404
    assert db.session.get(Participant, world.participant_shared_b.id) is not None


def test_a_participant_is_removed(world, liaison_a_client):
    response = liaison_a_client.post(f"/visits/{world.visit_a.id}/participants/{world.participant_a.id}/delete")
    assert response.status_code == 302
    db.session.expire_all()
    assert db.session.get(Participant, world.participant_a.id) is None


def test_participants_of_a_completed_visit_are_kept_by_staff_only(world, login):
    visit = VisitFactory(organisations=[world.org_a], status=VisitStatus.completed)
    person = ParticipantFactory(visit=visit, organisation=world.org_a)
    liaison = login(world.users["liaison_a"])
    assert liaison.get(f"/visits/{visit.id}/participants/new").status_code == 403
    assert liaison.get(f"/visits/{visit.id}/participants/{person.id}/edit").status_code == 403
    page = html(liaison.get(f"/visits/{visit.id}/participants"))
    assert person.full_name in page and "Add a participant" not in page


def test_people_missing_data_are_marked_for_those_who_may_complete_them(world, liaison_a_client):
    ParticipantFactory(visit=world.visit_a, organisation=world.org_a, full_name="No Passport", document_number=None)
    page = html(liaison_a_client.get(f"/visits/{world.visit_a.id}/participants"))
    assert page.count("Data missing") == 1


def test_protective_equipment_sizes_are_checked_and_kept(world, liaison_a_client):
    url = f"/visits/{world.visit_a.id}/participants/{world.participant_a.id}/edit"
    assert "Helmet size" in html(liaison_a_client.get(url))
    base = {"full_name": "Aziza Karimova", "role": "student", "nationality": ""}
    refused = liaison_a_client.post(url, data={**base, "helmet_size": "80", "boot_size": "52", "vest_size": "M"})
    page = html(refused)
    assert "A helmet size is a head size in cm from 52 to 66" in page and "A boot size is an EU size" in page
    db.session.refresh(world.participant_a)
    assert world.participant_a.vest_size is None  # nothing half-saved
    saved = liaison_a_client.post(url, data={**base, "helmet_size": "m", "boot_size": "38,5", "vest_size": "2xl"})
    assert saved.status_code == 302
    db.session.refresh(world.participant_a)
    p = world.participant_a
    assert (p.helmet_size, p.boot_size, p.vest_size) == ("M", "38.5", "XXL")

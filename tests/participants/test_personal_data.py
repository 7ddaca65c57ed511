"""A person's own data: the download of everything held about them (JSON), erasure that keeps the
visit's figures, and the retention command that clears document numbers and dates of birth."""

import json
import re
from datetime import date, timedelta
from types import SimpleNamespace

import pytest
from sqlalchemy import func, select

from partnership.audit.models import AuditEntry
from partnership.db import utcnow
from partnership.extensions import db
from partnership.feedback import queries as feedback_queries
from partnership.feedback import services as feedback
from partnership.feedback.models import FeedbackInvitation, FeedbackResponse
from partnership.programme.models import ItineraryItem
from partnership.reports import documents
from partnership.reports.access import Document
from partnership.visits.models import Participant, ParticipantRole, VisitStatus, VisitTransition
from tests.feedback.factories import ItineraryItemFactory, link_for
from tests.reports.conftest import pypdf_text
from tests.sites.factories import SiteFactory
from tests.visits.factories import ParticipantFactory, VisitFactory

LONG_NEEDS = "; ".join(["step-free access"] * 40)  # longer than the trail keeps of a text


@pytest.fixture
def trip(app, world):
    """A completed visit of university A: three people (a student from Mongolia with words approved
    as a quote, a student, a staff member), two items with attendance recorded, ratings."""
    visit = VisitFactory(
        title="Copper excursion",
        organisations=[world.org_a],
        status=VisitStatus.completed,
        starts_on=date(2025, 6, 24),
        ends_on=date(2025, 6, 25),
    )
    person = ParticipantFactory(
        visit=visit,
        organisation=world.org_a,
        full_name="Энхжин Лхагва",
        nationality="MN",
        document_number="E7654321",
        date_of_birth=date(2004, 3, 12),
        email="enkhjin@example.org",
        diet="vegetarian",
        access_needs=LONG_NEEDS,
        medical_clearance=True,
    )
    second = ParticipantFactory(visit=visit, organisation=world.org_a)
    staff = ParticipantFactory(visit=visit, organisation=world.org_a, role=ParticipantRole.staff)
    mine, museum = SiteFactory(name="Open pit"), SiteFactory(name="History museum")
    ItineraryItemFactory(visit=visit, site=mine, attendees=[(person, True), (second, True), (staff, False)])
    ItineraryItemFactory(visit=visit, site=museum, attendees=[(person, True), (second, None)])
    with app.test_request_context("/"):
        for who, ratings, words in ((person, {mine.id: 5, museum.id: 4}, "Unforgettable."), (second, {mine.id: 3}, "")):
            invitation = feedback.find_open_invitation(link_for(who))
            feedback.submit_response(
                invitation, ratings=ratings, words=words, consent_publish_words=True, consent_publish_name=True
            )
        response = db.session.scalar(select(FeedbackResponse).filter_by(participant_id=person.id))
        feedback.approve_quote(response, world.users["coordinator"])
        db.session.commit()
    return SimpleNamespace(visit=visit, person=person, second=second, staff=staff, mine=mine, museum=museum)


def figures(visit) -> dict:
    """What the visit report counts, read as the report reads it."""
    db.session.expire_all()
    people = list(db.session.scalars(select(Participant).where(Participant.visit_id == visit.id)))
    items = db.session.scalars(select(ItineraryItem).where(ItineraryItem.visit_id == visit.id)).all()
    return {
        "participants": len(people),
        "students": sum(1 for p in people if p.role is ParticipantRole.student),
        "countries": sorted({p.nationality or p.organisation.country for p in people}),
        "organisations": sorted({p.organisation_id for p in people}),
        "attendance": [(item.site.name, len(item.attendances), item.attended_count) for item in items],
        "ratings": [(s.site.name, s.average, s.count) for s in feedback_queries.site_ratings(visit)],
    }


def figure_row(report_text: str) -> str:
    """The report's key figures as printed: participants, organisations, countries, sites, rating."""
    found = re.search(r"\d[\d,]* participants \d[\d,]* organisations .{0,80}", report_text)
    assert found, report_text[:800]
    return found.group(0)


def download(client, trip, person=None):
    person = person or trip.person
    return client.get(f"/visits/{trip.visit.id}/participants/{person.id}/personal-data.json")


def erase(client, trip, person=None, confirm=True):
    person = person or trip.person
    return client.post(
        f"/visits/{trip.visit.id}/participants/{person.id}/erase", data={"confirm": "y"} if confirm else {}
    )


# --- the download ------------------------------------------------------------------------------


def edit_name(client, trip, name):
    response = client.post(
        f"/visits/{trip.visit.id}/participants/{trip.person.id}/edit",
        data={
            "full_name": name,
            "role": "student",
            "organisation_id": str(trip.person.organisation_id),
            "nationality": "MN",
            "document_number": "E7654321",
            "date_of_birth": "2004-03-12",
            "email": "enkhjin@example.org",
            "diet": "vegetarian",
            "access_needs": LONG_NEEDS,
            "faculty": "Mining",
            "medical_clearance": "y",
        },
    )
    assert response.status_code == 302


def test_the_download_holds_every_field_attendance_feedback_and_trail(trip, coordinator_client):
    edit_name(coordinator_client, trip, "Энхжин Лхагва")  # the same name: an entry without a change
    response = download(coordinator_client, trip)
    assert response.status_code == 200
    assert response.mimetype == "application/json"
    assert f"participant-{trip.person.id}.json" in response.headers["Content-Disposition"]
    data = json.loads(response.get_data(as_text=True))
    fields = data["participant"]
    assert fields["full_name"] == "Энхжин Лхагва" and fields["document_number"] == "E7654321"
    assert fields["date_of_birth"] == "2004-03-12" and fields["email"] == "enkhjin@example.org"
    assert fields["access_needs"] == LONG_NEEDS and fields["nationality"] == "MN"
    expected = {c.key for c in db.inspect(Participant).column_attrs} - {"name_key"}
    assert set(fields) == expected  # every field of the row
    assert data["visit"]["title"] == "Copper excursion" and data["organisation"]["id"] == trip.person.organisation_id
    assert data["safety"] == {"medical_clearance": True, "ppe_issued": False}
    assert [(a["site"], a["attended"]) for a in data["attendance"]] == [("Open pit", True), ("History museum", True)]
    answer = data["feedback"]["response"]
    assert answer["words"] == "Unforgettable." and answer["approved_as_quote_at"] is not None
    assert sorted((r["site"], r["rating"]) for r in answer["ratings"]) == [("History museum", 4), ("Open pit", 5)]
    assert data["feedback"]["link"]["used_at"] is not None
    assert "token" not in json.dumps(data["feedback"])
    assert [(entry["action"], entry["by"]) for entry in data["audit_trail"]][0] == ("participant.update", "coordinator")


def test_the_download_is_recorded_without_the_persons_sensitive_values(trip, coordinator_client):
    assert download(coordinator_client, trip).status_code == 200
    entry = db.session.scalar(select(AuditEntry).where(AuditEntry.action == "participant.personal_data_downloaded"))
    assert entry.target_type == "participants" and entry.target_id == trip.person.id
    stored = json.dumps([entry.changes, entry.details], ensure_ascii=False)
    for value in ("E7654321", "2004-03-12", "Энхжин"):
        assert value not in stored
    # The trail never held them either, so the download's copy of it has none.
    trail = json.dumps(json.loads(download(coordinator_client, trip).get_data(as_text=True))["audit_trail"])
    assert "E7654321" not in trail and "2004-03-12" not in trail


def test_the_own_liaison_downloads_and_the_other_liaison_and_management_cannot(
    trip, liaison_a_client, liaison_b_client, management_client
):
    assert download(liaison_a_client, trip).status_code == 200
    assert download(liaison_b_client, trip).status_code == 404
    assert download(management_client, trip).status_code == 403


def test_the_participants_page_offers_the_download_and_staff_the_erasure(trip, coordinator_client, liaison_a_client):
    base = f"/visits/{trip.visit.id}/participants/{trip.person.id}"
    page = coordinator_client.get(f"/visits/{trip.visit.id}/participants").get_data(as_text=True)
    assert f"{base}/personal-data.json" in page and f"{base}/erase" in page
    page = liaison_a_client.get(f"/visits/{trip.visit.id}/participants").get_data(as_text=True)
    assert f"{base}/personal-data.json" in page and f"{base}/erase" not in page


# --- erasure -----------------------------------------------------------------------------------


def test_erasure_anonymises_the_person_and_keeps_the_visits_figures(app, trip, coordinator_client):
    before = figures(trip.visit)
    report_before = pypdf_text(documents.render_visit_document(Document.report, trip.visit.id, "en"))
    page = coordinator_client.get(f"/visits/{trip.visit.id}/participants/{trip.person.id}/erase")
    assert page.status_code == 200 and "cannot be undone" in page.get_data(as_text=True)
    assert erase(coordinator_client, trip).status_code == 302

    assert figures(trip.visit) == before
    assert before["countries"] == ["MN", "UZ"] and before["students"] == 2
    person = db.session.get(Participant, trip.person.id)
    assert person.full_name == f"Erased participant #{person.id}" and person.is_erased
    for name in ("document_number", "date_of_birth", "email", "faculty", "diet", "access_needs"):
        assert getattr(person, name) is None, name
    response = db.session.scalar(select(FeedbackResponse).filter_by(participant_id=person.id))
    assert response.words is None and not response.consent_publish_name and response.approved_at is None
    assert len(response.ratings) == 2  # the ratings stay
    invitation = db.session.scalar(select(FeedbackInvitation).filter_by(participant_id=person.id))
    assert invitation.token_hash is None  # the link no longer opens
    report_after = pypdf_text(documents.render_visit_document(Document.report, trip.visit.id, "en"))
    sentence = "a delegation of 3 participants: 2 students and 1 accompanying staff"
    assert sentence in report_before and sentence in report_after
    assert "Энхжин" in report_before and "Энхжин" not in report_after
    assert "Unforgettable." in report_before and "Unforgettable." not in report_after  # the quote is withdrawn
    assert figure_row(report_before) == figure_row(report_after)


def test_erasure_leaves_no_value_of_the_person_in_the_audit_trail(trip, coordinator_client):
    edit_name(coordinator_client, trip, "Энхжин Лхагва-Очир")
    before = db.session.scalars(select(AuditEntry).where(AuditEntry.target_id == trip.person.id)).all()
    assert any("Энхжин" in json.dumps(e.changes, ensure_ascii=False) for e in before)  # the edit's old and new names
    assert erase(coordinator_client, trip).status_code == 302
    db.session.expire_all()
    entries = db.session.scalars(
        select(AuditEntry).where(AuditEntry.target_type == "participants", AuditEntry.target_id == trip.person.id)
    ).all()
    stored = json.dumps([(e.changes, e.details) for e in entries], ensure_ascii=False)
    for value in ("Энхжин", "enkhjin@example.org", "vegetarian", "E7654321"):
        assert value not in stored
    erased = [e for e in entries if e.action == "participant.erase"]
    assert len(erased) == 1 and erased[0].actor_name == "coordinator"
    assert erased[0].changes["full_name"] == {"changed": True}


def test_erasing_twice_is_erasing_once(trip, coordinator_client):
    assert erase(coordinator_client, trip).status_code == 302
    db.session.expire_all()
    first = db.session.get(Participant, trip.person.id).erased_at
    again = erase(coordinator_client, trip)
    assert again.status_code == 302
    db.session.expire_all()
    assert db.session.get(Participant, trip.person.id).erased_at == first
    count = select(func.count(AuditEntry.id)).where(AuditEntry.action == "participant.erase")
    assert db.session.scalar(count) == 1


def test_erasure_needs_the_confirmation_and_staff(trip, coordinator_client, liaison_a_client):
    response = erase(coordinator_client, trip, confirm=False)
    assert response.status_code == 200 and "Tick the box" in response.get_data(as_text=True)
    assert erase(liaison_a_client, trip).status_code == 403
    db.session.expire_all()
    assert not db.session.get(Participant, trip.person.id).is_erased


def test_an_erased_person_cannot_be_edited_back(trip, coordinator_client):
    erase(coordinator_client, trip)
    edit = coordinator_client.get(f"/visits/{trip.visit.id}/participants/{trip.person.id}/edit")
    assert edit.status_code == 403


# --- retention ---------------------------------------------------------------------------------


def completed(world, ago: timedelta, **kwargs):
    """A visit completed ``ago`` before now (its move to completed recorded then)."""
    visit = VisitFactory(organisations=[world.org_a], status=VisitStatus.completed, **kwargs)
    db.session.add(VisitTransition(visit=visit, from_status=VisitStatus.confirmed, to_status=VisitStatus.completed))
    db.session.flush()
    visit.transitions[-1].at = utcnow() - ago
    return visit


def run_retention(app, *args):
    return app.test_cli_runner().invoke(args=["retention", *args])


def test_retention_clears_old_visits_documents_and_dates_of_birth_and_says_so(app, world):
    old = completed(world, timedelta(days=400), ends_on=date(2024, 1, 10), starts_on=date(2024, 1, 9))
    recent = completed(world, timedelta(days=30))
    kept_open = VisitFactory(
        organisations=[world.org_a], status=VisitStatus.confirmed, starts_on=date(2020, 1, 1), ends_on=date(2020, 1, 2)
    )
    old_people = [ParticipantFactory(visit=old) for _ in range(3)]
    ParticipantFactory(visit=recent)
    ParticipantFactory(visit=kept_open)
    db.session.commit()

    result = run_retention(app)
    assert result.exit_code == 0, result.output
    assert f"visit {old.id} " in result.output and "cleared 3 participant(s)" in result.output
    assert f"visit {recent.id} " not in result.output and f"visit {kept_open.id} " not in result.output
    db.session.expire_all()
    for person in old_people:
        person = db.session.get(Participant, person.id)
        assert person.document_number is None and person.date_of_birth is None
        assert person.full_name.startswith("Participant")  # nothing else is touched
    others = db.session.scalars(select(Participant).where(Participant.visit_id.in_([recent.id, kept_open.id])))
    assert all(p.document_number and p.date_of_birth for p in others)
    entry = db.session.scalar(
        select(AuditEntry).where(AuditEntry.action == "participant.retention_cleared", AuditEntry.target_id == old.id)
    )
    assert entry.target_type == "visits" and entry.details == {"participants": 3}

    again = run_retention(app)
    assert again.exit_code == 0 and "0 participant(s) in 0 visit(s) cleared" in again.output


def test_retention_dry_run_clears_nothing_and_days_is_an_option(app, world):
    recent = completed(world, timedelta(days=30))
    person = ParticipantFactory(visit=recent)
    db.session.commit()
    line = f"visit {recent.id} (completed, ended {recent.ends_on.isoformat()}): "
    assert line not in run_retention(app).output  # the default (365 days) spares it
    dry = run_retention(app, "--days", "20", "--dry-run")
    assert dry.exit_code == 0 and line + "would clear 1 participant(s)" in dry.output and "Dry run" in dry.output
    db.session.expire_all()
    assert db.session.get(Participant, person.id).document_number is not None
    assert line + "cleared 1 participant(s)" in run_retention(app, "--days", "20").output
    db.session.expire_all()
    assert db.session.get(Participant, person.id).document_number is None


def test_retention_of_a_completed_visit_without_a_recorded_move_counts_from_its_last_day(app, world):
    visit = VisitFactory(
        organisations=[world.org_a], status=VisitStatus.completed, starts_on=date(2020, 5, 1), ends_on=date(2020, 5, 2)
    )
    ParticipantFactory(visit=visit)
    db.session.commit()
    assert f"visit {visit.id} " in run_retention(app).output

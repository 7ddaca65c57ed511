"""The audit trail: sign-ins, field changes with old and new values (never the sensitive ones),
downloads of personal data, refused pages; and the admins' page that reads it."""

import json
import logging
from datetime import date, timedelta

import pytest
from flask_login import login_user
from sqlalchemy import func, select

from partnership.audit import tracking
from partnership.audit.models import AuditEntry
from partnership.db import utcnow
from partnership.extensions import db
from partnership.partners.models import Organisation, OrganisationKind
from partnership.visits.models import Participant
from tests.factories import PASSWORD, OrganisationFactory

SECRET_DOCUMENT = "ZX9876543"
SECRET_BIRTHDAY = date(2001, 7, 14)
EDIT_B = {
    "name": "Mongolian State University",
    "kind": "university",
    "country": "MN",
    "city": "Улан-Батор",
    "short_name": "MSU",
}


def entries(**where) -> list[AuditEntry]:
    db.session.expire_all()
    query = select(AuditEntry).filter_by(**where).order_by(AuditEntry.id)
    return list(db.session.scalars(query))


def one(**where) -> AuditEntry:
    found = entries(**where)
    assert len(found) == 1, [(e.action, e.target_type, e.target_id) for e in entries()]
    return found[0]


# --- signing in ----------------------------------------------------------------------------


def test_sign_ins_failures_and_throttled_tries_are_recorded_with_the_address(client, world):
    coordinator = world.users["coordinator"]
    address = {"REMOTE_ADDR": "198.51.100.30"}
    client.post("/login", data={"username": "nobody", "password": "whatever-it-is"}, environ_base=address)
    for _ in range(5):
        client.post("/login", data={"username": "coordinator", "password": "not-the-password"}, environ_base=address)
    client.post("/login", data={"username": "coordinator", "password": PASSWORD}, environ_base=address)
    client.post("/login", data={"username": "coordinator", "password": PASSWORD})
    unknown, *failed = entries(action="auth.sign_in_failed")
    assert (unknown.target_type, unknown.target_id, unknown.actor_id) == (None, None, None)
    assert len(failed) == 5 and all(e.target_id == coordinator.id and e.target_type == "users" for e in failed)
    throttled = one(action="auth.sign_in_throttled")
    assert throttled.target_id == coordinator.id and throttled.remote_addr == "198.51.100.30"
    signed_in = one(action="auth.sign_in")
    assert signed_in.actor_id == coordinator.id and signed_in.actor_name == "coordinator"
    assert signed_in.remote_addr == "127.0.0.1" and set(signed_in.changes) == {"last_login_at"}
    stored = json.dumps([e.changes for e in entries()] + [e.details for e in entries()])
    assert "not-the-password" not in stored and PASSWORD not in stored and "whatever-it-is" not in stored


def test_sign_out_and_sign_out_everywhere_are_recorded(app, world):
    browser = app.test_client()
    browser.post("/login", data={"username": "management", "password": PASSWORD})
    browser.post("/logout")
    browser.post("/login", data={"username": "management", "password": PASSWORD})
    browser.post("/account/sessions/end-all")
    assert one(action="auth.sign_out").actor_id == world.users["management"].id
    assert one(action="auth.signed_out_everywhere").details == {"sessions": 1}


def test_a_password_change_is_recorded_without_the_hash(coordinator_client, world):
    coordinator_client.post(
        "/account/password",
        data={
            "current_password": PASSWORD,
            "password": "a-new-long-passphrase",
            "password_again": "a-new-long-passphrase",
        },
    )
    entry = one(action="user.password")
    assert entry.changes == {"password_hash": {"changed": True}}
    db.session.expire_all()
    assert world.users["coordinator"].password_hash not in json.dumps(entry.changes)


# --- what changed ----------------------------------------------------------------------------


def test_a_change_records_who_what_when_from_where_and_old_and_new_values(world, coordinator_client):
    before = utcnow()
    response = coordinator_client.post(
        f"/organisations/{world.org_b.id}/edit", data=EDIT_B, environ_base={"REMOTE_ADDR": "198.51.100.40"}
    )
    assert response.status_code == 302
    entry = one(action="organisation.update")
    assert (entry.target_type, entry.target_id) == ("organisations", world.org_b.id)
    assert (entry.actor_id, entry.actor_name) == (world.users["coordinator"].id, "coordinator")
    assert entry.remote_addr == "198.51.100.40"
    assert before <= entry.at <= utcnow() and entry.at.utcoffset() == timedelta(0)
    assert entry.changes == {"city": {"old": "Ulaanbaatar", "new": "Улан-Батор"}}  # search keys left out
    assert entries(action="organisations.update") == []  # the service's entry holds the changes


def test_a_change_no_service_recorded_gets_an_entry_of_its_own(app, world):
    with app.test_request_context("/", environ_base={"REMOTE_ADDR": "198.51.100.41"}):
        login_user(world.users["admin"])
        organisation = db.session.get(Organisation, world.org_a.id)
        organisation.website = "https://ugs.example"
        db.session.commit()
    entry = one(action="organisations.update")
    assert entry.actor_name == "admin" and entry.remote_addr == "198.51.100.41"
    assert entry.changes == {"website": {"old": None, "new": "https://ugs.example"}}


def test_a_command_line_change_is_recorded_without_an_actor(app, world):
    organisation = db.session.get(Organisation, world.org_a.id)
    organisation.city = "Almalyk"
    db.session.commit()
    entry = one(action="organisations.update")
    assert entry.actor_id is None and entry.remote_addr is None
    assert entry.changes == {"city": {"old": "Tashkent", "new": "Almalyk"}}


def test_nothing_is_recorded_when_a_refused_change_is_rolled_back(world, coordinator_client):
    response = coordinator_client.post(
        f"/organisations/{world.org_b.id}/edit",
        data={**EDIT_B, "name": "University of Geological Sciences", "country": "UZ"},
    )
    assert response.status_code == 200
    assert [e.action for e in entries()] == []


def test_a_collection_change_lists_what_was_added_and_removed(app, world):
    from partnership.visits.models import Visit

    with tracking.untracked():
        extra = OrganisationFactory(name="Extra University")
    visit = db.session.get(Visit, world.visit_a.id)
    visit.organisations.append(extra)
    db.session.commit()
    assert one(action="visits.update").changes == {"organisations": {"added": [str(extra.id)], "removed": []}}


def test_records_created_and_deleted_keep_their_values(app, world):
    before = db.session.scalar(select(func.count(AuditEntry.id)))
    organisation = Organisation(
        name="Short-lived",
        kind=OrganisationKind.university,
        country="KZ",
        name_key="short-lived",
        search_text="",
        names_text="",
    )
    db.session.add(organisation)
    db.session.commit()
    db.session.delete(organisation)
    db.session.commit()
    created, deleted = entries(target_type="organisations")
    assert created.action == "organisations.create" and created.changes["name"] == {"new": "Short-lived"}
    assert "name_key" not in created.changes and "search_text" not in created.changes
    assert deleted.action == "organisations.delete" and deleted.changes["country"] == {"old": "KZ"}
    assert created.target_id == deleted.target_id == organisation.id
    assert db.session.scalar(select(func.count(AuditEntry.id))) == before + 2


# --- personal data never in the trail or the logs ----------------------------------------


def test_dates_of_birth_and_document_numbers_never_reach_entries_or_logs(world, coordinator_client, caplog):
    caplog.set_level(logging.DEBUG)
    visit = world.visit_shared
    base = {"organisation_id": str(world.org_a.id), "role": "student", "nationality": "UZ"}
    response = coordinator_client.post(
        f"/visits/{visit.id}/participants/new",
        data={
            **base,
            "full_name": "Secret Person",
            "date_of_birth": SECRET_BIRTHDAY.isoformat(),
            "document_number": SECRET_DOCUMENT,
            "access_needs": "Insulin twice a day",
        },
    )
    assert response.status_code == 302
    person = db.session.scalar(select(Participant).where(Participant.full_name == "Secret Person"))
    response = coordinator_client.post(
        f"/visits/{visit.id}/participants/{person.id}/edit",
        data={
            **base,
            "full_name": "Secret Person",
            "date_of_birth": "2001-08-15",
            "document_number": "QQ1112223",
            "access_needs": "Insulin at noon",
        },
    )
    assert response.status_code == 302
    world.participant_shared_a.document_number = "CLI0001"  # a change outside any request
    db.session.commit()
    coordinator_client.get(f"/visits/{visit.id}/participants.pdf")
    coordinator_client.get(f"/exports/visits/{visit.id}/participants.csv")
    assert coordinator_client.post(f"/visits/{visit.id}/participants/{person.id}/delete").status_code == 302

    created = one(action="participant.create")
    assert created.changes["document_number"] == {"changed": True}
    assert created.changes["date_of_birth"] == {"changed": True}
    assert created.changes["access_needs"] == {"changed": True}
    assert created.changes["full_name"] == {"new": "Secret Person"}
    updated = one(action="participant.update")
    assert updated.changes == {
        "date_of_birth": {"changed": True},
        "document_number": {"changed": True},
        "access_needs": {"changed": True},
    }
    deleted = one(action="participant.delete")  # the service's entry, with the values it removed
    assert deleted.changes["document_number"] == {"changed": True}
    assert deleted.changes["full_name"] == {"old": "Secret Person"}
    assert one(action="participants.update").parent_type == "visits"

    stored = json.dumps([[e.changes, e.details] for e in entries()], default=str, ensure_ascii=False)
    logged = "\n".join(record.getMessage() for record in caplog.records)
    for secret in (
        SECRET_DOCUMENT,
        "QQ1112223",
        "CLI0001",
        "Insulin",
        "2001-07-14",
        "14.07.2001",
        "2001-08-15",
        "15.08.2001",
        world.participant_shared_b.document_number,
    ):
        assert secret not in stored, secret
        assert secret not in logged, secret


# --- downloads and refused pages ---------------------------------------------------------------


@pytest.mark.parametrize("document", ["participants", "badges", "invitations", "report", "programme"])
def test_every_visit_document_download_is_recorded(world, coordinator_client, document):
    response = coordinator_client.get(f"/visits/{world.visit_shared.id}/{document}.pdf?lang=ru")
    assert response.status_code == 200
    entry = one(action="visit.document_downloaded")
    assert (entry.target_type, entry.target_id) == ("visits", world.visit_shared.id)
    assert entry.details == {"document": document, "language": "ru", "sensitive": True}


def test_one_invitation_letter_names_its_participant_by_id(world, liaison_a_client):
    person = world.participant_shared_a
    response = liaison_a_client.get(f"/visits/{world.visit_shared.id}/invitations/{person.id}.pdf")
    assert response.status_code == 200
    entry = one(action="visit.document_downloaded")
    assert entry.details["participant"] == person.id and entry.actor_id == world.users["liaison_a"].id


@pytest.mark.parametrize("name", ["organisations", "agreements", "visits"])
def test_every_list_export_is_recorded(world, coordinator_client, name):
    assert coordinator_client.get(f"/exports/{name}.xlsx").status_code == 200
    entry = one(action=f"{name}.exported")
    assert entry.details["format"] == "xlsx" and entry.details["rows"] >= 1 and entry.target_type is None


def test_a_refused_page_is_recorded_for_a_signed_in_user(world, liaison_b_client, management_client, client):
    assert liaison_b_client.get(f"/visits/{world.visit_a.id}").status_code == 404
    assert management_client.get("/admin/users").status_code == 403
    assert client.get(f"/visits/{world.visit_a.id}").status_code == 302  # anonymous: the sign-in page
    hidden, forbidden = entries(action="access.refused")
    assert (hidden.actor_id, hidden.target_type, hidden.target_id) == (
        world.users["liaison_b"].id,
        "visits",
        world.visit_a.id,
    )
    assert hidden.details == {"status": 404, "method": "GET", "path": f"/visits/{world.visit_a.id}"}
    assert forbidden.actor_name == "management" and forbidden.details["status"] == 403
    assert forbidden.target_type is None


# --- the admins' page ------------------------------------------------------------------------


@pytest.fixture
def trail(world, coordinator_client, liaison_a_client):
    """Entries by two people on two records, and one on a record that belongs to a visit."""
    coordinator_client.post(f"/organisations/{world.org_b.id}/edit", data=EDIT_B)
    liaison_a_client.post(
        f"/visits/{world.visit_shared.id}/participants/{world.participant_shared_a.id}/edit",
        data={
            "full_name": "Dilnoza Rashidova-Karimova",
            "organisation_id": str(world.org_a.id),
            "role": "student",
            "nationality": "UZ",
        },
    )
    return entries()


def rows(page: str) -> int:
    return page.count("data-entry-id=")


def test_the_admin_reads_and_filters_the_trail(admin_client, world, trail):
    page = admin_client.get("/admin/audit").get_data(as_text=True)
    assert rows(page) == len(trail) == 2
    assert "organisation.update" in page and "participant.update" in page
    assert "Ulaanbaatar" in page and "Улан-Батор" in page and "Dilnoza Rashidova-Karimova" in page
    assert f'href="/organisations/{world.org_b.id}"' in page
    # When, in the reader's language and the company's time zone, not a raw UTC stamp.
    stamp = trail[0].at
    assert f'<time datetime="{stamp.isoformat()}">' in page and stamp.strftime("%Y-%m-%d %H:%M:%S") not in page
    coordinator_id = world.users["coordinator"].id
    by_actor = admin_client.get(f"/admin/audit?actor={coordinator_id}").get_data(as_text=True)
    assert rows(by_actor) == 1 and "organisation.update" in by_actor
    by_action = admin_client.get("/admin/audit?action=participant.update").get_data(as_text=True)
    assert rows(by_action) == 1 and "Dilnoza" in by_action
    by_kind = admin_client.get("/admin/audit?target_type=organisations").get_data(as_text=True)
    assert rows(by_kind) == 1
    today = utcnow().date()
    in_period = admin_client.get(f"/admin/audit?date_from={today}&date_to={today}").get_data(as_text=True)
    assert rows(in_period) == 2
    before = admin_client.get(f"/admin/audit?date_to={today - timedelta(days=1)}").get_data(as_text=True)
    assert rows(before) == 0 and "No entry matches." in before
    last_day = admin_client.get("/admin/audit?date_to=9999-12-31")  # no day after it to bound by
    assert last_day.status_code == 200 and rows(last_day.get_data(as_text=True)) == 2


def test_a_visits_history_includes_what_belongs_to_it(admin_client, world, trail):
    page = admin_client.get(f"/admin/audit?target_type=visits&target_id={world.visit_shared.id}")
    text = page.get_data(as_text=True)
    assert rows(text) == 1 and "participant.update" in text and f"visits #{world.visit_shared.id}" in text


def test_bad_filters_are_shown_beside_their_fields_not_a_500(admin_client, world, trail):
    response = admin_client.get(
        "/admin/audit?date_from=2025-02-30&target_id=-4&actor=nobody&date_to=2020-01-01&page=999"
    )
    assert response.status_code == 200
    page = response.get_data(as_text=True)
    assert "Not a valid date value." in page and "Number must be between 1 and 2147483647." in page
    assert "Not a valid choice." in page
    reversed_period = admin_client.get("/admin/audit?date_from=2025-02-01&date_to=2025-01-01")
    assert "The period ends before it starts." in reversed_period.get_data(as_text=True)


def test_the_trail_is_paginated(admin_client, world, monkeypatch, app):
    monkeypatch.setitem(app.config, "PAGE_SIZE", 3)
    for n in range(7):
        db.session.add(AuditEntry(action=f"test.{n}"))
    db.session.commit()
    first = admin_client.get("/admin/audit").get_data(as_text=True)
    last = admin_client.get("/admin/audit?page=3").get_data(as_text=True)
    assert rows(first) == 3 and "test.6" in first and rows(last) == 1 and "test.0" in last
    assert "7 in all" in first


def test_record_pages_link_their_history_for_admins_only(admin_client, coordinator_client, world):
    from tests.sites.factories import SiteFactory

    site = SiteFactory()
    pages = {
        f"/organisations/{world.org_a.id}": ("organisations", world.org_a.id),
        f"/agreements/{world.agreement_a.id}": ("agreements", world.agreement_a.id),
        f"/visits/{world.visit_a.id}": ("visits", world.visit_a.id),
        f"/sites/{site.id}": ("sites", site.id),
    }
    for path, (kind, number) in pages.items():
        history = f"/admin/audit?target_type={kind}&amp;target_id={number}"
        assert history in admin_client.get(path).get_data(as_text=True), path
        coordinator_page = coordinator_client.get(path)
        assert coordinator_page.status_code == 200 and "/admin/audit" not in coordinator_page.get_data(as_text=True)

"""Importing participants through the pages: upload, preview, all-or-nothing commit."""

import io
import re

from sqlalchemy import func, select

from partnership.extensions import db
from partnership.participants import importing
from partnership.visits.models import Participant, PendingImport
from tests.visits.factories import ParticipantFactory

GOOD = (
    "Full name;Role;Nationality;Date of birth;Document number\r\n"
    "Энхжин Лхагва;student;MN;12.03.2004;E1\r\n"
    "Riahi Amma Vissal;student;Tunisia;2002-07-01;T2\r\n"
)


def upload(client, visit, data: bytes, filename="people.csv", **fields):
    return client.post(
        f"/visits/{visit.id}/participants/import",
        data={"file": (io.BytesIO(data), filename), **fields},
        content_type="multipart/form-data",
    )


def count(visit) -> int:
    return db.session.scalar(select(func.count(Participant.id)).where(Participant.visit_id == visit.id))


def test_a_liaison_previews_then_imports_a_cp1251_file(world, liaison_a_client):
    before = count(world.visit_shared)
    response = upload(
        liaison_a_client,
        world.visit_shared,
        GOOD.replace("Энхжин Лхагва", "Айбек Жумабеков").encode("cp1251"),
        organisation_id=str(world.org_b.id),
    )
    assert response.status_code == 303
    preview = liaison_a_client.get(response.headers["Location"])
    page = preview.get_data(as_text=True)
    assert "Айбек Жумабеков" in page and "Riahi Amma Vissal" in page and "Import 2 participants" in page
    assert count(world.visit_shared) == before  # nothing is saved by the preview
    pending = db.session.scalar(select(PendingImport).where(PendingImport.visit_id == world.visit_shared.id))
    confirm = liaison_a_client.post(f"/visits/{world.visit_shared.id}/participants/import/{pending.id}")
    assert confirm.status_code == 302
    imported = db.session.scalars(
        select(Participant).where(
            Participant.visit_id == world.visit_shared.id, Participant.full_name == "Айбек Жумабеков"
        )
    ).one()
    assert imported.organisation_id == world.org_a.id  # a liaison imports for their own organisation
    assert imported.nationality == "MN" and imported.document_number == "E1"
    assert count(world.visit_shared) == before + 2
    assert db.session.get(PendingImport, pending.id) is None


def test_a_coordinator_imports_an_xlsx_for_a_chosen_organisation(world, coordinator_client):
    from openpyxl import Workbook

    workbook = Workbook()
    workbook.active.append(["Full name", "Nationality"])
    workbook.active.append(["Лхагва Очир Энхжин", "Монголия"])
    out = io.BytesIO()
    workbook.save(out)
    response = upload(
        coordinator_client, world.visit_shared, out.getvalue(), "people.xlsx", organisation_id=str(world.org_b.id)
    )
    assert response.status_code == 303
    pending = db.session.scalar(
        select(PendingImport).where(PendingImport.created_by_id == world.users["coordinator"].id)
    )
    assert (
        coordinator_client.post(f"/visits/{world.visit_shared.id}/participants/import/{pending.id}").status_code == 302
    )
    person = db.session.scalar(select(Participant).where(Participant.full_name == "Лхагва Очир Энхжин"))
    assert person.organisation_id == world.org_b.id and person.nationality == "MN"


def test_one_bad_row_imports_nothing(world, liaison_a_client):
    before = count(world.visit_a)
    data = (GOOD + "Bad Date Person;student;UZ;31.02.2003;X3\r\n").encode()
    response = upload(liaison_a_client, world.visit_a, data)
    page = liaison_a_client.get(response.headers["Location"]).get_data(as_text=True)
    assert "1 row has a problem" in page and "“31.02.2003” is not a date" in page
    assert "Import 3 participants" not in page
    pending = db.session.scalar(
        select(PendingImport).where(
            PendingImport.filename == "people.csv", PendingImport.created_by_id == world.users["liaison_a"].id
        )
    )
    confirm = liaison_a_client.post(f"/visits/{world.visit_a.id}/participants/import/{pending.id}")
    assert confirm.status_code == 400
    assert "Nothing was imported" in confirm.get_data(as_text=True)
    assert count(world.visit_a) == before


def test_a_person_added_between_preview_and_commit_stops_the_import(world, liaison_a_client):
    response = upload(liaison_a_client, world.visit_a, GOOD.encode("utf-16"))
    assert response.status_code == 303
    ParticipantFactory(
        visit=world.visit_a,
        organisation=world.org_a,
        full_name="Riahi Amma Vissal",
        date_of_birth=None,
        document_number="T2",
    )
    before = count(world.visit_a)
    pending = db.session.scalar(select(PendingImport).where(PendingImport.filename == "people.csv"))
    confirm = liaison_a_client.post(f"/visits/{world.visit_a.id}/participants/import/{pending.id}")
    assert confirm.status_code == 400
    assert "Riahi Amma Vissal is already a participant of this visit." in confirm.get_data(as_text=True)
    assert count(world.visit_a) == before


def test_duplicates_against_the_visit_are_shown_in_the_preview(world, liaison_a_client):
    data = b"Full name,Date of birth\nAziza Karimova,05.04.2003\nNew Person,\nnew person,\n"
    response = upload(liaison_a_client, world.visit_a, data)
    page = liaison_a_client.get(response.headers["Location"]).get_data(as_text=True)
    assert "Aziza Karimova is already a participant of this visit." in page
    assert "The same person as on line 3 of this file." in page


def test_an_unreadable_file_is_refused_beside_the_field(world, liaison_a_client):
    response = upload(liaison_a_client, world.visit_a, b"Full name\n\x98\x98\xff\n")
    assert response.status_code == 200
    page = response.get_data(as_text=True)
    assert "cannot be read" in page and "is-invalid" in page
    assert db.session.scalar(select(func.count(PendingImport.id)).where(PendingImport.filename == "people.csv")) == 0


def test_a_file_of_another_kind_is_refused(world, liaison_a_client):
    response = upload(liaison_a_client, world.visit_a, b"%PDF-1.4", "scan.pdf")
    assert "Upload a .csv or .xlsx file." in response.get_data(as_text=True)


def test_a_new_upload_replaces_the_previous_preview(world, liaison_a_client):
    first = upload(liaison_a_client, world.visit_a, GOOD.encode())
    second = upload(liaison_a_client, world.visit_a, GOOD.encode())
    assert liaison_a_client.get(first.headers["Location"]).status_code == 404
    assert liaison_a_client.get(second.headers["Location"]).status_code == 200


def test_discarding_an_import_adds_nobody(world, liaison_a_client):
    before = count(world.visit_a)
    response = liaison_a_client.post(
        f"/visits/{world.visit_a.id}/participants/import/{world.pending_import.id}/discard"
    )
    assert response.status_code == 302
    assert db.session.get(PendingImport, world.pending_import.id) is None and count(world.visit_a) == before


def test_the_templates_download_and_import_once_filled_in(world, liaison_a_client):
    csv_template = liaison_a_client.get(f"/visits/{world.visit_a.id}/participants/import/template.csv")
    assert csv_template.mimetype == "text/csv" and "attachment" in csv_template.headers["Content-Disposition"]
    filled = csv_template.data + b"Nodira Yusupova;staff;UZ;;01.01.1980;AC555;nodira@example.uz;halal;\r\n"
    response = upload(liaison_a_client, world.visit_a, filled)
    page = liaison_a_client.get(response.headers["Location"]).get_data(as_text=True)
    assert "Import 1 participant" in page
    xlsx_template = liaison_a_client.get(f"/visits/{world.visit_a.id}/participants/import/template.xlsx")
    header = importing.read_table("t.xlsx", xlsx_template.data)[0]
    assert [c for c in header if c] == [column.label for column in importing.COLUMNS]


def test_the_upload_page_offers_progress_and_works_without_script(world, liaison_a_client):
    page = liaison_a_client.get(f"/visits/{world.visit_a.id}/participants/import").get_data(as_text=True)
    assert 'enctype="multipart/form-data"' in page and 'id="import-progress"' in page
    assert "/static/participants/import.js" in page
    script = liaison_a_client.get("/static/participants/import.js")
    assert script.status_code == 200 and b'upload.addEventListener("progress"' in script.data


def test_abandoned_previews_older_than_a_day_are_cleared(world, coordinator_client):
    from datetime import timedelta

    from partnership.db import utcnow

    stale_id = world.pending_import.id
    world.pending_import.created_at = utcnow() - timedelta(days=2)
    db.session.commit()
    response = upload(coordinator_client, world.visit_b, GOOD.encode(), organisation_id=str(world.org_b.id))
    assert response.status_code == 303
    db.session.expire_all()
    assert db.session.get(PendingImport, stale_id) is None


def test_an_upload_whose_session_is_touched_in_the_read_phase_succeeds(app, world):
    """Signed in through the form, last seen minutes ago: resuming the session writes its
    last_seen_at while the upload's request is still in its read phase (no write lock on
    SQLite); the touch takes its own short transaction and the upload goes through."""
    from datetime import timedelta

    from sqlalchemy import update

    from partnership.accounts.models import UserSession
    from partnership.db import utcnow
    from tests.factories import PASSWORD

    client = app.test_client()
    assert client.post("/login", data={"username": "liaison.a", "password": PASSWORD}).status_code == 302
    token = client.csrf_token()
    earlier = utcnow() - timedelta(minutes=5)
    db.session.execute(update(UserSession).values(last_seen_at=earlier))
    db.session.commit()
    response = client.post(
        f"/visits/{world.visit_shared.id}/participants/import",
        data={"file": (io.BytesIO(GOOD.encode()), "people.csv"), "csrf_token": token},
        content_type="multipart/form-data",
    )
    assert response.status_code == 303, response.get_data(as_text=True)[:2000]
    db.session.expire_all()
    seen = db.session.scalar(select(UserSession.last_seen_at))
    assert seen > earlier + timedelta(minutes=4)  # the touch was written
    pending = db.session.scalar(select(PendingImport).where(PendingImport.visit_id == world.visit_shared.id))
    assert response.headers["Location"].endswith(f"/participants/import/{pending.id}")


AMBIGUOUS = "Full name;Date of birth\r\nMalika Tursunova;03/05/2004\r\n"


def pending_of(user) -> PendingImport:
    return db.session.scalar(select(PendingImport).where(PendingImport.created_by_id == user.id))


def test_an_ambiguous_date_order_is_asked_and_nothing_imported_until_answered(world, liaison_a_client):
    response = upload(liaison_a_client, world.visit_a, AMBIGUOUS.encode())
    page = liaison_a_client.get(response.headers["Location"]).get_data(as_text=True)
    assert "Which date order does this file use?" in page
    assert "May 3, 2004" in page and "March 5, 2004" in page and "Import 1 participant" not in page
    pending = pending_of(world.users["liaison_a"])
    before = count(world.visit_a)
    refused = liaison_a_client.post(f"/visits/{world.visit_a.id}/participants/import/{pending.id}")
    assert refused.status_code == 400 and "say which date order" in refused.get_data(as_text=True)
    answered = liaison_a_client.post(
        f"/visits/{world.visit_a.id}/participants/import/{pending.id}/options", data={"date_order": "mdy"}
    )
    assert answered.status_code == 303
    page = liaison_a_client.get(answered.headers["Location"]).get_data(as_text=True)
    assert "Import 1 participant" in page and "Nothing will be imported until you choose" not in page
    assert liaison_a_client.post(f"/visits/{world.visit_a.id}/participants/import/{pending.id}").status_code == 302
    person = db.session.scalar(select(Participant).where(Participant.full_name == "Malika Tursunova"))
    assert person.date_of_birth.isoformat() == "2004-03-05" and count(world.visit_a) == before + 1


def test_a_workbook_names_its_sheet_and_another_can_be_chosen(world, coordinator_client):
    from openpyxl import Workbook

    book = Workbook()
    book.active.title = "Programme"
    book.active.append(["Day", "Where"])
    people = book.create_sheet("Delegation")
    people.append(["Full name", "Role", "Nationality"])
    people.append(["Ganbold Bat-Erdene", "lead", "MN"])
    staff = book.create_sheet("Staff")
    staff.append(["Full name"])
    staff.append(["Oyun Tsetseg"])
    out = io.BytesIO()
    book.save(out)
    response = upload(
        coordinator_client, world.visit_shared, out.getvalue(), "people.xlsx", organisation_id=str(world.org_b.id)
    )
    page = coordinator_client.get(response.headers["Location"]).get_data(as_text=True)
    assert "sheet “Delegation”" in page and "Ganbold Bat-Erdene" in page and '<option value="Staff"' in page
    pending = pending_of(world.users["coordinator"])
    chosen = coordinator_client.post(
        f"/visits/{world.visit_shared.id}/participants/import/{pending.id}/options", data={"sheet": "Staff"}
    )
    page = coordinator_client.get(chosen.headers["Location"]).get_data(as_text=True)
    assert "sheet “Staff”" in page and "Oyun Tsetseg" in page and "Ganbold Bat-Erdene" not in page
    bad = coordinator_client.post(
        f"/visits/{world.visit_shared.id}/participants/import/{pending.id}/options", data={"sheet": "Nope"}
    )
    assert bad.status_code == 400


def test_a_heading_row_is_shown_with_its_warning_and_not_imported(world, liaison_a_client):
    data = "Full name;Role\r\nGroup 2 — Mongolian State University;\r\nTemuulen Bold;student\r\n".encode()
    response = upload(liaison_a_client, world.visit_a, data)
    page = liaison_a_client.get(response.headers["Location"]).get_data(as_text=True)
    assert "looks like a heading, not a person — it will be skipped" in page
    assert "1 person" in page and "Import 1 participant" in page
    pending = pending_of(world.users["liaison_a"])
    before = count(world.visit_a)
    assert liaison_a_client.post(f"/visits/{world.visit_a.id}/participants/import/{pending.id}").status_code == 302
    assert count(world.visit_a) == before + 1


PPE_FILE = "Full name;Medical clearance;PPE issued;Boot size\r\nSardor Aliev;ha;yes;44\r\n"


def test_ppe_issued_is_imported_only_from_the_hosts_staff(world, liaison_a_client, coordinator_client):
    for client, visit, org, issued in (
        (liaison_a_client, world.visit_a, world.org_a, False),
        (coordinator_client, world.visit_b, world.org_b, True),
    ):
        response = upload(client, visit, PPE_FILE.encode(), organisation_id=str(org.id))
        page = client.get(response.headers["Location"]).get_data(as_text=True)
        assert ("PPE issued" in page) is issued
        pending = db.session.scalar(select(PendingImport).where(PendingImport.visit_id == visit.id))
        assert client.post(f"/visits/{visit.id}/participants/import/{pending.id}").status_code == 302
        person = db.session.scalar(
            select(Participant).where(Participant.visit_id == visit.id, Participant.full_name == "Sardor Aliev")
        )
        assert person.medical_clearance and person.boot_size == "44" and person.ppe_issued is issued


def test_a_large_file_is_checked_page_by_page_and_its_problem_rows_on_their_own(world, coordinator_client, app):
    """A file of thousands of people gives a preview of the same size: one page of rows, a pager,
    and the rows with problems to be seen on their own."""
    lines = ["Full name;Nationality;Date of birth"]
    lines += [f"Person {n:03d};UZ;{'bad date' if n in (7, 180) else '2003-04-01'}" for n in range(250)]
    response = upload(
        coordinator_client, world.visit_shared, "\r\n".join(lines).encode(), organisation_id=str(world.org_b.id)
    )
    preview_url = response.headers["Location"]
    size = app.config["PARTICIPANTS_PAGE_SIZE"]
    first = coordinator_client.get(preview_url).get_data(as_text=True)
    assert "Person 000" in first and f"Person {size - 1:03d}" in first and f"Person {size:03d}" not in first
    assert "2 rows have problems" in first and "Rows with problems or warnings (2)" in first
    assert f"{preview_url}?page=2" in first  # the pager
    last = coordinator_client.get(f"{preview_url}?page=3").get_data(as_text=True)
    assert "Person 249" in last and "Person 000" not in last
    flagged = coordinator_client.get(f"{preview_url}?show=problems").get_data(as_text=True)
    assert "Person 007" in flagged and "Person 180" in flagged and "Person 008" not in flagged
    assert coordinator_client.get(f"{preview_url}?page=99").status_code == 200  # past the end: no rows, no error


def test_the_rows_shown_are_marked_as_the_current_choice(world, coordinator_client):
    lines = ["Full name;Nationality;Date of birth", "Good Person;UZ;2003-04-01", "Bad Person;UZ;bad date"]
    data = "\r\n".join(lines).encode()
    url = upload(coordinator_client, world.visit_shared, data, organisation_id=str(world.org_b.id)).headers["Location"]
    for query, current in (("", "All rows (2)"), ("?show=problems", "Rows with problems or warnings (1)")):
        page = coordinator_client.get(url + query).get_data(as_text=True)
        choices = page[page.index('id="import-show"') : page.index("</ul>", page.index('id="import-show"'))]
        assert choices.count('aria-current="page"') == choices.count(" active") == 1
        assert re.search(r'class="nav-link active" href="[^"]+" aria-current="page">' + re.escape(current), choices)

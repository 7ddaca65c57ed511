"""The language of the messages a participant is sent: on the form, and an optional import column."""

from datetime import date

from sqlalchemy import select

from partnership.extensions import db
from partnership.participants import importing
from partnership.visits.models import Participant
from tests.participants.test_import_pages import upload


def test_the_form_keeps_a_participant_language(world, liaison_a_client):
    response = liaison_a_client.post(
        f"/visits/{world.visit_a.id}/participants/new",
        data={"full_name": "Olga Petrova", "role": "student", "email": "olga@example.org", "language": "ru"},
    )
    assert response.status_code == 302
    person = db.session.scalar(select(Participant).where(Participant.full_name == "Olga Petrova"))
    assert person.language == "ru"


def test_no_language_chosen_is_none(world, liaison_a_client):
    liaison_a_client.post(
        f"/visits/{world.visit_a.id}/participants/new",
        data={"full_name": "John Smith", "role": "student", "language": ""},
    )
    assert db.session.scalar(select(Participant.language).where(Participant.full_name == "John Smith")) is None


def test_the_import_reads_language_codes_and_names():
    table = [
        ["Full name", "Язык"],
        ["A", "ru"],
        ["B", "Oʻzbekcha"],
        ["C", "English"],
        ["D", ""],
        ["E", "Klingon"],
    ]
    rows = importing.parse_rows(table, date(2026, 1, 1))
    assert [r["values"].get("language") for r in rows] == ["ru", "uz", "en", None, None]
    assert [e["code"] for e in rows[4]["errors"]] == ["unknown_language"]
    assert importing.error_message(rows[4]["errors"][0]).startswith("“Klingon” is not a language")


def test_an_imported_language_is_saved(world, liaison_a_client):
    data = b"Full name;Email;Language\r\nAziz Karimov;aziz@example.org;uz\r\n"
    response = upload(liaison_a_client, world.visit_a, data)
    assert response.status_code == 303
    pending_page = liaison_a_client.get(response.headers["Location"])
    assert pending_page.status_code == 200
    pending_id = response.headers["Location"].rstrip("/").rsplit("/", 1)[-1]
    liaison_a_client.post(f"/visits/{world.visit_a.id}/participants/import/{pending_id}")
    assert db.session.scalar(select(Participant.language).where(Participant.full_name == "Aziz Karimov")) == "uz"


def test_a_language_we_do_not_write_is_refused_beside_the_field(world, liaison_a_client):
    page = liaison_a_client.post(
        f"/visits/{world.visit_a.id}/participants/new",
        data={"full_name": "Jean Dupont", "role": "student", "language": "fr"},
    ).get_data(as_text=True)
    assert "Choose one of the languages offered." in page
    assert db.session.scalar(select(Participant).where(Participant.full_name == "Jean Dupont")) is None

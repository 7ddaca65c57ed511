"""Downloads through the pages: the file, its language, whose people it holds;
the summary form's refusals beside their fields; photo uploads."""

import io
import re

import pytest
from flask import render_template_string
from sqlalchemy import select

from partnership.extensions import db
from partnership.reports.models import VisitPhoto
from tests.reports.conftest import MONGOLIAN, both_texts, expected_in
from tests.reports.factories import image_bytes

DOCUMENTS = ["report", "programme", "participants", "badges", "invitations"]


def _pdf(response) -> bytes:
    assert response.status_code == 200, response.status_code
    assert response.mimetype == "application/pdf"
    assert response.headers["Content-Disposition"].startswith("attachment")
    return response.data


@pytest.mark.parametrize("name", DOCUMENTS)
def test_a_coordinator_downloads_each_document_in_the_chosen_language(coordinator_client, cast, name, tmp_path):
    response = coordinator_client.get(f"/visits/{cast.visit.id}/{name}.pdf?lang=ru")
    texts = both_texts(_pdf(response), tmp_path)
    assert f"-{name}-ru.pdf" in response.headers["Content-Disposition"]
    for text in texts:
        assert all(n in text for n in expected_in(name, ["Лхагва Очир Энхжин", "Oʻktam Gʻulomov"]))
        assert "Монгольский государственный университет" in text or name == "badges" and "Монгол" in text


def test_an_unknown_language_falls_back_to_the_interface_language(coordinator_client, cast, tmp_path):
    response = coordinator_client.get(f"/visits/{cast.visit.id}/participants.pdf?lang=xx")
    assert "-participants-en.pdf" in response.headers["Content-Disposition"]
    assert "Mongolian State University" in both_texts(_pdf(response), tmp_path)[1]


@pytest.mark.parametrize("name", DOCUMENTS)
def test_a_liaisons_download_holds_none_of_another_organisations_people(liaison_a_client, cast, name, tmp_path):
    for text in both_texts(_pdf(liaison_a_client.get(f"/visits/{cast.visit.id}/{name}.pdf")), tmp_path):
        assert all(n in text for n in expected_in(name, ["Oʻktam Gʻulomov", "Çağrı Öztürk"]))
        for other in MONGOLIAN:
            assert other not in text


def test_a_liaison_gets_their_own_peoples_document_numbers_but_not_anothers_letter(app, cast, login, world, tmp_path):
    client = login(world.users["liaison_a"])
    person = cast.people["Çağrı Öztürk"]
    text = both_texts(_pdf(client.get(f"/visits/{cast.visit.id}/invitations/{person.id}.pdf")), tmp_path)[1]
    assert "U12345678" in text
    other = cast.people["Лхагва Очир Энхжин"]
    assert client.get(f"/visits/{cast.visit.id}/invitations/{other.id}.pdf").status_code == 404


def test_management_reads_the_participant_list_without_sensitive_fields(management_client, cast, tmp_path):
    for text in both_texts(_pdf(management_client.get(f"/visits/{cast.visit.id}/participants.pdf")), tmp_path):
        assert "Çağrı Öztürk" in text and "U12345678" not in text
    assert management_client.get(f"/visits/{cast.visit.id}/invitations.pdf").status_code == 403


def test_a_document_for_a_visit_from_another_organisation_is_not_found(liaison_b_client, world):
    visit = world.visit_a
    for name in DOCUMENTS:
        assert liaison_b_client.get(f"/visits/{visit.id}/{name}.pdf").status_code == 404


# --- summary -----------------------------------------------------------------------


def test_the_reports_page_offers_the_summary_for_this_year(management_client):
    page = management_client.get("/reports").get_data(as_text=True)
    assert 'name="from"' in page and 'name="to"' in page and 'name="lang"' in page
    assert 'action="/reports/summary.pdf"' in page


def test_the_summary_downloads_for_a_period(management_client, cast, tmp_path):
    response = management_client.get("/reports/summary.pdf?from=2025-01-01&to=2025-12-31&lang=uz")
    assert "partnership-summary-2025-01-01-2025-12-31-uz.pdf" in response.headers["Content-Disposition"]
    text = both_texts(_pdf(response), tmp_path)[1]
    assert "Moʻgʻuliston davlat universiteti" in text and "Kalmakyr mine" in text


@pytest.mark.parametrize(
    "query, field, message",
    [
        ("from=2025-12-31&to=2025-01-01", "to", "The period ends before it starts."),
        ("to=2025-01-01", "from", "Give the first day."),
        ("from=yesterday&to=2025-01-01", "from", "Not a valid date value."),
        ("from=2000-01-01&to=2025-01-01", "to", "Choose a period of at most twenty years."),
        ("from=2025-01-01&to=2025-12-31&lang=fr", "lang", "Not a valid choice"),
    ],
)
def test_a_bad_period_is_refused_beside_its_field(coordinator_client, query, field, message):
    response = coordinator_client.get(f"/reports/summary.pdf?{query}")
    assert response.status_code == 400
    page = response.get_data(as_text=True)
    match = re.search(
        rf'<input[^>]*name="{field}"[^>]*>.*?<div class="invalid-feedback[^"]*"[^>]*>(.*?)</div>', page, re.S
    ) or re.search(
        rf'<select[^>]*name="{field}"[^>]*>.*?<div class="invalid-feedback[^"]*"[^>]*>(.*?)</div>', page, re.S
    )
    assert match and message in match.group(1), page[:3000]


def test_liaisons_get_no_summary(liaison_a_client):
    assert liaison_a_client.get("/reports").status_code == 403
    assert liaison_a_client.get("/reports/summary.pdf?from=2025-01-01&to=2025-12-31").status_code == 403


# --- download buttons ----------------------------------------------------------------


def _buttons(app, user, visit) -> str:
    with app.test_request_context():
        from flask_login import login_user

        login_user(user)
        return render_template_string(
            "{% from 'reports/_visit_downloads.html' import visit_downloads %}{{ visit_downloads(visit) }}", visit=visit
        )


def test_the_download_buttons_follow_the_role(app, world, cast):
    staff = _buttons(app, world.users["coordinator"], cast.visit)
    assert all(f"/visits/{cast.visit.id}/{name}.pdf" in staff for name in DOCUMENTS)
    assert f"/visits/{cast.visit.id}/photos" in staff and 'name="lang"' in staff
    management = _buttons(app, world.users["management"], cast.visit)
    assert "report.pdf" in management and "invitations.pdf" not in management and "/photos" not in management
    liaison = _buttons(app, world.users["liaison_a"], cast.visit)
    assert "invitations.pdf" in liaison and "/photos" not in liaison
    assert _buttons(app, world.users["liaison_b"], world.visit_a).strip() == ""


# --- photos --------------------------------------------------------------------------


def _photos(visit_id: int) -> list[VisitPhoto]:
    db.session.expire_all()
    return list(db.session.scalars(select(VisitPhoto).where(VisitPhoto.visit_id == visit_id)))


def test_a_coordinator_adds_a_photo_that_appears_in_the_report(coordinator_client, cast, tmp_path):
    response = coordinator_client.post(
        f"/visits/{cast.visit.id}/photos",
        data={"photo": (io.BytesIO(image_bytes("JPEG", (320, 200))), "mine.jpg"), "caption": "At the Kalmakyr mine"},
        content_type="multipart/form-data",
    )
    assert response.status_code == 302
    [photo] = _photos(cast.visit.id)
    assert photo.caption == "At the Kalmakyr mine"
    page = coordinator_client.get(f"/visits/{cast.visit.id}/photos").get_data(as_text=True)
    assert f"/visits/{cast.visit.id}/photos/{photo.id}" in page
    image = coordinator_client.get(f"/visits/{cast.visit.id}/photos/{photo.id}")
    assert image.mimetype == "image/jpeg" and image.data == photo.content
    report = _pdf(coordinator_client.get(f"/visits/{cast.visit.id}/report.pdf"))
    assert "At the Kalmakyr mine" in both_texts(report, tmp_path)[1]
    assert b"/Subtype /Image" in report


def test_a_file_that_is_not_a_photo_is_refused_beside_the_field(coordinator_client, cast):
    response = coordinator_client.post(
        f"/visits/{cast.visit.id}/photos",
        data={"photo": (io.BytesIO(b"GIF89a not really"), "trick.jpg"), "caption": "x"},
        content_type="multipart/form-data",
    )
    assert response.status_code == 200
    page = response.get_data(as_text=True)
    assert re.search(r'name="photo".*?invalid-feedback[^>]*>\s*Only JPEG and PNG photos can be added.', page, re.S)
    assert _photos(cast.visit.id) == []


def test_an_upload_without_a_file_asks_for_one(coordinator_client, cast):
    response = coordinator_client.post(f"/visits/{cast.visit.id}/photos", data={"caption": "x"})
    assert response.status_code == 200 and "Choose a photo." in response.get_data(as_text=True)


def test_an_upload_without_the_csrf_token_is_refused(coordinator_client, cast):
    response = coordinator_client.post(
        f"/visits/{cast.visit.id}/photos",
        data={"photo": (io.BytesIO(image_bytes()), "a.jpg")},
        content_type="multipart/form-data",
        no_csrf=True,
    )
    assert response.status_code == 400
    assert _photos(cast.visit.id) == []


def test_removing_a_photo(coordinator_client, world):
    photo_id = world.report_photo.id
    response = coordinator_client.post(f"/visits/{world.report_visit.id}/photos/{photo_id}/delete")
    assert response.status_code == 302
    assert _photos(world.report_visit.id) == []


def test_a_photo_is_only_reached_through_its_own_visit(admin_client, world):
    assert admin_client.get(f"/visits/{world.report_visit_b.id}/photos/{world.report_photo.id}").status_code == 404
    assert (
        admin_client.post(f"/visits/{world.report_visit_b.id}/photos/{world.report_photo.id}/delete").status_code == 404
    )
    assert len(_photos(world.report_visit.id)) == 1


def test_only_staff_keep_photos(app, world, login):
    for role in ("management", "liaison_a"):
        client = login(world.users[role])
        assert client.get(f"/visits/{world.report_visit.id}/photos").status_code == 403


def _summary_form(app, user) -> str:
    with app.test_request_context():
        from flask_login import login_user

        login_user(user)
        return render_template_string(
            "{% from 'reports/_summary_download.html' import summary_download %}{{ summary_download() }}"
        )


def test_the_summary_form_is_offered_to_its_readers_only(app, world):
    for role in ("admin", "coordinator", "management"):
        form = _summary_form(app, world.users[role])
        assert 'action="/reports/summary.pdf"' in form and 'name="from"' in form and 'name="lang"' in form
    assert _summary_form(app, world.users["liaison_a"]).strip() == ""

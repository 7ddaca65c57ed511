"""Every visit document, in every language: the names come out exactly, in
their own scripts, through pypdf and through poppler's pdftotext; a reader's
scope keeps other organisations' people out."""

import io
import re
import shutil
import subprocess

import pytest
from pypdf import PdfReader

from partnership.reports import documents
from partnership.reports.access import Document, Scope
from partnership.reports.badges import Badges
from partnership.reports.links import pass_url
from tests.factories import AgreementFactory
from tests.reports.conftest import LANGUAGES, NAMES, both_texts, expected_in, page_count, poppler_text, pypdf_text
from tests.reports.factories import ParticipantFactory, VisitFactory

VISIT_DOCUMENTS = list(Document)


@pytest.mark.parametrize("language", LANGUAGES)
@pytest.mark.parametrize("document", VISIT_DOCUMENTS, ids=lambda d: d.value)
def test_every_name_comes_out_exactly(app, cast, document, language, tmp_path):
    data = documents.render_visit_document(document, cast.visit.id, language)
    assert data.startswith(b"%PDF")
    for text in both_texts(data, tmp_path):
        for name in expected_in(document.value, NAMES):
            assert name in text, f"{name!r} missing from the {document.value} in {language}"


@pytest.mark.parametrize("document", VISIT_DOCUMENTS, ids=lambda d: d.value)
def test_an_organisations_scope_holds_none_of_the_others_people(app, cast, document, tmp_path):
    data = documents.render_visit_document(document, cast.visit.id, "ru", Scope(organisation_id=cast.org_a.id))
    for text in both_texts(data, tmp_path):
        for name in expected_in(document.value, cast.a_names):
            assert name in text
        for name in cast.b_names:
            assert name not in text


def test_organisation_names_follow_the_language(app, cast, tmp_path):
    texts = {
        lang: both_texts(documents.render_visit_document(Document.participants, cast.visit.id, lang), tmp_path)[1]
        for lang in LANGUAGES
    }
    assert "Mongolian State University" in texts["en"]
    assert "Монгольский государственный университет" in texts["ru"]
    assert "Moʻgʻuliston davlat universiteti" in texts["uz"]


def test_participant_list_shows_sensitive_fields_only_to_those_allowed(app, cast, tmp_path):
    person = cast.people["Çağrı Öztürk"]
    full = both_texts(documents.render_visit_document(Document.participants, cast.visit.id, "en", Scope()), tmp_path)
    plain = both_texts(
        documents.render_visit_document(Document.participants, cast.visit.id, "en", Scope(sensitive=False)), tmp_path
    )
    for text in full:
        assert person.document_number in text
    for text in plain:
        assert person.document_number not in text
        assert "Document number" not in text
        assert "Çağrı Öztürk" in text


def test_invitation_letters_one_page_per_person_with_their_details(app, cast, tmp_path):
    data = documents.render_visit_document(Document.invitations, cast.visit.id, "en")
    needing_a_visa = [p for p in cast.people.values() if p.nationality != "UZ"]
    assert len(needing_a_visa) == 5 and page_count(data) == 5
    person = cast.people["Çağrı Öztürk"]
    one = documents.render_visit_document(Document.invitations, cast.visit.id, "en", participants=[person])
    assert page_count(one) == 1
    for text in both_texts(one, tmp_path):
        assert "Çağrı Öztürk" in text
        assert "U12345678" in text
        assert "Türkiye" in text or "Turkey" in text
        assert "Лхагва Очир Энхжин" not in text
        assert "Almalyk Mining and Metallurgical Complex JSC" in text
        assert "MOU-GEO-2024" in text


def test_no_letter_for_a_citizen_of_the_host_country(app, cast, tmp_path):
    citizen = cast.people["Ўткир Қодиров"]
    data = documents.render_visit_document(Document.invitations, cast.visit.id, "en", participants=[citizen])
    text = both_texts(data, tmp_path)[1]
    assert "Ўткир Қодиров" not in text
    assert "citizens of Uzbekistan need no invitation letter" in text


@pytest.mark.parametrize(
    ("name", "language", "addressee"),
    [
        ("Лхагва Очир Энхжин", "ru", "В консульский отдел Посольства Республики Узбекистан в Монголии"),
        ("Лхагва Очир Энхжин", "uz", "Oʻzbekiston Respublikasining Mongoliyadagi elchixonasi konsullik boʻlimiga"),
        ("Çağrı Öztürk", "en", "Embassy of the Republic of Uzbekistan in the Republic of Türkiye"),
        ("Riahi Amma Vissal", "en", "Embassy of the Republic of Uzbekistan (country: Tunisia)"),
        ("Riahi Amma Vissal", "ru", "Посольства Республики Узбекистан (страна: Тунис)"),
    ],
)
def test_a_letter_is_addressed_to_the_embassy_in_the_persons_country(app, cast, tmp_path, name, language, addressee):
    one = documents.render_visit_document(
        Document.invitations, cast.visit.id, language, participants=[cast.people[name]]
    )
    assert page_count(one) == 1
    for text in both_texts(one, tmp_path):
        assert addressee in text


def test_a_letter_under_many_agreements_stays_one_page(app, cast, world):
    for n in range(14):
        cast.visit.agreements.append(
            AgreementFactory(
                reference=f"LONG-AGREEMENT-{n:02d}",
                title="Agreement on cooperation in education, research and practical training " * 3,
                parties=[world.org_a, world.ministry],
            )
        )
    person = cast.people["Лхагва Очир Энхжин"]
    person.faculty = "Faculty of Geology, Geophysics and Mining Engineering, Department of Open-Pit Mining " * 2
    one = documents.render_visit_document(Document.invitations, cast.visit.id, "ru", participants=[person])
    assert page_count(one) == 1
    assert "LONG-AGREEMENT-13" in pypdf_text(one)


def test_a_russian_letter_holds_no_english_sentence(app, cast, tmp_path):
    person = cast.people["Лхагва Очир Энхжин"]
    person.faculty = None
    text = both_texts(
        documents.render_visit_document(Document.invitations, cast.visit.id, "ru", participants=[person]), tmp_path
    )[1]
    # What stays in Latin letters: the agreements' references, the coordinator's name and address.
    for agreement in cast.visit.agreements:
        text = text.replace(agreement.reference, " ")
    words_without_digits = re.sub(r"\S*\d\S*", " ", text)  # the document number
    latin = re.findall(r"[A-Za-z][A-Za-z’']+(?: [A-Za-z][A-Za-z’']+)*", words_without_digits)
    allowed = {"Dilnoza Karimova", "www", "agmk", "uz", "d", "karimova", "example", "org"}
    words = {w for phrase in latin for w in re.split(r"[ .@-]", phrase) if w}
    assert not [w for w in words if w not in allowed and not any(w in a for a in allowed)], latin


def test_invitation_letterhead_comes_from_configuration(app, cast, tmp_path, monkeypatch):
    for key, value in {
        "COMPANY_PHONE": "+998 70 000 11 22",
        "COMPANY_EMAIL": "visits@example.uz",
        "COMPANY_SIGNATORY": "Bahodir Aliyev",
        "COMPANY_NAME": {"en": "Test Copper Works", "ru": "Медный завод"},
    }.items():
        monkeypatch.setitem(app.config, key, value)
    text_en = both_texts(documents.render_visit_document(Document.invitations, cast.visit.id, "en"), tmp_path)[1]
    text_ru = both_texts(documents.render_visit_document(Document.invitations, cast.visit.id, "ru"), tmp_path)[1]
    assert "+998 70 000 11 22" in text_en and "visits@example.uz" in text_en and "Bahodir Aliyev" in text_en
    assert "Test Copper Works" in text_en
    assert "Медный завод" in text_ru


def test_badges_eight_to_a_sheet_with_a_gate_pass_code_each(app, cast, monkeypatch):
    drawn = []
    monkeypatch.setattr(Badges, "qr", staticmethod(lambda canvas, url, x, y: drawn.append(url)))
    data = documents.render_visit_document(Document.badges, cast.visit.id, "uz")
    people = cast.visit.participants
    assert len(people) == 8 and page_count(data) == 1
    assert sorted(drawn) == sorted(pass_url(p) for p in people)
    assert all(
        "/pass/" in url and url.rsplit("/", 1)[1] == p.pass_token
        for url, p in zip(sorted(drawn), sorted(people, key=pass_url), strict=True)
    )
    assert len(set(drawn)) == len(people)

    for number in range(9):
        ParticipantFactory(visit=cast.visit, organisation=cast.org_a, full_name=f"Extra {number}")
    assert page_count(documents.render_visit_document(Document.badges, cast.visit.id, "uz")) == 3


def test_badges_draw_real_qr_codes(app, cast, tmp_path):
    """Each badge's code is an image of one pixel a module; rendered, every one reads back as its pass."""
    data = documents.render_visit_document(Document.badges, cast.visit.id, "en")
    page = PdfReader(io.BytesIO(data)).pages[0]
    assert len(page.images) == 8
    if not (shutil.which("pdftoppm") and shutil.which("zbarimg")):
        pytest.skip("poppler-utils and zbar-tools read the codes back")
    (tmp_path / "badges.pdf").write_bytes(data)
    subprocess.run(
        [
            "pdftoppm",
            "-r",
            "150",
            "-png",
            "-f",
            "1",
            "-l",
            "1",
            "-singlefile",
            str(tmp_path / "badges.pdf"),
            str(tmp_path / "page"),
        ],
        check=True,
    )
    read = subprocess.run(["zbarimg", "--quiet", "--raw", str(tmp_path / "page.png")], capture_output=True, text=True)
    assert sorted(read.stdout.split()) == sorted(pass_url(p) for p in cast.visit.participants)


def test_a_name_with_markup_characters_is_printed_as_typed(app, cast, tmp_path):
    ParticipantFactory(visit=cast.visit, organisation=cast.org_a, full_name="Anna <b>Smith</b> & Co", nationality="GB")
    for document in VISIT_DOCUMENTS:
        for text in both_texts(documents.render_visit_document(document, cast.visit.id, "en"), tmp_path):
            assert "Anna <b>Smith</b> & Co" in text


def test_decomposed_accents_are_composed(app, cast, tmp_path):
    ParticipantFactory(visit=cast.visit, organisation=cast.org_a, full_name="C\u0327ag\u0306an Yılmaz")
    text = both_texts(documents.render_visit_document(Document.participants, cast.visit.id, "en"), tmp_path)[1]
    assert "Çağan Yılmaz" in text


def test_an_empty_visit_still_gives_a_document(app, world, tmp_path):
    visit = VisitFactory(organisations=[world.org_a])
    for document in VISIT_DOCUMENTS:
        data = documents.render_visit_document(document, visit.id, "ru")
        assert page_count(data) >= 1


def test_the_report_quotes_approved_words_named_only_with_consent(app, cast, tmp_path):
    from partnership.reports.access import Scope

    text = both_texts(documents.render_visit_document(Document.report, cast.visit.id, "en"), tmp_path)[1]
    assert "Seeing large-scale technological operations was very exciting." in text
    assert "— Riahi Amma Vissal, University of Geological Sciences, Tunisia" in text
    assert "Бид үйлдвэрлэлийн процессыг шууд ажигласан." in text
    assert "A quiet student liked the museum most." in text
    assert "— A student of Mongolian State University" in text
    assert "Not approved" not in text
    # Ratings per site: the mine 5, 5, 4 and 3 → 4.2 over four responses.
    assert "Kalmakyr mine 4 4.3 of 5" in text or "Kalmakyr mine 4 4.2 of 5" in text
    liaison = both_texts(
        documents.render_visit_document(Document.report, cast.visit.id, "en", Scope(organisation_id=cast.org_a.id)),
        tmp_path,
    )[1]
    assert "Riahi Amma Vissal" in liaison and "Бид үйлдвэрлэлийн" not in liaison and "A quiet student" not in liaison


@pytest.mark.parametrize(
    ("language", "participants", "rating"),
    [("ru", "участники", r"\b\d,\d из 5"), ("uz", "ishtirokchilar", r"5 dan \d,\d\b")],
)
def test_key_figures_read_number_then_label_and_decimals_follow_the_language(
    app, cast, tmp_path, language, participants, rating
):
    data = documents.render_visit_document(Document.report, cast.visit.id, language)
    count = len(cast.visit.participants)
    # The order the file holds its text in (what a screen reader, a copy and pdftotext -raw read);
    # pdftotext's default groups what lies on one line across the tiles.
    for text in (pypdf_text(data), poppler_text(data, tmp_path, "-raw")):
        assert f"{count} {participants}" in text  # each tile: its number, then its label
        assert re.search(rating, text), text[:600]  # 4,3 из 5: a decimal comma
        assert not re.search(r"\b\d\.\d / 5", text)

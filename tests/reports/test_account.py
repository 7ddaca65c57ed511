"""The visit report as an account: sentences from translated templates, reviewed in Russian and
Uzbek, built so that no name is declined; "as carried out" only from attendance; the texts people
enter printed in the reader's language; nothing English left in the scenario's Russian and Uzbek
reports."""

import re
from datetime import date, datetime

import pytest
from flask_babel import force_locale
from sqlalchemy import select

from partnership.extensions import db
from partnership.programme.models import ItineraryAttendee, ItineraryItem
from partnership.reports import documents, queries
from partnership.reports.access import SYSTEM, Document
from partnership.reports.visit_report import VisitReport
from partnership.visits.models import Visit, VisitStatus
from tests.reports.conftest import poppler_text
from tests.reports.factories import ParticipantFactory, VisitFactory
from tests.sites.factories import SiteFactory

# The scenario visit of the demo, sentence by sentence, as reviewed.
SCENARIO = {
    "en": [
        "From June 24, 2025 to June 25, 2025, Almalyk Mining and Metallurgical Complex JSC hosted a delegation of "
        "31 participants: 26 students and 5 accompanying staff.",
        "The delegation came from: Mongolian State University (Mongolia); Osh Technological University "
        "(Kyrgyzstan); University of Geological Sciences (Uzbekistan).",
        "Legal basis of the visit: Cooperation agreement in higher education between the ministries of Uzbekistan "
        "and Mongolia (CA-EDU-UZ-MN-2025); Agreements of the First International Forum of Rectors of Kyrgyz and "
        "Uzbek higher education institutions (FR-KG-UZ-2024/07); Memorandum of Understanding on cooperation in "
        "geology and mining between Uzbekistan and Mongolia (MoU-UZ-MN-2025/01).",
        "Sites visited, as attendance records them: Kalmakyr mine, AMMC Honorary History Museum, AMMC Training "
        "Center — Engineering School, AMMC Resources and Mining Department.",
        "Feedback: 40 ratings of the sites, on average 4.0 of 5.",
    ],
    "ru": [
        "С 24 июня 2025 г. по 25 июня 2025 г. на предприятии АО «Алмалыкский горно-металлургический комбинат» "
        "побывала делегация численностью 31 чел.: студентов — 26, сопровождающих сотрудников — 5.",
        "Состав делегации: Монгольский государственный университет (Монголия); Ошский технологический "
        "университет (Киргизия); Университет геологических наук (Узбекистан).",
        "Правовая основа визита: Соглашение о сотрудничестве в сфере высшего образования между министерствами "
        "Узбекистана и Монголии (CA-EDU-UZ-MN-2025); Договорённости Первого международного форума ректоров вузов "
        "Кыргызстана и Узбекистана (FR-KG-UZ-2024/07); Меморандум о взаимопонимании в области геологии и горного "
        "дела между Узбекистаном и Монголией (MoU-UZ-MN-2025/01).",
        "Посещённые объекты (по отметкам посещаемости): Рудник «Кальмакыр», Почётный музей истории АГМК, Учебный "
        "центр АГМК — Инженерная школа, Управление ресурсов и горных работ АГМК.",
        "Обратная связь: оценок объектов — 40, в среднем 4,0 из 5.",
    ],
    "uz": [
        "24-iyun, 2025 – 25-iyun, 2025 kunlari «Olmaliq kon-metallurgiya kombinati» AJ korxonasiga 31 nafar "
        "ishtirokchidan iborat delegatsiya tashrif buyurdi: 26 nafar talaba va 5 nafar hamrohlik qiluvchi xodim.",
        "Delegatsiya tarkibi: Moʻgʻuliston davlat universiteti (Mongoliya); Oʻsh texnologiya universiteti "
        "(Qirgʻiziston); Geologiya fanlari universiteti (Oʻzbekiston).",
        "Tashrifning huquqiy asosi: Oʻzbekiston va Moʻgʻuliston vazirliklari oʻrtasida oliy taʼlim sohasida "
        "hamkorlik toʻgʻrisidagi kelishuv (CA-EDU-UZ-MN-2025); Qirgʻiziston va Oʻzbekiston oliy taʼlim muassasalari "
        "rektorlarining Birinchi xalqaro forumi kelishuvlari (FR-KG-UZ-2024/07); Oʻzbekiston va Moʻgʻuliston "
        "oʻrtasida geologiya va kon ishlari sohasida hamkorlik toʻgʻrisidagi oʻzaro anglashuv memorandumi "
        "(MoU-UZ-MN-2025/01).",
        "Tashrif buyurilgan obyektlar (davomat boʻyicha): «Qalmoqqir» koni, OKMK faxriy tarix muzeyi, OKMK oʻquv "
        "markazi — Muhandislik maktabi, OKMK resurslar va kon ishlari boshqarmasi.",
        "Fikr-mulohazalar: obyektlarga 40 ta baho, oʻrtacha 5 dan 4,0.",
    ],
}
# Words of English prose that no Russian or Uzbek report should print (names and references aside).
ENGLISH = re.compile(
    r"\b(the|and|of|with|from|for|was|were|is|are|this|that|visit|students|mine|museum|school|opening)\b", re.I
)


def sentences(visit: Visit, language: str) -> list[str]:
    report = VisitReport(queries.visit_for_documents(visit.id), language, SYSTEM)
    with force_locale(language):
        report.load()
        return [squash(sentence) for sentence in report.account_sentences()]


def squash(text: str) -> str:
    """One space between words: Babel's dates hold narrow no-break spaces ("2025\u202fг.")."""
    return " ".join(text.replace("\u202f", " ").replace("\xa0", " ").split())


@pytest.fixture
def scenario(app):
    assert app.test_cli_runner().invoke(args=["demo", "load"]).exit_code == 0
    return db.session.scalars(select(Visit).where(Visit.starts_on == date(2025, 6, 24))).one()


@pytest.mark.parametrize("language", ["en", "ru", "uz"])
def test_the_scenario_is_told_in_the_reviewed_sentences(app, scenario, language, tmp_path):
    assert sentences(scenario, language) == SCENARIO[language]
    text = squash(poppler_text(documents.render_visit_document(Document.report, scenario.id, language), tmp_path))
    for sentence in SCENARIO[language]:
        assert squash(sentence) in text, sentence  # printed as it is, names undeclined


@pytest.mark.parametrize("language", ["ru", "uz"])
def test_the_scenarios_russian_and_uzbek_documents_hold_no_english_prose(app, scenario, language, tmp_path):
    for document in (Document.report, Document.programme):
        text = poppler_text(documents.render_visit_document(document, scenario.id, language), tmp_path)
        for person in scenario.participants:  # names are as their owners write them
            text = text.replace(person.full_name, " ")
        assert not ENGLISH.findall(text), (document, sorted(set(ENGLISH.findall(text))))
    # The coordinator's account and the translated quotes are in the reader's language.
    report = poppler_text(documents.render_visit_document(Document.report, scenario.id, language), tmp_path)
    assert {"ru": "Во второй день Инженерная школа", "uz": "Ikkinchi kuni Oʻquv markazining"}[language] in report
    assert {"ru": "Я приехал в Узбекистан", "uz": "Oʻzbekistonga universitetimning"}[language] in report


def test_a_planned_visit_and_items_without_attendance_say_so(app, world):
    site = SiteFactory(name="Sary-Cheku pit", name_ru="Карьер «Сары-Чеку»", name_uz="«Sariq-Cheku» karyeri")
    visit = VisitFactory(
        title="Study tour",
        status=VisitStatus.completed,
        starts_on=date(2025, 6, 24),
        ends_on=date(2025, 6, 24),
        organisations=[world.org_b],
    )
    person = ParticipantFactory(visit=visit, organisation=world.org_b)
    db.session.add(
        ItineraryItem(
            visit=visit,
            site=site,
            starts_at=datetime(2025, 6, 24, 9),
            ends_at=datetime(2025, 6, 24, 12),
            activity="Open pit",
            activity_ru="Карьер",
            activity_uz="Karyer",
            attendances=[ItineraryAttendee(participant=person)],
        )
    )
    db.session.commit()
    assert sentences(visit, "ru")[-1] == "Посещаемость не отмечена: Карьер (Карьер «Сары-Чеку», 24 июня 2025 г.)."
    assert sentences(visit, "uz")[-1] == "Davomat qayd etilmagan: Karyer («Sariq-Cheku» karyeri, 24-iyun, 2025)."
    assert not any("Посещённые объекты" in s for s in sentences(visit, "ru"))  # nothing counts as carried out
    visit.status = VisitStatus.confirmed
    db.session.commit()
    first = sentences(visit, "ru")[0]
    assert first.startswith("24 июня 2025 г. на предприятии АО «Алмалыкский горно-металлургический комбинат» ")
    assert first.endswith(
        "ожидается делегация численностью 1 чел.: студентов — 1, сопровождающих сотрудников — 0. "
        "Статус визита: подтверждён; ниже приведён план программы."
    )
    assert not any("Посещаемость" in s for s in sentences(visit, "ru"))  # not over yet: nothing is missing


def test_before_a_download_the_visit_page_names_what_is_not_yet_translated(app, world, coordinator_client):
    visit = VisitFactory(title="Study tour", purpose="See the pit.", organisations=[world.org_a])
    db.session.commit()
    assert [(g.name, g.what) for g in queries.missing_texts(visit, "ru")][:2] == [
        ("Study tour", "title"),
        ("Study tour", "purpose"),
    ]
    page = coordinator_client.get(f"/visits/{visit.id}").get_data(as_text=True)
    assert "Russian: " in page and f'href="/visits/{visit.id}/edit"' in page
    visit.title_ru, visit.purpose_ru = "Учебный тур", "Посмотреть карьер."
    db.session.commit()
    assert not any(g.name == "Study tour" for g in queries.missing_texts(visit, "ru"))
    assert any(g.name == "Study tour" for g in queries.missing_texts(visit, "uz"))
    assert queries.missing_texts(visit, "en") == []

"""Agreements of the demo: the legal basis of the June 2025 visit, the branch
department, and agreements in every status relative to today."""

from datetime import date, timedelta

from partnership.agreements.models import (
    Agreement,
    AgreementEvent,
    AgreementKind,
    AgreementParty,
    EventKind,
)
from partnership.extensions import db

# The scenario's agreements in Russian and Uzbek (the English is in ``load``).
TEXTS = {
    "mou_geology": dict(
        title_ru="Меморандум о взаимопонимании в области геологии и горного дела между Узбекистаном и Монголией",
        title_uz="Oʻzbekiston va Moʻgʻuliston oʻrtasida geologiya va kon ishlari sohasida hamkorlik toʻgʻrisidagi "
        "oʻzaro anglashuv memorandumi",
        objectives_ru="Совместные геологические исследования, обмен специалистами и подготовка студентов горного дела.",
        objectives_uz="Qoʻshma geologik tadqiqotlar, mutaxassislar almashinuvi va kon ishi talabalarini tayyorlash.",
    ),
    "coop_education": dict(
        title_ru="Соглашение о сотрудничестве в сфере высшего образования между министерствами Узбекистана и Монголии",
        title_uz="Oʻzbekiston va Moʻgʻuliston vazirliklari oʻrtasida oliy taʼlim sohasida hamkorlik toʻgʻrisidagi "
        "kelishuv",
        objectives_ru="Академическая мобильность студентов и сотрудников, совместные программы, производственные "
        "практики.",
        objectives_uz="Talabalar va xodimlarning akademik mobilligi, qoʻshma dasturlar, ishlab chiqarish amaliyotlari.",
    ),
    "rectors_forum": dict(
        title_ru="Договорённости Первого международного форума ректоров вузов Кыргызстана и Узбекистана",
        title_uz="Qirgʻiziston va Oʻzbekiston oliy taʼlim muassasalari rektorlarining Birinchi xalqaro forumi "
        "kelishuvlari",
        objectives_ru="Академическая мобильность между вузами Кыргызстана и Узбекистана и учебные визиты "
        "на предприятия.",
        objectives_uz="Qirgʻiziston va Oʻzbekiston oliy taʼlim muassasalari oʻrtasida akademik mobillik va "
        "korxonalarga oʻquv tashriflari.",
    ),
    "ugs_branch": dict(
        title_ru="Соглашение о филиале кафедры «Горное дело и технологии» в АГМК",
        title_uz="OKMKda «Kon ishlari va texnologiyalari» kafedrasi filiali toʻgʻrisidagi kelishuv",
        objectives_ru="Готовить специалистов, конкурентоспособных на рынке труда; решать актуальные задачи "
        "предприятия через исследования; повышать квалификацию преподавателей; давать студентам совмещать "
        "практическое технологическое обучение с учёбой.",
        objectives_uz="Mehnat bozorida raqobatbardosh mutaxassislar tayyorlash; korxonaning dolzarb muammolarini "
        "tadqiqotlar orqali hal etish; professor-oʻqituvchilar malakasini oshirish; talabalarga amaliy "
        "texnologik taʼlimni oʻqish bilan uygʻunlashtirish imkonini berish.",
    ),
}
# Signatories' positions in Russian and Uzbek.
POSITIONS = {
    "Minister of Mining Industry and Geology": (
        "Министр горнодобывающей промышленности и геологии",
        "Kon sanoati va geologiya vaziri",
    ),
    "Minister of Mining and Heavy Industry": (
        "Министр горнодобывающей и тяжёлой промышленности",
        "Kon va ogʻir sanoat vaziri",
    ),
    "Minister of Higher Education, Science and Innovation": (
        "Министр высшего образования, науки и инноваций",
        "Oliy taʼlim, fan va innovatsiyalar vaziri",
    ),
    "Minister of Education": ("Министр образования", "Taʼlim vaziri"),
    "Forum secretary": ("Секретарь форума", "Forum kotibi"),
    "Rector of Osh Technological University": (
        "Ректор Ошского технологического университета",
        "Osh texnologiya universiteti rektori",
    ),
    "Rector of the University of Geological Sciences": (
        "Ректор Университета геологических наук",
        "Geologiya fanlari universiteti rektori",
    ),
    "Rector of Tashkent State Technical University": (
        "Ректор Ташкентского государственного технического университета",
        "Toshkent davlat texnika universiteti rektori",
    ),
    "Chairman of the Board of AMMC": ("Председатель правления АГМК", "OKMK boshqaruvi raisi"),
}


def _agreement(
    ctx,
    key,
    reference,
    kind,
    title,
    parties,
    *,
    signed=None,
    effective=None,
    expires=None,
    objectives=None,
    parent=None,
    terminated=None,
):
    agreement = Agreement(
        reference=reference,
        kind=kind,
        title=title,
        objectives=objectives,
        signed_on=signed,
        effective_on=effective,
        expires_on=expires,
        terminated_on=terminated,
        parent=ctx.agreements.get(parent) if parent else None,
        **TEXTS.get(key, {}),
    )
    for position, (org_key, signatory, signatory_title) in enumerate(parties):
        title_ru, title_uz = POSITIONS.get(signatory_title, (None, None))
        agreement.parties.append(
            AgreementParty(
                organisation=ctx.orgs[org_key],
                position=position,
                signatory_name=signatory,
                signatory_title=signatory_title,
                signatory_title_ru=title_ru,
                signatory_title_uz=title_uz,
                signed_on=signed,
            )
        )
    agreement.events.append(
        AgreementEvent(
            kind=EventKind.created, occurred_on=signed or ctx.today, recorded_by=ctx.users.get("coordinator")
        )
    )
    db.session.add(agreement)
    ctx.agreements[key] = agreement
    return agreement


def load(ctx) -> None:
    today = ctx.today
    _agreement(
        ctx,
        "mou_geology",
        "MoU-UZ-MN-2025/01",
        AgreementKind.mou,
        "Memorandum of Understanding on cooperation in geology and mining between Uzbekistan and Mongolia",
        [
            ("uz_geology_ministry", "Sardor Nematov", "Minister of Mining Industry and Geology"),
            ("mn_mining_ministry", "Болдын Ганбаатар", "Minister of Mining and Heavy Industry"),
        ],
        signed=date(2025, 6, 12),
        effective=date(2025, 6, 12),
        expires=date(2030, 6, 11),
        objectives="Joint geological research, exchange of specialists and training of students in mining.",
    )
    _agreement(
        ctx,
        "coop_education",
        "CA-EDU-UZ-MN-2025",
        AgreementKind.cooperation,
        "Cooperation agreement in higher education between the ministries of Uzbekistan and Mongolia",
        [
            ("uz_higher_ed_ministry", "Alisher Qodirov", "Minister of Higher Education, Science and Innovation"),
            ("mn_education_ministry", "Доржийн Сарантуяа", "Minister of Education"),
        ],
        signed=date(2025, 6, 12),
        effective=date(2025, 6, 12),
        expires=date(2029, 12, 31),
        objectives="Student and staff mobility, joint programmes, industrial internships.",
    )
    _agreement(
        ctx,
        "rectors_forum",
        "FR-KG-UZ-2024/07",
        AgreementKind.framework,
        "Agreements of the First International Forum of Rectors of Kyrgyz and Uzbek higher education institutions",
        [
            ("rectors_forum", "Айгүл Осмонова", "Forum secretary"),
            ("osh", "Нурбек Жусупов", "Rector of Osh Technological University"),
            ("ugs", "Rahmatjon Mirzayev", "Rector of the University of Geological Sciences"),
            ("tstu", "Shavkat Rahimov", "Rector of Tashkent State Technical University"),
        ],
        signed=date(2024, 10, 18),
        effective=date(2024, 10, 18),
        expires=date(2029, 10, 17),
        objectives="Academic mobility between Kyrgyz and Uzbek universities and study visits to industry.",
    )
    _agreement(
        ctx,
        "ugs_branch",
        "BD-AMMC-UGS-2025",
        AgreementKind.branch_department,
        "Agreement on the branch of the department “Mining Operations and Technologies” at AMMC",
        [
            ("ugs", "Rahmatjon Mirzayev", "Rector of the University of Geological Sciences"),
            ("ammc", "Jasur Sobirov", "Chairman of the Board of AMMC"),
        ],
        signed=date(2025, 5, 30),
        effective=date(2025, 6, 25),
        expires=date(2030, 6, 24),
        objectives=(
            "Train specialists competitive on the labour market; solve the company's pressing problems through "
            "research; raise the qualifications of professors and instructors; let students combine practical "
            "technological training with their studies."
        ),
        parent="rectors_forum",
    )
    _agreement(
        ctx,
        "msu_internships",
        "CA-AMMC-MSU-2023",
        AgreementKind.cooperation,
        "Industrial internships for students of the Faculty of Geology and Geophysics",
        [
            ("msu", "Энхтуяа Батсүх", "Dean of the Faculty of Geology and Geophysics"),
            ("ammc", "Gʻayrat Hasanov", "Director of HR"),
        ],
        signed=today - timedelta(days=3 * 365 - 45),
        effective=today - timedelta(days=3 * 365 - 45),
        expires=today + timedelta(days=45),
        objectives="Summer internships at the Kalmakyr mine and the concentrator.",
    )
    _agreement(
        ctx,
        "satbayev_exchange",
        "CA-AMMC-SU-2021",
        AgreementKind.cooperation,
        "Exchange of mining engineering students",
        [("satbayev", "Асель Жумабаева", "Vice-rector"), ("ammc", "Gʻayrat Hasanov", "Director of HR")],
        signed=today - timedelta(days=5 * 365),
        effective=today - timedelta(days=5 * 365),
        expires=today - timedelta(days=30),
    )
    _agreement(
        ctx,
        "freiberg_research",
        "CT-AMMC-TUBAF-2026",
        AgreementKind.contract,
        "Research contract: flotation of low-grade copper ores",
        [("freiberg", "Jörg Weißbach", "Prorektor für Forschung"), ("ammc", "Oʻktam Gʻulomov", "Chief Engineer")],
        objectives="Laboratory study of flotation reagents; two joint publications.",
    )
    _agreement(
        ctx,
        "itu_mou",
        "MoU-AMMC-ITU-2022",
        AgreementKind.mou,
        "Memorandum of understanding on academic cooperation",
        [("itu", "Çağrı Öztürk", "Rektör Yardımcısı"), ("ammc", "Gʻayrat Hasanov", "Director of HR")],
        signed=today - timedelta(days=4 * 365),
        effective=today - timedelta(days=4 * 365),
        expires=today + timedelta(days=365),
        terminated=today - timedelta(days=60),
    )
    db.session.flush()

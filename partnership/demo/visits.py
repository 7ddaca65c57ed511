"""Demo visits: the June 2025 excursion of SCENARIO.md (completed, with its history),
an upcoming request from Osh waiting for approval, and an MSU visit of 2024.

Runs after the sites demo; the itinerary and attendance of the scenario visit are
the sites demo's. Adds and flushes; the CLI commits."""

from datetime import UTC, date, datetime, time, timedelta, timezone

from partnership.extensions import db
from partnership.visits.models import (
    Participant,
    ParticipantRole,
    Visit,
    VisitStatus,
    VisitTransition,
)

S = VisitStatus
STUDENT, STAFF, LEAD = ParticipantRole.student, ParticipantRole.staff, ParticipantRole.lead

# (full name, role, nationality, faculty or programme); names in the scripts their owners write them in.
UGS_PEOPLE = [
    ("Baxtiyor Gʻofurov", LEAD, "UZ", "Department of Mining Operations and Technologies"),
    ("Feruza Abdurahmonova", STAFF, "UZ", "International Cooperation Office"),
    ("Riahi Amma Vissal", STUDENT, "TN", "Geology and exploration of mineral deposits"),
    ("Yassine Ben Amor", STUDENT, "TN", "Geology and exploration of mineral deposits"),
    ("Oumaima Trabelsi", STUDENT, "TN", "Mining engineering"),
    ("Shahzoda Toʻxtayeva", STUDENT, "UZ", "Mining engineering"),
    ("Oʻtkir Gʻaniyev", STUDENT, "UZ", "Mining engineering"),
    ("Dilshod Qoʻchqorov", STUDENT, "UZ", "Mineral processing"),
    ("Gulnoza Ergasheva", STUDENT, "UZ", "Geophysics"),
    ("Jasur Yoʻldoshev", STUDENT, "UZ", "Mining engineering"),
    ("Madina Xoʻjayeva", STUDENT, "UZ", "Hydrogeology and engineering geology"),
    ("Sardor Rahimov", STUDENT, "UZ", "Mineral processing"),
]
MSU_PEOPLE = [
    ("Дашдорж Цэрэнпил", LEAD, "MN", "Faculty of Geology and Geophysics"),
    ("Лхагва Очир Энхжин", STUDENT, "MN", "Faculty of Geology and Geophysics"),
    ("Батбаяр Ганзориг", STUDENT, "MN", "Faculty of Geology and Geophysics"),
    ("Номин-Эрдэнэ Бат", STUDENT, "MN", "Faculty of Geology and Geophysics"),
    ("Тэмүүлэн Сүхбаатар", STUDENT, "MN", "Faculty of Geology and Geophysics"),
    ("Оюунчимэг Дорж", STUDENT, "MN", "Faculty of Geology and Geophysics"),
    ("Билгүүн Мөнх-Очир", STUDENT, "MN", "School of Engineering and Technology"),
    ("Анужин Ганболд", STUDENT, "MN", "School of Engineering and Technology"),
    ("Хулан Энхтайван", STUDENT, "MN", "Faculty of Geology and Geophysics"),
    ("Ганзул Төмөрбаатар", STAFF, "MN", "Faculty of Geology and Geophysics"),
]
OSH_PEOPLE = [
    ("Гүлнара Эргешова", LEAD, "KG", "Faculty of Mining and Metallurgy"),
    ("Айбек Жумабеков", STUDENT, "KG", "Mining engineering"),
    ("Нургүл Асанова", STUDENT, "KG", "Metallurgy"),
    ("Бакыт Токтогулов", STUDENT, "KG", "Mining engineering"),
    ("Жылдыз Маматова", STUDENT, "KG", "Geodesy and surveying"),
    ("Эрмек Абдыкадыров", STUDENT, "KG", "Mining engineering"),
    ("Айзада Калыбекова", STUDENT, "KG", "Metallurgy"),
    ("Үмүт Ташиева", STUDENT, "KG", "Mining machines and equipment"),
    ("Өмүрбек Исаков", STUDENT, "KG", "Mining machines and equipment"),
]
# The gate's demo day (``guide.kalmakyr``): a UGS group at the mine today.
GATE_DAY_PEOPLE = [
    ("Nodirbek Xasanov", LEAD, "UZ", "Department of Mining Operations and Technologies"),
    ("Malika Saidova", STUDENT, "UZ", "Mining engineering"),
    ("Temur Ismoilov", STUDENT, "UZ", "Mining engineering"),
    ("Zilola Karimova", STUDENT, "UZ", "Mineral processing"),
    ("Bekzod Tursunov", STUDENT, "UZ", "Geophysics"),
    ("Shahlo Nazarova", STUDENT, "UZ", "Mining engineering"),
]
OSH_REQUEST_PEOPLE = [
    ("Канат Турдубаев", LEAD, "KG", "Faculty of Mining and Metallurgy"),
    ("Бегимай Сыдыкова", STUDENT, "KG", "Metallurgy"),
    ("Тилек Осмонов", STUDENT, "KG", "Mining engineering"),
    ("Айпери Бейшеналиева", STUDENT, "KG", "Mining engineering"),
    ("Нурсултан Жээнбеков", STUDENT, "KG", "Geodesy and surveying"),
    ("Калыс Мамытов", STUDENT, None, "Mining machines and equipment"),
    ("Чолпон Сатыбалдиева", STUDENT, "KG", "Metallurgy"),
    ("Азамат Кадыров", STUDENT, "KG", "Mining engineering"),
]
MSU_2024_PEOPLE = [
    ("Энхтуяа Батсүх", LEAD, "MN", "Faculty of Geology and Geophysics"),
    ("Мөнхзул Алтангэрэл", STUDENT, "MN", "Faculty of Geology and Geophysics"),
    ("Баярсайхан Пүрэв", STUDENT, "MN", "Faculty of Geology and Geophysics"),
    ("Сарангэрэл Ганбаатар", STUDENT, "MN", "Faculty of Geology and Geophysics"),
    ("Эрдэнэбилэг Нямдорж", STUDENT, "MN", "School of Engineering and Technology"),
    ("Одгэрэл Батжаргал", STUDENT, "MN", "Faculty of Geology and Geophysics"),
    ("Төгөлдөр Хүрэлбаатар", STUDENT, "MN", "Faculty of Geology and Geophysics"),
    ("Марал Содном", STUDENT, "MN", "School of Engineering and Technology"),
]
DOCUMENT_PREFIX = {"UZ": "FA", "TN": "TN", "MN": "E", "KG": "AC"}
EMAIL_DOMAIN = {"ugs": "student.ugs.example", "msu": "num.example", "osh": "oshtu.example"}


def _at(day: date, hour: int = 10) -> datetime:
    """A moment of the company's working day (Tashkent, UTC+5) in UTC."""
    return datetime.combine(day, time(hour)).replace(tzinfo=timezone(timedelta(hours=5))).astimezone(UTC)


def _people(visit: Visit, organisation, people, org_key: str, seed: int, *, complete=True, cleared=True) -> None:
    for n, (name, role, nationality, faculty) in enumerate(people):
        student = role is STUDENT
        born = date(2003 if student else 1978, 1, 1) + timedelta(days=(seed * 37 + n * 53) % (700 if student else 4000))
        missing_document = not complete and n % 3 == 2
        visit.participants.append(
            Participant(
                organisation=organisation,
                full_name=name,
                role=role,
                nationality=nationality,
                faculty=faculty,
                date_of_birth=born,
                document_number=None
                if missing_document
                else f"{DOCUMENT_PREFIX.get(nationality, 'X')}{seed:02d}{n:05d}",
                email=f"{org_key}.{seed}.{n}@{EMAIL_DOMAIN[org_key]}",
                diet="halal" if nationality in ("UZ", "TN", "KG") and n % 4 == 0 else None,
                medical_clearance=cleared,
                ppe_issued=cleared,
            )
        )


def _history(visit: Visit, steps) -> None:
    """``steps``: (from, to, actor, day, hour, comment)."""
    for source, target, actor, day, hour, comment in steps:
        visit.transitions.append(
            VisitTransition(from_status=source, to_status=target, actor=actor, at=_at(day, hour), comment=comment)
        )


def _agreements(ctx, *keys):
    return [ctx.agreements[key] for key in keys if key in ctx.agreements]


# The scenario visit's texts in Russian and Uzbek, and the coordinator's account in all three.
SCENARIO_TEXTS = dict(
    title_ru="Производственная экскурсия студентов из Оша, Монголии и Ташкента",
    title_uz="Osh, Moʻgʻuliston va Toshkentdan kelgan talabalarning ishlab chiqarish ekskursiyasi",
    purpose_ru=(
        "Производственная экскурсия для студентов Ошского технологического университета, Монгольского "
        "государственного университета и Университета геологических наук, организованная в рамках официального "
        "визита Президента Узбекистана в Монголию: рудник «Кальмакыр», Почётный музей истории АГМК, Инженерная "
        "школа Учебного центра и открытие филиала кафедры «Горное дело и технологии» Университета геологических "
        "наук в Управлении ресурсов и горных работ."
    ),
    purpose_uz=(
        "Osh texnologiya universiteti, Moʻgʻuliston davlat universiteti va Geologiya fanlari universiteti "
        "talabalari uchun Oʻzbekiston Prezidentining Moʻgʻulistonga rasmiy tashrifi doirasida tashkil etilgan "
        "ishlab chiqarish ekskursiyasi: «Qalmoqqir» koni, OKMK faxriy tarix muzeyi, Oʻquv markazining Muhandislik "
        "maktabi hamda Resurslar va kon ishlari boshqarmasida Geologiya fanlari universiteti «Kon ishlari va "
        "texnologiyalari» kafedrasi filialining ochilishi."
    ),
    account=(
        "On the first day the students saw mining with large-scale equipment at the Kalmakyr open pit from the "
        "observation platform, after a safety briefing at the checkpoint. In the afternoon the Honorary History "
        "Museum told them the company's history, and they asked about the work of its divisions.\n\n"
        "On the second day the Engineering School of the Training Center showed the opportunities the company "
        "offers students. The visit ended with the opening of the branch of the department of the University of "
        "Geological Sciences at the Resources and Mining Department."
    ),
    account_ru=(
        "В первый день студенты после инструктажа на КПП увидели со смотровой площадки карьера «Кальмакыр» "
        "горные работы с применением крупногабаритной техники. Во второй половине дня в Почётном музее истории "
        "им рассказали об истории предприятия, и они задали вопросы о работе его подразделений.\n\n"
        "Во второй день Инженерная школа Учебного центра показала возможности, которые предприятие открывает "
        "студентам. Визит завершился открытием филиала кафедры Университета геологических наук в Управлении "
        "ресурсов и горных работ."
    ),
    account_uz=(
        "Birinchi kuni talabalar nazorat-oʻtkazish punktidagi yoʻriqnomadan soʻng «Qalmoqqir» karyerining kuzatuv "
        "maydonchasidan yirik texnika bilan olib borilayotgan kon ishlarini koʻrdilar. Tushdan keyin faxriy tarix "
        "muzeyida ularga korxona tarixi haqida soʻzlab berildi, ular boʻlinmalar faoliyati haqida savollar "
        "berdilar.\n\n"
        "Ikkinchi kuni Oʻquv markazining Muhandislik maktabi korxona talabalarga taqdim etadigan imkoniyatlarni "
        "koʻrsatdi. Tashrif Resurslar va kon ishlari boshqarmasida Geologiya fanlari universiteti kafedrasi "
        "filialining ochilishi bilan yakunlandi."
    ),
    outcomes_ru=(
        "В Управлении ресурсов и горных работ АГМК открылся филиал кафедры «Горное дело и технологии» "
        "Университета геологических наук. Студенты из трёх стран увидели горные работы с крупногабаритной техникой "
        "на руднике «Кальмакыр», узнали историю предприятия в музее и возможности Инженерной школы. Заявки "
        "студентов МГУ и Оша на стажировку будут рассмотрены на 2026 год."
    ),
    outcomes_uz=(
        "OKMK Resurslar va kon ishlari boshqarmasida Geologiya fanlari universiteti «Kon ishlari va "
        "texnologiyalari» kafedrasining filiali ochildi. Uch mamlakatdan kelgan talabalar «Qalmoqqir» konida yirik "
        "texnika bilan kon ishlarini koʻrdilar, muzeyda korxona tarixi va Muhandislik maktabi imkoniyatlari bilan "
        "tanishdilar. MDU va Osh talabalarining amaliyot boʻyicha arizalari 2026-yil uchun koʻrib chiqiladi."
    ),
)


def load(ctx) -> None:
    orgs, users = ctx.orgs, ctx.users
    coordinator = users["coordinator"]
    visits = ctx.visits

    scenario = Visit(
        title="Industrial excursion of students from Osh, Mongolia and Tashkent",
        purpose=(
            "An industrial excursion for students of Osh Technological University, the Mongolian State University "
            "and the University of Geological Sciences, organised as part of the official visit of the President "
            "of Uzbekistan to Mongolia: the Kalmakyr mine, the AMMC Honorary History Museum, the Engineering School "
            "of the Training Center, and the opening of the branch of the University of Geological Sciences' "
            "department \u201cMining Operations and Technologies\u201d at the Resources and Mining Department."
        ),
        starts_on=date(2025, 6, 24),
        ends_on=date(2025, 6, 25),
        status=S.completed,
        coordinator=coordinator,
        created_by=users["liaison.ugs"],
        created_at=_at(date(2025, 5, 12)),
        outcomes=(
            "The branch of the department \u201cMining Operations and Technologies\u201d of the University of "
            "Geological Sciences opened at the AMMC Resources and Mining Department. Students from three countries "
            "saw mining with large-scale equipment at the Kalmakyr mine, learned the company's history at the "
            "museum and the opportunities of the Engineering School. Internship requests from MSU and Osh "
            "students to be considered for 2026."
        ),
        organisations=[orgs["ugs"], orgs["msu"], orgs["osh"]],
        agreements=_agreements(ctx, "mou_geology", "coop_education", "rectors_forum"),
        **SCENARIO_TEXTS,
    )
    db.session.add(scenario)
    _people(scenario, orgs["ugs"], UGS_PEOPLE, "ugs", 1)
    _people(scenario, orgs["msu"], MSU_PEOPLE, "msu", 2)
    _people(scenario, orgs["osh"], OSH_PEOPLE, "osh", 3)
    _history(
        scenario,
        [
            (None, S.draft, users["liaison.ugs"], date(2025, 5, 12), 10, None),
            (
                S.draft,
                S.requested,
                users["liaison.ugs"],
                date(2025, 5, 13),
                9,
                "Students of the international cooperation programme, including our students from Tunisia.",
            ),
            (
                S.requested,
                S.requested,
                coordinator,
                date(2025, 5, 19),
                15,
                "Mongolian State University joined the visit. Within the official visit of the President to Mongolia.",
            ),
            (
                S.requested,
                S.requested,
                coordinator,
                date(2025, 5, 20),
                11,
                "Osh Technological University joined the visit. Agreements of the First Forum of Rectors.",
            ),
            (
                S.requested,
                S.approved,
                coordinator,
                date(2025, 5, 22),
                16,
                "Approved; one joint programme for the three delegations.",
            ),
            (
                S.approved,
                S.confirmed,
                coordinator,
                date(2025, 6, 10),
                12,
                "Programme confirmed with the mine, the museum and the Training Center. "
                "Branch opening in the afternoon.",
            ),
            (S.confirmed, S.completed, coordinator, date(2025, 6, 26), 10, "Visit carried out as planned."),
        ],
    )
    visits["scenario"] = scenario

    start = ctx.today + timedelta(days=45)
    request = Visit(
        title="Osh Technological University: practice at the AMMC Training Center",
        purpose="Practical training of metallurgy and mining students at the Training Center and a tour of the mine.",
        starts_on=start,
        ends_on=start + timedelta(days=2),
        status=S.requested,
        created_by=users["liaison.osh"],
        created_at=_at(ctx.today - timedelta(days=5)),
        organisations=[orgs["osh"]],
        agreements=_agreements(ctx, "rectors_forum"),
    )
    db.session.add(request)
    _people(request, orgs["osh"], OSH_REQUEST_PEOPLE, "osh", 4, complete=False, cleared=False)
    _history(
        request,
        [
            (None, S.draft, users["liaison.osh"], ctx.today - timedelta(days=5), 11, None),
            (
                S.draft,
                S.requested,
                users["liaison.osh"],
                ctx.today - timedelta(days=4),
                14,
                "Eight participants; passport numbers of two students will follow.",
            ),
        ],
    )
    visits["osh_request"] = request

    past = Visit(
        title="MSU geology students at the Kalmakyr mine",
        purpose="Field practice of the Faculty of Geology and Geophysics: open-pit mining and ore geology.",
        starts_on=date(2024, 9, 17),
        ends_on=date(2024, 9, 18),
        status=S.completed,
        coordinator=coordinator,
        created_by=users["liaison.msu"],
        created_at=_at(date(2024, 8, 1)),
        outcomes="Eight students completed the field practice; two applied for the 2025 internship programme.",
        organisations=[orgs["msu"]],
        agreements=_agreements(ctx, "msu_internships", "mou_geology"),
    )
    db.session.add(past)
    _people(past, orgs["msu"], MSU_2024_PEOPLE, "msu", 5)
    _history(
        past,
        [
            (None, S.draft, users["liaison.msu"], date(2024, 8, 1), 10, None),
            (S.draft, S.requested, users["liaison.msu"], date(2024, 8, 1), 11, None),
            (S.requested, S.approved, coordinator, date(2024, 8, 6), 15, None),
            (S.approved, S.confirmed, coordinator, date(2024, 9, 2), 10, "Programme confirmed."),
            (S.confirmed, S.completed, coordinator, date(2024, 9, 19), 9, None),
        ],
    )
    visits["msu_2024"] = past

    day = gate_day(ctx.today)
    gate = Visit(
        title="UGS mining students: a day at the Kalmakyr mine",
        purpose="First-year mining students see the open pit with the mine's guide.",
        starts_on=day,
        ends_on=day,
        status=S.confirmed,
        coordinator=coordinator,
        created_by=users["liaison.ugs"],
        created_at=_at(ctx.today - timedelta(days=20)),
        organisations=[orgs["ugs"]],
        agreements=_agreements(ctx, "mou_geology"),
    )
    db.session.add(gate)
    _people(gate, orgs["ugs"], GATE_DAY_PEOPLE, "ugs", 7)
    _history(
        gate,
        [
            (None, S.draft, users["liaison.ugs"], ctx.today - timedelta(days=20), 10, None),
            (S.draft, S.requested, users["liaison.ugs"], ctx.today - timedelta(days=20), 11, None),
            (S.requested, S.approved, coordinator, ctx.today - timedelta(days=15), 15, None),
            (S.approved, S.confirmed, coordinator, ctx.today - timedelta(days=10), 10, "Mine tour confirmed."),
        ],
    )
    visits["gate_day"] = gate
    db.session.flush()


def gate_day(today: date) -> date:
    """Today, or the next day the mine receives visitors (it is closed on Sundays)."""
    return today + timedelta(days=1) if today.weekday() == 6 else today

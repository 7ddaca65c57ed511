"""Demo sites and guides (``load``, before the visits) and the itineraries of the demo
visits with their attendance (``load_programme``, after them).

The sites are those of SCENARIO.md; guides' names are invented. Every item is checked
against the itinerary's rules before it is added, so the demo shows only what the
application itself would accept. Adds and flushes; the CLI commits."""

from datetime import UTC, date, datetime, time, timedelta

from sqlalchemy import select

from partnership.extensions import db
from partnership.induction.models import InductionHow, InductionQuestion, InductionResult, SiteInduction
from partnership.programme import rules
from partnership.programme import services as programme_services
from partnership.programme.models import ItineraryAttendee, ItineraryItem
from partnership.programme.rules import Plan
from partnership.sites import services as site_services
from partnership.sites.models import Guide, Site, SiteKind
from partnership.sites.rules import SiteRules

MON_FRI = {0, 1, 2, 3, 4}
MON_SAT = {0, 1, 2, 3, 4, 5}

SITES = {
    "kalmakyr_mine": dict(
        name="Kalmakyr mine",
        name_ru="Рудник «Кальмакыр»",
        name_uz="«Qalmoqqir» koni",
        kind=SiteKind.mine,
        location="Kalmakyr open pit, Almalyk, Tashkent region",
        location_ru="Карьер «Кальмакыр», Алмалык, Ташкентская область",
        location_uz="«Qalmoqqir» karyeri, Olmaliq, Toshkent viloyati",
        description="Open-pit copper mine of the Almalyk Mining and Metallurgical Complex: drilling, blasting, "
        "loading and haulage with large-scale equipment, seen from the observation platform.",
        capacity=40,
        opening_days=MON_SAT,
        opens_at=time(8),
        closes_at=time(17),
        min_age=18,
        ppe_required=True,
        medical_clearance_required=True,
        induction_required=True,
        max_group_per_guide=12,
        safety_notes="Hard hat, high-visibility vest and safety boots are issued at the checkpoint. Safety briefing "
        "before entering the pit. Stay with your guide on the observation platform; no photographs of "
        "blasting operations without permission.",
        safety_notes_ru="Каска, сигнальный жилет и защитная обувь выдаются на КПП. Перед входом в карьер — "
        "инструктаж по технике безопасности. Оставайтесь с гидом на смотровой площадке; фотографировать "
        "взрывные работы без разрешения нельзя.",
        safety_notes_uz="Kaska, signal nimcha va himoya poyabzali nazorat-oʻtkazish punktida beriladi. Karyerga "
        "kirishdan oldin xavfsizlik texnikasi boʻyicha yoʻriqnoma oʻtkaziladi. Kuzatuv maydonchasida gid "
        "yonida turing; portlatish ishlarini ruxsatsiz suratga olish mumkin emas.",
    ),
    "history_museum": dict(
        name="AMMC Honorary History Museum",
        name_ru="Почётный музей истории АГМК",
        name_uz="OKMK faxriy tarix muzeyi",
        kind=SiteKind.museum,
        location="Metallurg Cultural Palace, Almalyk",
        location_ru="Дворец культуры «Металлург», Алмалык",
        location_uz="«Metallurg» madaniyat saroyi, Olmaliq",
        description="The history of the company from the first geological surveys of the Almalyk ore field, its "
        "divisions and the people who built them.",
        capacity=40,
        opening_days=MON_SAT,
        opens_at=time(9),
        closes_at=time(18),
    ),
    "training_center": dict(
        name="AMMC Training Center — Engineering School",
        name_ru="Учебный центр АГМК — Инженерная школа",
        name_uz="OKMK oʻquv markazi — Muhandislik maktabi",
        kind=SiteKind.training_centre,
        location="Almalyk",
        location_ru="Алмалык",
        location_uz="Olmaliq",
        description="The company's Training Center and its Engineering School: workshops, simulators of mining "
        "equipment and programmes open to students.",
        capacity=60,
        opening_days=MON_FRI,
        opens_at=time(8, 30),
        closes_at=time(17, 30),
        min_age=16,
        safety_notes="Workshops: follow the instructor; safety glasses at the machines.",
        safety_notes_ru="В мастерских следуйте указаниям инструктора; у станков — защитные очки.",
        safety_notes_uz="Ustaxonalarda yoʻriqchi koʻrsatmalariga amal qiling; dastgohlar yonida himoya "
        "koʻzoynagini taqing.",
    ),
    "resources_department": dict(
        name="AMMC Resources and Mining Department",
        name_ru="Управление ресурсов и горных работ АГМК",
        name_uz="OKMK resurslar va kon ishlari boshqarmasi",
        kind=SiteKind.department,
        location="AMMC headquarters, Almalyk",
        location_ru="Главное управление АГМК, Алмалык",
        location_uz="OKMK bosh boshqarmasi, Olmaliq",
        description="The department that plans the company's mineral resources and mining; home of the branch of "
        "the University of Geological Sciences' department \u201cMining Operations and Technologies\u201d.",
        capacity=80,
        opening_days=MON_FRI,
        opens_at=time(8),
        closes_at=time(18),
    ),
}

# Each site's usual activities (English, Russian, Uzbek); the demo items are among them.
BRANCH_OPENING = (
    "Opening of the branch of the department \u201cMining Operations and Technologies\u201d of the "
    "University of Geological Sciences"
)
ACTIVITIES = {
    "kalmakyr_mine": [
        (
            "Mining processes with large-scale equipment",
            "Горные работы с применением крупногабаритной техники",
            "Yirik texnika bilan kon ishlari jarayonlari",
        ),
        (
            "The open pit from the observation platform; drilling and haulage",
            "Карьер со смотровой площадки: бурение и транспортировка горной массы",
            "Kuzatuv maydonchasidan karyer: burgʻulash va togʻ jinslarini tashish",
        ),
        (
            "Open-pit mining and ore geology",
            "Открытые горные работы и геология руд",
            "Ochiq kon ishlari va ruda geologiyasi",
        ),
    ],
    "history_museum": [
        (
            "History of the company; questions about the work of its divisions",
            "История предприятия; вопросы о работе его подразделений",
            "Korxona tarixi; uning boʻlinmalari faoliyati haqida savollar",
        ),
    ],
    "training_center": [
        (
            "Engineering School: opportunities the company offers students",
            "Инженерная школа: возможности, которые предприятие открывает студентам",
            "Muhandislik maktabi: korxona talabalarga taqdim etadigan imkoniyatlar",
        ),
        ("Simulators of mining equipment", "Тренажёры горной техники", "Kon texnikasi trenajyorlari"),
    ],
    "resources_department": [
        (
            BRANCH_OPENING,
            "Открытие филиала кафедры «Горное дело и технологии» Университета геологических наук",
            "Geologiya fanlari universiteti «Kon ishlari va texnologiyalari» kafedrasi filialining ochilishi",
        ),
    ],
}

# Meeting points in Russian and Uzbek.
MEETING_POINTS = {
    "Mine checkpoint: PPE and safety briefing": (
        "КПП рудника: выдача СИЗ и инструктаж по технике безопасности",
        "Kon nazorat-oʻtkazish punkti: shaxsiy himoya vositalari va xavfsizlik yoʻriqnomasi",
    ),
    "Metallurg Cultural Palace, main entrance": (
        "Дворец культуры «Металлург», главный вход",
        "«Metallurg» madaniyat saroyi, asosiy kirish",
    ),
    "Conference hall": ("Конференц-зал", "Konferensiya zali"),
    "Mine checkpoint": ("КПП рудника", "Kon nazorat-oʻtkazish punkti"),
}

# (name, phone, email, site keys)
GUIDES = [
    ("Rustam Xolmatov", "+998 70 612 40 11", "r.xolmatov@ammc.example", ["kalmakyr_mine"]),
    ("Sherzod Nazarov", "+998 70 612 40 12", "s.nazarov@ammc.example", ["kalmakyr_mine"]),
    ("Akmal Usmonov", "+998 70 612 40 13", "a.usmonov@ammc.example", ["kalmakyr_mine", "training_center"]),
    ("Zarina Qodirova", "+998 70 613 22 05", "z.qodirova@ammc.example", ["history_museum"]),
    ("Nilufar Saidova", "+998 70 614 08 31", "n.saidova@ammc.example", ["training_center"]),
    ("Ulugʻbek Mirzayev", "+998 70 610 01 17", "u.mirzayev@ammc.example", ["resources_department"]),
]


def load(ctx) -> None:
    for key, values in SITES.items():
        site = Site(**values)
        site_services.set_activities(site, ACTIVITIES.get(key, ()))
        db.session.add(site)
        ctx.sites[key] = site
    ctx.guides = getattr(ctx, "guides", None) or {}
    for name, phone, email, site_keys in GUIDES:
        guide = Guide(name=name, phone=phone, email=email)
        guide.sites = [ctx.sites[key] for key in site_keys]
        db.session.add(guide)
        ctx.guides[name] = guide
    db.session.add(mine_induction(ctx.sites["kalmakyr_mine"]))
    db.session.flush()


def mine_induction(site: Site) -> SiteInduction:
    """The mine's safety induction: protective equipment, blasting signals, the guide; 3 questions."""
    return SiteInduction(
        site=site,
        body_en="Protective equipment: wear the hard hat, high-visibility vest and safety boots issued at the "
        "checkpoint for the whole time in the pit.\n\nBlasting signals: one long siren means clear the area; "
        "three short signals mean a blast follows; two long signals mean all clear.\n\nStay with your guide on "
        "the observation platform and follow their instructions; do not cross barriers.",
        body_ru="Средства защиты: всё время в карьере носите каску, сигнальный жилет и защитную обувь, выданные "
        "на КПП.\n\nСигналы взрывных работ: один длинный гудок — покинуть зону; три коротких — будет взрыв; "
        "два длинных — отбой.\n\nОставайтесь с гидом на смотровой площадке и следуйте его указаниям; не "
        "заходите за ограждения.",
        body_uz="Himoya vositalari: karyerda butun vaqt davomida nazorat punktida berilgan kaska, signal "
        "nimcha va himoya poyabzalini kiying.\n\nPortlatish signallari: bitta uzun signal — hududni tark eting; "
        "uchta qisqa — portlash boʻladi; ikkita uzun — xavf oʻtdi.\n\nKuzatuv maydonchasida gidingiz bilan "
        "qoling va uning koʻrsatmalariga amal qiling; toʻsiqlardan oʻtmang.",
        questions=[
            InductionQuestion(
                position=1,
                prompt_en="What do three short signals mean?",
                prompt_ru="Что означают три коротких сигнала?",
                prompt_uz="Uchta qisqa signal nimani bildiradi?",
                options={
                    "en": ["All clear", "A blast follows", "Lunch break"],
                    "ru": ["Отбой", "Будет взрыв", "Обеденный перерыв"],
                    "uz": ["Xavf oʻtdi", "Portlash boʻladi", "Tushlik tanaffusi"],
                },
                correct_index=1,
            ),
            InductionQuestion(
                position=2,
                prompt_en="When do you wear the hard hat?",
                prompt_ru="Когда нужно носить каску?",
                prompt_uz="Kaskani qachon kiyasiz?",
                options={
                    "en": ["The whole time in the pit", "Only near machines"],
                    "ru": ["Всё время в карьере", "Только возле техники"],
                    "uz": ["Karyerda butun vaqt", "Faqat texnika yonida"],
                },
                correct_index=0,
            ),
            InductionQuestion(
                position=3,
                prompt_en="Who do you stay with on the platform?",
                prompt_ru="С кем вы остаётесь на площадке?",
                prompt_uz="Maydonchada kim bilan qolasiz?",
                options={
                    "en": ["Nobody", "Your guide"],
                    "ru": ["Ни с кем", "С гидом"],
                    "uz": ["Hech kim bilan", "Gidingiz bilan"],
                },
                correct_index=1,
            ),
        ],
    )


def _guide(name: str) -> Guide:
    return db.session.query(Guide).filter_by(name=name).one()


def _item(
    visit,
    site,
    day: date,
    start: time,
    end: time,
    activity: str,
    guides=(),
    meeting_point=None,
    attendees=None,
    absent=(),
) -> ItineraryItem:
    """An item the rules accept, its attendance recorded the day after (absent: names)."""
    people = list(visit.participants) if attendees is None else attendees
    guide_objects = [_guide(name) for name in guides]
    plan = Plan(
        visit, SiteRules.of(site), datetime.combine(day, start), datetime.combine(day, end), people, guide_objects
    )
    broken = rules.check(plan)
    if broken:
        raise RuntimeError(f"demo item breaks the rules: {[v.message for v in broken]}")
    item = ItineraryItem(
        visit=visit,
        site=site,
        guide=guide_objects[0] if guide_objects else None,
        extra_guides=guide_objects[1:],
        starts_at=plan.starts_at,
        ends_at=plan.ends_at,
        activity=activity,
        meeting_point=meeting_point,
        meeting_point_ru=MEETING_POINTS.get(meeting_point or "", (None, None))[0],
        meeting_point_uz=MEETING_POINTS.get(meeting_point or "", (None, None))[1],
        attendances=[ItineraryAttendee(participant=p, attended=p.full_name not in absent) for p in people],
        attendance_recorded_at=datetime.combine(day + timedelta(days=1), time(4)).replace(tzinfo=UTC),
    )
    programme_services.name_activity(item, site, {})  # the site's usual activity, in three languages
    db.session.add(item)
    db.session.flush()  # the next item's rules see this one
    return item


def load_programme(ctx) -> None:
    """The itineraries of the completed demo visits, as carried out."""
    sites, coordinator = ctx.sites, ctx.users.get("coordinator")
    scenario = ctx.visits.get("scenario")
    if scenario is not None:
        first, second = scenario.starts_on, scenario.ends_on  # 24 and 25 June 2025
        items = [
            _item(
                scenario,
                sites["kalmakyr_mine"],
                first,
                time(9),
                time(12),
                "Mining processes with large-scale equipment",
                guides=["Rustam Xolmatov", "Sherzod Nazarov", "Akmal Usmonov"],
                meeting_point="Mine checkpoint: PPE and safety briefing",
            ),
            _item(
                scenario,
                sites["history_museum"],
                first,
                time(14, 30),
                time(16),
                "History of the company; questions about the work of its divisions",
                guides=["Zarina Qodirova"],
                meeting_point="Metallurg Cultural Palace, main entrance",
            ),
            _item(
                scenario,
                sites["training_center"],
                second,
                time(9, 30),
                time(11, 30),
                "Engineering School: opportunities the company offers students",
                guides=["Nilufar Saidova", "Akmal Usmonov"],
                absent={"Хулан Энхтайван"},
            ),
            _item(
                scenario,
                sites["resources_department"],
                second,
                time(14),
                time(16),
                BRANCH_OPENING,
                guides=["Ulugʻbek Mirzayev"],
                meeting_point="Conference hall",
            ),
        ]
        for item in items:
            item.attendance_recorded_by = coordinator
    past = ctx.visits.get("msu_2024")
    if past is not None:
        items = [
            _item(
                past,
                sites["kalmakyr_mine"],
                past.starts_on,
                time(9),
                time(13),
                "Open-pit mining and ore geology",
                guides=["Rustam Xolmatov"],
                meeting_point="Mine checkpoint",
            ),
            _item(
                past,
                sites["training_center"],
                past.ends_on,
                time(10),
                time(12),
                "Simulators of mining equipment",
                guides=["Nilufar Saidova"],
            ),
        ]
        for item in items:
            item.attendance_recorded_by = coordinator
    gate = ctx.visits.get("gate_day")
    if gate is not None:
        _gate_day_item(gate, sites["kalmakyr_mine"])
    db.session.flush()
    _inductions_taken(sites["kalmakyr_mine"])


def _inductions_taken(mine: Site) -> None:
    """Everyone planned at the mine took its induction online, two days before."""
    for item in db.session.scalars(select(ItineraryItem).where(ItineraryItem.site_id == mine.id)):
        db.session.add_all(
            InductionResult(
                participant_id=attendance.participant_id,
                site_id=mine.id,
                attempts=1,
                passed_at=item.starts_at.replace(tzinfo=UTC) - timedelta(days=2),
                how=InductionHow.online,
            )
            for attendance in item.attendances
        )
    db.session.flush()


def _gate_day_item(visit, mine) -> None:
    """Today's tour at the mine for the guide account's gate: everyone cleared, nobody checked in yet."""
    guide = _guide("Rustam Xolmatov")
    people = list(visit.participants)
    day = visit.starts_on
    plan = Plan(
        visit, SiteRules.of(mine), datetime.combine(day, time(9)), datetime.combine(day, time(17)), people, [guide]
    )
    broken = rules.check(plan)
    if broken:
        raise RuntimeError(f"demo item breaks the rules: {[v.message for v in broken]}")
    db.session.add(
        ItineraryItem(
            visit=visit,
            site=mine,
            guide=guide,
            starts_at=plan.starts_at,
            ends_at=plan.ends_at,
            activity="The open pit from the observation platform; drilling and haulage",
            activity_ru="Карьер со смотровой площадки: бурение и транспортировка горной массы",
            activity_uz="Kuzatuv maydonchasidan karyer: burgʻulash va togʻ jinslarini tashish",
            meeting_point="Mine checkpoint: PPE and safety briefing",
            meeting_point_ru=MEETING_POINTS["Mine checkpoint: PPE and safety briefing"][0],
            meeting_point_uz=MEETING_POINTS["Mine checkpoint: PPE and safety briefing"][1],
            attendances=[ItineraryAttendee(participant=p) for p in people],
        )
    )

"""Synthetic data at scale, on top of the demo data: years of partners, agreements, visits,
participants, itineraries and attendance, for measuring the pages and documents as a company
that has used the application for years would see them.

Rows go in as bulk inserts with ids assigned here (one ``INSERT`` per few thousand rows, no
ORM objects, no audit entries: this is generated data, not anybody's change); on PostgreSQL
the id sequences are moved past them at the end. The random generator is seeded, so a size
gives the same data every time. Names are in the scripts their owners write them in: Latin,
Russian and Mongolian Cyrillic, Uzbek Latin with ʻ."""

import random
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta

from sqlalchemy import func, insert, select, text

from partnership.agreements.models import Agreement, AgreementKind, AgreementParty
from partnership.core import clock
from partnership.extensions import db
from partnership.partners.models import Organisation, OrganisationKind
from partnership.programme.models import ItineraryAttendee, ItineraryItem
from partnership.sites.models import Guide, Site, SiteKind, days_to_mask, site_guides
from partnership.text import fold
from partnership.visits.models import (
    Participant,
    ParticipantRole,
    Visit,
    VisitStatus,
    VisitTransition,
    visit_agreements,
    visit_organisations,
)


@dataclass(frozen=True)
class Size:
    organisations: int
    agreements: int
    visits: int
    participants: int  # on average per visit: participants / visits
    sites: int  # generated sites beside the demo's
    items_per_visit: int  # on average, for visits that take place
    years: int  # of history before today


SIZES = {
    "small": Size(
        organisations=100, agreements=300, visits=500, participants=6_000, sites=4, items_per_visit=5, years=3
    ),
    "medium": Size(
        organisations=500, agreements=2_000, visits=5_000, participants=60_000, sites=10, items_per_visit=5, years=5
    ),
    "large": Size(
        organisations=2_000,
        agreements=8_000,
        visits=20_000,
        participants=300_000,
        sites=24,
        items_per_visit=6,
        years=7,
    ),
}

# The demo liaisons' universities get a fair share of the visits: their start pages then
# show what a liaison of a long-standing partner sees.
LIAISON_ORGANISATIONS = ("UGS", "MSU", "OshTU")
LIAISON_SHARE = 0.01

BATCH = 5_000

# --- names ------------------------------------------------------------------------------------
# (country, cities, how a university's name is built from a city and a field, people's names)

FIELDS_EN = ["Mining", "Geology", "Metallurgy", "Technology", "Engineering", "Economics", "Chemistry", "Energy"]
FIELDS_RU = ["горный", "геологический", "металлургический", "технологический", "инженерный", "экономический"]
FIELDS_UZ = ["kon", "geologiya", "metallurgiya", "texnologiya", "muhandislik", "iqtisodiyot", "kimyo", "energetika"]
FIELDS_MN = ["Уул уурхайн", "Геологийн", "Технологийн", "Инженерийн", "Эдийн засгийн", "Эрчим хүчний"]

COUNTRIES = {
    "UZ": [
        "Toshkent",
        "Samarqand",
        "Buxoro",
        "Qarshi",
        "Navoiy",
        "Olmaliq",
        "Fargʻona",
        "Andijon",
        "Namangan",
        "Termiz",
    ],
    "RU": ["Москва", "Екатеринбург", "Новосибирск", "Томск", "Иркутск", "Красноярск", "Пермь", "Магнитогорск"],
    "MN": ["Улаанбаатар", "Эрдэнэт", "Дархан", "Чойбалсан", "Мөрөн", "Ховд"],
    "KZ": ["Алматы", "Караганда", "Усть-Каменогорск", "Павлодар", "Шымкент"],
    "KG": ["Бишкек", "Ош", "Каракол", "Джалал-Абад"],
    "TJ": ["Душанбе", "Худжанд", "Бохтар"],
    "CN": ["Beijing", "Xi'an", "Changsha", "Kunming", "Urumqi"],
    "KR": ["Seoul", "Daejeon", "Busan"],
    "DE": ["Freiberg", "Clausthal", "Aachen"],
    "TR": ["Istanbul", "Ankara", "Izmir"],
    "TN": ["Tunis", "Sfax", "Gafsa"],
}
COUNTRY_WEIGHTS = {"UZ": 30, "RU": 20, "MN": 8, "KZ": 10, "KG": 6, "TJ": 5, "CN": 7, "KR": 4, "DE": 4, "TR": 4, "TN": 2}

GIVEN = {
    "UZ": ["Oʻtkir", "Gʻayrat", "Shahzoda", "Dilnoza", "Jasur", "Madina", "Sardor", "Feruza", "Baxtiyor", "Nodira"],
    "RU": ["Алексей", "Мария", "Дмитрий", "Екатерина", "Иван", "Ольга", "Сергей", "Анна", "Никита", "Дарья"],
    "MN": ["Батбаяр", "Номин-Эрдэнэ", "Тэмүүлэн", "Оюунчимэг", "Билгүүн", "Анужин", "Хулан", "Ганзул"],
    "KZ": ["Айдар", "Айгерим", "Ерлан", "Динара", "Нурлан", "Жанна"],
    "KG": ["Айбек", "Нургүл", "Бакыт", "Жылдыз", "Эрмек", "Айзада", "Үмүт", "Өмүрбек"],
    "TJ": ["Фаридун", "Зарина", "Рустам", "Мадина", "Сухроб"],
    "CN": ["Wei", "Fang", "Li Na", "Jun", "Xiaoming", "Mei"],
    "KR": ["Min-jun", "Seo-yeon", "Ji-ho", "Ha-eun"],
    "DE": ["Jonas", "Lena", "Lukas", "Anna", "Felix", "Marie"],
    "TR": ["Mehmet", "Ayşe", "Emre", "Zeynep", "Can"],
    "TN": ["Yassine", "Oumaima", "Amine", "Sarra"],
}
FAMILY = {
    "UZ": ["Gʻofurov", "Toʻxtayeva", "Qoʻchqorov", "Yoʻldoshev", "Xoʻjayeva", "Rahimov", "Ergasheva", "Islomov"],
    "RU": ["Иванов", "Смирнова", "Кузнецов", "Попова", "Соколов", "Лебедева", "Козлов", "Новикова"],
    "MN": ["Цэрэнпил", "Ганзориг", "Сүхбаатар", "Дорж", "Мөнх-Очир", "Ганболд", "Энхтайван"],
    "KZ": ["Абенов", "Сейткалиева", "Жумабаев", "Нурланова"],
    "KG": ["Жумабеков", "Асанова", "Токтогулов", "Маматова", "Исаков"],
    "TJ": ["Рахимов", "Назарова", "Саидов", "Каримова"],
    "CN": ["Wang", "Li", "Zhang", "Liu", "Chen"],
    "KR": ["Kim", "Lee", "Park", "Choi"],
    "DE": ["Müller", "Schmidt", "Schneider", "Fischer", "Weber"],
    "TR": ["Yılmaz", "Kaya", "Demir", "Şahin"],
    "TN": ["Ben Amor", "Trabelsi", "Gharbi", "Jebali"],
}
FACULTIES = [
    "Mining engineering",
    "Geology and exploration of mineral deposits",
    "Mineral processing",
    "Metallurgy",
    "Geophysics",
    "Mining machines and equipment",
    "Geodesy and surveying",
]
ACTIVITIES = ["Guided tour", "Observation platform", "Workshop session", "Lecture", "Simulator training", "Meeting"]
SLOTS = [(time(9), time(11)), (time(11, 30), time(13)), (time(14), time(16)), (time(16, 15), time(17, 30))]


class Generator:
    def __init__(self, size: Size, seed: int, progress: Callable[[str, int], None]):
        self.size = size
        self.random = random.Random(seed)  # noqa: S311  # nosec B311
        self.progress = progress
        self.today = clock.today()
        self.counts: dict[str, int] = {}

    # --- helpers ---------------------------------------------------------------------------
    def _next_id(self, model) -> int:
        return (db.session.scalar(select(func.max(model.id))) or 0) + 1

    def _insert(self, label: str, table, rows: Iterator[dict]) -> int:
        """Insert ``rows`` in batches, reporting each batch to the progress bar."""
        count = 0
        batch: list[dict] = []
        for row in rows:
            batch.append(row)
            if len(batch) == BATCH:
                db.session.execute(insert(table), batch)
                count += len(batch)
                self.progress(label, len(batch))
                batch = []
        if batch:
            db.session.execute(insert(table), batch)
            count += len(batch)
            self.progress(label, len(batch))
        self.counts[label] = self.counts.get(label, 0) + count
        return count

    def _person(self, country: str) -> str:
        pick = self.random.choice
        given, family = pick(GIVEN[country]), pick(FAMILY[country])
        return f"{family} {given}" if country in ("CN", "KR") else f"{given} {family}"

    def _country(self) -> str:
        return self.random.choices(list(COUNTRY_WEIGHTS), weights=list(COUNTRY_WEIGHTS.values()))[0]

    # --- the register ----------------------------------------------------------------------
    def organisations(self) -> None:
        host = db.session.scalar(select(Organisation).where(Organisation.short_name == "AMMC"))
        if host is None:
            raise LookupError("the demo data is missing: run `flask --app partnership demo load` first")
        self.host_id = host.id
        taken: set[tuple[str, str]] = {
            (key, country) for key, country in db.session.execute(select(Organisation.name_key, Organisation.country))
        }
        first = self._next_id(Organisation)
        self.organisation_ids: list[int] = []
        self.university_ids: list[int] = []
        self.countries: dict[int, str] = {}
        rows = []
        for n in range(self.size.organisations):
            country = self._country()
            kind = self.random.choices(
                [
                    OrganisationKind.university,
                    OrganisationKind.company,
                    OrganisationKind.ministry,
                    OrganisationKind.forum,
                ],
                weights=[80, 10, 5, 5],
            )[0]
            name, name_ru, name_uz, city = self._organisation_name(country, kind)
            number = 2
            base = name
            while (fold(name), country) in taken:
                name = f"{base} No. {number}"
                number += 1
            taken.add((fold(name), country))
            organisation_id = first + n
            names = [name, name_ru, name_uz]
            rows.append(
                dict(
                    id=organisation_id,
                    kind=kind,
                    name=name,
                    name_ru=name_ru,
                    name_uz=name_uz,
                    short_name=None,
                    country=country,
                    city=city,
                    website=None,
                    notes=None,
                    name_key=fold(name),
                    search_text=" | ".join(fold(v) for v in (*names, city) if v),
                    names_text=" | ".join(fold(v) for v in names if v),
                )
            )
            self.organisation_ids.append(organisation_id)
            self.countries[organisation_id] = country
            if kind is OrganisationKind.university:
                self.university_ids.append(organisation_id)
        self._insert("organisations", Organisation, iter(rows))
        self.liaison_ids = list(
            db.session.scalars(select(Organisation.id).where(Organisation.short_name.in_(LIAISON_ORGANISATIONS)))
        )
        for organisation_id, country in db.session.execute(
            select(Organisation.id, Organisation.country).where(Organisation.id.in_(self.liaison_ids))
        ):
            self.countries[organisation_id] = country

    def _organisation_name(self, country: str, kind: OrganisationKind) -> tuple[str, str | None, str | None, str]:
        pick = self.random.choice
        city = pick(COUNTRIES[country])
        if kind is not OrganisationKind.university:
            label = {
                OrganisationKind.company: "Mining Company",
                OrganisationKind.ministry: "Regional Department of Industry",
                OrganisationKind.forum: "Mining Forum",
            }[kind]
            return f"{city} {label}", None, None, city
        if country == "UZ":
            field = pick(FIELDS_UZ)
            return f"{city} {field} universiteti", None, f"{city} {field} universiteti", city
        if country in ("RU", "KZ", "KG", "TJ"):
            field = pick(FIELDS_RU)
            name = f"{field.capitalize()} университет, {city}"
            return name, name, None, city
        if country == "MN":
            return f"{city} {pick(FIELDS_MN)} их сургууль", None, None, city
        return f"{city} University of {pick(FIELDS_EN)}", None, None, city

    def agreements(self) -> None:
        first = self._next_id(Agreement)
        first_party = self._next_id(AgreementParty)
        self.agreements_of: dict[int, list[int]] = {}
        agreement_rows, party_rows = [], []
        party_id = first_party
        kinds = list(AgreementKind)
        for n in range(self.size.agreements):
            agreement_id = first + n
            signed = self.today - timedelta(days=self.random.randint(-60, 365 * (self.size.years + 3)))
            draft = signed > self.today or self.random.random() < 0.05
            expires = signed + timedelta(days=365 * self.random.randint(1, 5))
            terminated = (
                signed + timedelta(days=self.random.randint(30, 300))
                if not draft and self.random.random() < 0.04
                else None
            )
            reference = f"GEN-{signed.year}-{agreement_id:06d}"
            title = self.random.choice(
                [
                    "Memorandum of understanding",
                    "Agreement on cooperation",
                    "Internship agreement",
                    "Framework agreement",
                ]
            )
            agreement_rows.append(
                dict(
                    id=agreement_id,
                    reference=reference,
                    reference_key=fold(reference),
                    title=title,
                    kind=self.random.choice(kinds),
                    objectives="Student internships, joint research and excursions to the company's sites.",
                    signed_on=None if draft else signed,
                    effective_on=None if draft else signed,
                    expires_on=expires,
                    terminated_on=terminated,
                    parent_id=None,
                    search_text=" | ".join(fold(v) for v in (reference, title)),
                )
            )
            partners = self.random.sample(self.organisation_ids, k=self.random.choice([1, 1, 1, 2, 3]))
            if self.liaison_ids and self.random.random() < 3 * LIAISON_SHARE:
                partners[0] = self.random.choice(self.liaison_ids)
            for position, organisation_id in enumerate([self.host_id, *dict.fromkeys(partners)]):
                party_rows.append(
                    dict(
                        id=party_id,
                        agreement_id=agreement_id,
                        organisation_id=organisation_id,
                        position=position,
                        signatory_name=self._person(self.countries.get(organisation_id, "UZ")),
                        signatory_title="Rector" if position else "Chairman of the Board",
                        signed_on=None if draft else signed,
                    )
                )
                party_id += 1
                if position:
                    self.agreements_of.setdefault(organisation_id, []).append(agreement_id)
        self._insert("agreements", Agreement, iter(agreement_rows))
        self._insert("agreement parties", AgreementParty, iter(party_rows))

    # --- sites -----------------------------------------------------------------------------
    def sites(self) -> None:
        first_site, first_guide = self._next_id(Site), self._next_id(Guide)
        kinds = [SiteKind.mine, SiteKind.museum, SiteKind.training_centre, SiteKind.department]
        site_rows, guide_rows, link_rows = [], [], []
        capacities = [self.random.choice([40, 60, 80, 120]) for _ in range(self.size.sites)]
        for n in range(self.size.sites):
            kind = kinds[n % len(kinds)]
            name = f"{kind.value.replace('_', ' ').capitalize()} No. {first_site + n}"
            site_rows.append(
                dict(
                    id=first_site + n,
                    name=name,
                    name_key=fold(name),
                    kind=kind,
                    location="Almalyk",
                    capacity=capacities[n],
                    open_days=days_to_mask(range(7)),
                    opens_at=time(8),
                    closes_at=time(18),
                    min_age=18 if kind is SiteKind.mine else None,
                    ppe_required=kind is SiteKind.mine,
                    medical_clearance_required=kind is SiteKind.mine,
                )
            )
            guide_rows.append(dict(id=first_guide + n, name=self._person("UZ"), phone=None, email=None))
            link_rows.append(dict(site_id=first_site + n, guide_id=first_guide + n))
        self._insert("sites", Site, iter(site_rows))
        self._insert("guides", Guide, iter(guide_rows))
        self._insert("site guides", site_guides, iter(link_rows))
        # Every generated site has its own guide: one group at a time, so one slot holds one visit.
        self.sites_and_guides: list[tuple[int, int, int]] = [
            (first_site + n, capacity, first_guide + n) for n, capacity in enumerate(capacities)
        ]

    # --- visits ----------------------------------------------------------------------------
    def visits(self) -> None:
        size = self.size
        first_visit = self._next_id(Visit)
        first_transition = self._next_id(VisitTransition)
        start = self.today - timedelta(days=365 * size.years)
        span = (self.today + timedelta(days=365) - start).days
        average = size.participants / size.visits
        self.visit_plans: list[tuple[int, date, date, VisitStatus, int, list[int]]] = []
        visit_rows, organisation_rows, agreement_rows, transition_rows = [], [], [], []
        labels: dict[int, str] = {
            row.id: row.name for row in db.session.execute(select(Organisation.id, Organisation.name))
        }
        for n in range(size.visits):
            visit_id = first_visit + n
            starts = start + timedelta(days=self.random.randrange(span))
            ends = starts + timedelta(days=self.random.choice([0, 0, 1, 1, 2, 3, 4]))
            status = self._status(starts, ends)
            if self.liaison_ids and self.random.random() < LIAISON_SHARE * len(self.liaison_ids):
                organisations = [self.random.choice(self.liaison_ids)]
            else:
                organisations = self.random.sample(self.university_ids, k=self.random.choice([1, 1, 1, 1, 2, 3]))
            people = max(3, int(self.random.expovariate(1 / average)))
            self.visit_plans.append((visit_id, starts, ends, status, people, organisations))
            name = labels[organisations[0]]
            title = f"{self.random.choice(['Study visit', 'Excursion', 'Internship week', 'Delegation'])}: {name}"
            visit_rows.append(
                dict(
                    id=visit_id,
                    title=title,
                    purpose="Introduction to open-pit mining, processing and the company's training programmes.",
                    starts_on=starts,
                    ends_on=ends,
                    status=status,
                    coordinator_id=None,
                    outcomes=None,
                    rejection_reason="No capacity on the requested days." if status is VisitStatus.rejected else None,
                    created_by_id=None,
                    search_text=fold(title),
                )
            )
            organisation_rows += [dict(visit_id=visit_id, organisation_id=o) for o in organisations]
            candidates = sorted({a for o in organisations for a in self.agreements_of.get(o, [])})
            agreement_rows += [
                dict(visit_id=visit_id, agreement_id=a)
                for a in self.random.sample(candidates, k=min(len(candidates), self.random.choice([0, 1, 1, 2])))
            ]
            transition_rows.append(
                dict(id=first_transition + n, visit_id=visit_id, from_status=None, to_status=status, comment=None)
            )
        self._adjust_sizes()
        self._insert("visits", Visit, iter(visit_rows))
        self._insert("visit organisations", visit_organisations, iter(organisation_rows))
        self._insert("visit agreements", visit_agreements, iter(agreement_rows))
        self._insert("visit history", VisitTransition, iter(transition_rows))

    def _status(self, starts: date, ends: date) -> VisitStatus:
        weights: dict[VisitStatus, int]
        if ends < self.today:
            weights = {VisitStatus.completed: 85, VisitStatus.cancelled: 8, VisitStatus.rejected: 7}
        else:
            weights = {
                VisitStatus.draft: 10,
                VisitStatus.requested: 30,
                VisitStatus.approved: 30,
                VisitStatus.confirmed: 30,
            }
        return self.random.choices(list(weights), weights=list(weights.values()))[0]

    def _adjust_sizes(self) -> None:
        """Scale the people per visit to the size's total; at the large size, one visit of 1,500
        people (the largest delegations) and one of 500 with 40 items (the visit report)."""
        total = sum(plan[4] for plan in self.visit_plans)
        factor = self.size.participants / total
        plans = [(v, s, e, st, max(1, round(p * factor)), o) for v, s, e, st, p, o in self.visit_plans]
        if self.size.participants >= 100_000:
            big = [i for i, plan in enumerate(plans) if plan[3] is VisitStatus.completed]
            for index, people in ((big[0], 1_500), (big[1], 500)):
                v, s, _e, st, _p, o = plans[index]
                plans[index] = (v, s, s + timedelta(days=4 if people == 500 else 2), st, people, o)
        self.visit_plans = plans

    def participants(self) -> None:
        first = self._next_id(Participant)
        self.people_of: dict[int, list[int]] = {}
        roles = [ParticipantRole.student] * 12 + [ParticipantRole.staff]

        def rows() -> Iterator[dict]:
            participant_id = first
            for visit_id, starts, _ends, _status, people, organisations in self.visit_plans:
                ids = self.people_of.setdefault(visit_id, [])
                for n in range(people):
                    organisation_id = organisations[n % len(organisations)]
                    country = self.countries.get(organisation_id, "UZ")
                    full_name = self._person(country)
                    yield dict(
                        id=participant_id,
                        visit_id=visit_id,
                        organisation_id=organisation_id,
                        full_name=full_name,
                        name_key=fold(full_name),
                        role=ParticipantRole.lead if n == 0 else self.random.choice(roles),
                        nationality=country,
                        faculty=self.random.choice(FACULTIES),
                        date_of_birth=starts - timedelta(days=self.random.randint(18 * 365 + 5, 30 * 365)),
                        document_number=f"{country}{self.random.randrange(10**7):07d}",
                        email=None,
                        diet=None,
                        access_needs=None,
                        medical_clearance=self.random.random() < 0.8,
                        ppe_issued=self.random.random() < 0.6,
                    )
                    ids.append(participant_id)
                    participant_id += 1

        self._insert("participants", Participant, rows())

    def programme(self) -> None:
        """Items for the visits that take place, each in a free slot of a generated site (one
        visit per slot, so capacity and guides hold), and their attendees; past items of
        completed visits have their attendance recorded."""
        taken: set[tuple[int, date, int]] = set()
        first = self._next_id(ItineraryItem)
        occupying = {VisitStatus.approved, VisitStatus.confirmed, VisitStatus.completed}
        item_rows: list[dict] = []
        attendee_rows: list[dict] = []
        item_id = first
        recorded_at = datetime.now(UTC)
        for visit_id, starts, ends, status, people, _organisations in self.visit_plans:
            if status not in occupying:
                continue
            busy: set[tuple[date, int]] = set()  # a group is at one site at a time
            days = [starts + timedelta(days=d) for d in range((ends - starts).days + 1)]
            wanted = 40 if people == 500 else max(1, round(self.random.gauss(self.size.items_per_visit, 1.5)))
            for _ in range(wanted):
                slot = self._free_slot(days, taken, busy)
                if slot is None:
                    break
                day, slot_index, site_id, capacity, guide_id = slot
                opens, closes = SLOTS[slot_index]
                recorded = status is VisitStatus.completed and day < self.today
                item_rows.append(
                    dict(
                        id=item_id,
                        visit_id=visit_id,
                        site_id=site_id,
                        guide_id=guide_id,
                        starts_at=datetime.combine(day, opens),
                        ends_at=datetime.combine(day, closes),
                        activity=self.random.choice(ACTIVITIES),
                        attendance_recorded_at=recorded_at if recorded else None,
                    )
                )
                for participant_id in self.people_of[visit_id][:capacity]:
                    attended = (self.random.random() < 0.95) if recorded else None
                    attendee_rows.append(dict(item_id=item_id, participant_id=participant_id, attended=attended))
                item_id += 1
                if len(attendee_rows) > 4 * BATCH:
                    self._flush_programme(item_rows, attendee_rows)
                    item_rows, attendee_rows = [], []
        self._flush_programme(item_rows, attendee_rows)

    def _flush_programme(self, item_rows: list[dict], attendee_rows: list[dict]) -> None:
        self._insert("itinerary items", ItineraryItem, iter(item_rows))
        self._insert("attendance", ItineraryAttendee, iter(attendee_rows))

    def _free_slot(self, days: list[date], taken: set, busy: set) -> tuple[date, int, int, int, int] | None:
        for _attempt in range(12):
            day = self.random.choice(days)
            slot_index = self.random.randrange(len(SLOTS))
            site_id, capacity, guide_id = self.random.choice(self.sites_and_guides)
            key = (site_id, day, slot_index)
            if key not in taken and (day, slot_index) not in busy:
                taken.add(key)
                busy.add((day, slot_index))
                return day, slot_index, site_id, capacity, guide_id
        return None

    # --- the end ---------------------------------------------------------------------------
    def move_sequences(self) -> None:
        """PostgreSQL: the next id of every table comes after the ids assigned here."""
        if db.session.get_bind().dialect.name != "postgresql":
            return
        models = (
            Organisation,
            Agreement,
            AgreementParty,
            Site,
            Guide,
            Visit,
            VisitTransition,
            Participant,
            ItineraryItem,
        )
        for model in models:
            last = select(func.coalesce(func.max(model.id), 1)).scalar_subquery()
            db.session.execute(select(func.setval(func.pg_get_serial_sequence(model.__tablename__, "id"), last)))

    def analyse(self) -> None:
        """Fresh statistics for the query planner: bulk-loaded tables look empty until the next
        autovacuum, and the planner would scan where an index serves."""
        db.session.flush()
        db.session.execute(text("ANALYZE"))


STEPS = ("organisations", "agreements", "sites", "visits", "participants", "programme", "move_sequences", "analyse")


def generate(size_name: str, seed: int = 2025, progress: Callable[[str, int], None] | None = None) -> dict[str, int]:
    """Add the synthetic data of ``size_name`` to the session (flushed, not committed); returns
    the number of rows inserted per kind."""
    generator = Generator(SIZES[size_name], seed, progress or (lambda label, count: None))
    for step in STEPS:
        getattr(generator, step)()
    return generator.counts


def expected_rows(size_name: str) -> int:
    """Roughly how many rows ``generate`` inserts, for a progress bar."""
    size = SIZES[size_name]
    items = size.visits * 0.6 * size.items_per_visit
    return int(size.organisations + size.agreements * 3.5 + size.visits * 3.5 + size.participants + items * 16)

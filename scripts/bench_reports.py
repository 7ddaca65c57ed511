"""How long the reports take on large data (a script, not a test).

    python scripts/bench_reports.py                       # a temporary SQLite database
    python scripts/bench_reports.py --database-url postgresql://postgres@127.0.0.1:5432/bench

Builds a visit of 500 participants and 40 itinerary items (and one of 50 and 4
to compare with), and 20,000 visits for the partnership summary (and 2,000 to
compare with), then prints how long each PDF takes and the ratios between the
large and the small case, measured in this one run."""

import argparse
import os
import random
import sys
import tempfile
import time
from datetime import date, datetime, timedelta
from datetime import time as clock
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from sqlalchemy import insert, select  # noqa: E402

from partnership import create_app  # noqa: E402
from partnership.extensions import db  # noqa: E402

NAMES = [
    "Лхагва Очир Энхжин",
    "Өлзийбаяр Батбаяр",
    "Ўткир Қодиров",
    "Ғайрат Ҳасанов",
    "Oʻktam Gʻulomov",
    "Çağrı Öztürk",
    "Riahi Amma Vissal",
    "Айбек Жумабеков",
    "Gʻulnora Yoʻldosheva",
    "Батбаяр Дорж",
]
COUNTRIES = ["UZ", "MN", "KG", "KZ", "TN", "TR", "DE", "RU"]


def build_common():
    from partnership.accounts.models import Role, User
    from partnership.agreements.models import Agreement, AgreementKind, AgreementParty
    from partnership.partners.models import Organisation, OrganisationKind
    from partnership.sites.models import Guide, Site, SiteKind

    organisations = []
    for number in range(60):
        organisation = Organisation(
            kind=OrganisationKind.university,
            name=f"University {number}",
            name_ru=f"Университет {number}",
            name_uz=f"Universitet {number}",
            country=COUNTRIES[number % len(COUNTRIES)],
            city="City",
        )
        organisations.append(organisation)
    db.session.add_all(organisations)
    coordinator = User(
        username="bench",
        full_name="Dilnoza Karimova",
        email="bench@example.org",
        role=Role.coordinator,
        password_hash="x",
    )
    db.session.add(coordinator)
    sites = [
        Site(
            name=f"Site {number}",
            kind=list(SiteKind)[number % len(SiteKind)],
            location="Almalyk",
            capacity=1000,
            opens_at=clock(7),
            closes_at=clock(20),
            min_age=18 if number == 0 else None,
            ppe_required=number == 0,
            max_group_per_guide=15 if number == 0 else None,
            safety_notes="Stay with your guide.",
        )
        for number in range(6)
    ]
    db.session.add_all(sites)
    guides = [
        Guide(name=f"Guide {number}", phone="+998 90 000 00 00", email=f"g{number}@example.org") for number in range(8)
    ]
    db.session.add_all(guides)
    db.session.flush()
    today = date.today()
    for number in range(300):
        signed = today - timedelta(days=random.randint(0, 3000))
        agreement = Agreement(
            reference=f"AG-{number:04d}",
            title=f"Cooperation agreement {number}",
            kind=AgreementKind.cooperation,
            signed_on=signed,
            effective_on=signed,
            expires_on=signed + timedelta(days=random.randint(200, 3000)),
        )
        for position, organisation in enumerate(random.sample(organisations, 3)):
            agreement.parties.append(
                AgreementParty(organisation=organisation, position=position, signatory_name=f"Signatory {position}")
            )
        db.session.add(agreement)
    db.session.commit()
    return organisations, sites, guides, coordinator


def build_visit(organisations, sites, guides, coordinator, participants: int, items: int) -> int:
    from partnership.agreements.models import Agreement
    from partnership.programme.models import ItineraryAttendee, ItineraryItem
    from partnership.visits.models import (
        Participant,
        ParticipantRole,
        Visit,
        VisitStatus,
    )

    starts = date(2025, 6, 23)
    days = max(1, items // 8)
    visit = Visit(
        title=f"Industrial excursion ({participants} participants)",
        purpose="Mining processes.",
        starts_on=starts,
        ends_on=starts + timedelta(days=days - 1),
        status=VisitStatus.completed,
        coordinator_id=coordinator.id,
        outcomes="A branch of the department was opened.\n\nMore to come.",
    )
    visit.organisations.extend(organisations[:5])
    visit.agreements.extend(db.session.scalars(select(Agreement).limit(3)).all())
    db.session.add(visit)
    db.session.flush()
    roles = [ParticipantRole.student] * 8 + [ParticipantRole.staff, ParticipantRole.lead]
    db.session.execute(
        insert(Participant),
        [
            {
                "visit_id": visit.id,
                "organisation_id": organisations[n % 5].id,
                "full_name": f"{NAMES[n % len(NAMES)]} {n}",
                "name_key": "",
                "role": roles[n % len(roles)],
                "nationality": COUNTRIES[n % len(COUNTRIES)],
                "faculty": "Geology and Geophysics",
                "date_of_birth": date(2003, 1, 1),
                "document_number": f"AA{n:07d}",
                "email": f"p{n}@example.org",
                "medical_clearance": True,
                "ppe_issued": True,
            }
            for n in range(participants)
        ],
    )
    people = db.session.scalars(select(Participant.id).where(Participant.visit_id == visit.id)).all()
    for number in range(items):
        day = starts + timedelta(days=number // 8)
        start = datetime.combine(day, clock(8)) + timedelta(hours=number % 8)
        item = ItineraryItem(
            visit_id=visit.id,
            site_id=sites[number % len(sites)].id,
            guide_id=guides[number % len(guides)].id,
            starts_at=start,
            ends_at=start + timedelta(minutes=50),
            activity=f"Activity {number}",
            meeting_point="Main gate",
            attendance_recorded_at=datetime(2025, 6, 30),
        )
        db.session.add(item)
        db.session.flush()
        db.session.execute(
            insert(ItineraryAttendee),
            [
                {"item_id": item.id, "participant_id": person, "attended": (person + number) % 9 != 0}
                for person in people
            ],
        )
    db.session.commit()
    return visit.id


def build_visits(organisations, sites, count: int) -> tuple[date, date]:
    """``count`` visits over ten years, each with a few people and two items."""
    from partnership.programme.models import ItineraryAttendee, ItineraryItem
    from partnership.visits.models import (
        Participant,
        ParticipantRole,
        Visit,
        VisitStatus,
        visit_organisations,
    )

    first = date(2016, 1, 1)
    statuses = list(VisitStatus)
    batch = 2000
    for offset in range(0, count, batch):
        rows = []
        for number in range(offset, min(count, offset + batch)):
            starts = first + timedelta(days=(number * 3653) // count)
            rows.append(
                {
                    "title": f"Visit {number}",
                    "starts_on": starts,
                    "ends_on": starts + timedelta(days=1),
                    "status": statuses[number % len(statuses)],
                    "search_text": f"visit {number}",
                }
            )
        ids = db.session.scalars(insert(Visit).returning(Visit.id, sort_by_parameter_order=True), rows).all()
        db.session.execute(
            insert(visit_organisations),
            [
                {"visit_id": visit_id, "organisation_id": organisations[(visit_id * 7) % len(organisations)].id}
                for visit_id in ids
            ],
        )
        people = []
        for visit_id in ids:
            for n in range(6):
                people.append(
                    {
                        "visit_id": visit_id,
                        "organisation_id": organisations[(visit_id * 7) % len(organisations)].id,
                        "full_name": f"{NAMES[(visit_id + n) % len(NAMES)]}",
                        "name_key": "",
                        "role": ParticipantRole.student if n else ParticipantRole.staff,
                        "nationality": COUNTRIES[(visit_id + n) % len(COUNTRIES)] if n % 3 else None,
                        "medical_clearance": True,
                        "ppe_issued": True,
                    }
                )
        db.session.execute(insert(Participant), people)
        items = []
        for visit_id, row in zip(ids, rows, strict=False):
            for n in range(2):
                start = datetime.combine(row["starts_on"], clock(9 + 4 * n))
                items.append(
                    {
                        "visit_id": visit_id,
                        "site_id": sites[(visit_id + n) % len(sites)].id,
                        "starts_at": start,
                        "ends_at": start + timedelta(hours=2),
                        "activity": "Tour",
                    }
                )
        item_ids = db.session.scalars(
            insert(ItineraryItem).returning(ItineraryItem.id, ItineraryItem.visit_id, sort_by_parameter_order=True),
            items,
        ).all()
        by_visit = {}
        for participant_id, visit_id in db.session.execute(
            select(Participant.id, Participant.visit_id).where(Participant.visit_id.in_(ids))
        ):
            by_visit.setdefault(visit_id, []).append(participant_id)
        item_rows = db.session.execute(
            select(ItineraryItem.id, ItineraryItem.visit_id).where(ItineraryItem.id.in_(item_ids))
        )
        db.session.execute(
            insert(ItineraryAttendee),
            [
                {"item_id": item_id, "participant_id": person, "attended": None}
                for item_id, visit_id in item_rows
                for person in by_visit.get(visit_id, [])
            ],
        )
        db.session.commit()
    return first, first + timedelta(days=3652)


def timed(label: str, function, *args, **kwargs):
    started = time.perf_counter()
    result = function(*args, **kwargs)
    elapsed = time.perf_counter() - started
    size = f"{len(result) / 1024:8.0f} KiB" if isinstance(result, bytes) else ""
    print(f"  {label:<58} {elapsed:8.2f} s  {size}")
    return elapsed, result


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--database-url", help="an empty database to fill (default: a temporary SQLite file)")
    parser.add_argument("--visits", type=int, default=20_000)
    args = parser.parse_args()
    random.seed(7)
    folder = tempfile.TemporaryDirectory()
    url = args.database_url or f"sqlite:///{Path(folder.name) / 'bench.sqlite'}"
    os.environ.setdefault("PARTNERSHIP_INSTANCE", folder.name)
    app = create_app({"SQLALCHEMY_DATABASE_URI": url, "SECRET_KEY": "bench", "TESTING": True})
    from partnership.reports import documents
    from partnership.reports.access import Document
    from partnership.reports.summary import PartnershipSummary

    with app.app_context():
        db.drop_all()
        db.create_all()
        print(f"Database: {db.engine.url.render_as_string(hide_password=True)}")
        started = time.perf_counter()
        organisations, sites, guides, coordinator = build_common()
        small = build_visit(organisations, sites, guides, coordinator, participants=50, items=4)
        large = build_visit(organisations, sites, guides, coordinator, participants=500, items=40)
        print(f"Built the two visits in {time.perf_counter() - started:.1f} s")

        print("Visit documents (50 participants / 4 items, then 500 / 40):")
        report_small, _ = timed(
            "visit report, 50 / 4, en", documents.render_visit_document, Document.report, small, "en"
        )
        report_large, _ = timed(
            "visit report, 500 / 40, en", documents.render_visit_document, Document.report, large, "en"
        )
        timed("visit report, 500 / 40, ru", documents.render_visit_document, Document.report, large, "ru")
        timed("programme, 500 / 40, uz", documents.render_visit_document, Document.programme, large, "uz")
        timed("participant list, 500", documents.render_visit_document, Document.participants, large, "en")
        timed("name badges, 500", documents.render_visit_document, Document.badges, large, "en")
        timed("invitation letters, 500", documents.render_visit_document, Document.invitations, large, "en")

        started = time.perf_counter()
        tenth_first, tenth_last = build_visits(organisations, sites, args.visits // 10)
        print(f"Built {args.visits // 10:,} visits in {time.perf_counter() - started:.1f} s")
        summary_small, _ = timed(
            f"summary over {args.visits // 10:,} visits (ten years)",
            lambda: PartnershipSummary(tenth_first, tenth_last, "en").render(),
        )
        started = time.perf_counter()
        build_visits(organisations, sites, args.visits - args.visits // 10)
        print(f"Built {args.visits - args.visits // 10:,} more visits in {time.perf_counter() - started:.1f} s")
        summary_large, _ = timed(
            f"summary over {args.visits:,} visits (ten years)",
            lambda: PartnershipSummary(tenth_first, tenth_last, "en").render(),
        )
        timed(
            f"summary over {args.visits:,} visits, one year",
            lambda: PartnershipSummary(date(2020, 1, 1), date(2020, 12, 31), "ru").render(),
        )
        print("Ratios measured in this run:")
        print(f"  visit report, 500/40 against 50/4 (10x the people):  {report_large / report_small:6.1f}x")
        print(
            f"  summary, {args.visits:,} against {args.visits // 10:,} visits (10x):"
            f"      {summary_large / summary_small:6.1f}x"
        )
        db.session.remove()
        if args.database_url:
            db.drop_all()
        db.engine.dispose()
    folder.cleanup()


if __name__ == "__main__":
    main()

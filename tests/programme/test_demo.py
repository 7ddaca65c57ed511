"""The demo's sites and the itinerary of the June 2025 visit, as SCENARIO.md tells it."""

from datetime import date, datetime, time

from sqlalchemy import select

from partnership.demo import accounts, agreements, partners, visits
from partnership.demo import sites as demo_sites
from partnership.demo.loader import DemoContext
from partnership.extensions import db
from partnership.programme import rules
from partnership.programme.models import ItineraryItem
from partnership.sites.models import Site


def load(today=date(2025, 10, 1)) -> DemoContext:
    ctx = DemoContext(today=today)
    partners.load(ctx)
    accounts.load(ctx)
    agreements.load(ctx)
    demo_sites.load(ctx)
    visits.load(ctx)
    demo_sites.load_programme(ctx)
    db.session.commit()
    return ctx


def test_demo_sites(app):
    ctx = load()
    assert set(ctx.sites) == {"kalmakyr_mine", "history_museum", "training_center", "resources_department"}
    mine = ctx.sites["kalmakyr_mine"]
    assert (
        mine.capacity,
        mine.min_age,
        mine.ppe_required,
        mine.medical_clearance_required,
        mine.max_group_per_guide,
    ) == (40, 18, True, True, 12)
    assert "Metallurg Cultural Palace" in ctx.sites["history_museum"].location
    assert len(mine.guides) == 3
    assert {s.name for s in ctx.guides["Akmal Usmonov"].sites} == {
        "Kalmakyr mine",
        "AMMC Training Center — Engineering School",
    }
    assert sorted(s.name for s in db.session.scalars(select(Site))) == [
        "AMMC Honorary History Museum",
        "AMMC Resources and Mining Department",
        "AMMC Training Center — Engineering School",
        "Kalmakyr mine",
    ]


def test_demo_itinerary_of_the_june_2025_visit(app):
    ctx = load()
    scenario = ctx.visits["scenario"]
    items = scenario.itinerary_items
    assert [(i.site.name, i.starts_at) for i in items] == [
        ("Kalmakyr mine", datetime(2025, 6, 24, 9)),
        ("AMMC Honorary History Museum", datetime(2025, 6, 24, 14, 30)),
        ("AMMC Training Center — Engineering School", datetime(2025, 6, 25, 9, 30)),
        ("AMMC Resources and Mining Department", datetime(2025, 6, 25, 14)),
    ]
    assert "Mining Operations and Technologies" in items[3].activity
    assert items[3].starts_at.time() >= time(12)  # the opening was in the afternoon
    everyone = len(scenario.participants)
    assert all(len(i.attendances) == everyone for i in items)
    assert all(i.attendance_recorded for i in items)
    assert [i.attended_count for i in items] == [everyone, everyone, everyone - 1, everyone]
    assert len(items[0].guides) * 12 >= everyone  # the mine's group-size rule
    for item in db.session.scalars(select(ItineraryItem)):
        assert rules.item_warnings(item) == [], item


def test_demo_programme_page_reads_like_the_visit(app, login):
    ctx = load()
    client = login(ctx.users["coordinator"])
    page = client.get(f"/visits/{ctx.visits['scenario'].id}/programme").get_data(as_text=True)
    for text in (
        "Kalmakyr mine",
        "Mining processes with large-scale equipment",
        "Rustam Xolmatov",
        "AMMC Honorary History Museum",
        "30 of 31 present",
        "Riahi Amma Vissal",
    ):
        assert text in page, text

"""Month and week calendars, and the iCalendar exports parsed back."""

import re
from datetime import date, datetime, time, timedelta
from zoneinfo import ZoneInfo

import pytest
from icalendar import Calendar

from partnership.core import clock
from partnership.extensions import db
from partnership.programme import calendar
from partnership.visits.models import VisitStatus
from tests.programme.factories import DAY, ItineraryItemFactory, at, visit_with

TASHKENT = ZoneInfo("Asia/Tashkent")


@pytest.fixture
def june(world):
    """A two-day visit of A at the mine and the museum; a visit of B at the mine the same morning."""
    visit_a = visit_with(3, title="Study trip of A", organisations=[world.org_a])
    visit_b = visit_with(2, title="Study trip of B", organisations=[world.org_b], starts_on=DAY, ends_on=DAY)
    mine_a = ItineraryItemFactory(
        visit=visit_a,
        site=world.site,
        guide=world.guide,
        activity="Open-pit tour",
        starts_at=at(9),
        ends_at=at(11),
        meeting_point="Main gate",
    )
    museum_a = ItineraryItemFactory(
        visit=visit_a,
        site=world.programme_site,
        activity="Company history",
        starts_at=at(10, day=date(2025, 6, 25)),
        ends_at=at(11, 30, day=date(2025, 6, 25)),
    )
    mine_b = ItineraryItemFactory(
        visit=visit_b, site=world.site, activity="Equipment", starts_at=at(10), ends_at=at(12)
    )
    return visit_a, visit_b, mine_a, museum_a, mine_b


def parse(response) -> Calendar:
    assert response.status_code == 200
    assert response.mimetype == "text/calendar"
    return Calendar.from_ical(response.get_data())


def events(cal: Calendar) -> list:
    return list(cal.walk("VEVENT"))


# --- grids --------------------------------------------------------------------------------------


def test_month_grid_runs_monday_to_sunday():
    period = calendar.period("month", date(2025, 6, 24))
    assert period.first == date(2025, 5, 26) and period.last == date(2025, 7, 6)
    assert all(len(week) == 7 and week[0].weekday() == 0 for week in period.weeks)
    assert period.previous == date(2025, 5, 1) and period.next == date(2025, 7, 1)
    assert not period.in_month(date(2025, 5, 31)) and period.in_month(date(2025, 6, 1))


def test_week_grid():
    period = calendar.period("week", date(2025, 6, 25))
    assert (period.first, period.last) == (date(2025, 6, 23), date(2025, 6, 29))
    assert period.previous == date(2025, 6, 18) and period.next == date(2025, 7, 2)
    assert calendar.period("fortnight", date(2025, 6, 25)).view == "month"


def test_month_across_the_year_end():
    period = calendar.period("month", date(2025, 12, 31))
    assert period.next == date(2026, 1, 1) and period.previous == date(2025, 11, 1)
    assert period.last == date(2026, 1, 4)


# --- pages --------------------------------------------------------------------------------------


def test_month_of_visits(june, management_client, app, monkeypatch):
    monkeypatch.setitem(app.config, "CALENDAR_DAY_SHOWN", 50)
    page = management_client.get("/calendar?date=2025-06-10").get_data(as_text=True)
    assert "June 2025" in page
    assert page.count("Study trip of A") == 2 and page.count("Study trip of B") == 1  # A spans two days


def test_a_busy_day_of_the_month_lists_a_few_and_links_the_rest_to_its_week(june, management_client, app, monkeypatch):
    """Hundreds of visits a month keep the month's page the same size: each day lists its first
    few, then "N more visits" opens the week, which lists them all."""
    monkeypatch.setitem(app.config, "CALENDAR_DAY_SHOWN", 1)
    page = management_client.get("/calendar?date=2025-06-10").get_data(as_text=True)
    more = re.findall(r'class="d-block small calendar-more" href="([^"]+)">(\d+) more visits?<', page)
    assert more, "no day says how many more visits it has"
    week_url, count = more[0]
    assert "view=week" in week_url
    week = management_client.get(week_url.replace("&amp;", "&")).get_data(as_text=True)
    assert "calendar-more" not in week
    assert week.count('class="d-block small text-decoration-none') >= int(count) + 1


def test_week_of_visits_shows_their_items(june, management_client):
    page = management_client.get("/calendar?view=week&date=2025-06-24").get_data(as_text=True)
    assert "09:00–11:00 Open-pit tour · Kalmakyr mine" in page
    assert "10:00–11:30 Company history · Demonstration workshop" in page
    assert "10:00–12:00 Equipment · Kalmakyr mine" in page


def test_liaison_calendar_holds_own_visits_only(june, liaison_b_client):
    page = liaison_b_client.get("/calendar?view=week&date=2025-06-24").get_data(as_text=True)
    assert "Study trip of B" in page and "Study trip of A" not in page and "Open-pit tour" not in page


@pytest.mark.parametrize("value", ["2025-13-45", "yesterday", "0001-01-01", "9999-12-31"])
def test_bad_date_falls_back_to_today(world, management_client, value):
    for url in (
        f"/calendar?date={value}&view=month",
        f"/sites/{world.site.id}/calendar?date={value}&view=week",
        f"/visits/{world.planned_visit.id}/programme?day={value}",
    ):
        response = management_client.get(url)
        assert response.status_code == 200, url
    assert clock.today().strftime("%B") in management_client.get(f"/calendar?date={value}").get_data(as_text=True)


def test_site_occupancy_week(june, management_client, world):
    page = management_client.get(f"/sites/{world.site.id}/calendar?view=week&date=2025-06-24").get_data(as_text=True)
    assert "at most 5 of 40" in page  # 3 of A and 2 of B overlap 10:00–11:00
    assert "Study trip of A" in page and "Study trip of B" in page


def test_site_occupancy_hides_visits_the_reader_may_not_open(june, liaison_b_client, world):
    page = liaison_b_client.get(f"/sites/{world.site.id}/calendar?view=week&date=2025-06-24").get_data(as_text=True)
    assert "Study trip of B" in page and "Study trip of A" not in page
    assert "3 people" in page and "booked" in page


def test_site_occupancy_month_leaves_out_cancelled_visits(june, management_client, world):
    visit_a, *_ = june
    visit_a.status = VisitStatus.cancelled
    db.session.commit()
    page = management_client.get(f"/sites/{world.site.id}/calendar?date=2025-06-24").get_data(as_text=True)
    assert "at most 2 of 40" in page


# --- iCalendar ----------------------------------------------------------------------------------


def test_visit_ics_parses_back(june, coordinator_client):
    visit_a, _, mine_a, museum_a, _ = june
    cal = parse(coordinator_client.get(f"/visits/{visit_a.id}/programme.ics"))
    assert str(cal["version"]) == "2.0" and cal["prodid"]
    assert [str(tz["tzid"]) for tz in cal.walk("VTIMEZONE")] == ["Asia/Tashkent"]
    found = events(cal)
    uids = [str(e["uid"]) for e in found]
    assert len(uids) == 3 and len(set(uids)) == 3
    whole, mine, museum = found
    # The visit: all day, 24–25 June, DTEND exclusive.
    assert whole.decoded("dtstart") == date(2025, 6, 24) and whole.decoded("dtend") == date(2025, 6, 26)
    assert not isinstance(whole.decoded("dtstart"), datetime)
    assert str(whole["summary"]) == "Study trip of A"
    assert mine.decoded("dtstart") == datetime(2025, 6, 24, 9, tzinfo=TASHKENT)
    assert mine.decoded("dtend") == datetime(2025, 6, 24, 11, tzinfo=TASHKENT)
    assert mine.decoded("dtstart").astimezone(ZoneInfo("UTC")).hour == 4  # UTC+5
    assert str(mine["summary"]) == "Open-pit tour — Kalmakyr mine"
    assert "Main gate" in str(mine["location"]) and "Bobur Karimov" in str(mine["description"])
    assert museum.decoded("dtstart") == datetime(2025, 6, 25, 10, tzinfo=TASHKENT)
    assert all("dtstamp" in e for e in found)
    assert f"itinerary-item-{mine_a.id}@" in str(mine["uid"]) and f"visit-{visit_a.id}@" in str(whole["uid"])


def test_single_day_visit_ics_spans_one_day(june, coordinator_client):
    _, visit_b, *_ = june
    whole = events(parse(coordinator_client.get(f"/visits/{visit_b.id}/programme.ics")))[0]
    assert (whole.decoded("dtstart"), whole.decoded("dtend")) == (date(2025, 6, 24), date(2025, 6, 25))


def test_visit_ics_for_whoever_may_open_the_visit(june, liaison_a_client, login, world):
    visit_a, visit_b, *_ = june
    assert liaison_a_client.get(f"/visits/{visit_a.id}/programme.ics").status_code == 200
    assert liaison_a_client.get(f"/visits/{visit_b.id}/programme.ics").status_code == 404


def test_site_ics_parses_back_and_hides_other_visits(june, liaison_b_client, world):
    today = clock.today()
    visit_b = june[1]
    # The export covers bookings around today: move B's visit there.
    visit_b.starts_on = visit_b.ends_on = today
    item = june[4]
    item.starts_at, item.ends_at = datetime.combine(today, time(10)), datetime.combine(today, time(12))
    a_item = june[2]
    a_item.visit.starts_on, a_item.visit.ends_on = today, today + timedelta(days=1)
    a_item.starts_at, a_item.ends_at = datetime.combine(today, time(9)), datetime.combine(today, time(11))
    db.session.commit()
    found = events(parse(liaison_b_client.get(f"/sites/{world.site.id}/calendar.ics")))
    summaries = sorted(str(e["summary"]) for e in found)
    assert summaries == ["Booked (3 people)", "Study trip of B: Equipment (2 people)"]
    assert len({str(e["uid"]) for e in found}) == 2
    assert all(e.decoded("dtstart").tzinfo is not None for e in found)

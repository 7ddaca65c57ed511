"""A badge's QR code: its link, and the item it checks the participant in to."""

from datetime import datetime

from partnership.reports.links import checkin_url
from partnership.reports.queries import checkin_item


def test_the_badge_link_names_the_visit_and_the_participant(app, cast, monkeypatch):
    person = cast.people["Oʻktam Gʻulomov"]
    assert checkin_url(person) == f"http://localhost:5000/visits/{cast.visit.id}/checkin/{person.id}"
    monkeypatch.setitem(app.config, "BASE_URL", "https://partners.ammc.example/")
    assert checkin_url(person) == f"https://partners.ammc.example/visits/{cast.visit.id}/checkin/{person.id}"
    monkeypatch.setitem(app.config, "BASE_URL", None)
    with app.test_request_context(base_url="https://intranet.example"):
        assert checkin_url(person).startswith("https://intranet.example/visits/")


def test_the_item_under_way_then_todays_next_then_the_latest(app, cast):
    mine, museum, school, department = cast.items
    uzbek = cast.people["Ўткир Қодиров"]
    mongolian = cast.people["Лхагва Очир Энхжин"]
    assert checkin_item(uzbek, datetime(2025, 6, 24, 9, 30)) == mine
    assert checkin_item(uzbek, datetime(2025, 6, 24, 11, 30)) == museum  # between items: the next one today
    assert checkin_item(uzbek, datetime(2025, 6, 24, 20, 0)) == museum  # evening: today's last
    assert checkin_item(uzbek, datetime(2025, 6, 25, 14, 30)) == department
    assert checkin_item(mongolian, datetime(2025, 6, 25, 14, 30)) == school  # not at the ceremony
    assert checkin_item(uzbek, datetime(2025, 6, 1, 8, 0)) == mine  # before the visit: its first item
    assert checkin_item(uzbek, datetime(2025, 7, 1, 8, 0)) == department  # after it: the last


def test_without_items_there_is_nothing_to_check_in_to(app, world):
    assert checkin_item(world.report_person_a, datetime(2025, 6, 24, 10, 0)) is None


def test_scanning_a_badge_opens_the_items_attendance(app, cast, coordinator_client, monkeypatch):
    from zoneinfo import ZoneInfo

    from partnership.core import clock

    monkeypatch.setattr(clock, "now", lambda: datetime(2025, 6, 24, 13, 30, tzinfo=ZoneInfo("Asia/Tashkent")))
    person = cast.people["Ўткир Қодиров"]
    response = coordinator_client.get(f"/visits/{cast.visit.id}/checkin/{person.id}")
    assert response.status_code == 302
    museum = cast.items[1]
    assert response.headers["Location"] == (
        f"/visits/{cast.visit.id}/programme/items/{museum.id}/attendance?participant={person.id}"
    )
    page = coordinator_client.get(response.headers["Location"])
    assert page.status_code == 200 and "Ўткир Қодиров" in page.get_data(as_text=True)


def test_scanning_the_badge_of_someone_without_items_opens_the_programme(app, world, coordinator_client):
    response = coordinator_client.get(f"/visits/{world.report_visit.id}/checkin/{world.report_person_a.id}")
    assert response.headers["Location"] == f"/visits/{world.report_visit.id}/programme"


def test_a_participant_of_another_visit_is_not_found(cast, coordinator_client, world):
    assert coordinator_client.get(f"/visits/{cast.visit.id}/checkin/{world.report_person_a.id}").status_code == 404

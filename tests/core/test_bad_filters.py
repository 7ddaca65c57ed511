"""Filters that answered 500: a blank-looking status or kind reached the enum, and ids beyond
what a database integer holds reached the driver. Each is now ignored (or refused beside its field)."""

import pytest

# One more than a PostgreSQL integer holds, and one more than SQLite's (a Python int sqlite3 refuses).
BEYOND = ["2147483648", "9223372036854775808"]
KNOWN_CASES = [
    "/agreements?status=%20%20%20",
    "/agreements?kind=%0D&country=%20",
    "/exports/agreements.csv?status=%20%20%20",
    "/visits?organisation={big}",
    "/exports/visits.csv?organisation={big}",
    "/visits/{w.planned_visit.id}/programme?site={big}",
    "/visits/{w.planned_visit.id}/programme/new?site={big}",
    "/visits/{w.planned_visit.id}/programme/items/{w.item.id}/edit?site={big}",
    "/calendar?site={big}&date=2024-02-30",
    "/sites/{w.site.id}/calendar?site={big}&view=week&date=9999-12-31",
]


@pytest.mark.parametrize("big", BEYOND)
@pytest.mark.parametrize("role", ["admin", "coordinator", "liaison_a", "liaison_b", "management"])
@pytest.mark.parametrize("url", KNOWN_CASES)
def test_filters_beyond_what_the_database_holds_are_ignored(world, login, role, url, big):
    """Values that answered 500: a blank-looking status or kind, ids beyond a database integer."""
    response = login(world.users[role]).get(url.format(w=world, big=big))
    assert response.status_code in (200, 403, 404), response.status_code


@pytest.mark.parametrize("big", BEYOND)
def test_a_refused_site_choice_in_the_item_form_answers_beside_the_field(world, coordinator_client, big):
    visit = world.planned_visit
    response = coordinator_client.post(
        f"/visits/{visit.id}/programme/new",
        data={
            "site_id": big,
            "day": world.planned_day,
            "starts_at": "10:00",
            "ends_at": "11:00",
            "activity": "Tour",
        },
    )
    assert response.status_code == 200
    assert "Not a valid choice" in response.get_data(as_text=True)

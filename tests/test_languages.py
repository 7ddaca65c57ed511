"""Texts kept in three languages (partnership/languages.py) through the forms that enter them:
side by side, a missing copy falling back to the English and marked so on the page."""

from datetime import date

from sqlalchemy import select

from partnership import languages
from partnership.extensions import db
from partnership.programme.models import ItineraryItem
from partnership.sites.models import SiteActivity
from partnership.visits.models import Visit
from tests.programme.factories import visit_with
from tests.visits.factories import ParticipantFactory, VisitFactory

REQUEST = {"title": "Geology excursion", "starts_on": "2031-06-24", "ends_on": "2031-06-25"}


def html(response) -> str:
    return response.get_data(as_text=True)


def test_a_text_falls_back_to_the_english_and_says_so(app, world):
    visit = VisitFactory(title="Study tour", title_ru="Учебный тур", purpose=None)
    assert languages.text(visit, "title", "ru") == languages.Text("Учебный тур", "ru", False)
    assert languages.text(visit, "title", "uz") == languages.Text("Study tour", "en", True)
    assert languages.text(visit, "title", "en").fallback is False
    assert languages.missing(visit, ("title", "purpose"), "uz") == ["title"]  # no purpose: nothing missing
    assert 'lang="en"' in languages.marked(languages.text(visit, "title", "uz"))


def test_a_coordinator_enters_a_visit_in_three_languages_and_each_reader_sees_theirs(world, coordinator_client, login):
    visit = world.visit_shared
    page = html(coordinator_client.get(f"/visits/{visit.id}/edit"))
    for name in ("title_ru", "title_uz", "purpose_ru", "purpose_uz", "account", "account_ru", "outcomes_uz"):
        assert f'name="{name}"' in page, name
    data = {
        "title": visit.title,
        "title_ru": "Совместная экскурсия",
        "starts_on": visit.starts_on.isoformat(),
        "ends_on": visit.ends_on.isoformat(),
        "purpose": "See the open pit.",
        "purpose_uz": "Ochiq karyerni koʻrish.",
        "account": "They saw the pit.",
        "account_ru": "Они увидели карьер.",
        "coordinator_id": "0",
    }
    assert coordinator_client.post(f"/visits/{visit.id}/edit", data=data).status_code == 302
    db.session.refresh(visit)
    assert (visit.title_ru, visit.title_uz, visit.purpose_uz) == (
        "Совместная экскурсия",
        None,
        "Ochiq karyerni koʻrish.",
    )
    assert (visit.account, visit.account_ru) == ("They saw the pit.", "Они увидели карьер.")
    coordinator_client.get("/language/ru")
    russian = html(coordinator_client.get(f"/visits/{visit.id}"))
    assert "Совместная экскурсия" in russian and "Они увидели карьер." in russian
    coordinator_client.get("/language/uz")
    uzbek = html(coordinator_client.get(f"/visits/{visit.id}"))
    assert "Ochiq karyerni koʻrish." in uzbek
    assert f'<span lang="en">{visit.title}</span> <span class="badge' in uzbek  # marked: no Uzbek title yet
    # The Russian title is searched as the English one is (listed here in English: no Uzbek title).
    assert f">{visit.title}</a>" in html(coordinator_client.get("/visits?q=совместная"))
    assert f">{visit.title}</a>" not in html(coordinator_client.get("/visits?q=несовместная"))


def test_a_copy_longer_than_its_column_is_refused_beside_the_field(world, coordinator_client):
    visit = world.visit_shared
    data = {**REQUEST, "title_ru": "Я" * 301, "coordinator_id": "0"}
    response = coordinator_client.post(f"/visits/{visit.id}/edit", data=data)
    assert response.status_code == 200 and "is-invalid" in html(response)
    db.session.refresh(visit)
    assert visit.title_ru is None and visit.title != "Geology excursion"  # nothing saved


def test_a_liaison_writes_the_request_texts_but_not_the_account(world, liaison_a_client):
    page = html(liaison_a_client.get("/visits/new"))
    assert 'name="title_ru"' in page and 'name="account"' not in page and 'name="outcomes_ru"' not in page
    data = {**REQUEST, "title_uz": "Geologiya ekskursiyasi", "account_ru": "Не моё", "outcomes_ru": "Не моё"}
    assert liaison_a_client.post("/visits/new", data=data).status_code == 302
    made = db.session.scalars(select(Visit).where(Visit.title == "Geology excursion")).one()
    assert made.title_uz == "Geologiya ekskursiyasi" and made.account_ru is None and made.outcomes_ru is None


def test_a_sites_usual_activities_are_offered_and_named_in_three_languages(world, coordinator_client):
    site = world.site
    lines = "Open-pit tour | Экскурсия по карьеру | Karyer boʻylab ekskursiya\n\nSimulators\n"
    data = {
        "name": site.name,
        "name_ru": "Рудник",
        "kind": site.kind.value,
        "capacity": str(site.capacity),
        "opening_days": [str(d) for d in sorted(site.opening_days)],
        "opens_at": site.opens_at.strftime("%H:%M"),
        "closes_at": site.closes_at.strftime("%H:%M"),
        "activities": lines,
    }
    bad = coordinator_client.post(f"/sites/{site.id}/edit", data={**data, "activities": " | Только русский"})
    assert bad.status_code == 200 and "Line 1 has no English name first." in html(bad)
    assert coordinator_client.post(f"/sites/{site.id}/edit", data=data).status_code == 302
    names = [
        (a.name, a.name_ru, a.name_uz) for a in db.session.scalars(select(SiteActivity).order_by(SiteActivity.position))
    ]
    assert names == [("Open-pit tour", "Экскурсия по карьеру", "Karyer boʻylab ekskursiya"), ("Simulators", None, None)]
    assert "Open-pit tour | Экскурсия по карьеру | Karyer boʻylab ekskursiya" in html(
        coordinator_client.get(f"/sites/{site.id}/edit")
    )
    # Planning: the item form suggests them; typed in Russian, the item takes all three names.
    visit = visit_with(0, organisations=[world.org_a], title="Planned tour")
    ParticipantFactory(visit=visit, organisation=world.org_a, date_of_birth=date(2000, 1, 1))
    db.session.commit()
    form = html(coordinator_client.get(f"/visits/{visit.id}/programme/new"))
    assert '<option value="Open-pit tour">' in form
    item_data = {
        "site_id": site.id,
        "day": visit.starts_on.isoformat(),
        "starts_at": "10:00",
        "ends_at": "11:00",
        "activity": "экскурсия по карьеру",
        "guide_id": world.guide.id,
        "meeting_point": "Main gate",
        "meeting_point_ru": "Главные ворота",
        "attendee_ids": [p.id for p in visit.participants],
    }
    response = coordinator_client.post(f"/visits/{visit.id}/programme/new", data=item_data)
    assert response.status_code == 302, html(response)
    item = db.session.scalars(select(ItineraryItem).where(ItineraryItem.visit_id == visit.id)).one()
    assert (item.activity, item.activity_ru, item.activity_uz) == (
        "Open-pit tour",
        "Экскурсия по карьеру",
        "Karyer boʻylab ekskursiya",
    )
    assert (item.meeting_point, item.meeting_point_ru, item.meeting_point_uz) == ("Main gate", "Главные ворота", None)


def test_agreement_titles_positions_and_cities_in_three_languages(world, coordinator_client):
    agreement = world.agreement_a
    page = html(coordinator_client.get(f"/agreements/{agreement.id}/edit"))
    assert (
        'name="title_ru"' in page and 'name="objectives_uz"' in page and 'name="parties-0-signatory_title_ru"' in page
    )
    organisation = world.org_b
    page = html(coordinator_client.get(f"/organisations/{organisation.id}/edit"))
    assert 'name="city_ru"' in page and 'name="city_uz"' in page

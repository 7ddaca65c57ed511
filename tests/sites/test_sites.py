"""The site register: services and pages."""

from datetime import time

import pytest
from sqlalchemy import func, select

from partnership.audit.models import AuditEntry
from partnership.core.errors import DomainError
from partnership.extensions import db
from partnership.sites import services
from partnership.sites.models import Guide, Site, SiteKind
from tests.sites.factories import SiteFactory

SITE = {
    "name": "AMMC Honorary History Museum",
    "kind": SiteKind.museum,
    "location": "Metallurg Cultural Palace, Almalyk",
    "capacity": 30,
    "opening_days": {0, 1, 2, 3, 4, 5},
    "opens_at": time(9, 0),
    "closes_at": time(17, 0),
}

FORM = {
    "name": "AMMC Training Center",
    "kind": "training_centre",
    "location": "Almalyk",
    "capacity": "60",
    "opening_days": ["0", "1", "2", "3", "4"],
    "opens_at": "08:30",
    "closes_at": "17:30",
    "min_age": "16",
    "max_group_per_guide": "20",
    "safety_notes": "Safety briefing at the entrance.",
}


def count(model) -> int:
    return db.session.scalar(select(func.count()).select_from(model))


# --- services -----------------------------------------------------------------------------------


def test_create_site_keeps_rules_and_opening_days(app, world):
    site = services.create_site(world.users["coordinator"], **SITE, min_age=16, ppe_required=True)
    db.session.commit()
    assert site.opening_days == {0, 1, 2, 3, 4, 5}
    assert site.open_days == 0b0111111
    assert site.min_age == 16 and site.ppe_required and not site.medical_clearance_required
    assert db.session.scalar(select(AuditEntry.action).where(AuditEntry.target_id == site.id)) == "site.create"


def test_site_names_are_unique_whatever_the_case(app, world):
    services.create_site(world.users["coordinator"], **SITE)
    with pytest.raises(DomainError) as refused:
        services.create_site(world.users["coordinator"], **{**SITE, "name": "ammc honorary HISTORY museum "})
    assert refused.value.field == "name"
    assert "AMMC Honorary History Museum" in refused.value.message


def test_cyrillic_site_names_clash_in_any_case(app, world):
    services.create_site(world.users["coordinator"], **{**SITE, "name": "Рудник Кальмакыр"})
    with pytest.raises(DomainError):
        services.create_site(world.users["coordinator"], **{**SITE, "name": "РУДНИК КАЛЬМАКЫР"})


def test_a_site_closes_after_it_opens(app, world):
    with pytest.raises(DomainError) as refused:
        services.create_site(world.users["coordinator"], **{**SITE, "opens_at": time(17), "closes_at": time(9)})
    assert refused.value.field == "closes_at"


def test_a_site_opens_on_some_day(app, world):
    with pytest.raises(DomainError) as refused:
        services.create_site(world.users["coordinator"], **{**SITE, "opening_days": set()})
    assert refused.value.field == "opening_days"


def test_update_site_may_keep_its_own_name(app, world):
    site = services.update_site(world.users["admin"], world.site, name="Kalmakyr mine", capacity=25)
    assert site.capacity == 25


def test_a_guide_leads_at_several_sites(app, world):
    museum = SiteFactory(name="Museum")
    services.add_guide(world.users["coordinator"], museum, world.guide)
    db.session.commit()
    assert {s.name for s in world.guide.sites} == {"Kalmakyr mine", "Museum"}
    with pytest.raises(DomainError):
        services.add_guide(world.users["coordinator"], museum, world.guide)


def test_new_guide_at_a_site(app, world):
    guide = services.create_guide(world.users["coordinator"], world.site, name=" Jasur Toshev ", phone=None, email=None)
    db.session.commit()
    assert guide.name == "Jasur Toshev"
    assert guide in world.site.guides


def test_remove_guide_from_a_site(app, world):
    services.remove_guide(world.users["coordinator"], world.site, world.guide)
    db.session.commit()
    assert world.site.guides == []
    assert db.session.get(Guide, world.guide.id) is not None  # still a guide elsewhere later
    with pytest.raises(DomainError):
        services.remove_guide(world.users["coordinator"], world.site, world.guide)


# --- pages --------------------------------------------------------------------------------------


def test_everyone_signed_in_reads_the_register(world, liaison_b_client):
    SiteFactory(name="AMMC Training Center", kind=SiteKind.training_centre)
    page = liaison_b_client.get("/sites").get_data(as_text=True)
    assert "Kalmakyr mine" in page and "AMMC Training Center" in page
    assert "Minimum age: 18" in page
    assert "New site" not in page


def test_register_filters_by_kind_and_name(world, management_client):
    SiteFactory(name="AMMC Training Center", kind=SiteKind.training_centre)
    page = management_client.get("/sites?kind=mine").get_data(as_text=True)
    assert "Kalmakyr mine" in page and "AMMC Training Center" not in page
    page = management_client.get("/sites?q=training").get_data(as_text=True)
    assert "Kalmakyr mine" not in page and "AMMC Training Center" in page
    assert management_client.get("/sites?kind=volcano").status_code == 200


def test_detail_shows_rules_hours_and_guides(world, management_client):
    page = management_client.get(f"/sites/{world.site.id}").get_data(as_text=True)
    for text in (
        "Kalmakyr mine",
        "40 people at once",
        "Medical clearance required",
        "Personal protective equipment required",
        "At most 12 people per guide",
        "Bobur Karimov",
        "+998 70 000 00 00",
    ):
        assert text in page, text
    assert "Remove from this site" not in page


def test_liaisons_do_not_see_guides_phone_numbers(world, liaison_a_client):
    assert "+998 70 000 00 00" not in liaison_a_client.get(f"/sites/{world.site.id}").get_data(as_text=True)
    assert "+998 70 000 00 00" not in liaison_a_client.get("/guides").get_data(as_text=True)
    assert "Bobur Karimov" in liaison_a_client.get("/guides").get_data(as_text=True)


def test_create_site_through_the_form(world, coordinator_client):
    response = coordinator_client.post("/sites/new", data=FORM)
    site = db.session.scalar(select(Site).where(Site.name == "AMMC Training Center"))
    assert response.status_code == 302 and response.location.endswith(f"/sites/{site.id}")
    assert site.kind is SiteKind.training_centre
    assert site.opening_days == {0, 1, 2, 3, 4}
    assert (site.opens_at, site.closes_at) == (time(8, 30), time(17, 30))
    assert site.min_age == 16 and site.max_group_per_guide == 20 and not site.ppe_required


@pytest.mark.parametrize(
    "change, field_message",
    [
        ({"closes_at": "08:00"}, "The site must close after it opens."),
        ({"opening_days": []}, "Choose at least one day."),
        ({"capacity": "0"}, "Number must be between 1 and 100000."),
        ({"name": "  "}, "This field is required."),
        ({"name": "kalmakyr MINE"}, "Another site is called Kalmakyr mine."),
    ],
)
def test_bad_site_form_answers_beside_the_field(world, coordinator_client, change, field_message):
    before = count(Site)
    response = coordinator_client.post("/sites/new", data={**FORM, **change})
    assert response.status_code == 200
    page = response.get_data(as_text=True)
    assert field_message in page
    assert "invalid-feedback" in page
    assert count(Site) == before


def test_site_form_without_csrf_is_refused(world, coordinator_client):
    before = count(Site)
    response = coordinator_client.post("/sites/new", data=FORM, no_csrf=True)
    assert response.status_code == 400
    assert count(Site) == before


def test_edit_site_through_the_form(world, admin_client):
    page = admin_client.get(f"/sites/{world.site.id}/edit").get_data(as_text=True)
    assert 'value="Kalmakyr mine"' in page and 'value="08:00"' in page
    response = admin_client.post(
        f"/sites/{world.site.id}/edit",
        data={**FORM, "name": "Kalmakyr open-pit mine", "kind": "mine", "ppe_required": "y"},
    )
    assert response.status_code == 302
    db.session.refresh(world.site)
    assert world.site.name == "Kalmakyr open-pit mine" and world.site.ppe_required and world.site.capacity == 60


def test_attach_an_existing_guide(world, coordinator_client):
    page = coordinator_client.get(f"/sites/{world.site.id}").get_data(as_text=True)
    assert "Dilnoza Rashidova" in page  # offered in the choice
    response = coordinator_client.post(f"/sites/{world.site.id}/guides", data={"guide_id": world.spare_guide.id})
    assert response.status_code == 302
    db.session.refresh(world.site)
    assert [g.name for g in world.site.guides] == ["Bobur Karimov", "Dilnoza Rashidova"]


def test_attach_without_choosing_answers_beside_the_field(world, coordinator_client):
    response = coordinator_client.post(f"/sites/{world.site.id}/guides", data={"guide_id": "0"})
    assert response.status_code == 200
    assert "Choose a guide." in response.get_data(as_text=True)


def test_attach_an_unknown_guide_is_refused(world, coordinator_client):
    response = coordinator_client.post(f"/sites/{world.site.id}/guides", data={"guide_id": "999999"})
    assert response.status_code == 200
    assert "Not a valid choice" in response.get_data(as_text=True)
    db.session.refresh(world.site)
    assert len(world.site.guides) == 1


def test_new_guide_through_the_form(world, coordinator_client):
    response = coordinator_client.post(
        f"/sites/{world.site.id}/guides/new", data={"name": "Jasur Toshev", "email": "not-an-address"}
    )
    assert response.status_code == 200 and "Invalid email address." in response.get_data(as_text=True)
    assert db.session.scalar(select(Guide).where(Guide.name == "Jasur Toshev")) is None
    response = coordinator_client.post(
        f"/sites/{world.site.id}/guides/new", data={"name": "Jasur Toshev", "phone": "+998 90 123 45 67"}
    )
    assert response.status_code == 302
    guide = db.session.scalar(select(Guide).where(Guide.name == "Jasur Toshev"))
    assert guide.sites == [world.site] and guide.phone == "+998 90 123 45 67"


def test_remove_guide_through_the_page(world, coordinator_client):
    response = coordinator_client.post(f"/sites/{world.site.id}/guides/{world.spare_guide.id}/remove")
    assert response.status_code == 302  # not at this site: refused with a message
    page = coordinator_client.get(f"/sites/{world.site.id}").get_data(as_text=True)
    assert "Dilnoza Rashidova does not lead groups at Kalmakyr mine." in page
    coordinator_client.post(f"/sites/{world.site.id}/guides/{world.guide.id}/remove")
    db.session.refresh(world.site)
    assert world.site.guides == []


def test_edit_guide(world, coordinator_client):
    response = coordinator_client.post(f"/guides/{world.guide.id}/edit", data={"name": "", "phone": "1"})
    assert response.status_code == 200 and "This field is required." in response.get_data(as_text=True)
    response = coordinator_client.post(
        f"/guides/{world.guide.id}/edit", data={"name": "Bobur Karimov-Aliev", "phone": ""}
    )
    assert response.status_code == 302
    db.session.refresh(world.guide)
    assert world.guide.name == "Bobur Karimov-Aliev" and world.guide.phone is None

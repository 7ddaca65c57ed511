"""Keeping the register through the pages: happy paths and every kind of bad input."""

import pytest
from sqlalchemy import select

from partnership.core import clock
from partnership.extensions import db
from partnership.partners import services
from partnership.partners.models import Contact, Organisation, OrganisationKind
from tests.factories import ContactFactory, OrganisationFactory
from tests.partners.conftest import audit_actions, counts, errors_beside, listed_names

VALID = {
    "name": "Tashkent State Technical University",
    "name_ru": "Ташкентский государственный технический университет",
    "name_uz": "Toshkent davlat texnika universiteti",
    "short_name": "TSTU",
    "kind": "university",
    "country": "UZ",
    "city": "Tashkent",
    "website": "https://tdtu.uz",
    "notes": "Signed a branch agreement in 2024.",
}


def only(model, **where):
    return db.session.scalars(select(model).filter_by(**where)).one()


# --- creating ---------------------------------------------------------------------


def test_coordinator_creates_an_organisation(world, coordinator_client):
    response = coordinator_client.post("/organisations/new", data=VALID)
    organisation = only(Organisation, short_name="TSTU")
    assert response.status_code == 302
    assert response.headers["Location"] == f"/organisations/{organisation.id}"
    assert organisation.name_ru == VALID["name_ru"] and organisation.kind is OrganisationKind.university
    assert audit_actions() == ["organisation.create"]
    page = coordinator_client.get(response.headers["Location"]).get_data(as_text=True)
    assert "is added to the register" in page
    assert 'href="https://tdtu.uz"' in page


def test_the_form_offers_countries_by_name_in_the_users_language(world, coordinator_client):
    html = coordinator_client.get("/organisations/new").get_data(as_text=True)
    assert '<option value="UZ">Uzbekistan</option>' in html
    coordinator_client.get("/language/ru")
    html = coordinator_client.get("/organisations/new").get_data(as_text=True)
    assert '<option value="UZ">Узбекистан</option>' in html


BAD_INPUT = [
    ("country", {"country": "XX"}, "Unknown country code."),
    ("country", {"country": "uzb"}, "Unknown country code."),
    ("country", {"country": ""}, "This field is required."),
    ("name", {"name": "  "}, "This field is required."),
    ("name", {"name": "Я" * 301}, "Field cannot be longer than 300 characters."),
    ("name_ru", {"name_ru": "Я" * 301}, "Field cannot be longer than 300 characters."),
    ("name_uz", {"name_uz": "oʻ" * 151}, "Field cannot be longer than 300 characters."),
    ("short_name", {"short_name": "S" * 51}, "Field cannot be longer than 50 characters."),
    ("city", {"city": "C" * 101}, "Field cannot be longer than 100 characters."),
    ("website", {"website": "https://example.org/" + "p" * 281}, "Field cannot be longer than 300 characters."),
    ("website", {"website": "javascript:alert(1)"}, "Enter a web address starting with http:// or https://."),
    ("website", {"website": "www.example.org"}, "Enter a web address starting with http:// or https://."),
    ("notes", {"notes": "n" * 10_001}, "Field cannot be longer than 10000 characters."),
    ("kind", {"kind": "club"}, "Choose a kind of organisation."),
    ("name", {"name": "ﬀ" * 200}, "This name is too long."),  # fits the form, folds too long: the service says so
]


@pytest.mark.parametrize("field, change, message", BAD_INPUT, ids=[f"{f}-{i}" for i, (f, _, _) in enumerate(BAD_INPUT)])
def test_bad_input_is_answered_beside_its_field_and_nothing_is_saved(world, coordinator_client, field, change, message):
    before = counts()
    response = coordinator_client.post("/organisations/new", data={**VALID, **change})
    assert response.status_code == 200
    assert errors_beside(response.get_data(as_text=True), field) == [message]
    assert counts() == before


@pytest.mark.parametrize(
    "name",
    ["University of Geological Sciences", "university of geological sciences ", "UNIVERSITY OF  GEOLOGICAL SCIENCES"],
)
def test_duplicate_name_and_country_is_answered_beside_the_name(world, coordinator_client, name):
    before = counts()
    response = coordinator_client.post("/organisations/new", data={**VALID, "name": name, "country": "UZ"})
    assert response.status_code == 200
    assert errors_beside(response.get_data(as_text=True), "name") == [
        "An organisation of this name in this country exists already."
    ]
    assert counts() == before


def test_duplicate_of_an_archived_organisation_points_to_restoring_it(world, coordinator_client):
    response = coordinator_client.post(
        "/organisations/new", data={**VALID, "name": "closed institute of mining", "country": "KZ"}
    )
    assert "restore it instead" in errors_beside(response.get_data(as_text=True), "name")[0]


def test_a_concurrent_duplicate_is_answered_like_any_duplicate(world, coordinator_client, monkeypatch):
    monkeypatch.setattr(services, "_check_no_duplicate", lambda *args, **kwargs: None)
    before = counts()
    response = coordinator_client.post(
        "/organisations/new", data={**VALID, "name": "MONGOLIAN STATE UNIVERSITY", "country": "MN"}
    )
    assert response.status_code == 200
    assert errors_beside(response.get_data(as_text=True), "name") == [
        "An organisation of this name in this country exists already."
    ]
    assert counts() == before


def test_the_same_name_in_another_country_is_welcome(world, coordinator_client):
    response = coordinator_client.post(
        "/organisations/new", data={**VALID, "name": "Mongolian State University", "country": "KG"}
    )
    assert response.status_code == 302


def test_a_form_without_its_token_is_refused(world, coordinator_client):
    before = counts()
    response = coordinator_client.post("/organisations/new", data=VALID, no_csrf=True)
    assert response.status_code == 400
    assert counts() == before


# --- editing, archiving -----------------------------------------------------------


def test_edit_form_shows_the_current_values_and_saves_changes(world, coordinator_client):
    url = f"/organisations/{world.org_b.id}/edit"
    assert 'value="Ulaanbaatar"' in coordinator_client.get(url).get_data(as_text=True)
    response = coordinator_client.post(
        url,
        data={
            "name": "Mongolian State University",
            "name_ru": "Монгольский государственный университет",
            "kind": "university",
            "country": "MN",
            "city": "Улан-Батор",
            "short_name": "МГУ",
        },
    )
    assert response.status_code == 302
    organisation = db.session.get(Organisation, world.org_b.id)
    db.session.refresh(organisation)
    assert (organisation.city, organisation.short_name) == ("Улан-Батор", "МГУ")
    assert "улан-батор" in organisation.search_text
    assert audit_actions() == ["organisation.update"]


def test_edit_onto_another_organisations_name_changes_nothing(world, coordinator_client):
    response = coordinator_client.post(
        f"/organisations/{world.org_b.id}/edit",
        data={"name": "university of geological sciences", "kind": "university", "country": "UZ", "city": "X"},
    )
    assert response.status_code == 200
    assert "exists already" in errors_beside(response.get_data(as_text=True), "name")[0]
    db.session.expire_all()
    organisation = db.session.get(Organisation, world.org_b.id)
    assert (organisation.name, organisation.country, organisation.city) == (
        "Mongolian State University",
        "MN",
        "Ulaanbaatar",
    )
    assert audit_actions() == []


def test_edit_with_a_forged_country_is_refused_beside_it(world, coordinator_client):
    response = coordinator_client.post(
        f"/organisations/{world.org_b.id}/edit",
        data={"name": "Mongolian State University", "kind": "university", "country": "QQ"},
    )
    assert errors_beside(response.get_data(as_text=True), "country") == ["Unknown country code."]
    db.session.expire_all()
    assert db.session.get(Organisation, world.org_b.id).country == "MN"


def test_archive_and_restore_through_the_page(world, admin_client):
    org_id = world.org_b.id
    response = admin_client.post(f"/organisations/{org_id}/archive", follow_redirects=True)
    html = response.get_data(as_text=True)
    assert "Mongolian State University is archived." in html and "Restore" in html
    assert "Mongolian State University" not in admin_client.get("/organisations").get_data(as_text=True)
    again = admin_client.post(f"/organisations/{org_id}/archive", follow_redirects=True)
    assert again.status_code == 200 and "already archived" in again.get_data(as_text=True)
    response = admin_client.post(f"/organisations/{org_id}/restore", follow_redirects=True)
    assert "Mongolian State University is restored." in response.get_data(as_text=True)
    assert audit_actions() == ["organisation.archive", "organisation.restore"]


# --- contacts ---------------------------------------------------------------------


def test_contacts_are_added_edited_and_removed(world, coordinator_client):
    base = f"/organisations/{world.org_a.id}/contacts"
    response = coordinator_client.post(
        f"{base}/new",
        data={"name": "Нодира Юсупова", "position": "Dean", "email": "n@ugs.uz", "phone": "+998 71 123 45 67"},
    )
    assert response.status_code == 302
    contact = only(Contact, name="Нодира Юсупова")
    assert contact.organisation_id == world.org_a.id
    page = coordinator_client.get(f"/organisations/{world.org_a.id}").get_data(as_text=True)
    assert "Нодира Юсупова" in page and 'href="mailto:n@ugs.uz"' in page
    assert 'value="Dean"' in coordinator_client.get(f"{base}/{contact.id}/edit").get_data(as_text=True)
    coordinator_client.post(
        f"{base}/{contact.id}/edit",
        data={"name": "Nodira Yusupova", "position": "Vice-rector", "email": "", "phone": ""},
    )
    db.session.expire_all()
    assert (contact.name, contact.position, contact.email) == ("Nodira Yusupova", "Vice-rector", None)
    assert coordinator_client.post(f"{base}/{contact.id}/delete").status_code == 302
    assert db.session.get(Contact, contact.id) is None
    assert audit_actions() == ["contact.create", "contact.update", "contact.delete"]


CONTACT_BAD_INPUT = [
    ("name", {"name": ""}, "This field is required."),
    ("name", {"name": "N" * 201}, "Field cannot be longer than 200 characters."),
    ("position", {"position": "P" * 201}, "Field cannot be longer than 200 characters."),
    ("email", {"email": "not-an-address"}, "Invalid email address."),
    ("phone", {"phone": "1" * 51}, "Field cannot be longer than 50 characters."),
]


@pytest.mark.parametrize(
    "field, change, message", CONTACT_BAD_INPUT, ids=[f"{f}-{i}" for i, (f, _, _) in enumerate(CONTACT_BAD_INPUT)]
)
def test_bad_contact_input_is_answered_beside_its_field(world, coordinator_client, field, change, message):
    before = counts()
    response = coordinator_client.post(f"/organisations/{world.org_a.id}/contacts/new", data={"name": "Aziz", **change})
    assert response.status_code == 200
    assert errors_beside(response.get_data(as_text=True), field) == [message]
    assert counts() == before


def test_a_contact_is_reached_only_through_its_own_organisation(world, coordinator_client):
    response = coordinator_client.post(
        f"/organisations/{world.org_b.id}/contacts/{world.contact_a.id}/edit", data={"name": "Taken"}
    )
    assert response.status_code == 404
    db.session.expire_all()
    assert db.session.get(Contact, world.contact_a.id).name != "Taken"


# --- the page ---------------------------------------------------------------------


def test_detail_shows_contacts_and_agreements_with_their_status(world, management_client):
    from datetime import timedelta

    from tests.factories import AgreementFactory

    today = clock.today()
    AgreementFactory(reference="AG-EXPIRING", expires_on=today + timedelta(days=30), parties=[world.org_a])
    AgreementFactory(reference="AG-EXPIRED", expires_on=today - timedelta(days=1), parties=[world.org_a, world.org_b])
    AgreementFactory(reference="AG-DRAFT", signed_on=None, parties=[world.org_a])
    AgreementFactory(reference="AG-ENDED", terminated_on=today, parties=[world.org_a])
    AgreementFactory(reference="AG-OTHER", parties=[world.org_b])
    html = management_client.get(f"/organisations/{world.org_a.id}").get_data(as_text=True)
    assert world.contact_a.name in html
    for reference, status in [
        ("AG-A", "Active"),
        ("AG-EXPIRING", "Expiring soon"),
        ("AG-EXPIRED", "Expired"),
        ("AG-DRAFT", "Draft"),
        ("AG-ENDED", "Terminated"),
    ]:
        row = html[html.index(reference) :].split("</tr>")[0]
        assert f">{status}</span>" in row, reference
    assert "AG-OTHER" not in html
    expired_row = html[html.index("AG-EXPIRED") :].split("</tr>")[0]
    assert "Mongolian State University" in expired_row  # the other parties
    assert "Edit" not in html and "Add contact" not in html  # management reads


def test_agreements_link_to_their_pages_once_those_exist(world, coordinator_client, test_config):
    """This branch has no agreement pages: the reference is plain text; with the
    endpoint present (another branch adds it) the same template links it."""
    html = coordinator_client.get(f"/organisations/{world.org_a.id}").get_data(as_text=True)
    assert "AG-A" in html
    from flask import current_app

    if "agreements.detail" not in current_app.view_functions:
        assert "/agreements/" not in html

    from partnership import create_app
    from tests.conftest import CSRFClient, sign_in

    other = create_app(test_config)
    if "agreements.detail" not in other.view_functions:
        other.add_url_rule("/agreements/<int:agreement_id>", "agreements.detail", lambda agreement_id: "")
    other.test_client_class = CSRFClient
    try:
        client = sign_in(other.test_client(), world.users["coordinator"])
        html = client.get(f"/organisations/{world.org_a.id}").get_data(as_text=True)
        with other.test_request_context():
            from flask import url_for

            href = url_for("agreements.detail", agreement_id=world.agreement_a.id)
        assert f'<a href="{href}">AG-A</a>' in html
    finally:
        with other.app_context():
            db.engine.dispose()


def test_country_is_shown_by_name(world, coordinator_client):
    html = coordinator_client.get(f"/organisations/{world.org_b.id}").get_data(as_text=True)
    assert "Mongolia" in html


def test_a_website_that_is_not_http_is_never_a_link(world, coordinator_client):
    OrganisationFactory(name="Old Record", website="javascript:alert(1)")
    organisation = only(Organisation, name="Old Record")
    html = coordinator_client.get(f"/organisations/{organisation.id}").get_data(as_text=True)
    assert 'href="javascript' not in html


def test_names_in_scripts_are_escaped_not_interpreted(world, coordinator_client):
    OrganisationFactory(name="<script>alert(1)</script> Institute", country="UZ")
    html = coordinator_client.get("/organisations").get_data(as_text=True)
    assert "<script>alert(1)</script>" not in html
    assert "&lt;script&gt;alert(1)&lt;/script&gt; Institute" in html


def test_liaison_list_shows_all_names_but_links_only_their_own(world, liaison_a_client):
    from tests.partners.conftest import listed

    html = liaison_a_client.get("/organisations").get_data(as_text=True)
    rows = dict(listed(html))
    assert rows == {
        "Ministry of Higher Education": None,
        "Mongolian State University": None,
        "University of Geological Sciences": f"/organisations/{world.org_a.id}",
    }
    assert "Ulaanbaatar" not in html and world.contact_b.name not in html  # no city, no contacts of others
    assert ">City<" not in html and "New organisation" not in html


def test_liaison_search_does_not_reveal_other_organisations_cities(world, liaison_a_client):
    from tests.partners.conftest import listed_names

    assert listed_names(liaison_a_client.get("/organisations?q=ulaanbaatar").get_data(as_text=True)) == []
    assert listed_names(liaison_a_client.get("/organisations?q=msu").get_data(as_text=True)) == [
        "Mongolian State University"
    ]


def test_staff_search_does_find_by_city(world, coordinator_client):
    from tests.partners.conftest import listed_names

    assert listed_names(coordinator_client.get("/organisations?q=ULAANBAATAR").get_data(as_text=True)) == [
        "Mongolian State University"
    ]


def test_staff_list_shows_city_and_contacts(world, coordinator_client):
    html = coordinator_client.get("/organisations").get_data(as_text=True)
    assert ">City<" in html and "Ulaanbaatar" in html and world.contact_b.name in html
    assert "New organisation" in html


def test_liaison_reads_their_own_organisation_without_edit_buttons(world, liaison_a_client):
    html = liaison_a_client.get(f"/organisations/{world.org_a.id}").get_data(as_text=True)
    assert world.contact_a.name in html and "AG-A" in html
    assert "/edit" not in html and "/archive" not in html and "Add contact" not in html
    assert liaison_a_client.get(f"/organisations/{world.org_b.id}").status_code == 404
    assert liaison_a_client.post(f"/organisations/{world.org_a.id}/edit", data=VALID).status_code == 403
    assert liaison_a_client.post(f"/organisations/{world.org_a.id}/contacts/new", data={"name": "X"}).status_code == 403
    assert counts()[1] == 2


def test_contact_ids_of_unknown_organisations_are_404(world, coordinator_client):
    ContactFactory(organisation=world.org_b)
    assert coordinator_client.get(f"/organisations/999999/contacts/{world.contact_a.id}/edit").status_code == 404


def test_names_show_in_the_readers_language_with_the_registered_name_beside(world, coordinator_client):
    world.org_b.name_ru = "Монгольский государственный университет"
    db.session.commit()
    coordinator_client.get("/language/ru")
    page = coordinator_client.get("/organisations").get_data(as_text=True)
    assert "Монгольский государственный университет" in listed_names(page)
    assert "Mongolian State University" in page  # the registered name, smaller, beside it
    detail = coordinator_client.get(f"/organisations/{world.org_b.id}").get_data(as_text=True)
    assert '<h1 class="h3 mb-1">Монгольский государственный университет</h1>' in detail

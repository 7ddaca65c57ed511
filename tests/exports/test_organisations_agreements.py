"""Organisation and agreement exports: scoped by role, filtered like their lists."""

from datetime import timedelta

import pytest

from partnership.core import clock
from partnership.partners.models import OrganisationKind
from tests.exports.helpers import as_dicts, file_text, read
from tests.factories import AgreementFactory, ContactFactory, OrganisationFactory

FORMATS = ["csv", "xlsx"]


def names(response, fmt, column="Name"):
    return {row[column] for row in as_dicts(read(response.data, fmt))}


@pytest.mark.parametrize("fmt", FORMATS)
@pytest.mark.parametrize("role", ["admin", "coordinator", "management"])
def test_staff_and_management_export_every_organisation(world, login, role, fmt):
    response = login(world.users[role]).get(f"/exports/organisations.{fmt}")
    assert response.status_code == 200
    assert names(response, fmt) == {world.org_a.name, world.org_b.name, world.ministry.name}


@pytest.mark.parametrize("fmt", FORMATS)
def test_a_liaison_exports_only_their_own_organisation(world, liaison_b_client, fmt):
    ContactFactory(organisation=world.org_a, name="Dilshod Karimov", email="dilshod@ugs.example")
    response = liaison_b_client.get(f"/exports/organisations.{fmt}")
    assert names(response, fmt) == {world.org_b.name}
    text = file_text(response.data, fmt)
    for secret in (world.org_a.name, "Dilshod Karimov", "dilshod@ugs.example"):
        assert secret not in text


@pytest.mark.parametrize("fmt", FORMATS)
def test_organisation_export_follows_the_list_filters(world, coordinator_client, fmt):
    OrganisationFactory(name="Монгольский горный институт", country="MN", kind=OrganisationKind.university)
    response = coordinator_client.get(f"/exports/organisations.{fmt}?country=mn&q=ГОРНЫЙ")
    assert names(response, fmt) == {"Монгольский горный институт"}
    response = coordinator_client.get(f"/exports/organisations.{fmt}?kind=ministry")
    assert names(response, fmt) == {world.ministry.name}


def test_archived_organisations_only_when_the_list_asks_for_them(world, coordinator_client, app):
    from partnership.db import utcnow
    from partnership.extensions import db

    old = OrganisationFactory(name="Closed Institute")
    old.archived_at = utcnow()
    db.session.commit()
    assert "Closed Institute" not in names(coordinator_client.get("/exports/organisations.csv"), "csv")
    assert "Closed Institute" in names(coordinator_client.get("/exports/organisations.csv?archived=1"), "csv")


def test_only_staff_may_ask_for_archived_organisations(world, management_client, app):
    from partnership.db import utcnow
    from partnership.extensions import db

    OrganisationFactory(name="Closed Institute").archived_at = utcnow()
    db.session.commit()
    assert "Closed Institute" not in names(management_client.get("/exports/organisations.csv?archived=1"), "csv")


def test_a_party_the_list_does_not_offer_is_ignored(world, coordinator_client):
    response = coordinator_client.get("/exports/agreements.csv?party=999999&expiring_within=abc")
    assert names(response, "csv", "Reference") == {"AG-A", "AG-B"}


def test_unknown_filter_values_are_ignored_not_an_error(world, coordinator_client):
    response = coordinator_client.get("/exports/organisations.csv?kind=planet&sort=nonsense")
    assert response.status_code == 200
    assert len(names(response, "csv")) == 3


@pytest.mark.parametrize("fmt", FORMATS)
def test_organisation_export_holds_contacts_and_names_in_any_script(world, coordinator_client, fmt):
    OrganisationFactory(name="Oʻzbekiston Milliy universiteti", name_ru="Национальный университет Узбекистана")
    ContactFactory(organisation=world.org_b, name="Лхагва Очир", email="ochir@msu.example")
    rows = {
        row["Name"]: row for row in as_dicts(read(coordinator_client.get(f"/exports/organisations.{fmt}").data, fmt))
    }
    assert rows["Oʻzbekiston Milliy universiteti"]["Name (Russian)"] == "Национальный университет Узбекистана"
    assert "Лхагва Очир" in rows[world.org_b.name]["Contacts"]
    assert rows[world.org_b.name]["Country"] == "Mongolia"


@pytest.mark.parametrize("fmt", FORMATS)
def test_formula_in_a_name_is_neutralised(world, coordinator_client, fmt):
    OrganisationFactory(name='=HYPERLINK("http://evil.example","x")', city="@Tashkent")
    response = coordinator_client.get(f"/exports/organisations.{fmt}?q=hyperlink")
    (row,) = as_dicts(read(response.data, fmt))
    if fmt == "csv":
        assert row["Name"] == '\'=HYPERLINK("http://evil.example","x")'
        assert row["City"] == "'@Tashkent"
    else:
        assert row["Name"] == '=HYPERLINK("http://evil.example","x")'
        assert "<f>" not in file_text(response.data, fmt)


def test_download_headers(world, coordinator_client):
    response = coordinator_client.get("/exports/organisations.csv")
    assert response.mimetype == "text/csv"
    assert response.headers["Content-Disposition"].startswith("attachment; filename=organisations-")
    assert response.headers["Cache-Control"] == "no-store"
    response = coordinator_client.get("/exports/agreements.xlsx")
    assert response.mimetype == "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
    assert response.headers["Content-Disposition"].endswith(".xlsx")


def test_unknown_format_is_not_found(world, coordinator_client):
    assert coordinator_client.get("/exports/organisations.pdf").status_code == 404


@pytest.mark.parametrize("fmt", FORMATS)
def test_a_liaison_exports_only_agreements_their_organisation_signed(world, liaison_a_client, fmt):
    response = liaison_a_client.get(f"/exports/agreements.{fmt}")
    assert names(response, fmt, "Reference") == {"AG-A"}
    text = file_text(response.data, fmt)
    assert world.org_b.name not in text and "AG-B" not in text


@pytest.mark.parametrize("fmt", FORMATS)
def test_agreement_export_follows_the_list_filters(world, management_client, fmt):
    AgreementFactory(reference="AG-EXP", expires_on=clock.today() + timedelta(days=10), parties=[world.org_b])
    AgreementFactory(reference="AG-DRAFT", signed_on=None, parties=[world.org_a])
    assert names(management_client.get(f"/exports/agreements.{fmt}"), fmt, "Reference") == {
        "AG-A",
        "AG-B",
        "AG-EXP",
        "AG-DRAFT",
    }
    assert names(management_client.get(f"/exports/agreements.{fmt}?status=expiring"), fmt, "Reference") == {"AG-EXP"}
    assert names(management_client.get(f"/exports/agreements.{fmt}?status=draft"), fmt, "Reference") == {"AG-DRAFT"}
    assert names(management_client.get(f"/exports/agreements.{fmt}?party={world.org_b.id}"), fmt, "Reference") == {
        "AG-B",
        "AG-EXP",
    }
    assert names(management_client.get(f"/exports/agreements.{fmt}?country=MN"), fmt, "Reference") == {"AG-B", "AG-EXP"}


def test_agreement_export_columns(world, coordinator_client):
    child = AgreementFactory(reference="AG-CHILD", title="Плановое соглашение", parties=[world.org_a, world.org_b])
    child.parent = world.agreement_a
    from partnership.extensions import db

    db.session.commit()
    rows = {r["Reference"]: r for r in as_dicts(read(coordinator_client.get("/exports/agreements.xlsx").data, "xlsx"))}
    row = rows["AG-CHILD"]
    assert row["Title"] == "Плановое соглашение"
    assert row["Implements"] == "AG-A"
    assert row["Status"] == "Active"
    assert world.org_a.name in row["Parties"] and world.org_b.name in row["Parties"]
    assert row["Expires on"].date() == child.expires_on

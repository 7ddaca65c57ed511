"""Creating and editing agreements through the pages: parties, add-party button, every bad input."""

import re
from datetime import timedelta

import pytest

from partnership.agreements.models import Agreement, AgreementKind, EventKind
from partnership.audit.models import AuditEntry
from partnership.extensions import db
from tests.agreements.conftest import messages_beside, row_counts
from tests.factories import AgreementFactory, OrganisationFactory


def party_rows(*parties) -> dict:
    """Form fields for party rows: each party a dict of organisation_id, signatory_name, …"""
    data = {}
    for index, party in enumerate(parties):
        for key, value in party.items():
            data[f"parties-{index}-{key}"] = "" if value is None else str(value)
    return data


@pytest.fixture
def form_data(world, today):
    """A valid three-party agreement between A, B and the ministry."""
    return {
        "reference": "UZ-MN-2025/07",
        "title": "Memorandum on cooperation in geology and mining",
        "kind": "mou",
        "objectives": "Joint field practice for students.",
        "parent_id": "0",
        "signed_on": (today - timedelta(days=10)).isoformat(),
        "effective_on": (today - timedelta(days=10)).isoformat(),
        "expires_on": (today + timedelta(days=365 * 5)).isoformat(),
        **party_rows(
            {
                "organisation_id": world.org_a.id,
                "signatory_name": "Rector A",
                "signatory_title": "Rector",
                "signed_on": (today - timedelta(days=12)).isoformat(),
            },
            {
                "organisation_id": world.org_b.id,
                "signatory_name": "Батбаяр Д.",
                "signatory_title": "Rector",
                "signed_on": (today - timedelta(days=11)).isoformat(),
            },
            {
                "organisation_id": world.ministry.id,
                "signatory_name": "Minister",
                "signatory_title": None,
                "signed_on": (today - timedelta(days=10)).isoformat(),
            },
        ),
    }


def test_a_three_party_agreement_is_created(world, coordinator_client, form_data, today):
    response = coordinator_client.post("/agreements/new", data=form_data)
    assert response.status_code == 302
    agreement = db.session.scalar(db.select(Agreement).filter_by(reference="UZ-MN-2025/07"))
    assert response.headers["Location"] == f"/agreements/{agreement.id}"
    assert [p.organisation for p in agreement.parties] == [world.org_a, world.org_b, world.ministry]
    assert [p.signatory_name for p in agreement.parties] == ["Rector A", "Батбаяр Д.", "Minister"]
    assert agreement.parties[1].signed_on == today - timedelta(days=11)
    assert agreement.parties[2].signatory_title is None
    assert [(e.kind, e.occurred_on, e.recorded_by) for e in agreement.events] == [
        (EventKind.created, today, world.users["coordinator"])
    ]
    assert db.session.scalar(db.select(AuditEntry).filter_by(action="agreement.create")).target_id == agreement.id
    page = coordinator_client.get(f"/agreements/{agreement.id}").get_data(as_text=True)
    for text in (
        "University of Geological Sciences",
        "Mongolian State University",
        "Ministry of Higher Education",
        "Батбаяр Д.",
        'data-status="active"',
    ):
        assert text in page


def test_the_form_starts_with_three_party_rows(world, coordinator_client):
    page = coordinator_client.get("/agreements/new").get_data(as_text=True)
    assert re.findall(r'name="(parties-\d+-organisation_id)"', page) == [
        "parties-0-organisation_id",
        "parties-1-organisation_id",
        "parties-2-organisation_id",
    ]
    assert 'name="add_party"' in page


def test_add_another_party_shows_one_more_row_and_saves_nothing(world, coordinator_client, form_data):
    before = row_counts()
    response = coordinator_client.post("/agreements/new", data={**form_data, "add_party": "Add another party"})
    assert response.status_code == 200
    page = response.get_data(as_text=True)
    assert re.findall(r'name="parties-(\d+)-organisation_id"', page) == ["0", "1", "2", "3"]
    assert "Батбаяр Д." in page  # what was typed is kept
    assert 'class="invalid-feedback' not in page  # nothing was validated yet
    assert row_counts() == before
    # Press it again with the four rows the page now has: five.
    four = {**form_data, "parties-3-organisation_id": "0", "add_party": "x"}
    page = coordinator_client.post("/agreements/new", data=four).get_data(as_text=True)
    assert re.findall(r'name="parties-(\d+)-organisation_id"', page) == ["0", "1", "2", "3", "4"]


def test_a_fourth_party_in_an_added_row_is_saved(world, coordinator_client, form_data):
    fourth = OrganisationFactory(name="Osh Technological University", country="KG")
    data = {
        **form_data,
        **{f"parties-3-{k}": v for k, v in {"organisation_id": fourth.id, "signatory_name": "Rector O"}.items()},
    }
    assert coordinator_client.post("/agreements/new", data=data).status_code == 302
    agreement = db.session.scalar(db.select(Agreement).filter_by(reference="UZ-MN-2025/07"))
    assert [p.organisation.name for p in agreement.parties][-1] == "Osh Technological University"


def test_blank_rows_are_ignored(world, coordinator_client, form_data):
    data = {k: v for k, v in form_data.items() if not k.startswith(("parties-1-", "parties-2-"))}
    data.update(party_rows({}, {"organisation_id": 0, "signatory_name": "  "}, {"organisation_id": 0}))
    data.update({k: v for k, v in form_data.items() if k.startswith("parties-0-")})
    assert coordinator_client.post("/agreements/new", data=data).status_code == 302
    agreement = db.session.scalar(db.select(Agreement).filter_by(reference="UZ-MN-2025/07"))
    assert [p.organisation for p in agreement.parties] == [world.org_a]


def test_no_signed_date_means_draft(world, coordinator_client, form_data, today):
    assert coordinator_client.post("/agreements/new", data={**form_data, "signed_on": ""}).status_code == 302
    agreement = db.session.scalar(db.select(Agreement).filter_by(reference="UZ-MN-2025/07"))
    assert agreement.signed_on is None
    page = coordinator_client.get(f"/agreements/{agreement.id}").get_data(as_text=True)
    assert 'data-status="draft"' in page


# --- bad input: a message beside the field, nothing saved, never a 500 ----------------


def refused(client, url, data, field_id, message):
    before = row_counts()
    response = client.post(url, data=data)
    assert response.status_code == 200
    page = response.get_data(as_text=True)
    beside = messages_beside(page, field_id)
    assert any(message in m for m in beside), f"{message!r} not beside {field_id}: {beside}"
    assert row_counts() == before
    return page


def test_expiry_before_effective_date(world, coordinator_client, form_data, today):
    data = {**form_data, "effective_on": today.isoformat(), "expires_on": (today - timedelta(days=1)).isoformat()}
    refused(coordinator_client, "/agreements/new", data, "expires_on", "cannot be before the date it comes into force")


def test_no_party(world, coordinator_client, form_data):
    data = {k: v for k, v in form_data.items() if not k.startswith("parties-")}
    data.update(party_rows({"organisation_id": 0}, {"organisation_id": 0}, {"organisation_id": 0}))
    refused(coordinator_client, "/agreements/new", data, "parties-errors", "Name at least one party")


def test_the_same_organisation_twice(world, coordinator_client, form_data):
    data = {**form_data, "parties-2-organisation_id": str(world.org_a.id)}
    page = refused(coordinator_client, "/agreements/new", data, "parties-errors", "only once")
    assert "already a party above" in " ".join(messages_beside(page, "parties-2-organisation_id"))


def test_a_signatory_without_organisation(world, coordinator_client, form_data):
    data = {**form_data, "parties-2-organisation_id": "0"}
    refused(coordinator_client, "/agreements/new", data, "parties-2-organisation_id", "Choose the organisation")


def test_an_unknown_organisation(world, coordinator_client, form_data):
    refused(
        coordinator_client,
        "/agreements/new",
        {**form_data, "parties-0-organisation_id": "999999"},
        "parties-0-organisation_id",
        "Choose one of the suggestions",
    )


def test_reference_already_taken_in_any_case(world, coordinator_client, form_data):
    refused(
        coordinator_client,
        "/agreements/new",
        {**form_data, "reference": " ag-a "},
        "reference",
        "already has this reference",
    )


@pytest.mark.parametrize(
    ("field", "length", "field_id"),
    [
        ("reference", 101, "reference"),
        ("title", 501, "title"),
        ("objectives", 20001, "objectives"),
        ("parties-1-signatory_name", 201, "parties-1-signatory_name"),
        ("parties-1-signatory_title", 201, "parties-1-signatory_title"),
    ],
)
def test_too_long_fields(world, coordinator_client, form_data, field, length, field_id):
    refused(coordinator_client, "/agreements/new", {**form_data, field: "я" * length}, field_id, "characters")


@pytest.mark.parametrize("field", ["signed_on", "effective_on", "expires_on", "parties-0-signed_on"])
def test_a_date_that_is_not_a_date(world, coordinator_client, form_data, field):
    refused(coordinator_client, "/agreements/new", {**form_data, field: "31.02.2025"}, field, "Not a valid date")


def test_missing_reference_and_title(world, coordinator_client, form_data):
    page = refused(
        coordinator_client, "/agreements/new", {**form_data, "reference": " ", "title": ""}, "reference", "required"
    )
    assert messages_beside(page, "title")


def test_a_parent_that_is_not_a_framework(world, coordinator_client, form_data):
    refused(
        coordinator_client,
        "/agreements/new",
        {**form_data, "parent_id": str(world.agreement_b.id)},
        "parent_id",
        "Not a valid choice",
    )


def test_more_rows_than_the_limit_are_not_a_500(world, coordinator_client, form_data):
    from partnership.agreements.forms import MAX_PARTIES

    data = {**form_data, **{f"parties-{i}-organisation_id": "0" for i in range(MAX_PARTIES + 5)}, "add_party": "x"}
    page = coordinator_client.post("/agreements/new", data=data).get_data(as_text=True)
    assert len(re.findall(r'name="parties-\d+-organisation_id"', page)) == MAX_PARTIES
    assert f"at most {MAX_PARTIES} parties" in page


# --- the parent framework ------------------------------------------------------------------


def test_parent_choices_are_frameworks_other_than_itself_and_its_descendants(world, coordinator_client):
    top = AgreementFactory(reference="FW-TOP", kind=AgreementKind.framework, parties=[world.org_a])
    middle = AgreementFactory(reference="FW-MID", kind=AgreementKind.framework, parent=top, parties=[world.org_a])
    AgreementFactory(reference="FW-LOW", kind=AgreementKind.framework, parent=middle, parties=[world.org_a])
    AgreementFactory(reference="FW-OTHER", kind=AgreementKind.framework, parties=[world.org_b])
    page = coordinator_client.get(f"/agreements/{middle.id}/edit").get_data(as_text=True)
    select = re.search(r'<select[^>]*id="parent_id".*?</select>', page, re.S).group(0)
    offered = re.findall(r">(FW-[A-Z]+) ·", select)
    assert offered == ["FW-OTHER", "FW-TOP"]  # not itself, not FW-LOW below it; AG-A is no framework


def test_a_framework_with_children_keeps_its_kind(world, coordinator_client, form_data):
    framework = AgreementFactory(reference="FW", kind=AgreementKind.framework, parties=[world.org_a])
    AgreementFactory(reference="CHILD", parent=framework, parties=[world.org_a])
    data = {**form_data, "reference": "FW", "kind": "cooperation"}
    refused(coordinator_client, f"/agreements/{framework.id}/edit", data, "kind", "must stay a framework")


# --- editing ---------------------------------------------------------------------------


def test_edit_shows_the_parties_and_saves_changes(world, coordinator_client, today):
    agreement = world.agreement_a
    page = coordinator_client.get(f"/agreements/{agreement.id}/edit").get_data(as_text=True)
    assert 'value="AG-A"' in page and "Signatory 1" in page
    assert len(re.findall(r'name="parties-\d+-organisation_id"', page)) == 3  # two parties, one blank row
    data = {
        "reference": "AG-A",
        "title": "Renamed",
        "kind": "contract",
        "parent_id": "0",
        "signed_on": agreement.signed_on.isoformat(),
        "effective_on": agreement.effective_on.isoformat(),
        "expires_on": agreement.expires_on.isoformat(),
        # The ministry leaves, B joins, A's signatory is corrected; the order is the form's order.
        **party_rows(
            {"organisation_id": world.org_b.id, "signatory_name": "Rector B"},
            {"organisation_id": world.org_a.id, "signatory_name": "Rector A"},
            {"organisation_id": 0},
        ),
    }
    assert coordinator_client.post(f"/agreements/{agreement.id}/edit", data=data).status_code == 302
    db.session.expire_all()
    assert agreement.title == "Renamed" and agreement.kind is AgreementKind.contract
    assert [(p.organisation, p.signatory_name, p.position) for p in agreement.parties] == [
        (world.org_b, "Rector B", 0),
        (world.org_a, "Rector A", 1),
    ]


def test_a_refused_edit_changes_nothing(world, coordinator_client, today):
    agreement = world.agreement_a
    data = {
        "reference": "AG-B",
        "title": "Renamed",
        "kind": "contract",
        "parent_id": "0",
        **party_rows({"organisation_id": world.org_b.id}),
    }
    refused(coordinator_client, f"/agreements/{agreement.id}/edit", data, "reference", "already has this reference")
    db.session.expire_all()
    assert agreement.title != "Renamed"
    assert [p.organisation for p in agreement.parties] == [world.org_a, world.ministry]


def test_management_cannot_edit(world, management_client, form_data):
    before = row_counts()
    assert management_client.get("/agreements/new").status_code == 403
    assert management_client.post("/agreements/new", data=form_data).status_code == 403
    assert management_client.post(f"/agreements/{world.agreement_a.id}/edit", data=form_data).status_code == 403
    assert row_counts() == before
    page = management_client.get(f"/agreements/{world.agreement_a.id}").get_data(as_text=True)
    assert "/edit" not in page and "amendments" not in page


def test_a_liaison_cannot_edit_their_own_agreement(world, liaison_a_client, form_data):
    assert liaison_a_client.get(f"/agreements/{world.agreement_a.id}/edit").status_code == 403
    assert liaison_a_client.post(f"/agreements/{world.agreement_a.id}/edit", data=form_data).status_code == 403


def test_a_reference_that_folds_longer_than_its_column(world, coordinator_client, form_data):
    # U+FDFA is one character that folds (NFKC) into eighteen.
    refused(coordinator_client, "/agreements/new", {**form_data, "reference": "\ufdfa" * 100}, "reference", "too long")


def test_nul_characters_are_refused_not_a_500(world, coordinator_client, form_data):
    data = {**form_data, "title": "Geology\x00 MoU", "parties-0-signatory_name": "Rector\x00"}
    assert coordinator_client.post("/agreements/new", data=data).status_code == 400
    assert db.session.scalar(db.select(Agreement).filter_by(reference="UZ-MN-2025/07")) is None

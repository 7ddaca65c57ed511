"""Visit and participant exports: scoped by role, sensitive columns only for those who may see them."""

from datetime import date

import pytest
from sqlalchemy import select

from partnership.audit.models import AuditEntry
from partnership.extensions import db
from partnership.visits.models import VisitStatus
from tests.exports.helpers import as_dicts, file_text, read
from tests.visits.factories import ParticipantFactory, VisitFactory

FORMATS = ["csv", "xlsx"]
A_PEOPLE = ["Riahi Amma Vissal", "Dilnoza Qoʻchqorova"]
B_PEOPLE = ["Лхагва Очир Энхжин", "Батбаяр Ганзориг"]


@pytest.fixture
def joint(world):
    """The June excursion: A's and B's students in one visit."""
    visit = VisitFactory(
        title="Almalyk excursion",
        organisations=[world.org_a, world.org_b],
        status=VisitStatus.completed,
        starts_on=date(2025, 6, 24),
        ends_on=date(2025, 6, 25),
    )
    for name in A_PEOPLE:
        ParticipantFactory(visit=visit, organisation=world.org_a, full_name=name, document_number=f"UZ-{name[:3]}")
    for name in B_PEOPLE:
        ParticipantFactory(
            visit=visit,
            organisation=world.org_b,
            full_name=name,
            nationality="MN",
            document_number=f"MN-{name[:3]}",
            date_of_birth=date(2004, 2, 29),
        )
    return visit


def participants(client, visit, fmt, query=""):
    response = client.get(f"/exports/visits/{visit.id}/participants.{fmt}{query}")
    assert response.status_code == 200
    return response, as_dicts(read(response.data, fmt))


@pytest.mark.parametrize("fmt", FORMATS)
def test_liaison_b_export_holds_none_of_a_people(world, joint, liaison_b_client, fmt):
    response, rows = participants(liaison_b_client, joint, fmt)
    assert [r["Full name"] for r in rows] == sorted(B_PEOPLE)
    text = file_text(response.data, fmt)
    for name in A_PEOPLE:
        assert name not in text
    assert "UZ-" not in text
    # Their own people's sensitive data they may see.
    assert {r["Document number"] for r in rows} == {f"MN-{n[:3]}" for n in B_PEOPLE}


@pytest.mark.parametrize("fmt", FORMATS)
def test_coordinator_exports_everyone_with_sensitive_columns(world, joint, coordinator_client, fmt):
    _, rows = participants(coordinator_client, joint, fmt)
    # The list's order: by organisation, then name.
    assert [r["Full name"] for r in rows] == sorted(A_PEOPLE) + sorted(B_PEOPLE)
    mongolian = rows[3]
    assert mongolian["Nationality code"] == "MN" and mongolian["Nationality"] == "Mongolia"
    assert mongolian["Document number"] == "MN-Лха"
    dob = mongolian["Date of birth"]
    assert (dob if fmt == "csv" else dob.date().isoformat()) == "2004-02-29"


@pytest.mark.parametrize("fmt", FORMATS)
def test_management_export_has_no_sensitive_columns(world, joint, management_client, fmt):
    response, rows = participants(management_client, joint, fmt)
    assert len(rows) == 4
    assert "Date of birth" not in rows[0] and "Document number" not in rows[0]
    text = file_text(response.data, fmt)
    assert "UZ-" not in text and "MN-" not in text and "2004-02-29" not in text and "2003-04-05" not in text


def exports_audited():
    entries = db.session.scalars(select(AuditEntry).where(AuditEntry.action == "visit.participants_exported"))
    return [(e.action, e.target_id, e.actor_id, e.details) for e in entries]


def test_a_sensitive_export_is_audited(world, joint, coordinator_client):
    coordinator_client.get(f"/exports/visits/{joint.id}/participants.xlsx")
    assert exports_audited() == [
        (
            "visit.participants_exported",
            joint.id,
            world.users["coordinator"].id,
            {"format": "xlsx", "rows": 4, "sensitive": True},
        )
    ]


def test_an_export_without_sensitive_data_is_audited_too_for_its_names(world, joint, management_client):
    management_client.get(f"/exports/visits/{joint.id}/participants.csv")
    assert exports_audited() == [
        (
            "visit.participants_exported",
            joint.id,
            world.users["management"].id,
            {"format": "csv", "rows": 4, "sensitive": False},
        )
    ]


def test_a_liaison_of_another_organisation_gets_404(world, liaison_b_client):
    visit = VisitFactory(organisations=[world.org_a])
    assert liaison_b_client.get(f"/exports/visits/{visit.id}/participants.csv").status_code == 404


@pytest.mark.parametrize("fmt", FORMATS)
def test_participant_formula_cells_are_neutralised(world, coordinator_client, fmt):
    visit = VisitFactory(organisations=[world.org_a])
    ParticipantFactory(visit=visit, organisation=world.org_a, full_name="-Dangerous", diet="=1+1", access_needs="+cmd")
    response, (row,) = participants(coordinator_client, visit, fmt)
    if fmt == "csv":
        assert (row["Full name"], row["Diet"], row["Access needs"]) == ("'-Dangerous", "'=1+1", "'+cmd")
    else:
        assert (row["Full name"], row["Diet"], row["Access needs"]) == ("-Dangerous", "=1+1", "+cmd")
        assert "<f>" not in file_text(response.data, fmt)


@pytest.mark.parametrize("fmt", FORMATS)
def test_visit_export_is_scoped_for_a_liaison(world, joint, liaison_b_client, fmt):
    VisitFactory(title="Only A's visit", organisations=[world.org_a])
    response = liaison_b_client.get(f"/exports/visits.{fmt}")
    rows = {r["Title"]: r for r in as_dicts(read(response.data, fmt))}
    assert {"Almalyk excursion", world.visit_b.title, world.visit_shared.title} <= set(rows)
    assert all(world.org_b.name in row["Visiting organisations"] for row in rows.values())
    text = file_text(response.data, fmt)
    for title in ("Only A's visit", world.visit_a.title, world.exports_visit_a.title):
        assert title not in text
    # As on the list: how many came is no secret, who they are is.
    assert int(rows["Almalyk excursion"]["Participants"]) == 4


@pytest.mark.parametrize("fmt", FORMATS)
def test_visit_export_for_staff_and_filters(world, joint, management_client, fmt):
    VisitFactory(
        title="Upcoming Freiberg visit",
        status=VisitStatus.approved,
        organisations=[world.org_a],
        starts_on=date(2025, 6, 10),
        ends_on=date(2025, 6, 11),
    )
    rows = as_dicts(read(management_client.get(f"/exports/visits.{fmt}").data, fmt))
    assert {r["Title"] for r in rows} >= {"Almalyk excursion", "Upcoming Freiberg visit", "Exports: visit of A"}
    by_title = {r["Title"]: r for r in rows}
    assert int(by_title["Almalyk excursion"]["Participants"]) == 4
    assert by_title["Almalyk excursion"]["Status"] == "Completed"
    assert world.org_b.name in by_title["Almalyk excursion"]["Visiting organisations"]
    filtered = as_dicts(read(management_client.get(f"/exports/visits.{fmt}?status=approved").data, fmt))
    assert "Upcoming Freiberg visit" in {r["Title"] for r in filtered}
    assert {r["Status"] for r in filtered} == {"Approved"}
    filtered = as_dicts(read(management_client.get(f"/exports/visits.{fmt}?organisation={world.org_b.id}").data, fmt))
    assert {"Almalyk excursion", world.visit_b.title, world.visit_shared.title} <= {r["Title"] for r in filtered}
    assert all(world.org_b.name in r["Visiting organisations"] for r in filtered)
    filtered = as_dicts(read(management_client.get(f"/exports/visits.{fmt}?from=2025-07-01&q=freiberg").data, fmt))
    assert filtered == []
    filtered = as_dicts(read(management_client.get(f"/exports/visits.{fmt}?q=FREIBERG&to=2025-06-24").data, fmt))
    assert [r["Title"] for r in filtered] == ["Upcoming Freiberg visit"]


def test_a_liaisons_visit_export_names_only_the_agreements_they_may_see(world, joint, login):
    joint.agreements.extend([world.agreement_a, world.agreement_b])
    db.session.flush()
    for user, seen in (("liaison_a", {"AG-A"}), ("coordinator", {"AG-A", "AG-B"})):
        rows = as_dicts(read(login(world.users[user]).get("/exports/visits.csv").data, "csv"))
        row = next(r for r in rows if r["Title"] == "Almalyk excursion")
        assert set(row["Agreements"].split("; ")) == seen, user


def test_the_visit_export_filters_by_the_organisation_typed_in_the_list(world, joint, coordinator_client):
    only_b = VisitFactory(title="Only B", organisations=[world.org_b])
    typed = coordinator_client.get("/exports/visits.csv?organisation=&organisation-text=university+of+geological")
    titles = {r["Title"] for r in as_dicts(read(typed.data, "csv"))}
    assert "Almalyk excursion" in titles and only_b.title not in titles
    emptied = coordinator_client.get(f"/exports/visits.csv?organisation={world.org_a.id}&organisation-text=")
    assert only_b.title in {r["Title"] for r in as_dicts(read(emptied.data, "csv"))}  # the box emptied: any


@pytest.mark.parametrize("fmt", FORMATS)
def test_participant_export_holds_protective_equipment_sizes(world, joint, management_client, fmt):
    person = joint.participants[0]
    person.helmet_size, person.boot_size, person.vest_size = "57", "42.5", "XL"
    db.session.commit()
    _, rows = participants(management_client, joint, fmt)
    row = next(r for r in rows if r["Full name"] == person.full_name)
    assert (row["Helmet size"], row["Boot size"], row["Vest size"]) == ("57", "42.5", "XL")

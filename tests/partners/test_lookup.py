"""Choosing an organisation among thousands: suggestions served by the app, and lookup fields
that take the chosen id, or resolve what was typed when no script chose (one match is taken,
none or several are refused beside the field, nothing saved)."""

from sqlalchemy import func, select

from partnership.extensions import db
from partnership.partners.models import OrganisationKind
from partnership.visits.models import Visit
from tests.agreements.conftest import messages_beside
from tests.factories import OrganisationFactory
from tests.visits.factories import ParticipantFactory

REQUEST = {"title": "Lookup excursion", "starts_on": "2031-06-24", "ends_on": "2031-06-25"}


def suggestions(client, query: str) -> list[dict]:
    response = client.get(f"/organisations/suggest?{query}")
    assert response.status_code == 200
    assert response.mimetype == "application/json"
    return response.get_json()


def test_suggestions_match_any_name_form_beginnings_first(world, coordinator_client):
    OrganisationFactory(name="Монгол Улсын Шинжлэх Ухаан Технологийн Их Сургууль", country="MN")
    OrganisationFactory(name="National University of Mongolia", country="MN")
    OrganisationFactory(name="Mongolian University of Life Sciences", country="MN")
    labels = [s["label"] for s in suggestions(coordinator_client, "q=mongol")]
    assert labels[:2] == ["Mongolian State University (MN)", "Mongolian University of Life Sciences (MN)"]
    assert "National University of Mongolia (MN)" in labels
    assert [s["label"] for s in suggestions(coordinator_client, "q=ШИНЖЛЭХ")] == [
        "Монгол Улсын Шинжлэх Ухаан Технологийн Их Сургууль (MN)"
    ]
    # A label typed back in full finds itself.
    assert [s["id"] for s in suggestions(coordinator_client, "q=Mongolian+State+University+(MN)")] == [world.org_b.id]


def test_suggestions_leave_out_archived_organisations_unless_asked(world, coordinator_client):
    archived = world.archived_org
    word = archived.name.split()[0]
    assert archived.id not in [s["id"] for s in suggestions(coordinator_client, f"q={word}")]
    assert archived.id in [s["id"] for s in suggestions(coordinator_client, f"q={word}&archived=1")]


def test_suggestions_are_few_whatever_the_register(world, coordinator_client):
    for n in range(40):
        OrganisationFactory(name=f"Technical University No. {n}", country="UZ")
    assert len(suggestions(coordinator_client, "q=technical")) == 20
    assert suggestions(coordinator_client, "q=") == []


def test_the_visit_form_carries_no_list_of_the_register(world, coordinator_client):
    for n in range(30):
        OrganisationFactory(name=f"Register University No. {n}", country="KZ")
    page = coordinator_client.get("/visits/new").get_data(as_text=True)
    assert "Register University No. 1" not in page
    assert 'data-lookup="/organisations/suggest"' in page


def test_a_name_typed_without_a_script_is_resolved(world, coordinator_client):
    response = coordinator_client.post(
        "/visits/new",
        data={**REQUEST, "organisation_ids": str(world.org_a.id), "organisation_ids-text": "mongolian state"},
    )
    assert response.status_code == 302
    visit = db.session.scalar(select(Visit).where(Visit.title == "Lookup excursion"))
    assert visit.organisation_ids == {world.org_a.id, world.org_b.id}


def test_a_name_matching_several_or_none_is_refused_beside_the_field(world, coordinator_client):
    OrganisationFactory(name="Mongolian University of Science and Technology", kind=OrganisationKind.university)
    before = db.session.scalar(select(func.count(Visit.id)))
    for typed, message in (("mongolian", "Several organisations match"), ("atlantis", "No organisation matches")):
        response = coordinator_client.post("/visits/new", data={**REQUEST, "organisation_ids-text": typed})
        assert response.status_code == 200
        page = response.get_data(as_text=True)
        assert any(message in m for m in messages_beside(page, "organisation_ids")), typed
        assert f'value="{typed}"' in page  # what was typed stays in the box
    assert db.session.scalar(select(func.count(Visit.id))) == before


def test_the_agreements_list_filters_by_a_typed_party(world, coordinator_client):
    page = coordinator_client.get("/agreements?party=&party-text=university+of+geological").get_data(as_text=True)
    assert world.agreement_a.reference in page
    assert f'name="party" value="{world.org_a.id}"' in page
    emptied = coordinator_client.get(f"/agreements?party={world.org_a.id}&party-text=").get_data(as_text=True)
    assert 'name="party" value=""' in emptied


def test_agreement_suggestions_are_the_readers_own(world, coordinator_client, liaison_a_client):
    everyone = [s["label"] for s in suggestions_of(coordinator_client, "/agreements/suggest?q=AG")]
    assert any(label.startswith("AG-A ·") for label in everyone) and any(
        label.startswith("AG-B ·") for label in everyone
    )
    own = [s["label"] for s in suggestions_of(liaison_a_client, "/agreements/suggest?q=AG")]
    assert any(label.startswith("AG-A ·") for label in own) and not any(label.startswith("AG-B") for label in own)
    # A party's name finds the agreement too.
    by_party = [s["id"] for s in suggestions_of(coordinator_client, "/agreements/suggest?q=ministry")]
    assert world.agreement_a.id in by_party


def test_a_liaison_names_an_agreement_by_its_reference(world, liaison_a_client):
    response = liaison_a_client.post("/visits/new", data={**REQUEST, "agreement_ids-text": "AG-A"})
    assert response.status_code == 302
    visit = db.session.scalar(select(Visit).where(Visit.title == "Lookup excursion"))
    assert [a.id for a in visit.agreements] == [world.agreement_a.id]


def suggestions_of(client, url: str) -> list[dict]:
    response = client.get(url)
    assert response.status_code == 200
    return response.get_json()


def test_a_liaison_gets_names_but_no_archived_organisations(world, liaison_a_client):
    word = world.archived_org.name.split()[0]
    labels = [s["label"] for s in suggestions(liaison_a_client, "q=mongol")]
    assert "Mongolian State University (MN)" in labels
    assert world.archived_org.id not in [s["id"] for s in suggestions(liaison_a_client, f"q={word}&archived=1")]


def test_the_pager_keeps_the_visit_whatever_the_query_string(world, coordinator_client, app, monkeypatch):
    monkeypatch.setitem(app.config, "PARTICIPANTS_PAGE_SIZE", 1)
    for _ in range(2):
        ParticipantFactory(visit=world.visit_a, organisation=world.org_a)
    response = coordinator_client.get(f"/visits/{world.visit_a.id}/participants?visit_id=x")
    assert response.status_code == 200
    assert f'href="/visits/{world.visit_a.id}/participants?page=2' in response.get_data(as_text=True)

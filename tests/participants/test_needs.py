"""The participant list shows what the sites on each person's programme still require of them."""

from datetime import date

from partnership.extensions import db
from partnership.participants import needs
from partnership.visits.models import VisitStatus
from tests.programme.factories import ItineraryItemFactory
from tests.sites.factories import SiteFactory
from tests.visits.factories import ParticipantFactory, VisitFactory


def _mine_visit(world):
    visit = VisitFactory(
        organisations=[world.org_a],
        status=VisitStatus.confirmed,
        starts_on=date(2026, 6, 10),
        ends_on=date(2026, 6, 11),
    )

    def person(name, **fields):
        values = {"date_of_birth": date(2000, 1, 1), "ppe_issued": False, "medical_clearance": False} | fields
        return ParticipantFactory(visit=visit, organisation=world.org_a, full_name=name, **values)

    ready = person(
        "Ready Miner", ppe_issued=True, medical_clearance=True, helmet_size="56", boot_size="42", vest_size="L"
    )
    unequipped = person("Unequipped Miner", helmet_size="58", vest_size="XL")
    young = person("Young Miner", date_of_birth=date(2010, 1, 1), ppe_issued=True, medical_clearance=True)
    museum_only = person("Museum Visitor")
    mine = SiteFactory(name="Kalmakyr pit", min_age=18, ppe_required=True, medical_clearance_required=True)
    museum = SiteFactory(name="Museum")
    ItineraryItemFactory(visit=visit, site=mine, attendees=[ready, unequipped, young])
    ItineraryItemFactory(visit=visit, site=museum, attendees=[museum_only])
    db.session.commit()
    return visit, ready, unequipped, young, museum_only


def test_each_person_shows_what_the_mine_still_needs(world, coordinator_client):
    visit, ready, unequipped, young, museum_only = _mine_visit(world)
    found = needs.needs_by_participant(visit, [ready, unequipped, young, museum_only])
    assert found == {
        unequipped.id: ["PPE not issued", "medical clearance missing", "boot size missing"],
        young.id: ["under 18"],
    }
    page = coordinator_client.get(f"/visits/{visit.id}/participants").get_data(as_text=True)
    assert "PPE not issued" in page and "boot size missing" in page and "under 18" in page
    assert "helmet size missing" not in page


def test_the_filter_shows_only_who_needs_something(world, coordinator_client):
    visit, ready, unequipped, young, museum_only = _mine_visit(world)
    page = coordinator_client.get(f"/visits/{visit.id}/participants?needs=1").get_data(as_text=True)
    assert "Unequipped Miner" in page and "Young Miner" in page
    assert "Ready Miner" not in page and "Museum Visitor" not in page


def test_a_liaison_sees_the_needs_of_their_own_people(world, liaison_a_client):
    visit, *_people = _mine_visit(world)
    page = liaison_a_client.get(f"/visits/{visit.id}/participants").get_data(as_text=True)
    assert "medical clearance missing" in page

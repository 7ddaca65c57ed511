"""The agreement list: each filter, pagination, what each role sees, bad filter values."""

from datetime import timedelta

import pytest

from partnership.agreements.models import AgreementKind
from partnership.core.roles import Role
from partnership.partners.models import OrganisationKind
from tests.agreements.conftest import listed_references, messages_beside
from tests.factories import AgreementFactory, OrganisationFactory, UserFactory
from tests.statements import counting_statements


@pytest.fixture
def catalogue(app, today):
    """Agreements of every status and several kinds, parties in three countries."""
    ugs = OrganisationFactory(name="University of Geological Sciences", short_name="UGS", country="UZ")
    msu = OrganisationFactory(name="Монгол Улсын Их Сургууль", short_name="MSU", country="MN")
    osh = OrganisationFactory(name="Osh Technological University", country="KG")
    forum = OrganisationFactory(name="Rectors' Forum", kind=OrganisationKind.forum, country="KG")
    AgreementFactory(
        reference="ACTIVE",
        title="Geology cooperation",
        kind=AgreementKind.cooperation,
        expires_on=today + timedelta(days=400),
        parties=[ugs, msu],
    )
    AgreementFactory(
        reference="EXPIRING",
        title="Mining MoU",
        kind=AgreementKind.mou,
        expires_on=today + timedelta(days=20),
        parties=[msu],
    )
    AgreementFactory(
        reference="EXPIRING-LATE",
        title="Exchange of students",
        kind=AgreementKind.mou,
        expires_on=today + timedelta(days=80),
        parties=[ugs],
    )
    AgreementFactory(
        reference="EXPIRED",
        title="Old contract",
        kind=AgreementKind.contract,
        expires_on=today - timedelta(days=1),
        parties=[osh],
    )
    AgreementFactory(
        reference="DRAFT",
        title="Новое соглашение",
        kind=AgreementKind.other,
        signed_on=None,
        expires_on=today + timedelta(days=10),
        parties=[ugs],
    )
    AgreementFactory(
        reference="ENDED",
        title="Ended early",
        kind=AgreementKind.cooperation,
        terminated_on=today,
        expires_on=today + timedelta(days=10),
        parties=[osh, forum],
    )
    AgreementFactory(
        reference="FORUM",
        title="Rectors forum agreements",
        kind=AgreementKind.framework,
        expires_on=None,
        parties=[forum, osh, ugs],
    )
    return {"ugs": ugs, "msu": msu, "osh": osh, "forum": forum}


def listed(client, query="") -> set[str]:
    response = client.get(f"/agreements{query}")
    assert response.status_code == 200
    return set(listed_references(response.get_data(as_text=True)))


@pytest.fixture
def staff(login):
    """A coordinator's client, without the shared world (the catalogue is the whole register)."""
    return login(UserFactory(username="coordinator", role=Role.coordinator))


def test_everything_without_filters(catalogue, login):
    client = login(UserFactory(username="management", role=Role.management))
    assert listed(client) == {"ACTIVE", "EXPIRING", "EXPIRING-LATE", "EXPIRED", "DRAFT", "ENDED", "FORUM"}


@pytest.mark.parametrize(
    ("status", "expected"),
    [
        ("active", {"ACTIVE", "FORUM"}),
        ("expiring", {"EXPIRING", "EXPIRING-LATE"}),
        ("expired", {"EXPIRED"}),
        ("draft", {"DRAFT"}),
        ("terminated", {"ENDED"}),
    ],
)
def test_status_filter(catalogue, staff, status, expected):
    assert listed(staff, f"?status={status}") == expected


def test_kind_filter(catalogue, staff):
    assert listed(staff, "?kind=mou") == {"EXPIRING", "EXPIRING-LATE"}
    assert listed(staff, "?kind=framework") == {"FORUM"}


def test_party_filter(catalogue, staff):
    assert listed(staff, f"?party={catalogue['msu'].id}") == {"ACTIVE", "EXPIRING"}
    assert listed(staff, f"?party={catalogue['forum'].id}") == {"ENDED", "FORUM"}


def test_country_filter(catalogue, staff):
    assert listed(staff, "?country=MN") == {"ACTIVE", "EXPIRING"}
    assert listed(staff, "?country=KG") == {"EXPIRED", "ENDED", "FORUM"}


def test_expiring_within_filter(catalogue, staff):
    # Signed, not terminated, expiring between today and today + N: drafts and terminated ones are not "expiring".
    assert listed(staff, "?expiring_within=30") == {"EXPIRING"}
    assert listed(staff, "?expiring_within=80") == {"EXPIRING", "EXPIRING-LATE"}
    assert listed(staff, "?expiring_within=79") == {"EXPIRING"}
    assert listed(staff, "?expiring_within=0") == set()


def test_search_by_reference_title_and_party_in_any_script(catalogue, staff):
    assert listed(staff, "?q=expired") == {"EXPIRED"}
    assert listed(staff, "?q=НОВОЕ") == {"DRAFT"}  # Cyrillic, other case
    assert listed(staff, "?q=монгол") == {"ACTIVE", "EXPIRING"}  # a party's name
    assert listed(staff, "?q=rectors%27 forum") == {"ENDED", "FORUM"}
    assert listed(staff, "?q=100%25") == set()  # a LIKE wildcard is searched for, not obeyed


def test_filters_combine(catalogue, staff):
    assert listed(staff, f"?status=expiring&kind=mou&party={catalogue['ugs'].id}") == {"EXPIRING-LATE"}


@pytest.mark.parametrize(
    ("query", "field_id"),
    [
        ("?expiring_within=soon", "expiring_within"),
        ("?expiring_within=-5", "expiring_within"),
        ("?status=lost", "status"),
        ("?kind=treaty", "kind"),
        ("?party=999999", "party"),
        ("?party=abc", "party"),
        ("?country=ZZ", "country"),
    ],
)
def test_a_bad_filter_is_explained_and_ignored(catalogue, staff, query, field_id):
    response = staff.get(f"/agreements{query}")
    assert response.status_code == 200
    page = response.get_data(as_text=True)
    assert messages_beside(page, field_id)
    assert len(listed_references(page)) == 7


def test_pagination_keeps_filters(app, staff, monkeypatch, today):
    monkeypatch.setitem(app.config, "PAGE_SIZE", 2)
    org = OrganisationFactory()
    for n in range(5):
        AgreementFactory(
            reference=f"PAGE-{n}",
            kind=AgreementKind.contract,
            parties=[org],
            expires_on=today + timedelta(days=200 + n),
        )
    AgreementFactory(reference="OTHER", kind=AgreementKind.mou, parties=[org])
    first = staff.get("/agreements?kind=contract").get_data(as_text=True)
    assert listed_references(first) == ["PAGE-0", "PAGE-1"]
    assert "kind=contract" in first and "page=3" in first
    assert listed_references(staff.get("/agreements?kind=contract&page=3").get_data(as_text=True)) == ["PAGE-4"]
    assert staff.get("/agreements?kind=contract&page=9").status_code == 404


def test_a_liaison_lists_only_their_organisations_agreements(world, liaison_a_client):
    assert listed(liaison_a_client) == {"AG-A"}
    # Filtering by the other side's organisation reveals nothing either.
    assert listed(liaison_a_client, f"?party={world.org_b.id}") == set()
    assert listed(liaison_a_client, f"?party={world.ministry.id}") == {"AG-A"}


def test_the_other_liaison_lists_theirs(world, liaison_b_client):
    assert listed(liaison_b_client) == {"AG-B"}


def test_list_queries_do_not_grow_with_rows(app, staff, today):
    orgs = [OrganisationFactory() for _ in range(3)]

    def statements_for_list():
        with counting_statements() as seen:
            assert staff.get("/agreements").status_code == 200
        return len(seen)

    AgreementFactory(parties=orgs)
    few = statements_for_list()
    for _ in range(8):
        AgreementFactory(parties=orgs)
    assert statements_for_list() == few


def test_a_search_with_a_nul_character_is_refused_not_a_500(catalogue, staff):
    assert staff.get("/agreements?q=Mining%00").status_code == 400

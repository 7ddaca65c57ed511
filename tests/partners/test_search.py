"""Searching, filtering, sorting and paging the register."""

from datetime import timedelta

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from sqlalchemy import select

from partnership.db import utcnow
from partnership.extensions import db
from partnership.partners import queries
from partnership.partners.models import OrganisationKind
from tests.factories import OrganisationFactory
from tests.partners.conftest import listed_names


def found(**filters) -> list[str]:
    return [o.name for o in db.session.scalars(queries.search(**filters))]


@pytest.fixture
def register(app):
    OrganisationFactory(name="Лхагва Горный Колледж", country="MN", city="Улан-Батор")
    OrganisationFactory(
        name="National University of Uzbekistan", name_uz="Oʻzbekiston Milliy Universiteti", short_name="NUUz"
    )
    OrganisationFactory(
        name="Osh Technological University", name_ru="Ошский технологический университет", country="KG", city="Osh"
    )
    OrganisationFactory(name="Ministry of Mining", kind=OrganisationKind.ministry, country="MN", city="Ulaanbaatar")
    OrganisationFactory(name="100% Research_Lab", kind=OrganisationKind.other, country="DE")


@pytest.mark.parametrize("q", ["лхагва", "ЛХАГВА", "Лхагва", "горный колледж", "ГОРНЫЙ"])
def test_cyrillic_search_ignores_case(register, q):
    assert found(q=q) == ["Лхагва Горный Колледж"]


def test_cyrillic_name_written_in_capitals_is_found_in_lowercase(app):
    OrganisationFactory(name="ЛХАГВА ОЧИР ИНСТИТУТ", country="MN")
    assert found(q="лхагва очир") == ["ЛХАГВА ОЧИР ИНСТИТУТ"]


@pytest.mark.parametrize(
    "q", ["o'zbekiston", "Oʻzbekiston", "O‘ZBEKISTON", "oʼzbekiston", "o`zbekiston", "O’zbekiston milliy"]
)
def test_uzbek_apostrophe_variants_find_each_other(register, q):
    assert found(q=q) == ["National University of Uzbekistan"]


@pytest.mark.parametrize(
    "q, name",
    [
        ("ошский", "Osh Technological University"),  # Russian name
        ("nuuz", "National University of Uzbekistan"),  # short name
        ("ulaanbaatar", "Ministry of Mining"),  # city
        ("  national   university ", "National University of Uzbekistan"),  # spacing folded
    ],
)
def test_search_covers_every_name_form_and_the_city(register, q, name):
    assert found(q=q) == [name]


@pytest.mark.parametrize(
    "q, expected",
    [("100%", ["100% Research_Lab"]), ("%", ["100% Research_Lab"]), ("_", ["100% Research_Lab"]), ("researc_", [])],
)
def test_like_wildcards_in_the_query_are_plain_characters(register, q, expected):
    assert found(q=q) == expected


def test_names_only_search_ignores_the_city(register):
    assert found(q="ulaanbaatar", names_only=True) == []
    assert found(q="ministry", names_only=True) == ["Ministry of Mining"]
    assert found(q="ошский", names_only=True) == ["Osh Technological University"]


def test_filters_by_kind_and_country_and_combine_with_search(register):
    assert found(kind=OrganisationKind.ministry) == ["Ministry of Mining"]
    assert found(country="mn") == ["Ministry of Mining", "Лхагва Горный Колледж"]
    assert found(country="MN", kind=OrganisationKind.university) == ["Лхагва Горный Колледж"]
    assert found(q="university", country="KG") == ["Osh Technological University"]
    assert found(q="university", country="DE") == []


def test_sorts(app):
    now = utcnow()
    OrganisationFactory(name="beta", country="UZ", kind=OrganisationKind.university, created_at=now - timedelta(days=3))
    OrganisationFactory(name="Alpha", country="MN", kind=OrganisationKind.ministry, created_at=now - timedelta(days=1))
    OrganisationFactory(name="Gamma", country="DE", kind=OrganisationKind.company, created_at=now - timedelta(days=2))
    assert found(sort="name") == ["Alpha", "beta", "Gamma"]  # case does not decide the order
    assert found(sort="country") == ["Gamma", "Alpha", "beta"]
    assert found(sort="kind") == ["Gamma", "Alpha", "beta"]  # company, ministry, university
    assert found(sort="newest") == ["Alpha", "Gamma", "beta"]
    assert found(sort="unknown") == ["Alpha", "beta", "Gamma"]


def test_archived_organisations_are_left_out_unless_asked_for(app):
    OrganisationFactory(name="Open")
    OrganisationFactory(name="Closed", archived_at=utcnow())
    assert found() == ["Open"]
    assert found(include_archived=True) == ["Closed", "Open"]


def test_organisation_choices_leave_out_archived(app):
    kept = OrganisationFactory(name="Open", country="UZ")
    OrganisationFactory(name="Closed", archived_at=utcnow())
    assert queries.organisation_choices() == [(kept.id, "Open (UZ)")]


NAME_ALPHABET = "abcdefghijklmnopqrstuvwxyzабвгдеёжзийклмнопрстуфхцчшщъыьэюяўқғҳӨөүң'ʻ’ -"


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(name=st.text(NAME_ALPHABET, min_size=1, max_size=30).filter(str.strip), data=st.data())
def test_any_part_of_a_name_in_any_case_finds_it(app, name, data):
    start = data.draw(st.integers(0, len(name) - 1))
    stop = data.draw(st.integers(start + 1, len(name)))
    part = name[start:stop]
    q = data.draw(st.sampled_from([part, part.upper(), part.lower(), part.title()]))
    organisation = OrganisationFactory(name=name, country="UZ", city=None)
    try:
        assert name in found(q=q, names_only=True)
    finally:
        db.session.delete(organisation)
        db.session.commit()


# --- through the list page -------------------------------------------------------


def test_list_searches_in_cyrillic_both_ways(register, coordinator_client):
    for q in ("лхагва", "ЛХАГВА"):
        html = coordinator_client.get("/organisations", query_string={"q": q}).get_data(as_text=True)
        assert listed_names(html) == ["Лхагва Горный Колледж"]


def test_list_finds_uzbek_names_typed_with_a_plain_apostrophe(register, coordinator_client):
    html = coordinator_client.get("/organisations?q=o'zbekiston").get_data(as_text=True)
    assert listed_names(html) == ["National University of Uzbekistan"]


def test_list_filters_and_sorts(register, world, coordinator_client):
    html = coordinator_client.get("/organisations?kind=ministry&country=MN").get_data(as_text=True)
    assert listed_names(html) == ["Ministry of Mining"]
    html = coordinator_client.get("/organisations?country=KG").get_data(as_text=True)
    assert listed_names(html) == ["Osh Technological University"]
    html = coordinator_client.get("/organisations?sort=country&kind=university").get_data(as_text=True)
    assert [n for n in listed_names(html)] == [
        "Osh Technological University",  # KG
        "Mongolian State University",  # MN
        "Лхагва Горный Колледж",  # MN
        "National University of Uzbekistan",  # UZ
        "University of Geological Sciences",  # UZ
    ]


def test_list_ignores_values_no_filter_offers(register, coordinator_client):
    everything = listed_names(coordinator_client.get("/organisations").get_data(as_text=True))
    response = coordinator_client.get("/organisations?kind=club&country=XX&sort=%27;drop&page=-3")
    assert response.status_code == 200
    assert listed_names(response.get_data(as_text=True)) == everything


def test_country_filter_offers_the_registers_countries_by_their_names(register, coordinator_client):
    html = coordinator_client.get("/organisations").get_data(as_text=True)
    assert '<option value="KG">Kyrgyzstan</option>' in html
    assert 'value="FR"' not in html


def test_list_pages_by_twenty_and_keeps_the_filters(app, coordinator_client):
    for n in range(25):
        OrganisationFactory(name=f"Paged University {n:02d}", country="KZ")
    OrganisationFactory(name="Paged University elsewhere", country="UZ")
    first = coordinator_client.get("/organisations?country=KZ").get_data(as_text=True)
    assert listed_names(first) == [f"Paged University {n:02d}" for n in range(20)]
    assert "/organisations?country=KZ&amp;page=2" in first
    assert "25 in all" in first
    second = coordinator_client.get("/organisations?country=KZ&page=2").get_data(as_text=True)
    assert listed_names(second) == [f"Paged University {n:02d}" for n in range(20, 25)]
    beyond = coordinator_client.get("/organisations?country=KZ&page=9")
    assert beyond.status_code == 200 and listed_names(beyond.get_data(as_text=True)) == []


@pytest.mark.parametrize("role", ["admin", "coordinator"])
def test_staff_may_list_archived_organisations(app, world, login, role):
    OrganisationFactory(name="Closed College", archived_at=utcnow())
    client = login(world.users[role])
    assert "Closed College" not in listed_names(client.get("/organisations").get_data(as_text=True))
    html = client.get("/organisations?archived=1").get_data(as_text=True)
    assert "Closed College" in listed_names(html)
    assert 'name="archived"' in html


@pytest.mark.parametrize("role", ["management", "liaison_a"])
def test_other_roles_never_list_archived_organisations(app, world, login, role):
    OrganisationFactory(name="Closed College", archived_at=utcnow())
    html = login(world.users[role]).get("/organisations?archived=1").get_data(as_text=True)
    assert "Closed College" not in listed_names(html)
    assert 'name="archived"' not in html


def test_search_results_are_the_same_on_every_backend(register):
    """The fold happens in Python on both sides, so the database's own case rules never matter."""
    rows = db.session.execute(select(queries.search(q="ЛХАГВА").subquery())).all()
    assert len(rows) == 1

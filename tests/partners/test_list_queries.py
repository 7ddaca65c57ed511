"""The list loads a page in a fixed number of SQL statements, however many rows it shows."""

import pytest

from partnership.extensions import db
from tests.factories import ContactFactory, OrganisationFactory
from tests.partners.conftest import listed_names
from tests.statements import counting_statements


def add_organisations(start: int, stop: int) -> None:
    for i in range(start, stop):
        organisation = OrganisationFactory(name=f"Counted University {i:02d}", country="KZ")
        ContactFactory(organisation=organisation)
        ContactFactory(organisation=organisation)


def statements_for_page(client, url) -> tuple[int, int]:
    client.get(url)  # warm-up: first-request work is not what is measured
    db.session.expunge_all()  # requests here share the test's session: start from an empty one, as a server does
    with counting_statements() as statements:
        response = client.get(url)
    assert response.status_code == 200
    return len(statements), len(listed_names(response.get_data(as_text=True)))


@pytest.mark.parametrize("role", ["coordinator", "management", "liaison_a"])
def test_a_page_of_twenty_costs_as_many_statements_as_a_page_of_two(world, login, role):
    client = login(world.users[role])
    add_organisations(0, 2)
    few, shown_few = statements_for_page(client, "/organisations?country=KZ")
    add_organisations(2, 32)
    many, shown_many = statements_for_page(client, "/organisations?country=KZ")
    assert (shown_few, shown_many) == (2, 20)
    assert many == few
    assert many <= 6  # user, unread notifications (the navigation), countries for the filter, count, page, contacts

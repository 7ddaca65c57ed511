"""Exports load what they show in a fixed number of queries, however many rows."""

import pytest

from partnership.extensions import db
from tests.factories import AgreementFactory, ContactFactory, OrganisationFactory
from tests.statements import counting_statements
from tests.visits.factories import ParticipantFactory, VisitFactory


def selects(client, url) -> int:
    db.session.expire_all()
    with counting_statements(selects_only=True) as statements:
        assert client.get(url).status_code == 200
    return len(statements)


def grow(world, n):
    for _ in range(n):
        organisation = OrganisationFactory()
        ContactFactory(organisation=organisation)
        AgreementFactory(parties=[organisation, world.ministry]).parent = world.agreement_a
        visit = VisitFactory(organisations=[organisation, world.org_a], agreements=[world.agreement_a])
        ParticipantFactory(visit=visit, organisation=organisation)
        ParticipantFactory(visit=world.exports_visit_a, organisation=world.org_a)
    db.session.commit()


@pytest.mark.parametrize(
    "url",
    [
        "/exports/organisations.csv",
        "/exports/agreements.csv",
        "/exports/visits.xlsx",
        "/exports/visits/{visit}/participants.csv",
    ],
)
def test_no_query_per_row(world, coordinator_client, url):
    url = url.format(visit=world.exports_visit_a.id)
    grow(world, 2)
    few = selects(coordinator_client, url)
    grow(world, 6)
    assert selects(coordinator_client, url) == few

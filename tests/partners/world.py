"""Objects the organisation routes' access rows need beyond the shared world."""

from datetime import UTC, datetime

from tests.factories import OrganisationFactory


def extend(w):
    # The shared world gives each university one contact.
    w.contact_a = w.org_a.contacts[0]
    w.contact_b = w.org_b.contacts[0]
    w.archived_org = OrganisationFactory(
        name="Closed Institute of Mining", country="KZ", archived_at=datetime(2024, 1, 1, tzinfo=UTC)
    )

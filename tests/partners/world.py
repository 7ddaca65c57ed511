"""Objects the organisation routes' access rows need beyond the shared world."""
from datetime import datetime, timezone

from tests.factories import ContactFactory, OrganisationFactory


def extend(w):
    w.contact_a = ContactFactory(organisation=w.org_a, name="Dilnoza Karimova")
    w.contact_b = ContactFactory(organisation=w.org_b, name="Bat-Erdene Dorj")
    w.archived_org = OrganisationFactory(
        name="Closed Institute of Mining", country="KZ", archived_at=datetime(2024, 1, 1, tzinfo=timezone.utc)
    )

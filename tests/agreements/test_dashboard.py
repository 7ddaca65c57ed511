"""The start page: agreement counts by status linking to the list, what expires soon, a liaison's own."""

import re
from datetime import timedelta

from partnership.agreements.models import AgreementStatus
from tests.factories import AgreementFactory


def counts_on(page: str) -> dict[str, int]:
    return {
        status: int(count)
        for status, count in re.findall(
            r'data-status="(\w+)" href="/agreements\?status=\w+">\s*<span class="fs-4">(\d+)</span>', page
        )
    }


def test_staff_see_counts_linking_to_the_filtered_list(world, coordinator_client, today):
    AgreementFactory(reference="SOON", expires_on=today + timedelta(days=5), parties=[world.org_b])
    AgreementFactory(reference="DRAFT", signed_on=None, parties=[world.org_a])
    page = coordinator_client.get("/").get_data(as_text=True)
    assert counts_on(page) == {"draft": 1, "active": 2, "expiring": 1, "expired": 0, "terminated": 0}
    for status in AgreementStatus:
        assert f'href="/agreements?status={status.value}"' in page
    assert "SOON" in page  # in the expiring list


def test_the_expiring_list_is_short_and_links_to_the_rest(world, coordinator_client, today):
    for n in range(12):
        AgreementFactory(reference=f"SOON-{n:02d}", expires_on=today + timedelta(days=n), parties=[world.org_a])
    page = coordinator_client.get("/").get_data(as_text=True)
    assert "SOON-09" in page and "SOON-10" not in page
    assert "2 more" in page


def test_a_liaison_sees_their_organisation_and_only_its_agreements(world, liaison_a_client, today):
    AgreementFactory(reference="B-SOON", expires_on=today + timedelta(days=5), parties=[world.org_b])
    AgreementFactory(reference="A-SOON", expires_on=today + timedelta(days=5), parties=[world.org_a])
    page = liaison_a_client.get("/").get_data(as_text=True)
    assert "University of Geological Sciences" in page
    assert "AG-A" in page and "A-SOON" in page
    assert "AG-B" not in page and "B-SOON" not in page
    assert counts_on(page) == {"draft": 0, "active": 1, "expiring": 1, "expired": 0, "terminated": 0}

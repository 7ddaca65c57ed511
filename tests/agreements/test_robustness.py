"""Addresses and arguments no form would send: answered with 404 or a message, never a 500."""

import pytest

HUGE = "99999999999999999999"  # beyond a database integer: the driver would raise


@pytest.mark.parametrize(
    ("url", "status"),
    [
        (f"/agreements?page={HUGE}", 404),
        ("/agreements?page=-1", 200),
        ("/agreements?page=0", 200),
        (f"/agreements?expiring_within={HUGE}", 200),
        (f"/agreements?party={HUGE}", 200),
        (f"/agreements/{HUGE}", 404),
        (f"/agreements/{HUGE}/edit", 404),
        ("/agreements/{a}/attachments/" + HUGE, 404),
        (f"/agreements/{HUGE}/attachments/1", 404),
    ],
)
def test_get(world, admin_client, url, status):
    assert admin_client.get(url.format(a=world.agreement_a.id)).status_code == status


@pytest.mark.parametrize(
    "url",
    [
        f"/agreements/{HUGE}/amendments",
        f"/agreements/{HUGE}/renewals",
        f"/agreements/{HUGE}/terminate",
        f"/agreements/{HUGE}/attachments",
        "/agreements/{a}/attachments/" + HUGE + "/delete",
    ],
)
def test_post(world, admin_client, url):
    assert admin_client.post(url.format(a=world.agreement_a.id)).status_code == 404


def test_huge_choices_in_the_form(world, admin_client):
    data = {"reference": "X", "title": "Y", "kind": "mou", "parent_id": HUGE, "parties-0-organisation_id": HUGE}
    page = admin_client.post("/agreements/new", data=data)
    assert page.status_code == 200
    assert "Not a valid choice" in page.get_data(as_text=True)

"""The foundation's journeys in Chromium: a coordinator records an organisation and a
three-party agreement and finds it in the list; a liaison sees only what their
organisation may see."""

from playwright.sync_api import expect

from tests.factories import PASSWORD


def test_coordinator_records_an_organisation_and_a_three_party_agreement(page, world, sign_in_as):
    sign_in_as("coordinator", PASSWORD)
    page.get_by_role("link", name="Organisations").first.click()
    page.get_by_role("link", name="New organisation").click()
    page.get_by_label("Name", exact=True).fill("Osh Technological University")
    page.get_by_label("Name in Russian").fill("Ошский технологический университет")
    page.get_by_label("Kind").select_option("university")
    page.get_by_label("Country").select_option("KG")
    page.get_by_label("City — English").fill("Osh")
    page.get_by_role("button", name="Save").click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("Osh Technological University")

    page.get_by_role("link", name="Organisations").first.click()
    page.get_by_label("Search").fill("ошский")
    page.get_by_role("button", name="Search").click()
    expect(page.locator(".organisation-name")).to_have_text(["Osh Technological University"])

    page.get_by_role("link", name="Agreements").first.click()
    page.get_by_role("link", name="New agreement").click()
    page.get_by_label("Reference number").fill("FR-KG-UZ-2024/07")
    page.get_by_label("Title — English").fill("Agreements of the First International Forum of Rectors")
    page.get_by_label("Kind").select_option("framework")
    page.get_by_label("Concluded on").fill("2024-10-18")
    page.get_by_label("In force from").fill("2024-10-18")
    page.get_by_label("Expires on").fill("2029-10-17")
    rows = page.locator("[data-party-row]")
    for index, (organisation, signatory) in enumerate(
        [
            ("Osh Technological University (KG)", "Rector of OshTU"),
            ("University of Geological Sciences (UZ)", "Rector of UGS"),
            ("Ministry of Higher Education (UZ)", "Minister"),
        ]
    ):
        row = rows.nth(index)
        row.get_by_label("Organisation").fill(organisation)
        row.get_by_label("Signatory", exact=True).fill(signatory)
    page.get_by_role("button", name="Save").click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("First International Forum of Rectors")
    expect(page.get_by_role("main")).to_contain_text("FR-KG-UZ-2024/07")
    for name in ("Osh Technological University", "University of Geological Sciences", "Ministry of Higher Education"):
        expect(page.get_by_role("main")).to_contain_text(name)

    page.get_by_role("link", name="Agreements").first.click()
    page.get_by_label("Search").fill("rectors")
    page.get_by_role("button", name="Filter").click()
    expect(page.get_by_role("main")).to_contain_text("FR-KG-UZ-2024/07")
    expect(page.get_by_role("main")).not_to_contain_text("AG-B")


def test_liaison_sees_only_what_their_organisation_may_see(page, world, sign_in_as, live_server):
    sign_in_as("liaison.a", PASSWORD)
    nav = page.get_by_role("navigation", name="Main navigation")
    expect(nav.get_by_role("link", name="Accounts")).to_have_count(0)

    page.get_by_role("link", name="Agreements").first.click()
    expect(page.get_by_role("main")).to_contain_text("AG-A")
    expect(page.get_by_role("main")).not_to_contain_text("AG-B")
    expect(page.get_by_role("link", name="New agreement")).to_have_count(0)

    page.get_by_role("link", name="Organisations").first.click()
    expect(page.get_by_role("link", name="University of Geological Sciences")).to_be_visible()
    expect(page.get_by_text("Mongolian State University")).to_be_visible()
    expect(page.get_by_role("link", name="Mongolian State University")).to_have_count(0)

    response = page.goto(f"/organisations/{world.org_b.id}")
    assert response.status == 404
    response = page.goto(f"/agreements/{world.agreement_b.id}")
    assert response.status == 404
    response = page.goto("/admin/users")
    assert response.status == 403

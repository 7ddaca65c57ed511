"""A lookup field in Chromium, at phone size: typing shows the app's suggestions, choosing one
ticks it, and the visit is saved with it."""

from playwright.sync_api import expect

from tests.factories import PASSWORD


def test_a_coordinator_chooses_visiting_organisations_from_suggestions(page, world, sign_in_as):
    page.set_viewport_size({"width": 375, "height": 812})
    sign_in_as("coordinator", PASSWORD)
    page.goto("/visits/new")
    page.get_by_label("Title — English").fill("Lookup journey")
    page.get_by_label("First day").fill("2031-06-24")
    page.get_by_label("Last day").fill("2031-06-25")
    box = page.get_by_label("Visiting organisations")
    box.press_sequentially("mongol")
    expect(page.locator("#organisation_ids-suggestions option")).to_have_count(1)
    expect(page.locator("#organisation_ids-suggestions option")).to_have_attribute(
        "value", "Mongolian State University (MN)"
    )
    box.fill("Mongolian State University (MN)")  # what choosing the suggestion puts in the box
    expect(page.get_by_label("Mongolian State University (MN)")).to_be_checked()
    expect(box).to_have_value("")
    box.press_sequentially("geological")
    expect(page.locator("#organisation_ids-suggestions option")).to_have_attribute(
        "value", "University of Geological Sciences (UZ)"
    )
    box.fill("University of Geological Sciences (UZ)")
    expect(page.get_by_label("University of Geological Sciences (UZ)")).to_be_checked()
    page.get_by_role("button", name="Save").click()
    main = page.get_by_role("main")
    expect(main).to_contain_text("Lookup journey")
    expect(main).to_contain_text("Mongolian State University")
    expect(main).to_contain_text("University of Geological Sciences")

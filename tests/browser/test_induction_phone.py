"""At 375 px (a phone), a participant opens their personal induction link, reads the mine's
material, answers, is told which answer was wrong, answers again and passes; no page is wider
than the screen."""

from playwright.sync_api import expect

from partnership.extensions import db
from tests.induction.factories import link_of, planned_participant, required_site

PHONE = {"width": 375, "height": 812}


def _width(page) -> int:
    return page.evaluate("document.documentElement.scrollWidth")


def test_a_participant_takes_the_induction_on_a_phone(browser, live_server, app, world):
    site = required_site(name="Kalmakyr open-pit mine")
    token = link_of(planned_participant(site, full_name="Dilnoza Karimova"))
    db.session.commit()
    context = browser.new_context(base_url=live_server, locale="en-GB", viewport=PHONE, is_mobile=True, has_touch=True)
    context.set_default_timeout(15_000)
    page = context.new_page()
    try:
        page.goto(f"/induction/{token}")
        expect(page.get_by_role("main")).to_contain_text("Dilnoza Karimova")
        assert _width(page) <= PHONE["width"]
        page.get_by_role("link", name="Read and answer").click()
        expect(page.locator("[data-induction-material]")).to_contain_text("Wear your helmet")
        assert _width(page) <= PHONE["width"]
        page.get_by_label("Lunch").check()
        page.get_by_label("The guide").check()
        page.get_by_role("button", name="Send my answers").click()
        expect(page.locator("[data-induction-wrong]")).to_contain_text("questions 1")
        page.get_by_label("A blast follows").check()
        page.get_by_label("The guide").check()
        page.get_by_role("button", name="Send my answers").click()
        expect(page.locator("[data-induction-site]")).to_contain_text("Passed on")
        assert _width(page) <= PHONE["width"]
    finally:
        context.close()

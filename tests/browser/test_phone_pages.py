"""At 375 px (a phone), the programme page and the import preview fit the screen: nothing
wider than the viewport (a table scrolls inside its own labelled region), and the import
preview's problems come before the columns a phone would have to scroll to."""

from datetime import datetime, time, timedelta

from playwright.sync_api import expect

from partnership.core import clock
from partnership.extensions import db
from tests.factories import PASSWORD
from tests.programme.factories import ItineraryItemFactory, visit_with
from tests.sites.factories import SiteFactory

PHONE = {"width": 375, "height": 812}


def _phone_page(browser, live_server, username: str, target: str):
    context = browser.new_context(base_url=live_server, locale="en-GB", viewport=PHONE, is_mobile=True, has_touch=True)
    context.set_default_timeout(15_000)
    page = context.new_page()
    page.goto(f"/login?next={target}")
    page.get_by_label("Username").fill(username)
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Sign in").click()
    page.wait_for_url(f"**{target}")
    return context, page


def _width(page) -> int:
    return page.evaluate("document.documentElement.scrollWidth")


def test_the_programme_page_fits_a_phone(browser, live_server, app, world):
    day = clock.today() + timedelta(days=3)
    visit = visit_with(4, title="Study visit with a rather long title of the delegation", starts_on=day, ends_on=day)
    site = SiteFactory(name="AMMC Training Center — Engineering School")
    ItineraryItemFactory(
        visit=visit,
        site=site,
        activity="Opening of the branch of the department “Mining Operations and Technologies”",
        meeting_point="Metallurg Cultural Palace, main entrance",
        starts_at=datetime.combine(day, time(9)),
        ends_at=datetime.combine(day, time(11)),
    )
    db.session.commit()
    target = f"/visits/{visit.id}/programme"
    context, page = _phone_page(browser, live_server, "coordinator", target)
    try:
        expect(page.get_by_role("main")).to_contain_text("Opening of the branch")
        print(f"\nprogramme page at 375 px: scrollWidth {_width(page)}")
        assert _width(page) <= PHONE["width"]
    finally:
        context.close()


def test_the_import_preview_fits_a_phone_and_shows_the_problems(browser, live_server, app, world, tmp_path):
    target = f"/visits/{world.visit_a.id}/participants/import"
    context, page = _phone_page(browser, live_server, "liaison.a", target)
    try:
        upload = tmp_path / "people.csv"
        upload.write_text(
            "Full name;Nationality;Date of birth;Document number;Email\n"
            "Aziz Rahimov;UZ;01.02.2003;AB1234567;aziz@example.org\n"
            "Someone Without A Date;XX;31.02.2003;;not-an-email\n",
            encoding="utf-8",
        )
        page.get_by_label("CSV or Excel file").set_input_files(str(upload))
        page.get_by_role("button", name="Check the file").click()
        page.wait_for_url("**/participants/import/*")
        print(f"\nimport preview at 375 px: scrollWidth {_width(page)}")
        assert _width(page) <= PHONE["width"]
        problems = page.locator("tbody tr.table-danger td.import-problems").first
        expect(problems).to_be_visible()
        box = problems.bounding_box()
        assert box is not None and box["x"] + min(box["width"], 80) <= PHONE["width"], box  # seen without scrolling
    finally:
        context.close()

"""At 375 px (a phone), the programme page and the import preview fit the screen: nothing
wider than the viewport (a table scrolls inside its own labelled region), and the import
preview's problems come before the columns a phone would have to scroll to."""

from datetime import datetime, time, timedelta

import pytest
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


# The innermost elements reaching past the screen's right edge (outside any scrolling region):
# what a failure names, so that it says what to fix.
WIDEST = """() => {
  const edge = document.documentElement.clientWidth;
  const inScroller = (e) => { for (let p = e.parentElement; p; p = p.parentElement) {
    const o = getComputedStyle(p).overflowX; if (o === 'auto' || o === 'scroll') return true; } return false; };
  return [...document.querySelectorAll('body *')]
    .filter((e) => e.getBoundingClientRect().right > edge + 1 && !inScroller(e)
      && ![...e.children].some((c) => c.getBoundingClientRect().right > edge + 1))
    .slice(0, 3)
    .map((e) => e.tagName.toLowerCase() + (e.id ? '#' + e.id : '')
      + (e.className ? '.' + String(e.className).trim().split(/\\s+/).join('.') : '')
      + ' "' + (e.textContent || '').trim().slice(0, 40) + '"');
}"""


# Controls smaller than WCAG 2.2's minimum target (24 × 24 CSS px), text links in a sentence aside.
SMALL_TARGETS = """() => {
  const controls = 'main .btn, main button, main select, main input:not([type=hidden]), nav .btn, nav button';
  return [...document.querySelectorAll(controls)]
    .filter((e) => !e.closest('.visually-hidden'))
    .filter((e) => { const r = e.getBoundingClientRect(); return r.width > 0 && (r.width < 24 || r.height < 24); })
    .slice(0, 3)
    .map((e) => e.tagName.toLowerCase() + (e.name ? '[name=' + e.name + ']' : '')
      + ' "' + (e.textContent || e.value || '').trim().slice(0, 30) + '"');
}"""


def _widest(page) -> str:
    return ", ".join(page.evaluate(WIDEST))


def _html_pages_for(role: str) -> list[str]:
    """The access table's GET pages that answer ``role`` 200, as URLs of the world; files
    (PDF, CSV, XLSX, calendars, images) are sorted out by their content type when fetched."""
    from tests.test_access_table import ROWS

    return sorted({row.url for row in ROWS if row.method == "GET" and row.expect[role] == 200})


@pytest.mark.parametrize("role", ["anonymous", "admin", "coordinator", "liaison_a", "management", "guide"])
def test_every_page_a_role_reaches_fits_a_phone(browser, live_server, app, world, role):
    """Every page of the route × role table that ``role`` may open, at 375 px: nothing wider
    than the screen (``scrollWidth``), as issue 10 asks of every page each role can reach."""
    db.session.commit()
    context = browser.new_context(base_url=live_server, locale="en-GB", viewport=PHONE, is_mobile=True, has_touch=True)
    context.set_default_timeout(15_000)
    page = context.new_page()
    too_wide, too_small, seen = [], [], 0
    try:
        if role != "anonymous":
            page.goto("/login")
            page.get_by_label("Username").fill(world.users[role].username)
            page.get_by_label("Password").fill(PASSWORD)
            page.get_by_role("button", name="Sign in").click()
            page.wait_for_load_state()
            assert "/login" not in page.url, f"{role} could not sign in"
        for template in _html_pages_for(role):
            url = template.format(w=world)
            answer = context.request.get(url, max_redirects=0)
            if answer.status != 200 or not answer.headers.get("content-type", "").startswith("text/html"):
                continue
            page.goto(url)
            seen += 1
            width = _width(page)
            if width > PHONE["width"]:
                too_wide.append(f"{url}: {width} px ({_widest(page)})")
            small = page.evaluate(SMALL_TARGETS)
            if small:
                too_small.append(f"{url}: {', '.join(small)}")
        print(f"\n{role}: {seen} pages at 375 px, {len(too_wide)} too wide")
        assert seen > 0
        assert not too_wide, f"{role}: pages wider than 375 px: " + "; ".join(too_wide)
        assert not too_small, f"{role}: controls under 24 × 24 px: " + "; ".join(too_small)
    finally:
        context.close()

"""A large document as a job in Chromium, on a desktop and on a phone (375 × 812): the
coordinator asks for a big visit's badges from the visit page, presses the button of the page
that offers to prepare them, follows the progress, and the file downloads when the worker (Celery's
own, in a thread on the tests' in-memory broker) has made it."""

import pytest
from playwright.sync_api import expect

from partnership.extensions import db
from tests.factories import PASSWORD
from tests.reports.conftest import pypdf_text
from tests.reports.factories import ParticipantFactory, VisitFactory

SCREENS = {"desktop": {"width": 1280, "height": 800}, "phone": {"width": 375, "height": 812}}
NAMES = ["Өлзийбаяр Батбаяр", "Oʻktam Gʻulomov", "Çağrı Öztürk", "Лхагва Очир Энхжин"]


@pytest.fixture
def worker(app):
    from celery.contrib.testing.worker import start_worker

    with start_worker(app.extensions["celery"], pool="solo", perform_ping_check=False, shutdown_timeout=10):
        yield


@pytest.mark.parametrize("screen", sorted(SCREENS))
def test_a_large_visits_badges_are_prepared_and_downloaded(browser, live_server, app, world, worker, screen):
    visit = VisitFactory(title="Large excursion", organisations=[world.org_a, world.org_b])
    for name in NAMES:
        ParticipantFactory(visit=visit, organisation=world.org_a, full_name=name)
    db.session.commit()
    saved = app.config["JOB_THRESHOLD_PEOPLE"]
    app.config["JOB_THRESHOLD_PEOPLE"] = 3
    phone = screen == "phone"
    context = browser.new_context(
        base_url=live_server,
        locale="en-GB",
        viewport=SCREENS[screen],
        is_mobile=phone,
        has_touch=phone,
        accept_downloads=True,
    )
    context.set_default_timeout(15_000)
    page = context.new_page()
    try:
        page.goto("/login")
        page.get_by_label("Username").fill(world.users["coordinator"].username)
        page.get_by_label("Password").fill(PASSWORD)
        page.get_by_role("button", name="Sign in").click()
        page.wait_for_load_state()
        page.goto(f"/visits/{visit.id}")
        page.get_by_label("PDF language").first.select_option("ru")
        page.get_by_role("button", name="Name badges").first.click()
        expect(page.get_by_role("heading", level=1)).to_contain_text("Large excursion")
        expect(page.get_by_text("4 people")).to_be_visible()
        with page.expect_download(timeout=60_000) as download_info:
            page.get_by_role("button", name="Prepare the file").click()
            expect(page.locator("[data-job-status]")).to_be_visible()
        download = download_info.value
        assert download.suggested_filename == f"visit-{visit.id}-badges-ru.pdf"
        text = pypdf_text(open(download.path(), "rb").read())
        assert all(name in text for name in NAMES)
        expect(page.locator("[data-job-label]")).to_have_text("Ready")
        expect(page.get_by_role("link", name="Download", exact=True)).to_be_visible()
        width = page.evaluate("document.documentElement.scrollWidth")
        assert width <= SCREENS[screen]["width"], f"the job's page is {width} px wide"
        page.goto("/jobs")
        expect(page.get_by_role("link", name="Download", exact=True)).to_be_visible()
    finally:
        app.config["JOB_THRESHOLD_PEOPLE"] = saved
        context.close()

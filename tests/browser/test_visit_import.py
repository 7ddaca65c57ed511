"""The import page in Chromium: the upload goes by XMLHttpRequest with a progress
bar, and the same page works with JavaScript turned off."""

from playwright.sync_api import expect
from sqlalchemy import select

from partnership.extensions import db
from partnership.visits.models import Participant
from tests.factories import PASSWORD

ROWS = 1500  # a large file: the preview holds every row


def open_import_page(browser, live_server, world, tmp_path, *, javascript=True):
    context = browser.new_context(base_url=live_server, locale="en-GB", java_script_enabled=javascript)
    context.set_default_timeout(15_000)
    page = context.new_page()
    target = f"/visits/{world.visit_a.id}/participants/import"
    page.goto(f"/login?next={target}")
    page.get_by_label("Username").fill("liaison.a")
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Sign in").click()
    page.wait_for_url(f"**{target}")
    return context, page


def big_csv(tmp_path) -> str:
    lines = ["Full name;Nationality;Date of birth"]
    lines += [f"Студент Номер {n};KG;{1 + n % 28:02d}.05.2003" for n in range(ROWS)]
    path = tmp_path / "people.csv"
    path.write_bytes("\r\n".join(lines).encode("cp1251"))
    return str(path)


def test_a_large_file_uploads_with_progress_then_previews(browser, live_server, app, world, tmp_path):
    context, page = open_import_page(browser, live_server, world, tmp_path)
    page.get_by_label("CSV or Excel file").set_input_files(big_csv(tmp_path))
    held = []
    page.route("**/participants/import", lambda route: held.append(route))
    with page.expect_request(lambda r: r.method == "POST" and r.resource_type == "xhr"):
        page.get_by_role("button", name="Check the file").click()
        expect(page.locator("#import-progress")).to_be_visible()
    for _ in range(200):  # the route handler runs when Playwright next dispatches events
        if held:
            break
        page.wait_for_timeout(25)
    held[0].continue_()
    page.wait_for_url("**/participants/import/*")
    expect(page.get_by_role("button", name=f"Import {ROWS} participants")).to_be_visible()
    context.close()


def test_a_refused_file_shows_its_message_on_the_page(browser, live_server, app, world, tmp_path):
    context, page = open_import_page(browser, live_server, world, tmp_path)
    bad = tmp_path / "bad.csv"
    bad.write_bytes(b"Full name\n\x98\x98\xff\n")
    page.get_by_label("CSV or Excel file").set_input_files(str(bad))
    page.get_by_role("button", name="Check the file").click()
    expect(page.locator(".invalid-feedback")).to_contain_text("cannot be read")
    context.close()


def test_without_javascript_the_form_posts_as_usual(browser, live_server, app, world, tmp_path):
    context, page = open_import_page(browser, live_server, world, tmp_path, javascript=False)
    page.get_by_label("CSV or Excel file").set_input_files(big_csv(tmp_path))
    page.get_by_role("button", name="Check the file").click()
    page.wait_for_url("**/participants/import/*")
    expect(page.get_by_role("button", name=f"Import {ROWS} participants")).to_be_visible()
    context.close()


PHONE = {"width": 375, "height": 812}


def test_on_a_phone_the_preview_asks_the_date_order_then_imports(browser, live_server, app, world, tmp_path):
    """03/05/2004 is 3 May or 5 March: the preview asks, at 375 px, and imports only once answered."""
    context = browser.new_context(base_url=live_server, locale="en-GB", viewport=PHONE, is_mobile=True, has_touch=True)
    context.set_default_timeout(15_000)
    page = context.new_page()
    target = f"/visits/{world.visit_a.id}/participants/import"
    page.goto(f"/login?next={target}")
    page.get_by_label("Username").fill("liaison.a")
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Sign in").click()
    page.wait_for_url(f"**{target}")
    upload = tmp_path / "dates.csv"
    upload.write_text(
        "Full name;Date of birth\r\nGroup 1 — Tashkent;\r\n"
        "Bekzod Ergashev;03/05/2004\r\nSevara Nazarova;01/02/2003\r\n",
        encoding="utf-8",
    )
    page.get_by_label("CSV or Excel file").set_input_files(str(upload))
    page.get_by_role("button", name="Check the file").click()
    page.wait_for_url("**/participants/import/*")
    question = page.get_by_role("group", name="Which date order does this file use?")
    expect(question).to_be_visible()
    expect(page.get_by_role("button", name="Import 2 participants")).to_have_count(0)
    expect(page.locator(".import-warning")).to_contain_text("looks like a heading")
    assert page.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]
    month_first = question.get_by_label("Month/day/year", exact=False)
    box = month_first.bounding_box()
    assert box is not None and box["x"] + box["width"] <= PHONE["width"]  # answered without scrolling sideways
    month_first.check()
    page.get_by_role("button", name="Check again").click()
    page.get_by_role("button", name="Import 2 participants").click()
    page.wait_for_url(f"**/visits/{world.visit_a.id}/participants")
    expect(page.get_by_role("main")).to_contain_text("Bekzod Ergashev")
    context.close()
    db.session.rollback()  # see what the server committed
    born = db.session.scalar(select(Participant.date_of_birth).where(Participant.full_name == "Bekzod Ergashev"))
    assert born.isoformat() == "2004-03-05"

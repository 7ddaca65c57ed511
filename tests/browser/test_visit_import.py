"""The import page in Chromium: the upload goes by XMLHttpRequest with a progress
bar, and the same page works with JavaScript turned off."""

from playwright.sync_api import expect

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

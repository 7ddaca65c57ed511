"""Browser tests: the app served on a loopback port from a thread, driven by
Playwright in Debian's Chromium. Without Chromium they skip, except under CI
where a missing browser is a failure. Under pytest-xdist (``--dist loadgroup``)
they all run on one worker, which starts Chromium once."""

import os
import shutil
import threading

import pytest
from werkzeug.serving import make_server

CHROMIUM = os.environ.get("CHROMIUM", "/usr/bin/chromium")
CHROMIUM_FLAGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]


def pytest_collection_modifyitems(items):
    for item in items:
        if "tests/browser/" in str(item.fspath):
            item.add_marker(pytest.mark.browser)
            item.add_marker(pytest.mark.xdist_group("browser"))


@pytest.fixture(scope="session")
def browser():
    if not shutil.which(CHROMIUM):
        if os.environ.get("CI"):
            pytest.fail(f"Chromium is required under CI and is missing at {CHROMIUM}")
        pytest.skip(f"Chromium not installed at {CHROMIUM}")
    from playwright.sync_api import sync_playwright

    playwright = sync_playwright().start()
    browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_FLAGS)
    yield browser
    browser.close()
    playwright.stop()


@pytest.fixture(scope="session")
def live_server(_app):
    server = make_server("127.0.0.1", 0, _app, threaded=True)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_port}"
    server.shutdown()


@pytest.fixture
def page(browser, live_server, app):
    context = browser.new_context(base_url=live_server, locale="en-GB")
    context.set_default_timeout(10_000)
    page = context.new_page()
    yield page
    context.close()


@pytest.fixture
def sign_in_as(page):
    """Sign in through the login form, as a person would."""

    def _sign_in(username: str, password: str):
        page.goto("/login")
        page.get_by_label("Username").fill(username)
        page.get_by_label("Password").fill(password)
        page.get_by_role("button", name="Sign in").click()
        page.wait_for_url("**/")
        return page

    return _sign_in

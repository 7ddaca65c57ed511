"""The pages of each role in Chromium under the app's Content-Security-Policy: no violation is
reported (securitypolicyviolation events), no error reaches the console, and the behaviour that
moved out of inline code (confirmations, the copy button, menus) still works."""

import re

import pytest
from playwright.sync_api import expect

from tests.factories import PASSWORD
from tests.test_access_table import ROWS

USERNAMES = {"admin": "admin", "coordinator": "coordinator", "liaison_a": "liaison.a", "management": "management"}
NOT_PAGES = re.compile(r"\.(pdf|csv|xlsx|ics|js|css)$|<fmt>|/static/|/language/|/logout")
LISTEN = """
window.addEventListener("securitypolicyviolation", (event) => {
  window.reportViolation(JSON.stringify({
    directive: event.effectiveDirective, blocked: event.blockedURI, sample: event.sample,
    source: event.sourceFile + ":" + event.lineNumber, page: location.pathname,
  }));
});
"""


def main_pages(role: str, world) -> list[str]:
    """One address per route the role may open, from the route × role table: the role's pages."""
    urls = {}
    for row in ROWS:
        if row.method == "GET" and row.expect[role] == 200 and not NOT_PAGES.search(row.rule):
            urls.setdefault(row.rule, row.url.format(w=world))
    return list(urls.values())


@pytest.fixture
def watched(browser, live_server):
    """A browser context that records every policy violation, console error and page error."""
    context = browser.new_context(base_url=live_server, locale="en-GB")
    context.set_default_timeout(10_000)
    context.grant_permissions(["clipboard-read", "clipboard-write"], origin=live_server)
    problems: list[str] = []
    context.expose_binding("reportViolation", lambda source, report: problems.append(f"CSP violation {report}"))
    context.add_init_script(LISTEN)
    page = context.new_page()
    page.on("console", lambda m: m.type == "error" and problems.append(f"console error: {m.text} ({page.url})"))
    page.on("pageerror", lambda error: problems.append(f"page error: {error} ({page.url})"))
    yield page, problems
    context.close()


def sign_in(page, role: str) -> None:
    page.goto("/login")
    page.get_by_label("Username").fill(USERNAMES[role])
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Sign in").click()
    page.wait_for_url("**/")


def test_the_policy_is_the_one_the_browser_enforces(watched):
    """A control: an inline style and an inline script put into a page are blocked and reported,
    so a quiet console below means the pages hold none, not that nothing listens."""
    page, problems = watched
    page.goto("/login")
    page.evaluate("""() => {
        const div = document.createElement("div");
        div.innerHTML = '<img src="x.png" onerror="window.ranInline = true"><span style="color: red">x</span>';
        document.body.append(div);
    }""")
    page.wait_for_timeout(300)
    assert page.evaluate("window.ranInline") is None
    reported = "\n".join(problems)
    assert "script-src" in reported and "style-src" in reported, reported


@pytest.mark.parametrize("role", ["admin", "coordinator", "liaison_a", "management"])
def test_the_pages_of_each_role_run_without_a_policy_violation(watched, world, role):
    page, problems = watched
    sign_in(page, role)
    pages = main_pages(role, world)
    assert len(pages) > 10
    for url in pages:
        if not page.request.get(url).headers["content-type"].startswith("text/html"):
            continue  # a download (a scan, a photo): no page to run
        response = page.goto(url)
        assert response.status == 200, f"{url}: {response.status}"
        assert response.headers["content-security-policy"].startswith("default-src 'self'")
        page.wait_for_load_state("load")
    page.goto("/")
    page.locator(".navbar .dropdown-toggle").click()  # Bootstrap's script (Popper places the menu)
    expect(page.get_by_role("link", name="Change password")).to_be_visible()
    assert not problems, "\n".join(problems)


def test_confirmations_and_the_copy_button_work_from_the_static_script(watched, world):
    page, problems = watched
    sign_in(page, "coordinator")
    page.goto(f"/organisations/{world.org_b.id}")
    asked = []
    page.once("dialog", lambda dialog: (asked.append(dialog.message), dialog.dismiss()))
    page.get_by_role("button", name="Archive").click()
    assert asked and "Archive" in asked[0]
    expect(page.get_by_role("button", name="Archive")).to_be_visible()  # dismissed: the form was not sent

    page.goto(f"/visits/{world.feedback_visit.id}/feedback")
    page.once("dialog", lambda dialog: dialog.accept())
    page.get_by_role("button", name="New link").first.click()  # accepted: the form is sent
    copy = page.get_by_role("button", name="Copy").first
    link = page.locator(f"#{copy.get_attribute('data-copy')}").input_value()
    copy.click()
    # The clipboard is written asynchronously: read it again for up to three seconds.
    read = ""
    for _ in range(30):
        read = page.evaluate("navigator.clipboard.readText()")
        if read == link:
            break
        page.wait_for_timeout(100)
    assert read == link
    assert not problems, "\n".join(problems)

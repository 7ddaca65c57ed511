from playwright.sync_api import expect

from tests.factories import PASSWORD


def test_sign_in_see_the_session_and_sign_out_everywhere(page, browser, live_server, world, sign_in_as):
    other = browser.new_context(base_url=live_server, locale="en-GB")
    elsewhere = other.new_page()
    elsewhere.goto("/login")
    elsewhere.get_by_label("Username").fill("coordinator")
    elsewhere.get_by_label("Password").fill(PASSWORD)
    elsewhere.get_by_role("button", name="Sign in").click()
    elsewhere.wait_for_url("**/")

    sign_in_as("coordinator", PASSWORD)
    page.get_by_role("button", name="Coordinator").click()  # the account menu
    page.get_by_role("link", name="Sessions").click()  # the menu's entry
    expect(page.get_by_role("heading", level=1)).to_have_text("Your sessions")
    page.get_by_role("main").get_by_role("link", name="Password").click()  # the account's tabs
    page.get_by_role("main").get_by_role("link", name="Sessions").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Your sessions")
    rows = page.locator("tr[data-session-id]")
    expect(rows).to_have_count(2)
    expect(page.locator("tr.table-primary")).to_contain_text("This browser")
    expect(page.locator("tr.table-primary")).to_contain_text("Chrome")
    expect(page.locator("tr.table-primary")).to_contain_text("127.0.0.1")

    page.once("dialog", lambda dialog: dialog.accept())
    page.get_by_role("button", name="Sign out everywhere").click()
    page.wait_for_url("**/login")
    expect(page.locator(".alert")).to_contain_text("You are signed out everywhere.")
    page.goto("/account/sessions")
    expect(page).to_have_url(f"{live_server}/login?next=%2Faccount%2Fsessions")

    elsewhere.goto("/")
    expect(elsewhere).to_have_url(f"{live_server}/login?next=%2F")
    other.close()

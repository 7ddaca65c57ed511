from playwright.sync_api import expect

from tests.factories import PASSWORD


def test_wrong_password_then_right_one(page, world, sign_in_as):
    page.goto("/login")
    page.get_by_label("Username").fill("coordinator")
    page.get_by_label("Password").fill("not-the-password")
    page.get_by_role("button", name="Sign in").click()
    expect(page.locator(".invalid-feedback")).to_contain_text("wrong password")
    sign_in_as("coordinator", PASSWORD)
    expect(page.get_by_role("heading", level=1)).to_contain_text("Welcome")


def test_language_switcher_translates_the_sign_in_page(page, world):
    page.goto("/login")
    page.get_by_role("link", name="Рус").click()
    expect(page.locator("html")).to_have_attribute("lang", "ru")

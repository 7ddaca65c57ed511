"""The visits issue's journey in Chromium, as the people concerned would walk it:
a liaison requests a visit and imports an Excel list (a bad row first, then the
fixed file) and submits; a coordinator approves, plans the programme, meets a
safety refusal, fixes the plan and confirms; the liaison reads the programme."""

from datetime import timedelta
from urllib.parse import urlsplit

from openpyxl import Workbook
from playwright.sync_api import expect

from partnership.core import clock
from partnership.extensions import db
from partnership.sites.models import SiteKind
from tests.factories import PASSWORD
from tests.sites.factories import GuideFactory, SiteFactory

HEADER = ["Full name", "Role", "Nationality", "Date of birth", "Email"]
PEOPLE = [
    ["Lkhagva Ochir Enkhjin", "student", "MN", "2003-04-12", "enkhjin@example.mn"],
    ["Oʻktam Gʻulomov", "student", "UZ", "2002-11-30", "oktam@example.uz"],
    ["Айбек Мамытов", "lead", "KG", "1985-02-01", "aibek@example.kg"],
]


def excel(path, rows):
    book = Workbook()
    sheet = book.active
    sheet.append(HEADER)
    for row in rows:
        sheet.append(row)
    book.save(path)
    return str(path)


def take_step(page, label):
    """Open a 'next step' of the visit and press its button."""
    step = page.locator("details", has=page.locator("summary", has_text=label))
    step.locator("summary").click()
    step.get_by_role("button", name=label).click()


def sign_in(page, username):
    page.context.clear_cookies()
    page.goto("/login")
    page.get_by_label("Username").fill(username)
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Sign in").click()
    page.wait_for_url("**/")


def test_request_import_approve_plan_confirm_and_read(page, world, tmp_path):
    museum = SiteFactory(name="AMMC Honorary History Museum", kind=SiteKind.museum, capacity=60)
    GuideFactory(name="Nilufar Saidova", sites=[museum])
    db.session.commit()
    day = clock.today() + timedelta(days=30)

    # The liaison requests the visit and imports the delegation from Excel.
    sign_in(page, "liaison.a")
    page.get_by_role("link", name="New visit request").first.click()
    page.get_by_label("Title — English").fill("Industrial excursion of UGS students")
    page.get_by_label("First day").fill(day.isoformat())
    page.get_by_label("Last day").fill(day.isoformat())
    page.get_by_role("button", name="Save").click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("Industrial excursion of UGS students")

    page.get_by_role("link", name="All participant details").click()
    page.get_by_role("link", name="Import from a file").click()
    bad = [*PEOPLE[:2], ["Айбек Мамытов", "lead", "KG", "31.02.1985", "aibek@example.kg"]]
    page.get_by_label("CSV or Excel file").set_input_files(excel(tmp_path / "bad.xlsx", bad))
    page.get_by_role("button", name="Check the file").click()
    expect(page.get_by_role("main")).to_contain_text("Айбек Мамытов")
    expect(page.get_by_role("main")).to_contain_text("31.02.1985")
    expect(page.get_by_role("button", name="Import 3 participants")).to_have_count(0)

    page.get_by_role("button", name="Discard").click()
    page.get_by_role("link", name="Import from a file").click()
    page.get_by_label("CSV or Excel file").set_input_files(excel(tmp_path / "fixed.xlsx", PEOPLE))
    page.get_by_role("button", name="Check the file").click()
    page.get_by_role("button", name="Import 3 participants").click()
    for name, *_ in PEOPLE:
        expect(page.get_by_role("main")).to_contain_text(name)

    page.get_by_role("link", name="Industrial excursion of UGS students").first.click()
    take_step(page, "Submit request")
    expect(page.get_by_role("heading", level=1)).to_contain_text("Requested")
    visit_url = page.url

    # The coordinator approves, meets the mine's safety rules, plans the museum, confirms.
    sign_in(page, "coordinator")
    page.goto(visit_url)
    take_step(page, "Approve")
    expect(page.get_by_role("heading", level=1)).to_contain_text("Approved")
    page.get_by_role("link", name="Programme").first.click()
    page.get_by_role("link", name="Add an item").click()
    page.get_by_label("Site").first.select_option(label="Kalmakyr mine")
    page.locator("#day").fill(day.isoformat())
    page.get_by_label("Starts at").fill("10:00")
    page.get_by_label("Ends at").fill("12:00")
    page.get_by_label("Activity — English").fill("Mining processes with large-scale equipment")
    page.get_by_label("Leading guide").select_option(label="Bobur Karimov (Kalmakyr mine)")
    page.get_by_role("button", name="Save").click()
    refusal = page.get_by_role("main")
    expect(refusal).to_contain_text("Kalmakyr mine")
    expect(refusal).to_contain_text("Lkhagva Ochir Enkhjin")

    page.get_by_label("Site").first.select_option(label="AMMC Honorary History Museum")
    page.get_by_label("Activity — English").fill("History of the company")
    page.get_by_label("Leading guide").select_option(label="Nilufar Saidova (AMMC Honorary History Museum)")
    page.get_by_role("button", name="Save").click()
    expect(page.get_by_role("main")).to_contain_text("is planned")
    page.goto(visit_url)
    take_step(page, "Confirm")
    expect(page.get_by_role("heading", level=1)).to_contain_text("Confirmed")

    # The liaison sees the confirmed programme.
    sign_in(page, "liaison.a")
    expect(page.get_by_role("main")).to_contain_text("Programme confirmed: ready to download")
    # (earlier journeys may have left other confirmed visits of the same university)
    page.locator(f'a[href$="{urlsplit(visit_url).path}/programme"]').click()
    expect(page.get_by_role("main")).to_contain_text("History of the company")
    expect(page.get_by_role("main")).to_contain_text("AMMC Honorary History Museum")
    expect(page.get_by_role("main")).to_contain_text("10:00–12:00")

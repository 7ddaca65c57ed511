"""The visit day on a phone (375 × 812) in Chromium: the mine's guide signs in, opens the
scan page and feeds it a photo of a badge's QR code (cut from the badge PDF, its content
read back by zbarimg); the pass shows the clearance, the guide checks the person in and
the roll call lists them. Then a coordinator marks ten people's PPE at once."""

import shutil
import subprocess

import pytest
from PIL import Image
from playwright.sync_api import expect
from reportlab.lib.pagesizes import A4

from partnership.extensions import db
from partnership.reports import badges, documents
from partnership.reports.access import Document
from partnership.visits.models import VisitStatus
from tests.factories import PASSWORD
from tests.visits.factories import ParticipantFactory, VisitFactory

PHONE = {"width": 375, "height": 812}
DPI = 200


def _sign_in(page, username: str, lands_on: str) -> None:
    page.goto("/login")
    page.get_by_label("Username").fill(username)
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Sign in").click()
    page.wait_for_url(f"**{lands_on}")


def _fits_the_phone(page) -> None:
    width = page.evaluate("document.documentElement.scrollWidth")
    assert width <= PHONE["width"], f"{page.url} is {width} px wide on a {PHONE['width']} px screen"


def _first_badge_qr(pdf: bytes, tmp_path) -> tuple:
    """The first badge's QR code cut from the rendered sheet, and what zbarimg reads in it."""
    (tmp_path / "badges.pdf").write_bytes(pdf)
    subprocess.run(  # noqa: S603  (fixed arguments, a file the test wrote)
        ["pdftoppm", "-r", str(DPI), "-png", "-f", "1", "-l", "1", "-singlefile", "badges.pdf", "sheet"],
        cwd=tmp_path,
        check=True,
    )
    scale = DPI / 72
    margin_x = (A4[0] - badges.COLUMNS * badges.BADGE_W) / 2
    margin_y = (A4[1] - badges.ROWS * badges.BADGE_H) / 2
    left = margin_x + badges.BADGE_W - badges.PAD - badges.QR_SIZE
    bottom = margin_y + badges.BADGE_H - badges.PAD  # the QR's lower edge, from the sheet's top
    quiet = 4 * 72 / 25.4
    box = (left - quiet, bottom - badges.QR_SIZE - quiet, left + badges.QR_SIZE + quiet, bottom + quiet)
    crop = tmp_path / "qr.png"
    Image.open(tmp_path / "sheet.png").crop(tuple(round(v * scale) for v in box)).save(crop)
    read = subprocess.run(  # noqa: S603
        ["zbarimg", "--quiet", "--raw", str(crop)], capture_output=True, text=True, check=True
    ).stdout.split()
    return crop, read


@pytest.mark.skipif(not (shutil.which("pdftoppm") and shutil.which("zbarimg")), reason="poppler-utils, zbar-tools")
def test_a_guide_scans_a_badge_checks_the_person_in_and_finds_them_on_the_roll_call(
    browser, live_server, app, world, monkeypatch, tmp_path
):
    monkeypatch.setitem(app.config, "BASE_URL", live_server)  # the badge names the server the phone reaches
    pdf = documents.render_visit_document(Document.badges, world.gate_visit.id, "en")
    crop, read = _first_badge_qr(pdf, tmp_path)
    person = world.gate_cleared  # first on the sheet: same organisation and role, first by name
    assert read == [f"{live_server}/pass/{person.pass_token}"]

    context = browser.new_context(base_url=live_server, locale="en-GB", viewport=PHONE, is_mobile=True, has_touch=True)
    context.set_default_timeout(10_000)
    page = context.new_page()
    try:
        _sign_in(page, "guide", "/gate")
        expect(page.get_by_role("main")).to_contain_text("Open pit tour")
        _fits_the_phone(page)
        page.get_by_role("link", name="Scan badges").click()
        page.wait_for_url("**/gate/scan")
        _fits_the_phone(page)
        page.locator("#gate-photo").set_input_files(str(crop))  # what the camera sees, as a photo
        page.wait_for_url(f"**/pass/{person.pass_token}")

        main = page.get_by_role("main")
        expect(main).to_contain_text("Jasur Cleared")
        expect(main).to_contain_text("Cleared for Gate test pit")
        expect(main).to_contain_text("Protective equipment issued")
        _fits_the_phone(page)
        button = page.get_by_role("button", name="Check in")
        assert button.bounding_box()["height"] >= 48  # a thumb's target
        button.click()
        expect(main).to_contain_text("Jasur Cleared checked in.")
        expect(main).to_contain_text("Already checked in at")

        page.goto("/gate")
        page.get_by_role("link", name="Roll call: Gate test pit").click()
        expect(main).to_contain_text("Here now: 1")
        expect(main).to_contain_text("Jasur Cleared")
        expect(main).not_to_contain_text("Kamola Unequipped")
        _fits_the_phone(page)

        page.goto(f"/pass/{world.gate_unequipped.pass_token}")
        expect(main).to_contain_text("Not cleared for Gate test pit")
        expect(main).to_contain_text("No protective equipment issued")
        expect(page.get_by_role("button", name="Check in")).to_have_count(0)
    finally:
        context.close()


def test_a_coordinator_marks_ten_peoples_ppe_at_once(page, world, sign_in_as):
    visit = VisitFactory(title="Mine group", organisations=[world.org_a], status=VisitStatus.confirmed)
    for n in range(10):
        ParticipantFactory(visit=visit, full_name=f"Miner {n:02d}", ppe_issued=False)
    db.session.commit()
    sign_in_as("coordinator", PASSWORD)
    page.goto(f"/visits/{visit.id}/participants")
    page.get_by_label("Select everyone").check()
    expect(page.locator('input[name="participant_ids"]:checked')).to_have_count(10)
    page.get_by_label("Mark the selected people").select_option(label="Protective equipment issued")
    page.get_by_role("button", name="Mark selected").click()
    expect(page.get_by_role("main")).to_contain_text("10 participants marked: Protective equipment issued.")
    expect(page.locator("td .badge", has_text="PPE")).to_have_count(10)


def test_a_coordinator_at_the_gate_puts_a_photo_on_a_pass_from_the_phone(browser, live_server, world, tmp_path):
    photo = tmp_path / "face.jpg"
    Image.new("RGB", (1200, 1600), (150, 110, 80)).save(photo, "JPEG")
    context = browser.new_context(base_url=live_server, locale="en-GB", viewport=PHONE, is_mobile=True, has_touch=True)
    context.set_default_timeout(10_000)
    page = context.new_page()
    try:
        _sign_in(page, "coordinator", "/")
        page.goto(f"/pass/{world.gate_cleared.pass_token}")
        main = page.get_by_role("main")
        expect(main).to_contain_text("No photo on this pass.")
        page.get_by_role("link", name="Photo on the pass").click()
        page.get_by_label("Photo (JPEG or PNG)").set_input_files(str(photo))
        page.get_by_role("button", name="Save photo").click()
        expect(main).to_contain_text("The photo of Jasur Cleared is on their pass.")
        _fits_the_phone(page)

        page.goto(f"/pass/{world.gate_cleared.pass_token}")
        image = page.get_by_role("img", name="Photo of Jasur Cleared")
        expect(image).to_be_visible()
        assert image.evaluate("img => img.complete && img.naturalWidth") == 360
        _fits_the_phone(page)
    finally:
        context.close()

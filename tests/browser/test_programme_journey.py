"""The coordinator's journey in Chromium: plan the mine for a delegation, read the
refusal that names the person and the rule, fix the group, record who came."""

from datetime import date, timedelta

from playwright.sync_api import expect

from partnership.core import clock
from partnership.extensions import db
from tests.factories import PASSWORD
from tests.programme.factories import visit_with
from tests.visits.factories import ParticipantFactory


def test_coordinator_plans_the_mine_and_records_attendance(page, world, sign_in_as):
    yesterday = clock.today() - timedelta(days=1)
    visit = visit_with(3, title="Excursion of UGS", organisations=[world.org_a], starts_on=yesterday, ends_on=yesterday)
    ParticipantFactory(
        visit=visit,
        organisation=world.org_a,
        full_name="Ali Valiyev",
        date_of_birth=date(yesterday.year - 17, 1, 1),
        medical_clearance=True,
        ppe_issued=True,
    )
    db.session.commit()

    sign_in_as("coordinator", PASSWORD)
    page.goto(f"/visits/{visit.id}/programme")
    page.get_by_role("link", name="Add an item").click()
    page.get_by_label("Site").first.select_option(label="Kalmakyr mine")
    page.get_by_label("Starts at").fill("09:00")
    page.get_by_label("Ends at").fill("11:00")
    page.get_by_label("Activity — English").fill("Mining processes with large-scale equipment")
    page.get_by_label("Leading guide").select_option(label="Bobur Karimov (Kalmakyr mine)")
    page.get_by_role("button", name="Save").click()
    expect(page.get_by_role("main")).to_contain_text("Kalmakyr mine requires age 18+: Ali Valiyev (17).")

    page.get_by_label("Ali Valiyev").uncheck()
    page.get_by_role("button", name="Save").click()
    expect(page.get_by_role("main")).to_contain_text(
        "Mining processes with large-scale equipment at Kalmakyr mine is planned."
    )
    expect(page.get_by_role("main")).to_contain_text("09:00–11:00")

    page.get_by_role("link", name="Attendance", exact=True).click()
    page.get_by_label(f"{visit.title} person 2").uncheck()
    page.get_by_role("button", name="Record attendance").click()
    expect(page.get_by_role("main")).to_contain_text("2 of 3 present")

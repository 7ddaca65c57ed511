"""The demo's day at the gate: guide.kalmakyr finds today's UGS group at the mine, cleared."""

from sqlalchemy import select

from partnership.accounts.models import User
from partnership.core import clock
from partnership.demo.visits import gate_day
from partnership.extensions import db
from partnership.programme.models import ItineraryItem
from partnership.visits.models import Visit, VisitStatus
from tests.conftest import sign_in


def test_the_demo_guide_meets_todays_group_at_the_mine(app, client):
    assert app.test_cli_runner().invoke(args=["demo", "load"]).exit_code == 0
    visit = db.session.scalar(select(Visit).where(Visit.title.like("UGS mining students%")))
    assert visit.status is VisitStatus.confirmed and visit.starts_on == gate_day(clock.today())
    item = db.session.scalar(select(ItineraryItem).where(ItineraryItem.visit_id == visit.id))
    assert item.site.name == "Kalmakyr mine" and item.guide.name == "Rustam Xolmatov"
    assert all(a.checked_in_at is None and a.attended is None for a in item.attendances)
    guide = db.session.scalar(select(User).where(User.username == "guide.kalmakyr"))
    assert guide.guide_id == item.guide_id
    if visit.starts_on != clock.today():  # a Sunday: the mine is closed, the group comes tomorrow
        return
    page = sign_in(client, guide).get("/gate").get_data(as_text=True)
    assert "The open pit from the observation platform" in page and "Shahlo Nazarova" in page
    assert "Protective equipment issued" in page and "No protective equipment issued" not in page

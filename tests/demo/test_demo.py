"""The demo loader: the fixed accounts, agreements in every status, loaded once."""

from datetime import date

from sqlalchemy import func, select

from partnership.accounts.models import User
from partnership.agreements.models import Agreement, AgreementStatus
from partnership.core import clock
from partnership.core.roles import Role
from partnership.extensions import db


def test_demo_loads_the_fixed_accounts_and_every_agreement_status(app):
    runner = app.test_cli_runner()
    result = runner.invoke(args=["demo", "load"])
    assert result.exit_code == 0, result.output
    users = {u.username: u for u in db.session.scalars(select(User))}
    assert set(users) == {
        "admin",
        "coordinator",
        "management",
        "liaison.ugs",
        "liaison.msu",
        "liaison.osh",
        "guide.kalmakyr",
    }
    guide = users["guide.kalmakyr"]
    assert guide.role is Role.guide and guide.full_name == "Rustam Xolmatov" and guide.guide_id is not None
    assert users["liaison.msu"].role is Role.liaison
    assert users["liaison.msu"].organisation.name == "Mongolian State University"
    assert all(u.check_password("partnership-demo-2025") for u in users.values())
    window = app.config["AGREEMENT_EXPIRY_WINDOW_DAYS"]
    statuses = {a.status(clock.today(), window) for a in db.session.scalars(select(Agreement))}
    assert statuses == set(AgreementStatus)
    three_party = [a for a in db.session.scalars(select(Agreement)) if len(a.parties) > 2]
    assert three_party, "the demo has a multi-party agreement"


def test_demo_loads_only_into_an_empty_database(app):
    runner = app.test_cli_runner()
    assert runner.invoke(args=["demo", "load"]).exit_code == 0
    again = runner.invoke(args=["demo", "load", "--if-empty"])
    assert again.exit_code == 0 and "not loaded" in again.output
    assert runner.invoke(args=["demo", "load"]).exit_code != 0
    assert db.session.scalar(select(func.count(User.id))) == 7


def test_demo_accounts_lists_them(app):
    output = app.test_cli_runner().invoke(args=["demo", "accounts"]).output
    assert "liaison.osh" in output and "Osh Technological University" in output and "partnership-demo-2025" in output
    assert "guide.kalmakyr" in output and "Rustam Xolmatov" in output


def test_demo_tells_the_june_2025_visit(app):
    from partnership.visits.models import Visit, VisitStatus

    assert app.test_cli_runner().invoke(args=["demo", "load"]).exit_code == 0
    visits = list(db.session.scalars(select(Visit)))
    scenario = next(v for v in visits if v.starts_on == date(2025, 6, 24))
    assert scenario.ends_on == date(2025, 6, 25) and scenario.status is VisitStatus.completed
    assert {o.short_name for o in scenario.organisations} == {"UGS", "MSU", "OshTU"}
    assert {a.reference for a in scenario.agreements} >= {"MoU-UZ-MN-2025/01", "CA-EDU-UZ-MN-2025", "FR-KG-UZ-2024/07"}
    names = {p.full_name for p in scenario.participants}
    assert {"Riahi Amma Vissal", "Лхагва Очир Энхжин"} <= names
    for organisation in scenario.organisations:
        count = sum(1 for p in scenario.participants if p.organisation_id == organisation.id)
        assert 8 <= count <= 15, (organisation.name, count)
    assert any(v.status is VisitStatus.requested for v in visits)
    assert any(v.starts_on.year == 2024 for v in visits)

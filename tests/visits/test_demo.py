"""The visits demo loader on a context like the demo command's."""

from datetime import date
from types import SimpleNamespace

from partnership.core.roles import Role
from partnership.extensions import db
from partnership.home import liaison
from partnership.text import fold
from partnership.visits.models import VisitStatus
from tests.factories import AgreementFactory, OrganisationFactory, UserFactory


def demo_context():
    orgs = {
        "ugs": OrganisationFactory(name="University of Geological Sciences", short_name="UGS"),
        "msu": OrganisationFactory(name="Mongolian State University", short_name="MSU", country="MN"),
        "osh": OrganisationFactory(name="Osh Technological University", country="KG"),
        "ammc": OrganisationFactory(name="AMMC"),
    }
    agreements = {
        key: AgreementFactory(reference=key, parties=[orgs["ugs"], orgs["ammc"]])
        for key in ("mou_geology", "coop_education", "rectors_forum", "ugs_branch")
    }
    users = {
        "admin": UserFactory(username="admin", role=Role.admin),
        "coordinator": UserFactory(username="coordinator", role=Role.coordinator),
        "management": UserFactory(username="management", role=Role.management),
        **{
            f"liaison.{key}": UserFactory(username=f"liaison.{key}", role=Role.liaison, organisation=orgs[key])
            for key in ("ugs", "msu", "osh")
        },
    }
    return SimpleNamespace(orgs=orgs, agreements=agreements, users=users, sites={}, visits={}, today=date(2025, 10, 6))


def test_the_scenario_visit_and_its_neighbours(app):
    from partnership.demo import visits as demo

    ctx = demo_context()
    demo.load(ctx)
    db.session.commit()
    scenario = ctx.visits["scenario"]
    assert (scenario.starts_on, scenario.ends_on, scenario.status) == (
        date(2025, 6, 24),
        date(2025, 6, 25),
        VisitStatus.completed,
    )
    per_org = {}
    for p in scenario.participants:
        per_org[p.organisation_id] = per_org.get(p.organisation_id, 0) + 1
    assert set(per_org) == {ctx.orgs[k].id for k in ("ugs", "msu", "osh")}
    assert all(8 <= n <= 15 for n in per_org.values())
    names = {p.full_name: p for p in scenario.participants}
    assert names["Riahi Amma Vissal"].nationality == "TN"
    assert names["Riahi Amma Vissal"].organisation_id == ctx.orgs["ugs"].id
    assert names["Лхагва Очир Энхжин"].organisation_id == ctx.orgs["msu"].id
    assert any("ʻ" in name for name in names) and any("ү" in name or "ө" in name for name in names)
    assert [t.to_status for t in scenario.transitions][-1] is VisitStatus.completed
    assert [t.at for t in scenario.transitions] == sorted(t.at for t in scenario.transitions)
    assert {a.reference for a in scenario.agreements} == {"mou_geology", "coop_education", "rectors_forum"}
    assert all(p.name_key == fold(p.full_name) for p in scenario.participants)

    request = ctx.visits["osh_request"]
    assert request.status is VisitStatus.requested and request.starts_on > ctx.today
    assert request.created_by.username == "liaison.osh"
    past = ctx.visits["msu_2024"]
    assert past.starts_on.year == 2024 and past.status is VisitStatus.completed

    home = liaison.visits_to_do(ctx.users["liaison.osh"])
    kinds = {item.visit.id: [t.kind for t in item.todos] for item in home}
    assert kinds[request.id] == ["missing_data"]
    assert kinds[scenario.id] == []  # no feedback link has been sent yet

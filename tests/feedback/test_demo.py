"""The demo's feedback: the scenario's two testimonials, named; others anonymous or unpublished."""

from datetime import date
from types import SimpleNamespace

from sqlalchemy import select

from partnership.demo import feedback as demo
from partnership.extensions import db
from partnership.feedback import queries
from partnership.feedback.models import FeedbackInvitation
from partnership.visits.models import VisitStatus
from tests.feedback.factories import ItineraryItemFactory
from tests.sites.factories import SiteFactory
from tests.visits.factories import ParticipantFactory, VisitFactory


def test_demo_feedback_for_the_scenario_visit(app, world, in_request):
    osh = world.ministry  # any third organisation will do
    visit = VisitFactory(
        organisations=[world.org_a, world.org_b, osh],
        status=VisitStatus.completed,
        starts_on=date(2025, 6, 24),
        ends_on=date(2025, 6, 25),
    )
    riahi = ParticipantFactory(visit=visit, organisation=world.org_a, full_name="Riahi Amma Vissal")
    lkhagva = ParticipantFactory(visit=visit, organisation=world.org_b, full_name="Лхагва Очир Энхжин")
    aibek = ParticipantFactory(visit=visit, organisation=osh, full_name="Айбек Жумабеков")
    silent = ParticipantFactory(visit=visit, organisation=osh, full_name="Someone Silent")
    ratings_only = ParticipantFactory(visit=visit, organisation=world.org_a, full_name="Gulnoza Ergasheva")
    mine, museum = SiteFactory(name="Demo mine"), SiteFactory(name="Demo museum")
    ItineraryItemFactory(
        visit=visit, site=mine, attendees=[(p, True) for p in (riahi, lkhagva, aibek, silent, ratings_only)]
    )
    ItineraryItemFactory(visit=visit, site=museum, attendees=[(riahi, True), (lkhagva, False)])

    demo.load(SimpleNamespace(visits={"scenario": visit}, users=world.users))
    db.session.commit()

    testimonials = queries.approved_testimonials(visit)
    assert [t.attribution for t in testimonials] == [
        "Riahi Amma Vissal, University of Geological Sciences",
        "Лхагва Очир Энхжин, Mongolian State University",
        "A student of Ministry of Higher Education",
    ]
    scores = {s.site.name: s.count for s in queries.site_ratings(visit)}
    assert scores == {"Demo mine": 4, "Demo museum": 1}
    # Those who did not answer have no link yet: the coordinator issues them.
    invitation = db.session.scalar(select(FeedbackInvitation).filter_by(participant_id=silent.id))
    assert invitation is not None and invitation.token_hash is None and invitation.used_at is None


def test_without_the_scenario_visit_the_demo_adds_nothing(app, world):
    before = len(db.session.scalars(select(FeedbackInvitation)).all())
    demo.load(SimpleNamespace(visits={}, users=world.users))
    demo.load(SimpleNamespace(users=world.users))
    assert len(db.session.scalars(select(FeedbackInvitation)).all()) == before

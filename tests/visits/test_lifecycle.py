"""The visit lifecycle as a service: every move per role and state, reasons, history."""

from datetime import timedelta

import pytest

from partnership.audit.models import AuditEntry
from partnership.core import clock
from partnership.core.errors import DomainError
from partnership.extensions import db
from partnership.visits import services
from partnership.visits.models import VisitStatus as S
from tests.visits.factories import VisitFactory

pytestmark = pytest.mark.usefixtures("request_ctx")

STAFF_MOVES = {
    S.draft: {S.requested, S.cancelled},
    S.requested: {S.approved, S.rejected, S.cancelled},
    S.approved: {S.confirmed, S.rejected, S.cancelled},
    S.confirmed: {S.completed, S.cancelled},
    S.completed: set(),
    S.rejected: set(),
    S.cancelled: set(),
}
# Written out by hand, not derived from the model's table, so the test can disagree with it.
ALLOWED = {
    "admin": STAFF_MOVES,
    "coordinator": STAFF_MOVES,
    "liaison_a": {S.draft: {S.requested, S.cancelled}, S.requested: {S.cancelled}},
    "management": {},
}


@pytest.mark.parametrize("role", sorted(ALLOWED))
@pytest.mark.parametrize("source", list(S), ids=lambda s: s.value)
def test_every_move_is_allowed_only_to_its_roles(world, role, source):
    actor = world.users[role]
    past = clock.today() - timedelta(days=10)  # completing needs the visit's last day behind it
    for target in S:
        visit = VisitFactory(organisations=[world.org_a], status=source, starts_on=past, ends_on=past)
        allowed = target in ALLOWED[role].get(source, set())
        if allowed:
            step = services.transition(actor, visit, target, "a reason")
            assert visit.status is target
            assert (step.from_status, step.to_status, step.actor_id) == (source, target, actor.id)
        else:
            with pytest.raises(DomainError):
                services.transition(actor, visit, target, "a reason")
            assert visit.status is source
        db.session.rollback()


def test_a_liaison_moves_no_other_organisations_visit(world):
    visit = VisitFactory(organisations=[world.org_b], status=S.draft)
    for target in (S.requested, S.cancelled):
        with pytest.raises(DomainError):
            services.transition(world.users["liaison_a"], visit, target)
    assert visit.status is S.draft


def test_a_liaison_moves_a_shared_visit_their_organisation_is_in(world):
    visit = VisitFactory(organisations=[world.org_a, world.org_b], status=S.draft)
    services.transition(world.users["liaison_b"], visit, S.requested)
    assert visit.status is S.requested


@pytest.mark.parametrize("comment", [None, "", "   "])
def test_rejection_needs_a_reason(world, comment):
    visit = VisitFactory(organisations=[world.org_a], status=S.requested)
    with pytest.raises(DomainError) as refused:
        services.transition(world.users["coordinator"], visit, S.rejected, comment)
    assert refused.value.field == "comment"
    assert visit.status is S.requested
    assert visit.rejection_reason is None


def test_rejection_keeps_its_reason(world):
    visit = VisitFactory(organisations=[world.org_a], status=S.requested)
    services.transition(world.users["coordinator"], visit, S.rejected, "  The mine is closed for maintenance in June. ")
    assert visit.rejection_reason == "The mine is closed for maintenance in June."


def test_each_move_is_recorded_with_who_when_and_comment(world, monkeypatch):
    coordinator, liaison = world.users["coordinator"], world.users["liaison_a"]
    visit = services.create_visit(
        liaison, title="Excursion", starts_on=world.visit_a.starts_on, ends_on=world.visit_a.ends_on
    )
    services.transition(liaison, visit, S.requested, "Please")
    services.transition(coordinator, visit, S.approved, None)
    services.transition(coordinator, visit, S.confirmed, "Programme agreed")
    monkeypatch.setattr(clock, "today", lambda: visit.ends_on + timedelta(days=1))
    services.transition(coordinator, visit, S.completed, None)
    db.session.commit()
    db.session.expire_all()
    history = [(t.from_status, t.to_status, t.actor.username, t.comment) for t in visit.transitions]
    assert history == [
        (None, S.draft, "liaison.a", None),
        (S.draft, S.requested, "liaison.a", "Please"),
        (S.requested, S.approved, "coordinator", None),
        (S.approved, S.confirmed, "coordinator", "Programme agreed"),
        (S.confirmed, S.completed, "coordinator", None),
    ]
    assert all(t.at is not None and t.at.tzinfo is not None for t in visit.transitions)
    actions = db.session.scalars(
        db.select(AuditEntry.action)
        .where(AuditEntry.target_type == "visits", AuditEntry.target_id == visit.id)
        .order_by(AuditEntry.id)
    ).all()
    assert actions == ["visit.create", "visit.requested", "visit.approved", "visit.confirmed", "visit.completed"]


def test_approval_makes_the_approver_coordinator_when_none_is_named(world):
    visit = VisitFactory(organisations=[world.org_a], status=S.requested)
    services.transition(world.users["coordinator"], visit, S.approved)
    assert visit.coordinator_id == world.users["coordinator"].id

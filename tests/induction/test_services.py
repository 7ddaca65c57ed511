"""The induction's rules: pass, fail with the wrong questions named, attempt cap, idempotence,
the gate's clearance, the programme's warning and the bulk mark."""

from datetime import date

import pytest
from sqlalchemy import select

from partnership.core.errors import DomainError
from partnership.extensions import db
from partnership.gate.clearance import clearance
from partnership.induction import queries, services
from partnership.induction.models import InductionHow
from partnership.notifications.models import OutboxMessage
from partnership.participants import services as participants
from partnership.programme import rules
from partnership.programme.models import ItineraryItem
from tests.induction.factories import planned_participant, required_site, right_answers
from tests.visits.factories import ParticipantFactory

pytestmark = pytest.mark.usefixtures("in_request")


@pytest.fixture
def setup(app):
    site = required_site()
    participant = planned_participant(site)
    return site, participant, queries.induction_of(site)


def test_all_right_passes_once(setup):
    site, participant, induction = setup
    outcome = services.submit_answers(participant, induction, right_answers(induction))
    assert outcome.passed and outcome.result.how is InductionHow.online and outcome.result.attempts == 1
    again = services.submit_answers(participant, induction, right_answers(induction))
    assert again.passed and again.result.attempts == 1 and again.result.id == outcome.result.id


def test_wrong_answers_name_the_questions_and_cap_attempts(setup, app):
    site, participant, induction = setup
    answers = right_answers(induction)
    answers[induction.questions[1].id] = 2
    for attempt in range(1, app.config["INDUCTION_MAX_ATTEMPTS"] + 1):
        outcome = services.submit_answers(participant, induction, answers)
        assert not outcome.passed and outcome.wrong == (2,) and outcome.result.attempts == attempt
    with pytest.raises(DomainError, match="ask your coordinator"):
        services.submit_answers(participant, induction, right_answers(induction))


def test_an_induction_not_on_the_programme_is_refused(setup):
    site, participant, induction = setup
    other = planned_participant(required_site())
    with pytest.raises(DomainError):
        services.submit_answers(other, induction, right_answers(induction))


def test_clearance_counts_the_induction(setup):
    site, participant, induction = setup
    day = date(2030, 1, 1)
    check = next(c for c in clearance(participant, site, day).checks if c.rule == "induction")
    assert not check.met and check.reason == "Safety induction not taken"
    services.submit_answers(participant, induction, right_answers(induction))
    check = next(c for c in clearance(participant, site, day).checks if c.rule == "induction")
    assert check.met and check.reason.startswith("Safety induction passed on")


def test_planning_warns_of_people_without_the_induction(setup, app):
    site, participant, induction = setup
    item = db.session.scalars(select(ItineraryItem).where(ItineraryItem.site_id == site.id)).one()
    assert [v.rule for v in rules.item_warnings(item)] == ["induction"]
    services.submit_answers(participant, induction, right_answers(induction))
    assert rules.item_warnings(item) == []


def test_bulk_mark_passed_by_a_coordinator(setup, world):
    site, participant, induction = setup
    coordinator = world.users["coordinator"]
    participants.mark_ready(coordinator, participant.visit, [participant.id], participants.INDUCTION_PASSED)
    result = queries.passed_on([participant.id], site.id)[participant.id]
    assert result.how is InductionHow.coordinator and result.marked_by_id == coordinator.id


def test_bulk_mark_refused_without_a_requiring_site(world):
    person = ParticipantFactory()
    with pytest.raises(DomainError):
        participants.mark_ready(world.users["coordinator"], person.visit, [person.id], participants.INDUCTION_PASSED)


def test_erasure_forgets_results(setup, world):
    site, participant, induction = setup
    services.submit_answers(participant, induction, right_answers(induction))
    participants.erase_participant(world.users["coordinator"], participant)
    assert queries.results_of([participant.id], [site.id]) == []


def test_links_are_mailed_once_in_the_participants_language(setup, world):
    site, participant, induction = setup
    participant.language = "ru"
    assert services.send_links(participant.visit, world.users["coordinator"]) == 1
    assert services.send_links(participant.visit, world.users["coordinator"]) == 0
    messages = db.session.scalars(select(OutboxMessage).where(OutboxMessage.kind == "induction.link")).all()
    assert [(m.recipient, m.language) for m in messages] == [(participant.email, "ru")]
    assert "/induction/" in messages[0].body and "Инструктаж" in messages[0].subject

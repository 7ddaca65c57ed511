"""Inductions for tests: a site that requires one, its material and two questions, and a
participant planned there with a personal link."""

from partnership.extensions import db
from partnership.induction import services
from partnership.induction.models import InductionQuestion, SiteInduction
from tests.feedback.factories import ItineraryItemFactory
from tests.sites.factories import SiteFactory
from tests.visits.factories import ParticipantFactory, VisitFactory

RIGHT = {"first": 1, "second": 0}  # the right option of each question, by its place


def induction_for(site) -> SiteInduction:
    induction = SiteInduction(
        site=site,
        body_en="Wear your helmet. Three short signals: a blast follows.",
        body_ru="Носите каску. Три коротких сигнала: будет взрыв.",
        body_uz="Kaskani kiying. Uchta qisqa signal: portlash boʻladi.",
        questions=[
            InductionQuestion(
                position=1,
                prompt_en="What do three short signals mean?",
                prompt_ru="Что значат три коротких сигнала?",
                options={"en": ["Lunch", "A blast follows"], "ru": ["Обед", "Будет взрыв"]},
                correct_index=RIGHT["first"],
            ),
            InductionQuestion(
                position=2,
                prompt_en="Who do you stay with?",
                options={"en": ["The guide", "Nobody", "The driver"]},
                correct_index=RIGHT["second"],
            ),
        ],
    )
    db.session.add(induction)
    db.session.flush()
    return induction


def planned_participant(site, visit=None, **kwargs):
    """A participant of ``visit`` planned for an item at ``site``."""
    visit = visit or VisitFactory()
    participant = ParticipantFactory(visit=visit, **kwargs)
    ItineraryItemFactory(visit=visit, site=site, attendees=[participant])
    return participant


def required_site(**kwargs):
    site = SiteFactory(induction_required=True, **kwargs)
    induction_for(site)
    return site


def link_of(participant, actor=None) -> str:
    return services.reissue_link(participant, actor)


def right_answers(induction) -> dict[int, int]:
    return {q.id: q.correct_index for q in induction.questions}

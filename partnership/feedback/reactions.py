"""How feedback reacts to what happens in the sub-domains below it."""

from partnership.feedback import queries, services
from partnership.participants.signals import erasing, personal_data
from partnership.visits.models import VisitStatus
from partnership.visits.signals import status_changed


@status_changed.connect
def open_feedback_at_completion(visit, actor, from_status, to_status) -> None:
    """A completed visit opens its feedback, in the transaction that completes it."""
    if to_status is VisitStatus.completed:
        services.open_feedback(visit, actor)


@personal_data.connect
def feedback_of_a_participant(participant):
    """The person's link (when issued and used, never its token) and what they answered."""
    return "feedback", queries.personal_feedback(participant)


@erasing.connect
def erase_feedback_words(participant, actor) -> None:
    """Their words go and their link stops working; the ratings stay in the visit's figures."""
    services.erase_words_of(participant)

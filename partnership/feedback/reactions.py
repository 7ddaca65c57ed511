"""How feedback reacts to what happens in the sub-domains below it."""

from partnership.feedback import services
from partnership.visits.models import VisitStatus
from partnership.visits.signals import status_changed


@status_changed.connect
def open_feedback_at_completion(visit, actor, from_status, to_status) -> None:
    """A completed visit opens its feedback, in the transaction that completes it."""
    if to_status is VisitStatus.completed:
        services.open_feedback(visit, actor)

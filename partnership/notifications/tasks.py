"""The outbox's tasks on the queue, and its periodic ones (``partnership.tasks.PERIODIC``)."""

from datetime import timedelta

from celery import shared_task

from partnership.db import utcnow
from partnership.extensions import db
from partnership.notifications import delivery, outbox, reminders
from partnership.notifications.models import OutboxMessage

# A message due this long ago and still pending has lost its task.
SWEEP_GRACE = timedelta(minutes=2)


@shared_task(name=outbox.DELIVER_TASK, ignore_result=True)
def deliver(message_id: int) -> str:
    outcome = delivery.deliver(message_id)
    if outcome == "pending":  # failed, will be due again after its back-off
        message = db.session.get(OutboxMessage, message_id)
        if message is not None:
            deliver.apply_async((message_id,), eta=message.next_attempt_at)
    return outcome


@shared_task(name="partnership.notifications.tasks.sweep_outbox", ignore_result=True)
def sweep_outbox() -> int:
    """Queue again what waits with no task: due for a while and still pending, its task was lost
    (the broker was down at the commit, a worker died). What has a task coming is left alone, so a
    backlog is not queued again every minute."""
    delivery.release_stale_claims()
    ids = delivery.due(utcnow() - SWEEP_GRACE)
    outbox.enqueue(ids)
    return len(ids)


@shared_task(name="partnership.notifications.tasks.remind_expiring_agreements", ignore_result=True)
def remind_expiring_agreements() -> int:
    written = reminders.remind_expiring_agreements()
    db.session.commit()
    return written

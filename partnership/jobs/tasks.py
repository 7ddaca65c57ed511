"""The jobs' tasks on the queue, and their periodic sweep (``partnership.tasks.PERIODIC``)."""

from datetime import timedelta

from celery import shared_task

from partnership.db import utcnow
from partnership.extensions import db
from partnership.jobs import queries, running, services
from partnership.tasks import send

# A job pending this long has lost its task.
SWEEP_GRACE = timedelta(minutes=2)


@shared_task(name=services.RUN_TASK, ignore_result=True, soft_time_limit=20 * 60, time_limit=25 * 60)
def run(job_id: int) -> str:
    return running.run(job_id)


@shared_task(name="partnership.jobs.tasks.sweep", ignore_result=True)
def sweep() -> int:
    """Queue again what lost its task or its worker; delete what is past its day."""
    released = running.release_stale()
    waiting = queries.due(utcnow() - SWEEP_GRACE)
    services.requeued(waiting)
    services.forget_expired()
    db.session.commit()
    for job_id in sorted({*released, *waiting}):
        send(services.RUN_TASK, job_id)
    return len(released) + len(waiting)

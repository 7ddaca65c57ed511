"""The task queue: Celery bound to the app as Flask documents it (``celery_init_app``), each task
run inside the app's context. Sub-domains declare their tasks with ``celery.shared_task`` and their
periodic work in ``PERIODIC``; production's broker is Redis (CELERY_BROKER_URL), ``make run``'s is a
folder in the instance folder (kombu's filesystem transport), so that a worker runs beside the web app
with no server."""

import logging
from pathlib import Path

from celery import Celery, Task
from celery import current_app as current_celery
from flask import Flask
from sqlalchemy import event
from sqlalchemy.orm import Session

log = logging.getLogger(__name__)

# Periodic tasks (Celery beat): name → (task name, seconds between runs).
PERIODIC: dict[str, tuple[str, float]] = {
    "outbox-sweep": ("partnership.notifications.tasks.sweep_outbox", 60.0),
    "agreement-reminders": ("partnership.notifications.tasks.remind_expiring_agreements", 3600.0),
    "jobs-sweep": ("partnership.jobs.tasks.sweep", 60.0),
}


def celery_settings(app: Flask) -> dict:
    """Celery's settings from the app's: the broker (an embedded folder queue unless set), no
    result store (the outbox is the record of what was done), JSON messages."""
    broker = app.config.get("CELERY_BROKER_URL")
    settings: dict = {}
    if not broker:
        broker = "filesystem://"
        queue = Path(app.instance_path) / "queue"
        for folder in ("messages", "processed", "control"):
            (queue / folder).mkdir(parents=True, exist_ok=True)
        settings["broker_transport_options"] = {
            "data_folder_in": str(queue / "messages"),
            "data_folder_out": str(queue / "messages"),
            "processed_folder": str(queue / "processed"),
            "control_folder": str(queue / "control"),
            "store_processed": False,
        }
    settings |= {
        "broker_url": broker,
        "result_backend": app.config.get("CELERY_RESULT_BACKEND"),
        "task_ignore_result": not app.config.get("CELERY_RESULT_BACKEND"),
        "task_serializer": "json",
        "accept_content": ["json"],
        "timezone": "UTC",
        # A task is acknowledged when it has run, so a worker that dies mid-way leaves it queued.
        "task_acks_late": True,
        "worker_prefetch_multiplier": 1,
        # A pool process that a large job left above this (kB) is replaced once the job is done: what
        # a document of thousands of rows took is given back (the prefork pool; `--pool solo` ignores it).
        "worker_max_memory_per_child": 200_000,
        "broker_connection_retry_on_startup": True,
        "beat_schedule": {name: {"task": task, "schedule": seconds} for name, (task, seconds) in PERIODIC.items()},
    }
    settings.update(app.config.get("CELERY", {}))
    return settings


def celery_init_app(app: Flask) -> Celery:
    class FlaskTask(Task):
        def __call__(self, *args: object, **kwargs: object) -> object:
            with app.app_context():
                return self.run(*args, **kwargs)

    celery_app = Celery(app.name, task_cls=FlaskTask)
    celery_app.config_from_object(celery_settings(app))
    celery_app.set_default()
    app.extensions["celery"] = celery_app
    return celery_app


# --- tasks queued by a transaction, sent once it commits ------------------------------------------

AFTER_COMMIT = "tasks_after_commit"  # the session's info: (task name, args) to send at commit


def queue_after_commit(task: str, *args: object) -> None:
    """Send ``task(*args)`` to the queue when (and only if) the current transaction commits, so no
    task names a row that does not exist yet. A broker that refuses leaves the row for its sweep."""
    from partnership.extensions import db

    db.session.info.setdefault(AFTER_COMMIT, []).append((task, args))


def send(task: str, *args: object) -> None:
    try:
        current_celery.send_task(task, args)
    except Exception:  # the broker is down: the periodic sweep queues it again
        log.warning("could not queue %s%r; its sweep will", task, args, exc_info=True)


@event.listens_for(Session, "after_commit")
def _send_committed(session: Session) -> None:
    for task, args in session.info.pop(AFTER_COMMIT, ()):
        send(task, *args)


@event.listens_for(Session, "after_rollback")
def _forget_rolled_back(session: Session) -> None:
    session.info.pop(AFTER_COMMIT, None)

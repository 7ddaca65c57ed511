"""The task queue: Celery bound to the app as Flask documents it (``celery_init_app``), each task
run inside the app's context. Sub-domains declare their tasks with ``celery.shared_task`` and their
periodic work in ``PERIODIC``; production's broker is Redis (CELERY_BROKER_URL), ``make run``'s is a
folder in the instance folder (kombu's filesystem transport), so that a worker runs beside the web app
with no server."""

from pathlib import Path

from celery import Celery, Task
from flask import Flask

# Periodic tasks (Celery beat): name → (task name, seconds between runs).
PERIODIC: dict[str, tuple[str, float]] = {
    "outbox-sweep": ("partnership.notifications.tasks.sweep_outbox", 60.0),
    "agreement-reminders": ("partnership.notifications.tasks.remind_expiring_agreements", 3600.0),
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

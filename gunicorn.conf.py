"""gunicorn's settings for production: `gunicorn -c gunicorn.conf.py 'partnership:create_app()'`.

Long work (mail, reminders) runs on the Celery workers, so a request that takes longer than the
timeout is a fault: the worker is killed and replaced, and faulthandler prints where it was."""

import faulthandler
import multiprocessing
import os

bind = os.environ.get("GUNICORN_BIND", "0.0.0.0:8000")
workers = int(os.environ.get("GUNICORN_WORKERS", multiprocessing.cpu_count() * 2 + 1))
threads = 1
timeout = 60  # seconds a request may take before its worker is killed (large PDFs stay below it)
graceful_timeout = 30
keepalive = 5
# Recycle each worker after this many requests (give or take the jitter, so they do not all
# restart at once): memory a long-lived process gathers is given back.
max_requests = 1000
max_requests_jitter = 100
accesslog = "-"
errorlog = "-"
forwarded_allow_ips = os.environ.get("FORWARDED_ALLOW_IPS", "127.0.0.1")


def post_worker_init(worker):
    # A worker killed at the timeout (SIGABRT) first prints every thread's stack to the error log.
    faulthandler.enable()

"""The worker's and the scheduler's entry point: ``celery -A partnership.worker worker`` and
``celery -A partnership.worker beat``. It builds the app as the web server does (same settings
from instance/config.py and the environment), so tasks see the same database and mail server."""

from partnership import create_app

flask_app = create_app()
celery = flask_app.extensions["celery"]

"""Partnership: universities, agreements and delegation visits."""

import os
import secrets
from importlib import import_module
from importlib.util import find_spec
from pathlib import Path

from flask import Flask
from sqlalchemy.engine import make_url

from partnership import config as config_module
from partnership import extensions as ext

PROJECT_ROOT = Path(__file__).resolve().parent.parent

# Sub-domains, each a package with a ``views.bp`` blueprint and optional ``cli``.
SUBDOMAINS = [
    "core",
    "audit",
    "accounts",
    "partners",
    "agreements",
    "sites",
    "visits",
    "induction",
    "participants",
    "programme",
    "gate",
    "feedback",
    "notifications",
    "jobs",
    "exports",
    "reports",
    "home",
]


def create_app(test_config: dict | None = None) -> Flask:
    app = Flask(
        __name__,
        instance_path=os.environ.get("PARTNERSHIP_INSTANCE", str(PROJECT_ROOT / "instance")),
        instance_relative_config=True,
        template_folder=str(PROJECT_ROOT / "templates"),
    )
    configure(app, test_config)
    register_proxy_fix(app)
    register_extensions(app)
    register_blueprints(app)
    register_reactions()
    register_errorhandlers(app)
    register_commands(app)
    return app


def configure(app: Flask, test_config: dict | None) -> None:
    app.config.from_object(config_module.Defaults)
    if test_config is None:
        app.config.from_pyfile("config.py", silent=True)
        app.config.update(config_module.from_environment())
    else:
        app.config.update(test_config)
    if not app.config["SQLALCHEMY_DATABASE_URI"]:
        Path(app.instance_path).mkdir(parents=True, exist_ok=True)
        app.config["SQLALCHEMY_DATABASE_URI"] = f"sqlite:///{Path(app.instance_path) / 'partnership.sqlite'}"
    if not app.config["SECRET_KEY"]:
        if not is_sqlite(app.config["SQLALCHEMY_DATABASE_URI"]):
            raise MissingSecretKey(REFUSAL_WITHOUT_KEY)
        app.config["SECRET_KEY"] = instance_secret_key(app)
    app.config.setdefault("BABEL_TRANSLATION_DIRECTORIES", str(Path(__file__).parent / "translations"))


REFUSAL_WITHOUT_KEY = (
    "Partnership refuses to start: SECRET_KEY is not set. A database server (DATABASE_URL) means a "
    "production start, whose sessions and CSRF tokens must be signed with a key the operator keeps: set "
    "SECRET_KEY in the environment or in instance/config.py to a long random value, e.g. the output of "
    "python -c 'import secrets; print(secrets.token_hex(32))'. Only a local SQLite start (make run) makes "
    "its own key in the instance folder."
)


class MissingSecretKey(RuntimeError):
    """A production start (a database server) without a SECRET_KEY."""


def is_sqlite(database_uri: str) -> bool:
    return make_url(database_uri).get_backend_name() == "sqlite"


def instance_secret_key(app: Flask) -> str:
    """A random key kept in the instance folder, so sessions survive restarts
    of a local server without anyone choosing a secret."""
    path = Path(app.instance_path) / "secret_key"
    if not path.exists():
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(secrets.token_hex(32))
        path.chmod(0o600)
    return path.read_text().strip()


def register_proxy_fix(app: Flask) -> None:
    """Behind ``PROXY_FIX_X_FOR`` reverse proxies, ``request.remote_addr`` (the throttle, the audit
    trail, the sessions page) is the client's address from X-Forwarded-For, and with
    ``PROXY_FIX_X_PROTO`` ``request.is_secure`` follows X-Forwarded-Proto. Off by default: without a
    proxy that sets them, the headers are the client's to forge."""
    x_for, x_proto = int(app.config["PROXY_FIX_X_FOR"]), int(app.config["PROXY_FIX_X_PROTO"])
    if x_for or x_proto:
        from werkzeug.middleware.proxy_fix import ProxyFix

        app.wsgi_app = ProxyFix(app.wsgi_app, x_for=x_for, x_proto=x_proto)  # type: ignore[method-assign]


def register_extensions(app: Flask) -> None:
    from partnership import i18n, models  # noqa: F401  (models: every table known to the metadata)
    from partnership.db import configure_engine_events
    from partnership.tasks import celery_init_app

    ext.db.init_app(app)
    configure_engine_events()
    ext.migrate.init_app(app, ext.db, directory=str(PROJECT_ROOT / "migrations"), render_as_batch=True)
    ext.login_manager.init_app(app)
    ext.csrf.init_app(app)
    ext.babel.init_app(app, locale_selector=i18n.select_locale)
    ext.bootstrap.init_app(app)
    i18n.init_app(app)
    celery_init_app(app)


def register_blueprints(app: Flask) -> None:
    from partnership.core import requests

    requests.init_app(app)
    for name in SUBDOMAINS:
        app.register_blueprint(import_module(f"partnership.{name}.views").bp)


def register_reactions() -> None:
    """Connect each sub-domain's receivers of the signals of the sub-domains below it, and
    declare its tasks to the queue."""
    for name in SUBDOMAINS:
        for module in ("reactions", "tasks"):
            if find_spec(f"partnership.{name}.{module}"):
                import_module(f"partnership.{name}.{module}")


def register_errorhandlers(app: Flask) -> None:
    from partnership.core.errors import render_error

    for code in (400, 403, 404, 405, 413, 500):
        app.register_error_handler(code, render_error)


def register_commands(app: Flask) -> None:
    """Each sub-domain's ``cli`` (a command or a group), or its list of ``commands``."""
    for name in [*SUBDOMAINS, "demo"]:
        if find_spec(f"partnership.{name}") and find_spec(f"partnership.{name}.cli"):
            module = import_module(f"partnership.{name}.cli")
            for command in getattr(module, "commands", None) or [module.cli]:
                app.cli.add_command(command)

"""App-wide guards on what a request may carry, the request's one commit point, and the
security headers of every response (``core.headers``), so that no view has to."""

from flask import Flask, Response, abort, g, request
from flask_wtf.csrf import generate_csrf
from werkzeug.routing import IntegerConverter

from partnership.core import headers
from partnership.extensions import db

DATABASE_INT_MAX = 2**31 - 1


class DatabaseIdConverter(IntegerConverter):
    """``<int:...>`` that matches only ids a database integer can hold: a larger
    number is no record (404) instead of an error from the database driver."""

    def __init__(self, url_map, *args, **kwargs):
        kwargs.setdefault("max", DATABASE_INT_MAX)
        super().__init__(url_map, *args, **kwargs)


def database_id(value: str) -> int:
    """An id from a query string, for ``request.args.get(name, type=database_id)``: digits naming
    a number a database integer can hold. Anything else (a word, a negative or huge number,
    other scripts' digits) raises ValueError, so the argument counts as absent instead of
    reaching the database driver."""
    if not (value.isascii() and value.isdigit()) or not 0 < int(value) <= DATABASE_INT_MAX:
        raise ValueError(f"not a database id: {value[:20]!r}")
    return int(value)


def refuse_nul_characters():
    """PostgreSQL cannot store NUL characters; no form or search needs them."""
    values = [*request.args.values(), *(request.form.values() if request.form else [])]
    if any("\x00" in value for value in values):
        abort(400)


def commit_or_roll_back(response: Response) -> Response:
    """The request's one commit point, once the view has answered (Indico's request handler
    does the same): services only flush; a refusal was rolled back where it was caught
    (``core.forms.service_call``), an error page rolled back before it was drawn, and a
    server error here rolls back whatever is left. A commit that fails is a server error."""
    if response.status_code >= 500:
        db.session.rollback()
    else:
        db.session.commit()
    return response


def csrf_token() -> str:
    """The request's CSRF token for templates: Flask-WTF keeps it in ``g`` once made, but reads
    its settings again on every call, and a list of rows with a button each calls it per row."""
    return g.get("csrf_token") or generate_csrf()


def init_app(app: Flask) -> None:
    app.jinja_env.globals["csrf_token"] = csrf_token
    app.url_map.converters["int"] = DatabaseIdConverter
    app.before_request(refuse_nul_characters)
    app.after_request(commit_or_roll_back)
    headers.init_app(app)

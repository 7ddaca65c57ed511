"""App-wide guards on what a request may carry, so that no view has to."""
from flask import Flask, abort, request
from werkzeug.routing import IntegerConverter

DATABASE_INT_MAX = 2**31 - 1


class DatabaseIdConverter(IntegerConverter):
    """``<int:...>`` that matches only ids a database integer can hold: a larger
    number is no record (404) instead of an error from the database driver."""

    def __init__(self, url_map, *args, **kwargs):
        kwargs.setdefault("max", DATABASE_INT_MAX)
        super().__init__(url_map, *args, **kwargs)


def refuse_nul_characters():
    """PostgreSQL cannot store NUL characters; no form or search needs them."""
    values = [*request.args.values(), *(request.form.values() if request.form else [])]
    if any("\x00" in value for value in values):
        abort(400)


def init_app(app: Flask) -> None:
    app.url_map.converters["int"] = DatabaseIdConverter
    app.before_request(refuse_nul_characters)

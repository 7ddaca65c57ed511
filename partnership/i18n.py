"""Language choice (session, then the browser) and template helpers for it."""

import re

import flask_babel
from flask import Flask, current_app, has_request_context, request, session
from flask_babel import get_locale

from partnership import countries


def select_locale() -> str:
    languages = current_app.config["LANGUAGES"]
    if not has_request_context():  # CLI commands: the default, unless force_locale says otherwise
        return current_app.config["BABEL_DEFAULT_LOCALE"]
    chosen = session.get("lang")
    if chosen is not None and chosen in languages:
        return chosen
    return request.accept_languages.best_match(list(languages)) or current_app.config["BABEL_DEFAULT_LOCALE"]


def init_app(app: Flask) -> None:
    @app.context_processor
    def language_context():
        return {"languages": app.config["LANGUAGES"], "current_language": str(get_locale())}

    app.jinja_env.filters["country_name"] = countries.name
    app.jinja_env.filters["dateformat"] = format_date
    app.jinja_env.filters["datetimeformat"] = format_datetime
    app.jinja_env.filters["org_name"] = lambda organisation: organisation.localised_name(str(get_locale()))


# --- dates with four-digit years ----------------------------------------------------------------
#
# The locales' "short" forms write two-digit years ("3/16/78" for a date of birth in English);
# everywhere here "short" means the locale's short pattern with the year in full.


def _full_year(pattern: str) -> str:
    return re.sub(r"y+", "yyyy", pattern)


def short_date_pattern() -> str:
    return _full_year(get_locale().date_formats["short"].pattern)


def short_datetime_pattern() -> str:
    locale = get_locale()
    joined = str(locale.datetime_formats["short"])
    return joined.replace("{1}", short_date_pattern()).replace("{0}", locale.time_formats["short"].pattern)


def format_date(value, format: str | None = None) -> str:
    return flask_babel.format_date(value, short_date_pattern() if format == "short" else format)


def format_datetime(value, format: str | None = None, rebase: bool = True) -> str:
    pattern = short_datetime_pattern() if format == "short" else format
    return flask_babel.format_datetime(value, pattern, rebase=rebase)

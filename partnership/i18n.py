"""Language choice (session, then the browser) and template helpers for it."""

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
    app.jinja_env.filters["org_name"] = lambda organisation: organisation.localised_name(str(get_locale()))

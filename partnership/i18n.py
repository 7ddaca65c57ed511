"""Language choice (session, then the browser) and template helpers for it."""

import re

import flask_babel
from flask import Flask, current_app, g, has_app_context, has_request_context, request, session
from flask_babel import get_locale, get_translations
from flask_babel import lazy_gettext as _l
from flask_babel import lazy_ngettext as _ln
from flask_wtf import FlaskForm
from flask_wtf.i18n import translations as wtforms_translations

from partnership import countries, languages


def select_locale() -> str:
    languages = current_app.config["LANGUAGES"]
    if not has_request_context():  # CLI commands: the default, unless force_locale says otherwise
        return current_app.config["BABEL_DEFAULT_LOCALE"]
    chosen = session.get("lang")
    if chosen is not None and chosen in languages:
        return chosen
    return request.accept_languages.best_match(list(languages)) or current_app.config["BABEL_DEFAULT_LOCALE"]


def catalogue():
    """The reader's translations. Flask-Babel finds them again on every ``_()`` (about 10 µs,
    over a hundred times a page); this finds them once per request and locale, so that a
    message drawn inside ``force_locale`` still gets its own language."""
    if not has_app_context():
        return get_translations()
    locale = get_locale()
    cached = g.get("_catalogue")
    if cached is None or cached[0] is not locale:
        cached = g._catalogue = (locale, get_translations())
    return cached[1]


def init_app(app: Flask) -> None:
    # Replaces what Flask-Babel installed (same callables, same newstyle autoescaping).
    app.jinja_env.install_gettext_callables(  # type: ignore[attr-defined]  # added by Jinja's i18n extension
        gettext=lambda string: catalogue().ugettext(string),
        ngettext=lambda singular, plural, n: catalogue().ungettext(singular, plural, n),
        pgettext=lambda context, string: catalogue().upgettext(context, string),
        npgettext=lambda context, singular, plural, n: catalogue().unpgettext(context, singular, plural, n),
        newstyle=True,
    )

    @app.context_processor
    def language_context():
        return {"languages": app.config["LANGUAGES"], "current_language": str(get_locale())}

    # Every form reads WTForms' own messages through our catalogue first (see FormTranslations).
    FlaskForm.Meta.get_translations = lambda meta, form: FORM_TRANSLATIONS
    app.jinja_env.filters["country_name"] = countries.name
    app.jinja_env.filters["dateformat"] = format_date
    app.jinja_env.filters["datetimeformat"] = format_datetime
    app.jinja_env.filters["org_name"] = lambda organisation: organisation.localised_name(str(get_locale()))
    # A text kept in three languages, in the reader's: plain, or marked where the English stands in.
    app.jinja_env.filters["localised"] = lambda obj, field: languages.localised(obj, field, str(get_locale()))
    app.jinja_env.filters["in_language"] = lambda obj, field: languages.marked(
        languages.text(obj, field, str(get_locale()))
    )


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


# --- WTForms' own messages -----------------------------------------------------------------------
#
# A field left empty or a date that is not one gets WTForms' message. WTForms ships Russian but
# no Uzbek, so the messages our forms can show are in our catalogue (listed here for the
# extraction), and forms look them up there first, then in WTForms' own.

WTFORMS_MESSAGES = (
    _l("This field is required."),
    _l("Not a valid choice."),
    _l("Not a valid date value."),
    _l("Not a valid datetime value."),
    _l("Not a valid time value."),
    _l("Not a valid integer value."),
    _l("Not a valid decimal value."),
    _l("Invalid email address."),
    _l("Invalid input."),
    _l("Invalid Choice: could not coerce."),
    _l("Invalid choice(s): one or more data inputs could not be coerced."),
    _l("Number must be at least %(min)s."),
    _l("Number must be at most %(max)s."),
    _l("Number must be between %(min)s and %(max)s."),
    _l("Field must be between %(min)d and %(max)d characters long."),
    _ln("Field must be at least %(min)d character long.", "Field must be at least %(min)d characters long.", 1),
    _ln("Field cannot be longer than %(max)d character.", "Field cannot be longer than %(max)d characters.", 1),
)


class FormTranslations:
    """WTForms' translations object: our catalogue, else WTForms' own (Flask-WTF's)."""

    def gettext(self, string: str) -> str:
        translated = get_translations().ugettext(string)
        return translated if translated != string else wtforms_translations.gettext(string)

    def ngettext(self, singular: str, plural: str, n: int) -> str:
        translated = get_translations().ungettext(singular, plural, n)
        if translated not in (singular, plural):
            return translated
        return wtforms_translations.ngettext(singular, plural, n)


FORM_TRANSLATIONS = FormTranslations()

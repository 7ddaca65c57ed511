"""ISO 3166-1 countries, with names in the interface language (pycountry ships
the translations)."""
import gettext
from functools import lru_cache

import pycountry
from flask_babel import get_locale


def is_valid(code: str | None) -> bool:
    return bool(code and pycountry.countries.get(alpha_2=code.upper()) is not None)


@lru_cache(maxsize=8)
def _translator(language: str):
    return gettext.translation("iso3166-1", pycountry.LOCALES_DIR, languages=[language], fallback=True)


def name(code: str | None, language: str | None = None) -> str:
    if not code:
        return ""
    country = pycountry.countries.get(alpha_2=code.upper())
    if country is None:
        return code
    english = getattr(country, "common_name", None) or country.name
    language = language or str(get_locale() or "en")
    return _translator(language).gettext(english) if language != "en" else english


def choices(language: str | None = None) -> list[tuple[str, str]]:
    """(code, name) pairs sorted by name in the given language."""
    pairs = [(c.alpha_2, name(c.alpha_2, language)) for c in pycountry.countries]
    return sorted(pairs, key=lambda pair: pair[1].casefold())

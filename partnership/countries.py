"""ISO 3166-1 countries (pycountry's list), with names in the interface language from CLDR
(Babel's territory names, Uzbek included), and the country a person wrote in any of the three
languages."""

import gettext
from functools import lru_cache

import pycountry
from babel import Locale
from flask_babel import get_locale

from partnership.text import fold


def is_valid(code: str | None) -> bool:
    return bool(code and pycountry.countries.get(alpha_2=code.upper()) is not None)


@lru_cache(maxsize=8)
def _translator(language: str):
    return gettext.translation("iso3166-1", pycountry.LOCALES_DIR, languages=[language], fallback=True)


@lru_cache(maxsize=8)
def _territories(language: str) -> dict[str, str]:
    return dict(Locale.parse(language).territories)


def name(code: str | None, language: str | None = None) -> str:
    if not code:
        return ""
    country = pycountry.countries.get(alpha_2=code.upper())
    if country is None:
        return code
    language = language or str(get_locale() or "en")
    return _territories(language).get(country.alpha_2) or getattr(country, "common_name", None) or country.name


def choices(language: str | None = None) -> list[tuple[str, str]]:
    """(code, name) pairs sorted by name in the given language."""
    pairs = [(c.alpha_2, name(c.alpha_2, language)) for c in pycountry.countries]
    return sorted(pairs, key=lambda pair: pair[1].casefold())


# Names people write that the ISO catalogue and its translations do not hold.
COUNTRY_ALIASES = {
    "россия": "RU",
    "russia": "RU",
    "rossiya": "RU",
    "кыргызстан": "KG",
    "киргизстан": "KG",
    "kyrgyz republic": "KG",
    "qirg'iziston": "KG",
    "кыргыз республикасы": "KG",
    "ўзбекистон": "UZ",
    "узбекистон": "UZ",
    "o'zbekiston": "UZ",
    "uzbekiston": "UZ",
    "монгол": "MN",
    "монгол улс": "MN",
    "mo'g'uliston": "MN",
    "казахстан": "KZ",
    "қазақстан": "KZ",
    "qozog'iston": "KZ",
    "тожикистон": "TJ",
    "tojikiston": "TJ",
    "usa": "US",
    "сша": "US",
    "uk": "GB",
    "великобритания": "GB",
    "south korea": "KR",
    "корея": "KR",
}


@lru_cache(maxsize=1)
def _index() -> dict[str, str]:
    index: dict[str, str] = {}
    for country in pycountry.countries:
        names = [
            n
            for n in (country.name, getattr(country, "common_name", None), getattr(country, "official_name", None))
            if n
        ]
        forms = [country.alpha_2, country.alpha_3, *names]
        forms += [_translator(language).gettext(n) for language in ("ru", "uz") for n in names]
        forms += [_territories(language).get(country.alpha_2, "") for language in ("en", "ru", "uz")]
        for form in filter(None, forms):
            index.setdefault(fold(form), country.alpha_2)
    for alias, code in COUNTRY_ALIASES.items():
        index.setdefault(fold(alias), code)
    return index


def lookup(text: str) -> str | None:
    """ISO 3166 alpha-2 code of a country written as its code (alpha-2 or alpha-3) or its name in en/ru/uz."""
    return _index().get(fold(text))

"""Protective equipment sizes as people write them, checked one way for the form and the
import: a helmet in centimetres (52–66) or a letter size, boots in EU sizes (34–50, halves
allowed), a vest in letter sizes. Each reader returns the size as stored, or raises
``ValueError`` with the message to show beside the field."""

import re
from collections.abc import Callable

from flask_babel import lazy_gettext as _l

HELMET_LETTERS = ("S", "M", "L", "XL")
VEST_LETTERS = ("XS", "S", "M", "L", "XL", "XXL", "XXXL")
_NUMBER = re.compile(r"^(\d{2})(?:[.,](\d))?\s*(cm|см|sm)?$", re.IGNORECASE)
_LETTERS = {"2XL": "XXL", "3XL": "XXXL", "XXXXL": None}

SIZE_MESSAGES = {
    "helmet_size": _l("A helmet size is a head size in cm from 52 to 66, or S, M, L or XL."),
    "boot_size": _l("A boot size is an EU size from 34 to 50, e.g. 42 or 42.5."),
    "vest_size": _l("A vest size is one of XS, S, M, L, XL, XXL or XXXL."),
}


def _letters(text: str) -> str:
    folded = text.strip().upper().replace(" ", "")
    return _LETTERS.get(folded, folded) or ""


def helmet_size(text: str) -> str:
    if (match := _NUMBER.match(text.strip())) and not match.group(2) and 52 <= int(match.group(1)) <= 66:
        return match.group(1)
    if (letters := _letters(text)) in HELMET_LETTERS:
        return letters
    raise ValueError(str(SIZE_MESSAGES["helmet_size"]))


def boot_size(text: str) -> str:
    match = _NUMBER.match(text.strip())
    if match and not match.group(3):
        whole, tenth = int(match.group(1)), match.group(2)
        if tenth in (None, "0") and 34 <= whole <= 50:
            return str(whole)
        if tenth == "5" and 34 <= whole < 50:
            return f"{whole}.5"
    raise ValueError(str(SIZE_MESSAGES["boot_size"]))


def vest_size(text: str) -> str:
    if (letters := _letters(text)) in VEST_LETTERS:
        return letters
    raise ValueError(str(SIZE_MESSAGES["vest_size"]))


READERS: dict[str, Callable[[str], str]] = {
    "helmet_size": helmet_size,
    "boot_size": boot_size,
    "vest_size": vest_size,
}
SIZE_FIELDS = tuple(READERS)


def size_or_none(field: str, text: str | None) -> str | None:
    """The stored form of a size (``None`` when blank); ``ValueError`` when it is not one."""
    if text is None or not str(text).strip():
        return None
    return READERS[field](str(text))

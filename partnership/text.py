"""Text folding for search: case-insensitive in every script.

SQLite's ``lower()`` folds ASCII only and PostgreSQL's depends on the server
locale, so searchable records keep a folded copy of their names, computed
here, and queries compare folded text with folded text."""
import unicodedata

# Uzbek Latin writes oʻ/gʻ with U+02BB; people type ', ’, ‘, ` or ʼ instead.
_APOSTROPHES = dict.fromkeys(map(ord, "'’‘`ʼʻ´"), "'")


def fold(text: str | None) -> str:
    if not text:
        return ""
    text = unicodedata.normalize("NFKC", text).translate(_APOSTROPHES).casefold()
    return " ".join(text.split())


def like_pattern(query: str) -> str:
    """A LIKE pattern matching ``query`` anywhere, with wildcards escaped (escape char ``\\``)."""
    escaped = fold(query).replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
    return f"%{escaped}%"

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


# Characters a file name may not keep: controls (Cc: NUL, line breaks, ESC…), format characters
# (Cf: the bidirectional embeddings, overrides and isolates U+202A–U+202E and U+2066–U+2069, the
# marks U+200E/U+200F, zero-width characters, BOM), line and paragraph separators (Zl, Zp) and lone
# surrogates (Cs). A right-to-left override makes "report\u202Efdp.exe" read as "reportexe.pdf".
_UNSAFE_IN_FILENAMES = frozenset(("Cc", "Cf", "Zl", "Zp", "Cs"))
_EXTENSION_MAX = 10


def clean_filename(filename: str | None, default: str = "file", max_length: int = 255) -> str:
    """An uploaded file's name, fit to be stored, shown and sent back in Content-Disposition:
    its last path segment, without unsafe characters (see above) or double quotes, at most
    ``max_length`` characters with its extension kept; ``default`` when nothing is left."""
    name = unicodedata.normalize("NFC", filename or "").replace("\\", "/").rsplit("/", 1)[-1]
    name = "".join(c for c in name if unicodedata.category(c) not in _UNSAFE_IN_FILENAMES and c != '"')
    name = " ".join(name.split())
    if name.strip(".") == "":
        return default
    if len(name) > max_length:
        stem, dot, extension = name.rpartition(".")
        if dot and stem and len(extension) <= _EXTENSION_MAX:
            name = stem[: max_length - len(extension) - 1].rstrip() + "." + extension
        else:
            name = name[:max_length].rstrip()
    return name

"""Is an upload a PDF document (an agreement's signed scan, a site's induction material)? A
cheap check of its structure, not a parse: the header
(``%PDF-1.x`` or ``%PDF-2.x``), the end-of-file marker, and the ``startxref`` offset that
every PDF ends with pointing at its cross-reference table or stream. A file renamed to
.pdf, or given a PDF header over other content, fails it. The files are only stored and
offered for download, never rendered by the server, so no PDF parser runs on them: a
crafted PDF cannot cost the server more than reading its last few kilobytes."""

import re

from flask_babel import gettext as _

from partnership.uploads import stream_size, too_large

HEADER = re.compile(rb"%PDF-[12]\.\d")
TAIL_BYTES = 4096  # tools append a newline, padding or a comment after %%EOF
_STARTXREF = re.compile(rb"startxref\s+(\d{1,12})\s+%%EOF")
_XREF_AT = re.compile(rb"\s*(?:xref\b|\d{1,10}\s+\d{1,5}\s+obj\b)")


def problem(content: bytes) -> str | None:
    """Why ``content`` is not a PDF document, or ``None`` when it looks like one."""
    if not content:
        return _("The file is empty.")
    if not HEADER.match(content, 0, 16):
        return _("This file is not a PDF document, whatever its name says.")
    tail_start = max(0, len(content) - TAIL_BYTES)
    offsets = [int(match.group(1)) for match in _STARTXREF.finditer(content, tail_start)]
    if not offsets or offsets[-1] >= len(content) or not _XREF_AT.match(content, offsets[-1], offsets[-1] + 64):
        return _(
            "This PDF is incomplete or damaged: it has no valid end. Save or scan it again and upload the new file."
        )
    return None


def upload_problem(storage, limit: int) -> str | None:
    """Why an uploaded file (a werkzeug FileStorage) is refused as a PDF of at most ``limit``
    bytes, or ``None``; its size is measured before anything is read, and it is read back to the start."""
    size = stream_size(storage)
    if size > limit:
        return too_large(size, limit)
    content = storage.stream.read()
    storage.stream.seek(0)
    return problem(content)

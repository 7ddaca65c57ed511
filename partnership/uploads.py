"""What every upload form shares: its size, read without reading the file, and the message
that refuses a file too large (beside the file field)."""

import os

from flask_babel import gettext as _


def human_size(size: int) -> str:
    """10485760 -> "10 MB", 1536 -> "2 KB": what a person reads in the message."""
    if size >= 1024 * 1024:
        return f"{size / (1024 * 1024):.1f}".removesuffix(".0") + " MB"
    return f"{-(-size // 1024)} KB"


def stream_size(storage) -> int:
    """Bytes of an uploaded file (a werkzeug ``FileStorage``), its stream left at the start."""
    stream = storage.stream
    stream.seek(0, os.SEEK_END)
    size = stream.tell()
    stream.seek(0)
    return size


def too_large(size: int, limit: int) -> str:
    return _(
        "The file is too large (%(size)s); the limit is %(limit)s.", size=human_size(size), limit=human_size(limit)
    )

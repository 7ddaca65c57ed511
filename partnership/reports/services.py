"""Keeping a visit's photos. Uploads are checked to be real JPEG or PNG images
of a sensible size before they are stored; services flush, the request commits."""

import io
from dataclasses import dataclass

from flask import current_app
from flask_babel import gettext as _
from PIL import Image, PngImagePlugin

from partnership.audit import services as audit
from partnership.core.errors import DomainError
from partnership.extensions import db
from partnership.reports.models import VisitPhoto
from partnership.text import clean_filename

SIGNATURES = {
    b"\xff\xd8\xff": ("image/jpeg", "JPEG"),
    b"\x89PNG\r\n\x1a\n": ("image/png", "PNG"),
}
# A PNG, and a progressive JPEG, are decoded at full size (4 bytes a pixel, or the JPEG's
# coefficients): at most this many pixels, 64 MB. A baseline JPEG is checked at 1/8 scale.
DECODED_WHOLE_MAX_PIXELS = 16_000_000
JPEG_MAX_SCANS = 100  # a progressive JPEG has about ten; thousands make the decoder loop for minutes
# Pillow's own cap on a PNG's text chunks (64 MB by default): photos need none of it.
PngImagePlugin.MAX_TEXT_MEMORY = 4 * 1024 * 1024


@dataclass(frozen=True)
class CheckedPhoto:
    """An upload that ``inspect_image`` found to be a real JPEG or PNG of a sensible size."""

    content: bytes
    content_type: str
    width: int
    height: int


def photo_max_bytes() -> int:
    return current_app.config["PHOTO_MAX_BYTES"]


def photo_max_pixels() -> int:
    return current_app.config["PHOTO_MAX_PIXELS"]


def _too_many_pixels(limit: int) -> DomainError:
    return DomainError(
        _("The photo has too many pixels (at most %(count)d million).", count=limit // 1_000_000), field="photo"
    )


def inspect_image(content: bytes) -> CheckedPhoto:  # noqa: C901  (one check after another, each its own refusal)
    """A real JPEG or PNG within PHOTO_MAX_BYTES and PHOTO_MAX_PIXELS, decoded once to the end
    (a truncated or corrupt file fails) in bounded memory; ``DomainError`` otherwise. Touches
    no database: the request runs it before it takes the database's write lock."""
    if not content:
        raise DomainError(_("The file is empty."), field="photo")
    if len(content) > photo_max_bytes():
        raise DomainError(
            _("The photo is larger than %(size)s MB.", size=photo_max_bytes() // (1024 * 1024)), field="photo"
        )
    kind = next((value for magic, value in SIGNATURES.items() if content.startswith(magic)), None)
    if kind is None:
        raise DomainError(_("Only JPEG and PNG photos can be added."), field="photo")
    content_type, pillow_format = kind
    if pillow_format == "JPEG" and content.count(b"\xff\xda") > JPEG_MAX_SCANS:  # start-of-scan markers
        raise DomainError(
            _("This JPEG is saved in an unusual way (too many progressive scans). Save it again as an ordinary JPEG."),
            field="photo",
        )
    try:
        opened = Image.open(io.BytesIO(content))
    except Image.DecompressionBombError:  # Pillow's own limit, far above ours
        raise _too_many_pixels(photo_max_pixels()) from None
    except Exception as error:  # noqa: BLE001
        raise DomainError(_("This file is not a readable image."), field="photo") from error
    try:
        with opened as image:
            if image.format != pillow_format:
                raise DomainError(_("Only JPEG and PNG photos can be added."), field="photo")
            width, height = image.size
            if width * height > photo_max_pixels():
                raise _too_many_pixels(photo_max_pixels())
            decoded_whole = pillow_format == "PNG" or "progressive" in image.info or "progression" in image.info
            if decoded_whole and width * height > DECODED_WHOLE_MAX_PIXELS:
                raise _too_many_pixels(DECODED_WHOLE_MAX_PIXELS)
            if pillow_format == "JPEG":
                image.draft("RGB", (max(1, width // 8), max(1, height // 8)))
            image.load()  # decode it all: a truncated or corrupt file fails here
    except DomainError:
        raise
    except Exception as error:  # noqa: BLE001  (Pillow's errors for broken files vary; a file is never a 500)
        raise DomainError(_("This file is not a readable image."), field="photo") from error
    return CheckedPhoto(content, content_type, width, height)


def add_photo(actor, visit, *, filename: str, content: bytes | CheckedPhoto, caption: str | None = None) -> VisitPhoto:
    """Keep a photo: ``content`` as uploaded, or as ``inspect_image`` already checked it."""
    checked = content if isinstance(content, CheckedPhoto) else inspect_image(content)
    photo = VisitPhoto(
        visit=visit,
        filename=clean_filename(filename, default="photo"),
        caption=caption.strip() if caption and caption.strip() else None,
        content_type=checked.content_type,
        width=checked.width,
        height=checked.height,
        size=len(checked.content),
        content=checked.content,
        uploaded_by_id=getattr(actor, "id", None),
    )
    db.session.add(photo)
    audit.record(actor, "visit_photo.add", photo)
    return photo


def delete_photo(actor, photo: VisitPhoto) -> None:
    audit.record(actor, "visit_photo.delete", photo)
    db.session.delete(photo)
    db.session.flush()

"""Checking an uploaded image: a real JPEG or PNG of a sensible size, decoded once to the end in
bounded memory before anything is stored (a visit's photos, a participant's pass photo), and the
small copy a pass shows. Touches no database."""

import io
from dataclasses import dataclass

from flask import current_app
from flask_babel import gettext as _
from PIL import Image, ImageOps, PngImagePlugin

from partnership.core.errors import DomainError

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


def small_jpeg(checked: CheckedPhoto, longest_side: int) -> CheckedPhoto:
    """A JPEG of at most ``longest_side`` pixels a side, turned upright as the camera meant it and
    with no metadata (no EXIF: a phone's photo carries where and when it was taken)."""
    with Image.open(io.BytesIO(checked.content)) as image:
        upright = ImageOps.exif_transpose(image).convert("RGB")
    upright.thumbnail((longest_side, longest_side))
    out = io.BytesIO()
    upright.save(out, format="JPEG", quality=85, optimize=True)
    return CheckedPhoto(out.getvalue(), "image/jpeg", upright.width, upright.height)

"""Keeping a visit's photos. Uploads are checked to be real JPEG or PNG images
of a sensible size before they are stored; services flush, the request commits."""
import io

from flask import current_app
from flask_babel import gettext as _
from PIL import Image, UnidentifiedImageError

from partnership.audit import services as audit
from partnership.core.errors import DomainError
from partnership.extensions import db
from partnership.reports.models import VisitPhoto
from partnership.text import clean_filename

SIGNATURES = {
    b"\xff\xd8\xff": ("image/jpeg", "JPEG"),
    b"\x89PNG\r\n\x1a\n": ("image/png", "PNG"),
}
MAX_PIXELS = 50_000_000  # refuse decompression bombs long before Pillow's own limit


def photo_max_bytes() -> int:
    return current_app.config["PHOTO_MAX_BYTES"]


def inspect_image(content: bytes) -> tuple[str, int, int]:
    """(content type, width, height) of a real JPEG or PNG; DomainError otherwise."""
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
    try:
        with Image.open(io.BytesIO(content)) as image:
            if image.format != pillow_format:
                raise DomainError(_("Only JPEG and PNG photos can be added."), field="photo")
            width, height = image.size
            if width * height > MAX_PIXELS:
                raise DomainError(_("The photo has too many pixels."), field="photo")
            image.load()  # decode it all: a truncated or corrupt file fails here
    except DomainError:
        raise
    except (UnidentifiedImageError, OSError, SyntaxError, ValueError, Image.DecompressionBombError) as error:
        raise DomainError(_("This file is not a readable image."), field="photo") from error
    return content_type, width, height


def add_photo(actor, visit, *, filename: str, content: bytes, caption: str | None = None) -> VisitPhoto:
    content_type, width, height = inspect_image(content)
    photo = VisitPhoto(
        visit=visit,
        filename=clean_filename(filename, default="photo"),
        caption=caption.strip() if caption and caption.strip() else None,
        content_type=content_type,
        width=width,
        height=height,
        size=len(content),
        content=content,
        uploaded_by_id=getattr(actor, "id", None),
    )
    db.session.add(photo)
    audit.record(actor, "visit_photo.add", photo)
    return photo


def delete_photo(actor, photo: VisitPhoto) -> None:
    audit.record(actor, "visit_photo.delete", photo)
    db.session.delete(photo)
    db.session.flush()

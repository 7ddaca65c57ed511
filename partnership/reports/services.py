"""Keeping a visit's photos. Uploads are checked to be real JPEG or PNG images
of a sensible size before they are stored; services flush, the request commits."""

from partnership.audit import services as audit
from partnership.extensions import db
from partnership.images import CheckedPhoto, inspect_image
from partnership.reports.models import VisitPhoto
from partnership.text import clean_filename


def record_download(user, visit, document, language: str, scope, **details) -> None:
    """Every visit document names its participants: who took which, in which language, with
    or without their dates of birth and document numbers."""
    audit.record(
        user,
        "visit.document_downloaded",
        visit,
        details={"document": document.value, "language": language, "sensitive": scope.sensitive, **details},
    )


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

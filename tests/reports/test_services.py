"""Photo uploads: only real JPEG and PNG images of a sensible size are kept."""

import io

import pytest
from PIL import Image
from sqlalchemy import select

from partnership.audit.models import AuditEntry
from partnership.core.errors import DomainError
from partnership.extensions import db
from partnership.reports import services
from partnership.reports.models import VisitPhoto
from tests.reports.factories import VisitFactory, image_bytes


@pytest.fixture(autouse=True)
def in_a_request(app):
    """Refusals are translated into the reader's language, which a request carries."""
    with app.test_request_context():
        yield


def test_a_jpeg_is_kept_with_its_size_and_type(app, world):
    visit = VisitFactory()
    photo = services.add_photo(
        world.users["coordinator"],
        visit,
        filename="mine.jpg",
        content=image_bytes("JPEG", (300, 200)),
        caption="  At the mine ",
    )
    db.session.commit()
    assert (photo.content_type, photo.width, photo.height, photo.caption) == ("image/jpeg", 300, 200, "At the mine")
    assert db.session.scalar(select(AuditEntry).where(AuditEntry.action == "visit_photo.add")).target_id == photo.id


def test_a_png_is_kept(app, world):
    photo = services.add_photo(None, VisitFactory(), filename="a.png", content=image_bytes("PNG"))
    assert photo.content_type == "image/png"


def _gif() -> bytes:
    buffer = io.BytesIO()
    Image.new("RGB", (10, 10)).save(buffer, "GIF")
    return buffer.getvalue()


@pytest.mark.parametrize(
    "content, message",
    [
        (b"", "empty"),
        (_gif(), "Only JPEG and PNG"),
        (b"%PDF-1.4 not a photo", "Only JPEG and PNG"),
        (b"\xff\xd8\xff\xe0" + b"garbage" * 50, "not a readable image"),
        (image_bytes("PNG")[:60], "not a readable image"),
        (image_bytes("JPEG")[:-200], "not a readable image"),
    ],
    ids=["empty", "gif", "pdf", "fake-jpeg", "truncated-png", "truncated-jpeg"],
)
def test_anything_else_is_refused_beside_the_field(app, world, content, message):
    visit = VisitFactory()
    with pytest.raises(DomainError) as refused:
        services.add_photo(None, visit, filename="x.jpg", content=content)
    assert message in refused.value.message and refused.value.field == "photo"
    assert db.session.scalars(select(VisitPhoto).where(VisitPhoto.visit_id == visit.id)).all() == []


def test_a_photo_over_the_size_limit_is_refused(app, world, monkeypatch):
    monkeypatch.setitem(app.config, "PHOTO_MAX_BYTES", 1000)
    with pytest.raises(DomainError, match="larger than"):
        services.add_photo(
            None, VisitFactory(), filename="x.jpg", content=image_bytes("PNG", (400, 400)) + b"\0" * 1000
        )


def test_a_decompression_bomb_is_refused(app, world, monkeypatch):
    monkeypatch.setitem(app.config, "PHOTO_MAX_PIXELS", 100)
    with pytest.raises(DomainError, match="too many pixels"):
        services.add_photo(None, VisitFactory(), filename="x.png", content=image_bytes("PNG", (20, 20)))


def test_deleting_a_photo_removes_it_and_records_who(app, world):
    visit = VisitFactory()
    photo = services.add_photo(None, visit, filename="x.jpg", content=image_bytes())
    db.session.commit()
    services.delete_photo(world.users["admin"], photo)
    db.session.commit()
    assert db.session.scalars(select(VisitPhoto).where(VisitPhoto.visit_id == visit.id)).all() == []
    entry = db.session.scalar(select(AuditEntry).where(AuditEntry.action == "visit_photo.delete"))
    assert entry.actor_id == world.users["admin"].id

"""The photo on a gate pass: set by whoever may change the person, shown on the pass to those
who work the gate, kept small and without the camera's metadata, and erased with the person."""

import io
import re

from PIL import Image
from sqlalchemy import select

from partnership.audit.models import AuditEntry
from partnership.extensions import db
from partnership.gate.models import PassPhoto
from partnership.participants import services as participant_services
from tests.reports.factories import image_bytes


def _photo_url(world, person=None) -> str:
    person = person or world.gate_cleared
    return f"/visits/{person.visit_id}/participants/{person.id}/photo"


def _upload(client, world, content: bytes, name: str = "face.jpg"):
    return client.post(
        _photo_url(world),
        data={"photo": (io.BytesIO(content), name)},
        content_type="multipart/form-data",
    )


def _kept(world) -> PassPhoto | None:
    db.session.expire_all()
    return db.session.get(PassPhoto, world.gate_cleared.id)


def _phone_photo() -> bytes:
    """A large JPEG as a phone sends it: lying on its side (EXIF orientation 6), with a location."""
    image = Image.new("RGB", (3000, 2000), (120, 90, 60))
    exif = Image.Exif()
    exif[0x0112] = 6  # Orientation: rotate 90° clockwise to show
    exif[0x010F] = "PhoneMaker"  # Make
    buffer = io.BytesIO()
    image.save(buffer, "JPEG", exif=exif.tobytes())
    return buffer.getvalue()


def test_the_liaison_sets_a_photo_and_the_guide_sees_it_on_the_pass(app, world, login):
    liaison = login(world.users["liaison_a"])
    assert _upload(liaison, world, _phone_photo()).status_code == 302
    photo = _kept(world)
    assert photo is not None
    kept = Image.open(io.BytesIO(photo.content))
    # Upright (the camera's 3000×2000 lying on its side becomes portrait), small, and no EXIF kept.
    assert kept.format == "JPEG" and (photo.width, photo.height) == kept.size == (320, 480)
    assert not kept.getexif() and b"PhoneMaker" not in photo.content
    page = liaison.get(_photo_url(world)).get_data(as_text=True)
    assert "The photo of Jasur Cleared is on their pass." in page

    guide = login(world.users["guide"])
    token = world.gate_cleared.pass_token
    pass_page = guide.get(f"/pass/{token}").get_data(as_text=True)
    assert f'src="/pass/{token}/photo.jpg"' in pass_page and 'alt="Photo of Jasur Cleared"' in pass_page
    image = guide.get(f"/pass/{token}/photo.jpg")
    assert image.status_code == 200 and image.mimetype == "image/jpeg" and image.data == photo.content
    assert image.headers["Cache-Control"] == "private, no-store"
    # The guide reads the pass; changing the photo is not theirs.
    assert '/photo"' not in pass_page.replace("photo.jpg", "")
    assert guide.get(_photo_url(world)).status_code == 403


def test_a_pass_without_a_photo_says_so_and_has_no_image(app, world, login):
    guide = login(world.users["guide"])
    token = world.gate_cleared.pass_token
    page = guide.get(f"/pass/{token}").get_data(as_text=True)
    assert "No photo on this pass." in page and "photo.jpg" not in page
    assert guide.get(f"/pass/{token}/photo.jpg").status_code == 404


def test_a_coordinator_at_the_gate_reaches_the_photo_page_from_the_pass(app, world, login):
    coordinator = login(world.users["coordinator"])
    page = coordinator.get(f"/pass/{world.gate_cleared.pass_token}").get_data(as_text=True)
    assert f'href="{_photo_url(world)}"' in page
    assert _upload(coordinator, world, image_bytes("PNG", (600, 800))).status_code == 302
    assert (_kept(world).width, _kept(world).height) == (360, 480)


def test_a_file_that_is_not_a_photo_is_refused_beside_the_field_and_nothing_is_kept(app, world, login):
    liaison = login(world.users["liaison_a"])
    response = _upload(liaison, world, b"GIF89a not really", "trick.jpg")
    assert response.status_code == 200
    page = response.get_data(as_text=True)
    assert re.search(r'name="photo".*?invalid-feedback[^>]*>\s*Only JPEG and PNG photos can be added.', page, re.S)
    assert _kept(world) is None
    empty = liaison.post(_photo_url(world), data={})
    assert "Choose a photo." in empty.get_data(as_text=True) and _kept(world) is None


def test_another_universitys_liaison_and_management_reach_no_photo(app, world, login):
    login(world.users["liaison_a"])
    _upload(login(world.users["liaison_a"]), world, image_bytes())
    assert login(world.users["liaison_b"]).get(_photo_url(world)).status_code == 404
    assert login(world.users["liaison_b"]).get(_photo_url(world) + ".jpg").status_code == 404
    assert login(world.users["management"]).get(_photo_url(world) + ".jpg").status_code == 403
    assert login(world.users["liaison_b"]).get(f"/pass/{world.gate_cleared.pass_token}/photo.jpg").status_code == 403


def test_a_new_photo_replaces_the_old_and_removing_it_is_audited_without_the_image(app, world, login):
    liaison = login(world.users["liaison_a"])
    _upload(liaison, world, image_bytes("JPEG", (100, 100), colour=(0, 0, 0)))
    _upload(liaison, world, image_bytes("JPEG", (100, 50), colour=(255, 255, 255)))
    assert (_kept(world).width, _kept(world).height) == (100, 50)
    assert db.session.scalar(select(db.func.count()).where(PassPhoto.participant_id == world.gate_cleared.id)) == 1
    response = liaison.post(_photo_url(world) + "/delete", follow_redirects=True)
    assert "The photo of Jasur Cleared is removed." in response.get_data(as_text=True)
    assert _kept(world) is None
    actions = db.session.scalars(
        select(AuditEntry.action).where(AuditEntry.action.like("participant.pass_photo%")).order_by(AuditEntry.id)
    ).all()
    assert actions == ["participant.pass_photo_set", "participant.pass_photo_set", "participant.pass_photo_removed"]


def test_the_photo_is_in_the_persons_data_and_goes_with_their_erasure(app, world, login):
    _upload(login(world.users["liaison_a"]), world, image_bytes())
    person = db.session.get(type(world.gate_cleared), world.gate_cleared.id)
    data = participant_services.personal_data(world.users["coordinator"], person)
    assert data["pass_photo"]["jpeg_base64"]
    assert participant_services.erase_participant(world.users["coordinator"], person)
    db.session.flush()
    assert _kept(world) is None

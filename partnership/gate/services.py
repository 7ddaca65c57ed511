"""Checking a participant in at an item and out of it, from their gate pass.

Each is one conditional UPDATE (the row only changes while it is in the state the button
was pressed in), so a double submit or two phones scanning the same badge record it once:
the second is told the person is already in (or out). Also the photo a pass shows, set by those
who may change the person. The view commits."""

from flask_babel import gettext as _
from sqlalchemy import CursorResult, update

from partnership import images
from partnership.audit import services as audit
from partnership.core.errors import DomainError
from partnership.db import utcnow
from partnership.extensions import db
from partnership.gate.clearance import clearance
from partnership.gate.models import PassPhoto
from partnership.images import CheckedPhoto
from partnership.programme.models import ItineraryAttendee, ItineraryItem
from partnership.visits.models import Participant

# The longest side of a pass photo: sharp on a phone held at arm's length, a few dozen KB.
PASS_PHOTO_SIDE = 480


class AlreadyDone(DomainError):
    """The badge was checked in (or out) already: no harm, nothing to change."""


def _attendee_row(item: ItineraryItem, participant: Participant):
    return (ItineraryAttendee.item_id == item.id) & (ItineraryAttendee.participant_id == participant.id)


def _planned(item: ItineraryItem, participant: Participant) -> None:
    if db.session.get(ItineraryAttendee, (item.id, participant.id)) is None:
        raise DomainError(
            _("%(name)s is not on the list of %(activity)s.", name=participant.full_name, activity=item.activity)
        )


def check_in(actor, item: ItineraryItem, participant: Participant) -> None:
    """Record the arrival (and so the attendance) of a participant who meets the site's rules."""
    _planned(item, participant)
    found = clearance(participant, item.site, item.day)
    if not found.cleared:
        raise DomainError(
            _(
                "%(name)s is not cleared for %(site)s: %(reasons)s.",
                name=participant.full_name,
                site=item.site.name,
                reasons="; ".join(found.refusals),
            )
        )
    result: CursorResult = db.session.execute(  # type: ignore[assignment]  # an UPDATE's result
        update(ItineraryAttendee)
        .where(_attendee_row(item, participant), ItineraryAttendee.checked_in_at.is_(None))
        .values(checked_in_at=utcnow(), attended=True, checked_by_id=actor.id)
        .execution_options(synchronize_session="fetch")
    )
    if not result.rowcount:
        raise AlreadyDone(_("%(name)s is already checked in.", name=participant.full_name))
    audit.record(actor, "itinerary.check_in", item, details={"participant_id": participant.id})


def check_out(actor, item: ItineraryItem, participant: Participant) -> None:
    """Record the departure of a participant who is checked in and not yet out."""
    _planned(item, participant)
    result: CursorResult = db.session.execute(  # type: ignore[assignment]  # an UPDATE's result
        update(ItineraryAttendee)
        .where(
            _attendee_row(item, participant),
            ItineraryAttendee.checked_in_at.is_not(None),
            ItineraryAttendee.checked_out_at.is_(None),
        )
        .values(checked_out_at=utcnow(), checked_by_id=actor.id)
        .execution_options(synchronize_session="fetch")
    )
    if not result.rowcount:
        raise AlreadyDone(_("%(name)s is not checked in here.", name=participant.full_name))
    audit.record(actor, "itinerary.check_out", item, details={"participant_id": participant.id})


def _lock(participant: Participant) -> None:
    """Two uploads for one person at once: the second waits and replaces the first's photo."""
    db.session.refresh(participant, with_for_update={"of": Participant})


def pass_photo(participant: Participant) -> PassPhoto | None:
    return db.session.get(PassPhoto, participant.id)


def set_pass_photo(actor, participant: Participant, checked: CheckedPhoto) -> PassPhoto:
    """Keep (or replace) the photo on the person's pass: ``checked`` as ``images.inspect_image``
    passed it, kept as a small upright JPEG with no metadata."""
    small = images.small_jpeg(checked, PASS_PHOTO_SIDE)
    _lock(participant)
    photo = pass_photo(participant) or PassPhoto(participant_id=participant.id)
    photo.width, photo.height, photo.content = small.width, small.height, small.content
    photo.uploaded_by_id = getattr(actor, "id", None)
    photo.uploaded_at = utcnow()
    db.session.add(photo)
    audit.record(actor, "participant.pass_photo_set", participant)
    return photo


def remove_pass_photo(actor, participant: Participant) -> bool:
    _lock(participant)
    if not forget_pass_photo(participant):
        return False
    audit.record(actor, "participant.pass_photo_removed", participant)
    return True


def forget_pass_photo(participant: Participant) -> bool:
    """Delete the photo, within a change that already holds the person (their erasure)."""
    photo = pass_photo(participant)
    if photo is None:
        return False
    db.session.delete(photo)
    db.session.flush()
    return True

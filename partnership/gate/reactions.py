"""How the gate reacts to what happens in the sub-domains below it."""

import base64

from partnership.gate import services
from partnership.participants.signals import erasing, personal_data


@personal_data.connect
def pass_photo_of_a_participant(participant):
    """The photo itself (a small JPEG, in base64 as JSON carries it) and when it was kept."""
    photo = services.pass_photo(participant)
    if photo is None:
        return None
    return "pass_photo", {
        "uploaded_at": photo.uploaded_at.isoformat(),
        "jpeg_base64": base64.b64encode(photo.content).decode("ascii"),
    }


@erasing.connect
def erase_pass_photo(participant, actor) -> None:
    """A face identifies the person: it goes with the rest of their data."""
    services.forget_pass_photo(participant)

"""What the programme tells the sub-domains above it (notifications)."""

from blinker import Namespace

_signals = Namespace()

programme_changed = _signals.signal(
    "programme-changed",
    doc="An item of a visit's programme (the sender: the visit) was added, changed or removed by ``actor``, "
    "flushed, not yet committed.",
)

"""What the visits sub-domain tells the sub-domains above it (feedback, notifications)."""

from blinker import Namespace

_signals = Namespace()

visit_page = _signals.signal(
    "visit-page",
    doc="Drawing a visit's page (the sender) for ``user``; answer with a ``core.pages.Section`` or None.",
)
status_changed = _signals.signal(
    "visit-status-changed",
    doc="A visit (the sender) moved ``from_status`` → ``to_status`` by ``actor``, flushed, not yet committed. "
    "Receivers change data in the same transaction; a refusal (DomainError) refuses the move.",
)

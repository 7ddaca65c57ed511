"""What the partners sub-domain tells the sub-domains above it."""

from blinker import Namespace

_signals = Namespace()

organisation_page = _signals.signal(
    "organisation-page",
    doc="Drawing an organisation's page (the sender) for ``user``; answer with a ``core.pages.Section`` or None.",
)

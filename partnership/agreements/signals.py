"""What the agreements sub-domain tells the sub-domains above it."""

from blinker import Namespace

_signals = Namespace()

agreement_page = _signals.signal(
    "agreement-page",
    doc="Drawing an agreement's page (the sender) for ``user``; answer with a ``core.pages.Section`` or None.",
)

"""What the sites sub-domain tells the sub-domains above it."""

from blinker import Namespace

_signals = Namespace()

rules_changing = _signals.signal(
    "site-rules-changing",
    doc="A site's rules are about to become ``proposed`` (a ``sites.rules.SiteRules``), from ``today`` on. "
    "A receiver answers with the list of what the change would break (bookings, each named); "
    "any answer refuses the change.",
)

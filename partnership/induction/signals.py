"""What the induction sub-domain asks of the sub-domains above it."""

from blinker import Namespace

_signals = Namespace()

programme_sites = _signals.signal(
    "induction-programme-sites",
    doc="The ids of the sites a participant (the sender) is planned to attend: the programme "
    "answers with a set of site ids.",
)
links_to_send = _signals.signal(
    "induction-links-to-send",
    doc="Personal induction links were issued for a visit (the sender) by ``actor`` to be e-mailed: "
    "``tokens`` maps participant ids to their tokens, each to be sent once, in the same transaction.",
)

"""What the accounts sub-domain asks of the sub-domains above it."""

from blinker import Namespace

_signals = Namespace()

guide_choices = _signals.signal(
    "account-guide-choices",
    doc="The admin's account form asks which guides an account may belong to; a receiver answers "
    "with ``(guide id, name)`` pairs (the sites sub-domain keeps the guides).",
)


def choices_of_guides() -> list[tuple[int, str]]:
    return [pair for _receiver, answer in guide_choices.send(None) for pair in answer]

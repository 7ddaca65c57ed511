"""Sections that higher sub-domains add to the pages of lower ones (an organisation's page
shows its agreements and visits), so that a lower sub-domain never imports a higher one.
The page's sub-domain declares a signal and sends it while it draws the page; a receiver
answers with a ``Section`` (or ``None``); the page includes each section's template."""

from dataclasses import dataclass, field

from blinker import Signal


@dataclass(frozen=True)
class Section:
    template: str  # included by the page; it reads ``section.context``
    context: dict = field(default_factory=dict)
    order: int = 100  # lower first


def sections(signal: Signal, sender, **kwargs) -> list[Section]:
    """The sections that receivers of ``signal`` answer for ``sender``, in their order."""
    answers = [answer for _, answer in signal.send(sender, **kwargs) if answer is not None]
    return sorted(answers, key=lambda section: section.order)

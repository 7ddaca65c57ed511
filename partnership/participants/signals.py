"""What the participants sub-domain tells the sub-domains above it (programme, feedback), which
hold more about a person than the participant row: their attendance, their feedback."""

from blinker import Namespace

_signals = Namespace()

personal_data = _signals.signal(
    "participant-personal-data",
    doc="Everything about a participant (the sender) is being collected for them; answer with "
    "``(section name, JSON-ready data)`` or None.",
)
erasing = _signals.signal(
    "participant-erasing",
    doc="A participant (the sender) is being erased by ``actor``, in the same transaction: remove or "
    "neutralise what identifies them, keep what the visit's figures count (ratings, attendance).",
)
sites_ahead = _signals.signal(
    "participant-sites-ahead",
    doc="The participant list of a visit (the sender) asks which sites each of ``participant_ids`` is "
    "planned to visit: answer ``{participant id: [(site, day), …]}``; a site has the rules of "
    "``sites.rules.Rules``.",
)

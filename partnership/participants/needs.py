"""What the sites on a person's programme still require of them and is not yet there: the
sites' rules (``sites.rules.person_checks``) unmet, and the protective equipment sizes the
hosts need before they can issue it. The programme (above) says who goes where."""

from flask_babel import gettext as _
from sqlalchemy import Select

from partnership.extensions import db
from partnership.participants import signals
from partnership.sites.rules import person_checks
from partnership.visits.models import Participant

SIZE_NEEDS = {
    "helmet_size": lambda: _("helmet size missing"),
    "boot_size": lambda: _("boot size missing"),
    "vest_size": lambda: _("vest size missing"),
}


def needs_of(person, planned) -> list[str]:
    """``planned``: the (site, day) pairs of the person's programme items."""
    needs: list[str] = []
    ppe_missing = False
    for site, day in planned:
        for check in person_checks(site, person, day):
            if not check.met:
                ppe_missing |= check.rule == "ppe"
                if check.need not in needs:
                    needs.append(check.need)
    if ppe_missing:
        needs += [need() for field, need in SIZE_NEEDS.items() if not getattr(person, field)]
    return needs


def needs_by_participant(visit, people) -> dict[int, list[str]]:
    """Each listed (not erased) person's needs, asked of the programme in one query."""
    people = [p for p in people if not p.is_erased]
    planned: dict[int, list] = {}
    for _receiver, answer in signals.sites_ahead.send(visit, participant_ids=[p.id for p in people]):
        for participant_id, pairs in (answer or {}).items():
            planned.setdefault(participant_id, []).extend(pairs)
    return {p.id: needs for p in people if (needs := needs_of(p, planned.get(p.id, [])))}


def only_needing(visit, query: Select) -> Select:
    """``query`` (a visit's list) narrowed to the people who still need something."""
    needing = needs_by_participant(visit, db.session.scalars(query).all())
    return query.where(Participant.id.in_(list(needing)))

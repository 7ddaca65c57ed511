"""What the sites on a person's programme still require of them and is not yet there: the
sites' rules (``sites.rules.person_checks``) unmet, and the protective equipment sizes the
hosts need before they can issue it. The programme (above) says who goes where."""

from flask_babel import gettext as _
from sqlalchemy import Select

from partnership.extensions import db
from partnership.induction import queries as induction_queries
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
    """Each listed (not erased) person's needs, asked of the programme in one query, and of the
    inductions in one more: a site that requires its safety induction needs it passed."""
    people = [p for p in people if not p.is_erased]
    planned: dict[int, list] = {}
    for _receiver, answer in signals.sites_ahead.send(visit, participant_ids=[p.id for p in people]):
        for participant_id, pairs in (answer or {}).items():
            planned.setdefault(participant_id, []).extend(pairs)
    inducting = {site.id for pairs in planned.values() for site, _day in pairs if site.induction_required}
    passed = (
        {
            (result.participant_id, result.site_id)
            for result in induction_queries.results_of([p.id for p in people], inducting)
            if result.passed
        }
        if inducting
        else set()
    )
    found = {}
    for person in people:
        mine = planned.get(person.id, [])
        needs = needs_of(person, mine)
        if any(site.induction_required and (person.id, site.id) not in passed for site, _day in mine):
            needs.append(_("safety induction not taken"))
        if needs:
            found[person.id] = needs
    return found


def only_needing(visit, query: Select) -> Select:
    """``query`` (a visit's list) narrowed to the people who still need something."""
    needing = needs_by_participant(visit, db.session.scalars(query).all())
    return query.where(Participant.id.in_(list(needing)))

"""Visit operations: creating and editing requests, moving them through their
lifecycle, combining delegations. They flush; the request commits."""

from datetime import date, timedelta

from flask_babel import format_date
from flask_babel import gettext as _
from sqlalchemy import select

from partnership import languages, submissions
from partnership.agreements import access as agreement_access
from partnership.agreements.models import Agreement
from partnership.audit import services as audit
from partnership.core import clock
from partnership.core.errors import DomainError
from partnership.core.roles import Role
from partnership.extensions import db
from partnership.partners.models import Organisation
from partnership.visits import access
from partnership.visits.locks import lock_visits
from partnership.visits.models import (
    MERGEABLE,
    TRANSITIONS,
    Visit,
    VisitStatus,
    VisitTransition,
)
from partnership.visits.signals import status_changed


def _check_dates(starts_on: date, ends_on: date) -> None:
    if ends_on < starts_on:
        raise DomainError(_("The visit cannot end before it starts."), field="ends_on")


def _agreements(ids) -> list[Agreement]:
    ids = set(ids or ())
    agreements = list(db.session.scalars(select(Agreement).where(Agreement.id.in_(ids)))) if ids else []
    if len(agreements) != len(ids):
        raise DomainError(_("Unknown agreement."), field="agreement_ids")
    return agreements


def _check_agreements_allowed(actor, agreements: list[Agreement]) -> None:
    """A liaison may cite only agreements their organisation is party to."""
    if actor.role is Role.liaison:
        if not all(agreement_access.can_view(actor, agreement) for agreement in agreements):
            raise DomainError(_("Choose agreements your organisation is party to."), field="agreement_ids")


def _record(visit: Visit, actor, from_status, to_status, comment: str | None) -> VisitTransition:
    step = VisitTransition(
        from_status=from_status, to_status=to_status, actor_id=getattr(actor, "id", None), comment=comment or None
    )
    visit.transitions.append(step)
    return step


def create_visit(
    actor,
    *,
    title: str,
    starts_on: date,
    ends_on: date,
    purpose: str | None = None,
    organisation_ids=(),
    agreement_ids=(),
    coordinator_id: int | None = None,
    submission: str | None = None,
    translations: dict | None = None,
) -> Visit:
    """A new request, in draft. A liaison's request is always for their own organisation.
    ``submission``: the form's one-time token (``partnership.submissions``)."""
    if not access.can_create(actor):
        raise DomainError(_("You may not create visits."))
    submissions.claim(actor, submission, "visit")
    _check_dates(starts_on, ends_on)
    if actor.role is Role.liaison:
        organisation_ids = [actor.organisation_id]
        coordinator_id = None
    organisations = list(db.session.scalars(select(Organisation).where(Organisation.id.in_(set(organisation_ids)))))
    if not organisations or len(organisations) != len(set(organisation_ids)):
        raise DomainError(_("Choose at least one visiting organisation."), field="organisation_ids")
    agreements = _agreements(agreement_ids)
    _check_agreements_allowed(actor, agreements)
    visit = Visit(
        title=title.strip(),
        purpose=purpose,
        starts_on=starts_on,
        ends_on=ends_on,
        status=VisitStatus.draft,
        coordinator_id=coordinator_id,
        created_by_id=actor.id,
        organisations=organisations,
        agreements=agreements,
    )
    languages.assign(visit, translations or {}, ("title", "purpose"))
    db.session.add(visit)
    _record(visit, actor, None, VisitStatus.draft, None)
    audit.record(actor, "visit.create", visit)
    submissions.record(submission, visit)
    return visit


def update_visit(
    actor,
    visit: Visit,
    *,
    title: str,
    starts_on: date,
    ends_on: date,
    purpose: str | None = None,
    agreement_ids=(),
    coordinator_id: int | None = None,
    outcomes: str | None = None,
    account: str | None = None,
    translations: dict | None = None,
) -> Visit:
    if not access.can_edit(actor, visit):
        raise DomainError(_("This visit can no longer be changed by you."))
    _check_dates(starts_on, ends_on)
    agreements = _agreements(agreement_ids)
    if actor.role is Role.liaison:
        # A liaison keeps the agreements they cannot see as they were.
        _check_agreements_allowed(actor, agreements)
        agreements = [a for a in visit.agreements if not agreement_access.can_view(actor, a)] + agreements
    visit.title = title.strip()
    visit.purpose = purpose
    visit.starts_on = starts_on
    visit.ends_on = ends_on
    visit.agreements = agreements
    languages.assign(visit, translations or {}, ("title", "purpose"))
    if access.is_staff(actor):  # what was seen and what came of it: the host's to write
        visit.coordinator_id = coordinator_id
        visit.outcomes = outcomes
        visit.account = account
        languages.assign(visit, translations or {}, ("account", "outcomes"))
    audit.record(actor, "visit.update", visit)
    return visit


def transition(actor, visit: Visit, to_status: VisitStatus, comment: str | None = None) -> VisitTransition:
    """Move ``visit`` to ``to_status`` if ``actor``'s role may make that move from its state."""
    to_status = VisitStatus(to_status)
    comment = (comment or "").strip() or None
    lock_visits(visit)  # of two requests making the same move, the second sees it made
    if not access.can_view(actor, visit) or not access.can_make(actor, to_status):
        raise DomainError(_("You may not move this visit to “%(status)s”.", status=to_status.label))
    if not TRANSITIONS[to_status].allows(actor.role, visit.status):
        raise DomainError(
            _(
                "A visit that is “%(current)s” cannot become “%(status)s”.",
                current=visit.status.label,
                status=to_status.label,
            )
        )
    if to_status is VisitStatus.completed and clock.today() <= visit.ends_on:
        raise DomainError(
            _(
                "A visit is completed only after its last day (%(last)s): it can be marked completed from %(day)s.",
                last=format_date(visit.ends_on, "long"),
                day=format_date(visit.ends_on + timedelta(days=1), "long"),
            )
        )
    if to_status is VisitStatus.rejected:
        if not comment:
            raise DomainError(_("Give the reason for the rejection."), field="comment")
        visit.rejection_reason = comment
    from_status = visit.status
    visit.status = to_status
    if to_status is VisitStatus.approved and visit.coordinator_id is None and access.is_staff(actor):
        visit.coordinator_id = actor.id
    recorded = _record(visit, actor, from_status, to_status, comment)
    audit.record(actor, f"visit.{to_status.value}", visit)
    status_changed.send(visit, actor=actor, from_status=from_status, to_status=to_status)
    return recorded


def _check_can_combine(actor, visit: Visit, *others: Visit) -> None:
    if not access.can_combine(actor):
        raise DomainError(_("Only coordinators combine delegations."))
    lock_visits(visit, *others)
    if visit.status.is_closed:
        raise DomainError(_("A closed visit cannot take more delegations."))


def add_organisation(actor, visit: Visit, organisation: Organisation, comment: str | None = None) -> None:
    """Combine: another organisation's delegation joins this visit."""
    _check_can_combine(actor, visit)
    if organisation.id in visit.organisation_ids:
        raise DomainError(_("This organisation already takes part in the visit."), field="organisation_id")
    visit.organisations.append(organisation)
    note = _("%(organisation)s joined the visit.", organisation=organisation.name)
    _record(visit, actor, visit.status, visit.status, " ".join(filter(None, [note, comment])))
    audit.record(actor, "visit.add_organisation", visit)


def remove_organisation(actor, visit: Visit, organisation: Organisation) -> None:
    _check_can_combine(actor, visit)
    if organisation.id not in visit.organisation_ids:
        raise DomainError(_("This organisation does not take part in the visit."))
    if len(visit.organisations) == 1:
        raise DomainError(_("A visit needs at least one visiting organisation."))
    if any(p.organisation_id == organisation.id for p in visit.participants):
        raise DomainError(_("Remove or move this organisation's participants first."))
    visit.organisations.remove(organisation)
    _record(
        visit, actor, visit.status, visit.status, _("%(organisation)s left the visit.", organisation=organisation.name)
    )
    audit.record(actor, "visit.remove_organisation", visit)


def merge(actor, visit: Visit, other: Visit) -> None:
    """Combine: fold the request ``other`` into ``visit``. Its organisations, agreements
    and participants move over; ``other`` is cancelled, and both histories say so."""
    _check_can_combine(actor, visit, other)
    if other.id == visit.id:
        raise DomainError(_("A visit cannot be combined with itself."), field="other_id")
    if other.status not in MERGEABLE:
        raise DomainError(_("Only draft, requested or approved visits can be combined into another."), field="other_id")
    for organisation in other.organisations:
        if organisation not in visit.organisations:
            visit.organisations.append(organisation)
    for agreement in other.agreements:
        if agreement not in visit.agreements:
            visit.agreements.append(agreement)
    for participant in list(other.participants):
        participant.visit = visit
    names = ", ".join(o.name for o in other.organisations)
    _record(
        visit,
        actor,
        visit.status,
        visit.status,
        _("Combined with request #%(id)d “%(title)s” (%(names)s).", id=other.id, title=other.title, names=names),
    )
    previous = other.status
    other.status = VisitStatus.cancelled
    _record(
        other,
        actor,
        previous,
        VisitStatus.cancelled,
        _("Combined into visit #%(id)d “%(title)s”.", id=visit.id, title=visit.title),
    )
    audit.record(actor, "visit.merge", visit)
    audit.record(actor, "visit.merged_away", other)

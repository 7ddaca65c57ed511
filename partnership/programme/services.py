"""Planning a visit's itinerary and recording what was carried out.

Every booking takes its locks first (``locks.lock``), then checks every rule against
what is committed, then writes: all in the caller's one transaction. Functions flush;
the request (or CLI command) commits."""

from datetime import date, datetime

from flask_babel import gettext as _
from sqlalchemy import select
from sqlalchemy.orm import selectinload

from partnership import languages
from partnership.audit import services as audit
from partnership.core.errors import DomainError
from partnership.db import utcnow
from partnership.extensions import db
from partnership.programme import locks, rules
from partnership.programme.models import (
    ATTENDANCE_OPEN,
    PLANNABLE,
    ItineraryAttendee,
    ItineraryItem,
)
from partnership.programme.rules import ItineraryRuleError, Plan
from partnership.programme.signals import programme_changed
from partnership.sites.models import Guide, Site
from partnership.sites.rules import SiteRules
from partnership.text import fold
from partnership.visits.models import Participant, Visit, VisitStatus


def _check_plannable(status: VisitStatus | None) -> None:
    if status not in PLANNABLE:
        label = status.label if status else "—"
        raise DomainError(
            _(
                "The programme is planned while the visit is approved or confirmed; this visit is %(status)s.",
                status=str(label).lower(),
            )
        )


def _fresh_site(site_id: int) -> Site:
    """The site as committed now (under the lock), with its guides."""
    return db.session.scalars(
        select(Site)
        .where(Site.id == site_id)
        .options(selectinload(Site.guides))
        .execution_options(populate_existing=True)
    ).one()


def _guides(guide: Guide | None, extra_guides) -> list[Guide]:
    """The group's guides, the leading one first, each once."""
    found = [guide] if guide is not None else []
    for extra in extra_guides or ():
        if extra not in found:
            found.append(extra)
    return found


def _participants(visit: Visit) -> list[Participant]:
    return list(
        db.session.scalars(select(Participant).where(Participant.visit_id == visit.id).order_by(Participant.id))
    )


def _checked(plan: Plan) -> None:
    violations = rules.check(plan)
    if violations:
        raise ItineraryRuleError(violations)


def name_activity(item: ItineraryItem, site: Site, translations: dict) -> None:
    """The item's activity in three languages: what was typed, and where it is one of the site's
    usual activities (named in any language), that activity's names for what was left empty."""
    languages.assign(item, translations, item.TRANSLATED)
    typed = fold(item.activity)
    with db.session.no_autoflush:  # the new item is not flushed before its checks
        usual_activities = list(site.activities)
    for usual in usual_activities:
        if typed in {fold(usual.name), fold(usual.name_ru), fold(usual.name_uz)}:
            item.activity = usual.name
            item.activity_ru = item.activity_ru or usual.name_ru
            item.activity_uz = item.activity_uz or usual.name_uz
            return


def add_item(
    actor,
    visit: Visit,
    *,
    site: Site,
    starts_at: datetime,
    ends_at: datetime,
    activity: str,
    guide: Guide | None = None,
    extra_guides=(),
    meeting_point: str | None = None,
    notes: str | None = None,
    attendees: list[Participant] | None = None,
    translations: dict | None = None,
) -> ItineraryItem:
    """A new slot for ``visit``; ``attendees`` None means every participant of the visit."""
    guides = _guides(guide, extra_guides)
    status = locks.lock(visit_id=visit.id, site_ids=[site.id], guide_ids=[g.id for g in guides])
    _check_plannable(status)
    site = _fresh_site(site.id)
    people = _participants(visit) if attendees is None else list(dict.fromkeys(attendees))
    _checked(Plan(visit, SiteRules.of(site), starts_at, ends_at, people, guides))
    item = ItineraryItem(
        visit=visit,
        site=site,
        guide=guides[0] if guides else None,
        extra_guides=guides[1:],
        starts_at=starts_at,
        ends_at=ends_at,
        activity=activity.strip(),
        meeting_point=meeting_point,
        notes=notes,
        attendances=[ItineraryAttendee(participant=p) for p in people],
    )
    name_activity(item, site, translations or {})
    db.session.add(item)
    audit.record(actor, "itinerary.add", item)
    db.session.flush()
    programme_changed.send(visit, actor=actor)
    return item


def update_item(
    actor,
    item: ItineraryItem,
    *,
    site: Site,
    starts_at: datetime,
    ends_at: datetime,
    activity: str,
    guide: Guide | None = None,
    extra_guides=(),
    meeting_point: str | None = None,
    notes: str | None = None,
    attendees: list[Participant] | None = None,
    translations: dict | None = None,
) -> ItineraryItem:
    guides = _guides(guide, extra_guides)
    status = locks.lock(
        visit_id=item.visit_id,
        site_ids=[site.id, item.site_id],
        guide_ids=[g.id for g in guides] + [g.id for g in item.guides],
    )
    _check_plannable(status)
    site = _fresh_site(site.id)
    people = _participants(item.visit) if attendees is None else list(dict.fromkeys(attendees))
    _checked(Plan(item.visit, SiteRules.of(site), starts_at, ends_at, people, guides, item_id=item.id))
    kept = {a.participant_id: a for a in item.attendances}
    item.site = site
    item.guide = guides[0] if guides else None
    item.extra_guides = guides[1:]
    item.starts_at, item.ends_at = starts_at, ends_at
    item.activity = activity.strip()
    name_activity(item, site, translations or {})
    item.meeting_point = meeting_point
    item.notes = notes
    item.attendances = [kept.get(p.id) or ItineraryAttendee(participant=p) for p in people]
    audit.record(actor, "itinerary.update", item)
    db.session.flush()
    programme_changed.send(item.visit, actor=actor)
    return item


def delete_item(actor, item: ItineraryItem) -> None:
    _check_plannable(locks.lock(visit_id=item.visit_id))
    audit.record(actor, "itinerary.delete", item)
    visit = item.visit
    db.session.delete(item)
    db.session.flush()
    programme_changed.send(visit, actor=actor)


def record_attendance(actor, item: ItineraryItem, present_ids, today: date) -> None:
    """Who of the planned attendees came: everyone in ``present_ids``, nobody else."""
    if item.visit.status not in ATTENDANCE_OPEN:
        raise DomainError(_("Attendance is recorded for approved, confirmed or completed visits only."))
    if item.day > today:
        raise DomainError(_("Attendance is recorded on the day of the item or after it."))
    present = set(present_ids)
    unknown = present - {a.participant_id for a in item.attendances}
    if unknown:
        raise DomainError(_("Only the people planned for this item can be marked present."), field="present")
    for attendance in item.attendances:
        attendance.attended = attendance.participant_id in present
    item.attendance_recorded_at = utcnow()
    item.attendance_recorded_by_id = actor.id if actor is not None else None
    audit.record(actor, "itinerary.attendance", item)

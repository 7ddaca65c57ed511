"""iCalendar (RFC 5545) exports: a visit's programme and a site's bookings.

Items are planned in the company's local time and written with their time zone
(TZID and a VTIMEZONE); a multi-day visit is one all-day event whose DTEND is the
day after its last day (DTEND is exclusive)."""

from datetime import UTC, datetime, timedelta
from zoneinfo import ZoneInfo

from flask_babel import gettext as _
from icalendar import Calendar, Event

from partnership.programme.models import ItineraryItem
from partnership.sites.models import Site
from partnership.visits.models import Visit, VisitStatus

PRODID = "-//AMMC//Partnership//EN"


def _calendar(name: str) -> Calendar:
    cal = Calendar()
    cal.add("prodid", PRODID)
    cal.add("version", "2.0")
    cal.add("calscale", "GREGORIAN")
    cal.add("method", "PUBLISH")
    cal.add("x-wr-calname", name)
    return cal


def _finish(cal: Calendar) -> bytes:
    cal.add_missing_timezones()
    return cal.to_ical()


def _stamp(event: Event, now: datetime) -> None:
    event.add("dtstamp", now.astimezone(UTC))


def item_uid(item: ItineraryItem, domain: str) -> str:
    return f"itinerary-item-{item.id}@{domain}"


def visit_uid(visit: Visit, domain: str) -> str:
    return f"visit-{visit.id}@{domain}"


def _item_event(item: ItineraryItem, tz: ZoneInfo, domain: str, now: datetime, summary: str, description: str) -> Event:
    event = Event()
    event.add("uid", item_uid(item, domain))
    _stamp(event, now)
    event.add("dtstart", item.starts_at.replace(tzinfo=tz))
    event.add("dtend", item.ends_at.replace(tzinfo=tz))
    event.add("summary", summary)
    event.add("location", ", ".join(x for x in (item.site.name, item.site.location, item.meeting_point) if x))
    if description:
        event.add("description", description)
    if item.visit.status is VisitStatus.cancelled:
        event.add("status", "CANCELLED")
    else:
        event.add(
            "status",
            "CONFIRMED" if item.visit.status in (VisitStatus.confirmed, VisitStatus.completed) else "TENTATIVE",
        )
    return event


def _visit_event(visit: Visit, domain: str, now: datetime) -> Event:
    whole = Event()
    whole.add("uid", visit_uid(visit, domain))
    _stamp(whole, now)
    whole.add("dtstart", visit.starts_on)
    whole.add("dtend", visit.ends_on + timedelta(days=1))  # exclusive: the day after the last day
    whole.add("summary", visit.title)
    whole.add("transp", "TRANSPARENT")
    if visit.purpose:
        whole.add("description", visit.purpose)
    return whole


def _add_items(cal: Calendar, visit: Visit, items: list[ItineraryItem], tz: ZoneInfo, domain: str, now: datetime):
    for item in items:
        guides = ", ".join(g.name for g in item.guides)
        lines = [
            _("Visit: %(title)s", title=visit.title),
            _("Attendees: %(n)d", n=len(item.attendances)),
        ]
        if guides:
            lines.append(_("Guides: %(names)s", names=guides))
        cal.add_component(_item_event(item, tz, domain, now, f"{item.activity} — {item.site.name}", "\n".join(lines)))


def visit_calendar(visit: Visit, items: list[ItineraryItem], tz: ZoneInfo, domain: str, now: datetime) -> bytes:
    cal = _calendar(visit.title)
    cal.add_component(_visit_event(visit, domain, now))
    _add_items(cal, visit, items, tz, domain, now)
    return _finish(cal)


def feed_calendar(
    name: str, visits: list[Visit], items: list[ItineraryItem], tz: ZoneInfo, domain: str, now: datetime
) -> bytes:
    """A person's calendar subscription: their visits and the items of those visits. With nothing in
    it, it is still a valid calendar (a VCALENDAR with no components)."""
    cal = _calendar(name)
    by_visit: dict[int, list[ItineraryItem]] = {}
    for item in items:
        by_visit.setdefault(item.visit_id, []).append(item)
    for visit in visits:
        cal.add_component(_visit_event(visit, domain, now))
        _add_items(cal, visit, by_visit.get(visit.id, []), tz, domain, now)
    return _finish(cal)


def site_calendar(site: Site, items: list[ItineraryItem], visible, tz: ZoneInfo, domain: str, now: datetime) -> bytes:
    """``visible(visit)`` says whether the reader may know the visit; others show as bookings."""
    cal = _calendar(site.name)
    for item in items:
        people = _("%(n)d people", n=len(item.attendances))
        if visible(item.visit):
            summary = f"{item.visit.title}: {item.activity} ({people})"
            description = _("Visit: %(title)s", title=item.visit.title)
        else:
            summary = _("Booked (%(people)s)", people=people)
            description = ""
        cal.add_component(_item_event(item, tz, domain, now, summary, description))
    return _finish(cal)

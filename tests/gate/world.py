"""The gate's part of the test world: the guide account's mine, a confirmed visit there
today (one person cleared, one without protective equipment, one with a photo on the pass) and, at a museum the guide
does not work at, another of today's items."""

from datetime import date, datetime, time

from partnership.core import clock
from partnership.extensions import db
from partnership.gate.models import PassPhoto
from partnership.sites.models import Guide, SiteKind
from partnership.visits.models import VisitStatus
from tests.programme.factories import ItineraryItemFactory
from tests.reports.factories import image_bytes
from tests.sites.factories import SiteFactory
from tests.visits.factories import ParticipantFactory, VisitFactory


def extend(w) -> None:
    today = clock.today()
    w.gate_site = SiteFactory(
        name="Gate test pit", kind=SiteKind.mine, min_age=18, ppe_required=True, medical_clearance_required=True
    )
    w.gate_museum = SiteFactory(name="Gate test museum", kind=SiteKind.museum)
    w.gate_guide = db.session.get(Guide, w.users["guide"].guide_id)
    w.gate_guide.sites.append(w.gate_site)
    w.gate_visit = VisitFactory(
        title="Gate visit of A", organisations=[w.org_a], status=VisitStatus.confirmed, starts_on=today, ends_on=today
    )
    adult = date(today.year - 30, 1, 1)
    w.gate_cleared = ParticipantFactory(
        visit=w.gate_visit, full_name="Jasur Cleared", date_of_birth=adult, ppe_issued=True, medical_clearance=True
    )
    w.gate_unequipped = ParticipantFactory(
        visit=w.gate_visit, full_name="Kamola Unequipped", date_of_birth=adult, ppe_issued=False, medical_clearance=True
    )
    w.gate_photo_person = ParticipantFactory(
        visit=w.gate_visit, full_name="Malika Photo", date_of_birth=adult, ppe_issued=True, medical_clearance=True
    )
    db.session.add(PassPhoto(participant_id=w.gate_photo_person.id, width=64, height=48, content=image_bytes()))
    w.gate_item = ItineraryItemFactory(
        visit=w.gate_visit,
        site=w.gate_site,
        activity="Open pit tour",
        starts_at=datetime.combine(today, time(0, 0)),
        ends_at=datetime.combine(today, time(23, 59)),
    )
    w.gate_museum_visit = VisitFactory(
        title="Museum visit of A", organisations=[w.org_a], status=VisitStatus.confirmed, starts_on=today, ends_on=today
    )
    w.gate_museum_person = ParticipantFactory(visit=w.gate_museum_visit, full_name="Lola Museum")
    w.gate_museum_item = ItineraryItemFactory(
        visit=w.gate_museum_visit,
        site=w.gate_museum,
        activity="Museum tour",
        starts_at=datetime.combine(today, time(0, 0)),
        ends_at=datetime.combine(today, time(23, 59)),
    )
    db.session.flush()

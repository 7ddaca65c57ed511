"""The programme's part of the test world.

World extensions run in folder-name order (programme < sites < visits), so this one
builds its own site, guide and visits with the sites' and visits' factories."""

from datetime import datetime, time, timedelta

from partnership.core import clock
from partnership.visits.models import VisitStatus
from tests.programme.factories import ItineraryItemFactory
from tests.sites.factories import GuideFactory, SiteFactory
from tests.visits.factories import ParticipantFactory, VisitFactory


def extend(w) -> None:
    today = clock.today()
    w.programme_site = SiteFactory(name="Demonstration workshop", capacity=30)
    w.programme_guide = GuideFactory(name="Nodira Yusupova", sites=[w.programme_site])
    # Approved, yesterday to tomorrow: plannable, and yesterday's attendance may be recorded.
    w.planned_visit = VisitFactory(
        title="Planned visit of A",
        organisations=[w.org_a],
        status=VisitStatus.approved,
        starts_on=today - timedelta(days=1),
        ends_on=today + timedelta(days=1),
    )
    w.planned_participant = ParticipantFactory(
        visit=w.planned_visit,
        organisation=w.org_a,
        full_name="Aziz Rahimov",
        medical_clearance=True,
        ppe_issued=True,
    )
    w.planned_day = (today - timedelta(days=1)).isoformat()
    w.item = ItineraryItemFactory(
        visit=w.planned_visit,
        site=w.programme_site,
        guide=w.programme_guide,
        activity="History of the company",
        starts_at=datetime.combine(today - timedelta(days=1), time(10)),
        ends_at=datetime.combine(today - timedelta(days=1), time(11)),
    )
    w.draft_visit = VisitFactory(title="Draft visit of A", organisations=[w.org_a], status=VisitStatus.draft)

"""Feedback's part of the access-table world: a completed visit of university A,
a participant with an open link, another who answered with consent to be quoted.
(The visits helper's world is built after ours, so the visit is made here.)"""

from datetime import date

from partnership.feedback import services
from partnership.visits.models import VisitStatus
from tests.feedback.factories import ItineraryItemFactory, issued_link
from tests.sites.factories import SiteFactory
from tests.visits.factories import ParticipantFactory, VisitFactory


def extend(w):
    w.feedback_visit = VisitFactory(
        title="Feedback: completed visit of A",
        organisations=[w.org_a],
        status=VisitStatus.completed,
        starts_on=date(2025, 6, 24),
        ends_on=date(2025, 6, 25),
    )
    w.feedback_site = SiteFactory(name="Feedback: history museum")
    w.feedback_participant = ParticipantFactory(
        visit=w.feedback_visit, organisation=w.org_a, full_name="Riahi Amma Vissal"
    )
    answered = ParticipantFactory(visit=w.feedback_visit, organisation=w.org_a, full_name="Kamola Yusupova")
    ItineraryItemFactory(
        visit=w.feedback_visit, site=w.feedback_site, attendees=[(w.feedback_participant, True), (answered, True)]
    )
    answer_token = issued_link(answered)
    w.feedback_token = issued_link(w.feedback_participant)
    w.feedback_invitation = services.find_open_invitation(w.feedback_token)
    w.feedback_response = services.submit_response(
        services.find_open_invitation(answer_token),
        ratings={w.feedback_site.id: 5},
        words="Seeing large-scale operations was very exciting.",
        consent_publish_words=True,
        consent_publish_name=False,
    )

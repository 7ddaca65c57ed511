"""Itinerary items for feedback tests, and links issued as a coordinator would."""

from datetime import datetime, time, timedelta

import factory

from partnership.extensions import db
from partnership.feedback import services
from partnership.programme.models import ItineraryAttendee, ItineraryItem
from tests.factories import Base
from tests.sites.factories import SiteFactory
from tests.visits.factories import VisitFactory


class ItineraryItemFactory(Base):
    class Meta:
        model = ItineraryItem

    visit = factory.SubFactory(VisitFactory)
    site = factory.SubFactory(SiteFactory)
    starts_at = factory.LazyAttribute(lambda i: datetime.combine(i.visit.starts_on, time(9, 0)))
    ends_at = factory.LazyAttribute(lambda i: i.starts_at + timedelta(hours=2))
    activity = "Guided tour"

    @factory.post_generation
    def attendees(item, create, extracted, **kwargs):
        """``attendees=[p1, p2]`` or ``attendees=[(p1, True), (p2, False)]`` (attended or not)."""
        for entry in extracted or []:
            participant, attended = entry if isinstance(entry, tuple) else (entry, None)
            item.attendances.append(ItineraryAttendee(participant=participant, attended=attended))
        if create and extracted:
            db.session.flush()


def link_for(participant, actor=None, now=None) -> str:
    """Issue (or reissue) the participant's link and return its token, committed
    as a coordinator's request would."""
    token = issued_link(participant, actor, now)
    db.session.commit()
    return token


def issued_link(participant, actor=None, now=None) -> str:
    """``link_for`` without the commit, for builders that commit once at the end."""
    tokens = services.issue_links(participant.visit, actor, now=now)
    if participant.id not in tokens:
        from sqlalchemy import select

        from partnership.feedback.models import FeedbackInvitation

        invitation = db.session.scalar(select(FeedbackInvitation).filter_by(participant_id=participant.id))
        tokens = {participant.id: services.reissue_link(invitation, actor, now=now)}
    return tokens[participant.id]

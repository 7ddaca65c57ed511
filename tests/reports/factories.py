"""Factories for what the reports read: visits and their people (the visits
helper's own factories live on its branch), and photos."""

import io
from datetime import date, datetime, timedelta

import factory
from PIL import Image

from partnership.programme.models import ItineraryAttendee, ItineraryItem
from partnership.reports.models import VisitPhoto
from partnership.visits.models import Participant, ParticipantRole, Visit, VisitStatus
from tests.factories import Base, OrganisationFactory
from tests.sites.factories import SiteFactory


class VisitFactory(Base):
    class Meta:
        model = Visit

    title = factory.Sequence(lambda n: f"Industrial excursion {n}")
    purpose = "Mining processes, the company's history and its training centre."
    starts_on = date(2025, 6, 24)
    ends_on = date(2025, 6, 25)
    status = VisitStatus.completed

    @factory.post_generation
    def organisations(visit, create, extracted, **kwargs):
        for organisation in extracted or []:
            visit.organisations.append(organisation)

    @factory.post_generation
    def agreements(visit, create, extracted, **kwargs):
        for agreement in extracted or []:
            visit.agreements.append(agreement)
        from partnership.extensions import db

        if create and extracted:
            db.session.flush()


class ParticipantFactory(Base):
    class Meta:
        model = Participant

    visit = factory.SubFactory(VisitFactory)
    organisation = factory.SubFactory(OrganisationFactory)
    full_name = factory.Sequence(lambda n: f"Participant {n}")
    role = ParticipantRole.student
    nationality = "UZ"
    faculty = "Geology and Geophysics"
    date_of_birth = date(2003, 4, 5)
    document_number = factory.Sequence(lambda n: f"AA{n:07d}")
    email = factory.Sequence(lambda n: f"person{n}@example.org")
    medical_clearance = True
    ppe_issued = True


def image_bytes(kind: str = "JPEG", size=(64, 48), colour=(176, 104, 47)) -> bytes:
    buffer = io.BytesIO()
    Image.new("RGB", size, colour).save(buffer, kind)
    return buffer.getvalue()


class VisitPhotoFactory(Base):
    class Meta:
        model = VisitPhoto

    visit = factory.SubFactory(VisitFactory)
    filename = "photo.jpg"
    content_type = "image/jpeg"
    content = factory.LazyFunction(image_bytes)
    width = 64
    height = 48
    size = factory.LazyAttribute(lambda photo: len(photo.content))


class ItineraryItemFactory(Base):
    """An item at a site (the sites helper's SiteFactory); attendees default to the whole visit."""

    class Meta:
        model = ItineraryItem

    visit = factory.SubFactory(VisitFactory)
    site = factory.SubFactory(SiteFactory)
    starts_at = datetime(2025, 6, 24, 9, 0)
    ends_at = factory.LazyAttribute(lambda item: item.starts_at + timedelta(hours=2))
    activity = factory.Sequence(lambda n: f"Activity {n}")
    meeting_point = "Main gate"

    @factory.post_generation
    def attendees(item, create, extracted, **kwargs):
        people = item.visit.participants if extracted is None else extracted
        attended = kwargs.get("attended")
        for person in people:
            item.attendances.append(ItineraryAttendee(participant=person, attended=attended))
        if create:
            from partnership.extensions import db

            db.session.flush()

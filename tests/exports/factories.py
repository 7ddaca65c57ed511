"""Visits and participants for the exports' and feedback's tests (the visits
helper's world runs after ours, so we make our own)."""
from datetime import date

import factory

from partnership.extensions import db
from partnership.visits.models import Participant, ParticipantRole, Visit, VisitStatus
from tests.factories import Base, OrganisationFactory


class VisitFactory(Base):
    class Meta:
        model = Visit

    title = factory.Sequence(lambda n: f"Study visit {n}")
    purpose = "Mining processes with large-scale equipment"
    starts_on = date(2025, 6, 24)
    ends_on = date(2025, 6, 25)
    status = VisitStatus.completed

    @factory.post_generation
    def organisations(visit, create, extracted, **kwargs):
        if extracted:
            visit.organisations.extend(extracted)
            if create:
                db.session.commit()

    @factory.post_generation
    def agreements(visit, create, extracted, **kwargs):
        if extracted:
            visit.agreements.extend(extracted)
            if create:
                db.session.commit()


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
    document_number = factory.Sequence(lambda n: f"AB{n:07d}")
    email = factory.Sequence(lambda n: f"participant{n}@example.org")

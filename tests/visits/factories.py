"""Factories for visits and participants (other sub-domains' tests may use them)."""

from datetime import date, timedelta

import factory

from partnership.core import clock
from partnership.extensions import db
from partnership.visits.models import Participant, ParticipantRole, PendingImport, Visit, VisitStatus, VisitTransition
from tests.factories import Base, OrganisationFactory


class VisitFactory(Base):
    class Meta:
        model = Visit

    title = factory.Sequence(lambda n: f"Study visit {n}")
    purpose = "Mining operations and the training centre"
    starts_on = factory.LazyFunction(lambda: clock.today() + timedelta(days=30))
    ends_on = factory.LazyAttribute(lambda v: v.starts_on + timedelta(days=1))
    status = VisitStatus.requested

    @factory.post_generation
    def organisations(visit, create, extracted, **kwargs):
        visit.organisations = list(extracted) if extracted else [OrganisationFactory()]
        if create:
            db.session.flush()

    @factory.post_generation
    def agreements(visit, create, extracted, **kwargs):
        if extracted:
            visit.agreements = list(extracted)
            if create:
                db.session.flush()

    @factory.post_generation
    def history(visit, create, extracted, **kwargs):
        """A creation step, so every visit has a history like the app makes."""
        visit.transitions.append(VisitTransition(from_status=None, to_status=VisitStatus.draft))
        if create:
            db.session.flush()


class ParticipantFactory(Base):
    class Meta:
        model = Participant

    visit = factory.SubFactory(VisitFactory)
    organisation = factory.LazyAttribute(lambda p: p.visit.organisations[0])
    full_name = factory.Sequence(lambda n: f"Participant {n}")
    role = ParticipantRole.student
    nationality = "UZ"
    faculty = "Mining"
    date_of_birth = date(2003, 4, 5)
    document_number = factory.Sequence(lambda n: f"AB{n:07d}")
    email = factory.Sequence(lambda n: f"participant{n}@example.org")


class PendingImportFactory(Base):
    class Meta:
        model = PendingImport

    visit = factory.SubFactory(VisitFactory)
    organisation_id = factory.LazyAttribute(lambda p: p.visit.organisations[0].id)
    filename = "participants.csv"
    rows = factory.LazyFunction(
        lambda: [
            {
                "line": 2,
                "values": {
                    "full_name": "Imported Person",
                    "role": "student",
                    "nationality": "UZ",
                    "date_of_birth": "2002-01-02",
                },
                "raw": {"full_name": "Imported Person", "role": "", "nationality": "UZ", "date_of_birth": "2002-01-02"},
                "errors": [],
            }
        ]
    )

"""Factories for agreement history and scans (the agreement itself is in tests/factories.py)."""
import hashlib
import uuid

import factory

from partnership.agreements.models import AgreementEvent, Attachment, EventKind
from tests.factories import AgreementFactory, Base

PDF = b"%PDF-1.4\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF\n"


class AttachmentFactory(Base):
    class Meta:
        model = Attachment

    agreement = factory.SubFactory(AgreementFactory)
    stored_name = factory.LazyFunction(lambda: uuid.uuid4().hex)
    filename = factory.Sequence(lambda n: f"signed-{n}.pdf")
    content = factory.Sequence(lambda n: PDF + f"% scan {n}\n".encode())
    size = factory.LazyAttribute(lambda a: len(a.content))
    sha256 = factory.LazyAttribute(lambda a: hashlib.sha256(a.content).hexdigest())


class EventFactory(Base):
    class Meta:
        model = AgreementEvent

    agreement = factory.SubFactory(AgreementFactory)
    kind = EventKind.amended
    occurred_on = factory.LazyAttribute(lambda e: e.agreement.signed_on)
    description = "Annex 2 added"

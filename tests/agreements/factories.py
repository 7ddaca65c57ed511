"""Factories for agreement history and scans (the agreement itself is in tests/factories.py)."""

import hashlib
import uuid

import factory

from partnership.agreements.models import AgreementEvent, Attachment, EventKind
from tests.factories import AgreementFactory, Base


def minimal_pdf() -> bytes:
    """A one-page PDF as a scanner writes it: header, objects, cross-reference table, trailer."""
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] >>",
    ]
    out = b"%PDF-1.4\n"
    offsets = []
    for number, body in enumerate(objects, 1):
        offsets.append(len(out))
        out += b"%d 0 obj\n" % number + body + b"\nendobj\n"
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    out += b"".join(b"%010d 00000 n \n" % offset for offset in offsets)
    out += b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (len(objects) + 1, xref)
    return out


PDF = minimal_pdf()


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

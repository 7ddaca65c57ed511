"""Objects the agreement rows of the access table need: a signed scan on each agreement."""

from tests.agreements.factories import AttachmentFactory


def extend(w):
    w.attachment_a = AttachmentFactory(agreement=w.agreement_a, filename="agreement-a.pdf")
    w.attachment_b = AttachmentFactory(agreement=w.agreement_b, filename="agreement-b.pdf")
    # A renewal date the access rows can post: a year after agreement A's expiry.
    w.renewal_expiry_a = w.agreement_a.expires_on.replace(year=w.agreement_a.expires_on.year + 1).isoformat()

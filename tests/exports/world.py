"""Objects the exports' access rows need: a visit of university A with one of A's students."""

from tests.visits.factories import ParticipantFactory, VisitFactory


def extend(w):
    w.exports_visit_a = VisitFactory(title="Exports: visit of A", organisations=[w.org_a], agreements=[w.agreement_a])
    ParticipantFactory(visit=w.exports_visit_a, organisation=w.org_a, full_name="Exports Student A")

"""Induction's part of the access-table world: a mine requiring an induction, a visit of
university A planned there, a participant with a personal link."""

from partnership.induction.queries import induction_of
from tests.agreements.factories import PDF
from tests.induction.factories import link_of, planned_participant, required_site
from tests.visits.factories import VisitFactory


def extend(w):
    w.induction_site = required_site(name="Induction: open-pit mine")
    w.induction_visit = VisitFactory(title="Induction: visit of A", organisations=[w.org_a])
    w.induction_participant = planned_participant(
        w.induction_site, visit=w.induction_visit, organisation=w.org_a, full_name="Induction Person"
    )
    induction = induction_of(w.induction_site)
    induction.pdf_filename, induction.pdf, induction.pdf_size = "mine-induction.pdf", PDF, len(PDF)
    w.induction_question = induction.questions[0]
    w.induction_token = link_of(w.induction_participant)

"""Objects the reports' access rows need: a joint visit of A and B (each
liaison sees it, with only their own people), a visit of B alone, one person of
each organisation, and a photo. Built with this folder's factories, since the
visits helper's world extension runs after this one."""

from partnership.visits.models import ParticipantRole
from tests.reports.factories import ParticipantFactory, VisitFactory, VisitPhotoFactory


def extend(w):
    w.report_visit = VisitFactory(title="Joint excursion", organisations=[w.org_a, w.org_b], agreements=[w.agreement_a])
    w.report_visit_b = VisitFactory(title="Excursion of B", organisations=[w.org_b])
    w.report_person_a = ParticipantFactory(visit=w.report_visit, organisation=w.org_a, full_name="Oʻktam Gʻulomov")
    w.report_person_b = ParticipantFactory(
        visit=w.report_visit,
        organisation=w.org_b,
        full_name="Өлзийбаяр Батбаяр",
        nationality="MN",
        role=ParticipantRole.staff,
    )
    ParticipantFactory(visit=w.report_visit_b, organisation=w.org_b, full_name="Лхагва Очир Энхжин", nationality="MN")
    w.report_photo = VisitPhotoFactory(visit=w.report_visit)

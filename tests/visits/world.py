"""Visits for the access table: one per university, one they share, a pending import."""

from partnership.visits.models import VisitStatus
from tests.visits.factories import ParticipantFactory, PendingImportFactory, VisitFactory


def extend(w):
    w.visit_a = VisitFactory(title="Visit of A", organisations=[w.org_a], agreements=[w.agreement_a])
    w.visit_b = VisitFactory(title="Visit of B", organisations=[w.org_b], agreements=[w.agreement_b])
    w.visit_shared = VisitFactory(title="Shared visit", organisations=[w.org_a, w.org_b], status=VisitStatus.approved)
    w.participant_a = ParticipantFactory(visit=w.visit_a, organisation=w.org_a, full_name="Aziza Karimova")
    ParticipantFactory(visit=w.visit_a, organisation=w.org_a, full_name="Bekzod Toʻrayev")
    w.participant_b = ParticipantFactory(
        visit=w.visit_b, organisation=w.org_b, full_name="Батбаяр Дорж", nationality="MN"
    )
    w.participant_shared_a = ParticipantFactory(
        visit=w.visit_shared, organisation=w.org_a, full_name="Dilnoza Rashidova"
    )
    w.participant_shared_b = ParticipantFactory(
        visit=w.visit_shared, organisation=w.org_b, full_name="Энхжин Лхагва", nationality="MN"
    )
    w.pending_import = PendingImportFactory(
        visit=w.visit_a, organisation_id=w.org_a.id, created_by_id=w.users["liaison_a"].id
    )

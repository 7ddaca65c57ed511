"""The partnership summary's figures (grouped queries) and its PDF."""

from datetime import date, datetime, timedelta

import pytest

from partnership.agreements.models import AgreementStatus
from partnership.reports import summary_queries
from partnership.reports.summary import PartnershipSummary
from partnership.visits.models import ParticipantRole, VisitStatus
from tests.factories import AgreementFactory, OrganisationFactory
from tests.reports.conftest import LANGUAGES, both_texts
from tests.reports.factories import (
    ItineraryItemFactory,
    ParticipantFactory,
    VisitFactory,
)
from tests.sites.factories import SiteFactory

START, END = date(2019, 1, 1), date(2019, 12, 31)


@pytest.fixture
def year(app, world):
    """Visits around 2019 of three partners, in every state; agreements in every status on 31 December."""
    osh = OrganisationFactory(
        name="Osh Technological University", country="KG", name_ru="Ошский технологический университет"
    )
    ugs, msu = world.org_a, world.org_b
    visits = {
        "june": VisitFactory(organisations=[ugs, msu], starts_on=date(2019, 6, 24), ends_on=date(2019, 6, 25)),
        "spans_new_year": VisitFactory(
            organisations=[osh], starts_on=date(2018, 12, 30), ends_on=date(2019, 1, 2), status=VisitStatus.confirmed
        ),
        "october": VisitFactory(
            organisations=[msu], starts_on=date(2019, 10, 1), ends_on=date(2019, 10, 1), status=VisitStatus.approved
        ),
        "draft": VisitFactory(
            organisations=[ugs], starts_on=date(2019, 3, 1), ends_on=date(2019, 3, 2), status=VisitStatus.draft
        ),
        "cancelled": VisitFactory(
            organisations=[msu], starts_on=date(2019, 4, 1), ends_on=date(2019, 4, 2), status=VisitStatus.cancelled
        ),
        "before": VisitFactory(organisations=[ugs], starts_on=date(2018, 5, 1), ends_on=date(2018, 5, 2)),
        "after": VisitFactory(organisations=[ugs], starts_on=date(2020, 2, 1), ends_on=date(2020, 2, 2)),
    }
    for _ in range(3):
        ParticipantFactory(visit=visits["june"], organisation=ugs, nationality="UZ")
    ParticipantFactory(visit=visits["june"], organisation=ugs, nationality="TN")
    ParticipantFactory(visit=visits["june"], organisation=msu, nationality=None, role=ParticipantRole.staff)
    ParticipantFactory(visit=visits["spans_new_year"], organisation=osh, nationality="KG", role=ParticipantRole.lead)
    ParticipantFactory(visit=visits["october"], organisation=msu, nationality="MN")
    ParticipantFactory(visit=visits["draft"], organisation=ugs, nationality="UZ")
    ParticipantFactory(visit=visits["cancelled"], organisation=msu, nationality="MN")
    ParticipantFactory(visit=visits["before"], organisation=ugs, nationality="UZ")
    mine = SiteFactory(name="Open pit")
    june = visits["june"]
    ItineraryItemFactory(visit=june, site=mine, starts_at=datetime(2019, 6, 24, 9), attendees__attended=True)
    absent = june.participants[0]
    item = ItineraryItemFactory(
        visit=june, site=mine, starts_at=datetime(2019, 6, 25, 9), attendees=[absent], attendees__attended=False
    )
    assert item.attendances[0].attended is False
    end = END
    AgreementFactory(
        reference="EXPIRING",
        parties=[osh],
        signed_on=date(2018, 1, 1),
        effective_on=date(2018, 1, 1),
        expires_on=end + timedelta(days=30),
    )
    AgreementFactory(
        reference="EXPIRED",
        parties=[osh],
        signed_on=date(2014, 1, 1),
        effective_on=date(2014, 1, 1),
        expires_on=date(2019, 6, 1),
    )
    AgreementFactory(reference="DRAFT", parties=[msu], signed_on=None, effective_on=None)
    AgreementFactory(reference="LATER", parties=[msu], signed_on=date(2020, 3, 1), effective_on=date(2020, 3, 1))
    AgreementFactory(
        reference="TERMINATED",
        parties=[msu],
        signed_on=date(2017, 1, 1),
        effective_on=date(2017, 1, 1),
        terminated_on=date(2019, 2, 1),
    )
    # The world's AG-A and AG-B were signed 100 days before the real today: long after 2019.
    return type("Year", (), {"visits": visits, "osh": osh, "ugs": ugs, "msu": msu})


def test_visits_that_overlap_the_period_and_go_ahead_are_counted(app, year):
    data = summary_queries.collect(START, END, today=date(2020, 6, 1), window_days=90)
    assert data.visits == 3
    assert data.visits_by_status[VisitStatus.draft] == 1 and data.visits_by_status[VisitStatus.cancelled] == 1
    assert data.visits_by_month[date(2019, 1, 1)] == 1  # begun in December, counted in January
    assert data.visits_by_month[date(2019, 6, 1)] == 1 and data.visits_by_month[date(2019, 10, 1)] == 1
    assert sum(data.visits_by_month.values()) == 3 and len(data.visits_by_month) == 12


def test_participants_by_role_country_organisation_and_site(app, year):
    data = summary_queries.collect(START, END, today=date(2020, 6, 1), window_days=90)
    assert data.participants == 7
    assert data.participants_by_role == {ParticipantRole.student: 5, ParticipantRole.staff: 1, ParticipantRole.lead: 1}
    # No nationality: the organisation's country (MN) counts.
    assert dict(data.participants_by_country) == {"UZ": 3, "MN": 2, "TN": 1, "KG": 1}
    assert [(o.name, n) for o, n in data.participants_by_organisation][0] == ("University of Geological Sciences", 4)
    # Five people at the pit on the first day; the one recorded absent the next day adds nobody.
    assert data.participants_by_site == [("Open pit", 5)]


def test_agreements_as_they_stood_at_the_end_of_the_period(app, year):
    data = summary_queries.collect(START, END, today=date(2020, 6, 1), window_days=90)
    counts = data.agreements_by_status
    assert counts[AgreementStatus.expiring] == 1 and counts[AgreementStatus.expired] == 1
    assert counts[AgreementStatus.draft] == 1 and counts[AgreementStatus.terminated] == 1
    assert counts[AgreementStatus.active] == 0  # AG-A, AG-B and LATER were signed after 2019
    assert [a.reference for a in data.expiring] == ["EXPIRING"]


def test_a_period_still_running_is_judged_today(app, year):
    data = summary_queries.collect(START, END, today=date(2019, 3, 1), window_days=90)
    assert data.as_of == date(2019, 3, 1)
    # EXPIRED was still in force in March, beside EXPIRING.
    assert data.agreements_by_status[AgreementStatus.active] == 2
    assert data.agreements_by_status[AgreementStatus.expired] == 0


def test_each_partner_with_its_agreements_visits_people_and_last_visit(app, year):
    data = summary_queries.collect(START, END, today=date(2020, 6, 1), window_days=90)
    rows = {row.organisation.id: row for row in data.partners}
    ugs, msu, osh = rows[year.ugs.id], rows[year.msu.id], rows[year.osh.id]
    assert (ugs.visits, ugs.participants, ugs.last_visit) == (1, 4, date(2019, 6, 24))
    assert (msu.visits, msu.participants, msu.last_visit) == (2, 2, date(2019, 10, 1))
    assert (osh.visits, osh.participants, osh.last_visit) == (1, 1, date(2018, 12, 30))
    assert (osh.agreements, osh.active_agreements) == (2, 1)
    assert (msu.agreements, msu.active_agreements) == (2, 0)  # the draft and the terminated; LATER is after
    assert data.partners[0].organisation.id == msu.organisation.id  # most visits first


def test_an_empty_period_gives_a_calm_report(app, world, tmp_path):
    data = PartnershipSummary(date(1990, 1, 1), date(1990, 12, 31), "ru", today=date(2019, 1, 1)).render()
    text = both_texts(data, tmp_path)[1]
    assert "Partnership summary" in text or "Сводка" in text


def test_a_long_period_is_charted_by_year(app, year):
    report = PartnershipSummary(date(2010, 1, 1), date(2019, 12, 31), "en", today=date(2020, 1, 1))
    data = summary_queries.collect(report.start, report.end, report.today, 90)
    labels, values = report.month_series(data.visits_by_month)
    assert labels[0] == "2010" and labels[-1] == "2019" and sum(values) == 4


@pytest.mark.parametrize("language", LANGUAGES)
def test_the_summary_names_partners_in_the_readers_language(app, year, language, tmp_path):
    data = PartnershipSummary(START, END, language, today=date(2020, 6, 1)).render()
    expected = {
        "en": "Osh Technological University",
        "ru": "Ошский технологический университет",
        "uz": "Osh Technological University",
    }[language]
    for text in both_texts(data, tmp_path):
        assert expected in text
        assert "EXPIRING" in text


def test_the_summary_names_the_top_partners_and_sums_the_others_in_one_row(app, year, tmp_path, monkeypatch):
    monkeypatch.setitem(app.config, "SUMMARY_TOP_PARTNERS", 1)
    data = summary_queries.collect(START, END, today=date(2020, 6, 1), window_days=90)
    rest = data.partners[1:]
    assert len(rest) >= 2
    text = both_texts(PartnershipSummary(START, END, "en", today=date(2020, 6, 1)).render(), tmp_path)[0]
    assert data.partners[0].organisation.name in text
    assert f"{len(rest)} other organisations" in text
    visits, people = sum(r.visits for r in rest), sum(r.participants for r in rest)
    line = next(line for line in text.splitlines() if "other organisations" in line)
    assert f" {visits} " in f" {line} " and f" {people} " in f" {line} "


def test_the_summary_lists_only_what_it_counts(app, year, tmp_path):
    """Draft, rejected and cancelled visits and draft agreements are in the data, not in the rows."""
    data = PartnershipSummary(START, END, "en", today=date(2020, 6, 1)).render()
    for text in both_texts(data, tmp_path):
        assert "Requested" in text and "Confirmed" in text and "Completed" in text and "Terminated" in text
        for status in ("Draft", "Rejected", "Cancelled"):
            assert status not in text

"""Status derived from dates and actions, in Python and in SQL, at the edges of the window."""

from collections import Counter
from datetime import date, timedelta

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from sqlalchemy import select, true

from partnership.agreements import queries
from partnership.agreements.models import Agreement, AgreementKind, AgreementStatus
from partnership.extensions import db

TODAY = date(2025, 6, 24)
WINDOW = 90


def make(signed_on=TODAY - timedelta(days=10), expires_on=None, terminated_on=None) -> Agreement:
    return Agreement(
        reference="X",
        title="T",
        kind=AgreementKind.mou,
        signed_on=signed_on,
        expires_on=expires_on,
        terminated_on=terminated_on,
    )


@pytest.mark.parametrize(
    ("expires_in", "expected"),
    [
        (None, AgreementStatus.active),  # open-ended
        (WINDOW + 1, AgreementStatus.active),  # the day after the window
        (WINDOW, AgreementStatus.expiring),  # the window's last day
        (1, AgreementStatus.expiring),
        (0, AgreementStatus.expiring),  # expires today: still in force today
        (-1, AgreementStatus.expired),  # expired yesterday
    ],
)
def test_status_at_the_window_edges(expires_in, expected):
    expires_on = None if expires_in is None else TODAY + timedelta(days=expires_in)
    assert make(expires_on=expires_on).status(TODAY, WINDOW) is expected


def test_the_window_is_a_parameter():
    agreement = make(expires_on=TODAY + timedelta(days=30))
    assert agreement.status(TODAY, 29) is AgreementStatus.active
    assert agreement.status(TODAY, 30) is AgreementStatus.expiring
    assert make(expires_on=TODAY).status(TODAY, 0) is AgreementStatus.expiring
    assert make(expires_on=TODAY + timedelta(days=1)).status(TODAY, 0) is AgreementStatus.active


def test_unsigned_is_draft_whatever_the_dates():
    assert make(signed_on=None).status(TODAY, WINDOW) is AgreementStatus.draft
    assert make(signed_on=None, expires_on=TODAY - timedelta(days=5)).status(TODAY, WINDOW) is AgreementStatus.draft


def test_termination_wins_over_dates():
    for expires_on in (None, TODAY - timedelta(days=1), TODAY + timedelta(days=5), TODAY + timedelta(days=900)):
        assert make(expires_on=expires_on, terminated_on=TODAY).status(TODAY, WINDOW) is AgreementStatus.terminated
    assert make(signed_on=None, terminated_on=TODAY).status(TODAY, WINDOW) is AgreementStatus.terminated


def test_configured_window_reaches_the_list(app, admin_client, monkeypatch, today):
    from tests.factories import AgreementFactory, OrganisationFactory

    org = OrganisationFactory()
    AgreementFactory(reference="SOON-60", expires_on=today + timedelta(days=60), parties=[org])
    assert "SOON-60" in admin_client.get("/agreements?status=expiring").get_data(as_text=True)
    monkeypatch.setitem(app.config, "AGREEMENT_EXPIRY_WINDOW_DAYS", 30)
    assert "SOON-60" not in admin_client.get("/agreements?status=expiring").get_data(as_text=True)
    assert "SOON-60" in admin_client.get("/agreements?status=active").get_data(as_text=True)


# --- the SQL rule agrees with the Python rule --------------------------------------

optional_day = st.one_of(st.none(), st.integers(min_value=-400, max_value=400))


@st.composite
def agreement_rows(draw):
    """Agreements around a random today and window, with expiries bunched at the window's edges."""
    window = draw(st.integers(min_value=0, max_value=365))
    near_edges = st.sampled_from([-1, 0, 1, window - 1, window, window + 1])
    rows = draw(
        st.lists(
            st.fixed_dictionaries(
                {
                    "signed": optional_day,
                    "expires": st.one_of(st.none(), near_edges, st.integers(min_value=-800, max_value=800)),
                    "terminated": st.one_of(st.none(), st.none(), optional_day),
                }
            ),
            min_size=1,
            max_size=12,
        )
    )
    return window, rows


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(
    today=st.dates(min_value=date(2000, 1, 1), max_value=date(2090, 12, 31)),
    case=agreement_rows(),
)
def test_sql_status_agrees_with_python(app, today, case):
    window, rows = case

    def day(offset):
        return None if offset is None else today + timedelta(days=offset)

    agreements = [
        Agreement(
            reference=f"P-{i}",
            title="Property",
            kind=AgreementKind.mou,
            signed_on=day(row["signed"]),
            expires_on=day(row["expires"]),
            terminated_on=day(row["terminated"]),
        )
        for i, row in enumerate(rows)
    ]
    try:
        db.session.add_all(agreements)
        db.session.flush()
        expected = {a.id: a.status(today, window) for a in agreements}
        for status in AgreementStatus:
            found = set(db.session.scalars(select(Agreement.id).where(Agreement.status_is(status, today, window))))
            assert found == {i for i, s in expected.items() if s is status}, status
        grouped = dict(db.session.execute(select(Agreement.id, Agreement.status(today, window))).all())
        assert {i: AgreementStatus(v) for i, v in grouped.items()} == expected
        counts = queries.count_by_status(true(), today, window)
        assert counts == {s: Counter(expected.values())[s] for s in AgreementStatus}
    finally:
        db.session.rollback()

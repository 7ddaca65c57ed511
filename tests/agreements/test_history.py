"""Amendments, renewals and termination: recorded as history, refused with a message when they make no sense."""

from datetime import timedelta

import pytest

from partnership.agreements import services
from partnership.agreements.models import AgreementStatus, EventKind
from partnership.core.errors import DomainError
from partnership.extensions import db
from tests.agreements.conftest import messages_beside, row_counts
from tests.factories import AgreementFactory


def post_refused(client, url, data, field_id, message):
    before = row_counts()
    response = client.post(url, data=data)
    assert response.status_code == 200
    beside = messages_beside(response.get_data(as_text=True), field_id)
    assert any(message in m for m in beside), f"{message!r} not beside {field_id}: {beside}"
    assert row_counts() == before


def test_an_amendment_is_recorded(world, coordinator_client, today):
    agreement = world.agreement_a
    response = coordinator_client.post(
        f"/agreements/{agreement.id}/amendments",
        data={
            "amendment-occurred_on": today.isoformat(),
            "amendment-description": "Annex 2: field practice at Kalmakyr",
        },
    )
    assert response.status_code == 302 and response.headers["Location"].endswith("#history")
    event = agreement.events[-1]
    assert (event.kind, event.occurred_on, event.description) == (
        EventKind.amended,
        today,
        "Annex 2: field practice at Kalmakyr",
    )
    assert event.recorded_by == world.users["coordinator"]
    page = coordinator_client.get(f"/agreements/{agreement.id}").get_data(as_text=True)
    assert "Annex 2: field practice at Kalmakyr" in page and 'data-event="amended"' in page


def test_an_amendment_needs_date_and_description(world, coordinator_client):
    url = f"/agreements/{world.agreement_a.id}/amendments"
    post_refused(
        coordinator_client,
        url,
        {"amendment-occurred_on": "", "amendment-description": "x"},
        "amendment-occurred_on",
        "required",
    )
    post_refused(
        coordinator_client,
        url,
        {"amendment-occurred_on": "2025-01-01", "amendment-description": " "},
        "amendment-description",
        "required",
    )
    post_refused(
        coordinator_client,
        url,
        {"amendment-occurred_on": "2025-01-01", "amendment-description": "я" * 20001},
        "amendment-description",
        "characters",
    )


def test_an_amendment_before_signing_is_refused(world, coordinator_client):
    agreement = world.agreement_a
    before_signing = (agreement.signed_on - timedelta(days=1)).isoformat()
    post_refused(
        coordinator_client,
        f"/agreements/{agreement.id}/amendments",
        {"amendment-occurred_on": before_signing, "amendment-description": "Early"},
        "amendment-occurred_on",
        "cannot be before the agreement was concluded",
    )


def test_a_renewal_moves_the_expiry_and_keeps_the_old_one(world, coordinator_client, today):
    agreement = world.agreement_a
    old_expiry = agreement.expires_on
    new_expiry = old_expiry + timedelta(days=365 * 3)
    response = coordinator_client.post(
        f"/agreements/{agreement.id}/renewals",
        data={"renewal-occurred_on": today.isoformat(), "renewal-new_expires_on": new_expiry.isoformat()},
    )
    assert response.status_code == 302
    db.session.expire_all()
    assert agreement.expires_on == new_expiry
    event = agreement.events[-1]
    assert (event.kind, event.previous_expires_on, event.new_expires_on) == (EventKind.renewed, old_expiry, new_expiry)
    assert 'data-event="renewed"' in coordinator_client.get(f"/agreements/{agreement.id}").get_data(as_text=True)


def test_renewing_an_expired_agreement_brings_it_back(world, coordinator_client, today):
    agreement = AgreementFactory(expires_on=today - timedelta(days=3), parties=[world.org_a])
    assert agreement.status(today, 90) is AgreementStatus.expired
    coordinator_client.post(
        f"/agreements/{agreement.id}/renewals",
        data={
            "renewal-occurred_on": today.isoformat(),
            "renewal-new_expires_on": (today + timedelta(days=400)).isoformat(),
        },
    )
    db.session.expire_all()
    assert agreement.status(today, 90) is AgreementStatus.active


@pytest.mark.parametrize("days_after_current", [0, -1])
def test_a_renewal_must_go_past_the_current_expiry(world, coordinator_client, today, days_after_current):
    agreement = world.agreement_a
    new_expiry = agreement.expires_on + timedelta(days=days_after_current)
    post_refused(
        coordinator_client,
        f"/agreements/{agreement.id}/renewals",
        {"renewal-occurred_on": today.isoformat(), "renewal-new_expires_on": new_expiry.isoformat()},
        "renewal-new_expires_on",
        "must be after the current one",
    )


def test_an_open_ended_agreement_cannot_be_renewed(world, coordinator_client, today):
    agreement = AgreementFactory(expires_on=None, parties=[world.org_a])
    before = row_counts()
    response = coordinator_client.post(
        f"/agreements/{agreement.id}/renewals",
        data={"renewal-occurred_on": today.isoformat(), "renewal-new_expires_on": "2099-01-01"},
    )
    assert response.status_code == 200
    assert "there is no expiry date to extend" in response.get_data(as_text=True)
    assert row_counts() == before


def test_termination_is_recorded_and_sets_the_status(world, coordinator_client, today):
    agreement = world.agreement_a
    response = coordinator_client.post(
        f"/agreements/{agreement.id}/terminate",
        data={"termination-occurred_on": today.isoformat(), "termination-description": "Replaced by a new MoU"},
    )
    assert response.status_code == 302
    db.session.expire_all()
    assert agreement.terminated_on == today
    assert agreement.status(today, 90) is AgreementStatus.terminated
    event = agreement.events[-1]
    assert (event.kind, event.description, event.previous_expires_on) == (
        EventKind.terminated,
        "Replaced by a new MoU",
        agreement.expires_on,
    )
    page = coordinator_client.get(f"/agreements/{agreement.id}").get_data(as_text=True)
    assert 'data-status="terminated"' in page and "Replaced by a new MoU" in page


def test_termination_needs_a_reason_and_a_past_date(world, coordinator_client, today):
    url = f"/agreements/{world.agreement_a.id}/terminate"
    post_refused(
        coordinator_client,
        url,
        {"termination-occurred_on": today.isoformat(), "termination-description": ""},
        "termination-description",
        "required",
    )
    post_refused(
        coordinator_client,
        url,
        {"termination-occurred_on": (today + timedelta(days=1)).isoformat(), "termination-description": "Later"},
        "termination-occurred_on",
        "cannot be in the future",
    )
    before_start = (world.agreement_a.effective_on - timedelta(days=1)).isoformat()
    post_refused(
        coordinator_client,
        url,
        {"termination-occurred_on": before_start, "termination-description": "Early"},
        "termination-occurred_on",
        "cannot end before it started",
    )


def test_a_terminated_agreement_is_not_terminated_amended_or_renewed_again(world, coordinator_client, today):
    agreement = AgreementFactory(terminated_on=today, parties=[world.org_a])
    before = row_counts()
    for path, data, message in [
        (
            "terminate",
            {"termination-occurred_on": today.isoformat(), "termination-description": "Again"},
            "already terminated",
        ),
        (
            "amendments",
            {"amendment-occurred_on": today.isoformat(), "amendment-description": "Late annex"},
            "can no longer be amended",
        ),
        (
            "renewals",
            {"renewal-occurred_on": today.isoformat(), "renewal-new_expires_on": "2099-01-01"},
            "can no longer be renewed",
        ),
    ]:
        response = coordinator_client.post(f"/agreements/{agreement.id}/{path}", data=data)
        assert response.status_code == 200
        assert message in response.get_data(as_text=True)
    assert row_counts() == before


def test_the_page_offers_only_the_actions_that_apply(world, coordinator_client, today):
    def offered(agreement):
        page = coordinator_client.get(f"/agreements/{agreement.id}").get_data(as_text=True)
        return {
            path for path in ("amendments", "renewals", "terminate") if f"/agreements/{agreement.id}/{path}" in page
        }

    assert offered(world.agreement_a) == {"amendments", "renewals", "terminate"}
    assert offered(AgreementFactory(expires_on=None, parties=[world.org_a])) == {"amendments", "terminate"}
    assert offered(AgreementFactory(signed_on=None, parties=[world.org_a])) == {"terminate"}
    assert offered(AgreementFactory(terminated_on=today, parties=[world.org_a])) == set()


def test_history_forms_are_for_staff_only(world, management_client, today):
    before = row_counts()
    for path, data in [
        ("terminate", {"termination-occurred_on": today.isoformat(), "termination-description": "x"}),
        ("amendments", {"amendment-occurred_on": today.isoformat(), "amendment-description": "x"}),
        ("renewals", {"renewal-occurred_on": today.isoformat(), "renewal-new_expires_on": "2099-01-01"}),
    ]:
        assert management_client.post(f"/agreements/{world.agreement_a.id}/{path}", data=data).status_code == 403
    assert row_counts() == before


# --- the rules at the service level --------------------------------------------------------


@pytest.fixture
def request_context(app):
    """Messages are translated for a reader: the services' refusals are read inside a request."""
    with app.test_request_context():
        yield


def test_a_draft_is_edited_not_amended_or_renewed(world, today, request_context):
    draft = AgreementFactory(signed_on=None, parties=[world.org_a])
    with pytest.raises(DomainError, match="draft"):
        services.record_amendment(None, draft, occurred_on=today, description="x")
    with pytest.raises(DomainError, match="draft"):
        services.renew(None, draft, occurred_on=today, new_expires_on=draft.expires_on + timedelta(days=1))


def test_a_draft_can_be_abandoned(world, today):
    draft = AgreementFactory(signed_on=None, effective_on=None, parties=[world.org_a])
    services.terminate(None, draft, occurred_on=today, reason="Not pursued", today=today)
    assert draft.status(today, 90) is AgreementStatus.terminated

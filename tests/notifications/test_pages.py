"""The outbox page and resending, the notification list and its count in the navigation, the
language of messages, and the calendar address read without a session."""

from datetime import timedelta

from icalendar import Calendar
from sqlalchemy import select

from partnership.core import clock
from partnership.extensions import db
from partnership.notifications.models import CalendarFeed, MessageState, Notification, OutboxMessage
from partnership.visits.models import VisitStatus
from tests.notifications.world import FEED_TOKEN
from tests.visits.factories import VisitFactory


def test_outbox_lists_messages_with_their_state(world, admin_client):
    failed = OutboxMessage(
        kind="test",
        recipient="late@example.org",
        subject="Never arrived",
        body="x",
        state=MessageState.failed,
        attempts=10,
        last_error="ConnectionRefusedError: [Errno 111]",
    )
    db.session.add(failed)
    db.session.commit()
    page = admin_client.get("/admin/outbox?state=failed").get_data(as_text=True)
    assert "late@example.org" in page and "Never arrived" in page and "ConnectionRefusedError" in page
    assert "Hello" not in page  # the world's sent message is filtered out
    assert "console log" in admin_client.get("/admin/outbox").get_data(as_text=True)  # no MAIL_SERVER here


def test_admin_resends_a_failed_message_queued_after_the_commit(world, admin_client, queued):
    failed = OutboxMessage(
        kind="test", recipient="late@example.org", subject="S", body="x", state=MessageState.failed, attempts=10
    )
    db.session.add(failed)
    db.session.commit()
    response = admin_client.post(f"/admin/outbox/{failed.id}/resend")
    assert response.status_code == 302
    db.session.refresh(failed)
    assert failed.state is MessageState.pending and failed.attempts == 0
    assert queued == [failed.id]


def test_a_message_being_sent_is_not_resent(world, admin_client, queued):
    world.message.state = MessageState.sending
    db.session.commit()
    page = admin_client.post(f"/admin/outbox/{world.message.id}/resend", follow_redirects=True).get_data(as_text=True)
    assert "being sent right now" in page and queued == []


def test_notifications_list_and_unread_count(world, liaison_a_client):
    liaison = world.users["liaison_a"]
    db.session.add_all(
        [Notification(user_id=liaison.id, kind="test", text=f"News {i}", url="/visits") for i in range(3)]
        + [Notification(user_id=world.users["liaison_b"].id, kind="test", text="Not yours")]
    )
    db.session.commit()
    page = liaison_a_client.get("/notifications").get_data(as_text=True)
    assert 'data-unread="3"' in page and "News 2" in page and "Not yours" not in page
    liaison_a_client.post("/notifications/read")
    page = liaison_a_client.get("/notifications").get_data(as_text=True)
    assert 'data-unread="0"' in page and "News 0" in page


def test_the_language_of_messages_is_chosen_on_the_account_page(world, liaison_a_client):
    assert liaison_a_client.post("/account/language", data={"language": "uz"}).status_code == 302
    db.session.refresh(world.users["liaison_a"])
    assert world.users["liaison_a"].language == "uz"
    page = liaison_a_client.post("/account/language", data={"language": "fr"}).get_data(as_text=True)
    assert "Not a valid choice" in page or "invalid-feedback" in page
    db.session.refresh(world.users["liaison_a"])
    assert world.users["liaison_a"].language == "uz"


def feed(client, token: str):
    return client.get(f"/calendar/{token}.ics")


def test_calendar_address_is_made_read_without_a_session_and_revoked(world, coordinator_client, client):
    coordinator = world.users["coordinator"]
    VisitFactory(title="Coordinated visit", coordinator_id=coordinator.id, status=VisitStatus.confirmed)
    VisitFactory(title="Someone else's visit", status=VisitStatus.confirmed)
    VisitFactory(title="Cancelled one", coordinator_id=coordinator.id, status=VisitStatus.cancelled)
    db.session.commit()
    assert coordinator_client.post("/account/calendar").status_code == 302
    token = db.session.scalar(select(CalendarFeed.token).where(CalendarFeed.user_id == coordinator.id))
    page = coordinator_client.get("/account/calendar").get_data(as_text=True)
    assert f"/calendar/{token}.ics" in page and "webcal://" in page
    response = feed(client, token)  # no session
    assert response.status_code == 200 and response.mimetype == "text/calendar"
    summaries = [str(e.get("summary")) for e in Calendar.from_ical(response.data).walk("VEVENT")]
    assert summaries == ["Coordinated visit"]
    # A new address: the old one stops working.
    coordinator_client.post("/account/calendar")
    assert feed(client, token).status_code == 404
    new = db.session.scalar(select(CalendarFeed.token).where(CalendarFeed.user_id == coordinator.id))
    assert feed(client, new).status_code == 200
    coordinator_client.post("/account/calendar/revoke")
    assert feed(client, new).status_code == 404


def test_a_liaison_feed_holds_their_organisation_visits_and_items(world, client):
    world.planned_visit.status = VisitStatus.confirmed  # org A's, with an item
    db.session.commit()
    cal = Calendar.from_ical(feed(client, FEED_TOKEN).data)
    summaries = [str(e.get("summary")) for e in cal.walk("VEVENT")]
    assert world.planned_visit.title in summaries
    assert any("History of the company" in s for s in summaries)
    assert "Visit of B" not in summaries


def test_an_empty_feed_is_still_a_valid_calendar(world, client, login):
    management = world.users["management"]
    db.session.add(CalendarFeed(user_id=management.id, token="management-token"))
    db.session.commit()
    response = feed(client, "management-token")
    assert response.status_code == 200
    cal = Calendar.from_ical(response.data)
    assert cal.name == "VCALENDAR" and str(cal["version"]) == "2.0" and cal.walk("VEVENT") == []


def test_a_disabled_account_feed_answers_404(world, client):
    world.users["liaison_a"].active = False
    db.session.commit()
    assert feed(client, FEED_TOKEN).status_code == 404


def test_feed_window_is_not_limited_to_today(world, client):
    """Past and coming visits alike: calendar programs keep history."""
    VisitFactory(
        title="Last year's visit",
        organisations=[world.org_a],
        status=VisitStatus.completed,
        starts_on=clock.today() - timedelta(days=365),
    )
    db.session.commit()
    summaries = [str(e.get("summary")) for e in Calendar.from_ical(feed(client, FEED_TOKEN).data).walk("VEVENT")]
    assert "Last year's visit" in summaries


def test_the_message_page_shows_the_text_and_offers_resending_unless_it_is_being_sent(world, admin_client):
    page = admin_client.get(f"/admin/outbox/{world.message.id}").get_data(as_text=True)
    assert "someone@example.org" in page and "Text" in page and "Send again" in page
    world.message.state = MessageState.sending
    db.session.commit()
    assert "Send again" not in admin_client.get(f"/admin/outbox/{world.message.id}").get_data(as_text=True)


def test_a_guide_feed_holds_only_the_items_at_its_sites_and_their_visits(world, client):
    """The guide's visit has another item at a museum the guide does not work at: not in its feed,
    nor the museum's own visit."""
    from tests.programme.factories import ItineraryItemFactory

    ItineraryItemFactory(visit=world.gate_visit, site=world.gate_museum, activity="Museum stop of the pit visit")
    db.session.add(CalendarFeed(user_id=world.users["guide"].id, token="guide-token"))
    db.session.commit()
    response = feed(client, "guide-token")
    assert response.status_code == 200
    summaries = [str(e.get("summary")) for e in Calendar.from_ical(response.data).walk("VEVENT")]
    assert "Gate visit of A" in summaries
    assert any("Open pit tour" in s for s in summaries)
    assert not any("Museum" in s for s in summaries)

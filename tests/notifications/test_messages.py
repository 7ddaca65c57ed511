"""What is sent, to whom and in which language, when a visit moves or its programme changes, an
agreement nears its expiry: through the outbox to a real SMTP server."""

from datetime import timedelta

from icalendar import Calendar
from sqlalchemy import select

from partnership.core import clock
from partnership.extensions import db
from partnership.notifications import delivery, reminders
from partnership.notifications.models import Notification, OutboxMessage
from partnership.programme import services as programme
from partnership.visits import services as visits
from partnership.visits.models import VisitStatus
from tests.factories import UserFactory
from tests.visits.factories import ParticipantFactory, VisitFactory


def deliver_all(smtp) -> None:
    db.session.commit()
    delivery.deliver_due()


def body(mail) -> str:
    return mail.get_body(preferencelist=("plain",)).get_content()


def liaison_visit(world, status=VisitStatus.draft, **kwargs):
    return VisitFactory(
        title="Geology summer school",
        organisations=[world.org_a],
        status=status,
        created_by_id=world.users["liaison_a"].id,
        **kwargs,
    )


def test_a_submitted_request_goes_to_every_coordinator_in_their_language(world, smtp):
    second = UserFactory(username="coordinator.ru", role=world.users["coordinator"].role, language="ru")
    visit = liaison_visit(world)
    db.session.commit()
    visits.transition(world.users["liaison_a"], visit, VisitStatus.requested)
    deliver_all(smtp)
    [english] = smtp.inbox.to(world.users["coordinator"].email)
    assert english["Subject"] == "New visit request: Geology summer school"
    assert "University of Geological Sciences" in body(english)
    assert f"/visits/{visit.id}" in body(english)
    [russian] = smtp.inbox.to(second.email)
    assert russian["Subject"] == "Новая заявка на визит: Geology summer school"
    assert russian["Content-Language"] == "ru"
    assert not smtp.inbox.to(world.users["liaison_a"].email)  # not to the one who submitted it


def test_rejection_reaches_the_liaison_with_the_reason_in_uzbek(world, smtp):
    liaison = world.users["liaison_a"]
    liaison.language = "uz"
    visit = liaison_visit(world, VisitStatus.requested)
    db.session.commit()
    visits.transition(world.users["coordinator"], visit, VisitStatus.rejected, "Dates clash with the audit")
    deliver_all(smtp)
    [mail] = smtp.inbox.to(liaison.email)
    assert mail["Content-Language"] == "uz"
    assert "Rad etilgan" in mail["Subject"]
    assert "tashrif arizangiz" in body(mail) and "Koʻrsatilgan sabab: Dates clash with the audit" in body(mail)
    # The same event in the liaison's list in the app.
    [note] = db.session.scalars(select(Notification).where(Notification.user_id == liaison.id)).all()
    assert note.text == mail["Subject"] and note.url == f"/visits/{visit.id}" and note.read_at is None


def test_approval_confirmation_and_cancellation_reach_the_liaison(world, smtp):
    liaison, coordinator = world.users["liaison_a"], world.users["coordinator"]
    visit = liaison_visit(world, VisitStatus.requested)
    db.session.commit()
    for status in (VisitStatus.approved, VisitStatus.confirmed, VisitStatus.cancelled):
        visits.transition(coordinator, visit, status)
        db.session.commit()
    delivery.deliver_due()
    subjects = [m["Subject"] for m in smtp.inbox.to(liaison.email)]
    assert subjects == [f"Visit “Geology summer school”: {s}" for s in ("Approved", "Confirmed", "Cancelled")]


def test_a_rolled_back_transition_writes_no_message(world, smtp, queued):
    visit = liaison_visit(world, VisitStatus.requested)
    db.session.commit()
    visits.transition(world.users["coordinator"], visit, VisitStatus.approved)
    db.session.rollback()
    assert queued == []
    assert db.session.scalars(select(OutboxMessage).where(OutboxMessage.kind == "visit.approved")).all() == []


def test_programme_change_after_confirmation_sends_the_new_calendar(world, smtp):
    liaison = world.users["liaison_a"]
    visit = world.planned_visit
    visit.status = VisitStatus.confirmed
    visit.created_by_id = liaison.id
    db.session.commit()
    item = world.item
    programme.update_item(
        world.users["coordinator"],
        item,
        site=item.site,
        starts_at=item.starts_at,
        ends_at=item.ends_at,
        activity="History of the company, renewed",
        guide=item.guide,
    )
    deliver_all(smtp)
    [mail] = smtp.inbox.to(liaison.email)
    assert mail["Subject"] == f"The programme of “{visit.title}” has changed"
    [attachment] = list(mail.iter_attachments())
    assert attachment.get_filename() == f"visit-{visit.id}.ics"
    calendar = Calendar.from_ical(attachment.get_content())
    summaries = [str(e.get("summary")) for e in calendar.walk("VEVENT")]
    assert any("History of the company, renewed" in s for s in summaries)


def test_programme_change_before_confirmation_sends_nothing(world, smtp):
    visit = world.planned_visit  # approved
    visit.created_by_id = world.users["liaison_a"].id
    db.session.commit()
    item = world.item
    programme.update_item(
        world.users["coordinator"],
        item,
        site=item.site,
        starts_at=item.starts_at,
        ends_at=item.ends_at,
        activity="Changed",
        guide=item.guide,
    )
    deliver_all(smtp)
    assert smtp.inbox.messages == []


def test_completion_sends_each_participant_their_feedback_link_in_their_language(world, smtp, client):
    visit = liaison_visit(world, VisitStatus.confirmed, starts_on=clock.today() - timedelta(days=3))
    russian = ParticipantFactory(visit=visit, organisation=world.org_a, email="olga@example.org", language="ru")
    english = ParticipantFactory(visit=visit, organisation=world.org_a, email="john@example.org")
    ParticipantFactory(visit=visit, organisation=world.org_a, email=None)
    db.session.commit()
    visits.transition(world.users["coordinator"], visit, VisitStatus.completed)
    deliver_all(smtp)
    assert len(smtp.inbox.messages) == 2
    [ru] = smtp.inbox.to(russian.email)
    assert ru["Content-Language"] == "ru" and ru["Subject"] == "Ваш отзыв о визите: Geology summer school"
    [en] = smtp.inbox.to(english.email)
    assert en["Subject"] == "Your feedback on Geology summer school"
    link = next(word for word in body(en).split() if "/feedback/" in word)
    assert client.get(link.split("localhost", 1)[-1].removeprefix(":5000")).status_code == 200


def test_agreement_reminders_go_once_at_each_threshold(world, smtp, app):
    today = clock.today()
    agreement = world.agreement_a
    agreement.expires_on = today + timedelta(days=25)
    db.session.commit()
    coordinator = world.users["coordinator"]
    assert reminders.remind_expiring_agreements() == 1  # the 30-day one (90 has passed unnoticed)
    db.session.commit()
    assert reminders.remind_expiring_agreements() == 0  # once
    agreement.expires_on = today + timedelta(days=6)
    db.session.commit()
    assert reminders.remind_expiring_agreements() == 1  # the 7-day one
    deliver_all(smtp)
    subjects = [m["Subject"] for m in smtp.inbox.to(coordinator.email)]
    assert subjects == ["Agreement AG-A expires in 25 days", "Agreement AG-A expires in 6 days"]


def test_a_participant_messages_are_in_their_data_and_go_with_their_erasure(world, smtp):
    from partnership.participants import services as participants

    visit = liaison_visit(world, VisitStatus.confirmed, starts_on=clock.today() - timedelta(days=3))
    person = ParticipantFactory(visit=visit, organisation=world.org_a, email="olga@example.org")
    db.session.commit()
    visits.transition(world.users["coordinator"], visit, VisitStatus.completed)
    deliver_all(smtp)
    coordinator = world.users["coordinator"]
    [message] = participants.personal_data(coordinator, person)["messages"]
    assert message["to"] == "olga@example.org" and message["kind"] == "feedback.link" and message["state"] == "sent"
    participants.erase_participant(coordinator, person)
    db.session.commit()
    assert db.session.scalars(select(OutboxMessage).where(OutboxMessage.recipient == "olga@example.org")).all() == []

"""The outbox: written with the change, queued only after its commit, delivered over real SMTP
exactly once, kept while the mail server is down."""

import threading
from datetime import timedelta

from sqlalchemy import func, select, update

from partnership.db import utcnow
from partnership.extensions import db
from partnership.notifications import delivery, outbox
from partnership.notifications.models import MessageState, OutboxMessage


def write(n: int = 1, **kwargs) -> list[int]:
    ids = []
    for i in range(n):
        fields = {
            "kind": "test",
            "recipient": f"reader{i}@example.org",
            "language": "en",
            "subject": f"Message {i}",
            "body": f"Body {i}",
        } | kwargs
        ids.append(outbox.write(**fields).id)
    return ids


def count() -> int:
    return db.session.scalar(select(func.count()).select_from(OutboxMessage)) or 0


def test_nothing_is_queued_for_a_rolled_back_change(app, queued):
    write()
    db.session.rollback()
    assert queued == [] and count() == 0
    ids = write(2)
    assert queued == []  # not before the commit
    db.session.commit()
    assert queued == ids and count() == 2


def test_a_refused_service_call_queues_nothing(app, queued):
    from partnership.core.errors import DomainError
    from partnership.core.forms import service_call

    with app.test_request_context("/"), service_call() as call:
        write()
        raise DomainError("refused")
    db.session.commit()
    assert not call.succeeded and queued == [] and count() == 0


def test_delivered_over_smtp_with_attachment(app, smtp):
    [message_id] = write(
        recipient="liaison@example.org",
        language="ru",
        subject="Программа изменилась",
        body="Новая программа во вложении.",
        attachments=(outbox.Attachment("visit-1.ics", "text/calendar", b"BEGIN:VCALENDAR\r\nEND:VCALENDAR\r\n"),),
    )
    db.session.commit()
    assert delivery.deliver(message_id) == "sent"
    [mail] = smtp.inbox.to("liaison@example.org")
    assert mail["Subject"] == "Программа изменилась"
    assert mail["Content-Language"] == "ru"
    assert mail.get_body(preferencelist=("plain",)).get_content().strip() == "Новая программа во вложении."
    [attachment] = list(mail.iter_attachments())
    assert attachment.get_filename() == "visit-1.ics"
    assert attachment.get_content_type() == "text/calendar"
    stored = db.session.get(OutboxMessage, message_id)
    assert stored.state is MessageState.sent and stored.sent_at is not None and stored.attempts == 1


def test_a_second_delivery_of_a_sent_message_sends_nothing(app, smtp):
    [message_id] = write()
    db.session.commit()
    assert delivery.deliver(message_id) == "sent"
    assert delivery.deliver(message_id) == "skipped"
    assert len(smtp.inbox.messages) == 1


def test_server_down_messages_wait_and_arrive_once_it_is_back(app, smtp):
    smtp.stop()
    ids = write(3)
    db.session.commit()
    assert delivery.deliver_due() == {"pending": 3}
    waiting = db.session.scalars(select(OutboxMessage).order_by(OutboxMessage.id)).all()
    assert all(m.state is MessageState.pending and m.attempts == 1 and m.last_error for m in waiting)
    assert all(m.next_attempt_at > utcnow() for m in waiting)  # backed off: not due at once
    assert delivery.deliver_due() == {}
    smtp.start()
    # The back-off has passed.
    db.session.execute(update(OutboxMessage).values(next_attempt_at=utcnow() - timedelta(seconds=1)))
    db.session.commit()
    assert delivery.deliver_due() == {"sent": 3}
    assert sorted(rcpts[0] for rcpts, _ in smtp.inbox.messages) == [f"reader{i}@example.org" for i in range(3)]
    assert [db.session.get(OutboxMessage, i).attempts for i in ids] == [2, 2, 2]


def test_given_up_after_the_last_attempt(app, smtp):
    smtp.stop()
    app.config["OUTBOX_MAX_ATTEMPTS"], saved = 1, app.config["OUTBOX_MAX_ATTEMPTS"]
    try:
        [message_id] = write()
        db.session.commit()
        assert delivery.deliver(message_id) == "failed"
    finally:
        app.config["OUTBOX_MAX_ATTEMPTS"] = saved


def test_back_off_grows_to_an_hour():
    assert [delivery.backoff(n).total_seconds() / 60 for n in (1, 2, 3, 4, 7, 8, 20)] == [1, 2, 4, 8, 60, 60, 60]


def test_a_stale_claim_waits_again(app):
    [message_id] = write()
    db.session.commit()
    assert delivery.claim(message_id)
    assert delivery.release_stale_claims() == 0
    assert delivery.release_stale_claims(now=utcnow() + delivery.STALE_CLAIM + timedelta(seconds=1)) == 1
    assert db.session.get(OutboxMessage, message_id, populate_existing=True).state is MessageState.pending


def test_two_deliverers_at_once_send_each_message_exactly_once(app, smtp):
    """Two threads, each with its own app context, session and connection, deliver the same
    messages at the same moment (a barrier): every message arrives once, none twice."""
    ids = write(40)
    db.session.commit()
    barrier = threading.Barrier(2)
    outcomes: list[dict] = []
    errors: list[BaseException] = []

    def deliverer():
        try:
            with app.app_context():
                barrier.wait(timeout=10)
                outcomes.append({i: delivery.deliver(i) for i in ids})
                db.session.remove()
        except BaseException as error:  # reported below, in the test's thread
            errors.append(error)

    threads = [threading.Thread(target=deliverer) for _ in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=120)
    assert not errors, errors
    for i in ids:
        assert sorted(o[i] for o in outcomes) == ["sent", "skipped"]
    received = sorted(rcpts[0] for rcpts, _ in smtp.inbox.messages)
    assert received == sorted(f"reader{i}@example.org" for i in range(40))


def test_a_real_worker_delivers_what_a_commit_queued(app, smtp):
    """Celery's own worker (in a thread, on the in-memory broker of the tests) runs the task the
    commit queued, in the app's context."""
    from celery.contrib.testing.worker import start_worker

    celery = app.extensions["celery"]
    with start_worker(celery, pool="solo", perform_ping_check=False, shutdown_timeout=10):
        [message_id] = write(recipient="worker@example.org")
        db.session.commit()
        for _ in range(100):
            if smtp.inbox.to("worker@example.org"):
                break
            threading.Event().wait(0.1)
    assert len(smtp.inbox.to("worker@example.org")) == 1
    assert db.session.get(OutboxMessage, message_id, populate_existing=True).state is MessageState.sent


def test_without_a_mail_server_a_message_goes_to_the_console(app, monkeypatch):
    assert not app.config["MAIL_SERVER"]
    logged: list[str] = []
    monkeypatch.setattr(delivery.log, "warning", lambda text, *args: logged.append(text % args))
    [message_id] = write(recipient="console@example.org", subject="Seen in the log")
    db.session.commit()
    assert delivery.deliver(message_id) == "sent"
    [text] = logged
    assert "To: console@example.org" in text and "Subject: Seen in the log" in text


def test_the_sweep_queues_what_lost_its_task_and_frees_stale_claims(app, queued):
    from partnership.notifications import tasks

    lost_id, fresh_id, later_id, stale_id = write(4)
    db.session.commit()
    queued.clear()
    moved = {
        lost_id: {"next_attempt_at": utcnow() - tasks.SWEEP_GRACE - timedelta(seconds=1)},
        later_id: {"next_attempt_at": utcnow() + timedelta(minutes=5)},
        stale_id: {"state": MessageState.sending, "claimed_at": utcnow() - delivery.STALE_CLAIM - timedelta(minutes=1)},
    }
    for message_id, values in moved.items():
        db.session.execute(update(OutboxMessage).where(OutboxMessage.id == message_id).values(**values))
    db.session.commit()
    assert tasks.sweep_outbox.run() == 2
    assert sorted(queued) == [lost_id, stale_id]  # the fresh one's task is on its way


def test_a_failed_delivery_task_queues_its_retry_for_later(app, smtp, monkeypatch, queued):
    from partnership.notifications import tasks

    retries = []
    monkeypatch.setattr(tasks.deliver, "apply_async", lambda args, eta: retries.append((args, eta)))
    smtp.stop()
    [message_id] = write()
    db.session.commit()
    assert tasks.deliver.run(message_id) == "pending"
    [(args, eta)] = retries
    assert args == (message_id,) and eta > utcnow()


def test_a_subject_is_one_line_and_a_bad_address_fails_at_once(app, smtp):
    [message_id] = write(subject="Line one\r\nBcc: everyone@example.org", recipient="bad\naddress@example.org")
    db.session.commit()
    stored = db.session.get(OutboxMessage, message_id)
    assert stored.subject == "Line one Bcc: everyone@example.org"
    assert delivery.deliver(message_id) == "failed"  # no retries for what no mail server can carry
    assert smtp.inbox.messages == []

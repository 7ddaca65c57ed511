"""Delivering one message of the outbox exactly once, however many deliverers try at once.

A deliverer first claims the row: one UPDATE … WHERE state = 'pending' … RETURNING, committed, which
of two concurrent deliverers only one can win (PostgreSQL's row lock, SQLite's write lock). The
winner sends over SMTP and records the outcome; a failure puts the message back to pending with a
later ``next_attempt_at`` (1, 2, 4 … minutes, at most an hour), and after OUTBOX_MAX_ATTEMPTS it is
failed, for an admin to resend."""

import logging
import smtplib
from datetime import datetime, timedelta
from email.message import EmailMessage
from email.utils import make_msgid

from flask import current_app
from sqlalchemy import select, update

from partnership.db import utcnow
from partnership.extensions import db
from partnership.notifications.models import MessageState, OutboxMessage

log = logging.getLogger(__name__)

# A message still "sending" this long after its claim lost its deliverer (killed mid-way).
STALE_CLAIM = timedelta(minutes=15)


def backoff(attempts: int) -> timedelta:
    return timedelta(minutes=min(2 ** max(attempts - 1, 0), 60))


def claim(message_id: int, now: datetime | None = None) -> bool:
    """Take the message for this deliverer, if it is pending and due; commits."""
    now = now or utcnow()
    claimed = db.session.execute(
        update(OutboxMessage)
        .where(
            OutboxMessage.id == message_id,
            OutboxMessage.state == MessageState.pending,
            OutboxMessage.next_attempt_at <= now,
        )
        .values(state=MessageState.sending, claimed_at=now, attempts=OutboxMessage.attempts + 1)
        .returning(OutboxMessage.id)
        .execution_options(synchronize_session=False)
    ).first()
    db.session.commit()
    return claimed is not None


def deliver(message_id: int) -> str:
    """Claim, send and record one message; answers its state afterwards (or "skipped" when
    another deliverer had it, or it was not due). Commits; no transaction stays open while
    the mail server is talked to."""
    if not claim(message_id):
        return "skipped"
    message = db.session.get(OutboxMessage, message_id, populate_existing=True)
    assert message is not None
    attempts, console = message.attempts, _console_text(message)
    outcome: dict
    try:
        mail: EmailMessage | None = email(message)
    except (ValueError, TypeError) as error:  # an address or header no mail can carry: trying again cannot help
        mail, outcome = None, {"state": MessageState.failed, "last_error": _error_text(error)}
    db.session.rollback()  # the read ends here: nothing was written since the claim's commit
    if mail is not None:
        outcome = _send(message_id, attempts, mail, console)
    db.session.execute(
        update(OutboxMessage)
        .where(OutboxMessage.id == message_id)
        .values(**outcome)
        .execution_options(synchronize_session=False)
    )
    db.session.commit()
    return outcome["state"].value


def _send(message_id: int, attempts: int, mail: EmailMessage, console: str) -> dict:
    """What the attempt changes of the message."""
    try:
        send(mail, console)
    except (OSError, smtplib.SMTPException) as error:
        outcome = _failure(attempts, error)
        log.warning("outbox: message %s not sent (attempt %s): %s", message_id, attempts, outcome["last_error"])
        return outcome
    return {"state": MessageState.sent, "sent_at": utcnow(), "last_error": None}


def _error_text(error: Exception) -> str:
    return f"{type(error).__name__}: {error}"[:1000]


def _failure(attempts: int, error: Exception) -> dict:
    failure: dict = {"last_error": _error_text(error)}
    if attempts >= current_app.config["OUTBOX_MAX_ATTEMPTS"]:
        failure["state"] = MessageState.failed
    else:
        failure["state"] = MessageState.pending
        failure["next_attempt_at"] = utcnow() + backoff(attempts)
    return failure


def due(now: datetime | None = None) -> list[int]:
    """Messages waiting for a delivery that is due, oldest first."""
    now = now or utcnow()
    return list(
        db.session.scalars(
            select(OutboxMessage.id)
            .where(OutboxMessage.state == MessageState.pending, OutboxMessage.next_attempt_at <= now)
            .order_by(OutboxMessage.id)
        )
    )


def release_stale_claims(now: datetime | None = None) -> int:
    """Messages claimed by a deliverer that died before recording the outcome wait again (due at
    once, and already lost their task)."""
    now = now or utcnow()
    result = db.session.execute(
        update(OutboxMessage)
        .where(OutboxMessage.state == MessageState.sending, OutboxMessage.claimed_at < now - STALE_CLAIM)
        .values(state=MessageState.pending, next_attempt_at=now - STALE_CLAIM)
        .execution_options(synchronize_session=False)
    )
    db.session.commit()
    return result.rowcount  # type: ignore[attr-defined]  # a CursorResult


def deliver_due() -> dict[str, int]:
    """Deliver every due message here and now (the sweep without a queue, and tests)."""
    counts: dict[str, int] = {}
    ids = due()
    db.session.rollback()  # end the read before each delivery's claim
    for message_id in ids:
        outcome = deliver(message_id)
        counts[outcome] = counts.get(outcome, 0) + 1
    return counts


def email(message: OutboxMessage) -> EmailMessage:
    config = current_app.config
    mail = EmailMessage()
    mail["From"] = config["MAIL_DEFAULT_SENDER"]
    mail["To"] = message.recipient
    mail["Subject"] = message.subject
    mail["Message-ID"] = make_msgid(idstring=f"outbox-{message.id}", domain="partnership")
    mail.set_content(message.body)
    if message.html:
        mail.add_alternative(message.html, subtype="html")
    for attachment in message.attachments:
        maintype, _, subtype = attachment.content_type.partition("/")
        mail.add_attachment(attachment.content, maintype=maintype, subtype=subtype, filename=attachment.filename)
    mail["Content-Language"] = message.language  # last: parts made above take the Content-* headers along
    return mail


def _console_text(message: OutboxMessage) -> str:
    attached = ", ".join(a.filename for a in message.attachments) or "none"
    return (
        f"message {message.id}\nTo: {message.recipient}\nSubject: {message.subject}\n"
        f"Attachments: {attached}\n\n{message.body}"
    )


def send(mail: EmailMessage, console: str) -> None:
    """Over SMTP to MAIL_SERVER; with none configured, to the console log (make run)."""
    config = current_app.config
    if not config.get("MAIL_SERVER"):
        log.warning("outbox: no MAIL_SERVER, to the console:\n%s", console)
        return
    with smtplib.SMTP(config["MAIL_SERVER"], config["MAIL_PORT"], timeout=config["MAIL_TIMEOUT_SECONDS"]) as smtp:
        if config.get("MAIL_USE_TLS"):
            smtp.starttls()
        if config.get("MAIL_USERNAME"):
            smtp.login(config["MAIL_USERNAME"], config.get("MAIL_PASSWORD") or "")
        smtp.send_message(mail)

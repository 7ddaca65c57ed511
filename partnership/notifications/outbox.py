"""Writing to the outbox, and queueing the delivery of what a transaction wrote once it commits.

A message is a row written beside the change that causes it: rolled back with it, committed with it.
Only after the commit is its delivery task queued (``partnership.tasks.queue_after_commit``), so no
task ever names a message that does not exist; a task lost on the way (the broker down, a worker
killed) is found again by the periodic sweep (``tasks.sweep_outbox``), since the row itself waits in
the pending state."""

from dataclasses import dataclass

from partnership import tasks
from partnership.extensions import db
from partnership.notifications.models import OutboxAttachment, OutboxMessage
from partnership.tasks import queue_after_commit

DELIVER_TASK = "partnership.notifications.tasks.deliver"
SUBJECT_MAX = 300


@dataclass(frozen=True)
class Attachment:
    filename: str
    content_type: str
    content: bytes


def write(
    *,
    kind: str,
    recipient: str,
    language: str,
    subject: str,
    body: str,
    html: str | None = None,
    attachments: tuple[Attachment, ...] = (),
    user_id: int | None = None,
    participant_id: int | None = None,
    once_key: str | None = None,
) -> OutboxMessage:
    """A message in the outbox, flushed in the current transaction; its delivery is queued when
    (and only if) that transaction commits."""
    message = OutboxMessage(
        kind=kind,
        recipient=recipient.strip(),
        language=language,
        subject=" ".join(subject.split())[:SUBJECT_MAX],  # one line: a header holds no line breaks
        body=body,
        html=html,
        user_id=user_id,
        participant_id=participant_id,
        once_key=once_key,
        attachments=[
            OutboxAttachment(filename=a.filename, content_type=a.content_type, content=a.content) for a in attachments
        ],
    )
    db.session.add(message)
    db.session.flush()
    queue_after_commit(DELIVER_TASK, message.id)
    return message


def enqueue(message_ids: list[int]) -> None:
    """Queue a delivery task per message. A broker that refuses leaves them pending for the sweep."""
    for message_id in message_ids:
        tasks.send(DELIVER_TASK, message_id)

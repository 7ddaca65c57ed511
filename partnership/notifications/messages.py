"""What each message says, in its recipient's language (``force_locale``): plain text always.

Each function writes the messages of one event to the outbox and the matching line in the in-app
list of every user it tells; the caller's transaction carries them."""

from flask_babel import force_locale
from flask_babel import gettext as _

from partnership.accounts.models import User
from partnership.core.urls import external_url
from partnership.extensions import db
from partnership.notifications import outbox
from partnership.notifications.models import Notification

DEFAULT_LANGUAGE = "en"


def tell_user(
    user: User,
    kind: str,
    compose,
    *,
    path: str | None = None,
    attachments: tuple[outbox.Attachment, ...] = (),
    once_key: str | None = None,
) -> None:
    """``compose()`` answers (subject, body) in the locale in force: the user's own. The subject is
    also the line of their in-app list, linked to ``path``."""
    language = user.language or DEFAULT_LANGUAGE
    with force_locale(language):
        subject, body = compose()
    db.session.add(Notification(user_id=user.id, kind=kind, text=subject[:500], url=path, once_key=once_key))
    if user.email:
        outbox.write(
            kind=kind,
            recipient=user.email,
            language=language,
            subject=subject,
            body=body,
            attachments=attachments,
            user_id=user.id,
            once_key=once_key,
        )


def tell_participant(participant, language: str | None, kind: str, compose) -> None:
    """A message to someone with no account (a participant), at their e-mail address."""
    language = language or DEFAULT_LANGUAGE
    with force_locale(language):
        subject, body = compose()
    outbox.write(
        kind=kind,
        recipient=participant.email,
        language=language,
        subject=subject,
        body=body,
        participant_id=participant.id,
    )


def signature() -> str:
    return "\n\n-- \n" + _("Partnership: the international relations office")


def visit_link(visit_id: int) -> str:
    return external_url("visits.detail", visit_id=visit_id)

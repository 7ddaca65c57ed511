"""How notifications react to what happens below: each event's messages, written in the
transaction of the change that causes it (the signals are sent flushed, before the commit)."""

from datetime import UTC, datetime
from urllib.parse import urlsplit
from zoneinfo import ZoneInfo

from flask import current_app
from flask_babel import format_date
from flask_babel import gettext as _
from sqlalchemy import delete, select

from partnership.accounts.models import User
from partnership.core.roles import Role
from partnership.core.urls import external_url
from partnership.extensions import db
from partnership.feedback import services as feedback
from partnership.induction.signals import links_to_send
from partnership.notifications import outbox
from partnership.notifications.messages import signature, tell_participant, tell_user, visit_link
from partnership.notifications.models import OutboxMessage
from partnership.participants.signals import erasing, personal_data
from partnership.programme import ical
from partnership.programme import queries as programme_queries
from partnership.programme.signals import programme_changed
from partnership.visits.models import Visit, VisitStatus
from partnership.visits.signals import status_changed

TOLD_LIAISON = {
    VisitStatus.approved: "visit.approved",
    VisitStatus.rejected: "visit.rejected",
    VisitStatus.confirmed: "visit.confirmed",
    VisitStatus.cancelled: "visit.cancelled",
}


def coordinators() -> list[User]:
    return list(
        db.session.scalars(select(User).where(User.role == Role.coordinator, User.active.is_(True)).order_by(User.id))
    )


def requesting_liaison(visit: Visit) -> User | None:
    user = visit.created_by
    if user is None or user.role is not Role.liaison or not user.active:
        return None
    return user


def _dates(visit: Visit) -> str:
    return f"{format_date(visit.starts_on)} – {format_date(visit.ends_on)}"


@status_changed.connect
def tell_of_status(visit: Visit, actor, from_status, to_status) -> None:
    if to_status is VisitStatus.requested:
        _tell_coordinators_of_request(visit, actor)
    elif to_status in TOLD_LIAISON:
        liaison = requesting_liaison(visit)
        if liaison is not None and liaison.id != getattr(actor, "id", None):
            tell_user(liaison, TOLD_LIAISON[to_status], lambda: _status_message(visit, to_status), path=_path(visit))
    elif to_status is VisitStatus.completed:
        _send_feedback_links(visit, actor)


def _path(visit: Visit) -> str:
    return urlsplit(visit_link(visit.id)).path


def _tell_coordinators_of_request(visit: Visit, actor) -> None:
    def compose():
        subject = _("New visit request: %(title)s", title=visit.title)
        body = _(
            "%(organisations)s asked for the visit “%(title)s” (%(dates)s).\n\nOpen the request: %(link)s",
            organisations=", ".join(o.name for o in visit.organisations),
            title=visit.title,
            dates=_dates(visit),
            link=visit_link(visit.id),
        )
        return subject, body + signature()

    for user in coordinators():
        if user.id != getattr(actor, "id", None):
            tell_user(user, "visit.requested", compose, path=_path(visit))


def _status_message(visit: Visit, to_status: VisitStatus) -> tuple[str, str]:
    subject = _("Visit “%(title)s”: %(status)s", title=visit.title, status=to_status.label)
    lines = [
        _(
            "Your visit request “%(title)s” (%(dates)s) is now: %(status)s.",
            title=visit.title,
            dates=_dates(visit),
            status=to_status.label,
        )
    ]
    if to_status is VisitStatus.rejected and visit.rejection_reason:
        lines.append(_("The reason given: %(reason)s", reason=visit.rejection_reason))
    lines.append(_("Open the visit: %(link)s", link=visit_link(visit.id)))
    return subject, "\n\n".join(lines) + signature()


def _mail_personal_links(visit: Visit, tokens: dict[int, str], endpoint: str, kind: str, text) -> None:
    """Each participant of ``tokens`` gets their personal link (``endpoint``), in their language
    (else the requesting liaison's); ``text(participant, link)`` gives the subject and body."""
    participants = {p.id: p for p in visit.participants}
    liaison = requesting_liaison(visit)
    fallback = liaison.language if liaison is not None else None
    for participant_id, token in tokens.items():
        participant = participants[participant_id]
        link = external_url(endpoint, token=token)

        def compose(participant=participant, link=link):
            subject, body = text(participant, link)
            return subject, body + signature()

        tell_participant(participant, participant.language or fallback, kind, compose)


def _send_feedback_links(visit: Visit, actor) -> None:
    """Each participant with an e-mail address gets their personal feedback link."""

    def text(participant, link):
        subject = _("Your feedback on %(visit)s", visit=visit.title)
        body = _(
            "Dear %(name)s,\n\nThank you for visiting us. Please tell us how it went: %(link)s\n\n"
            "The link is personal and works once.",
            name=participant.full_name,
            link=link,
        )
        return subject, body

    tokens = feedback.issue_links(visit, actor, with_email_only=True)
    _mail_personal_links(visit, tokens, "feedback.respond", "feedback.link", text)


@links_to_send.connect
def send_induction_links(visit: Visit, actor, tokens: dict[int, str]) -> None:
    """Each participant gets their personal induction link."""

    def text(participant, link):
        subject = _("Safety induction before your visit: %(visit)s", visit=visit.title)
        body = _(
            "Dear %(name)s,\n\nBefore your visit, please read the safety rules of the sites you will see "
            "and answer a few questions: %(link)s\n\nThe link is personal; no account is needed.",
            name=participant.full_name,
            link=link,
        )
        return subject, body

    _mail_personal_links(visit, tokens, "induction.start", "induction.link", text)


@programme_changed.connect
def tell_of_programme_change(visit: Visit, actor) -> None:
    """A confirmed visit's programme changed: the liaison gets the new calendar file."""
    liaison = requesting_liaison(visit)
    if visit.status is not VisitStatus.confirmed or liaison is None:
        return
    calendar = outbox.Attachment(f"visit-{visit.id}.ics", "text/calendar", visit_calendar(visit))

    def compose():
        subject = _("The programme of “%(title)s” has changed", title=visit.title)
        body = _(
            "The programme of your visit “%(title)s” (%(dates)s) has changed. The attached calendar file "
            "holds the new programme; the visit's page shows it too: %(link)s",
            title=visit.title,
            dates=_dates(visit),
            link=visit_link(visit.id),
        )
        return subject, body + signature()

    tell_user(liaison, "programme.changed", compose, path=_path(visit), attachments=(calendar,))


def visit_calendar(visit: Visit) -> bytes:
    domain = urlsplit(current_app.config.get("BASE_URL") or "http://localhost").hostname or "localhost"
    tz = ZoneInfo(current_app.config["BABEL_DEFAULT_TIMEZONE"])
    return ical.visit_calendar(visit, programme_queries.visit_items(visit), tz, domain, datetime.now(UTC))


@personal_data.connect
def messages_to_a_participant(participant):
    """What was written to them: when, what about, in which language, whether it went out."""
    messages = db.session.scalars(
        select(OutboxMessage).where(OutboxMessage.participant_id == participant.id).order_by(OutboxMessage.id)
    )
    return "messages", [
        {
            "written_at": m.created_at.isoformat(),
            "kind": m.kind,
            "to": m.recipient,
            "language": m.language,
            "subject": m.subject,
            "state": m.state.value,
            "sent_at": m.sent_at.isoformat() if m.sent_at else None,
        }
        for m in messages
    ]


@erasing.connect
def forget_erased_participant(participant, actor) -> None:
    """Their messages (address, name, personal link) go from the outbox, sent or not."""
    db.session.execute(
        delete(OutboxMessage)
        .where(OutboxMessage.participant_id == participant.id)
        .execution_options(synchronize_session=False)
    )

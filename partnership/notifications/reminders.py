"""Coordinators are told of an agreement's coming expiry at each of AGREEMENT_REMINDER_DAYS before
it (90, 30, 7), once each: the outbox's ``once_key`` records what was sent. A run that finds an
agreement past several thresholds (the scheduler was off) sends the nearest only."""

from datetime import timedelta
from urllib.parse import urlsplit

from flask import current_app
from flask_babel import format_date
from flask_babel import gettext as _
from sqlalchemy import select

from partnership.agreements.models import Agreement
from partnership.core import clock
from partnership.core.urls import external_url
from partnership.extensions import db
from partnership.notifications.messages import signature, tell_user
from partnership.notifications.models import Notification
from partnership.notifications.reactions import coordinators


def remind_expiring_agreements() -> int:
    """Write the reminders due today; answers how many. Flushes; the task commits."""
    today = clock.today()
    thresholds = sorted(current_app.config["AGREEMENT_REMINDER_DAYS"])
    if not thresholds:
        return 0
    agreements = db.session.scalars(
        select(Agreement)
        .where(
            Agreement.expires_on.is_not(None),
            Agreement.expires_on >= today,
            Agreement.expires_on <= today + timedelta(days=thresholds[-1]),
            Agreement.terminated_on.is_(None),
            Agreement.signed_on.is_not(None),
        )
        .order_by(Agreement.expires_on, Agreement.id)
    ).all()
    users = coordinators()
    written = 0
    for agreement in agreements:
        assert agreement.expires_on is not None
        days_left = (agreement.expires_on - today).days
        threshold = next(days for days in thresholds if days_left <= days)
        for user in users:
            key = f"agreement-expiring:{agreement.id}:{agreement.expires_on.isoformat()}:{threshold}:{user.id}"
            if db.session.scalar(select(Notification.id).where(Notification.once_key == key)) is not None:
                continue
            tell_user(user, "agreement.expiring", _composer(agreement, days_left), path=_path(agreement), once_key=key)
            written += 1
    return written


def _path(agreement: Agreement) -> str:
    return urlsplit(external_url("agreements.detail", agreement_id=agreement.id)).path


def _composer(agreement: Agreement, days_left: int):
    def compose():
        subject = _("Agreement %(reference)s expires in %(days)d days", reference=agreement.reference, days=days_left)
        body = _(
            "The agreement %(reference)s “%(title)s” expires on %(date)s, in %(days)d days.\n\nOpen it: %(link)s",
            reference=agreement.reference,
            title=agreement.title,
            date=format_date(agreement.expires_on),
            days=days_left,
            link=external_url("agreements.detail", agreement_id=agreement.id),
        )
        return subject, body + signature()

    return compose

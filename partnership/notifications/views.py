"""The admins' outbox, each user's notifications and calendar address, and the calendar feed that
calendar programs read with the address's token and no session."""

from urllib.parse import urlsplit
from zoneinfo import ZoneInfo

from flask import Blueprint, Response, abort, current_app, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user, login_required

from partnership.core.forms import service_call
from partnership.core.pagination import paginate
from partnership.core.roles import guide_may_open, roles_required
from partnership.core.urls import external_url
from partnership.db import utcnow
from partnership.extensions import db
from partnership.notifications import access, queries, services
from partnership.notifications.models import MessageState, OutboxMessage
from partnership.programme import ical

bp = Blueprint("notifications", __name__)


@bp.record_once
def _init_app(state) -> None:
    state.app.jinja_env.globals["unread_notifications"] = _unread
    state.app.jinja_env.globals["can_read_outbox"] = lambda: access.can_read_outbox(current_user)


def _unread() -> int:
    return queries.unread_count(current_user) if current_user.is_authenticated else 0


@bp.get("/admin/outbox")
@roles_required(*access.OUTBOX_READERS)
def outbox():
    state = request.args.get("state")
    chosen = MessageState(state) if state in {s.value for s in MessageState} else None
    page = paginate(queries.outbox(chosen), missing_page_is_404=False)
    return render_template(
        "notifications/outbox.html",
        page=page,
        state=chosen,
        states=list(MessageState),
        counts=queries.outbox_counts(),
        mail_server=current_app.config.get("MAIL_SERVER"),
    )


@bp.get("/admin/outbox/<int:message_id>")
@roles_required(*access.OUTBOX_READERS)
def message(message_id: int):
    message = db.session.get(OutboxMessage, message_id) or abort(404)
    return render_template("notifications/message.html", message=message, can_resend=services.can_resend(message))


@bp.post("/admin/outbox/<int:message_id>/resend")
@roles_required(*access.OUTBOX_READERS)
def resend(message_id: int):
    message = db.session.get(OutboxMessage, message_id) or abort(404)
    with service_call() as call:
        services.resend(current_user, message)
    if call.succeeded:
        flash(_("The message waits for delivery again."), "success")
    return redirect(url_for("notifications.message", message_id=message_id))


@bp.get("/notifications")
@guide_may_open
@login_required
def index():
    page = paginate(queries.notifications_of(current_user), missing_page_is_404=False)
    return render_template("notifications/index.html", page=page)


@bp.post("/notifications/read")
@guide_may_open
@login_required
def mark_read():
    services.mark_all_read(current_user)
    return redirect(url_for("notifications.index"))


@bp.get("/account/calendar")
@guide_may_open
@login_required
def calendar():
    feed = queries.feed_of(current_user)
    url = external_url("notifications.feed", token=feed.token) if feed else None
    webcal = "webcal://" + url.split("://", 1)[1] if url else None
    return render_template("notifications/calendar.html", feed=feed, url=url, webcal=webcal)


@bp.post("/account/calendar")
@guide_may_open
@login_required
def new_calendar():
    with service_call() as call:
        services.new_feed(current_user)
    if call.succeeded:
        flash(_("Your calendar has a new address; the old one no longer works."), "success")
    return redirect(url_for("notifications.calendar"))


@bp.post("/account/calendar/revoke")
@guide_may_open
@login_required
def revoke_calendar():
    with service_call() as call:
        services.revoke_feed(current_user)
    if call.succeeded:
        flash(_("Your calendar address no longer works."), "success")
    return redirect(url_for("notifications.calendar"))


@bp.get("/calendar/<token>.ics")
@guide_may_open
def feed(token: str):
    """Read by calendar programs with no session: the token is the key, so an unknown one is 404."""
    feed = queries.feed_by_token(token) or abort(404)
    if not feed.user.active:
        abort(404)
    visits, items = queries.feed_visits(feed.user)
    domain = urlsplit(request.host_url).hostname or "localhost"
    body = ical.feed_calendar(
        _("Partnership: %(name)s", name=feed.user.full_name),
        visits,
        items,
        ZoneInfo(current_app.config["BABEL_DEFAULT_TIMEZONE"]),
        domain,
        utcnow(),
    )
    response = Response(body, mimetype="text/calendar")
    response.headers["Content-Disposition"] = 'inline; filename="partnership.ics"'
    response.headers["Referrer-Policy"] = "no-referrer"
    response.headers["X-Robots-Tag"] = "noindex, nofollow"
    return response

"""Sessions the server knows (``UserSession``): started at sign-in, resumed by each request
from the token in the Flask session cookie, ended by the server.

A session ends at sign-out, when its user ends it on the sessions page, when all of a user's
sessions end at once (a new password, a disabled account, "sign out everywhere"), after
``SESSION_IDLE_TIMEOUT_MINUTES`` without a request, and ``SESSION_ABSOLUTE_TIMEOUT_HOURS``
after sign-in whatever happens. An ended session never resumes. Like services, these
functions flush and never commit."""

import hashlib
import secrets
from datetime import datetime, timedelta

import ua_parser
from flask import Flask, current_app, has_request_context, request
from flask.sessions import SecureCookieSessionInterface
from flask_babel import gettext as _
from sqlalchemy import Update, select, update
from sqlalchemy.orm import joinedload

from partnership.accounts.models import User, UserSession
from partnership.db import in_read_phase, utcnow, writing_request
from partnership.extensions import db

COOKIE_KEY = "sid"  # the token's key in the Flask session cookie
TOUCH_EVERY = timedelta(minutes=1)  # last_seen_at is written at most this often per session
USER_AGENT_MAX = 255


class EndReason:
    signed_out = "signed_out"
    ended_by_user = "ended_by_user"
    signed_out_everywhere = "signed_out_everywhere"
    password_changed = "password_changed"  # noqa: S105  (a reason, not a password)
    password_reset = "password_reset"  # noqa: S105
    account_disabled = "account_disabled"
    idle = "idle"
    expired = "expired"


def token_hash(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


def idle_timeout() -> timedelta:
    return timedelta(minutes=current_app.config["SESSION_IDLE_TIMEOUT_MINUTES"])


def absolute_timeout() -> timedelta:
    return timedelta(hours=current_app.config["SESSION_ABSOLUTE_TIMEOUT_HOURS"])


def start(user: User, *, address: str | None, user_agent: str | None) -> str:
    """Start a session for ``user``; the token to put in the cookie (only its hash is kept)."""
    token = secrets.token_urlsafe(32)
    now = utcnow()
    db.session.add(
        UserSession(
            user_id=user.id,
            token_hash=token_hash(token),
            created_at=now,
            last_seen_at=now,
            remote_addr=address,
            user_agent=(user_agent or "")[:USER_AGENT_MAX] or None,
        )
    )
    db.session.flush()
    return token


def expiry_reason(record: UserSession, now: datetime) -> str | None:
    if now - record.created_at >= absolute_timeout():
        return EndReason.expired
    if now - record.last_seen_at >= idle_timeout():
        return EndReason.idle
    return None


def resume(token: str | None) -> UserSession | None:
    """The live session ``token`` names (with its user loaded), marked as seen now; None when
    there is none, it has ended, or it has just timed out (it is ended then)."""
    if not token:
        return None
    record = db.session.scalar(
        select(UserSession).options(joinedload(UserSession.user)).where(UserSession.token_hash == token_hash(token))
    )
    if record is None or record.ended_at is not None:
        return None
    now = utcnow()
    reason = expiry_reason(record, now)
    if reason is not None:
        _write(_ending(UserSession.id == record.id, reason, now))
        return None
    if now - record.last_seen_at >= TOUCH_EVERY:
        _write(update(UserSession).where(UserSession.id == record.id).values(last_seen_at=now))
    return record


def end(record: UserSession, reason: str) -> None:
    if record.ended_at is None:
        record.ended_at = utcnow()
        record.end_reason = reason
        db.session.flush()


def end_all(user: User, reason: str) -> int:
    """End every live session of ``user`` at once; how many there were."""
    result = db.session.execute(_ending(UserSession.user_id == user.id, reason, utcnow()))
    return result.rowcount  # type: ignore[attr-defined]  # an UPDATE's result has one


def live(user: User) -> list[UserSession]:
    """``user``'s sessions that a request could still resume, the latest seen first."""
    now = utcnow()
    query = (
        select(UserSession)
        .where(
            UserSession.user_id == user.id,
            UserSession.ended_at.is_(None),
            UserSession.created_at > now - absolute_timeout(),
            UserSession.last_seen_at > now - idle_timeout(),
        )
        .order_by(UserSession.last_seen_at.desc(), UserSession.id.desc())
    )
    return list(db.session.scalars(query))


def get_live(user: User, session_id: int) -> UserSession | None:
    return next((record for record in live(user) if record.id == session_id), None)


def _ending(condition, reason: str, now: datetime) -> Update:
    return (
        update(UserSession)
        .where(condition, UserSession.ended_at.is_(None))
        .values(ended_at=now, end_reason=reason)
        .execution_options(synchronize_session="fetch")
    )


def _write(statement: Update) -> None:
    """Write what resuming a session changes. On SQLite a reading request's transaction began
    deferred and has read already: writing in it fails at once if another request wrote since
    (see ``partnership.db._sqlite_begin``), so the write takes a short transaction of its own. So
    does it, on any database, in the read phase of an upload (``db.reads_before_writing``), whose
    transaction is rolled back before the file is parsed. Elsewhere it belongs to the request's
    transaction."""
    if in_read_phase() or (db.engine.dialect.name == "sqlite" and not writing_request()):
        with db.engine.begin() as connection:
            connection.execute(statement.execution_options(synchronize_session=False))
    else:
        db.session.execute(statement)


class SessionCookie(SecureCookieSessionInterface):
    """Flask's signed session cookie, marked Secure whenever the request came over HTTPS,
    besides always when ``SESSION_COOKIE_SECURE`` is on (behind a proxy, ``request.is_secure``
    needs the proxy's X-Forwarded-Proto passed on, e.g. by werkzeug's ProxyFix)."""

    def get_cookie_secure(self, app) -> bool:
        return super().get_cookie_secure(app) or (has_request_context() and request.is_secure)


def browser_name(user_agent: str | None) -> str:
    """ "Firefox 128 on Windows" for a session's User-Agent header, as ua-parser reads it."""
    parsed = ua_parser.parse(user_agent or "")
    if parsed.user_agent is None:
        return _("Unknown browser")
    browser = " ".join(filter(None, [parsed.user_agent.family, parsed.user_agent.major]))
    if parsed.os is None or parsed.os.family == "Other":
        return browser
    return _("%(browser)s on %(system)s", browser=browser, system=parsed.os.family)


def init_app(app: Flask) -> None:
    if app.config.get("PREFERRED_URL_SCHEME") == "https":
        app.config["SESSION_COOKIE_SECURE"] = True
    app.session_interface = SessionCookie()
    app.jinja_env.globals["browser_name"] = browser_name

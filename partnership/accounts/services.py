"""Account operations. They flush; the request (or CLI command) commits."""

from flask_babel import gettext as _
from sqlalchemy import func, select

from partnership.accounts import passwords, sessions, throttle
from partnership.accounts.models import User, UserSession
from partnership.audit import services as audit
from partnership.core.errors import DomainError
from partnership.core.roles import Role
from partnership.db import utcnow
from partnership.extensions import db


def find_by_username(username: str) -> User | None:
    return db.session.scalar(select(User).where(func.lower(User.username) == username.strip().lower()))


def _spend_a_hash(password: str) -> None:
    User(password_hash="").set_password(password)  # the work of a real check, so timing tells nothing


def authenticate(username: str, password: str) -> User | None:
    """The active user with these credentials, or None. Unknown names cost a hash too."""
    user = find_by_username(username)
    if user is None:
        _spend_a_hash(password)
        return None
    if not user.check_password(password) or not user.active:
        return None
    user.last_login_at = utcnow()
    return user


def sign_in(username: str, password: str, *, address: str | None) -> User | None:
    """The user whose credentials these are, or None: a wrong password, an unknown name, a
    disabled account and a throttled try look alike to the person trying (``throttle``)."""
    if throttle.refuses(username, address):
        _spend_a_hash(password)
        audit.record(None, "auth.sign_in_throttled", find_by_username(username))
        return None
    user = authenticate(username, password)
    if user is None:
        throttle.count_failure(username, address)
        audit.record(None, "auth.sign_in_failed", find_by_username(username))  # the account, if there is one
        return None
    throttle.forget_account_failures(username, address)
    audit.record(user, "auth.sign_in", user)
    return user


def _check_username_free(username: str, user: User | None = None) -> None:
    other = find_by_username(username)
    if other is not None and (user is None or other.id != user.id):
        raise DomainError(_("This username is taken."), field="username")


def _check_password(password: str, user: User) -> None:
    problem = passwords.problem(password, username=user.username, full_name=user.full_name)
    if problem:
        raise DomainError(problem, field="password")


def _check_guide_free(role: Role, guide_id: int | None, user: User | None = None) -> int | None:
    if role is not Role.guide:
        return None
    holder = db.session.scalar(select(User).where(User.guide_id == guide_id))
    if holder is not None and holder is not user:
        raise DomainError(
            _("This guide already has an account: %(username)s.", username=holder.username), field="guide_id"
        )
    return guide_id


def create_user(
    actor, *, username, full_name, email, role, password, organisation_id=None, guide_id=None, active=True
) -> User:
    _check_username_free(username)
    user = User(
        username=username.strip().lower(),
        full_name=full_name.strip(),
        email=email.strip(),
        role=Role(role),
        organisation_id=organisation_id if Role(role) is Role.liaison else None,
        guide_id=_check_guide_free(Role(role), guide_id),
        active=active,
    )
    _check_password(password, user)
    user.set_password(password)
    db.session.add(user)
    audit.record(actor, "user.create", user)
    return user


def update_user(
    actor, user: User, *, username, full_name, email, role, organisation_id=None, guide_id=None, active=True
) -> User:
    _check_username_free(username, user)
    if actor is not None and user.id == actor.id and (Role(role) is not Role.admin or not active):
        raise DomainError(_("You cannot remove your own administrator rights or disable yourself."), field="role")
    user.username = username.strip().lower()
    user.full_name = full_name.strip()
    user.email = email.strip()
    user.role = Role(role)
    user.organisation_id = organisation_id if user.role is Role.liaison else None
    user.guide_id = _check_guide_free(user.role, guide_id, user)
    if user.active and not active:
        sessions.end_all(user, sessions.EndReason.account_disabled)  # signed out at the next request
    user.active = active
    audit.record(actor, "user.update", user)
    return user


def set_password(actor, user: User, password: str) -> None:
    """Set ``user``'s password (``actor``: the user themself or an admin) and end all of
    ``user``'s sessions: whoever held one, or a copy of its cookie, must sign in again."""
    _check_password(password, user)
    user.set_password(password)
    own = actor is not None and actor.id == user.id
    sessions.end_all(user, sessions.EndReason.password_changed if own else sessions.EndReason.password_reset)
    audit.record(actor, "user.password", user)


def set_language(user: User, language: str, languages) -> None:
    """The language of the messages ``user`` is sent (one of ``languages``, config.LANGUAGES)."""
    if language not in languages:
        raise DomainError(_("Choose one of the languages offered."), field="language")
    user.language = language
    audit.record(user, "user.language", user)


def change_own_password(user: User, current_password: str, new_password: str) -> None:
    if not user.check_password(current_password):
        raise DomainError(_("The current password is not right."), field="current_password")
    set_password(user, user, new_password)


def sign_out(user: User, record: UserSession) -> None:
    sessions.end(record, sessions.EndReason.signed_out)
    audit.record(user, "auth.sign_out", user)


def end_session(user: User, session_id: int) -> UserSession | None:
    """End one of ``user``'s live sessions; None when ``session_id`` is none of them."""
    record = sessions.get_live(user, session_id)
    if record is not None:
        sessions.end(record, sessions.EndReason.ended_by_user)
        audit.record(user, "auth.session_ended", user, details={"session": record.id})
    return record


def sign_out_everywhere(user: User) -> int:
    ended = sessions.end_all(user, sessions.EndReason.signed_out_everywhere)
    audit.record(user, "auth.signed_out_everywhere", user, details={"sessions": ended})
    return ended

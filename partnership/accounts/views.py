"""Signing in and out, one's own password and sessions, and the admin's account register."""

from flask import Blueprint, abort, current_app, flash, g, redirect, render_template, request, session, url_for
from flask_babel import gettext as _
from flask_login import current_user, login_required, login_user, logout_user

from partnership.accounts import queries, services, sessions, throttle
from partnership.accounts.forms import (
    ChangePasswordForm,
    LanguageForm,
    LoginForm,
    NewUserForm,
    ResetPasswordForm,
    UserForm,
)
from partnership.accounts.models import User
from partnership.accounts.signals import choices_of_guides
from partnership.core.forms import service_call
from partnership.core.roles import Role, guide_may_open, roles_required
from partnership.core.urls import redirect_target
from partnership.extensions import login_manager
from partnership.partners.queries import organisation_choices

bp = Blueprint("accounts", __name__)


@bp.record_once
def _init_app(state) -> None:
    throttle.init_app(state.app)
    sessions.init_app(state.app)


login_manager.login_view = "accounts.login"
login_manager.login_message_category = "info"

KEPT_ACROSS_SIGN_IN = ("lang",)  # what a new session keeps of the anonymous one before it


@login_manager.user_loader
def load_user(user_id: str) -> User | None:
    """The user of the live server-side session the cookie names; a cookie whose session has
    ended (signed out, a new password, disabled, timed out) signs nobody in."""
    record = sessions.resume(session.get(sessions.COOKIE_KEY))
    if record is None or str(record.user_id) != user_id or not record.user.active:
        _forget_sign_in()
        return None
    g.user_session = record
    return record.user


def _forget_sign_in() -> None:
    for key in ("_user_id", "_fresh", "_id", sessions.COOKIE_KEY):
        session.pop(key, None)


def _begin_session(user: User) -> None:
    """A new cookie session for ``user``: nothing of the anonymous one but its language, so a
    session id or CSRF token planted before sign-in is worthless after it (ASVS 3.2.1)."""
    kept = {key: session[key] for key in KEPT_ACROSS_SIGN_IN if key in session}
    session.clear()
    session.update(kept)
    token = sessions.start(user, address=request.remote_addr, user_agent=request.user_agent.string)
    login_user(user)
    session[sessions.COOKIE_KEY] = token


@bp.route("/login", methods=["GET", "POST"])
@guide_may_open
def login():
    if current_user.is_authenticated:
        return redirect(url_for("home.index"))
    form = LoginForm()
    if form.validate_on_submit():
        assert form.username.data is not None and form.password.data is not None  # DataRequired
        user = services.sign_in(form.username.data, form.password.data, address=request.remote_addr)
        if user is not None:
            _begin_session(user)
            return redirect(redirect_target(request.args.get("next")))
        form.password.errors = [
            *form.password.errors,
            _("Unknown username or wrong password, or the account is disabled."),
        ]
    return render_template("accounts/login.html", form=form)


@bp.post("/logout")
@guide_may_open
def logout():
    if current_user.is_authenticated:
        services.sign_out(current_user, g.user_session)
    logout_user()
    _forget_sign_in()
    flash(_("You are signed out."), "info")
    return redirect(url_for("accounts.login"))


@bp.route("/account/password", methods=["GET", "POST"])
@guide_may_open
@login_required
def change_password():
    form = ChangePasswordForm()
    if form.validate_on_submit():
        assert form.current_password.data is not None  # DataRequired
        with service_call(form) as call:
            services.change_own_password(current_user, form.current_password.data, form.password.data)
        if call.succeeded:
            # Every session ended with the old password; this browser gets a new one.
            _begin_session(current_user._get_current_object())
            flash(_("Your password is changed. Every other session is signed out."), "success")
            return redirect(url_for("home.index"))
    return render_template("accounts/change_password.html", form=form)


@bp.route("/account/language", methods=["GET", "POST"])
@guide_may_open
@login_required
def messages_language():
    languages = current_app.config["LANGUAGES"]
    form = LanguageForm(languages=languages, data={"language": current_user.language})
    if form.validate_on_submit():
        assert form.language.data is not None  # DataRequired
        with service_call(form) as call:
            services.set_language(current_user, form.language.data, languages)
        if call.succeeded:
            flash(_("Messages will be sent to you in the language you chose."), "success")
            return redirect(url_for("accounts.messages_language"))
    return render_template("accounts/language.html", form=form)


@bp.get("/account/sessions")
@guide_may_open
@login_required
def user_sessions():
    return render_template(
        "accounts/sessions.html", sessions=sessions.live(current_user), current_session=g.user_session
    )


@bp.post("/account/sessions/<int:session_id>/end")
@guide_may_open
@login_required
def end_session(session_id: int):
    ending_this_one = session_id == g.user_session.id
    if services.end_session(current_user, session_id) is None:
        abort(404)
    if ending_this_one:
        logout_user()
        _forget_sign_in()
        flash(_("You are signed out."), "info")
        return redirect(url_for("accounts.login"))
    flash(_("The session is ended."), "success")
    return redirect(url_for("accounts.user_sessions"))


@bp.post("/account/sessions/end-all")
@guide_may_open
@login_required
def sign_out_everywhere():
    services.sign_out_everywhere(current_user)
    logout_user()
    _forget_sign_in()
    flash(_("You are signed out everywhere."), "info")
    return redirect(url_for("accounts.login"))


@bp.get("/admin/users")
@roles_required(Role.admin)
def users():
    return render_template("accounts/users.html", users=queries.list_users())


def _user_or_404(user_id: int) -> User:
    return queries.get(user_id) or abort(404)


def _account_data(form: UserForm) -> dict:
    return {
        "username": form.username.data,
        "full_name": form.full_name.data,
        "email": form.email.data,
        "role": form.role.data,
        "organisation_id": form.organisation_id.data or None,
        "guide_id": form.guide_id.data or None,
        "active": form.active.data,
    }


@bp.route("/admin/users/new", methods=["GET", "POST"])
@roles_required(Role.admin)
def create_user():
    form = NewUserForm(organisation_choices=organisation_choices(), guide_choices=choices_of_guides())
    if form.validate_on_submit():
        with service_call(form) as call:
            user = services.create_user(current_user, password=form.password.data, **_account_data(form))
        if call.succeeded:
            flash(_("Account %(username)s created.", username=user.username), "success")
            return redirect(url_for("accounts.users"))
    return render_template("accounts/user_form.html", form=form, user=None)


@bp.route("/admin/users/<int:user_id>/edit", methods=["GET", "POST"])
@roles_required(Role.admin)
def edit_user(user_id: int):
    user = _user_or_404(user_id)
    form = UserForm(
        data={
            "username": user.username,
            "full_name": user.full_name,
            "email": user.email,
            "role": user.role.value,
            "organisation_id": user.organisation_id or 0,
            "guide_id": user.guide_id or 0,
            "active": user.active,
        },
        organisation_choices=organisation_choices(),
        guide_choices=choices_of_guides(),
    )
    if form.validate_on_submit():
        with service_call(form) as call:
            services.update_user(current_user, user, **_account_data(form))
        if call.succeeded:
            flash(_("Account %(username)s saved.", username=user.username), "success")
            return redirect(url_for("accounts.users"))
    return render_template("accounts/user_form.html", form=form, user=user)


@bp.route("/admin/users/<int:user_id>/password", methods=["GET", "POST"])
@roles_required(Role.admin)
def reset_password(user_id: int):
    user = _user_or_404(user_id)
    form = ResetPasswordForm()
    if form.validate_on_submit():
        with service_call(form) as call:
            services.set_password(current_user, user, form.password.data)
        if call.succeeded:
            flash(_("A new password is set for %(username)s.", username=user.username), "success")
            return redirect(url_for("accounts.users"))
    return render_template("accounts/reset_password.html", form=form, user=user)

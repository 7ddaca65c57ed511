"""One form per use case: signing in, changing a password, an admin keeping accounts."""

from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import (
    BooleanField,
    EmailField,
    PasswordField,
    SelectField,
    StringField,
    SubmitField,
)
from wtforms.validators import (
    DataRequired,
    Email,
    EqualTo,
    Length,
    Regexp,
    ValidationError,
)

from partnership.accounts.passwords import PASSWORD_MAX, PASSWORD_MIN
from partnership.core.roles import Role


def new_password_fields():
    """The new password twice; what else it must be is checked where it is set (``passwords``)."""
    return (
        PasswordField(
            _l("New password"),
            validators=[DataRequired(), Length(min=PASSWORD_MIN, max=PASSWORD_MAX)],
            description=_l("At least %(min)d characters; a few unrelated words make a good one.", min=PASSWORD_MIN),
        ),
        PasswordField(
            _l("Repeat the new password"),
            validators=[DataRequired(), EqualTo("password", message=_l("The two passwords differ."))],
        ),
    )


class LoginForm(FlaskForm):
    username = StringField(_l("Username"), validators=[DataRequired(), Length(max=64)])
    password = PasswordField(_l("Password"), validators=[DataRequired(), Length(max=PASSWORD_MAX)])
    submit = SubmitField(_l("Sign in"))


class ChangePasswordForm(FlaskForm):
    current_password = PasswordField(_l("Current password"), validators=[DataRequired(), Length(max=PASSWORD_MAX)])
    password, password_again = new_password_fields()
    submit = SubmitField(_l("Change password"))


class LanguageForm(FlaskForm):
    """The language of the messages (e-mails and notifications) the app sends one."""

    language = SelectField(_l("Language of messages"), validators=[DataRequired()])
    submit = SubmitField(_l("Save"))

    def __init__(self, *args, languages: dict[str, str], **kwargs):
        super().__init__(*args, **kwargs)
        self.language.choices = list(languages.items())


class ResetPasswordForm(FlaskForm):
    password, password_again = new_password_fields()
    submit = SubmitField(_l("Set password"))


class UserForm(FlaskForm):
    """An admin edits an account; a liaison account belongs to one organisation."""

    username = StringField(
        _l("Username"),
        validators=[
            DataRequired(),
            Length(min=3, max=64),
            Regexp(r"^[a-z0-9._-]+$", message=_l("Use lowercase Latin letters, digits, dots, dashes or underscores.")),
        ],
    )
    full_name = StringField(_l("Full name"), validators=[DataRequired(), Length(max=200)])
    email = EmailField(_l("Email"), validators=[DataRequired(), Email(), Length(max=254)])
    role = SelectField(_l("Role"), choices=[(r.value, r.label) for r in Role], validators=[DataRequired()])
    organisation_id = SelectField(_l("Organisation (liaisons only)"), coerce=int, validate_choice=True)
    guide_id = SelectField(_l("Guide (site guides only)"), coerce=int, validate_choice=True, default=0)
    active = BooleanField(_l("Account enabled"), default=True)
    submit = SubmitField(_l("Save"))

    def __init__(self, *args, organisation_choices=(), guide_choices=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.organisation_id.choices = [(0, "—"), *organisation_choices]
        self.guide_id.choices = [(0, "—"), *guide_choices]

    def validate_organisation_id(self, field):
        if self.role.data == Role.liaison.value and not field.data:
            raise ValidationError(_l("A liaison must belong to an organisation."))
        if self.role.data != Role.liaison.value and field.data:
            raise ValidationError(_l("Only liaisons belong to an organisation."))

    def validate_guide_id(self, field):
        if self.role.data == Role.guide.value and not field.data:
            raise ValidationError(_l("A guide account belongs to one of the guides."))
        if self.role.data != Role.guide.value and field.data:
            raise ValidationError(_l("Only guide accounts belong to a guide."))


class NewUserForm(UserForm):
    password, password_again = new_password_fields()

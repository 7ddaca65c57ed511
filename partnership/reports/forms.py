"""The summary's period and language (a GET form), and a photo upload."""

from datetime import date

from flask import current_app
from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from flask_wtf.file import FileField, FileRequired
from wtforms import DateField, SelectField, StringField, SubmitField
from wtforms.validators import InputRequired, Length, Optional, ValidationError

from partnership.core.forms import blank_to_none

MAX_SUMMARY_DAYS = 366 * 20


def language_choices() -> list[tuple[str, str]]:
    return list(current_app.config["LANGUAGES"].items())


class SummaryForm(FlaskForm):
    """Read from the query string: ``?from=2025-01-01&to=2025-12-31&lang=ru``."""

    class Meta:
        csrf = False

    date_from = DateField(_l("From"), name="from", validators=[InputRequired(message=_l("Give the first day."))])
    date_to = DateField(_l("To"), name="to", validators=[InputRequired(message=_l("Give the last day."))])
    lang = SelectField(_l("Language"), validators=[Optional()])
    submit = SubmitField(_l("Download PDF"))

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.lang.choices = language_choices()

    def validate_date_to(self, field):
        if self.date_from.data and field.data:
            if field.data < self.date_from.data:
                raise ValidationError(_l("The period ends before it starts."))
            if (field.data - self.date_from.data).days > MAX_SUMMARY_DAYS:
                raise ValidationError(_l("Choose a period of at most twenty years."))


def default_period(today: date) -> tuple[date, date]:
    return date(today.year, 1, 1), date(today.year, 12, 31)


class PhotoForm(FlaskForm):
    photo = FileField(_l("Photo (JPEG or PNG)"), validators=[FileRequired(message=_l("Choose a photo."))])
    caption = StringField(_l("Caption"), filters=[blank_to_none], validators=[Optional(), Length(max=300)])
    submit = SubmitField(_l("Add photo"))

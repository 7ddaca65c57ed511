"""One form per use case: a participant, a participants file, erasing a person's data."""

from flask import current_app
from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from flask_wtf.file import FileField, FileRequired
from wtforms import (
    BooleanField,
    DateField,
    EmailField,
    RadioField,
    SelectField,
    SelectMultipleField,
    StringField,
    SubmitField,
    TextAreaField,
)
from wtforms.validators import DataRequired, Email, Length, Optional, ValidationError

from partnership import countries
from partnership.core.forms import blank_to_none
from partnership.participants import sizes
from partnership.participants.services import FIELDS
from partnership.submissions import submission_field
from partnership.uploads import stream_size, too_large
from partnership.visits.models import ParticipantRole


class ParticipantForm(FlaskForm):
    full_name = StringField(_l("Full name"), validators=[DataRequired(), Length(max=200)])
    organisation_id = SelectField(_l("Organisation"), coerce=int)
    role = SelectField(_l("Role"), choices=[(r.value, r.label) for r in ParticipantRole], default="student")
    nationality = SelectField(_l("Nationality"), default="")
    faculty = StringField(_l("Faculty or programme"), filters=[blank_to_none], validators=[Optional(), Length(max=300)])
    date_of_birth = DateField(_l("Date of birth"), validators=[Optional()])
    document_number = StringField(
        _l("Document number"), filters=[blank_to_none], validators=[Optional(), Length(max=50)]
    )
    email = EmailField(_l("Email"), filters=[blank_to_none], validators=[Optional(), Email(), Length(max=254)])
    # The service refuses a language we do not write in; no choice (None, "") is their liaison's.
    language = SelectField(_l("Language of messages"), default="", validate_choice=False)
    diet = StringField(_l("Diet"), filters=[blank_to_none], validators=[Optional(), Length(max=200)])
    access_needs = TextAreaField(_l("Access needs"), filters=[blank_to_none], validators=[Optional(), Length(max=2000)])
    medical_clearance = BooleanField(_l("Medical clearance given"))
    ppe_issued = BooleanField(_l("Protective equipment issued"))
    helmet_size = StringField(
        _l("Helmet size"),
        filters=[blank_to_none],
        validators=[Optional(), Length(max=8)],
        description=_l("Head size in cm (52–66), or S, M, L, XL"),
    )
    boot_size = StringField(
        _l("Boot size"),
        filters=[blank_to_none],
        validators=[Optional(), Length(max=8)],
        description=_l("EU size, 34–50"),
    )
    vest_size = StringField(
        _l("Vest size"),
        filters=[blank_to_none],
        validators=[Optional(), Length(max=8)],
        description=_l("XS, S, M, L, XL, XXL or XXXL"),
    )
    submission = submission_field()
    submit = SubmitField(_l("Save"))

    def __init__(self, *args, organisation_choices=None, staff=False, **kwargs):
        super().__init__(*args, **kwargs)
        self.nationality.choices = [("", "—"), *countries.choices()]
        self.language.choices = [("", _l("As their liaison’s, else English")), *current_app.config["LANGUAGES"].items()]
        if organisation_choices is None:
            del self.organisation_id
        else:
            self.organisation_id.choices = list(organisation_choices)
        if not staff:
            del self.ppe_issued

    def validate(self, extra_validators=None) -> bool:
        valid = super().validate(extra_validators)
        for name in sizes.SIZE_FIELDS:
            field = self[name]
            try:
                sizes.size_or_none(name, field.data)
            except ValueError as error:
                field.errors = [*field.errors, str(error)]
                valid = False
        return valid

    def data_for_service(self) -> dict:
        data = {name: getattr(self, name).data for name in FIELDS if name in self._fields}
        data["nationality"] = data["nationality"] or None
        return data


class ImportForm(FlaskForm):
    file = FileField(_l("CSV or Excel file"), validators=[FileRequired(_l("Choose a file."))])
    organisation_id = SelectField(_l("Organisation of these participants"), coerce=int)
    submit = SubmitField(_l("Check the file"))

    def __init__(self, *args, organisation_choices=None, **kwargs):
        super().__init__(*args, **kwargs)
        if organisation_choices is None:
            del self.organisation_id
        else:
            self.organisation_id.choices = list(organisation_choices)

    def validate_file(self, field):
        name = (field.data.filename or "").lower() if field.data else ""
        if name and not name.endswith((".csv", ".txt", ".xlsx", ".tsv")):
            raise ValidationError(_l("Upload a .csv or .xlsx file."))
        if field.data:
            size, limit = stream_size(field.data), current_app.config["IMPORT_MAX_BYTES"]
            if size > limit:
                raise ValidationError(too_large(size, limit))


DATE_ORDER_LABELS = {
    "dmy": _l("Day/month/year: %(example)s is %(date)s"),
    "mdy": _l("Month/day/year: %(example)s is %(date)s"),
}


class ImportOptionsForm(FlaskForm):
    """How to read a pending import's file again: its dates' order, the sheet to read."""

    date_order = RadioField(_l("Which date order does this file use?"), validators=[Optional()])
    sheet = SelectField(_l("Sheet"), validators=[Optional()])
    submit = SubmitField(_l("Check again"))

    def __init__(self, *args, date_choices=(), sheets=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.date_order.choices = list(date_choices)
        self.sheet.choices = [(name, name) for name in sheets]


class EraseForm(FlaskForm):
    confirm = BooleanField(
        _l("I understand: the name, document number, date of birth and contact details are replaced for good."),
        validators=[DataRequired(_l("Tick the box to confirm the erasure."))],
    )
    submit = SubmitField(_l("Erase this person's data"))


READINESS_CHOICES = {
    "ppe_issued": _l("Protective equipment issued"),
    "medical_clearance": _l("Medical clearance given"),
    "induction_passed": _l("Safety induction passed"),
}


class ReadinessForm(FlaskForm):
    """The participant list's bulk action: mark the selected people ready for a site."""

    participant_ids = SelectMultipleField(_l("Participants"), coerce=int, validate_choice=False)
    action = SelectField(
        _l("Mark the selected people"),
        choices=list(READINESS_CHOICES.items()),
    )
    submit = SubmitField(_l("Mark selected"))

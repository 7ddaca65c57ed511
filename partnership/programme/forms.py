"""Forms: an itinerary item, the attendance of one item."""

from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import (
    DateField,
    SelectField,
    StringField,
    SubmitField,
    TextAreaField,
    TimeField,
)
from wtforms.validators import (
    DataRequired,
    InputRequired,
    Length,
    Optional,
    ValidationError,
)

from partnership.core.forms import blank_to_none
from partnership.languages import with_translations
from partnership.sites.forms import MultiCheckboxField


@with_translations("activity", "meeting_point")
class ItemForm(FlaskForm):
    site_id = SelectField(_l("Site"), coerce=int, validators=[DataRequired(message=_l("Choose a site."))])
    day = DateField(_l("Day"), validators=[InputRequired()])
    starts_at = TimeField(_l("Starts at"), validators=[InputRequired()])
    ends_at = TimeField(_l("Ends at"), validators=[InputRequired()])
    activity = StringField(_l("Activity"), validators=[DataRequired(), Length(max=300)], filters=[blank_to_none])
    guide_id = SelectField(_l("Leading guide"), coerce=int)
    extra_guide_ids = MultiCheckboxField(_l("Further guides (large groups)"), coerce=int)
    meeting_point = StringField(_l("Meeting point"), validators=[Optional(), Length(max=200)], filters=[blank_to_none])
    notes = TextAreaField(_l("Notes"), validators=[Optional(), Length(max=5000)], filters=[blank_to_none])
    attendee_ids = MultiCheckboxField(_l("Attendees"), coerce=int)
    submit = SubmitField(_l("Save"))

    def __init__(self, *args, site_choices=(), guide_choices=(), participant_choices=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.site_id.choices = [(0, "—"), *site_choices]
        self.guide_id.choices = [(0, _l("No guide")), *guide_choices]
        self.extra_guide_ids.choices = list(guide_choices)
        self.attendee_ids.choices = list(participant_choices)

    def validate_ends_at(self, field):
        if self.starts_at.data and field.data and field.data <= self.starts_at.data:
            raise ValidationError(_l("An item ends after it starts, on the same day."))


class AttendanceForm(FlaskForm):
    present = MultiCheckboxField(_l("Present"), coerce=int)
    submit = SubmitField(_l("Record attendance"))

    def __init__(self, *args, attendee_choices=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.present.choices = list(attendee_choices)

"""One form per use case: a site's record, a guide's record, a guide joining a site."""

from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import (
    BooleanField,
    EmailField,
    IntegerField,
    SelectField,
    SelectMultipleField,
    StringField,
    SubmitField,
    TextAreaField,
    TimeField,
)
from wtforms.validators import (
    DataRequired,
    Email,
    InputRequired,
    Length,
    NumberRange,
    Optional,
    ValidationError,
)
from wtforms.widgets import CheckboxInput, ListWidget

from partnership.core.forms import blank_to_none
from partnership.languages import form_values, with_translations
from partnership.sites.models import WEEKDAY_LABELS, WORKING_WEEK, SiteKind


class MultiCheckboxField(SelectMultipleField):
    """A set of choices shown as checkboxes."""

    widget = ListWidget(prefix_label=False)
    option_widget = CheckboxInput()


ACTIVITY_LINES = 50


@with_translations("name", "location", "safety_notes")
class SiteForm(FlaskForm):
    name = StringField(_l("Name"), validators=[DataRequired(), Length(max=200)], filters=[blank_to_none])
    kind = SelectField(_l("Kind"), choices=[(k.value, k.label) for k in SiteKind], validators=[DataRequired()])
    location = StringField(_l("Location"), validators=[Optional(), Length(max=300)], filters=[blank_to_none])
    description = TextAreaField(_l("Description"), validators=[Optional(), Length(max=5000)], filters=[blank_to_none])
    capacity = IntegerField(
        _l("Capacity (people at once)"), validators=[InputRequired(), NumberRange(min=1, max=100000)]
    )
    opening_days = MultiCheckboxField(
        _l("Opening days"),
        coerce=int,
        choices=list(enumerate(WEEKDAY_LABELS)),
        default=sorted(WORKING_WEEK),
        validators=[InputRequired(message=_l("Choose at least one day."))],
    )
    opens_at = TimeField(_l("Opens at"), validators=[InputRequired()])
    closes_at = TimeField(_l("Closes at"), validators=[InputRequired()])
    min_age = IntegerField(_l("Minimum age"), validators=[Optional(), NumberRange(min=0, max=100)])
    ppe_required = BooleanField(_l("Personal protective equipment required"))
    medical_clearance_required = BooleanField(_l("Medical clearance required"))
    induction_required = BooleanField(
        _l("Safety induction required"),
        description=_l("Each visitor passes the site's induction through their personal link before the visit."),
    )
    max_group_per_guide = IntegerField(
        _l("Maximum group size per guide"), validators=[Optional(), NumberRange(min=1, max=1000)]
    )
    safety_notes = TextAreaField(_l("Safety notes"), validators=[Optional(), Length(max=5000)], filters=[blank_to_none])
    activities = TextAreaField(
        _l("Usual activities"),
        description=_l(
            "One per line, in English, Russian and Uzbek separated by | — for example: "
            "Guided tour of the open pit | Экскурсия по карьеру | Karyer boʻylab ekskursiya. "
            "They are offered when an item is planned here; free text stays possible."
        ),
        validators=[Optional(), Length(max=30000)],
    )
    submit = SubmitField(_l("Save"))

    def validate_activities(self, field):
        field.rows = parse_activities(field.data or "")

    def validate_closes_at(self, field):
        if self.opens_at.data and field.data and field.data <= self.opens_at.data:
            raise ValidationError(_l("The site must close after it opens."))

    def site_data(self) -> dict:
        return {
            "name": self.name.data,
            "kind": SiteKind(self.kind.data),
            "location": self.location.data,
            "description": self.description.data,
            "capacity": self.capacity.data,
            "opening_days": set(self.opening_days.data or ()),
            "opens_at": self.opens_at.data,
            "closes_at": self.closes_at.data,
            "min_age": self.min_age.data,
            "ppe_required": self.ppe_required.data,
            "medical_clearance_required": self.medical_clearance_required.data,
            "induction_required": self.induction_required.data,
            "max_group_per_guide": self.max_group_per_guide.data,
            "safety_notes": self.safety_notes.data,
            **form_values(self),
            "activities": getattr(self.activities, "rows", []),
        }


def parse_activities(text: str) -> list[tuple[str, str | None, str | None]]:
    """Lines of "English | Russian | Uzbek" (the last two optional); blank lines are skipped."""
    rows = []
    for number, line in enumerate(text.splitlines(), start=1):
        if not line.strip():
            continue
        parts = [part.strip() for part in line.split("|")]
        if len(parts) > 3:
            raise ValidationError(_l("Line %(number)d has more than three languages.", number=number))
        english, russian, uzbek = (parts + ["", ""])[:3]
        if not english:
            raise ValidationError(_l("Line %(number)d has no English name first.", number=number))
        if max(len(english), len(russian), len(uzbek)) > 300:
            raise ValidationError(_l("Line %(number)d is longer than 300 characters.", number=number))
        rows.append((english, russian or None, uzbek or None))
    if len(rows) > ACTIVITY_LINES:
        raise ValidationError(_l("At most %(count)d activities.", count=ACTIVITY_LINES))
    return rows


def activities_text(site) -> str:
    """The site's activities as the form shows them."""
    return "\n".join(
        " | ".join(v for v in (a.name, a.name_ru or "", a.name_uz or "")).rstrip(" |") for a in site.activities
    )


class GuideForm(FlaskForm):
    name = StringField(_l("Name"), validators=[DataRequired(), Length(max=200)], filters=[blank_to_none])
    phone = StringField(_l("Phone"), validators=[Optional(), Length(max=50)], filters=[blank_to_none])
    email = EmailField(_l("Email"), validators=[Optional(), Email(), Length(max=254)], filters=[blank_to_none])
    submit = SubmitField(_l("Save"))

    def guide_data(self) -> dict:
        return {"name": self.name.data, "phone": self.phone.data, "email": self.email.data}


class AttachGuideForm(FlaskForm):
    guide_id = SelectField(_l("Guide"), coerce=int, validators=[DataRequired(message=_l("Choose a guide."))])
    submit = SubmitField(_l("Add guide"))

    def __init__(self, *args, guide_choices=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.guide_id.choices = [(0, "—"), *guide_choices]

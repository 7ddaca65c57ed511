"""One form per use case: a visit request, a lifecycle step, combining delegations."""

from datetime import date

from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from werkzeug.datastructures import MultiDict
from wtforms import (
    DateField,
    HiddenField,
    SelectField,
    StringField,
    SubmitField,
    TextAreaField,
)
from wtforms.validators import DataRequired, Length, Optional, ValidationError

from partnership.agreements.forms import agreement_lookup
from partnership.core.forms import LookupField, blank_to_none
from partnership.core.requests import database_id
from partnership.languages import remove as remove_translated
from partnership.languages import with_translations
from partnership.partners.forms import organisation_lookup
from partnership.submissions import submission_field
from partnership.visits.models import VisitStatus


@with_translations("title", "purpose", "account", "outcomes")
class VisitForm(FlaskForm):
    title = StringField(_l("Title"), validators=[DataRequired(), Length(max=300)])
    starts_on = DateField(_l("First day"), validators=[DataRequired()])
    ends_on = DateField(_l("Last day"), validators=[DataRequired()])
    purpose = TextAreaField(_l("Purpose"), filters=[blank_to_none], validators=[Optional(), Length(max=5000)])
    organisation_ids = LookupField(_l("Visiting organisations"), lookup=organisation_lookup(), multiple=True)
    agreement_ids = LookupField(_l("Agreements the visit implements"), lookup=agreement_lookup(), multiple=True)
    coordinator_id = SelectField(_l("Responsible coordinator"), coerce=int, default=0)
    account = TextAreaField(
        _l("Account of the visit"),
        description=_l("What the delegation saw and did, as the visit report tells it after the generated summary."),
        filters=[blank_to_none],
        validators=[Optional(), Length(max=20000)],
    )
    outcomes = TextAreaField(_l("Outcomes"), filters=[blank_to_none], validators=[Optional(), Length(max=10000)])
    submission = submission_field()
    submit = SubmitField(_l("Save"))

    def __init__(self, *args, choose_organisations=False, coordinator_choices=None, **kwargs):
        """Fields without choices (and the organisations, unless chosen here) are for staff only
        and are removed for others."""
        super().__init__(*args, **kwargs)
        if not choose_organisations:
            del self.organisation_ids
        if coordinator_choices is None:
            del self.coordinator_id
            remove_translated(self, "account")
            remove_translated(self, "outcomes")
        else:
            self.coordinator_id.choices = [(0, "—"), *coordinator_choices]

    def validate_ends_on(self, field):
        if self.starts_on.data and field.data and field.data < self.starts_on.data:
            raise ValidationError(_l("The visit cannot end before it starts."))

    def validate_organisation_ids(self, field):
        if not field.data:
            raise ValidationError(_l("Choose at least one visiting organisation."))


class EditVisitForm(VisitForm):
    """Visiting organisations change through combining, not through this form."""

    def __init__(self, *args, **kwargs):
        kwargs["choose_organisations"] = False
        super().__init__(*args, **kwargs)
        del self.submission  # an edit changes a record; sent twice, it saves the same values


class TransitionForm(FlaskForm):
    to_status = HiddenField(validators=[DataRequired()])
    comment = TextAreaField(_l("Comment"), filters=[blank_to_none], validators=[Optional(), Length(max=5000)])

    def validate_to_status(self, field):
        if field.data not in {status.value for status in VisitStatus}:
            raise ValidationError(_l("Unknown status."))


class OrganisationFilterForm(FlaskForm):
    """The visits list's organisation filter (the other filters are plain query arguments)."""

    class Meta:
        csrf = False

    organisation = LookupField(_l("Organisation"), lookup=organisation_lookup(include_archived=True))


class AddOrganisationForm(FlaskForm):
    organisation_id = LookupField(_l("Organisation"), lookup=organisation_lookup(), validators=[DataRequired()])
    comment = StringField(_l("Comment"), filters=[blank_to_none], validators=[Optional(), Length(max=500)])
    submit = SubmitField(_l("Add to this visit"))


class MergeForm(FlaskForm):
    other_id = SelectField(_l("Request to combine into this visit"), coerce=int, validators=[DataRequired()])
    submit = SubmitField(_l("Combine"))


def list_filters(args: MultiDict) -> tuple[dict, OrganisationFilterForm]:
    """The visits list's filters read from the query string, as ``queries.search`` arguments (a
    value the list cannot use is ignored), and the organisation's lookup field for the page.
    The list's exports read theirs here too, so the file holds what the page shows."""
    organisation = OrganisationFilterForm(args)
    organisation.validate()
    status = args.get("status")
    filters = {
        "q": (args.get("q") or "").strip(),
        "status": VisitStatus(status) if status in {s.value for s in VisitStatus} else None,
        "organisation_id": None if organisation.organisation.errors else organisation.organisation.data,
        "agreement_id": args.get("agreement", type=database_id),
        "date_from": _day(args.get("from")),
        "date_to": _day(args.get("to")),
    }
    return filters, organisation


def _day(value: str | None) -> date | None:
    try:
        return date.fromisoformat(value or "")
    except ValueError:
        return None

"""One form per use case: keeping an agreement, recording its history, attaching scans, filtering the list."""

from flask import current_app, url_for
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from flask_login import current_user
from flask_wtf import FlaskForm
from flask_wtf.file import FileAllowed, FileField, FileRequired
from wtforms import (
    DateField,
    FieldList,
    Form,
    FormField,
    IntegerField,
    SelectField,
    StringField,
    SubmitField,
    TextAreaField,
)
from wtforms.validators import (
    DataRequired,
    Length,
    NumberRange,
    Optional,
    ValidationError,
)

from partnership import pdfs
from partnership.agreements import access, queries
from partnership.agreements.models import AgreementKind, AgreementStatus
from partnership.core.forms import Lookup, LookupField, blank_to_none
from partnership.languages import form_values, with_translations
from partnership.partners.forms import organisation_lookup
from partnership.submissions import submission_field


def text(value):
    """Trimmed text or None; NUL characters (PostgreSQL refuses them) are dropped."""
    if isinstance(value, str):
        value = value.replace("\x00", "")
    return blank_to_none(value)


PARTY_ROWS = 3  # empty party rows a new agreement starts with
MAX_PARTIES = 30
LONG_TEXT = 20000


@with_translations("signatory_title")
class PartyForm(Form):
    """One row of the parties section; a row left blank is ignored."""

    # An archived organisation that is already a party stays valid; suggestions offer current ones.
    organisation_id = LookupField(_l("Organisation"), lookup=organisation_lookup(keep_archived=True))
    signatory_name = StringField(_l("Signatory"), filters=[text], validators=[Length(max=200)])
    signatory_title = StringField(_l("Signatory's position"), filters=[text], validators=[Length(max=200)])
    signed_on = DateField(_l("Signed on"), validators=[Optional()])

    def is_blank(self) -> bool:
        typed_date = any(value.strip() for value in (self.signed_on.raw_data or []))
        typed_name = self.organisation_id.typed
        return not (
            self.organisation_id.data
            or typed_name
            or self.signatory_name.data
            or self.signatory_title.data
            or any(form_values(self).values())
            or typed_date
        )

    def validate_organisation_id(self, field):
        if not field.data and not self.is_blank():
            raise ValidationError(_l("Choose the organisation this signatory signed for."))


@with_translations("title", "objectives")
class AgreementForm(FlaskForm):
    reference = StringField(_l("Reference number"), filters=[text], validators=[DataRequired(), Length(max=100)])
    title = StringField(_l("Title"), filters=[text], validators=[DataRequired(), Length(max=500)])
    kind = SelectField(_l("Kind"), choices=[(k.value, k.label) for k in AgreementKind], validators=[DataRequired()])
    objectives = TextAreaField(_l("Objectives"), filters=[text], validators=[Length(max=LONG_TEXT)])
    parent_id = SelectField(
        _l("Framework it implements"),
        coerce=int,
        default=0,
        validate_choice=True,
        description=_l("Only framework agreements can be chosen."),
    )
    signed_on = DateField(
        _l("Concluded on"),
        validators=[Optional()],
        description=_l("The date the last party signed. Leave empty while the agreement is a draft."),
    )
    effective_on = DateField(_l("In force from"), validators=[Optional()])
    expires_on = DateField(_l("Expires on"), validators=[Optional()], description=_l("Leave empty if open-ended."))
    parties = FieldList(FormField(PartyForm), label=_l("Parties"), min_entries=PARTY_ROWS, max_entries=MAX_PARTIES)
    add_party = SubmitField(_l("Add another party"))
    submission = submission_field()  # used when the form creates
    submit = SubmitField(_l("Save"))

    def __init__(self, *args, parent_choices=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.parent_id.choices = [(0, "—"), *parent_choices]

    @property
    def wants_another_party(self) -> bool:
        return bool(self.add_party.data)

    def add_party_row(self) -> bool:
        """One more empty row, up to the limit; nothing is validated or saved."""
        if len(self.parties.entries) >= MAX_PARTIES:
            return False
        self.parties.append_entry()
        return True

    def filled_parties(self) -> list[dict]:
        return [
            {
                "organisation_id": row.organisation_id.data,
                "signatory_name": row.signatory_name.data,
                "signatory_title": row.signatory_title.data,
                **form_values(row.form),
                "signed_on": row.signed_on.data,
            }
            for row in self.parties
            if not row.form.is_blank()
        ]

    def validate_expires_on(self, field):
        if field.data and self.effective_on.data and field.data < self.effective_on.data:
            raise ValidationError(_l("The expiry date cannot be before the date it comes into force."))

    def validate_parties(self, field):
        chosen = [row for row in field if not row.form.is_blank()]
        if not chosen:
            raise ValidationError(_l("Name at least one party: the organisations that signed the agreement."))
        seen, repeated = set(), False
        for row in chosen:
            organisation_id = row.organisation_id.data
            if organisation_id and organisation_id in seen:
                message = _("This organisation is already a party above.")
                row.organisation_id.errors = [*row.organisation_id.errors, message]
                repeated = True
            seen.add(organisation_id)
        if repeated:
            raise ValidationError(_l("Each organisation can be a party only once."))

    def agreement_data(self) -> dict:
        return {
            "reference": self.reference.data,
            "title": self.title.data,
            "kind": AgreementKind(self.kind.data),
            "objectives": self.objectives.data,
            **form_values(self),
            "parent_id": self.parent_id.data or None,
            "signed_on": self.signed_on.data,
            "effective_on": self.effective_on.data,
            "expires_on": self.expires_on.data,
            "parties": self.filled_parties(),
        }


class AmendmentForm(FlaskForm):
    occurred_on = DateField(_l("Date of the amendment"), validators=[DataRequired()])
    description = TextAreaField(
        _l("What it changes"), filters=[text], validators=[DataRequired(), Length(max=LONG_TEXT)]
    )
    submit = SubmitField(_l("Record amendment"))


class RenewalForm(FlaskForm):
    occurred_on = DateField(_l("Date of the renewal"), validators=[DataRequired()])
    new_expires_on = DateField(_l("New expiry date"), validators=[DataRequired()])
    description = TextAreaField(_l("Note"), filters=[text], validators=[Length(max=LONG_TEXT)])
    submit = SubmitField(_l("Record renewal"))


class TerminationForm(FlaskForm):
    occurred_on = DateField(_l("Terminated on"), validators=[DataRequired()])
    description = TextAreaField(_l("Reason"), filters=[text], validators=[DataRequired(), Length(max=LONG_TEXT)])
    submit = SubmitField(_l("Terminate"))


class AttachmentForm(FlaskForm):
    file = FileField(
        _l("Signed scan (PDF)"),
        validators=[
            FileRequired(_l("Choose a PDF file.")),
            FileAllowed(["pdf"], _l("Only PDF files can be attached (the name must end in .pdf).")),
        ],
    )
    submit = SubmitField(_l("Attach"))

    def validate_file(self, field):
        problem = pdfs.upload_problem(field.data, current_app.config["ATTACHMENT_MAX_BYTES"])
        if problem:
            raise ValidationError(problem)

    def content(self) -> bytes:
        """The file's bytes, read once (within ATTACHMENT_MAX_BYTES once validated)."""
        if getattr(self, "_content", None) is None:
            self._content = self.file.data.stream.read()
        return self._content


class FilterForm(FlaskForm):
    """The list's filters, read from the query string; an invalid filter is shown and ignored."""

    class Meta:
        csrf = False

    q = StringField(_l("Search"), filters=[text], validators=[Optional(), Length(max=200)])
    # Optional() lets a blank value through without the choice check (and clears its error), so a
    # select's blank-looking value ("   ") must become None here, or it would reach the enum.
    status = SelectField(
        _l("Status"),
        choices=[("", _l("Any status")), *[(s.value, s.label) for s in AgreementStatus]],
        filters=[text],
        validators=[Optional()],
    )
    kind = SelectField(
        _l("Kind"),
        choices=[("", _l("Any kind")), *[(k.value, k.label) for k in AgreementKind]],
        filters=[text],
        validators=[Optional()],
    )
    party = LookupField(_l("Party"), lookup=organisation_lookup(include_archived=True))
    country = SelectField(_l("Country"), filters=[text], validators=[Optional()])
    expiring_within = IntegerField(_l("Expiring within (days)"), validators=[Optional(), NumberRange(min=0, max=36500)])

    def __init__(self, *args, country_choices=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.country.choices = [("", _("Any country")), *country_choices]

    def filters(self) -> dict:
        """The valid filters as ``queries.search`` arguments."""

        def ok(field):
            return field.data if not field.errors else None

        status, kind = ok(self.status), ok(self.kind)
        return {
            "q": ok(self.q),
            "status": AgreementStatus(status) if status else None,
            "kind": AgreementKind(kind) if kind else None,
            "party_id": ok(self.party) or None,
            "country": ok(self.country) or None,
            "expiring_within": ok(self.expiring_within),
        }


def agreement_lookup() -> Lookup:
    """A lookup field's source: the agreements the signed-in reader may see."""

    def visible():
        return access.visible_filter(current_user)

    return Lookup(
        label=lambda agreement_id: queries.labelled(agreement_id, visible()),
        find=lambda text, limit: queries.suggestions(text, visible(), limit),
        url=lambda: url_for("agreements.suggest"),
        none_found=_l("No agreement matches “%(text)s”."),
        several_found=_l("Several agreements match “%(text)s”: choose one of the suggestions."),
    )

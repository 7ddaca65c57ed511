"""One form per use case: keeping an organisation, keeping a contact, filtering the list."""

from flask import url_for
from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import (
    EmailField,
    Form,
    SelectField,
    StringField,
    SubmitField,
    TextAreaField,
)
from wtforms.validators import DataRequired, Email, Length, Optional, ValidationError

from partnership import countries
from partnership.core.forms import Lookup, blank_to_none
from partnership.languages import with_translations
from partnership.partners import queries
from partnership.partners.models import Contact, Organisation, OrganisationKind
from partnership.partners.queries import SORTS
from partnership.partners.services import ORGANISATION_FIELDS, is_http_url
from partnership.submissions import submission_field

NOTES_MAX = 10_000
Q_MAX = 200


def _size(model, column: str) -> int:
    return model.__table__.c[column].type.length


def http_url(form, field):
    if field.data and not is_http_url(field.data):
        raise ValidationError(_l("Enter a web address starting with http:// or https://."))


def kind_choices(blank: str | None = None) -> list[tuple[str, str]]:
    pairs = [(kind.value, kind.label) for kind in OrganisationKind]
    return [("", blank), *pairs] if blank is not None else pairs


@with_translations("city")
class OrganisationForm(FlaskForm):
    name = StringField(
        _l("Name"), filters=[blank_to_none], validators=[DataRequired(), Length(max=_size(Organisation, "name"))]
    )
    name_ru = StringField(
        _l("Name in Russian"), filters=[blank_to_none], validators=[Length(max=_size(Organisation, "name_ru"))]
    )
    name_uz = StringField(
        _l("Name in Uzbek"), filters=[blank_to_none], validators=[Length(max=_size(Organisation, "name_uz"))]
    )
    short_name = StringField(
        _l("Short name"), filters=[blank_to_none], validators=[Length(max=_size(Organisation, "short_name"))]
    )
    kind = SelectField(_l("Kind"), validators=[DataRequired()], validate_choice=False)
    # The list offers ISO codes only; ``validate_country`` still refuses a forged one.
    country = SelectField(_l("Country"), validators=[DataRequired()], validate_choice=False)
    city = StringField(_l("City"), filters=[blank_to_none], validators=[Length(max=_size(Organisation, "city"))])
    website = StringField(
        _l("Website"),
        filters=[blank_to_none],
        validators=[Optional(), Length(max=_size(Organisation, "website")), http_url],
        render_kw={"placeholder": "https://"},
    )
    notes = TextAreaField(_l("Notes"), filters=[blank_to_none], validators=[Length(max=NOTES_MAX)])
    submission = submission_field()  # used when the form creates
    submit = SubmitField(_l("Save"))

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.kind.choices = kind_choices(blank="—")
        self.country.choices = [("", "—"), *countries.choices()]

    def validate_country(self, field):
        if not countries.is_valid(field.data):
            raise ValidationError(_l("Unknown country code."))

    def validate_kind(self, field):
        if field.data not in {kind.value for kind in OrganisationKind}:
            raise ValidationError(_l("Choose a kind of organisation."))

    FIELDS = ORGANISATION_FIELDS

    @classmethod
    def data_of(cls, organisation: Organisation) -> dict:
        data = {name: getattr(organisation, name) for name in cls.FIELDS}
        data["kind"] = organisation.kind.value
        return data

    def service_data(self) -> dict:
        return {name: getattr(self, name).data for name in self.FIELDS}


class ContactForm(FlaskForm):
    name = StringField(
        _l("Name"), filters=[blank_to_none], validators=[DataRequired(), Length(max=_size(Contact, "name"))]
    )
    position = StringField(_l("Position"), filters=[blank_to_none], validators=[Length(max=_size(Contact, "position"))])
    email = EmailField(
        _l("Email"), filters=[blank_to_none], validators=[Optional(), Length(max=_size(Contact, "email")), Email()]
    )
    phone = StringField(_l("Phone"), filters=[blank_to_none], validators=[Length(max=_size(Contact, "phone"))])
    submission = submission_field()  # used when the form creates
    submit = SubmitField(_l("Save"))

    FIELDS = ("name", "position", "email", "phone")

    @classmethod
    def data_of(cls, contact: Contact) -> dict:
        return {name: getattr(contact, name) for name in cls.FIELDS}

    def service_data(self) -> dict:
        return {name: getattr(self, name).data for name in self.FIELDS}


class OrganisationFilterForm(Form):
    """The list's search and filters, read from the query string (a GET form: no token)."""

    q = StringField(_l("Search"), filters=[blank_to_none])
    kind = SelectField(_l("Kind"))
    country = SelectField(_l("Country"))
    sort = SelectField(_l("Sort by"), default="name")

    def __init__(self, formdata, country_codes=(), **kwargs):
        super().__init__(formdata, **kwargs)
        self.kind.choices = kind_choices(blank=_l("Any kind"))
        self.sort.choices = [
            ("name", _l("Name")),
            ("country", _l("Country")),
            ("kind", _l("Kind")),
            ("newest", _l("Newest")),
        ]
        named = sorted(((code, countries.name(code)) for code in country_codes), key=lambda pair: pair[1].casefold())
        self.country.choices = [("", _l("Any country")), *named]

    def filters(self) -> dict:
        """Search arguments from what the user asked, silently ignoring values no list offers."""
        kind = self.kind.data if self.kind.data in {k.value for k in OrganisationKind} else None
        country = (self.country.data or "").upper()
        return {
            "q": (self.q.data or "")[:Q_MAX] or None,
            "kind": OrganisationKind(kind) if kind else None,
            "country": country if countries.is_valid(country) else None,
            "sort": self.sort.data if self.sort.data in SORTS else "name",
        }


def organisation_lookup(include_archived: bool = False, keep_archived: bool = False) -> Lookup:
    """A lookup field's source: the register's organisations; archived ones too for filters
    (``include_archived``), or only as a value already chosen (``keep_archived``)."""
    return Lookup(
        label=lambda organisation_id: queries.labelled(organisation_id, include_archived or keep_archived),
        find=lambda text, limit: queries.suggestions(text, limit, include_archived),
        url=lambda: url_for("partners.suggest", archived="1") if include_archived else url_for("partners.suggest"),
        none_found=_l("No organisation matches “%(text)s”."),
        several_found=_l("Several organisations match “%(text)s”: choose one of the suggestions."),
    )

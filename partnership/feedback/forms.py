"""The participant's feedback form: one optional 1–5 rating per site attended, words, two consents."""

from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import BooleanField, RadioField, SubmitField, TextAreaField
from wtforms.validators import Length, Optional

from partnership.core.forms import blank_to_none
from partnership.feedback.services import MAX_WORDS

RATING_CHOICES = [
    (1, _l("1 – poor")),
    (2, "2"),
    (3, "3"),
    (4, "4"),
    (5, _l("5 – excellent")),
]


class ResponseForm(FlaskForm):
    words = TextAreaField(
        _l("In your own words"),
        description=_l("What did you see, learn or enjoy? What could we do better?"),
        filters=[blank_to_none],
        validators=[Optional(), Length(max=MAX_WORDS)],
        render_kw={"rows": 6},
    )
    consent_publish_words = BooleanField(
        _l("You may publish my words in reports and on the company's website."),
    )
    consent_publish_name = BooleanField(
        _l(
            "You may publish my name with my words. Without this, they appear as, for example, "
            "“A student of my university”."
        ),
    )
    submit = SubmitField(_l("Send my feedback"))

    site_fields: list = []

    def ratings(self) -> dict[int, int | None]:
        return {site.id: field.data for site, field in self.site_fields}


def response_form(sites, **kwargs) -> ResponseForm:
    """A form with a rating field for each of ``sites``."""

    class Form(ResponseForm):
        pass

    for site in sites:
        setattr(
            Form,
            f"site_{site.id}",
            RadioField(site.name, choices=RATING_CHOICES, coerce=int, validators=[Optional()]),
        )
    form = Form(**kwargs)
    form.site_fields = [(site, form[f"site_{site.id}"]) for site in sites]
    return form


class QuoteTranslationsForm(FlaskForm):
    """A coordinator's translations of an approved quote, one per report language."""

    quote_en = TextAreaField(_l("English"), filters=[blank_to_none], validators=[Optional(), Length(max=MAX_WORDS)])
    quote_ru = TextAreaField(_l("Russian"), filters=[blank_to_none], validators=[Optional(), Length(max=MAX_WORDS)])
    quote_uz = TextAreaField(_l("Uzbek"), filters=[blank_to_none], validators=[Optional(), Length(max=MAX_WORDS)])
    submit = SubmitField(_l("Save the translations"))

    def translations(self) -> dict[str, str | None]:
        return {"en": self.quote_en.data, "ru": self.quote_ru.data, "uz": self.quote_uz.data}

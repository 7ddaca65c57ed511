"""WTForms' own messages read in the reader's language, Uzbek included (WTForms ships no Uzbek)."""

import pytest
from flask_babel import force_locale
from flask_wtf import FlaskForm
from werkzeug.datastructures import MultiDict
from wtforms import DateField, StringField
from wtforms.validators import DataRequired, Length


class Sample(FlaskForm):
    class Meta:
        csrf = False

    name = StringField(validators=[DataRequired(), Length(max=3)])
    day = DateField()


@pytest.mark.parametrize(
    ("language", "required", "too_long", "not_a_date"),
    [
        ("en", "This field is required.", "Field cannot be longer than 3 characters.", "Not a valid date value."),
        ("ru", "Обязательное поле.", "Значение не должно содержать более 3 символов.", "Неверное значение даты."),
        ("uz", "Bu maydonni toʻldirish shart.", "Matn 3 belgidan uzun boʻlmasligi kerak.", "Sana notoʻgʻri."),
    ],
)
def test_wtforms_messages_in_each_language(app, language, required, too_long, not_a_date):
    with app.test_request_context(), force_locale(language):
        empty = Sample(formdata=MultiDict({"day": "31.02.2025"}))
        assert not empty.validate()
        assert empty.name.errors == [required]
        assert empty.day.errors == [not_a_date]
        long = Sample(formdata=MultiDict({"name": "Oʻtkir"}))
        long.validate()
        assert long.name.errors == [too_long]

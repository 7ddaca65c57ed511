"""Induction forms: the material, a new question, a participant's answers."""

from flask import current_app
from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from flask_wtf.file import FileAllowed, FileField
from wtforms import BooleanField, RadioField, SelectField, StringField, SubmitField, TextAreaField
from wtforms.validators import DataRequired, InputRequired, Length, Optional, ValidationError

from partnership import pdfs
from partnership.core.forms import blank_to_none
from partnership.induction.models import InductionQuestion
from partnership.induction.services import MAX_BODY


class MaterialForm(FlaskForm):
    body_en = TextAreaField(
        _l("Material in English"), filters=[blank_to_none], validators=[DataRequired(), Length(max=MAX_BODY)]
    )
    body_ru = TextAreaField(
        _l("Material in Russian"), filters=[blank_to_none], validators=[Optional(), Length(max=MAX_BODY)]
    )
    body_uz = TextAreaField(
        _l("Material in Uzbek"), filters=[blank_to_none], validators=[Optional(), Length(max=MAX_BODY)]
    )
    pdf = FileField(
        _l("A PDF to go with it (optional)"),
        validators=[FileAllowed(["pdf"], _l("Only a PDF file can go with the material (the name must end in .pdf)."))],
    )
    remove_pdf = BooleanField(_l("Remove the PDF"))
    submit = SubmitField(_l("Save the material"))

    def bodies(self) -> dict[str, str | None]:
        return {"en": self.body_en.data, "ru": self.body_ru.data, "uz": self.body_uz.data}

    def validate_pdf(self, field):
        if field.data and field.data.filename:
            problem = pdfs.upload_problem(field.data, current_app.config["ATTACHMENT_MAX_BYTES"])
            if problem:
                raise ValidationError(problem)

    def pdf_file(self) -> tuple[str, bytes] | None:
        """The uploaded PDF (its name, its bytes), if one was chosen."""
        if not (self.pdf.data and self.pdf.data.filename):
            return None
        return self.pdf.data.filename, self.pdf.data.stream.read()


OPTIONS_HELP = _l("One answer a line, 2 to 4 answers.")


class QuestionForm(FlaskForm):
    prompt_en = StringField(
        _l("Question in English"), filters=[blank_to_none], validators=[DataRequired(), Length(max=500)]
    )
    prompt_ru = StringField(
        _l("Question in Russian"), filters=[blank_to_none], validators=[Optional(), Length(max=500)]
    )
    prompt_uz = StringField(_l("Question in Uzbek"), filters=[blank_to_none], validators=[Optional(), Length(max=500)])
    options_en = TextAreaField(
        _l("Answers in English"), description=OPTIONS_HELP, validators=[DataRequired(), Length(max=2000)]
    )
    options_ru = TextAreaField(
        _l("Answers in Russian"), description=OPTIONS_HELP, validators=[Optional(), Length(max=2000)]
    )
    options_uz = TextAreaField(
        _l("Answers in Uzbek"), description=OPTIONS_HELP, validators=[Optional(), Length(max=2000)]
    )
    correct = SelectField(
        _l("The right answer"),
        coerce=int,
        choices=[(0, _l("the first")), (1, _l("the second")), (2, _l("the third")), (3, _l("the fourth"))],
    )
    submit = SubmitField(_l("Add the question"))

    def prompts(self) -> dict[str, str | None]:
        return {"en": self.prompt_en.data, "ru": self.prompt_ru.data, "uz": self.prompt_uz.data}

    def options(self) -> dict[str, list[str]]:
        return {lang: (self[f"options_{lang}"].data or "").splitlines() for lang in ("en", "ru", "uz")}


class QuestionChangeForm(QuestionForm):
    submit = SubmitField(_l("Save the question"))

    @classmethod
    def of(cls, question) -> "QuestionChangeForm":
        """The form filled in with ``question`` as it stands, one answer a line."""
        return cls(
            formdata=None,
            data={
                **{f"prompt_{lang}": getattr(question, f"prompt_{lang}") for lang in ("en", "ru", "uz")},
                **{f"options_{lang}": "\n".join(question.options.get(lang) or []) for lang in ("en", "ru", "uz")},
                "correct": question.correct_index,
            },
        )


class AnswersForm(FlaskForm):
    submit = SubmitField(_l("Send my answers"))

    question_fields: list = []

    def answers(self) -> dict[int, int | None]:
        return {question.id: field.data for question, field in self.question_fields}


def answers_form(questions: list[InductionQuestion], language: str, **kwargs) -> AnswersForm:
    """A form with one choice of answers for each question, in ``language``."""

    class Form(AnswersForm):
        pass

    for number, question in enumerate(questions, start=1):
        setattr(
            Form,
            f"question_{question.id}",
            RadioField(
                f"{number}. {question.prompt(language)}",
                choices=list(enumerate(question.option_texts(language))),
                coerce=int,
                validators=[InputRequired(message=_l("Choose an answer."))],
            ),
        )
    form = Form(**kwargs)
    form.question_fields = [(question, form[f"question_{question.id}"]) for question in questions]
    return form

"""Texts people enter in three languages: the column itself holds the English (the text as
entered, required where the column is), ``<column>_ru`` and ``<column>_uz`` the Russian and
Uzbek. Reading a text in a language takes that language's copy, else the English, and says
that it fell back, so that a page can mark it and a document can list what is missing."""

from dataclasses import dataclass

from flask_babel import lazy_gettext as _l
from markupsafe import Markup, escape
from wtforms.fields.core import UnboundField
from wtforms.validators import Length, Optional

BASE = "en"
OTHERS = ("ru", "uz")
LANGUAGE_NAMES = {"en": _l("English"), "ru": _l("Russian"), "uz": _l("Uzbek")}


def column(field: str, language: str) -> str:
    return field if language == BASE else f"{field}_{language}"


@dataclass(frozen=True)
class Text:
    text: str | None
    language: str  # the language the text is in
    fallback: bool  # not in the language asked for: the English stands in

    def __str__(self) -> str:
        return self.text or ""

    def __bool__(self) -> bool:
        return bool(self.text)


def text(obj, field: str, language: str) -> Text:
    own = getattr(obj, column(field, language), None) if language in (BASE, *OTHERS) else None
    if own:
        return Text(own, language, False)
    base = getattr(obj, field)
    return Text(base, BASE, bool(base) and language != BASE)


def localised(obj, field: str, language: str) -> str:
    """The text in ``language``, or the English where it has none."""
    return str(text(obj, field, language))


def missing(obj, fields, language: str) -> list[str]:
    """Which of ``fields`` have text but none in ``language``."""
    return [field for field in fields if text(obj, field, language).fallback]


def columns(fields) -> list[str]:
    """The Russian and Uzbek columns of ``fields``."""
    return [column(field, language) for field in fields for language in OTHERS]


def assign(obj, values: dict, fields) -> None:
    """Set the Russian and Uzbek copies of ``fields`` from a form's ``values`` (absent ones untouched)."""
    for field in fields:
        for language in OTHERS:
            name = column(field, language)
            if name in values:
                value = values[name]
                setattr(obj, name, value.strip() if isinstance(value, str) and value.strip() else None)


def marked(value: Text) -> Markup:
    """HTML of a text, marked where the English stands in for the reader's language."""
    if not value.fallback:
        return Markup('<span lang="{}">{}</span>').format(value.language, value.text or "")
    return Markup('<span lang="en">{}</span> <span class="badge text-bg-light fw-normal" title="{}">EN</span>').format(
        value.text, escape(_l("Not yet in this language: the English is shown."))
    )


# --- forms ------------------------------------------------------------------------------------


def copy_label(label, language: str):
    if language == "ru":
        return _l("%(field)s (Russian)", field=label)
    return _l("%(field)s (Uzbek)", field=label)


def with_translations(*fields: str):
    """Class decorator of a form: beside each of ``fields`` (the English), a Russian and an Uzbek
    field of the same kind and length, optional (``<field>_ru``, ``<field>_uz``)."""

    def decorate(form_class):
        for field in fields:
            unbound: UnboundField = getattr(form_class, field)
            label = unbound.kwargs.get("label", unbound.args[0] if unbound.args else field)
            lengths = [v for v in unbound.kwargs.get("validators", ()) if isinstance(v, Length)]
            for language in OTHERS:
                kwargs = {
                    **unbound.kwargs,
                    "label": copy_label(label, language),
                    "validators": [Optional(), *lengths],
                    "filters": [lambda value: value.strip() or None if isinstance(value, str) else value],
                    "render_kw": {**(unbound.kwargs.get("render_kw") or {}), "lang": language},
                    "description": "",
                }
                setattr(form_class, column(field, language), UnboundField(unbound.field_class, **kwargs))
        form_class.translated_fields = (*getattr(form_class, "translated_fields", ()), *fields)
        return form_class

    return decorate


def remove(form, field: str) -> None:
    """Take a translated field (the English and its copies) out of a form instance."""
    for name in (field, *(column(field, language) for language in OTHERS)):
        if name in form:
            del form[name]


def form_values(form) -> dict:
    """The Russian and Uzbek values a form with translations holds, for ``assign``."""
    return {
        column(field, language): form[column(field, language)].data
        for field in getattr(form, "translated_fields", ())
        if field in form
        for language in OTHERS
        if column(field, language) in form
    }

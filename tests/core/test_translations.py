"""Every interface string exists in Russian and Uzbek, with its placeholders."""

import re
import subprocess
import sys
from pathlib import Path

import pytest
from babel.messages.pofile import read_po

ROOT = Path(__file__).resolve().parents[2]
CATALOGS = ROOT / "partnership" / "translations"
PLACEHOLDER = re.compile(r"%\(\w+\)[sd]")


def _catalog(path: Path, locale=None):
    with path.open("rb") as f:
        return read_po(f, locale=locale)


def _forms(value) -> list[str]:
    """A message's id or translation as a list: plural messages have several forms."""
    return list(value) if isinstance(value, (list, tuple)) else [value]


@pytest.fixture(scope="module")
def source_messages(tmp_path_factory) -> set[str]:
    """What the code and templates ask to translate, extracted afresh."""
    pot = tmp_path_factory.mktemp("pot") / "messages.pot"
    subprocess.run(
        [
            sys.executable,
            "-m",
            "babel.messages.frontend",
            "-q",
            "extract",
            "-F",
            "babel.cfg",
            "-k",
            "_l",
            "--ignore-dirs=.* __pycache__",
            "-o",
            str(pot),
            ".",
        ],
        cwd=ROOT,
        check=True,
    )
    messages = {_forms(m.id)[0] for m in _catalog(pot) if m.id}
    assert "Sign in" in messages and len(messages) > 100, "the extraction found the interface's strings"
    return messages


@pytest.mark.parametrize("language", ["ru", "uz"])
def test_every_message_is_translated(source_messages, language):
    catalog = _catalog(CATALOGS / language / "LC_MESSAGES" / "messages.po", language)
    translated = {
        _forms(m.id)[0]: _forms(m.string) for m in catalog if m.id and all(_forms(m.string)) and "fuzzy" not in m.flags
    }
    missing = sorted(m for m in source_messages if m not in translated)
    assert not missing, f"{len(missing)} messages lack a {language} translation (make extract-messages): {missing[:10]}"
    for msgid, forms in translated.items():
        for text in forms:
            assert set(PLACEHOLDER.findall(msgid)) == set(PLACEHOLDER.findall(text)), (language, msgid, text)


def test_uzbek_uses_the_modifier_letter_for_o_and_g():
    catalog = _catalog(CATALOGS / "uz" / "LC_MESSAGES" / "messages.po", "uz")
    wrong = [text for m in catalog for text in _forms(m.string) if text and re.search(r"[oOgG]['’‘`]", text)]
    assert not wrong, wrong[:5]


def test_sign_in_page_in_each_language(client, world):
    for code, words in {"ru": "Войти", "uz": "Kirish", "en": "Sign in"}.items():
        client.get(f"/language/{code}")
        assert words in client.get("/login").get_data(as_text=True)

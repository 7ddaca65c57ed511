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


@pytest.fixture(scope="module")
def source_messages(tmp_path_factory) -> set[str]:
    """What the code and templates ask to translate, extracted afresh."""
    pot = tmp_path_factory.mktemp("pot") / "messages.pot"
    subprocess.run(
        [sys.executable, "-m", "babel.messages.frontend", "-q", "extract", "-F", "babel.cfg", "-k", "_l",
         "--ignore-dirs=.* __pycache__", "-o", str(pot), "partnership", "templates"],
        cwd=ROOT, check=True,
    )
    return {m.id for m in _catalog(pot) if m.id}


@pytest.mark.parametrize("language", ["ru", "uz"])
def test_every_message_is_translated(source_messages, language):
    catalog = _catalog(CATALOGS / language / "LC_MESSAGES" / "messages.po", language)
    translated = {m.id: m.string for m in catalog if m.id and m.string and "fuzzy" not in m.flags}
    missing = sorted(str(m) for m in source_messages if m not in translated)
    assert not missing, f"{len(missing)} messages lack a {language} translation (make extract-messages): {missing[:10]}"
    for msgid, text in translated.items():
        assert set(PLACEHOLDER.findall(msgid)) == set(PLACEHOLDER.findall(text)), (language, msgid, text)


def test_uzbek_uses_the_modifier_letter_for_o_and_g():
    catalog = _catalog(CATALOGS / "uz" / "LC_MESSAGES" / "messages.po", "uz")
    wrong = [m.string for m in catalog if m.string and re.search(r"[oOgG]['’‘`]", m.string)]
    assert not wrong, wrong[:5]


def test_sign_in_page_in_each_language(client, world):
    for code, words in {"ru": "Войти", "uz": "Kirish", "en": "Sign in"}.items():
        client.get(f"/language/{code}")
        assert words in client.get("/login").get_data(as_text=True)

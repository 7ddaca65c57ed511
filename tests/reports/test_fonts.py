"""The font travels with the package and draws every letter the reports need."""

import tomllib
from importlib import resources
from pathlib import Path

import pytest
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont

from partnership.reports import typefaces


@pytest.mark.parametrize("font_name", list(typefaces.FILES))
def test_every_needed_letter_is_in_the_font(font_name):
    import io

    face = TTFont("check-" + font_name, io.BytesIO(typefaces.font_bytes(font_name))).face
    missing = [c for c in typefaces.REQUIRED_CHARACTERS if ord(c) not in face.charToGlyph]
    assert not missing, f"{font_name} lacks {''.join(missing)}"


def test_fonts_are_read_from_the_package_not_the_system():
    folder = resources.files("partnership.reports").joinpath("fonts")
    for filename in typefaces.FILES.values():
        assert folder.joinpath(filename).is_file()
    assert folder.joinpath("LICENSE").is_file()
    typefaces.register()
    for name in typefaces.FILES:
        font = pdfmetrics.getFont(name)
        assert not str(font.face.filename).startswith("/usr"), font.face.filename


def test_the_package_data_ships_the_fonts():
    pyproject = tomllib.loads((Path(__file__).resolve().parents[2] / "pyproject.toml").read_text())
    patterns = pyproject["tool"]["setuptools"]["package-data"]["partnership"]
    assert "reports/fonts/*.ttf" in patterns and "reports/fonts/LICENSE" in patterns

"""Country names in the three languages come from CLDR (Babel's territory names): the Uzbek
nationality list is in Uzbek (pycountry's catalogue left 97 of them in English)."""

import pycountry
import pytest

from partnership import countries


@pytest.mark.parametrize(
    ("code", "en", "ru", "uz"),
    [("MN", "Mongolia", "Монголия", "Mongoliya"), ("UZ", "Uzbekistan", "Узбекистан", "Oʻzbekiston")],
)
def test_names_in_each_language(code, en, ru, uz):
    assert (countries.name(code, "en"), countries.name(code, "ru"), countries.name(code, "uz")) == (en, ru, uz)


def test_the_uzbek_list_is_in_uzbek():
    english = dict(countries.choices("en"))
    uzbek = dict(countries.choices("uz"))
    assert len(uzbek) == len(pycountry.countries)
    same = [code for code in uzbek if uzbek[code] == english[code]]
    assert len(same) < 45, same  # names written alike in both (Angola, Aruba …), not untranslated ones


@pytest.mark.parametrize("written", ["Mongoliya", "Монголия", "mongolia", "Qirgʻiziston", "Кыргызстан"])
def test_a_country_written_in_any_language_is_found(written):
    assert countries.lookup(written) in {"MN", "KG"}

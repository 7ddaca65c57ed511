"""The writers: formula injection neutralised in CSV and XLSX, any script kept, types kept."""

from datetime import date

import pytest

from partnership.exports.formats import Table, neutralise, write_csv, write_xlsx
from tests.exports.helpers import read_csv, xlsx_cells, xlsx_xml

DANGEROUS = [
    '=HYPERLINK("http://evil.example","click")',
    "+1+2",
    "-2+3",
    "@SUM(A1:A2)",
    "\t=1+1",
    "\r=1+1",
]


@pytest.fixture
def app(app):
    """The writers run inside a request (labels are translated for the reader)."""
    with app.test_request_context():
        yield app


CYRILLIC = "Лхагва Очир Энхжин"
UZBEK = "Oʻzbekiston Gʻafur Gʻulom"


@pytest.mark.parametrize("text", DANGEROUS)
def test_neutralise_prefixes_an_apostrophe(text):
    assert neutralise(text) == "'" + text


@pytest.mark.parametrize("text", ["plain", "a=b", "1-2", "", "'already", CYRILLIC])
def test_neutralise_leaves_harmless_text(text):
    assert neutralise(text) == text


def test_csv_neutralises_formulas_and_keeps_other_text(app):
    table = Table("T", ["=header", "Name"], [[text, CYRILLIC] for text in DANGEROUS])
    rows = read_csv(write_csv(table))
    assert rows[0] == ["'=header", "Name"]
    assert [row[0] for row in rows[1:]] == ["'" + text for text in DANGEROUS]
    assert all(row[1] == CYRILLIC for row in rows[1:])


def test_csv_round_trips_cyrillic_and_uzbek_latin(app):
    data = write_csv(Table("T", ["Имя"], [[CYRILLIC], [UZBEK]]))
    assert data.startswith(b"\xef\xbb\xbf")
    assert read_csv(data) == [["Имя"], [CYRILLIC], [UZBEK]]


def test_csv_writes_dates_in_iso_form_and_booleans_as_words(app):
    rows = read_csv(write_csv(Table("T", ["d", "b", "n", "empty"], [[date(2025, 6, 24), True, 12, None]])))
    assert rows[1] == ["2025-06-24", "Yes", "12", ""]


def test_xlsx_writes_formula_like_text_as_string_cells(app):
    table = Table("T", ["=header"], [[text] for text in DANGEROUS])
    data = write_xlsx(table)
    sheet = xlsx_cells(data)
    cells = [row[0] for row in sheet.iter_rows()]
    # XML stores a carriage return as a line feed; the text still cannot run.
    assert [c.value for c in cells] == ["=header", *(text.replace("\r", "\n") for text in DANGEROUS)]
    assert all(c.data_type == "s" for c in cells)
    assert all(c.quotePrefix for c in cells)
    assert "<f>" not in xlsx_xml(data), "no cell may be stored as a formula"


def test_xlsx_round_trips_any_script_and_keeps_types(app):
    data = write_xlsx(Table("Участники", ["Имя", "d", "n"], [[CYRILLIC, date(2025, 6, 25), 7], [UZBEK, None, 0]]))
    sheet = xlsx_cells(data)
    assert sheet.title == "Участники"
    rows = list(sheet.iter_rows(values_only=True))
    assert rows[1][0] == CYRILLIC and rows[2][0] == UZBEK
    assert rows[1][1].date() == date(2025, 6, 25)
    assert rows[1][2] == 7


def test_xlsx_drops_control_characters_a_workbook_cannot_hold(app):
    sheet = xlsx_cells(write_xlsx(Table("T", ["x"], [["bell\x07 and null\x00"]])))
    assert sheet["A2"].value == "bell and null"


def test_xlsx_sheet_title_is_made_valid(app):
    sheet = xlsx_cells(write_xlsx(Table("a/b:c*d?e[f]g and a very long title indeed", ["x"], [])))
    assert sheet.title == "a b c d e f g and a very long t"

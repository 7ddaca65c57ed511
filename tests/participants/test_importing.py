"""Reading participant files: encodings, delimiters, formats, and each row error."""

import codecs
import csv
import io
from datetime import date, datetime

import pytest
from hypothesis import given
from hypothesis import strategies as st
from openpyxl import Workbook, load_workbook

from partnership import countries
from partnership.participants import importing
from partnership.participants.importing import ImportFileError

pytestmark = pytest.mark.usefixtures("request_ctx")

TODAY = date(2025, 6, 1)
HEADER = ["Full name", "Role", "Nationality", "Faculty or programme", "Date of birth", "Document number", "Email"]
PEOPLE = [
    [
        "Лхагва Очир Энхжин",
        "student",
        "Монголия",
        "Геологи, геофизикийн сургууль",
        "12.03.2004",
        "E1234567",
        "enkhjin@example.mn",
    ],
    ["Айбек Жумабеков", "студент", "Кыргызстан", "Горное дело", "2003-11-30", "ID0011223", ""],
    ["Riahi Amma Vissal", "student", "Tunisia", "Geology", "2002-07-01", "", "riahi@example.tn"],
]


def csv_bytes(rows, delimiter=",", encoding="utf-8", bom=b""):
    """As Excel writes it: quoted where a cell holds the delimiter, CRLF line ends."""
    out = io.StringIO()
    csv.writer(out, delimiter=delimiter, lineterminator="\r\n").writerows(rows)
    return bom + out.getvalue().encode(encoding)


def parse(data: bytes, filename="people.csv"):
    return importing.parse_rows(importing.read_table(filename, data), TODAY)


def names(rows):
    return [row["values"]["full_name"] for row in rows]


@pytest.mark.parametrize(
    "label, data",
    [
        ("utf-8", csv_bytes([HEADER, *PEOPLE])),
        ("utf-8 with BOM", csv_bytes([HEADER, *PEOPLE], bom=codecs.BOM_UTF8)),
        ("cp1251 with ;", None),
        ("utf-16 tab (Excel 'Unicode text')", csv_bytes([HEADER, *PEOPLE], "\t", "utf-16")),
        ("utf-16-le without BOM", csv_bytes([HEADER, *PEOPLE], ";", "utf-16-le")),
        ("utf-16-be with BOM", codecs.BOM_UTF16_BE + csv_bytes([HEADER, *PEOPLE], ",", "utf-16-be")),
    ],
)
def test_every_encoding_excel_saves_in_reads_back_the_same(label, data):
    if data is None:  # Windows-1251 cannot hold Mongolian ө/ү or Latin-only names with accents: Russian text
        people = [["Айбек Жумабеков", "студент", "Кыргызстан", "Горное дело", "30.11.2003", "ID0011223", ""]]
        rows = parse(csv_bytes([HEADER, *people], ";", "cp1251"))
        assert names(rows) == ["Айбек Жумабеков"]
        assert rows[0]["values"]["faculty"] == "Горное дело"
        return
    rows = parse(data)
    assert names(rows) == [p[0] for p in PEOPLE]
    assert [r["errors"] for r in rows] == [[], [], []]
    assert [r["values"]["nationality"] for r in rows] == ["MN", "KG", "TN"]
    assert [r["values"]["date_of_birth"] for r in rows] == ["2004-03-12", "2003-11-30", "2002-07-01"]


def test_bytes_that_are_no_known_encoding_are_refused_with_a_message():
    data = b"Full name\nAli\n" + b"\x98\x98 \xff\n"  # not UTF-8; 0x98 is undefined in Windows-1251
    with pytest.raises(ImportFileError) as refused:
        parse(data)
    assert "CSV UTF-8" in refused.value.message


def test_a_latin1_file_is_refused_rather_than_garbled():
    data = "Full name;Nationality\nJosé Müller;DE\n".encode("latin-1")
    with pytest.raises(ImportFileError) as refused:
        parse(data)
    assert "garbled" in refused.value.message


def test_a_binary_file_is_refused():
    with pytest.raises(ImportFileError):
        parse(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)))


def test_an_old_xls_workbook_gets_its_own_message():
    with pytest.raises(ImportFileError) as refused:
        parse(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(100), "people.xls")
    assert ".xlsx" in refused.value.message


def test_a_broken_xlsx_is_refused():
    with pytest.raises(ImportFileError) as refused:
        parse(b"PK\x03\x04 broken", "people.xlsx")
    assert "Excel workbook" in refused.value.message


@pytest.mark.parametrize(
    "text, delimiter",
    [("a,b,c", ","), ("a;b;c", ";"), ("a\tb\tc", "\t"), ('"x, y";b;c', ";"), ("single", ","), ("\n\na;b", ";")],
)
def test_delimiter_sniffing(text, delimiter):
    assert importing.sniff_delimiter(text) == delimiter


def xlsx_bytes(rows) -> bytes:
    workbook = Workbook()
    for cells in rows:
        workbook.active.append(cells)
    out = io.BytesIO()
    workbook.save(out)
    return out.getvalue()


def test_xlsx_with_real_dates_numbers_and_blank_rows():
    data = xlsx_bytes(
        [
            HEADER,
            ["Бат-Эрдэнэ Ганболд", "lead", "MN", "Geology", datetime(1985, 1, 2), 12345678.0, None],
            [None, None, None, None, None, None, None],
            ["Oʻgʻiloy Saidova", None, "Oʻzbekiston", None, "05.06.2004", None, None],
        ]
    )
    rows = parse(data, "people.xlsx")
    assert names(rows) == ["Бат-Эрдэнэ Ганболд", "Oʻgʻiloy Saidova"]
    assert rows[0]["values"] | {"email": None} == {
        "full_name": "Бат-Эрдэнэ Ганболд",
        "role": "lead",
        "nationality": "MN",
        "faculty": "Geology",
        "date_of_birth": "1985-01-02",
        "document_number": "12345678",
        "email": None,
        "diet": None,
        "language": None,
        "access_needs": None,
        "medical_clearance": None,
        "ppe_issued": None,
        "helmet_size": None,
        "boot_size": None,
        "vest_size": None,
    }
    assert rows[1]["values"]["nationality"] == "UZ" and rows[1]["values"]["role"] == "student"
    assert [row["line"] for row in rows] == [2, 4]


def test_the_templates_read_back_as_an_empty_valid_header():
    for filename, data in (("t.csv", importing.template_csv()), ("t.xlsx", importing.template_xlsx())):
        table = importing.read_table(filename, data)
        assert set(importing.map_header(table[0]).values()) == set(importing.COLUMN_KEYS)
        with pytest.raises(ImportFileError, match="no participants"):
            importing.parse_rows(table, TODAY)
    workbook = load_workbook(io.BytesIO(importing.template_xlsx()))
    assert workbook.sheetnames == ["Participants", "Help"]


@pytest.mark.parametrize(
    "header",
    [
        ["ФИО", "Гражданство", "Дата рождения"],
        ["FULL_NAME", "country", "DOB"],
        ["To‘liq ism", "Fuqarolik", "Tugʻilgan sana"],
    ],
)
def test_headers_in_russian_uzbek_or_as_keys(header):
    rows = importing.parse_rows([header, ["Ali Valiyev", "uz", "01.02.2003"]], TODAY)
    assert rows[0]["values"]["nationality"] == "UZ" and rows[0]["values"]["date_of_birth"] == "2003-02-01"


def test_a_file_without_a_name_column_is_refused():
    with pytest.raises(ImportFileError, match="Full name"):
        importing.parse_rows([["Surname", "Email"], ["Ali", "a@example.org"]], TODAY)


def codes(row):
    return [(error["field"], error["code"]) for error in row["errors"]]


@pytest.mark.parametrize(
    "cells, expected",
    [
        (["", "student", "UZ", "2003-01-01", "a@example.org"], [("full_name", "missing_name")]),
        (["Ali", "student", "UZ", "31.02.2003", ""], [("date_of_birth", "bad_date")]),
        (["Ali", "student", "UZ", "2003/13/01", ""], [("date_of_birth", "bad_date")]),
        (["Ali", "student", "UZ", "01.01.2026", ""], [("date_of_birth", "implausible_date")]),
        (["Ali", "student", "Narnia", "", ""], [("nationality", "unknown_country")]),
        (["Ali", "student", "", "", "ali@@example"], [("email", "bad_email")]),
        (["Ali", "professor", "", "", ""], [("role", "unknown_role")]),
        (["A" * 201, "", "", "", ""], [("full_name", "too_long")]),
        (
            ["", "rector", "XX", "soon", "no"],
            [
                ("full_name", "missing_name"),
                ("role", "unknown_role"),
                ("nationality", "unknown_country"),
                ("date_of_birth", "bad_date"),
                ("email", "bad_email"),
            ],
        ),
    ],
)
def test_each_row_error(cells, expected):
    rows = importing.parse_rows([["Full name", "Role", "Nationality", "Date of birth", "Email"], cells], TODAY)
    assert sorted(codes(rows[0])) == sorted(expected)
    assert all(importing.error_message(error) for error in rows[0]["errors"])


def test_duplicates_within_the_file_and_against_the_visit():
    table = [
        ["Full name", "Date of birth", "Document number"],
        ["Ali Valiyev", "01.02.2003", ""],
        ["ALI  VALIYEV", "2003-02-01", ""],  # the same person, typed differently
        ["Ali Valiyev", "05.05.2005", ""],  # a namesake with another birthday
        ["Someone Else", "", "aa 111"],
        ["Another Name", "", "AA111"],  # the same document
        ["Zarina Qodirova", "", ""],
    ]
    rows = importing.parse_rows(table, TODAY)
    existing = dict.fromkeys(importing.person_keys("Zarina Qodirova", None, None), "Zarina Qodirova")
    importing.mark_duplicates(rows, existing)
    assert [codes(row) for row in rows] == [
        [],
        [("full_name", "duplicate_in_file")],
        [],
        [],
        [("full_name", "duplicate_in_file")],
        [("full_name", "duplicate_in_visit")],
    ]
    assert importing.error_message(rows[1]["errors"][0]) == "The same person as on line 2 of this file."
    assert importing.error_message(rows[5]["errors"][0]) == "Zarina Qodirova is already a participant of this visit."


@pytest.mark.parametrize(
    "text, code",
    [
        ("uz", "UZ"),
        ("UZB", "UZ"),
        ("Uzbekistan", "UZ"),
        ("Узбекистан", "UZ"),
        ("O'zbekiston", "UZ"),
        ("Mongolia", "MN"),
        ("Монголия", "MN"),
        ("Moʻgʻuliston", "MN"),
        ("Kyrgyzstan", "KG"),
        ("Киргизия", "KG"),
        ("Кыргызстан", "KG"),
        ("Qirgʻiziston", "KG"),
        ("Tunisia", "TN"),
        ("Тунис", "TN"),
        ("  russia ", "RU"),
        ("Narnia", None),
        ("", None),
    ],
)
def test_countries_by_code_or_name_in_three_languages(text, code):
    assert countries.lookup(text) == code


@given(st.dates(min_value=date(1900, 1, 1), max_value=date(2100, 12, 31)))
def test_both_date_forms_parse_to_the_same_day(day):
    assert importing.parse_date(day.isoformat()) == day
    assert importing.parse_date(day.strftime("%d.%m.%Y")) == day


_CYRILLIC_OR_LATIN = st.text(
    alphabet=st.sampled_from("АБВГДЕЁЖЗИЙКЛМНОПРСТУФХЦЧШЩЪЫЬЭЮЯабвгдеёжзийклмнопрстуфхцчшщъыьэюя ABCxyz-'"),
    min_size=1,
    max_size=30,
).filter(lambda s: s.strip() and not importing._MIXED_WORD.search(s))


@given(
    st.lists(_CYRILLIC_OR_LATIN, min_size=1, max_size=5),
    st.sampled_from(["utf-8", "utf-8-sig", "utf-16", "cp1251"]),
    st.sampled_from([",", ";", "\t"]),
)
def test_names_survive_any_encoding_and_delimiter(people, encoding, delimiter):
    rows = [["Full name", "Faculty"]] + [[f'"{name}"', "Geology"] for name in people]
    data = "\r\n".join(delimiter.join(cells) for cells in rows).encode(encoding)
    table = importing.read_table("people.csv", data)
    assert [cells[0] for cells in table[1:]] == people

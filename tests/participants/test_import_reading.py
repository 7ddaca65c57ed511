"""What spreadsheets really send: the date order, several sheets, headings between people,
clearance and protective equipment sizes."""

import io
from datetime import date

import pytest
from openpyxl import Workbook

from partnership.participants import importing, sizes

pytestmark = pytest.mark.usefixtures("request_ctx")

TODAY = date(2025, 6, 1)


def csv_of(*lines: str) -> bytes:
    return "\r\n".join(lines).encode()


def workbook(**sheets) -> bytes:
    book = Workbook()
    book.remove(book.active)
    for name, rows in sheets.items():
        sheet = book.create_sheet(name)
        for cells in rows:
            sheet.append(cells)
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def read(data: bytes, filename="people.csv", **options) -> importing.Reading:
    return importing.read_import(filename, data, TODAY, **options)


def births(reading) -> list:
    return [row["values"]["date_of_birth"] for row in reading.rows]


# --- the date order ---------------------------------------------------------------------------


def test_ambiguous_slashed_dates_ask_for_their_order():
    reading = read(csv_of("Full name,Date of birth", "Ali Valiyev,03/05/2004", "Aziza Karimova,01/02/2003"))
    assert reading.date_example == "03/05/2004" and reading.date_order is None
    assert reading.options["date_example"] == "03/05/2004"


@pytest.mark.parametrize(
    "settling, order, first",
    [("25/05/2004", "dmy", "2004-05-03"), ("05/25/2004", "mdy", "2004-03-05")],
)
def test_a_date_that_settles_the_order_is_not_asked(settling, order, first):
    reading = read(csv_of("Full name,Date of birth", "Ali Valiyev,03/05/2004", f"Aziza Karimova,{settling}"))
    assert reading.date_example is None and reading.date_order == order
    assert births(reading) == [first, "2004-05-25"]
    assert not any(row["errors"] for row in reading.rows)


@pytest.mark.parametrize("order, first", [("dmy", "2004-05-03"), ("mdy", "2004-03-05")])
def test_the_answer_is_applied(order, first):
    reading = read(csv_of("Full name,Date of birth", "Ali Valiyev,03/05/2004"), date_order=order)
    assert births(reading) == [first] and reading.date_order == order
    assert reading.date_example == "03/05/2004"  # still shown, so the answer can be changed


def test_dotted_dates_and_real_date_cells_are_never_asked():
    assert read(csv_of("Full name,Date of birth", "Ali Valiyev,03.05.2004")).date_example is None
    data = workbook(People=[["Full name", "Date of birth"], ["Ali Valiyev", date(2004, 5, 3)]])
    reading = read(data, "people.xlsx")
    assert reading.date_example is None and births(reading) == ["2004-05-03"]


def test_a_same_day_and_month_needs_no_answer():
    assert read(csv_of("Full name,Date of birth", "Ali Valiyev,05/05/2004")).date_example is None


# --- sheets -----------------------------------------------------------------------------------


def test_the_sheet_that_names_the_most_columns_is_read_and_the_others_offered():
    data = workbook(
        Notes=[["Delegation of May"], ["Name", "Comment"], ["Bus", "at 9"]],
        People=[["Full name", "Role", "Nationality"], ["Ali Valiyev", "student", "UZ"]],
        Staff=[["Full name"], ["Nodira Yusupova"]],
    )
    reading = read(data, "people.xlsx")
    assert reading.sheet == "People" and reading.sheets == ("Notes", "People", "Staff")
    assert [row["values"]["full_name"] for row in reading.rows] == ["Ali Valiyev"]
    chosen = read(data, "people.xlsx", sheet="Staff")
    assert chosen.sheet == "Staff" and [row["values"]["full_name"] for row in chosen.rows] == ["Nodira Yusupova"]


def test_a_title_above_the_header_is_passed_over():
    reading = read(csv_of("Delegation of the Mongolian University,", "Full name,Role", "Ali Valiyev,staff"))
    assert [(row["line"], row["values"]["role"]) for row in reading.rows] == [(3, "staff")]


# --- headings between people ------------------------------------------------------------------


def test_headings_are_warned_about_and_skipped():
    reading = read(
        csv_of(
            "Full name,Role,Nationality",
            "Group 2 — Mongolian State University,,",
            "Enkhjin Lkhagva,student,MN",
            "Full name,Role,Nationality",
            "GEOLOGY,,",
            "Ali Valiyev,staff,UZ",
            "Nodira Yusupova,,",
        )
    )
    skipped = [row["line"] for row in reading.rows if row["skip"]]
    assert skipped == [2, 4, 5]
    assert all(row["warnings"] == [{"code": "heading"}] and not row["errors"] for row in reading.rows if row["skip"])
    people = [row["values"]["full_name"] for row in reading.rows if not row["skip"]]
    assert people == ["Enkhjin Lkhagva", "Ali Valiyev", "Nodira Yusupova"]
    assert "looks like a heading" in importing.warning_message({"code": "heading"})


def test_names_in_capitals_are_people_where_the_file_writes_names_so():
    reading = read(csv_of("Full name,Role", "VALIYEV ALI,student", "KARIMOVA AZIZA,"))
    assert [row["skip"] for row in reading.rows] == [False, False]


def test_a_file_of_headings_only_has_no_participants():
    with pytest.raises(importing.ImportFileError, match="no participants"):
        read(csv_of("Full name,Role", "Group 1 — staff,"))


# --- clearance and sizes ----------------------------------------------------------------------


@pytest.mark.parametrize(
    "cell, expected", [("yes", True), ("Да", True), ("ha", True), ("no", False), ("нет", False), ("yoʻq", False)]
)
def test_medical_clearance_reads_yes_and_no_in_three_languages(cell, expected):
    reading = read(csv_of("Full name,Medical clearance", f"Ali Valiyev,{cell}"))
    assert reading.rows[0]["values"]["medical_clearance"] is expected and not reading.rows[0]["errors"]


def test_a_clearance_that_is_neither_yes_nor_no_is_an_error():
    row = read(csv_of("Full name,Medical clearance", "Ali Valiyev,maybe")).rows[0]
    assert row["errors"][0]["code"] == "not_yes_no"
    assert "neither yes nor no" in importing.error_message(row["errors"][0])


@pytest.mark.parametrize(
    "field, text, stored",
    [
        ("helmet_size", "56", "56"),
        ("helmet_size", "58 cm", "58"),
        ("helmet_size", "xl", "XL"),
        ("boot_size", "42", "42"),
        ("boot_size", "42,5", "42.5"),
        ("vest_size", "xxl", "XXL"),
        ("vest_size", "3XL", "XXXL"),
        ("vest_size", "", None),
    ],
)
def test_sizes_are_stored_in_one_form(field, text, stored):
    assert sizes.size_or_none(field, text) == stored


@pytest.mark.parametrize(
    "field, text",
    [("helmet_size", "40"), ("helmet_size", "XXL"), ("boot_size", "51"), ("boot_size", "42.3"), ("vest_size", "4XL")],
)
def test_sizes_out_of_range_are_refused_with_their_rule(field, text):
    with pytest.raises(ValueError, match="size"):
        sizes.size_or_none(field, text)
    row = read(csv_of(f"Full name,{importing.column_label(field)}", f"Ali Valiyev,{text}")).rows[0]
    assert [error["code"] for error in row["errors"]] == [f"bad_{field}"]


def test_the_template_round_trips_clearance_and_sizes():
    header = importing.read_table("t.xlsx", importing.template_xlsx())[0]
    assert header[-5:] == ["Medical clearance", "PPE issued", "Helmet size", "Boot size", "Vest size"]
    book = Workbook()
    book.active.append(header)
    book.active.append(
        ["Ali Valiyev", "student", "UZ", None, "2004-05-03", None, None, None, None, "uz", "да", "yes", "57", "43", "L"]
    )
    out = io.BytesIO()
    book.save(out)
    values = read(out.getvalue(), "filled.xlsx").rows[0]["values"]
    assert (values["medical_clearance"], values["ppe_issued"]) == (True, True)
    assert (values["helmet_size"], values["boot_size"], values["vest_size"]) == ("57", "43", "L")
    assert (values["language"], values["date_of_birth"]) == ("uz", "2004-05-03")

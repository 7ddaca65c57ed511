"""Tables written as CSV or XLSX, safe to open in a spreadsheet.

A cell that begins with ``=``, ``+``, ``-``, ``@``, a tab or a carriage return
is read by Excel and LibreOffice as a formula (OWASP "CSV injection"). In CSV
such text gets a leading apostrophe; in XLSX it is written as a string cell
with the quote-prefix style, so the text stays as typed and never runs."""

import csv
import io
from dataclasses import dataclass, field
from datetime import date, datetime
from enum import Enum

from flask_babel import gettext as _
from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell
from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE, Cell
from openpyxl.styles import Font

FORMULA_TRIGGERS = ("=", "+", "-", "@", "\t", "\r")

CSV_MIMETYPE = "text/csv; charset=utf-8"
XLSX_MIMETYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
MIMETYPES = {"csv": CSV_MIMETYPE, "xlsx": XLSX_MIMETYPE}


@dataclass
class Table:
    """A sheet: a title (the XLSX sheet name), column headers and rows of plain values."""

    title: str
    headers: list[str]
    rows: list[list] = field(default_factory=list)


def is_formula_like(text: str) -> bool:
    return text.startswith(FORMULA_TRIGGERS)


def neutralise(text: str) -> str:
    """The CSV form of ``text``: an apostrophe before anything a spreadsheet would evaluate."""
    return "'" + text if is_formula_like(text) else text


def plain(value):
    """A model value as a cell value: text, number, date or empty."""
    if value is None:
        return ""
    if isinstance(value, Enum):
        label = getattr(value, "label", None)
        return str(label) if label is not None else value.value
    if isinstance(value, bool):
        return _("Yes") if value else _("No")
    if isinstance(value, (int, float, date, datetime)):
        return value
    return str(value)  # lazy translations and anything else


def csv_text(value) -> str:
    value = plain(value)
    if isinstance(value, datetime):
        return value.isoformat(timespec="minutes")
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, str):
        return neutralise(value)
    return str(value)


def write_csv(table: Table) -> bytes:
    """UTF-8 with a byte-order mark, so that Excel reads Cyrillic and Uzbek Latin correctly."""
    buffer = io.StringIO(newline="")
    writer = csv.writer(buffer, quoting=csv.QUOTE_ALL)
    writer.writerow([csv_text(h) for h in table.headers])
    for row in table.rows:
        writer.writerow([csv_text(value) for value in row])
    return buffer.getvalue().encode("utf-8-sig")


def write_xlsx(table: Table) -> bytes:
    workbook = Workbook(write_only=True)
    sheet = workbook.create_sheet(_sheet_title(table.title))
    bold = Font(bold=True)
    header = []
    for text in table.headers:
        cell = _cell(sheet, text)
        cell.font = bold
        header.append(cell)
    sheet.append(header)
    for row in table.rows:
        sheet.append([_cell(sheet, value) for value in row])
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def _cell(sheet, value) -> Cell:  # WriteOnlyCell is a function that makes a Cell
    value = plain(value)
    if isinstance(value, datetime) and value.tzinfo is not None:
        value = value.replace(tzinfo=None)  # Excel has no time zones; values are UTC
    if not isinstance(value, str):
        cell = WriteOnlyCell(sheet, value=value)
        if isinstance(value, date) and not isinstance(value, datetime):
            cell.number_format = "yyyy-mm-dd"
        return cell
    value = ILLEGAL_CHARACTERS_RE.sub("", value)
    cell = WriteOnlyCell(sheet, value=value)
    # openpyxl reads any text starting with "=" as a formula: force a string cell.
    cell.data_type = "s"
    if is_formula_like(value):
        cell.quotePrefix = True
    return cell


def _sheet_title(title: str) -> str:
    """Sheet names: at most 31 characters, none of []:*?/\\."""
    cleaned = "".join(" " if ch in "[]:*?/\\" else ch for ch in str(title)).strip()
    return cleaned[:31] or "Sheet"


def write(table: Table, fmt: str) -> bytes:
    return write_csv(table) if fmt == "csv" else write_xlsx(table)

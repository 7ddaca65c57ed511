"""Reading participant lists from CSV and XLSX files, row by row, without the database.

CSV files saved by Excel in Uzbekistan, Kyrgyzstan or Mongolia are often
Windows-1251 or UTF-16 with ``;`` or tab between columns, not UTF-8 with
commas: the encoding and delimiter are detected, and a file that decodes to
nothing sensible is refused with a message instead of filling the visit with
mojibake. Errors are codes with parameters (translated when shown), so a
preview renders in whatever language its reader chooses."""

import codecs
import csv
import io
import logging
import re
import unicodedata
from dataclasses import dataclass
from datetime import date, datetime
from functools import lru_cache

from email_validator import EmailNotValidError, validate_email
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from openpyxl.utils.datetime import from_excel

from partnership import countries
from partnership.participants import sizes, xlsx
from partnership.participants.limits import ImportFileError, ImportLimits
from partnership.text import fold
from partnership.uploads import too_large
from partnership.visits.models import ParticipantRole

__all__ = [
    "ImportFileError",
    "ImportLimits",
    "Reading",
    "parse_rows",
    "read_import",
    "read_table",
    "read_tables",
]

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class Column:
    key: str
    label: str  # the template's header (English, as the file format is language-neutral)
    max_length: int | None
    aliases: tuple[str, ...] = ()


# Headers are matched folded, so "Full name", "FULL_NAME" and "ФИО" all work.
COLUMNS = (
    Column(
        "full_name",
        "Full name",
        200,
        (
            "name",
            "фио",
            "ф.и.о.",
            "ф. и. о.",
            "имя",
            "полное имя",
            "to'liq ism",
            "f.i.sh.",
            "fish",
            "ism",
            "нэр",
            "овог нэр",
        ),
    ),
    Column("role", "Role", None, ("роль", "rol", "student/staff/lead")),
    Column(
        "nationality",
        "Nationality",
        None,
        ("country", "citizenship", "гражданство", "страна", "fuqarolik", "davlat", "иргэншил"),
    ),
    Column(
        "faculty",
        "Faculty or programme",
        300,
        (
            "faculty",
            "programme",
            "program",
            "faculty/programme",
            "факультет",
            "факультет/программа",
            "fakultet",
            "yo'nalish",
        ),
    ),
    Column(
        "date_of_birth",
        "Date of birth",
        None,
        ("birth date", "dob", "birthday", "дата рождения", "tug'ilgan sana", "төрсөн огноо"),
    ),
    Column(
        "document_number",
        "Document number",
        50,
        (
            "passport",
            "passport number",
            "document",
            "номер документа",
            "номер паспорта",
            "паспорт",
            "hujjat raqami",
            "pasport",
            "pasport raqami",
        ),
    ),
    Column(
        "email",
        "Email",
        254,
        (
            "e-mail",
            "e-mail address",
            "email address",
            "эл. почта",
            "электронная почта",
            "почта",
            "elektron pochta",
            "и-мэйл",
        ),
    ),
    Column("diet", "Diet", 200, ("dietary needs", "food", "питание", "диета", "ovqatlanish", "parhez")),
    Column(
        "access_needs",
        "Access needs",
        2000,
        ("accessibility", "needs", "особые потребности", "потребности", "maxsus ehtiyojlar", "ehtiyojlar"),
    ),
    # Last, so that files made from the templates before it keep their columns.
    Column("language", "Language", None, ("lang", "язык", "til", "хэл", "language of messages")),
    # Then what a site asks of a person (see sizes.py for the sizes' forms).
    Column(
        "medical_clearance",
        "Medical clearance",
        None,
        ("medical", "медицинский допуск", "медосмотр", "медицинская справка", "tibbiy ruxsat", "tibbiy koʻrik"),
    ),
    Column("ppe_issued", "PPE issued", None, ("ppe", "сиз выданы", "сиз", "shvv berildi")),
    Column("helmet_size", "Helmet size", 8, ("helmet", "размер каски", "каска", "kaska oʻlchami", "kaska")),
    Column("boot_size", "Boot size", 8, ("boots", "размер обуви", "обувь", "poyabzal oʻlchami", "poyabzal")),
    Column("vest_size", "Vest size", 8, ("vest", "размер жилета", "жилет", "nimcha oʻlchami", "nimcha")),
)
# Only the hosts say that protective equipment was issued (services.STAFF_FIELDS).
STAFF_COLUMNS = ("ppe_issued",)
COLUMN_KEYS = tuple(column.key for column in COLUMNS)

ROLE_WORDS = {
    ParticipantRole.student: ("student", "студент", "студентка", "talaba", "оюутан"),
    ParticipantRole.staff: (
        "staff",
        "accompanying staff",
        "teacher",
        "сотрудник",
        "преподаватель",
        "сопровождающий",
        "xodim",
        "o'qituvchi",
        "ажилтан",
        "багш",
    ),
    ParticipantRole.lead: (
        "lead",
        "leader",
        "delegation lead",
        "head",
        "руководитель",
        "глава делегации",
        "rahbar",
        "ахлагч",
    ),
}

# Yes and no as people write them in the three languages of the application.
YES_NO_WORDS = {
    True: ("yes", "y", "true", "1", "+", "да", "д", "ha", "xa", "ҳа", "ха", "тийм"),
    False: ("no", "n", "false", "0", "-", "нет", "н", "yo'q", "yoʻq", "йўқ", "йук", "үгүй"),
}

ERROR_MESSAGES = {
    "missing_name": _l("The name is missing."),
    "too_long": _l("%(column)s is longer than %(max)d characters."),
    "bad_date": _l("“%(value)s” is not a date: write YYYY-MM-DD or DD.MM.YYYY."),
    "implausible_date": _l("%(value)s is not a plausible date of birth."),
    "unknown_country": _l("“%(value)s” is not a country we know: write its ISO code (UZ, MN, KG …) or its name."),
    "bad_email": _l("“%(value)s” is not an email address."),
    "unknown_role": _l("“%(value)s” is not a role: write student, staff or lead."),
    "unknown_language": _l("“%(value)s” is not a language of our messages: write en, ru or uz."),
    "duplicate_in_file": _l("The same person as on line %(line)d of this file."),
    "duplicate_in_visit": _l("%(name)s is already a participant of this visit."),
    "not_yes_no": _l("“%(value)s” is neither yes nor no: write yes or no (да/нет, ha/yoʻq)."),
    **{f"bad_{field}": message for field, message in sizes.SIZE_MESSAGES.items()},
}
WARNING_MESSAGES = {
    "heading": _l("This looks like a heading, not a person — it will be skipped."),
}


def warning_message(warning: dict) -> str:
    return str(WARNING_MESSAGES[warning["code"]])


def error_message(error: dict) -> str:
    """The reader's-language message of a row error as stored in a pending import."""
    params = dict(error.get("params") or {})
    if "column" in params:
        params["column"] = column_label(params["column"])
    return str(ERROR_MESSAGES[error["code"]]) % params if params else str(ERROR_MESSAGES[error["code"]])


def column_label(key: str) -> str:
    labels = {
        "full_name": _("Full name"),
        "role": _("Role"),
        "nationality": _("Nationality"),
        "faculty": _("Faculty or programme"),
        "date_of_birth": _("Date of birth"),
        "document_number": _("Document number"),
        "email": _("Email"),
        "language": _("Language of messages"),
        "diet": _("Diet"),
        "access_needs": _("Access needs"),
        "medical_clearance": _("Medical clearance"),
        "ppe_issued": _("PPE issued"),
        "helmet_size": _("Helmet size"),
        "boot_size": _("Boot size"),
        "vest_size": _("Vest size"),
    }
    return labels.get(key, key)


# --- from bytes to a table of cells ----------------------------------------------------


@dataclass(frozen=True)
class Reading:
    """A file's checked rows and how they were read: the sheet (of an .xlsx's ``sheets``), and
    the order of its day and month when dates like 03/05/2004 leave it open (``date_example``
    is then one such date; ``date_order`` the reader's answer, ``None`` until given)."""

    rows: list[dict]
    sheet: str | None = None
    sheets: tuple[str, ...] = ()
    date_example: str | None = None
    date_order: str | None = None

    @property
    def options(self) -> dict:
        """JSON-ready, as a pending import keeps them."""
        return {
            "sheet": self.sheet,
            "sheets": list(self.sheets),
            "date_example": self.date_example,
            "date_order": self.date_order,
        }


def read_import(
    filename: str,
    data: bytes,
    today: date,
    limits: ImportLimits | None = None,
    *,
    sheet: str | None = None,
    date_order: str | None = None,
) -> Reading:
    """The checked rows of a participants file (see ``parse_rows``), read within ``limits``, from
    ``sheet`` (else the sheet that names the most of our columns), with ``date_order`` ("dmy",
    "mdy") where the file's own dates do not settle it. Touches no database: a request parses
    before it takes the database's write lock."""
    limits = limits or ImportLimits.from_config()
    tables = read_tables(filename, data, limits)
    names = tuple(name for name, _table in tables if name is not None)
    chosen = next((t for t in tables if sheet is not None and t[0] == sheet), None) or max(
        tables, key=lambda t: _known_columns(t[1])
    )
    settled, example = settled_date_order(chosen[1])
    order = settled or (date_order if date_order in DATE_ORDERS and example else None)
    rows = parse_rows(chosen[1], today, limits, date_order=order or "dmy")
    return Reading(rows, chosen[0], names, None if settled else example, order)


def read_tables(filename: str, data: bytes, limits: ImportLimits | None = None) -> list[tuple[str | None, list[list]]]:
    """The file's tables with their sheets' names (one nameless table for a CSV file), as lists of
    cells (strings, or dates and numbers from XLSX). A file over a limit, or one that breaks a
    reader in a way nobody foresaw, is an ``ImportFileError``."""
    limits = limits or ImportLimits.from_config()
    if not data:
        raise ImportFileError(_("The file is empty."))
    if len(data) > limits.max_bytes:
        raise ImportFileError(too_large(len(data), limits.max_bytes))
    try:
        return _read_tables(filename, data, limits)
    except ImportFileError:
        raise
    except Exception as error:  # noqa: BLE001  (a file must never become a server error)
        log.warning("participant file refused: %s while reading it", type(error).__name__)
        if data.startswith(b"PK\x03\x04"):
            raise xlsx.unreadable() from error
        raise ImportFileError(_not_text_message()) from error


def read_table(filename: str, data: bytes, limits: ImportLimits | None = None) -> list[list]:
    """The rows of the file (of a workbook's first sheet); see ``read_tables``."""
    return read_tables(filename, data, limits)[0][1]


def _read_tables(filename: str, data: bytes, limits: ImportLimits) -> list[tuple[str | None, list[list]]]:
    if data.startswith(b"PK\x03\x04"):
        return list(xlsx.read_sheets(data, limits))
    if data.startswith(b"\xd0\xcf\x11\xe0"):
        raise ImportFileError(
            _(
                "This is an old Excel 97–2003 workbook (.xls). "
                "Save it as “Excel Workbook (.xlsx)” or as CSV and upload that."
            )
        )
    if filename.lower().endswith(".xlsx"):
        raise xlsx.unreadable()
    text = decode(data)
    return [(None, read_csv(text, limits))]


def decode(data: bytes) -> str:
    """Text of a CSV file: UTF-8 (with or without BOM), UTF-16 (BOM, or recognisable
    without), otherwise Windows-1251. Anything else is refused, never guessed."""
    if data.startswith(codecs.BOM_UTF8):
        encoding, data = "utf-8", data[len(codecs.BOM_UTF8) :]
    elif data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        encoding = "utf-16"
    elif b"\x00" in data[:4000]:
        encoding = _utf16_without_bom(data)
    else:
        encoding = None
    if encoding:
        try:
            text = data.decode(encoding)
        except UnicodeDecodeError as exc:
            raise ImportFileError(
                _(
                    "The file says it is %(encoding)s but is not. Save it again as “CSV UTF-8”.",
                    encoding=encoding.upper(),
                )
            ) from exc
        _check_readable(text)
        return text
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError:
        try:
            text = data.decode("cp1251")
        except UnicodeDecodeError as exc:
            raise ImportFileError(_not_text_message()) from exc
        _check_readable(text)
        _check_cp1251_plausible(text)
        return text
    _check_readable(text)
    return text


def _utf16_without_bom(data: bytes) -> str:
    sample = data[:4000]
    even_zeros = sample[0::2].count(0)
    odd_zeros = sample[1::2].count(0)
    half = len(sample) // 2
    if odd_zeros > half * 0.3 and even_zeros < odd_zeros / 4:
        return "utf-16-le"
    if even_zeros > half * 0.3 and odd_zeros < even_zeros / 4:
        return "utf-16-be"
    raise ImportFileError(_not_text_message())


def _not_text_message() -> str:
    return _(
        "The file's characters cannot be read: it is not UTF-8, UTF-16 or Windows-1251 text. "
        "In Excel choose “Save as” → “CSV UTF-8 (comma delimited)”, or upload the .xlsx workbook."
    )


def _check_readable(text: str) -> None:
    """Control characters (other than tab and line ends) mean a binary file, not a table."""
    for char in text[:100_000]:
        if unicodedata.category(char) == "Cc" and char not in "\t\r\n":
            raise ImportFileError(_not_text_message())


_MIXED_WORD = re.compile(r"\b(?=\w*[A-Za-z])(?=\w*[А-Яа-яЁё])\w+\b")


def _check_cp1251_plausible(text: str) -> None:
    """A Western-European file read as Windows-1251 turns é into й inside Latin words:
    refuse words that mix the two alphabets rather than store them garbled."""
    if _MIXED_WORD.search(text):
        raise ImportFileError(
            _(
                "Some letters of the file come out garbled in every encoding we know. "
                "Save it again as “CSV UTF-8” and upload that."
            )
        )


def sniff_delimiter(text: str) -> str:
    """`,`, `;` or tab: whichever the header line uses most, outside quotes."""
    header = next((line for line in _lines(text) if line.strip()), "")
    header = re.sub(r'"[^"]*"', "", header)
    counts = {delimiter: header.count(delimiter) for delimiter in (";", ",", "\t")}
    best = max(counts, key=lambda d: (counts[d], d == ","))
    return best if counts[best] else ","


def _lines(text: str, keep_ends: bool = False, max_length: int | None = None, too_long=None):
    """The text's lines one by one, without copying the whole text into a list; a line
    longer than ``max_length`` raises ``too_long(start, end)`` before anyone splits it into cells."""
    start = 0
    while start < len(text):
        end = text.find("\n", start)
        end = len(text) if end < 0 else end + 1
        if max_length is not None and end - start > max_length:
            raise too_long(start, end)
        yield text[start:end] if keep_ends else text[start:end].rstrip("\r\n")
        start = end


def read_csv(text: str, limits: ImportLimits | None = None) -> list[list]:
    """The table, row by row; refused as soon as it has too many rows, columns, filled cells
    or characters in a cell. Empty cells at the end of a row (Excel pads every row to the
    widest one) are dropped before counting columns."""
    limits = limits or ImportLimits.from_config()
    delimiter = sniff_delimiter(text)
    rows: list[list] = []
    cells = 0
    # No line of a table within the limits is longer than its widest row can be.
    longest = limits.max_columns * (limits.max_cell_chars + 3) + 2

    def too_long(start: int, end: int) -> ImportFileError:
        if text.count(delimiter, start, end) >= limits.max_columns:
            return xlsx.too_many_columns(limits)
        return xlsx.cell_too_long(limits)

    lines = _lines(text, keep_ends=True, max_length=longest, too_long=too_long)
    reader = csv.reader(lines, delimiter=delimiter)
    try:
        for row in reader:
            while row and not row[-1]:
                row.pop()
            if len(rows) >= limits.max_table_rows:
                raise xlsx.too_many_rows(limits)
            if len(row) > limits.max_columns:
                raise xlsx.too_many_columns(limits)
            if any(len(cell) > limits.max_cell_chars for cell in row):
                raise xlsx.cell_too_long(limits)
            cells += sum(1 for cell in row if cell)
            if cells > limits.max_cells:
                raise xlsx.too_many_cells(limits)
            rows.append(row)
    except csv.Error as exc:
        if "field larger than field limit" in str(exc):
            raise xlsx.cell_too_long(limits) from exc
        raise ImportFileError(_("The file is not a valid CSV table: %(error)s", error=str(exc))) from exc
    return rows


# --- from a table to checked rows ---------------------------------------------------------


def _header_key(cell) -> str:
    return fold(str(cell or "")).replace("_", " ").strip(" *:")


@lru_cache(maxsize=1)
def _header_index() -> dict[str, str]:
    index: dict[str, str] = {}
    for column in COLUMNS:
        for name in (column.key, column.label, *column.aliases):
            index.setdefault(_header_key(name), column.key)
    return index


def _header_keys(cells: list) -> dict[int, str]:
    index = _header_index()
    mapping: dict[int, str] = {}
    for position, cell in enumerate(cells):
        key = index.get(_header_key(cell))
        if key and key not in mapping.values():
            mapping[position] = key
    return mapping


# A title or two may stand above the column names.
HEADER_SEARCH_ROWS = 10


def _header_position(table: list[list]) -> int:
    """The first row (of the first few) that names the “Full name” column; else the first."""
    for position, cells in enumerate(table[:HEADER_SEARCH_ROWS]):
        if "full_name" in _header_keys(cells).values():
            return position
    return 0


def _known_columns(table: list[list]) -> int:
    """How many of our columns the table's header names: the sheet that names most is read."""
    return len(_header_keys(table[_header_position(table)])) if table else 0


def map_header(header: list) -> dict[int, str]:
    """Cell position → column key; unknown columns are ignored."""
    mapping = _header_keys(header)
    if "full_name" not in mapping.values():
        raise ImportFileError(
            _("The first row must name the columns, with at least “Full name”. Download the template to see them.")
        )
    return mapping


def _cell_text(value) -> str:
    if value is None:
        return ""
    if isinstance(value, datetime):
        return value.date().isoformat() if value.time() == datetime.min.time() else value.isoformat(sep=" ")
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return " ".join(str(value).split())


# Words of a group's or a title's line, never of a person's name.
_HEADING_WORDS = re.compile(
    r"\b(group|delegation|university|faculty|list|total|группа|делегация|университет|факультет|список|итого"
    r"|guruh|delegatsiya|universitet|fakultet|roʻyxat|ro'yxat|jami|бүлэг|их сургууль)\b",
    re.IGNORECASE,
)


def _is_capitals(text: str) -> bool:
    letters = [char for char in text if char.isalpha()]
    return len(letters) > 1 and all(char.isupper() for char in letters)


def names_in_capitals(table: list[list], mapping: dict[int, str]) -> bool:
    """Whether the file writes most names in capitals (as passports do): then a name alone on
    its line is no heading for being in capitals."""
    position = next(p for p, key in mapping.items() if key == "full_name")
    names = [
        _cell_text(cells[position])
        for cells in table
        if position < len(cells) and sum(1 for cell in cells if _cell_text(cell)) > 1 and _cell_text(cells[position])
    ]
    return not names or sum(map(_is_capitals, names)) * 2 >= len(names)


def looks_like_heading(cells: list, mapping: dict[int, str], capitals_are_names: bool = True) -> bool:
    """A repeated header row, or a row's only filled cell holding a title or a group's name
    (“Group 2 — Mongolian State University”, a number, capitals where names are not written
    so) in a table of several columns."""
    repeated = _header_keys(cells)
    if "full_name" in repeated.values() and len(repeated) >= min(2, len(mapping)):
        return True
    filled = [_cell_text(cell) for cell in cells if _cell_text(cell)]
    if len(filled) != 1 or len(mapping) < 2:
        return False
    text = filled[0]
    return bool(
        _HEADING_WORDS.search(text) or re.search(r"\d|[—–:]", text) or (_is_capitals(text) and not capitals_are_names)
    )


def parse_rows(
    table: list[list], today: date, limits: ImportLimits | None = None, date_order: str = "dmy"
) -> list[dict]:
    """Checked rows: ``{"line", "values", "raw", "errors", "warnings", "skip"}``; values are
    JSON-ready (dates as ISO strings). Blank lines are left out; a heading's line is kept with
    its warning and ``skip``; duplicates are marked later."""
    max_rows = (limits or ImportLimits.from_config()).max_rows
    if not table:
        raise ImportFileError(_("The file is empty."))
    header = _header_position(table)
    mapping = map_header(table[header])
    rows = []
    people = 0
    capitals_are_names = names_in_capitals(table[header + 1 :], mapping)
    for number, cells in enumerate(table[header + 1 :], start=header + 2):
        raw_cells = {key: cells[position] if position < len(cells) else None for position, key in mapping.items()}
        if all(_cell_text(value) == "" for value in raw_cells.values()):
            continue
        row = check_row(number, raw_cells, today, date_order)
        if looks_like_heading(cells, mapping, capitals_are_names):
            row.update(errors=[], warnings=[{"code": "heading"}], skip=True)
        else:
            people += 1
        rows.append(row)
        if people > max_rows:
            raise ImportFileError(
                _("The file has more than %(max)d participants; split it into smaller files.", max=max_rows)
            )
    if not people:
        raise ImportFileError(_("The file has column names but no participants."))
    return rows


DATE_ORDERS = ("dmy", "mdy")
_SLASHED = re.compile(r"^(\d{1,2})/(\d{1,2})/(\d{4})$")


def settled_date_order(table: list[list]) -> tuple[str | None, str | None]:
    """The day-and-month order of the table's dates written with slashes, as its own dates settle
    it (25/05/2004: day first), and a date that leaves it open (03/05/2004), if any. Dates with
    dots are day first, and a spreadsheet's own date cells have no order to ask about."""
    if not table:
        return None, None
    header = _header_position(table)
    column = next((p for p, key in _header_keys(table[header]).items() if key == "date_of_birth"), None)
    if column is None:
        return None, None
    day_first = month_first = False
    example = None
    for cells in table[header + 1 :]:
        value = cells[column] if column < len(cells) else None
        text = value.strip() if isinstance(value, str) else ""
        match = _SLASHED.match(text)
        if match is None:
            continue
        first, second = int(match.group(1)), int(match.group(2))
        day_first |= first > 12 >= second
        month_first |= second > 12 >= first
        if first <= 12 and second <= 12 and first != second and example is None:
            example = text
    if day_first != month_first:
        return ("dmy" if day_first else "mdy"), None
    return None, (None if day_first else example)  # both settled at once: each bad date is its row's error


def check_row(line: int, cells: dict, today: date, date_order: str = "dmy") -> dict:  # noqa: C901  (one check per column, in order)
    raw = {key: _cell_text(cells.get(key)) for key in COLUMN_KEYS}
    values: dict = {}
    errors: list[dict] = []

    def error(field, code, **params):
        errors.append({"field": field, "code": code, "params": params})

    for column in COLUMNS:
        text = raw[column.key]
        if column.max_length and len(text) > column.max_length:
            error(column.key, "too_long", column=column.key, max=column.max_length)
        values[column.key] = text or None
    if not raw["full_name"]:
        error("full_name", "missing_name")
    values["role"] = ParticipantRole.student.value
    if raw["role"]:
        role = parse_role(raw["role"])
        if role is None:
            error("role", "unknown_role", value=raw["role"])
        else:
            values["role"] = role.value
    if raw["nationality"]:
        code = countries.lookup(raw["nationality"])
        if code is None:
            error("nationality", "unknown_country", value=raw["nationality"])
        values["nationality"] = code
    if cells.get("date_of_birth") not in (None, ""):
        born = parse_date(cells["date_of_birth"], date_order)
        if born is None:
            error("date_of_birth", "bad_date", value=raw["date_of_birth"])
        elif not (date(1900, 1, 1) <= born <= today):
            error("date_of_birth", "implausible_date", value=born.isoformat())
            born = None
        values["date_of_birth"] = born.isoformat() if born else None
    if raw["email"]:
        try:
            values["email"] = normalised_email(raw["email"])
        except EmailNotValidError:
            error("email", "bad_email", value=raw["email"])
    if raw["document_number"]:
        values["document_number"] = raw["document_number"].replace(" ", "").upper()
    if raw["language"]:
        values["language"] = parse_language(raw["language"])
        if values["language"] is None:
            error("language", "unknown_language", value=raw["language"])
    for name in ("medical_clearance", "ppe_issued"):
        values[name] = None
        if raw[name]:
            values[name] = parse_yes_no(raw[name])
            if values[name] is None:
                error(name, "not_yes_no", value=raw[name])
    for name in sizes.SIZE_FIELDS:
        try:
            values[name] = sizes.size_or_none(name, raw[name])
        except ValueError:
            error(name, f"bad_{name}")
    return {"line": line, "values": values, "raw": raw, "errors": errors, "warnings": [], "skip": False}


@lru_cache(maxsize=1)
def _yes_no_index() -> dict[str, bool]:
    return {fold(word): answer for answer, words in YES_NO_WORDS.items() for word in words}


def parse_yes_no(text: str) -> bool | None:
    return _yes_no_index().get(fold(text))


# The languages of our messages as people write them in a file: code, English and own names.
LANGUAGE_WORDS = {
    "en": ("en", "english", "английский", "ingliz", "ingliz tili", "англи"),
    "ru": ("ru", "russian", "русский", "рус", "rus", "rus tili", "орос"),
    "uz": ("uz", "uzbek", "узбекский", "o'zbek", "oʻzbek", "o'zbekcha", "oʻzbekcha", "o'zbek tili", "узбек"),
}


def parse_language(text: str) -> str | None:
    folded = fold(text)
    for code, words in LANGUAGE_WORDS.items():
        if folded in {fold(word) for word in words}:
            return code
    return None


_DOTTED = re.compile(r"^(\d{1,2})[./](\d{1,2})[./](\d{4})$")
_ISO = re.compile(r"^(\d{4})-(\d{1,2})-(\d{1,2})(?:[ T]00:00(?::00)?)?$")


def parse_date(value, order: str = "dmy") -> date | None:
    """YYYY-MM-DD, DD.MM.YYYY, or with slashes DD/MM/YYYY (MM/DD/YYYY when ``order`` is "mdy");
    XLSX cells may hold dates or day numbers."""
    if isinstance(value, datetime):
        return value.date()
    if isinstance(value, date):
        return value
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        if 1 <= value < 100_000 and float(value).is_integer():
            return from_excel(int(value)).date()  # a day number in Excel's (1900) date system
        return None
    text = str(value).strip()
    try:
        if match := _ISO.match(text):
            year, month, day = map(int, match.groups())
            return date(year, month, day)
        if order == "mdy" and (match := _SLASHED.match(text)):
            month, day, year = map(int, match.groups())
            return date(year, month, day)
        if match := _DOTTED.match(text):
            day, month, year = map(int, match.groups())
            return date(year, month, day)
    except ValueError:
        return None
    return None


@lru_cache(maxsize=1)
def _role_index() -> dict[str, ParticipantRole]:
    return {fold(word): role for role, words in ROLE_WORDS.items() for word in words}


def parse_role(text: str) -> ParticipantRole | None:
    return _role_index().get(fold(text))


# A plain ASCII local part (dot-atom, RFC 5322), which email_validator keeps as it is.
_PLAIN_LOCAL_PART = re.compile(r"^[A-Za-z0-9!#$%&'*+/=?^_`{|}~-]+(?:\.[A-Za-z0-9!#$%&'*+/=?^_`{|}~-]+)*$")


@lru_cache(maxsize=1024)
def _normalised_domain(domain: str) -> str:
    return validate_email(f"x@{domain}", check_deliverability=False).domain


def normalised_email(text: str) -> str:
    """``email_validator``'s normalised address; a file's addresses share a few domains, so
    each domain is checked once (ten thousand rows took 0.6 s in email validation alone)."""
    local, at, domain = text.rpartition("@")
    if at and len(local) <= 64 and _PLAIN_LOCAL_PART.match(local) and len(text) <= 254:
        return f"{local}@{_normalised_domain(domain)}"
    return validate_email(text, check_deliverability=False).normalized


# --- duplicates -------------------------------------------------------------------------------


def person_keys(full_name: str | None, date_of_birth: str | None, document_number: str | None) -> list[str]:
    """Keys under which two records are the same person: the folded name with the
    date of birth, and the document number."""
    keys = []
    if full_name:
        keys.append(f"name:{fold(full_name)}|{date_of_birth or ''}")
    if document_number:
        keys.append(f"doc:{document_number.replace(' ', '').upper()}")
    return keys


def mark_duplicates(rows: list[dict], existing: dict[str, str]) -> None:
    """Flag rows repeating an earlier row of the file or a participant already in the
    visit (``existing``: person key → name)."""
    seen: dict[str, int] = {}
    for row in rows:
        row["errors"] = [e for e in row["errors"] if not e["code"].startswith("duplicate_")]
        if row.get("skip"):
            continue
        values = row["values"]
        keys = person_keys(values.get("full_name"), values.get("date_of_birth"), values.get("document_number"))
        in_visit = next((existing[key] for key in keys if key in existing), None)
        earlier = next((seen[key] for key in keys if key in seen), None)
        if in_visit is not None:
            row["errors"].append({"field": "full_name", "code": "duplicate_in_visit", "params": {"name": in_visit}})
        elif earlier is not None:
            row["errors"].append({"field": "full_name", "code": "duplicate_in_file", "params": {"line": earlier}})
        for key in keys:
            seen.setdefault(key, row["line"])


# --- the template -----------------------------------------------------------------------------


def template_csv() -> bytes:
    """Header row, UTF-8 with BOM and ``;`` so that Excel in the region opens it in columns."""
    out = io.StringIO()
    csv.writer(out, delimiter=";", lineterminator="\r\n").writerow([column.label for column in COLUMNS])
    return codecs.BOM_UTF8 + out.getvalue().encode("utf-8")


def template_xlsx() -> bytes:
    from openpyxl import Workbook
    from openpyxl.styles import Font
    from openpyxl.worksheet.worksheet import Worksheet

    workbook = Workbook()
    sheet = workbook.active
    assert isinstance(sheet, Worksheet)  # a new workbook has one sheet, a worksheet
    sheet.title = "Participants"
    sheet.append([column.label for column in COLUMNS])
    for cell in sheet[1]:
        cell.font = Font(bold=True)
    widths = (32, 12, 14, 28, 14, 18, 28, 16, 28, 12, 18, 12, 12, 12, 12)
    for letter, width in zip("ABCDEFGHIJKLMNO", widths, strict=True):
        sheet.column_dimensions[letter].width = width
    sheet.freeze_panes = "A2"
    sheet.column_dimensions["E"].number_format = "yyyy-mm-dd"  # the whole column, not cell by cell
    help_sheet = workbook.create_sheet("Help")
    for line in (
        ("Column", "What to write"),
        ("Full name", "Required. In any script, as in the passport."),
        ("Role", "student, staff or lead (empty: student)."),
        ("Nationality", "ISO code (UZ, MN, KG, TN …) or the country's name in English, Russian or Uzbek."),
        ("Faculty or programme", "Free text."),
        ("Date of birth", "YYYY-MM-DD or DD.MM.YYYY."),
        ("Document number", "Passport or ID number."),
        ("Email", "One address."),
        ("Diet", "e.g. vegetarian, halal, no nuts."),
        ("Access needs", "Anything the hosts should prepare."),
        ("Language", "en, ru or uz: the language of the messages they receive."),
        ("Medical clearance", "yes or no (да/нет, ha/yoʻq): has the person a medical clearance?"),
        ("PPE issued", "yes or no; read only when the hosts' staff import the file."),
        ("Helmet size", "Head size in cm from 52 to 66, or S, M, L, XL."),
        ("Boot size", "EU size from 34 to 50, e.g. 42 or 42.5."),
        ("Vest size", "XS, S, M, L, XL, XXL or XXXL."),
    ):
        help_sheet.append(line)
    out = io.BytesIO()
    workbook.save(out)
    return out.getvalue()

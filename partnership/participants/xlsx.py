"""The sheets of an .xlsx workbook as rows of cell values, read within limits.

An .xlsx file is a zip of XML parts, and a small file can hold a great deal: a part
that inflates to gigabytes, one row of millions of cells, a row numbered a million,
millions of shared strings, or XML entities that expand without end. Everything here is
read as a stream and counted as it comes, and the file is refused as soon as a limit is
passed:

- the zip's central directory (parts, their number) is checked before ``zipfile`` reads it;
- the declared sizes of all parts, and the bytes each part actually inflates to, counted
  through the stream (the header alone is not trusted);
- every XML element read, and every row, column, filled cell and cell's characters;
- the XML itself: a DTD, entity declaration or external reference is refused outright
  (``defusedxml``'s policy; the small parts are parsed by ``defusedxml`` itself, the large
  ones by expat with the same handlers, three times faster than the pure-Python parser
  ``defusedxml`` builds on).

The values are those ``openpyxl`` gives in read-only mode (strings, numbers, booleans,
dates for date-formatted cells); openpyxl itself took 5 s and padded every row to the
sheet's declared dimension on a 10,000-row file, which is why it is not used to read."""

import posixpath
import struct
import zipfile
from collections.abc import Callable
from io import BytesIO

# The exception class only: parts are parsed by _feed, with defusedxml's policy.
from xml.etree.ElementTree import ParseError  # nosec B405
from xml.parsers import expat

from defusedxml import DTDForbidden, EntitiesForbidden, ExternalReferenceForbidden
from defusedxml.ElementTree import fromstring as defused_fromstring
from flask_babel import gettext as _
from openpyxl.styles.numbers import BUILTIN_FORMATS, is_date_format
from openpyxl.utils.datetime import CALENDAR_MAC_1904, CALENDAR_WINDOWS_1900, from_excel, from_ISO8601

from partnership.participants.limits import ImportFileError, ImportLimits

MAIN = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
PACKAGE_RELS = "http://schemas.openxmlformats.org/package/2006/relationships"
DOC_RELS = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
CHUNK = 64 * 1024
SMALL_PART_BYTES = 256 * 1024  # the package's and workbook's relationships and workbook.xml
CENTRAL_DIRECTORY_BYTES_PER_PART = 1024
MAX_TOKEN_BYTES = 1024 * 1024  # XML read without a new element starting (a cell's text is far shorter)
# Built-in number formats Excel writes for dates in some locales without naming them.
_LOCALE_DATE_FORMATS = set(range(27, 37)) | set(range(50, 59))


def unreadable() -> ImportFileError:
    return ImportFileError(_("This file is not a readable Excel workbook (.xlsx)."))


def too_complex(limit: int) -> ImportFileError:
    return ImportFileError(
        _(
            "This workbook is too large or complex to read (more than %(max)d parts or XML elements). "
            "Copy the participants into a new workbook, or save them as CSV, and upload that.",
            max=limit,
        )
    )


def too_large_unpacked(limit: int) -> ImportFileError:
    return ImportFileError(
        _(
            "This workbook holds more than %(size)d MB once unpacked. "
            "Copy the participants into a new workbook, or save them as CSV, and upload that.",
            size=limit // (1024 * 1024),
        )
    )


def declarations_refused() -> ImportFileError:
    return ImportFileError(
        _("This workbook contains XML declarations (a DTD or entities) that Excel never writes; it cannot be read.")
    )


def too_many_rows(limits: ImportLimits) -> ImportFileError:
    return ImportFileError(
        _("The file has more than %(max)d lines; split it into smaller files.", max=limits.max_table_rows)
    )


def too_many_columns(limits: ImportLimits) -> ImportFileError:
    return ImportFileError(
        _(
            "The file has more than %(max)d columns; keep only the participants' columns and upload it again.",
            max=limits.max_columns,
        )
    )


def too_many_cells(limits: ImportLimits) -> ImportFileError:
    return ImportFileError(
        _("The file has more than %(max)d filled cells; split it into smaller files.", max=limits.max_cells)
    )


def cell_too_long(limits: ImportLimits) -> ImportFileError:
    return ImportFileError(
        _("A cell of the file holds more than %(max)d characters; shorten it.", max=limits.max_cell_chars)
    )


class _Budget:
    """What the whole workbook may still spend: inflated bytes and XML elements."""

    def __init__(self, limits: ImportLimits):
        self.limits = limits
        self.bytes = 0
        self.elements = 0

    def spend_bytes(self, count: int) -> None:
        self.bytes += count
        if self.bytes > self.limits.xlsx_max_uncompressed_bytes:
            raise too_large_unpacked(self.limits.xlsx_max_uncompressed_bytes)

    def spend_element(self) -> None:
        self.elements += 1
        if self.elements > self.limits.xlsx_max_xml_elements:
            raise too_complex(self.limits.xlsx_max_xml_elements)


# --- the zip ------------------------------------------------------------------------------------


def _check_central_directory(data: bytes, limits: ImportLimits) -> None:
    """Refuse a zip whose directory alone is too big, before ``zipfile`` builds an object per part."""
    end = data.rfind(b"PK\x05\x06", max(0, len(data) - 22 - 0xFFFF))
    if end < 0 or len(data) < end + 22:
        raise unreadable()
    parts, directory_bytes = struct.unpack("<HI", data[end + 10 : end + 16])
    if parts > limits.xlsx_max_parts or directory_bytes > limits.xlsx_max_parts * CENTRAL_DIRECTORY_BYTES_PER_PART:
        raise too_complex(limits.xlsx_max_parts)


def _open(data: bytes, limits: ImportLimits) -> zipfile.ZipFile:
    _check_central_directory(data, limits)
    try:
        archive = zipfile.ZipFile(BytesIO(data))
    except (zipfile.BadZipFile, zipfile.LargeZipFile, ValueError, EOFError, OSError) as error:
        raise unreadable() from error
    parts = archive.infolist()
    if len(parts) > limits.xlsx_max_parts:
        raise too_complex(limits.xlsx_max_parts)
    if sum(part.file_size for part in parts) > limits.xlsx_max_uncompressed_bytes:
        raise too_large_unpacked(limits.xlsx_max_uncompressed_bytes)
    if any(part.flag_bits & 0x1 for part in parts):
        raise ImportFileError(
            _("This workbook is protected by a password. Remove the password in Excel and upload it again.")
        )
    return archive


def _chunks(archive: zipfile.ZipFile, name: str, budget: _Budget, limit: int | None = None):
    """The part's inflated bytes, counted as they come: never more than the budget allows,
    whatever the zip's headers say (``zipfile`` also checks the CRC at the end)."""
    try:
        info = archive.getinfo(name)
    except KeyError:
        raise unreadable() from None
    if limit is not None and info.file_size > limit:
        raise too_complex(budget.limits.xlsx_max_parts)
    read = 0
    with archive.open(info) as stream:
        while chunk := stream.read(CHUNK):
            read += len(chunk)
            if limit is not None and read > limit:
                raise too_complex(budget.limits.xlsx_max_parts)
            budget.spend_bytes(len(chunk))
            yield chunk


def _small_part(archive: zipfile.ZipFile, name: str, budget: _Budget):
    """A small XML part as an element tree, parsed by defusedxml with DTDs forbidden."""
    data = b"".join(_chunks(archive, name, budget, limit=SMALL_PART_BYTES))
    root = defused_fromstring(data, forbid_dtd=True)
    for _element in root.iter():
        budget.spend_element()
    return root


def _stream(
    archive: zipfile.ZipFile, name: str, budget: _Budget, start: Callable, end: Callable, text: Callable
) -> None:
    """Feed a part to expat, with defusedxml's policy: no DTD, no entities, nothing external."""
    parser = expat.ParserCreate(namespace_separator=" ")
    parser.buffer_text = True
    parser.buffer_size = CHUNK
    parser.SetParamEntityParsing(expat.XML_PARAM_ENTITY_PARSING_NEVER)

    def refuse_doctype(name, sysid, pubid, has_internal_subset):
        raise DTDForbidden(name, sysid, pubid)

    def refuse_entity(name, is_parameter_entity, value, base, sysid, pubid, notation_name):
        raise EntitiesForbidden(name, value, base, sysid, pubid, notation_name)

    def refuse_unparsed_entity(name, base, sysid, pubid, notation_name):
        raise EntitiesForbidden(name, None, base, sysid, pubid, notation_name)

    def refuse_external(context, base, sysid, pubid):
        raise ExternalReferenceForbidden(context, base, sysid, pubid)

    last_start = [0]
    limit = budget.limits.xlsx_max_xml_elements

    def counted_start(tag, attributes):
        budget.elements += 1
        if budget.elements > limit:
            raise too_complex(limit)
        last_start[0] = parser.CurrentByteIndex
        start(tag, attributes)

    parser.StartDoctypeDeclHandler = refuse_doctype
    parser.EntityDeclHandler = refuse_entity
    parser.UnparsedEntityDeclHandler = refuse_unparsed_entity
    parser.ExternalEntityRefHandler = refuse_external
    parser.StartElementHandler = counted_start
    parser.EndElementHandler = end
    parser.CharacterDataHandler = text
    fed = 0
    for chunk in _chunks(archive, name, budget):
        parser.Parse(chunk, False)
        fed += len(chunk)
        if fed - last_start[0] > MAX_TOKEN_BYTES:
            # A comment, tag or declaration this long is no spreadsheet's; expat before 2.6
            # would also parse it again with every chunk (quadratic time).
            raise too_complex(budget.limits.xlsx_max_xml_elements)
    parser.Parse(b"", True)


# --- the workbook: its sheets, its strings and date styles -------------------


def _relationships(archive: zipfile.ZipFile, part: str, budget: _Budget) -> list[tuple[str, str, str]]:
    """(id, type, target path) of a part's relationships; targets resolved inside the zip."""
    folder, name = posixpath.split(part)
    rels = posixpath.join(folder, "_rels", f"{name}.rels")
    if rels not in archive.NameToInfo:
        return []
    found = []
    for rel in _small_part(archive, rels, budget).iter(f"{{{PACKAGE_RELS}}}Relationship"):
        if rel.get("TargetMode") == "External":
            continue
        target = rel.get("Target") or ""
        path = target.lstrip("/") if target.startswith("/") else posixpath.normpath(posixpath.join(folder, target))
        found.append((rel.get("Id") or "", rel.get("Type") or "", path))
    return found


def _of_type(relationships, kind: str) -> str | None:
    return next((path for _id, rel_type, path in relationships if rel_type.endswith(f"/{kind}")), None)


def _sheets(archive: zipfile.ZipFile, budget: _Budget) -> tuple[list[tuple[str, str]], list, bool]:
    """The worksheets' (name, part) in the workbook's order, the workbook's relationships,
    and whether dates count from 1904."""
    workbook_part = _of_type(_relationships(archive, "", budget), "officeDocument") or "xl/workbook.xml"
    if workbook_part not in archive.NameToInfo:
        raise unreadable()
    relationships = _relationships(archive, workbook_part, budget)
    targets = {rel_id: (rel_type, path) for rel_id, rel_type, path in relationships}
    workbook = _small_part(archive, workbook_part, budget)
    properties = workbook.find(f"{{{MAIN}}}workbookPr")
    date1904 = properties is not None and properties.get("date1904") in ("1", "true")
    sheets: list[tuple[str, str]] = []
    for sheet in workbook.iter(f"{{{MAIN}}}sheet"):
        rel_type, path = targets.get(sheet.get(f"{{{DOC_RELS}}}id") or "", ("", ""))
        if rel_type.endswith("/worksheet") and path in archive.NameToInfo:
            sheets.append((sheet.get("name") or f"Sheet{len(sheets) + 1}", path))
    if not sheets:
        raise unreadable()
    return sheets, relationships, date1904


class _StringsReader:
    """expat handlers that collect the shared strings table (``<si>`` items, rich text runs
    joined, phonetic guides left out)."""

    def __init__(self, limits: ImportLimits):
        self.limits = limits
        self.strings: list[str] = []
        self.pieces: list[str] = []
        self.length = 0
        self.in_text = False
        self.phonetic = 0
        self.si, self.t, self.rph = f"{MAIN} si", f"{MAIN} t", f"{MAIN} rPh"

    def start(self, tag, attributes):
        if tag == self.si:
            self.pieces = []
            self.length = 0
        elif tag == self.rph:
            self.phonetic += 1
        elif tag == self.t and not self.phonetic:
            self.in_text = True

    def end(self, tag):
        if tag == self.si:
            self.strings.append("".join(self.pieces))
            if len(self.strings) > self.limits.max_cells:
                raise too_many_cells(self.limits)
        elif tag == self.rph:
            self.phonetic -= 1
        elif tag == self.t:
            self.in_text = False

    def text(self, data):
        if self.in_text:
            self.length += len(data)
            if self.length > self.limits.max_cell_chars:
                raise cell_too_long(self.limits)
            self.pieces.append(data)


def _shared_strings(archive: zipfile.ZipFile, part: str | None, budget: _Budget) -> list[str]:
    if part is None or part not in archive.NameToInfo:
        return []
    reader = _StringsReader(budget.limits)
    _stream(archive, part, budget, reader.start, reader.end, reader.text)
    return reader.strings


def _int(value: str | None, default: int | None = None) -> int | None:
    try:
        return int(value or "")
    except ValueError:
        return default


def _is_date_format(format_id: int, custom: dict[int, str]) -> bool:
    if format_id in custom:
        return is_date_format(custom[format_id])
    if format_id in _LOCALE_DATE_FORMATS:
        return True
    return format_id in BUILTIN_FORMATS and is_date_format(BUILTIN_FORMATS[format_id])


def _date_styles(archive: zipfile.ZipFile, part: str | None, budget: _Budget) -> set[int]:
    """Indexes of the cell formats (``s="…"`` of a cell) that show a number as a date."""
    if part is None or part not in archive.NameToInfo:
        return set()
    custom: dict[int, str] = {}
    formats: list[int] = []
    inside = {"cellXfs": False}
    num_fmt, cell_xfs, xf = f"{MAIN} numFmt", f"{MAIN} cellXfs", f"{MAIN} xf"

    def start(tag, attributes):
        if tag == num_fmt and (format_id := _int(attributes.get("numFmtId"))) is not None:
            custom[format_id] = attributes.get("formatCode", "")
        elif tag == cell_xfs:
            inside["cellXfs"] = True
        elif tag == xf and inside["cellXfs"]:
            formats.append(_int(attributes.get("numFmtId"), 0) or 0)

    def end(tag):
        if tag == cell_xfs:
            inside["cellXfs"] = False

    _stream(archive, part, budget, start, end, lambda data: None)
    return {index for index, format_id in enumerate(formats) if _is_date_format(format_id, custom)}


# --- the sheet ----------------------------------------------------------------------------------


def _column_number(letters: str) -> int:
    number = 0
    for letter in letters:
        number = number * 26 + ord(letter) - 64
    return number


_ROW, _C, _V, _T, _IS, _RPH = (f"{MAIN} {name}" for name in ("row", "c", "v", "t", "is", "rPh"))
_DIGITS = "0123456789"


class _SheetReader:
    """expat handlers that collect the filled cells of ``<sheetData>`` into rows (written for
    speed: they run for every element of a sheet of ten thousand rows)."""

    def __init__(self, limits: ImportLimits, strings: list[str], date_styles: set[int], epoch):
        self.limits = limits
        self.strings = strings
        self.date_styles = date_styles
        self.epoch = epoch
        self.rows: dict[int, dict[int, object]] = {}
        self.cells = 0
        self.row = 0
        self.column = 0
        self.in_cell = False
        self.kind = "n"
        self.style: str | None = None
        self.inline = False
        self.filled = False
        self.pieces: list[str] = []
        self.length = 0
        self.collecting = False
        self.phonetic = 0
        self.columns: dict[str, int] = {}

    def start(self, tag, attributes):
        if tag == _C:
            self._start_cell(attributes)
        elif tag == _V:
            self.collecting = self.in_cell
        elif tag == _ROW:
            self.row = self._number(attributes.get("r"), self.row + 1)
            self.column = 0
        elif self.in_cell:
            if tag == _T:
                self.collecting = self.inline and not self.phonetic
            elif tag == _IS:
                self.inline = True
            elif tag == _RPH:
                self.phonetic += 1

    def _start_cell(self, attributes):
        reference = attributes.get("r")
        if reference:
            letters = reference.rstrip(_DIGITS)
            column = self.columns.get(letters)
            if column is None:
                if not (0 < len(letters) <= 3 and letters.isascii() and letters.isalpha() and letters.isupper()):
                    raise unreadable()
                column = self.columns[letters] = _column_number(letters)
            self.column = column
            self.row = self._number(reference[len(letters) :], 0)
        else:
            self.column += 1
        self.in_cell = True
        self.kind = attributes.get("t", "n")
        self.style = attributes.get("s")
        self.inline = self.filled = False
        self.pieces = []
        self.length = 0

    def end(self, tag):
        if tag == _V or tag == _T:
            if self.collecting:
                self.filled = True
                self.collecting = False
        elif tag == _C:
            if self.filled:
                self._keep(self._value())
            self.in_cell = False
        elif tag == _RPH:
            self.phonetic -= 1

    def text(self, data):
        if self.collecting:
            self.length += len(data)
            if self.length > self.limits.max_cell_chars:
                raise cell_too_long(self.limits)
            self.pieces.append(data)

    def _number(self, value, default: int) -> int:
        if value is None:
            return default
        if not (0 < len(value) <= 7 and value.isascii() and value.isdigit()):
            raise unreadable()
        return int(value)

    def _keep(self, value) -> None:
        limits = self.limits
        if value is None or value == "":
            return
        if self.row > limits.max_table_rows:
            raise too_many_rows(limits)
        if self.column > limits.max_columns:
            raise too_many_columns(limits)
        self.cells += 1
        if self.cells > limits.max_cells:
            raise too_many_cells(limits)
        self.rows.setdefault(self.row, {})[self.column] = value

    def _value(self):
        text = "".join(self.pieces)
        kind = self.kind
        if kind == "s":
            try:
                return self.strings[int(text)]
            except (ValueError, IndexError):
                raise unreadable() from None
        if kind in ("inlineStr", "str", "e"):
            return text
        if kind == "b":
            return text.strip() in ("1", "true")
        if kind == "d":
            try:
                return from_ISO8601(text.strip())
            except ValueError:
                return text
        return self._numeric(text.strip())

    def _numeric(self, text: str):
        try:
            value = float(text) if any(c in text for c in ".eE") else int(text)
        except ValueError:
            return text
        if value != value or value in (float("inf"), float("-inf")):
            return text
        style = self.style
        if style is not None and style.isdigit() and int(style) in self.date_styles:
            try:
                return from_excel(value, self.epoch)
            except (ValueError, OverflowError):
                return value
        return value

    def table(self) -> list[list]:
        if not self.rows:
            return []
        table: list[list] = []
        for number in range(1, max(self.rows) + 1):
            cells = self.rows.get(number)
            if not cells:
                table.append([])
                continue
            row: list = [None] * max(cells)
            for column, value in cells.items():
                row[column - 1] = value
            table.append(row)
        return table


def read_sheets(data: bytes, limits: ImportLimits) -> list[tuple[str, list[list]]]:
    """Each worksheet's name and rows, in the workbook's order, from row 1, each a list of cell
    values from column A (``None`` where empty). The limits hold for the whole workbook. Raises
    ``ImportFileError`` when a limit is passed or the workbook cannot be read."""
    budget = _Budget(limits)
    archive = _open(data, limits)
    try:
        sheets, relationships, date1904 = _sheets(archive, budget)
        strings = _shared_strings(archive, _of_type(relationships, "sharedStrings"), budget)
        date_styles = _date_styles(archive, _of_type(relationships, "styles"), budget)
        epoch = CALENDAR_MAC_1904 if date1904 else CALENDAR_WINDOWS_1900
        tables = []
        cells = 0
        for name, part in sheets:
            reader = _SheetReader(limits, strings, date_styles, epoch)
            reader.cells = cells  # the filled cells of all sheets count towards one limit
            _stream(archive, part, budget, reader.start, reader.end, reader.text)
            cells = reader.cells
            tables.append((name, reader.table()))
        return tables
    except (DTDForbidden, EntitiesForbidden, ExternalReferenceForbidden) as error:
        raise declarations_refused() from error
    except (expat.ExpatError, ParseError, zipfile.BadZipFile, NotImplementedError, EOFError, OSError) as error:
        raise unreadable() from error
    finally:
        archive.close()

"""Reading exports back as a spreadsheet program would."""

import codecs
import csv
import io
import zipfile

from openpyxl import load_workbook


def read_csv(data: bytes) -> list[list[str]]:
    assert data.startswith(codecs.BOM_UTF8), "CSV must start with a UTF-8 byte-order mark"
    return list(csv.reader(io.StringIO(data.decode("utf-8-sig"), newline="")))


def read_xlsx(data: bytes) -> list[list]:
    sheet = load_workbook(io.BytesIO(data)).worksheets[0]
    return [["" if v is None else v for v in row] for row in sheet.iter_rows(values_only=True)]


def xlsx_cells(data: bytes):
    return load_workbook(io.BytesIO(data)).worksheets[0]


def xlsx_xml(data: bytes) -> str:
    """Every XML part of the workbook, decompressed: what a byte search of the file would find."""
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        return "".join(archive.read(name).decode("utf-8") for name in archive.namelist() if name.endswith(".xml"))


def read(data: bytes, fmt: str) -> list[list]:
    return read_csv(data) if fmt == "csv" else read_xlsx(data)


def file_text(data: bytes, fmt: str) -> str:
    return data.decode("utf-8-sig") if fmt == "csv" else xlsx_xml(data)


def as_dicts(rows: list[list]) -> list[dict]:
    header, *body = rows
    return [dict(zip(header, row, strict=False)) for row in body]

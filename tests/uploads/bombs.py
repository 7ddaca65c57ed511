"""Hostile uploads, generated small: workbooks, CSV files, PDFs and images that are cheap to
send and would be dear to read."""

import io
import struct
import zlib
from collections.abc import Iterable

from PIL import Image

MAIN = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
CONTENT_TYPES = (
    b'<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
    b'<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
    b'<Default Extension="xml" ContentType="application/xml"/></Types>'
)
ROOT_RELS = (
    b'<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
    b'<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" '  # noqa: E501
    b'Target="xl/workbook.xml"/></Relationships>'
)
WORKBOOK = (
    f'<?xml version="1.0" encoding="UTF-8"?><workbook xmlns="{MAIN}" '
    'xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships">'
    '<sheets><sheet name="Participants" sheetId="1" r:id="rId1"/></sheets></workbook>'
).encode()
WORKBOOK_RELS = (
    b'<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
    b'<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" '
    b'Target="worksheets/sheet1.xml"/>'
    b'<Relationship Id="rId2" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/sharedStrings" '
    b'Target="sharedStrings.xml"/></Relationships>'
)
HEADER_ROW = b'<row r="1"><c r="A1" t="inlineStr"><is><t>Full name</t></is></c></row>'


def _deflate(chunks: Iterable[bytes]) -> tuple[bytes, int, int]:
    """Raw deflate of the chunks (generated as they go): (compressed, crc32, size)."""
    compressor = zlib.compressobj(9, zlib.DEFLATED, -15)
    out, crc, size = [], 0, 0
    for chunk in chunks:
        crc = zlib.crc32(chunk, crc)
        size += len(chunk)
        out.append(compressor.compress(chunk))
    out.append(compressor.flush())
    return b"".join(out), crc, size


def zip_archive(parts: dict[str, bytes | Iterable[bytes]], declared: dict[str, int] | None = None) -> bytes:
    """A zip built by hand, so that a part's declared size can differ from what it inflates to."""
    declared = declared or {}
    body, directory = io.BytesIO(), io.BytesIO()
    for name, content in parts.items():
        if isinstance(content, Deflated):
            data, crc, size = content
        else:
            data, crc, size = _deflate([content] if isinstance(content, bytes) else content)
        size = declared.get(name, size)
        encoded = name.encode()
        offset = body.tell()
        body.write(struct.pack("<IHHHHHIIIHH", 0x04034B50, 20, 0, 8, 0, 0, crc, len(data), size, len(encoded), 0))
        body.write(encoded + data)
        directory.write(
            struct.pack(
                "<IHHHHHHIIIHHHHHII",
                0x02014B50,
                20,
                20,
                0,
                8,
                0,
                0,
                crc,
                len(data),
                size,
                len(encoded),
                0,
                0,
                0,
                0,
                0,
                offset,
            )
        )
        directory.write(encoded)
    count = len(parts)
    end = struct.pack("<IHHHHIIH", 0x06054B50, 0, 0, count, count, directory.tell(), body.tell(), 0)
    return body.getvalue() + directory.getvalue() + end


def workbook(sheet: bytes | Iterable[bytes], strings: bytes | Iterable[bytes] = b"", declared=None) -> bytes:
    """An .xlsx with the given sheet XML (and shared strings), everything else minimal."""
    shared = strings or f'<sst xmlns="{MAIN}"></sst>'.encode()
    return zip_archive(
        {
            "[Content_Types].xml": CONTENT_TYPES,
            "_rels/.rels": ROOT_RELS,
            "xl/workbook.xml": WORKBOOK,
            "xl/_rels/workbook.xml.rels": WORKBOOK_RELS,
            "xl/sharedStrings.xml": shared,
            "xl/worksheets/sheet1.xml": sheet,
        },
        declared,
    )


def sheet_xml(rows: Iterable[bytes], prolog: bytes = b"") -> Iterable[bytes]:
    yield b'<?xml version="1.0" encoding="UTF-8"?>' + prolog + f'<worksheet xmlns="{MAIN}"><sheetData>'.encode()
    yield HEADER_ROW
    yield from rows
    yield b"</sheetData></worksheet>"


def huge_row(cells: int) -> bytes:
    """One row of ``cells`` cells (the 86 KB file that held a worker for 39 s)."""

    def rows():
        yield b'<row r="2">'
        for _ in range(cells // 100_000):
            yield b"<c><v>1</v></c>" * 100_000
        yield b"</row>"

    return workbook(sheet_xml(rows()))


def many_cells(rows: int, columns: int) -> bytes:
    row = b"<row>" + b"<c><v>7</v></c>" * columns + b"</row>"
    return workbook(sheet_xml(row * 1000 for _ in range(rows // 1000)))


def far_row() -> bytes:
    """A single cell in Excel's last row: openpyxl filled the million rows before it."""
    return workbook(sheet_xml([b'<row r="1048576"><c r="A1048576" t="inlineStr"><is><t>x</t></is></c></row>']))


def far_column() -> bytes:
    return workbook(sheet_xml([b'<row r="2"><c r="XFD2" t="inlineStr"><is><t>x</t></is></c></row>']))


class Deflated(tuple):
    """A part compressed beforehand: (raw deflate data, crc32, uncompressed size)."""


def inflating_part(megabytes: int, declared: int | None = None) -> bytes:
    """A sheet that is one XML comment inflating to ``megabytes``, declared honestly or not.
    Deflate blocks after a full flush repeat, so a gigabyte costs a megabyte to generate;
    the CRC is left wrong (the reader must refuse before, or at, checking it)."""
    compressor = zlib.compressobj(9, zlib.DEFLATED, -15)
    start = compressor.compress(f'<?xml version="1.0"?><worksheet xmlns="{MAIN}"><!-- '.encode())
    start += compressor.flush(zlib.Z_FULL_FLUSH)
    block = compressor.compress(b"0" * (1024 * 1024)) + compressor.flush(zlib.Z_FULL_FLUSH)
    end = compressor.compress(b" --><sheetData/></worksheet>") + compressor.flush()
    size = 60 + megabytes * 1024 * 1024
    sheet = Deflated((start + block * megabytes + end, 0, declared if declared is not None else size))
    return workbook(sheet)


BILLION_LAUGHS = (
    b'<!DOCTYPE sst [<!ENTITY lol "lol">'
    + b"".join(
        b'<!ENTITY lol%d "%s">' % (n, b"".join(b"&lol%s;" % (str(n - 1).encode() if n > 1 else b"") for _ in range(10)))
        for n in range(1, 10)
    )
    + b"]>"
)


def billion_laughs() -> bytes:
    strings = (
        b'<?xml version="1.0" encoding="UTF-8"?>'
        + BILLION_LAUGHS
        + f'<sst xmlns="{MAIN}"><si><t>&lol9;</t></si></sst>'.encode()
    )
    row = b'<row r="2"><c r="A2" t="s"><v>0</v></c></row>'
    return workbook(sheet_xml([row]), strings)


def external_entity() -> bytes:
    prolog = b'<!DOCTYPE worksheet [<!ENTITY secret SYSTEM "file:///etc/passwd">]>'
    row = b'<row r="2"><c r="A2" t="inlineStr"><is><t>&secret;</t></is></c></row>'
    return workbook(sheet_xml([row], prolog=prolog))


def many_shared_strings(count: int) -> bytes:
    def strings():
        yield f'<?xml version="1.0" encoding="UTF-8"?><sst xmlns="{MAIN}">'.encode()
        for start in range(0, count, 10_000):
            yield b"".join(b"<si><t>%d</t></si>" % n for n in range(start, start + 10_000))
        yield b"</sst>"

    row = b'<row r="2"><c r="A2" t="s"><v>0</v></c></row>'
    return workbook(sheet_xml([row]), strings())


def many_parts(count: int) -> bytes:
    parts = {f"xl/media/{n}.xml": b"" for n in range(count)}
    return zip_archive(parts)


def huge_csv_cell(size: int) -> bytes:
    return b"Full name\r\n" + b"x" * (size - 20) + b"\r\n"


def huge_csv_row(size: int) -> bytes:
    return b"Full name\r\nA" + b"," * (size - 20) + b"B\r\n"


def not_a_pdf(size: int) -> bytes:
    """A PDF header over something else: an HTML page, padded to ``size``."""
    html = b"%PDF-1.7\n<html><script>alert(document.cookie)</script></html>\n"
    return html + b" " * (size - len(html))


def _png_chunk(kind: bytes, data: bytes) -> bytes:
    return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))


def png(width: int, height: int, colour_type: int = 0, text_chunks: int = 0) -> bytes:
    """A PNG of one colour of any size, generated row by row: a few KB for gigapixels."""
    channels = {0: 1, 2: 3, 6: 4}[colour_type]
    row = b"\x00" + b"\x00" * (width * channels)
    compressor = zlib.compressobj(9)
    idat = b"".join(compressor.compress(row) for _ in range(height)) + compressor.flush()
    text = b"".join(
        _png_chunk(b"zTXt", b"note%d\x00\x00" % n + zlib.compress(b" " * (1024 * 1024), 9)) for n in range(text_chunks)
    )
    header = struct.pack(">IIBBBBB", width, height, 8, colour_type, 0, 0, 0)
    return (
        b"\x89PNG\r\n\x1a\n" + _png_chunk(b"IHDR", header) + text + _png_chunk(b"IDAT", idat) + _png_chunk(b"IEND", b"")
    )


def jpeg(width: int, height: int, progressive: bool = False) -> bytes:
    buffer = io.BytesIO()
    Image.new("RGB", (width, height), (176, 104, 47)).save(buffer, "JPEG", quality=85, progressive=progressive)
    return buffer.getvalue()


def jpeg_scans(count: int) -> bytes:
    """A JPEG header followed by many start-of-scan markers (a progressive-scan bomb's shape)."""
    base = jpeg(64, 48)
    return base[:-2] + b"\xff\xda\x00\x08\x01\x01\x00\x00\x3f\x00" * count + b"\xff\xd9"

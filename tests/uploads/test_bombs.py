"""Hostile files through the real upload pages: every one up to the size limit is refused
with a message beside the file field, or accepted, within 2 s of CPU and 100 MB of extra
memory, and nothing of a refused file is saved. Run with ``-s`` to see the figures."""

import io
import re
from datetime import date

import pytest
from openpyxl import Workbook
from sqlalchemy import func, select

from partnership.agreements.models import Attachment
from partnership.extensions import db
from partnership.reports.models import VisitPhoto
from partnership.visits.models import Participant, PendingImport
from tests.reports.factories import VisitFactory
from tests.uploads import bombs
from tests.uploads.measure import cost

CPU_SECONDS = 2.0
EXTRA_MB = 100
MB = 1024 * 1024
FIGURES: list[tuple[str, int, str, float, float, float]] = []


def ten_thousand_people_xlsx() -> bytes:
    workbook = Workbook(write_only=True)
    sheet = workbook.create_sheet()
    sheet.append(
        ["Full name", "Role", "Nationality", "Faculty or programme", "Date of birth", "Document number", "Email"]
    )
    for n in range(10_000):
        sheet.append(
            [f"Person {n:05d}", "student", "UZ", "Mining", date(2000, 1, 1 + n % 28), f"AB{n:07d}", f"p{n}@example.org"]
        )
    out = io.BytesIO()
    workbook.save(out)
    return out.getvalue()


def ten_thousand_people_csv() -> bytes:
    lines = ["Full name;Role;Nationality;Date of birth;Document number;Email"]
    lines += [f"Person {n:05d};student;UZ;2000-01-{1 + n % 28:02d};AB{n:07d};p{n}@example.org" for n in range(10_000)]
    return "\r\n".join(lines).encode()


# (name, file name, content builder, expected status, text expected beside the field)
PARTICIPANT_FILES = [
    ("xlsx: one row of 2.5 million cells", "row.xlsx", lambda: bombs.huge_row(2_500_000), 200, "more than 50 columns"),
    (
        "xlsx: 154,000 filled cells",
        "cells.xlsx",
        lambda: bombs.many_cells(11_000, 14),
        200,
        "more than 150000 filled cells",
    ),
    ("xlsx: a cell in row 1,048,576", "far.xlsx", bombs.far_row, 200, "more than 11001 lines"),
    ("xlsx: a cell in column XFD", "wide.xlsx", bombs.far_column, 200, "more than 50 columns"),
    (
        "xlsx: part inflating to 1 GB, declared",
        "gb.xlsx",
        lambda: bombs.inflating_part(1024),
        200,
        "more than 40 MB once unpacked",
    ),
    (
        "xlsx: part inflating to 1 GB, declared 10 KB",
        "liar.xlsx",
        lambda: bombs.inflating_part(1024, declared=10_000),
        200,
        "not a readable Excel workbook",
    ),
    (
        "xlsx: part inflating to 39 MB of one comment",
        "comment.xlsx",
        lambda: bombs.inflating_part(39),
        200,
        "too large or complex",
    ),
    ("xlsx: billion laughs in the shared strings", "lol.xlsx", bombs.billion_laughs, 200, "XML declarations"),
    ("xlsx: external entity in the sheet", "xxe.xlsx", bombs.external_entity, 200, "XML declarations"),
    (
        "xlsx: 300,000 shared strings",
        "strings.xlsx",
        lambda: bombs.many_shared_strings(300_000),
        200,
        "more than 150000 filled cells",
    ),
    ("xlsx: 40,000 parts", "parts.xlsx", lambda: bombs.many_parts(40_000), 200, "too large or complex"),
    ("csv: one cell of 5 MB", "cell.csv", lambda: bombs.huge_csv_cell(5 * MB), 200, "more than 10000 characters"),
    ("csv: one line of 5 million commas", "line.csv", lambda: bombs.huge_csv_row(5 * MB), 200, "more than 50 columns"),
    ("csv: over the byte limit", "big.csv", lambda: bombs.huge_csv_cell(5 * MB + 1000), 200, "the limit is 5 MB"),
    ("xlsx: 10,000 participants (accepted)", "people.xlsx", ten_thousand_people_xlsx, 303, None),
    ("csv: 10,000 participants (accepted)", "people.csv", ten_thousand_people_csv, 303, None),
]

PHOTOS = [
    (
        "png: 20,000 × 20,000 pixels",
        "huge.png",
        lambda: bombs.png(20_000, 20_000),
        200,
        "too many pixels (at most 40 million)",
    ),
    (
        "png: 6,000 × 6,000 RGBA (decoded whole)",
        "big.png",
        lambda: bombs.png(6_000, 6_000, 6),
        200,
        "too many pixels (at most 16 million)",
    ),
    (
        "png: 100 zTXt chunks of 1 MB",
        "text.png",
        lambda: bombs.png(100, 100, 0, text_chunks=100),
        200,
        "not a readable image",
    ),
    ("jpeg: 5,000 scans", "scans.jpg", lambda: bombs.jpeg_scans(5_000), 200, "too many progressive scans"),
    (
        "jpeg: progressive 5,000 × 4,000",
        "prog.jpg",
        lambda: bombs.jpeg(5_000, 4_000, progressive=True),
        200,
        "too many pixels (at most 16 million)",
    ),
    ("png: 4,000 × 4,000 RGBA (accepted)", "ok.png", lambda: bombs.png(4_000, 4_000, 6), 302, None),
    ("jpeg: baseline 7,000 × 5,000 (accepted)", "ok.jpg", lambda: bombs.jpeg(7_000, 5_000), 302, None),
]

SCANS = [
    ("pdf: PDF header over HTML, 10 MB", "fake.pdf", lambda: bombs.not_a_pdf(10 * MB), 200, "incomplete or damaged"),
    ("pdf: over the size limit", "big.pdf", lambda: bombs.not_a_pdf(10 * MB + 1), 200, "too large"),
]


def _beside(page: str, field_id: str) -> str:
    start = page.index(f'id="{field_id}"')
    return " ".join(re.sub(r"<[^>]+>", " ", page[start : start + 3000]).split())


def _count(model, **where) -> int:
    query = select(func.count()).select_from(model)
    for name, value in where.items():
        query = query.where(getattr(model, name) == value)
    return db.session.scalar(query)


def _send(client, url: str, field: str, content: bytes, filename: str, extra=None):
    data = {field: (io.BytesIO(content), filename), **(extra or {})}
    with cost() as spent:
        response = client.post(url, data=data, content_type="multipart/form-data")
    return response, spent


def _check(name, filename, content, response, spent, status, message, field_id):
    page = response.get_data(as_text=True)
    FIGURES.append(
        (name, len(content), str(response.status_code), spent.cpu_seconds, spent.wall_seconds, spent.peak_mb)
    )
    assert response.status_code == status, (name, response.status_code, page[:300])
    if message:
        assert message in _beside(page, field_id), (name, _beside(page, field_id)[:400])
    assert spent.cpu_seconds < CPU_SECONDS, (name, spent)
    assert spent.peak_mb < EXTRA_MB, (name, spent)


@pytest.mark.parametrize(
    "name, filename, build, status, message", PARTICIPANT_FILES, ids=[p[1] for p in PARTICIPANT_FILES]
)
def test_participant_files(world, login, name, filename, build, status, message):
    content = build()
    client = login(world.users["liaison_a"])
    client.get("/")  # the CSRF token is fetched before, not during, the measurement
    url = f"/visits/{world.visit_a.id}/participants/import"
    before = _count(Participant, visit_id=world.visit_a.id)
    response, spent = _send(client, url, "file", content, filename, {"csrf_token": client.csrf_token()})
    _check(name, filename, content, response, spent, status, message, "file")
    assert _count(Participant, visit_id=world.visit_a.id) == before  # a preview saves no one
    pending = db.session.scalar(
        select(PendingImport).where(PendingImport.filename == filename, PendingImport.visit_id == world.visit_a.id)
    )
    assert (pending is not None) == (status == 303)
    if pending is not None:
        assert len(pending.rows) == 10_000


@pytest.mark.parametrize("name, filename, build, status, message", PHOTOS, ids=[p[1] for p in PHOTOS])
def test_photos(world, login, name, filename, build, status, message):
    content = build()
    visit = VisitFactory()
    client = login(world.users["coordinator"])
    token = client.csrf_token()
    response, spent = _send(client, f"/visits/{visit.id}/photos", "photo", content, filename, {"csrf_token": token})
    _check(name, filename, content, response, spent, status, message, "photo")
    assert _count(VisitPhoto, visit_id=visit.id) == (1 if status == 302 else 0)


@pytest.mark.parametrize("name, filename, build, status, message", SCANS, ids=[p[1] for p in SCANS])
def test_agreement_scans(world, login, name, filename, build, status, message):
    content = build()
    client = login(world.users["coordinator"])
    token = client.csrf_token()
    url = f"/agreements/{world.agreement_a.id}/attachments"
    before = _count(Attachment, agreement_id=world.agreement_a.id)
    response, spent = _send(client, url, "attachment-file", content, filename, {"csrf_token": token})
    _check(name, filename, content, response, spent, status, message, "attachment-file")
    assert _count(Attachment, agreement_id=world.agreement_a.id) == before


def test_zz_print_the_figures():
    """The figures of the tests above, for the report (``pytest -s``)."""
    print(f"\n{'upload':52} {'bytes':>10} {'status':>6} {'cpu s':>6} {'wall s':>6} {'peak MB':>8}")
    for name, size, status, cpu, wall, peak in FIGURES:
        print(f"{name:52} {size:>10} {status:>6} {cpu:6.2f} {wall:6.2f} {peak:8.1f}")

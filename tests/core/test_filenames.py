"""Uploaded file names keep no bidirectional or other control characters: not when stored,
not when shown, not when sent back in Content-Disposition."""

import io
import unicodedata

import pytest
from sqlalchemy import select

from partnership.agreements.models import Attachment
from partnership.extensions import db
from partnership.reports.models import VisitPhoto
from partnership.text import clean_filename
from partnership.visits.models import PendingImport
from tests.agreements.factories import PDF
from tests.reports.factories import image_bytes

BIDI = [chr(c) for c in [*range(0x202A, 0x202F), *range(0x2066, 0x206A), 0x200E, 0x200F]]
OTHER_CONTROLS = ["\x00", "\x01", "\t", "\n", "\r", "\x1b", "\x7f", "\x85", "\u200b", "\u2028", "\u2029", "\ufeff"]
# "report" + RIGHT-TO-LEFT OVERRIDE + "fdp.exe" is displayed as "reportexe.pdf".
TRICK = "report\u202efdp.exe"


def unsafe(name: str) -> list[str]:
    return [f"U+{ord(c):04X}" for c in name if unicodedata.category(c) in ("Cc", "Cf", "Zl", "Zp", "Cs")]


@pytest.mark.parametrize("char", BIDI + OTHER_CONTROLS, ids=lambda c: f"U+{ord(c):04X}")
def test_every_bidirectional_and_control_character_goes(char):
    assert clean_filename(f"Mem{char}orandum{char}.pdf") == "Memorandum.pdf"


@pytest.mark.parametrize(
    ("given", "kept"),
    [
        (TRICK, "reportfdp.exe"),
        ("Меморандум о сотрудничестве.pdf", "Меморандум о сотрудничестве.pdf"),
        ("Oʻzbekiston  hamkorlik.xlsx", "Oʻzbekiston hamkorlik.xlsx"),  # runs of spaces become one
        ("C:\\Scans\\scan.pdf", "scan.pdf"),
        ("../../etc/passwd", "passwd"),
        ('say "hello".csv', "say hello.csv"),
        ("\u202e\u2066", "file"),
        ("..", "file"),
        ("", "file"),
        (None, "file"),
        ("x" * 300 + ".xlsx", "x" * 250 + ".xlsx"),  # shortened, the extension kept
        ("y" * 300, "y" * 255),
        ("Cafe\u0301.jpg", "Caf\u00e9.jpg"),  # a combining accent is composed (NFC), not stripped
    ],
)
def test_names_are_cleaned(given, kept):
    assert clean_filename(given) == kept


def test_the_default_names_an_empty_upload():
    assert clean_filename("\u200f", default="photo") == "photo"


def test_a_signed_scan_keeps_no_override_in_the_database_nor_the_download(world, coordinator_client):
    agreement = world.agreement_a
    response = coordinator_client.post(
        f"/agreements/{agreement.id}/attachments",
        data={"attachment-file": (io.BytesIO(PDF + b"% trick\n"), "Signed\u202e\u2067 MoU\u200e\t.pdf")},
        content_type="multipart/form-data",
    )
    assert response.status_code == 302
    attachment = db.session.scalar(select(Attachment).order_by(Attachment.id.desc()).limit(1))
    assert attachment.filename == "Signed MoU.pdf"
    download = coordinator_client.get(f"/agreements/{agreement.id}/attachments/{attachment.id}")
    disposition = download.headers["Content-Disposition"]
    assert "Signed%20MoU.pdf" in disposition or "Signed MoU.pdf" in disposition
    assert not unsafe(disposition) and "%E2%80%AE" not in disposition.upper()


def test_a_visit_photo_keeps_no_override(world, coordinator_client):
    response = coordinator_client.post(
        f"/visits/{world.visit_a.id}/photos",
        data={"photo": (io.BytesIO(image_bytes("PNG")), TRICK.replace(".exe", "\u2069.png")), "caption": "Mine"},
        content_type="multipart/form-data",
    )
    assert response.status_code == 302
    photo = db.session.scalar(select(VisitPhoto).where(VisitPhoto.visit_id == world.visit_a.id))
    assert photo.filename == "reportfdp.png"
    served = coordinator_client.get(f"/visits/{world.visit_a.id}/photos/{photo.id}")
    assert served.status_code == 200 and not unsafe(served.headers.get("Content-Disposition", ""))


def test_a_pending_import_keeps_no_override(world, liaison_a_client):
    response = liaison_a_client.post(
        f"/visits/{world.visit_a.id}/participants/import",
        data={"file": (io.BytesIO(b"Full name;Role\r\nAziza Karimova;student\r\n"), "\u202bpeople\u202c.csv")},
        content_type="multipart/form-data",
    )
    assert response.status_code == 303
    pending = db.session.scalar(select(PendingImport).where(PendingImport.visit_id == world.visit_a.id))
    assert pending.filename == "people.csv"

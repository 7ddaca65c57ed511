"""The badges' QR codes (zxing-cpp's encoder, drawn as an image of one pixel a module) read back:
rendered to an image and decoded by zbarimg, another implementation than the one that wrote them."""

import shutil
import subprocess

import pytest
from reportlab.lib.units import mm
from reportlab.pdfgen.canvas import Canvas

from partnership.reports.badges import QR_SIZE, Badges

URLS = [
    "http://127.0.0.1:5000/pass/" + "a" * 32,
    "https://partnership.ammc.example/pass/Zx9-_QwErTyUiOp1234567890abcdEFGH",
    "https://a-much-longer-host-name.partnership.example.org:8443/pass/" + "0123456789" * 4,
    "http://x/p/1",
]


@pytest.mark.skipif(not (shutil.which("pdftoppm") and shutil.which("zbarimg")), reason="poppler-utils, zbar-tools")
@pytest.mark.parametrize("url", URLS)
def test_every_badge_code_reads_back(tmp_path, url):
    pdf = tmp_path / "code.pdf"
    canvas = Canvas(str(pdf), pagesize=(QR_SIZE + 20 * mm, QR_SIZE + 20 * mm))
    Badges.qr(canvas, url, 10 * mm, 10 * mm)
    canvas.save()
    subprocess.run(["pdftoppm", "-r", "200", "-png", "-singlefile", str(pdf), str(tmp_path / "code")], check=True)
    read = subprocess.run(
        ["zbarimg", "--quiet", "--raw", str(tmp_path / "code.png")], capture_output=True, text=True, check=True
    )
    assert read.stdout.strip() == url

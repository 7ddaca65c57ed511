"""The fonts every PDF uses: DejaVu Sans, shipped inside this package.

DejaVu covers Latin (Turkish, Uzbek Latin with ʻ), Cyrillic including the
Mongolian Ө ө Ү ү and Uzbek Ў Қ Ғ Ҳ letters. The files are read from the
package itself (``importlib.resources``), never from a system font folder, so a
PDF looks the same on every server. ReportLab embeds a subset of each font with
its Unicode map: the text stays searchable and copyable."""

import io
from importlib import resources
from threading import Lock

from reportlab.graphics import shapes
from reportlab.lib.fonts import addMapping
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont

REGULAR = "DejaVuSans"
BOLD = "DejaVuSans-Bold"
ITALIC = "DejaVuSans-Oblique"

FILES = {REGULAR: "DejaVuSans.ttf", BOLD: "DejaVuSans-Bold.ttf", ITALIC: "DejaVuSans-Oblique.ttf"}

# Letters the reports must be able to draw (checked by the tests against the font files).
REQUIRED_CHARACTERS = (
    "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789"
    "АБВГДЕЁЖЗИЙКЛМНОПРСТУФХЦЧШЩЪЫЬЭЮЯабвгдеёжзийклмнопрстуфхцчшщъыьэюя"
    "ӨөҮүЎўҚқҒғҲҳҢңІі"  # Mongolian, Uzbek, Kazakh/Kyrgyz Cyrillic
    "ʻʼ‘’“”«»—–•№"  # Uzbek Latin oʻ/gʻ, quotes, dashes
    "ÇçĞğİıŞşÖöÜüÂâÎîÛû"  # Turkish
    "ÄäÉéÈèÀàÑñßŁłŽžČčŠš"  # other Latin
)

_lock = Lock()
_registered = False


def font_bytes(font_name: str) -> bytes:
    return resources.files(__package__).joinpath("fonts", FILES[font_name]).read_bytes()


def register() -> None:
    """Register the fonts with ReportLab once per process."""
    global _registered
    if _registered:
        return
    with _lock:
        if _registered:
            return
        for name in FILES:
            pdfmetrics.registerFont(TTFont(name, io.BytesIO(font_bytes(name))))
        addMapping(REGULAR, 0, 0, REGULAR)
        addMapping(REGULAR, 1, 0, BOLD)
        addMapping(REGULAR, 0, 1, ITALIC)
        addMapping(REGULAR, 1, 1, BOLD)
        # A chart's drawing starts in ReportLab's default font (Helvetica, never embedded) even
        # where every label names ours: start it in ours.
        shapes.STATE_DEFAULTS["fontName"] = REGULAR
        _registered = True

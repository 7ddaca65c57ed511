"""Name badges, eight to an A4 sheet with cut lines: name, organisation,
country, role, and a QR code that opens the participant's gate pass."""

from io import BytesIO

import zxingcpp
from flask_babel import force_locale
from flask_babel import gettext as _
from PIL import Image
from reportlab.lib import colors
from reportlab.lib.pagesizes import A4
from reportlab.lib.units import mm
from reportlab.lib.utils import ImageReader, simpleSplit
from reportlab.pdfgen.canvas import Canvas

from partnership.reports import typefaces
from partnership.reports.common import (
    COPPER,
    INK,
    MUTED,
    RULE,
    VisitDocument,
    clean,
    company,
    fmt_period,
)
from partnership.reports.links import pass_url
from partnership.visits.models import ParticipantRole

COLUMNS, ROWS = 2, 4
BADGE_W, BADGE_H = 95 * mm, 68 * mm
QR_SIZE = 25 * mm
PAD = 4 * mm
ROLE_COLOURS = {
    ParticipantRole.lead: INK,
    ParticipantRole.staff: colors.HexColor("#2F6F73"),
    ParticipantRole.student: COPPER,
}


class Badges(VisitDocument):
    def title(self) -> str:
        return _("Name badges") + f": {self.t(self.visit, 'title')}"

    def render(self) -> bytes:
        typefaces.register()
        with force_locale(self.language):
            buffer = BytesIO()
            # Our embedded font from the first page on (ReportLab's default is an unembedded Helvetica);
            # the stubs type initialFontName as a number.
            canvas = Canvas(buffer, pagesize=A4, lang=self.language, invariant=0, initialFontName=typefaces.REGULAR)  # type: ignore[arg-type]
            canvas.setTitle(clean(self.title()))
            canvas.setAuthor(clean(company("COMPANY_NAME", self.language)))
            canvas.setCreator("Partnership")
            self.draw(canvas)
            canvas.save()
            return buffer.getvalue()

    def draw(self, canvas: Canvas) -> None:
        people = self.people()
        if not people:
            canvas.setFont(typefaces.REGULAR, 12)
            canvas.drawString(20 * mm, A4[1] - 30 * mm, clean(_("No participants are registered.")))
            canvas.showPage()
            return
        per_page = COLUMNS * ROWS
        margin_x = (A4[0] - COLUMNS * BADGE_W) / 2
        margin_y = (A4[1] - ROWS * BADGE_H) / 2
        period = fmt_period(self.visit.starts_on, self.visit.ends_on)
        for index, person in enumerate(people):
            if self.progress is not None:
                self.progress(index / len(people))
            slot = index % per_page
            if index and slot == 0:
                canvas.showPage()
            column, row = slot % COLUMNS, slot // COLUMNS
            x = margin_x + column * BADGE_W
            y = A4[1] - margin_y - (row + 1) * BADGE_H
            if slot == 0:
                self.cut_lines(canvas, margin_x, margin_y)
            self.badge(canvas, person, x, y, period)
        canvas.showPage()

    def cut_lines(self, canvas: Canvas, margin_x: float, margin_y: float) -> None:
        canvas.saveState()
        canvas.setStrokeColor(RULE)
        canvas.setLineWidth(0.4)
        canvas.setDash(2, 2)
        for column in range(COLUMNS + 1):
            x = margin_x + column * BADGE_W
            canvas.line(x, margin_y, x, A4[1] - margin_y)
        for row in range(ROWS + 1):
            y = margin_y + row * BADGE_H
            canvas.line(margin_x, y, A4[0] - margin_x, y)
        canvas.restoreState()

    def badge(self, canvas: Canvas, person, x: float, y: float, period: str) -> None:
        inner = BADGE_W - 2 * PAD
        canvas.saveState()
        # Top band: the host and the visit's dates.
        band = 10 * mm
        canvas.setFillColor(COPPER)
        canvas.rect(x, y + BADGE_H - band, BADGE_W, band, stroke=0, fill=1)
        canvas.setFillColor(colors.white)
        canvas.setFont(typefaces.BOLD, 9)
        canvas.drawString(x + PAD, y + BADGE_H - 6.5 * mm, clean(company("COMPANY_SHORT_NAME", self.language)))
        canvas.setFont(typefaces.REGULAR, 7)
        canvas.drawRightString(x + BADGE_W - PAD, y + BADGE_H - 6.5 * mm, clean(period))
        # The name, as large as fits in two lines.
        top = y + BADGE_H - band - 4 * mm
        size, lines = self.fit(person.full_name, typefaces.BOLD, inner, sizes=(17, 15, 13, 11.5, 10, 9), max_lines=2)
        canvas.setFillColor(INK)
        canvas.setFont(typefaces.BOLD, size)
        for line in lines:
            top -= size * 1.05
            canvas.drawString(x + PAD, top, line)
        # Organisation and country, beside the QR code.
        text_width = inner - QR_SIZE - 2 * mm
        top -= 3 * mm
        canvas.setFont(typefaces.REGULAR, 8.5)
        for line in simpleSplit(clean(self.organisation_name(person.organisation)), typefaces.REGULAR, 8.5, text_width)[
            :3
        ]:
            top -= 10.5
            canvas.drawString(x + PAD, top, line)
        canvas.setFillColor(MUTED)
        canvas.setFont(typefaces.REGULAR, 8)
        if person.nationality:
            top -= 10.5
            canvas.drawString(x + PAD, top, clean(self.country_name(person.nationality)))
        # Role, as a coloured label at the bottom left.
        label = clean(person.role.label)
        canvas.setFont(typefaces.BOLD, 8.5)
        label_width = canvas.stringWidth(label, typefaces.BOLD, 8.5) + 6 * mm
        canvas.setFillColor(ROLE_COLOURS[person.role])
        canvas.roundRect(x + PAD, y + PAD, label_width, 7 * mm, 1.5 * mm, stroke=0, fill=1)
        canvas.setFillColor(colors.white)
        canvas.drawString(x + PAD + 3 * mm, y + PAD + 2.3 * mm, label)
        canvas.restoreState()
        self.qr(canvas, pass_url(person), x + BADGE_W - PAD - QR_SIZE, y + PAD)

    @staticmethod
    def fit(text: str, font: str, width: float, sizes, max_lines: int) -> tuple[float, list[str]]:
        text = clean(text)
        for size in sizes:
            lines = simpleSplit(text, font, size, width)
            if len(lines) <= max_lines:
                return size, lines
        size = sizes[-1]
        lines = simpleSplit(text, font, size, width)
        return size, lines[:max_lines]

    @staticmethod
    def qr(canvas: Canvas, url: str, x: float, y: float) -> None:
        """The QR code (error correction M) as an image of one pixel a module, scaled to the
        code's size. zxing-cpp's encoder, in C++, takes 0.14 ms a code where ReportLab's took
        1.5 ms (most of 1,500 badges' time); drawn as rectangles instead of an image, each code
        was a path of some 600 runs."""
        code = zxingcpp.create_barcode(url, zxingcpp.BarcodeFormat.QRCode, ec_level="M")
        image = code.to_image(scale=1, add_quiet_zones=False)  # 8-bit grey, dark modules 0
        width, height = image.shape[1], image.shape[0]
        pixels = bytes(memoryview(image))  # type: ignore[arg-type]  # a buffer; the stub leaves that out
        picture = Image.frombytes("L", (width, height), pixels)
        canvas.drawImage(ImageReader(picture), x, y, QR_SIZE, QR_SIZE)

"""What every report shares: styles, the company's letterhead, page decoration,
text and date helpers, and the ``Report`` base class that turns a story of
flowables into PDF bytes in the reader's language."""

import unicodedata
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, datetime
from io import BytesIO
from typing import Any
from xml.sax.saxutils import escape  # only the escaping helper: no XML is parsed  # nosec B406

from flask import current_app
from flask_babel import force_locale, format_date, format_datetime, format_decimal, format_time
from flask_babel import gettext as _
from reportlab.lib import colors
from reportlab.lib.enums import TA_CENTER, TA_RIGHT
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import (
    Flowable,
    Paragraph,
    SimpleDocTemplate,
    Spacer,
    Table,
    TableStyle,
)

from partnership import i18n, languages
from partnership.db import utcnow
from partnership.reports import typefaces

COPPER = colors.HexColor("#B0682F")
INK = colors.HexColor("#1E2B37")
MUTED = colors.HexColor("#5F6B76")
RULE = colors.HexColor("#C9CED3")
ZEBRA = colors.HexColor("#F4F1EE")
HEADER_BG = colors.HexColor("#E9DED3")


# The host company's letterhead. Each key may be overridden in the app's
# configuration, with a plain string or a mapping of language to string.
def company(key: str, language: str) -> str:
    """A letterhead detail from configuration (or the AMMC default) in ``language``."""
    value = current_app.config.get(key, "")
    if isinstance(value, dict):
        value = value.get(language) or value.get("en") or ""
    return value or ""


def clean(text) -> str:
    """Text as it goes into a PDF: composed (NFC) so accents sit on their letters."""
    return unicodedata.normalize("NFC", str(text)) if text is not None else ""


def esc(text) -> str:
    """Clean text made safe for Paragraph markup (a name may contain & or <)."""
    return escape(clean(text))


def multiline(text) -> str:
    """Paragraph markup for free text, keeping its line breaks."""
    return "<br/>".join(esc(line) for line in clean(text).splitlines())


def paragraphs(text) -> list[str]:
    """Free text split into paragraphs at blank lines."""
    blocks, current = [], []
    for line in clean(text).splitlines():
        if line.strip():
            current.append(line)
        elif current:
            blocks.append("\n".join(current))
            current = []
    if current:
        blocks.append("\n".join(current))
    return blocks


def fmt_date(value: date | None, form: str = "long") -> str:
    """``short``: the locale's numeric date with the year in full (``partnership.i18n``)."""
    return i18n.format_date(value, form) if value else "—"


def fmt_period(start: date | None, end: date | None) -> str:
    if start is None:
        return "—"
    if end is None or end == start:
        return fmt_date(start)
    return f"{fmt_date(start)} – {fmt_date(end)}"


def fmt_time(value: datetime | None) -> str:
    """A naive local time (itineraries keep the company's wall-clock time)."""
    return format_time(value, "HH:mm", rebase=False) if value else ""


def fmt_day(value: date) -> str:
    text = format_date(value, "full")
    return text[:1].upper() + text[1:]


def fmt_number(value: int | float, decimals: int = 0) -> str:
    """A number as the report's language writes it: 1,500 and 4.3 in English, 1 500 and 4,3 in
    Russian and Uzbek."""
    return format_decimal(value, format="#,##0" + ("." + "0" * decimals if decimals else ""))


def fmt_generated(value: datetime) -> str:
    return format_datetime(value, "medium")


@dataclass(frozen=True)
class Styles:
    title: ParagraphStyle
    subtitle: ParagraphStyle
    h1: ParagraphStyle
    h2: ParagraphStyle
    body: ParagraphStyle
    small: ParagraphStyle
    muted: ParagraphStyle
    cell: ParagraphStyle
    cell_bold: ParagraphStyle
    cell_right: ParagraphStyle
    head: ParagraphStyle
    quote: ParagraphStyle
    signature: ParagraphStyle
    figure: ParagraphStyle
    figure_label: ParagraphStyle


CELL_SIZE, CELL_LEADING = 8.5, 11  # points: the type of every table cell


def make_styles() -> Styles:
    typefaces.register()
    base = ParagraphStyle("body", fontName=typefaces.REGULAR, fontSize=10, leading=14, textColor=INK, spaceAfter=6)
    cell = ParagraphStyle("cell", parent=base, fontSize=CELL_SIZE, leading=CELL_LEADING, spaceAfter=0)
    return Styles(
        title=ParagraphStyle("title", parent=base, fontName=typefaces.BOLD, fontSize=20, leading=25, spaceAfter=4),
        subtitle=ParagraphStyle("subtitle", parent=base, fontSize=12, leading=16, textColor=COPPER, spaceAfter=10),
        h1=ParagraphStyle(
            "h1",
            parent=base,
            fontName=typefaces.BOLD,
            fontSize=13,
            leading=17,
            textColor=COPPER,
            spaceBefore=12,
            spaceAfter=6,
            keepWithNext=True,
        ),
        h2=ParagraphStyle(
            "h2",
            parent=base,
            fontName=typefaces.BOLD,
            fontSize=10.5,
            leading=14,
            spaceBefore=8,
            spaceAfter=3,
            keepWithNext=True,
        ),
        body=base,
        small=ParagraphStyle("small", parent=base, fontSize=8.5, leading=11, spaceAfter=3),
        muted=ParagraphStyle("muted", parent=base, fontSize=8.5, leading=11, textColor=MUTED, spaceAfter=3),
        cell=cell,
        cell_bold=ParagraphStyle("cell_bold", parent=cell, fontName=typefaces.BOLD),
        cell_right=ParagraphStyle("cell_right", parent=cell, alignment=TA_RIGHT),
        head=ParagraphStyle("head", parent=cell, fontName=typefaces.BOLD, textColor=INK),
        quote=ParagraphStyle(
            "quote", parent=base, fontName=typefaces.ITALIC, leftIndent=10 * mm, rightIndent=6 * mm, spaceAfter=2
        ),
        signature=ParagraphStyle("signature", parent=base, fontSize=8.5, leading=11, leftIndent=10 * mm, spaceAfter=3),
        figure=ParagraphStyle(
            "figure",
            parent=base,
            fontName=typefaces.BOLD,
            fontSize=18,
            leading=22,
            alignment=TA_CENTER,
            textColor=COPPER,
            spaceAfter=0,
        ),
        figure_label=ParagraphStyle("figure_label", parent=cell, alignment=TA_CENTER, textColor=MUTED),
    )


CELL_PADDING = 4  # points left and right of every grid cell


def _widest_word(cell) -> float:
    """The widest word of a header cell, in points: the narrowest its column may be."""
    if not isinstance(cell, Paragraph):
        return 0.0
    style = cell.style
    return max((stringWidth(word, style.fontName, style.fontSize) for word in cell.getPlainText().split()), default=0.0)


def header_widths(header: list, widths: list[float]) -> list[float]:
    """``widths`` widened where a header word would not fit its column (a header breaks between
    words, never "Сотрудни/ки"), the room taken from the columns with the most to spare."""
    need = [_widest_word(cell) + 2 * CELL_PADDING + 0.5 for cell in header]
    widths = list(widths)
    for i, want in enumerate(need):
        while widths[i] < want:
            spare = [(widths[j] - need[j], j) for j in range(len(widths)) if j != i and widths[j] > need[j]]
            if not spare:
                break
            room, j = max(spare)
            take = min(room, want - widths[i])
            widths[i] += take
            widths[j] -= take
    return widths


def grid(rows: list[list], widths: list[float], *, header: bool = True, zebra: bool = True) -> Table:
    """A table whose cells are flowables or strings; the header row repeats on every page."""
    if header and rows:
        widths = header_widths(rows[0], widths)
    table = Table(rows, colWidths=widths, repeatRows=1 if header else 0, hAlign="LEFT")
    commands: list[tuple[Any, ...]] = [
        ("FONTNAME", (0, 0), (-1, -1), typefaces.REGULAR),  # ReportLab's default is an unembedded Helvetica
        # Plain-text cells (``Report.line_cells``) as the "cell" paragraph style sets them.
        ("FONTSIZE", (0, 0), (-1, -1), CELL_SIZE),
        ("LEADING", (0, 0), (-1, -1), CELL_LEADING),
        ("TEXTCOLOR", (0, 0), (-1, -1), INK),
        ("VALIGN", (0, 0), (-1, -1), "TOP"),
        ("LINEBELOW", (0, 0), (-1, -1), 0.25, RULE),
        ("TOPPADDING", (0, 0), (-1, -1), 3),
        ("BOTTOMPADDING", (0, 0), (-1, -1), 3),
        ("LEFTPADDING", (0, 0), (-1, -1), CELL_PADDING),
        ("RIGHTPADDING", (0, 0), (-1, -1), CELL_PADDING),
    ]
    if header:
        commands += [("BACKGROUND", (0, 0), (-1, 0), HEADER_BG), ("LINEBELOW", (0, 0), (-1, 0), 0.8, COPPER)]
    if zebra:
        first = 1 if header else 0
        commands += [("ROWBACKGROUNDS", (0, first), (-1, -1), [colors.white, ZEBRA])]
    table.setStyle(TableStyle(commands))
    return table


def fit_width(text: str, font: str, size: float, width: float) -> str:
    """``text`` cut with an ellipsis to fit ``width`` points."""
    if stringWidth(text, font, size) <= width:
        return text
    while text and stringWidth(text + "…", font, size) > width:
        text = text[:-1]
    return text.rstrip() + "…"


class NumberedCanvas(Canvas):
    """Draws 'page n of N' on every page once the page count is known."""

    footer_template = "%(page)s / %(total)s"
    footer_left = ""

    def __init__(self, *args, **kwargs):
        # ReportLab's page preamble selects Helvetica unless told otherwise: a font the file would
        # name without embedding it. Every page starts in our own, embedded font instead.
        kwargs["initialFontName"] = kwargs.get("initialFontName") or typefaces.REGULAR  # platypus passes None
        super().__init__(*args, **kwargs)
        self._saved_pages = []

    def showPage(self):
        self._saved_pages.append(dict(self.__dict__))
        self._startPage()  # type: ignore[attr-defined]  # Canvas internals the stubs leave out

    def save(self):
        total = len(self._saved_pages)
        for state in self._saved_pages:
            self.__dict__.update(state)
            self._draw_footer(total)
            super().showPage()
        super().save()

    def _draw_footer(self, total: int) -> None:
        if not self.footer_template:
            return
        # _pagesize and _pageNumber: Canvas internals the stubs leave out
        width, _height = self._pagesize  # type: ignore[attr-defined]
        self.saveState()
        self.setFont(typefaces.REGULAR, 7.5)
        self.setFillColor(MUTED)
        page = self.footer_template % {"page": self._pageNumber, "total": total}  # type: ignore[attr-defined]
        room = width - 30 * mm - self.stringWidth(page, typefaces.REGULAR, 7.5) - 8 * mm
        self.drawString(15 * mm, 9 * mm, fit_width(self.footer_left, typefaces.REGULAR, 7.5, room))
        self.drawRightString(width - 15 * mm, 9 * mm, page)
        self.restoreState()


class Report:
    """A PDF built from models in one language. Subclasses give ``title`` and ``story``."""

    pagesize = A4
    margins = (18 * mm, 22 * mm, 18 * mm, 18 * mm)  # left, top, right, bottom
    letterhead = True  # draw the company's name at the top of every page
    # Told how far the build has come (0.0 to 1.0) when the report is made as a job.
    progress: Callable[[float], None] | None = None

    def __init__(self, language: str):
        self.language = language
        self.generated_at = utcnow()

    # What subclasses provide ------------------------------------------------
    def title(self) -> str:
        raise NotImplementedError

    def story(self) -> list:
        raise NotImplementedError

    # Building ----------------------------------------------------------------
    def render(self) -> bytes:
        """The PDF as bytes; every string is translated into the report's language."""
        with force_locale(self.language):
            self.styles = make_styles()
            buffer = BytesIO()
            self.build(buffer)
            return buffer.getvalue()

    def build(self, buffer: BytesIO) -> None:
        left, top, right, bottom = self.margins
        title = clean(self.title())
        doc = SimpleDocTemplate(
            buffer,
            pagesize=self.pagesize,
            leftMargin=left,
            topMargin=top,
            rightMargin=right,
            bottomMargin=bottom,
            title=title,
            author=company("COMPANY_NAME", self.language),
            subject=title,
            creator="Partnership",
            lang=self.language,
        )
        story = self.story()
        if self.progress is not None:
            doc.setProgressCallBack(self.track_layout(self.progress))
        doc.build(story, onFirstPage=self.decorate, onLaterPages=self.decorate, canvasmaker=self.canvas_class())

    STORY_SHARE = 0.3  # of a job's progress, the reading and writing of the story; the layout the rest

    def track_layout(self, progress: Callable[[float], None]) -> Callable[[str, int], None]:
        """ReportLab's progress callback: flowables laid out of the story's size."""
        share = self.STORY_SHARE
        size = {"total": 1}
        progress(share)

        def callback(kind: str, value: int) -> None:
            if kind == "SIZE_EST":
                size["total"] = max(value, 1)
            elif kind == "PROGRESS":
                progress(share + (1 - share) * value / size["total"])

        return callback

    def canvas_class(self):
        footer_left = f"{company('COMPANY_SHORT_NAME', self.language)} · {clean(self.title())} · " + _(
            "generated %(when)s", when=fmt_generated(self.generated_at)
        )

        class _Canvas(NumberedCanvas):
            pass

        _Canvas.footer_template = _("Page %(page)s of %(total)s", page="%(page)s", total="%(total)s")
        _Canvas.footer_left = footer_left
        return _Canvas

    def decorate(self, canvas: Canvas, doc) -> None:
        if not self.letterhead:
            return
        width, height = canvas._pagesize  # type: ignore[attr-defined]  # Canvas internals the stubs leave out
        left, _top, right, _bottom = self.margins
        canvas.saveState()
        canvas.setFillColor(COPPER)
        canvas.rect(0, height - 6 * mm, width, 6 * mm, stroke=0, fill=1)
        canvas.setFillColor(INK)
        canvas.setFont(typefaces.BOLD, 8.5)
        canvas.drawString(left, height - 12 * mm, clean(company("COMPANY_NAME", self.language)))
        canvas.setFont(typefaces.REGULAR, 7.5)
        canvas.setFillColor(MUTED)
        canvas.drawRightString(width - right, height - 12 * mm, clean(company("COMPANY_WEBSITE", self.language)))
        canvas.setStrokeColor(RULE)
        canvas.setLineWidth(0.5)
        canvas.line(left, height - 14.5 * mm, width - right, height - 14.5 * mm)
        canvas.restoreState()

    # Helpers for subclasses --------------------------------------------------
    def t(self, obj, field: str) -> str:
        """A text kept in three languages (partnership/languages.py), in the report's language."""
        return languages.localised(obj, field, self.language)

    def p(self, text, style: str = "body") -> Paragraph:
        """A paragraph of plain text (escaped)."""
        return Paragraph(esc(text), getattr(self.styles, style))

    def markup(self, markup: str, style: str = "body") -> Paragraph:
        """A paragraph of markup the report composed itself (values already escaped)."""
        return Paragraph(markup, getattr(self.styles, style))

    def heading(self, text, level: int = 1) -> Paragraph:
        return self.p(text, "h1" if level == 1 else "h2")

    def gap(self, height_mm: float = 4) -> Spacer:
        return Spacer(1, height_mm * mm)

    def cells(self, values, style: str = "cell") -> list[Flowable]:
        return [v if isinstance(v, Flowable) else self.p("" if v is None else v, style) for v in values]

    def line_cells(self, values, widths, font: str = typefaces.REGULAR) -> list:
        """Cells as plain text where each fits its column on one line, else as paragraphs that
        wrap: ReportLab sets a string at a small part of a paragraph's cost (the 500 rows of a
        report's appendix spent most of its time wrapping paragraphs of one line)."""
        cells: list = []
        for value, width in zip(values, widths, strict=True):
            text = clean("" if value is None else value)
            fits = stringWidth(text, font, CELL_SIZE) <= width - 2 * CELL_PADDING
            cells.append(text if fits else self.p(text, "cell_bold" if font == typefaces.BOLD else "cell"))
        return cells

    def figure_tiles(self, figures: list[tuple[str, str]]) -> Table:
        """Key figures side by side, each tile its number above its label. One cell per tile, so
        that a reader of the text (a screen reader, pdftotext, a copy) gets "31 participants"."""
        width = self.frame_width / len(figures)
        tiles = [[[self.p(value, "figure"), self.p(label, "figure_label")] for value, label in figures]]
        table = Table(tiles, colWidths=[width] * len(figures))
        table.setStyle(
            TableStyle(
                [
                    ("FONTNAME", (0, 0), (-1, -1), typefaces.REGULAR),
                    ("BACKGROUND", (0, 0), (-1, -1), HEADER_BG),
                    ("LINEAFTER", (0, 0), (-2, -1), 2, "white"),
                    ("VALIGN", (0, 0), (-1, -1), "TOP"),
                    ("TOPPADDING", (0, 0), (-1, -1), 8),
                    ("BOTTOMPADDING", (0, 0), (-1, -1), 8),
                ]
            )
        )
        table.spaceBefore = 3 * mm
        return table

    def header_cells(self, labels) -> list[Flowable]:
        return [self.p(label, "head") for label in labels]

    @property
    def frame_width(self) -> float:
        left, _top, right, _bottom = self.margins
        return self.pagesize[0] - left - right


class VisitDocument(Report):
    """A document about one visit, showing the people ``scope`` allows."""

    def __init__(self, visit, language: str, scope=None):
        from partnership.reports.access import SYSTEM

        super().__init__(language)
        self.visit = visit
        self.scope = scope or SYSTEM

    def people(self) -> list:
        from partnership.reports.queries import ordered_people

        return ordered_people(self.scope.people(self.visit.participants), self.language)

    def organisation_name(self, organisation) -> str:
        return organisation.localised_name(self.language)

    def country_name(self, code: str | None) -> str:
        from partnership import countries

        return countries.name(code, self.language) if code else "—"

    def visit_heading(self, document_title: str) -> list:
        """Document title, the visit's title and dates, and its visiting organisations."""
        organisations = ", ".join(
            f"{self.organisation_name(o)} ({self.country_name(o.country)})" for o in self.visit.organisations
        )
        story = [
            self.p(document_title, "subtitle"),
            self.p(self.t(self.visit, "title"), "title"),
            self.p(fmt_period(self.visit.starts_on, self.visit.ends_on), "h2"),
        ]
        if organisations:
            story.append(self.p(organisations, "muted"))
        if not self.scope.everyone:
            story.append(self.p(_("This copy lists only your organisation's participants."), "muted"))
        return story

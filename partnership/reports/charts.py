"""Small charts drawn by ReportLab itself (no plotting library): bars and pies
in the report's font and colours."""

from reportlab.graphics.charts.barcharts import HorizontalBarChart, VerticalBarChart
from reportlab.graphics.charts.legends import Legend
from reportlab.graphics.charts.piecharts import Pie
from reportlab.graphics.shapes import Drawing, String
from reportlab.lib import colors

from partnership.reports import typefaces
from partnership.reports.common import COPPER, INK, RULE, clean

PALETTE = [
    COPPER,
    INK,
    colors.HexColor("#2F6F73"),
    colors.HexColor("#D9A066"),
    colors.HexColor("#6C8EAD"),
    colors.HexColor("#8C5A3C"),
    colors.HexColor("#A3B18A"),
    colors.HexColor("#B5838D"),
    colors.HexColor("#9AA5B1"),
]


def _nice_max(value: int) -> int:
    if value <= 5:
        return 5
    step = 10 ** (len(str(value)) - 1)
    return ((value // step) + 1) * step


def column_chart(labels: list[str], values: list[int], width: float, height: float, title: str = "") -> Drawing:
    drawing = Drawing(width, height)
    chart = VerticalBarChart()
    chart.x, chart.y = 28, 28
    chart.width, chart.height = width - 40, height - 48  # type: ignore[assignment]  # stubs: int; floats work
    chart.data = [values or [0]]
    chart.bars[0].fillColor = COPPER
    chart.bars[0].strokeColor = None
    chart.barSpacing = 1
    chart.categoryAxis.categoryNames = [clean(label) for label in labels] or [""]
    chart.categoryAxis.labels.fontName = typefaces.REGULAR
    chart.categoryAxis.labels.fontSize = 6.5
    chart.categoryAxis.labels.angle = 45 if len(labels) > 8 else 0
    chart.categoryAxis.labels.boxAnchor = "ne" if len(labels) > 8 else "n"
    chart.categoryAxis.strokeColor = RULE
    chart.valueAxis.valueMin = 0
    chart.valueAxis.valueMax = _nice_max(max(values or [0]))
    chart.valueAxis.valueStep = max(1, chart.valueAxis.valueMax // 5)
    chart.valueAxis.labels.fontName = typefaces.REGULAR
    chart.valueAxis.labels.fontSize = 7
    chart.valueAxis.strokeColor = RULE
    chart.valueAxis.visibleGrid = True
    chart.valueAxis.gridStrokeColor = RULE
    chart.valueAxis.gridStrokeWidth = 0.25
    drawing.add(chart)
    if title:
        drawing.add(String(0, height - 10, clean(title), fontName=typefaces.BOLD, fontSize=8.5, fillColor=INK))
    return drawing


def bar_chart(labels: list[str], values: list[int], width: float, title: str = "") -> Drawing:
    """Horizontal bars, largest first, labels on the left."""
    row = 14
    height = max(60, row * len(values) + 40)
    drawing = Drawing(width, height)
    chart = HorizontalBarChart()
    chart.x, chart.y = width * 0.42, 20  # type: ignore[assignment]  # stubs: int; floats work
    chart.width, chart.height = width * 0.55, height - 40  # type: ignore[assignment]  # stubs: int; floats work
    chart.data = [list(reversed(values)) or [0]]
    chart.bars[0].fillColor = INK
    chart.bars[0].strokeColor = None
    chart.categoryAxis.categoryNames = [_shorten(clean(label), 48) for label in reversed(labels)] or [""]
    chart.categoryAxis.labels.fontName = typefaces.REGULAR
    chart.categoryAxis.labels.fontSize = 7
    chart.categoryAxis.labels.boxAnchor = "e"
    chart.categoryAxis.strokeColor = RULE
    chart.valueAxis.valueMin = 0
    chart.valueAxis.valueMax = _nice_max(max(values or [0]))
    chart.valueAxis.valueStep = max(1, chart.valueAxis.valueMax // 5)
    chart.valueAxis.labels.fontName = typefaces.REGULAR
    chart.valueAxis.labels.fontSize = 7
    chart.valueAxis.strokeColor = RULE
    chart.barLabelFormat = "%d"
    chart.barLabels.fontName = typefaces.REGULAR
    chart.barLabels.fontSize = 6.5
    chart.barLabels.boxAnchor = "w"
    chart.barLabels.dx = 3
    drawing.add(chart)
    if title:
        drawing.add(String(0, height - 10, clean(title), fontName=typefaces.BOLD, fontSize=8.5, fillColor=INK))
    return drawing


def pie_chart(labels: list[str], values: list[int], width: float, height: float, title: str = "") -> Drawing:
    """A pie with a legend beside it; slices past the eighth are folded into the last label."""
    drawing = Drawing(width, height)
    size = min(height - 30, width * 0.42)
    pie = Pie()
    pie.x, pie.y = 6, (height - 20 - size) / 2  # type: ignore[assignment]  # stubs: int; floats work
    pie.width = pie.height = size  # type: ignore[assignment]  # stubs: int; floats work
    pie.data = values if any(values) else [1]
    pie.labels = None
    pie.slices.strokeColor = colors.white
    pie.slices.strokeWidth = 0.6
    for index in range(len(pie.data)):
        pie.slices[index].fillColor = PALETTE[index % len(PALETTE)] if any(values) else RULE
    drawing.add(pie)
    legend = Legend()
    legend.x, legend.y = size + 22, height - 26  # type: ignore[assignment]  # stubs: int; floats work
    legend.fontName = typefaces.REGULAR
    legend.fontSize = 7
    legend.dx = legend.dy = 6
    legend.deltay = 10
    legend.alignment = "right"
    legend.columnMaximum = 12
    legend.strokeColor = None
    legend.colorNamePairs = [
        (PALETTE[index % len(PALETTE)], _shorten(f"{clean(label)} · {value}", 42))
        for index, (label, value) in enumerate(zip(labels, values, strict=False))
    ]
    drawing.add(legend)
    if title:
        drawing.add(String(0, height - 10, clean(title), fontName=typefaces.BOLD, fontSize=8.5, fillColor=INK))
    return drawing


def top(pairs: list[tuple[str, int]], limit: int, other_label: str) -> list[tuple[str, int]]:
    """The ``limit`` largest, and the rest summed under ``other_label``."""
    pairs = sorted(pairs, key=lambda pair: -pair[1])
    if len(pairs) <= limit:
        return pairs
    rest = sum(count for _label, count in pairs[limit - 1 :])
    return [*pairs[: limit - 1], (other_label, rest)]


def _shorten(text: str, length: int) -> str:
    return text if len(text) <= length else text[: length - 1] + "…"

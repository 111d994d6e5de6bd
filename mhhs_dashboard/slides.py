"""The pack as PowerPoint: native, editable charts, tables, text and diagrams (python-pptx), never pictures.

The slides walk the HTML pack's own sections (`report.sections`: the same agenda items in the same order, the
same tiles, news, figures and tables), so the two cannot disagree. Charts are drawn from the very Plotly figures
the screen shows (series, names, colours and patterns), as native charts. Every shape is sized from its text:
widths are measured with Arial's metrics (PowerPoint's Arial and LibreOffice's Liberation Sans share them), a
column is never narrower than its longest word, and a table too long for one slide continues on numbered slides,
"Seats by constituency (2 of 3)", its header repeated. Blocks of bulleted text go where they fit whole, or on
slides of their own ("... (continued)", "title (k of n)"), never split within a line; a slide is titled for a
block only while it holds that block alone. The governance structure is drawn as native boxes and lines.
"""

from __future__ import annotations

import html
import io
import math
import re
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

import plotly.graph_objects as go
from lxml import etree
from pptx import Presentation
from pptx.chart.chart import Chart
from pptx.chart.data import CategoryChartData
from pptx.dml.color import RGBColor
from pptx.enum.chart import XL_AXIS_CROSSES, XL_CHART_TYPE, XL_LABEL_POSITION, XL_LEGEND_POSITION
from pptx.enum.dml import MSO_PATTERN
from pptx.enum.shapes import MSO_CONNECTOR, MSO_SHAPE
from pptx.enum.text import MSO_ANCHOR, MSO_AUTO_SIZE, PP_ALIGN
from pptx.oxml.ns import qn
from pptx.presentation import Presentation as PresentationType
from pptx.slide import Slide
from pptx.text.text import TextFrame
from pptx.util import Emu, Inches, Pt

from mhhs_dashboard import report
from mhhs_dashboard.charts import MUTED_TEXT, contrast_ratio
from mhhs_dashboard.meeting import Pack

WIDTH, HEIGHT = Inches(13.333), Inches(7.5)  # 16:9
MARGIN = Inches(0.4)
LEFT, RIGHT = MARGIN, WIDTH - MARGIN
BODY_TOP, BODY_BOTTOM = Inches(1.2), Inches(6.95)
BODY_WIDTH, BODY_HEIGHT = RIGHT - LEFT, BODY_BOTTOM - BODY_TOP
GAP = Inches(0.2)
TITLE_ONLY = 5  # the default template's "Title Only" layout
FONT = "Arial"  # LibreOffice draws Arial with Liberation Sans, which has Arial's metrics: the widths below
INK, RULE = "1F1F1F", "BDBDBD"
NEWS_FILL = "FFF8E6"  # the HTML pack's "Since the last meeting" box

# Advance widths of Arial (= Liberation Sans) for ' '..'~', in 1/1000 em, regular and bold (read from
# LiberationSans-Regular.ttf and -Bold.ttf; tests/test_slides.py checks them against the font where installed).
_ASCII = {
    False: "278 278 355 556 556 889 667 191 333 333 389 584 278 333 278 278 556 556 556 556 556 556 556 556 556 556 "
    "278 278 584 584 584 556 1015 667 667 722 722 667 611 778 722 278 500 667 556 833 722 778 667 778 722 667 611 "
    "722 667 944 667 667 611 278 278 278 469 556 333 556 556 500 556 556 278 556 556 222 222 500 222 833 556 556 "
    "556 556 333 500 278 556 500 722 500 500 500 334 260 334 584",
    True: "278 333 474 556 556 889 722 238 333 333 389 584 278 333 278 278 556 556 556 556 556 556 556 556 556 556 "
    "333 333 584 584 584 611 975 722 722 722 722 667 611 778 722 278 556 722 611 833 722 778 667 778 722 667 611 "
    "722 667 944 667 667 611 333 278 333 584 556 333 556 611 556 611 556 333 611 611 278 278 556 278 889 611 611 "
    "611 611 389 556 333 611 556 778 556 556 500 389 280 389 584",
}
ADVANCE = {bold: dict(zip(map(chr, range(32, 127)), map(int, w.split()), strict=True)) for bold, w in _ASCII.items()}
WIDE = 1000  # any other character is taken to be an em wide (wider than any Latin letter): never under-measured
SLACK = 1.02  # renderers kern and round differently: measure a little wide
LINE = 1.15  # line height, in ems (Arial's ascent + descent is 1.117)
CELL_X, CELL_Y = Inches(0.08), Inches(0.04)  # a table cell's inner margins
TABLE_SIZES = (14, 13, 12, 11)  # table text: the largest size that needs the fewest slides
HEADING = 16  # a table's or chart's own heading above it, when it is not the slide's title
NOTE = 12  # a table's note under its heading
BULLET = 14  # a block's bullets
BULLET_INDENT = Inches(0.22)  # a bullet's hanging indent
BULLET_GAP = Inches(0.04)  # between two bullets


def text_width(text: str, size: float, bold: bool = False) -> int:
    """The width of one line of `text` at `size` points, in EMU (a little generous)."""
    units = sum(ADVANCE[bold].get(ch, 278 if ch == "\u00a0" else WIDE) for ch in text)
    return math.ceil(units / 1000 * size * SLACK * 12700)


def longest_word(text: str, size: float, bold: bool = False) -> int:
    """The width of the widest word of `text`: a column narrower than this would break a word."""
    return max((text_width(w, size, bold) for w in text.split(" ")), default=0)


def wrap(text: str, width: int, size: float, bold: bool = False) -> list[str]:
    """`text` broken into lines no wider than `width` EMU at spaces (not no-break spaces); a word wider than a line
    is cut by letters."""
    lines: list[str] = []
    for para in text.split("\n"):
        line = ""
        for word in filter(None, para.split(" ")):  # not str.split(): a no-break space joins words
            while text_width(word, size, bold) > width and len(word) > 1:  # only a word too long for any line
                if line:
                    lines.append(line)
                    line = ""
                cut = max(k for k in range(1, len(word) + 1) if k == 1 or text_width(word[:k], size, bold) <= width)
                lines.append(word[:cut])
                word = word[cut:]
            joined = f"{line} {word}" if line else word
            if text_width(joined, size, bold) <= width:
                line = joined
            else:
                lines.append(line)
                line = word
        lines.append(line)
    return lines


DATE = re.compile(r"\d{1,2} [A-Z][a-z]{2} \d{4}")  # how the pack writes a date: 08 May 2024


def keep_together(text: str) -> str:
    """A cell's text with each date's spaces made no-break spaces, so that a date never wraps."""
    return DATE.sub(lambda m: m.group().replace(" ", "\u00a0"), text)


def lines_height(n: int, size: float) -> int:
    """The height of `n` lines of text at `size` points, in EMU."""
    return math.ceil(n * size * LINE * 12700)


def _rgb(colour: str) -> RGBColor:
    return RGBColor.from_string(colour.lstrip("#").upper())


def _paragraphs(tf: TextFrame, lines: Sequence[tuple[str, float, bool, str]], align: PP_ALIGN | None = None) -> None:
    """Fill a text frame with one paragraph per (text, size, bold, colour), in FONT."""
    tf.word_wrap = True
    tf.auto_size = MSO_AUTO_SIZE.NONE
    for i, (text, size, bold, colour) in enumerate(lines):
        p = tf.paragraphs[0] if i == 0 else tf.add_paragraph()
        p.text = text
        if align is not None:
            p.alignment = align
        p.font.size, p.font.bold, p.font.name = Pt(size), bold, FONT
        p.font.color.rgb = _rgb(colour)


def _textbox(slide: Slide, box: tuple[int, int, int, int], lines: Sequence[tuple[str, float, bool, str]]) -> None:
    shape = slide.shapes.add_textbox(*box)
    tf = shape.text_frame
    tf.margin_left = tf.margin_right = tf.margin_top = tf.margin_bottom = 0
    _paragraphs(tf, lines)


def _title(slide: Slide, text: str) -> None:
    """The slide's title placeholder across the top, at the largest size (28 down to 18 pt) that fits one line."""
    head = slide.shapes.title
    head.left, head.top, head.width, head.height = LEFT, Inches(0.3), BODY_WIDTH, Inches(0.8)
    tf = head.text_frame
    tf.margin_left = tf.margin_right = 0
    tf.vertical_anchor = MSO_ANCHOR.MIDDLE
    room = BODY_WIDTH
    size = next((s for s in range(28, 17, -2) if text_width(text, s, True) <= room), 18)
    _paragraphs(tf, [(text, size, True, "0B5394")], PP_ALIGN.LEFT)


# ---- tables ----------------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Fit:
    """A table laid out at one font size: column widths, header and row heights (EMU)."""

    size: int
    widths: list[int]
    header: int
    rows: list[int]


def _columns(header: Sequence[str], rows: Sequence[Sequence[str]], width: int, size: int) -> list[int] | None:
    """Column widths within `width` where no word is broken (None: impossible at this size).

    Each column starts at its longest word; the rest of the width goes, a slice at a time, to the column where it
    saves the most lines of table height (and, where no slice saves a line, to the column wrapped the most), up to
    each column's one-line width: so a short column is not wrapped to give a long one room it cannot use.
    """
    pad = 2 * CELL_X
    cols = range(len(header))
    table = [list(header), *(list(r) for r in rows)]
    bold = [True] + [False] * len(rows)
    least = [max(longest_word(r[j], size, b) for r, b in zip(table, bold, strict=True)) + pad for j in cols]
    want = [max(text_width(r[j], size, b) for r, b in zip(table, bold, strict=True)) + pad for j in cols]
    if sum(least) > width:
        return None
    if sum(want) <= width:
        return want

    def lines(j: int, w: int) -> list[int]:
        return [len(wrap(r[j], w - pad, size, b)) for r, b in zip(table, bold, strict=True)]

    widths = least[:]
    counts = [lines(j, widths[j]) for j in cols]
    left = width - sum(widths)
    step = max(left // 40, Inches(0.05))
    while left > 0:
        total = sum(map(max, zip(*counts, strict=True)))
        best: tuple[int, int, int, list[int]] | None = None  # (lines saved, lines wrapped, column, new counts)
        for j in cols:
            add = min(step, want[j] - widths[j], left)
            if add <= 0:
                continue
            new = lines(j, widths[j] + add)
            saved = total - sum(map(max, zip(*[new if k == j else counts[k] for k in cols], strict=True)))
            key = (saved, sum(counts[j]) - len(table), j, new)
            if best is None or key[:2] > best[:2]:
                best = key
        if best is None:
            break  # every column is on one line
        j = best[2]
        add = min(step, want[j] - widths[j], left)
        widths[j] += add
        counts[j] = best[3]
        left -= add
    return widths


def _row_height(cells: Sequence[str], widths: Sequence[int], size: int, bold: bool = False) -> int:
    lines = max(len(wrap(c, w - 2 * CELL_X, size, bold)) for c, w in zip(cells, widths, strict=True))
    return lines_height(lines, size) + 2 * CELL_Y


def fit_table(
    header: Sequence[str], rows: Sequence[Sequence[str]], width: int = BODY_WIDTH, first: int | None = None
) -> Fit:
    """The table at the largest of TABLE_SIZES among those that need the fewest slides (smaller if words must);
    `first`, the room on its first slide when that is less than a slide's body."""
    fits = []
    for size in (*TABLE_SIZES, *range(TABLE_SIZES[-1] - 1, 7, -1)):
        widths = _columns(header, rows, width, size)
        if widths is not None:
            fits.append(
                Fit(size, widths, _row_height(header, widths, size, True), [_row_height(r, widths, size) for r in rows])
            )
            if size <= TABLE_SIZES[-1]:
                break  # below the readable sizes, take the first that keeps words whole
    if not fits:  # a word too long for the slide at 8 pt: let it break, spread evenly
        even = [width // len(header)] * len(header)
        fits = [Fit(8, even, _row_height(header, even, 8, True), [_row_height(r, even, 8) for r in rows])]
    return min(fits, key=lambda f: (len(chunks(f, BODY_HEIGHT, first)), -f.size))


def chunks(fit: Fit, room: int, first: int | None = None) -> list[range]:
    """The rows of each slide a table needs, the header repeated on each (at least one row a slide); `first`, the
    room on the first slide when it differs (a part that starts under other blocks)."""
    out, start, used = [], 0, fit.header
    limit = room if first is None else first
    for i, h in enumerate(fit.rows):
        if used + h > limit and i > start:
            out.append(range(start, i))
            start, used, limit = i, fit.header, room
        used += h
    out.append(range(start, len(fit.rows)))
    return out


def _draw_table(
    slide: Slide,
    name: str,
    x: int,
    y: int,
    fit: Fit,
    header: Sequence[str],
    rows: Sequence[Sequence[str]],
    numeric: list[bool],
) -> None:
    frame = slide.shapes.add_table(len(rows) + 1, len(header), x, y, sum(fit.widths), 1)
    frame.name = f"Table: {name}"  # what the selection pane (and the tests) call it
    table = frame.table
    for j, w in enumerate(fit.widths):
        table.columns[j].width = Emu(w)
    heights = [fit.header] + [_row_height(r, fit.widths, fit.size) for r in rows]
    for i, h in enumerate(heights):
        table.rows[i].height = Emu(h)
    frame.width, frame.height = Emu(sum(fit.widths)), Emu(sum(heights))
    for i, row in enumerate([header, *rows]):
        for j, text in enumerate(row):
            cell = table.cell(i, j)
            cell.margin_left = cell.margin_right = CELL_X
            cell.margin_top = cell.margin_bottom = CELL_Y
            cell.vertical_anchor = MSO_ANCHOR.TOP
            colour = "FFFFFF" if i == 0 else INK
            align = PP_ALIGN.RIGHT if numeric[j] else PP_ALIGN.LEFT
            _paragraphs(cell.text_frame, [(text, fit.size, i == 0, colour)], align)


# ---- charts ----------------------------------------------------------------------------------------------------

# Plotly's pattern shapes as PowerPoint's preset patterns
PATTERNS = {
    "/": MSO_PATTERN.WIDE_UPWARD_DIAGONAL,
    "\\": MSO_PATTERN.WIDE_DOWNWARD_DIAGONAL,
    "x": MSO_PATTERN.DIAGONAL_CROSS,
    ".": MSO_PATTERN.DOTTED_GRID,
    "+": MSO_PATTERN.SMALL_GRID,
    "-": MSO_PATTERN.NARROW_HORIZONTAL,
    "|": MSO_PATTERN.NARROW_VERTICAL,
}


def _contrast(colour: str) -> str:
    """The stripe colour Plotly gives a pattern with no fgcolor: dark grey on a light bar, white on a dark one."""
    r, g, b = (int(colour.lstrip("#")[i : i + 2], 16) for i in (0, 2, 4))
    return "#444444" if (r * 299 + g * 587 + b * 114) / 1000 >= 128 else "#FFFFFF"


def nice_step(top: float, ticks: int = 5) -> float:
    """A round tick step (1, 2 or 5 times a power of ten) giving at most about `ticks` steps up to `top`."""
    if top <= 0:
        return 1
    raw = top / ticks
    power = 10 ** math.floor(math.log10(raw))
    return next(m * power for m in (1, 2, 5, 10) if m * power >= raw)


@dataclass(frozen=True)
class Series:
    """One bar trace of a Plotly figure, on the figure's categories (None where the trace has no bar)."""

    name: str
    values: list[float | None]
    labels: list[str] | None  # the text written on each bar, None for no labels
    colour: str
    pattern: str
    stripes: str
    line: str | None


def _number(v: Any) -> float | None:
    return None if v is None else (int(v) if float(v).is_integer() else float(v))


def figure_series(fig: go.Figure) -> tuple[bool, list[str], list[Series]]:
    """(horizontal, category labels, series) of a bar figure, in the figure's category order and trace order."""
    horizontal = all(t.orientation == "h" for t in fig.data)
    axis = fig.layout.yaxis if horizontal else fig.layout.xaxis
    cats = list(axis.categoryarray or dict.fromkeys(c for t in fig.data for c in (t.y if horizontal else t.x)))
    alias = dict(axis.labelalias or {})
    out = []
    for t in fig.data:
        keys, vals = (t.y, t.x) if horizontal else (t.x, t.y)
        value = dict(zip(keys, vals, strict=True))
        text = dict(zip(keys, t.text, strict=True)) if t.text is not None else {}
        labelled = t.text is not None and t.textposition != "none"
        colour = t.marker.color
        out.append(
            Series(
                name=t.name,
                values=[_number(value.get(c)) for c in cats],
                labels=[html.unescape(str(text.get(c, ""))) for c in cats] if labelled else None,
                colour=colour,
                pattern=t.marker.pattern.shape or "",
                stripes=t.marker.pattern.fgcolor or _contrast(colour),
                line=t.marker.line.color,
            )
        )
    return horizontal, [html.unescape(str(alias.get(c, c))) for c in cats], out


def _says(text: str, value: float) -> bool:
    """Whether a bar's text is just its value ('44', '44.0', '1,029'): then the value itself is the label."""
    try:
        return float(text.replace(",", "")) == value
    except ValueError:
        return False


def _hide_label(series: Any, idx: int) -> None:
    """Delete one point's data label (a zero needs none)."""
    dlbl = series._element.get_or_add_dLbls().get_or_add_dLbl_for_point(idx)  # python-pptx has no API for this
    for child in list(dlbl):
        if child.tag != qn("c:idx"):
            dlbl.remove(child)
    etree.SubElement(dlbl, qn("c:delete")).set("val", "1")


def _rotate_ticks(chart: Chart, degrees: float) -> None:
    body = chart.category_axis._element.find(f"{qn('c:txPr')}/{qn('a:bodyPr')}")  # python-pptx has no API for this
    body.set("rot", str(int(degrees * 60000)))


def draw_chart(slide: Slide, fig: go.Figure, box: tuple[int, int, int, int]) -> Chart:
    """A native bar chart of a Plotly bar figure: its categories, series, names, colours, patterns and labels."""
    horizontal, cats, series = figure_series(fig)
    stacked = fig.layout.barmode == "stack"
    data = CategoryChartData(number_format="#,##0")
    data.categories = cats
    for s in series:
        data.add_series(s.name, s.values)
    kind = {
        (True, True): XL_CHART_TYPE.BAR_STACKED,
        (True, False): XL_CHART_TYPE.BAR_CLUSTERED,
        (False, True): XL_CHART_TYPE.COLUMN_STACKED,
        (False, False): XL_CHART_TYPE.COLUMN_CLUSTERED,
    }[(horizontal, stacked)]
    chart = slide.shapes.add_chart(kind, *box, data).chart
    chart.has_title = False
    chart.font.name, chart.font.size = FONT, Pt(14)
    chart.has_legend = len(series) > 1
    if chart.has_legend:
        chart.legend.position = XL_LEGEND_POSITION.TOP
        chart.legend.include_in_layout = False
        chart.legend.font.size = Pt(14)
    plot = chart.plots[0]
    plot.gap_width = 50
    if fig.layout.barmode == "overlay":
        plot.overlap = 100  # one bar per category, as on screen
    outside = not stacked and any(s.labels for s in series)
    for s, drawn in zip(series, plot.series, strict=True):
        fill = drawn.format.fill
        if s.pattern in PATTERNS:
            fill.patterned()
            fill.pattern = PATTERNS[s.pattern]
            fill.fore_color.rgb, fill.back_color.rgb = _rgb(s.stripes), _rgb(s.colour)
        else:
            fill.solid()
            fill.fore_color.rgb = _rgb(s.colour)
        if s.line:
            drawn.format.line.color.rgb = _rgb(s.line)
            drawn.format.line.width = Pt(1.5)
        if s.labels is None:
            continue
        labels = drawn.data_labels
        labels.show_value = True
        labels.number_format, labels.number_format_is_linked = "#,##0", False
        # a label inside a bar takes the bar's contrast colour, as Plotly's does
        ink = INK if outside else _contrast(s.colour if s.pattern not in PATTERNS else s.stripes)
        labels.font.size, labels.font.name, labels.font.color.rgb = Pt(14), FONT, _rgb(ink)
        labels.position = XL_LABEL_POSITION.OUTSIDE_END if outside else XL_LABEL_POSITION.CENTER
        for idx, (value, text) in enumerate(zip(s.values, s.labels, strict=True)):
            if value is None:
                continue
            if value == 0:
                _hide_label(drawn, idx)
            elif not _says(text, value):
                label = drawn.points[idx].data_label
                label.text_frame.text = text
                label.text_frame.word_wrap = False  # one line across the bar
                label.position = labels.position
                for font in (label.font, label.text_frame.paragraphs[0].runs[0].font):
                    font.size, font.name, font.color.rgb = Pt(14), FONT, _rgb(ink)
    value_layout, cat_layout = (
        (fig.layout.xaxis, fig.layout.yaxis) if horizontal else (fig.layout.yaxis, fig.layout.xaxis)
    )
    totals = [(sum if stacked else max)(s.values[i] or 0 for s in series) for i in range(len(cats))]
    top = max(totals, default=0)
    step = nice_step(top)
    axis = chart.value_axis
    axis.major_unit = step
    axis.minimum_scale = 0
    # room past the longest bar for a label written outside it
    axis.maximum_scale = (math.floor(top / step) + 1) * step if outside else max(math.ceil(top / step), 1) * step
    axis.has_major_gridlines = True
    grid = fig.layout.template.layout.xaxis.gridcolor  # the screen's own grid colour
    axis.major_gridlines.format.line.color.rgb = _rgb(grid)
    axis.tick_labels.font.size = Pt(14)
    axis.tick_labels.number_format, axis.tick_labels.number_format_is_linked = "#,##0", False
    if value_layout.title.text:
        axis.has_title = True
        axis.axis_title.text_frame.text = value_layout.title.text
        axis.axis_title.text_frame.paragraphs[0].font.size = Pt(14)
    cat_axis = chart.category_axis
    cat_axis.tick_labels.font.size = Pt(14)
    if horizontal and cat_layout.autorange == "reversed":
        cat_axis.reverse_order = True  # first category on top, as on screen
        # and the value axis kept at the foot, as on screen: it crosses the reversed categories at their last
        val_ax = axis._element  # python-pptx has no API for this
        val_ax._remove_crosses()
        val_ax._remove_crossesAt()
        val_ax._add_crosses(val=XL_AXIS_CROSSES.MAXIMUM)
    if not horizontal and cat_layout.tickangle:
        _rotate_ticks(chart, cat_layout.tickangle)
    return chart


def chart_height(fig: go.Figure) -> int:
    """A chart's height on a slide: about half an inch a bar for horizontal bars, else most of the body."""
    horizontal, cats, _ = figure_series(fig)
    return min(Inches(1.2) + Inches(0.45) * len(cats), Inches(5.2)) if horizontal else Inches(5.2)


def is_bar_figure(fig: go.Figure) -> bool:
    """Whether every trace of a figure is a bar (draw_chart's kind); else it is a diagram (draw_structure's)."""
    return bool(fig.data) and all(isinstance(t, go.Bar) for t in fig.data)


def _ink_on(colour: str) -> str:
    """INK or white, whichever reads better on `colour` (WCAG contrast)."""
    fill = "#" + colour.lstrip("#")
    return INK if contrast_ratio("#" + INK, fill) >= contrast_ratio("#FFFFFF", fill) else "FFFFFF"


def _line(shapes: Any, x0: int, y0: int, x1: int, y1: int, colour: str = RULE) -> None:
    line = shapes.add_connector(MSO_CONNECTOR.STRAIGHT, x0, y0, x1, y1)
    line.line.color.rgb = _rgb(colour)
    line.line.width = Pt(1.5)


STRUCTURE_KEY = Inches(0.5)  # the key's row under the tree


def draw_structure(slide: Slide, fig: go.Figure, box: tuple[int, int, int, int]) -> Any:
    """A tree diagram (charts.governance_structure_chart) as native shapes in one group: a box a group, in its
    state's colour (an open marker on screen: an outlined box), joined to its parent by org-chart lines; the
    key (the states drawn) along the foot."""
    x0, y0, width, height = box
    nodes = [
        (t, float(x), float(y), html.unescape(str(code)))
        for t in fig.data
        for x, y, code in zip(t.x, t.y, t.text, strict=True)
    ]
    group = slide.shapes.add_group_shape()
    if not nodes:
        return group
    xs, ys = [n[1] for n in nodes], [n[2] for n in nodes]
    slots = max(xs) - min(xs) + 1
    slot = width / slots
    size = 12
    node_w = int(min(slot - Inches(0.08), max(text_width(n[3], size, True) for n in nodes) + Inches(0.24)))
    while (
        text_width(max((n[3] for n in nodes), key=lambda c: text_width(c, size, True)), size, True)
        > node_w - Inches(0.06)
        and size > 8
    ):
        size -= 1
    node_h = lines_height(1, size) + Inches(0.16)
    rows = max(ys) - min(ys)
    tree_h = height - STRUCTURE_KEY

    def centre(x: float, y: float) -> tuple[int, int]:
        cx = x0 + int((x - min(xs) + 0.5) * slot)
        cy = y0 + node_h // 2 + (int((max(ys) - y) / rows * (tree_h - node_h)) if rows else 0)
        return cx, cy

    at = {n[3]: centre(n[1], n[2]) for n in nodes}
    # org-chart lines: down from a parent to mid-way, across its children, down to each child
    children: dict[tuple[int, int], list[tuple[int, int]]] = {}
    for shape in fig.layout.shapes:
        up, down = centre(shape.x0, shape.y0), centre(shape.x1, shape.y1)
        children.setdefault(up, []).append(down)
    for (px, py), kids in children.items():
        mid = (py + min(ky for _, ky in kids)) // 2
        _line(group.shapes, px, py + node_h // 2, px, mid)
        left, right = min([px, *(kx for kx, _ in kids)]), max([px, *(kx for kx, _ in kids)])
        if right > left:
            _line(group.shapes, left, mid, right, mid)
        for kx, ky in kids:
            _line(group.shapes, kx, mid, kx, ky - node_h // 2)
    for t, _, _, code in nodes:
        colour = str(t.marker.color).lstrip("#").upper()
        outlined = str(t.marker.symbol).endswith("-open")
        cx, cy = at[code]
        node = group.shapes.add_shape(MSO_SHAPE.ROUNDED_RECTANGLE, cx - node_w // 2, cy - node_h // 2, node_w, node_h)
        node.name = f"Group: {code}"
        node.fill.solid()
        node.fill.fore_color.rgb = _rgb("FFFFFF" if outlined else colour)
        node.line.color.rgb = _rgb(colour)
        node.line.width = Pt(2.25 if outlined else 1)
        node.shadow.inherit = False
        tf = node.text_frame
        tf.margin_left = tf.margin_right = Inches(0.03)
        tf.margin_top = tf.margin_bottom = Inches(0.02)
        tf.vertical_anchor = MSO_ANCHOR.MIDDLE
        _paragraphs(tf, [(code, size, True, INK if outlined else _ink_on(colour))], PP_ALIGN.CENTER)
    # the key: a swatch and the state's name for each state drawn
    x, y = x0, y0 + height - STRUCTURE_KEY + Inches(0.15)
    swatch = Inches(0.25)
    for t in fig.data:
        colour = str(t.marker.color).lstrip("#").upper()
        outlined = str(t.marker.symbol).endswith("-open")
        label = html.unescape(str(t.name))
        room = swatch + Inches(0.08) + text_width(label, 12) + Inches(0.3)
        if x + room > x0 + width:
            break
        key = group.shapes.add_shape(MSO_SHAPE.ROUNDED_RECTANGLE, x, y, swatch, swatch)
        key.fill.solid()
        key.fill.fore_color.rgb = _rgb("FFFFFF" if outlined else colour)
        key.line.color.rgb = _rgb(colour)
        key.line.width = Pt(2.25 if outlined else 1)
        key.shadow.inherit = False
        text = group.shapes.add_textbox(x + swatch + Inches(0.08), y, text_width(label, 12), swatch)
        text.text_frame.margin_left = text.text_frame.margin_right = 0
        text.text_frame.margin_top = text.text_frame.margin_bottom = 0
        text.text_frame.vertical_anchor = MSO_ANCHOR.MIDDLE
        _paragraphs(text.text_frame, [(label, 12, False, INK)])
        x += room
    return group


# ---- the deck --------------------------------------------------------------------------------------------------


@dataclass
class _Cursor:
    """Where the next block goes on the current slide: beside the last one (x, row top) or below the row."""

    x: int = LEFT
    top: int = BODY_TOP
    height: int = 0


class Deck:
    """Slides laid out block by block: a block goes beside the last, below it, or on a new slide titled for it."""

    def __init__(self, pack: Pack) -> None:
        self.pack = pack
        self.prs: PresentationType = Presentation()
        self.prs.slide_width, self.prs.slide_height = WIDTH, HEIGHT
        self.slide: Slide | None = None
        self.at = _Cursor()
        self.section = ""
        self.sections: list[tuple[Slide, str]] = []
        # the block the current slide is titled for (its title, first shape, width), while it is alone on it
        self.owner: tuple[str, int, int] | None = None

    def new_slide(self, title: str) -> Slide:
        slide = self.prs.slides.add_slide(self.prs.slide_layouts[TITLE_ONLY])
        _title(slide, title)
        self.slide, self.at, self.owner = slide, _Cursor(), None
        self.sections.append((slide, self.section))
        return slide

    def _share(self) -> bool:
        """Before a second titled block joins a slide titled for the first: give the first its own heading back
        (moving it down) and title the slide as the section's continuation, so that the title names no block it
        does not hold alone. False (and nothing changed) when the first block has no room to move down."""
        if self.owner is None or self.slide is None:
            return True
        title, first, width = self.owner
        head = self._heading_height(title, width)
        shapes = list(self.slide.shapes)[first:]
        if max((sh.top + sh.height for sh in shapes), default=BODY_TOP) + head > BODY_BOTTOM:
            return False
        for sh in shapes:
            sh.top += head
        self._heading(LEFT, BODY_TOP, width, title)
        _title(self.slide, f"{self.section} (continued)")
        self.at.height += head
        self.owner = None
        return True

    @staticmethod
    def _heading_height(title: str, width: int) -> int:
        return lines_height(len(wrap(title, width, HEADING, True)), HEADING) + Inches(0.05)

    def room(self, width: int, height: int) -> tuple[int, int] | None:
        """Where a box of this size fits on the current slide (beside the row's last block, or below the row)."""
        if self.slide is None:
            return None
        if self.at.height and self.at.x + width <= RIGHT and self.at.top + height <= BODY_BOTTOM:
            return self.at.x, self.at.top
        y = self.at.top + (self.at.height + GAP if self.at.height else 0)
        return (LEFT, y) if y + height <= BODY_BOTTOM else None

    def put(self, x: int, y: int, width: int, height: int) -> None:
        if y != self.at.top:
            self.at = _Cursor(top=y)
        self.at.x, self.at.height = x + width + GAP, max(self.at.height, height)

    def _heading(self, x: int, y: int, width: int, text: str) -> int:
        """A block's own heading above it; its height."""
        h = lines_height(len(wrap(text, width, HEADING, True)), HEADING)
        _textbox(self.slide, (x, y, width, h), [(text, HEADING, True, "0B5394")])
        return h + Inches(0.05)

    def block(self, title: str | None, width: int, height: int) -> tuple[int, int]:
        """Make room for a block (and its heading, unless it titles a new slide); where its body goes."""
        head = self._heading_height(title, width) if title else 0
        spot = self.room(width, head + height)
        if spot is not None and title and not self._share():
            spot = None
        spot = self.room(width, head + height) if spot is not None else None  # the first block may have moved
        if spot is None:
            self.new_slide(title or self.section)
            spot, head = (LEFT, BODY_TOP), 0
            if title:
                self.owner = (title, len(self.slide.shapes), width)  # type: ignore[union-attr]
            title = None
        x, y = spot
        if title:
            self._heading(x, y, width, title)
        self.put(x, y, width, head + height)
        return x, y + head

    def _beside(
        self, title: str, header: Sequence[str], rows: Sequence[Sequence[str]], note: str | None, fit: Fit
    ) -> Fit | None:
        """The table laid out narrower to sit beside the row's last block, when it would not fit the slide at its
        own width but does there; None otherwise."""
        if self.slide is None or not self.at.height:
            return None
        full = sum(fit.widths)
        needed = self._heading_height(title, full) + self._note_height(note, full) + fit.header + sum(fit.rows)
        if self.room(full, needed) is not None:
            return None
        room = RIGHT - self.at.x
        if room < Inches(3) or room >= full:
            return None
        narrow = fit_table(header, rows, room)
        width = sum(narrow.widths)
        if width > room or narrow.size < min(TABLE_SIZES):
            return None
        height = self._heading_height(title, width) + self._note_height(note, width) + narrow.header + sum(narrow.rows)
        return narrow if self.at.top + height <= BODY_BOTTOM else None

    def _note(self, x: int, y: int, width: int, note: str) -> None:
        _textbox(self.slide, (x, y, width, self._note_height(note, width)), [(note, NOTE, False, MUTED_TEXT)])

    @staticmethod
    def _note_height(note: str | None, width: int) -> int:
        """A table's note under its heading ('Updated to 01 May 2024'), and the gap under it; 0 for none."""
        return lines_height(len(wrap(note, width, NOTE)), NOTE) + Inches(0.05) if note else 0

    def table(
        self,
        title: str,
        header: Sequence[str],
        rows: Sequence[Sequence[str]],
        numeric: list[bool],
        note: str | None = None,
    ) -> None:
        """A table under its heading (and note); one too long for a slide continues on slides titled 'title (k of n)',
        its first part on the section's slide when nothing else is on it yet. A note that would cost the table a
        slide goes into its slides' titles ('Change Request Status · Updated to 01 May 2024')."""
        fit = fit_table(header, rows)
        beside = self._beside(title, header, rows, note, fit)
        if beside is not None:
            fit = beside
        width = sum(fit.widths)
        lead = self._note_height(note, width)
        parts = chunks(fit, BODY_HEIGHT - lead)
        if len(parts) == 1:
            height = fit.header + sum(fit.rows)
            x, y = self.block(title, width, lead + height)
            if note:
                self._note(x, y, width, note)
            _draw_table(self.slide, title, x, y + lead, fit, header, rows, numeric)
            return
        suffix = ""
        if note and len(chunks(fit, BODY_HEIGHT)) < len(parts):
            parts, lead, suffix = chunks(fit, BODY_HEIGHT), 0, f" \u00b7 {note}"
            if len(parts) == 1:
                self.new_slide(title + suffix)
                _draw_table(self.slide, title, LEFT, BODY_TOP, fit, header, rows, numeric)
                self.put(LEFT, BODY_TOP, width, fit.header + sum(fit.rows))
                return
        here = self.slide is not None and not self.at.height and self.at.top == BODY_TOP  # a title, nothing else
        head = self._heading_height(f"{title} (1 of 9)", width)
        if here:
            fit = fit_table(header, rows, first=BODY_HEIGHT - lead - head)
            width = sum(fit.widths)
            parts = chunks(fit, BODY_HEIGHT - lead, BODY_HEIGHT - lead - head)
        for k, part in enumerate(parts, start=1):
            name = f"{title} ({k} of {len(parts)})"
            x, y = LEFT, BODY_TOP
            if k == 1 and here:
                self._heading(x, y, width, name)
                y += head
            else:
                self.new_slide(name + suffix)
            if note and lead:
                self._note(x, y, width, note)
            _draw_table(self.slide, name, x, y + lead, fit, header, [rows[i] for i in part], numeric)
            self.put(x, BODY_TOP, width, y - BODY_TOP + lead + fit.header + sum(fit.rows[i] for i in part))

    def chart(self, fig: go.Figure) -> None:
        """A figure as a native chart (bars) or a native diagram (the governance structure), under its title."""
        title = fig.layout.title.text
        if not is_bar_figure(fig):
            x, y = self.block(title, BODY_WIDTH, Inches(5.0))
            shape = draw_structure(self.slide, fig, (x, y, BODY_WIDTH, Inches(5.0)))
            shape.name = f"Chart: {title}"
            return
        height = chart_height(fig)
        x, y = self.block(title, BODY_WIDTH, height)
        draw_chart(self.slide, fig, (x, y, BODY_WIDTH, height))
        self.slide.shapes[-1].name = f"Chart: {title}"  # type: ignore[union-attr]

    def text(self, blocks: Sequence[dict[str, Any]]) -> None:
        """Blocks of bulleted text (report.block's shape), full width, one after another. A block with no lines is
        a heading for the next ('Updates from PSG held 01 May 2024'), drawn with it. A block with no room left on
        the slide goes on a new one titled for it; one too long for a slide continues on slides titled
        'title (k of n)', a line never split."""
        pending: list[str] = []
        for b in blocks:
            if not b["lines"]:
                pending.append(b["title"])
                continue
            self._text_block(b, pending)
            pending = []
        for lead in pending:  # headings with nothing after them
            self._text_block({"title": lead, "subtitle": None, "lines": []}, [])

    def _text_block(self, b: dict[str, Any], leads: Sequence[str]) -> None:
        bullets = [(f"\u2022 {line}", BULLET, False, INK) for line in b["lines"]]
        heads = [(lead, HEADING, True, "0B5394") for lead in leads] + [(b["title"], HEADING, True, "0B5394")]
        subs = [(b["subtitle"], BULLET, True, INK)] if b.get("subtitle") else []
        # as wide as its longest line needs, so that a short block can sit beside another
        want = max(
            [text_width(t, size, bold) for t, size, bold, _ in [*heads, *subs]]
            + [text_width(t, BULLET) + BULLET_INDENT for t, *_ in bullets]
        )
        width = min(BODY_WIDTH, want + Inches(0.1))
        heights = [lines_height(len(wrap(t, width - BULLET_INDENT, BULLET)), BULLET) + BULLET_GAP for t, *_ in bullets]

        def height_of(lines: Sequence[tuple[str, float, bool, str]]) -> int:
            return sum(lines_height(len(wrap(t, width, size, bold)), size) for t, size, bold, _ in lines)

        total = height_of([*heads, *subs]) + Inches(0.05) + sum(heights)
        spot = self.room(width, total)
        if spot is not None:
            self._draw_text(spot, width, [*heads, *subs], bullets, heights)
            return
        # on a new slide: titled with its leads ("Updates from PSG held 01 May 2024"), else as the section's
        # continuation; its own heading stays above it
        slide_title = " \u00b7 ".join(leads) if leads else f"{self.section} (continued)"
        body = [heads[-1], *subs]
        again = [(f"{b['title']} (continued)", HEADING, True, "0B5394")]
        first = max(height_of(body), height_of(again)) + Inches(0.05)
        parts = chunks(Fit(BULLET, [width], first, heights), BODY_HEIGHT)
        for k, part in enumerate(parts, start=1):
            name = slide_title if len(parts) == 1 else f"{slide_title} ({k} of {len(parts)})"
            self.new_slide(name)
            lines = body if k == 1 else again
            self._draw_text((LEFT, BODY_TOP), width, lines, [bullets[i] for i in part], [heights[i] for i in part])

    def _draw_text(
        self,
        spot: tuple[int, int],
        width: int,
        heads: Sequence[tuple[str, float, bool, str]],
        bullets: Sequence[tuple[str, float, bool, str]],
        heights: Sequence[int],
    ) -> None:
        x, y = spot
        head_h = sum(lines_height(len(wrap(t, width, size, bold)), size) for t, size, bold, _ in heads)
        head_h += Inches(0.05) if heads else 0
        self.put(x, y, width, head_h + sum(heights))
        if heads:
            _textbox(self.slide, (x, y, width, head_h), heads)
        if not bullets:
            return
        box = self.slide.shapes.add_textbox(x, y + head_h, width, sum(heights))  # type: ignore[union-attr]
        tf = box.text_frame
        tf.margin_left = tf.margin_right = tf.margin_top = tf.margin_bottom = 0
        _paragraphs(tf, bullets)
        for p in tf.paragraphs:  # a hanging indent: a wrapped line starts under the text, not the bullet
            p_pr = p._p.get_or_add_pPr()
            p_pr.set("marL", str(BULLET_INDENT))
            p_pr.set("indent", str(-BULLET_INDENT))
            p.space_after = Emu(BULLET_GAP)

    def tiles(self, tiles: Sequence[dict[str, Any]], since: str) -> None:
        """The section's headline figures as boxes in a row (five at most a row): label, value, change."""
        for start in range(0, len(tiles), 5):
            row = tiles[start : start + 5]
            width = (BODY_WIDTH - GAP * (len(row) - 1)) // len(row)
            inner = width - 2 * Inches(0.12)
            texts = [
                [
                    (t["label"], 14, False, INK),
                    (t["value"], 32, True, INK),
                    *([(f"{t['delta']} since {since}", 12, False, MUTED_TEXT)] if t["delta"] is not None else []),
                ]
                for t in row
            ]
            height = Inches(0.2) + max(
                sum(lines_height(len(wrap(text, inner, size, bold)), size) for text, size, bold, _ in lines)
                for lines in texts
            )
            x, y = self.block(None, BODY_WIDTH, height)
            for i, lines in enumerate(texts):
                box = self.slide.shapes.add_shape(  # type: ignore[union-attr]
                    MSO_SHAPE.RECTANGLE, x + i * (width + GAP), y, width, height
                )
                box.fill.solid()
                box.fill.fore_color.rgb = _rgb("FFFFFF")
                box.line.color.rgb = _rgb(RULE)
                box.shadow.inherit = False
                tf = box.text_frame
                tf.margin_left = tf.margin_right = Inches(0.12)
                tf.margin_top = tf.margin_bottom = Inches(0.1)
                tf.vertical_anchor = MSO_ANCHOR.TOP
                _paragraphs(tf, lines, PP_ALIGN.LEFT)

    def news(self, lines: Sequence[str]) -> None:
        """'Since the last meeting': one bullet a change, in the pack's amber box; continued if it is long."""
        pad = Inches(0.12)
        inner = BODY_WIDTH - 2 * pad
        items = [[(f"• {text}", 14, False, INK)] for text in lines]
        heights = [lines_height(len(wrap(i[0][0], inner, 14)), 14) for i in items]
        title = "Since the last meeting"
        head = lines_height(1, 14)
        fresh = Fit(14, [inner], head + 2 * pad, heights)
        parts = chunks(fresh, BODY_HEIGHT - lines_height(1, HEADING))
        for k, part in enumerate(parts, start=1):
            name = title if len(parts) == 1 else f"{title} ({k} of {len(parts)})"
            height = 2 * pad + head + sum(heights[i] for i in part)
            if k == 1:
                x, y = self.block(None, BODY_WIDTH, height)
            else:
                self.new_slide(name)
                x, y = LEFT, BODY_TOP
                self.put(x, y, BODY_WIDTH, height)
            box = self.slide.shapes.add_shape(MSO_SHAPE.RECTANGLE, x, y, BODY_WIDTH, height)  # type: ignore[union-attr]
            box.fill.solid()
            box.fill.fore_color.rgb = _rgb(NEWS_FILL)
            box.line.fill.background()
            box.shadow.inherit = False
            tf = box.text_frame
            tf.margin_left = tf.margin_right = tf.margin_top = tf.margin_bottom = pad
            tf.vertical_anchor = MSO_ANCHOR.TOP
            _paragraphs(tf, [(name, 14, True, INK), *(items[i][0] for i in part)], PP_ALIGN.LEFT)

    def table_of(self, t: dict[str, Any]) -> None:
        """One of the pack's tables (report._table's shape): its title, note, headings and cell texts."""
        rows = [[keep_together(c["text"]) for c in r] for r in t["rows"]]
        numeric = [
            bool(t["rows"]) and all(r[j]["num"] or not r[j]["text"] for r in t["rows"])
            for j in range(len(t["columns"]))
        ]
        self.table(t["title"], t["columns"], rows, numeric, t.get("note"))

    def opener(self, lines: Sequence[str]) -> None:
        """A section's first lines under its title: 'DECISION: <objective>' (16 pt), then lead and time (14 pt)."""
        texts = [(line, 16 if k == 0 else 14, False, MUTED_TEXT) for k, line in enumerate(lines)]
        height = sum(lines_height(len(wrap(t, BODY_WIDTH, size)), size) for t, size, _, _ in texts)
        x, y = self.block(None, BODY_WIDTH, height)
        _textbox(self.slide, (x, y, BODY_WIDTH, height), texts)

    def footers(self) -> None:
        """Every slide's foot: its agenda section on the left; the as-at date and 'k of n' on the right."""
        n = len(self.prs.slides)
        stamp = f"Figures as at {self.pack.as_at:%d %B %Y}"
        y, h = BODY_BOTTOM + Inches(0.15), lines_height(1, 11)
        for k, slide in enumerate(self.prs.slides, start=1):
            section = dict((id(s), name) for s, name in self.sections).get(id(slide), "")
            if section:
                _textbox(slide, (LEFT, y, BODY_WIDTH // 2, h), [(section, 11, False, MUTED_TEXT)])
            right = slide.shapes.add_textbox(LEFT + BODY_WIDTH // 2, y, BODY_WIDTH - BODY_WIDTH // 2, h).text_frame
            right.margin_left = right.margin_right = right.margin_top = right.margin_bottom = 0
            _paragraphs(right, [(f"{stamp} · {k} of {n}", 11, False, MUTED_TEXT)], PP_ALIGN.RIGHT)


def build(pack: Pack) -> bytes:
    """The pack as .pptx bytes: a cover, the agenda, each section in the pack's order (its meeting's agenda items,
    then the appendix), provenance."""
    deck = Deck(pack)
    cover = deck.new_slide(pack.name)  # "Design Advisory Group #36"
    deck.sections.pop()  # the cover has no section
    lines = [
        *([(report.long_date(pack.meeting[0]), 28, True, INK)] if pack.meeting else []),
        (f"Figures as at {pack.as_at:%d %B %Y}", 20, False, INK),
        (pack.changes.sentence(), 18, False, INK),  # "Changes since DAG #35, 10 Apr 2024 (the snapshots as at ...)"
        ("From the MHHS dashboard: native charts and tables, to restyle in the pack", 18, False, MUTED_TEXT),
    ]
    height = sum(lines_height(len(wrap(t, BODY_WIDTH, size, bold)), size) + Inches(0.1) for t, size, bold, _ in lines)
    _textbox(cover, (LEFT, Inches(2.2), BODY_WIDTH, height), lines)
    deck.section = "Agenda"
    deck.slide = None
    deck.table_of(report.agenda_table(pack))
    if pack.agenda.attachments:
        deck.text([report.block("Attachments", list(pack.agenda.attachments))])
    for s in report.sections(pack):
        item = s["item"]
        deck.section = item.heading
        deck.new_slide(deck.section)
        opener = report.opener(item)
        if opener:
            deck.opener(opener)
        if s["tiles"]:
            deck.tiles(s["tiles"], pack.changes.when())  # "+4 since DAG #35, 10 Apr 2024", as the pack says
        if s["news"]:
            deck.news(s["news"])
        if s["blocks"]:
            deck.text(s["blocks"])
        for fig in s["charts"]:
            deck.chart(fig)
        for t in s["tables"]:
            deck.table_of(t)
    deck.section = "Provenance"
    deck.slide = None
    deck.table_of(report.provenance_table(pack))
    deck.footers()
    buf = io.BytesIO()
    deck.prs.save(buf)
    return buf.getvalue()

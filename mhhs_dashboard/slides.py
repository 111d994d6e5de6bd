"""The pack's data slides as PowerPoint: native, editable charts and tables (python-pptx), never pictures.

The PMO drops them into the pack and restyles them; every number is in a chart's data or a table cell.
"""

from __future__ import annotations

import datetime as dt
import io
from collections.abc import Sequence

import pandas as pd
from pptx import Presentation
from pptx.chart.data import CategoryChartData
from pptx.dml.color import RGBColor
from pptx.enum.chart import XL_CHART_TYPE, XL_LEGEND_POSITION
from pptx.presentation import Presentation as PresentationType
from pptx.slide import Slide
from pptx.util import Emu, Inches, Pt

from mhhs_dashboard.charts import STATE_COLOURS
from mhhs_dashboard.meeting import CR_COLUMNS, Pack

WIDTH, HEIGHT = Inches(13.333), Inches(7.5)  # 16:9
MARGIN = Inches(0.4)
BODY_TOP = Inches(1.3)
TITLE_ONLY = 5  # the default template's "Title Only" layout


def _rgb(hex_colour: str) -> RGBColor:
    return RGBColor.from_string(hex_colour.lstrip("#").upper())


def _text(value: object) -> str:
    if value is None or (not isinstance(value, str) and pd.isna(value)):  # type: ignore[call-overload]
        return ""
    if isinstance(value, pd.Timestamp | dt.date):
        return f"{value:%d/%m/%Y}"
    return str(value)


def _slide(prs: PresentationType, title: str) -> Slide:
    slide = prs.slides.add_slide(prs.slide_layouts[TITLE_ONLY])
    head = slide.shapes.title
    head.left, head.top, head.width, head.height = MARGIN, Inches(0.3), WIDTH - 2 * MARGIN, Inches(0.9)
    head.text = title
    head.text_frame.paragraphs[0].font.size = Pt(28)
    return slide


def _table(
    slide: Slide,
    header: Sequence[str],
    rows: Sequence[Sequence[object]],
    left: int,
    top: int,
    width: int,
    *,
    widths: Sequence[float] | None = None,
    size: int = 11,
    total: Sequence[object] | None = None,
) -> None:
    """A native table: a header row, the rows, and an optional bold 'Grand Total' row."""
    body = [list(r) for r in rows] + ([list(total)] if total else [])
    height = Emu(int(Inches(0.3)) * (len(body) + 1))
    table = slide.shapes.add_table(len(body) + 1, len(header), left, top, width, height).table
    shares = widths or [1] * len(header)
    for i, share in enumerate(shares):
        table.columns[i].width = Emu(int(width * share / sum(shares)))
    for j, text in enumerate(header):
        table.cell(0, j).text = text
    for i, row in enumerate(body, start=1):
        for j, value in enumerate(row):
            table.cell(i, j).text = _text(value)
    for i in range(len(body) + 1):
        for j in range(len(header)):
            for p in table.cell(i, j).text_frame.paragraphs:
                p.font.size = Pt(size)
                p.font.bold = i == 0 or (total is not None and i == len(body))


def _bar_chart(
    slide: Slide,
    categories: Sequence[str],
    series: dict[str, Sequence[int]],
    box: tuple[int, int, int, int],
    *,
    horizontal: bool = False,
    stacked: bool = True,
    colours: Sequence[str] = (),
) -> None:
    """A native (editable) bar chart with data labels; one series per entry of `series`."""
    data = CategoryChartData()
    data.categories = list(categories)
    for name, values in series.items():
        data.add_series(name, [int(v) for v in values])
    kind = {
        (True, True): XL_CHART_TYPE.BAR_STACKED,
        (True, False): XL_CHART_TYPE.BAR_CLUSTERED,
        (False, True): XL_CHART_TYPE.COLUMN_STACKED,
        (False, False): XL_CHART_TYPE.COLUMN_CLUSTERED,
    }[(horizontal, stacked)]
    chart = slide.shapes.add_chart(kind, *box, data).chart
    chart.has_legend = len(series) > 1
    if chart.has_legend:
        chart.legend.position = XL_LEGEND_POSITION.TOP
        chart.legend.include_in_layout = False
    chart.font.size = Pt(11)
    plot = chart.plots[0]
    plot.has_data_labels = True
    plot.data_labels.font.size = Pt(10)
    if horizontal:
        chart.category_axis.reverse_order = True  # first category on top, as in the tables
    for s, colour in zip(plot.series, colours, strict=False):
        s.format.fill.solid()
        s.format.fill.fore_color.rgb = _rgb(colour)


def _actions(prs: PresentationType, pack: Pack) -> None:
    slide = _slide(prs, "Minutes and Actions Review")
    rows = [
        (r.action_ref, r.action, r.owner, r.due_date, f"{r.status}: {_text(r.latest_update)}")
        for r in pack.actions.itertuples()
    ]
    _table(
        slide,
        ["Ref", "Action", "Owner", "Due", "Latest update"],
        rows,
        MARGIN,
        BODY_TOP,
        WIDTH - 2 * MARGIN,
        widths=[1, 5, 1.6, 1.1, 4],
        size=10,
    )


def _crs(prs: PresentationType, pack: Pack) -> None:
    slide = _slide(prs, f"Change Request Status (updated to {pack.figures['as_at']['change_requests'] or 'n/a'})")
    cols = CR_COLUMNS
    rows = [[rec.get(c) for c in cols] for rec in pack.crs.to_dict("records")]
    _table(
        slide,
        list(cols.values()),
        rows,
        MARGIN,
        BODY_TOP,
        WIDTH - 2 * MARGIN,
        widths=[0.7, 2, 1.6, 1.1, 1.8, 1, 1.1, 1, 1, 1.5],
        size=9,
    )


def _dins(prs: PresentationType, pack: Pack) -> None:
    d = pack.figures["dins"]
    when = pack.figures["as_at"]["din_log"] or ""
    by_status = pack.din_by_status
    half = (WIDTH - 3 * MARGIN) // 2

    slide = _slide(prs, f"DIN Log Stats as at {when}: Total Recorded DINs {d['total']}")
    _bar_chart(
        slide,
        list(by_status["status"]),
        {"DINs": list(by_status["dins"])},
        (MARGIN, BODY_TOP, half, Inches(5.6)),
        horizontal=True,
        colours=[STATE_COLOURS["closed"]],
    )
    _table(
        slide,
        ["Current status", "Open or closed", "Total by status"],
        [(r.status, r.state, int(r.dins)) for r in by_status.itertuples()],
        MARGIN * 2 + half,
        BODY_TOP,
        half,
        widths=[3, 1.2, 1.2],
        total=("Grand Total", "", d["total"]),
    )

    by_release = pack.din_by_release
    slide = _slide(prs, f"Total DINs by Release as at {when}")
    _bar_chart(
        slide,
        [r.replace("Interim Release ", "IR") for r in by_release["release"]],
        {"Closed": list(by_release["closed"]), "Open": list(by_release["open"])},
        (MARGIN, BODY_TOP, Inches(7.6), Inches(5.8)),
        colours=[STATE_COLOURS["closed"], STATE_COLOURS["open"]],
    )
    _table(
        slide,
        ["Target release", "Total by release"],
        [(r.release, int(r.dins)) for r in by_release.itertuples()],
        MARGIN + Inches(7.8),
        Inches(1.1),
        Inches(4.7),
        size=8,
        widths=[3, 1.3],
        total=("Grand Total (with a release)", d["with_release"]),
    )

    slide = _slide(prs, f"Total Open and Closed DINs as at {when}")
    for i, (state, figure) in enumerate((("open", d["open"]), ("closed", d["closed"]))):
        part = by_status[by_status["state"] == state]
        _table(
            slide,
            ["Status", "Total by status"],
            [(r.status, int(r.dins)) for r in part.itertuples()],
            MARGIN + i * (half + MARGIN),
            BODY_TOP,
            half,
            widths=[3, 1.2],
            size=14,
            total=("Grand Total", figure),
        )


def _seats(prs: PresentationType, pack: Pack) -> None:
    fill = pack.seat_fill
    slide = _slide(prs, "New Advisory Groups Update: seats filled")
    _bar_chart(
        slide,
        list(fill["group_code"]),
        {"Filled": list(fill["filled"]), "Vacant": list(fill["total"] - fill["filled"])},
        (MARGIN, BODY_TOP, WIDTH - 2 * MARGIN, Inches(1.9)),
        horizontal=True,
        colours=[STATE_COLOURS["closed"], STATE_COLOURS["open"]],
    )
    groups = list(fill.itertuples())
    if not groups:
        return
    width = (WIDTH - MARGIN * (len(groups) + 1)) // len(groups)
    for i, g in enumerate(groups):
        seats = pack.seats[pack.seats["group_code"] == g.group_code]
        _table(
            slide,
            ["Representative", "Seat filled"],
            [(r.constituency, "Yes" if r.filled else "No") for r in seats.itertuples()],
            MARGIN + i * (width + MARGIN),
            Inches(3.3),
            width,
            widths=[3, 1],
            size=9,
            total=(f"{g.group_code}: filled", f"{g.filled} of {g.total}"),
        )


def build(pack: Pack) -> bytes:
    """The data slides as a .pptx file's bytes."""
    prs = Presentation()
    prs.slide_width, prs.slide_height = WIDTH, HEIGHT
    title = prs.slides.add_slide(prs.slide_layouts[0])
    title.shapes.title.text = "Design Advisory Group: data slides"
    title.placeholders[1].text = f"Figures as at {pack.as_at:%d %B %Y}, from the MHHS DAG dashboard"
    _actions(prs, pack)
    _crs(prs, pack)
    _dins(prs, pack)
    _seats(prs, pack)
    buf = io.BytesIO()
    prs.save(buf)
    return buf.getvalue()

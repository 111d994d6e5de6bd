"""The data slides: the pack's sections in its order, native charts and tables, every shape inside its slide,
every table's rows fitting, no word broken, the screen's colours and legends."""

from __future__ import annotations

import io
import itertools
import re
from pathlib import Path

import pandas as pd
import pytest
from pptx import Presentation
from pptx.enum.dml import MSO_FILL
from pptx.enum.shapes import MSO_SHAPE_TYPE
from pptx.oxml.ns import qn
from pptx.util import Inches

from mhhs_dashboard import charts, meeting, report, slides
from mhhs_dashboard.charts import STATE_COLOURS
from tests import pack as dag36
from tests.test_cli import cli

FONTS = Path("/usr/share/fonts/truetype/liberation2")


@pytest.fixture(scope="module")
def pack(sample_dir: Path) -> meeting.Pack:
    return meeting.build_pack(sample_dir)


@pytest.fixture(scope="module")
def prs(pack: meeting.Pack):
    return Presentation(io.BytesIO(slides.build(pack)))


def plain(text: str) -> str:
    return text.replace("\u00a0", " ")


def named(prs, prefix: str) -> dict[str, list]:
    """Shapes whose name starts with `prefix` ('Table: ', 'Chart: '), by the rest of the name: [(slide no, shape)]."""
    out: dict[str, list] = {}
    for k, slide in enumerate(prs.slides, start=1):
        for shape in slide.shapes:
            if shape.name.startswith(prefix):
                out.setdefault(shape.name.removeprefix(prefix), []).append((k, shape))
    return out


def cells(shape) -> list[list[str]]:
    return [[plain(c.text) for c in row.cells] for row in shape.table.rows]


def texts(slide) -> list[str]:
    return [plain(p.text) for s in slide.shapes if s.has_text_frame for p in s.text_frame.paragraphs]


def boxes(shape) -> tuple[int, int, int, int]:
    return shape.left, shape.top, shape.left + shape.width, shape.top + shape.height


# ---- content: the pack's sections, in its order, with its figures ---------------------------------------------


STRUCTURE = "MHHS governance and decision-making structure"


def test_only_native_charts_and_tables(prs) -> None:
    kinds = [s.shape_type for slide in prs.slides for s in slide.shapes]
    assert MSO_SHAPE_TYPE.PICTURE not in kinds
    assert set(named(prs, "Chart: ")) == {
        "DINs by status",
        "DINs by target release",
        "Seats filled per group",
        STRUCTURE,
    }


def test_the_governance_structure_is_drawn_in_native_shapes(prs, pack) -> None:
    """The structure chart (a Plotly scatter on screen) is a group of native boxes and lines: a box a group, in its
    state's colour, and the key of the states drawn."""
    ((_, group),) = named(prs, "Chart: ")[STRUCTURE]
    assert group.shape_type == MSO_SHAPE_TYPE.GROUP
    boxes = {s.name.removeprefix("Group: "): s for s in group.shapes if s.name.startswith("Group: ")}
    assert set(boxes) == set(pack.groups["group_code"])
    assert {b.text_frame.text for b in boxes.values()} == set(pack.groups["group_code"])
    fig = next(f for s in report.sections(pack) for f in s["charts"] if f.layout.title.text == STRUCTURE)
    for trace in fig.data:
        for code in trace.text:
            box = boxes[code].line.color.rgb
            assert str(box) == trace.marker.color.lstrip("#").upper(), code
    assert boxes["PSG"].top < boxes["DAG"].top < boxes["DWG"].top  # PSG at the top, working groups at the foot
    shown = {p.text for s in group.shapes if s.has_text_frame for p in s.text_frame.paragraphs}
    assert {t.name for t in fig.data} <= shown  # the key


def test_the_agenda_sections_come_in_the_packs_order(prs, pack) -> None:
    titles = [s.shapes.title.text for s in prs.slides]
    headings = [s["item"].heading for s in report.sections(pack)]
    assert headings[:7] == [f"{i.step}. {i.title}" for i in pack.agenda.items]  # DAG #36's own agenda, from data
    assert headings[1] == "2. Minutes and Actions"
    assert [h for h in headings if h.startswith("Appendix")] == [
        "Appendix: High Level Design Principles",
        "Appendix: Advisory Groups Update",
        "Appendix: MHHS Governance and Decision-Making Structure",
    ]
    openers = [t for t in titles if t in headings]
    assert openers == headings  # each section opens on a slide titled for it, in the pack's order
    agenda = cells(named(prs, "Table: ")["Agenda"][0][1])
    assert agenda[0] == ["#", "Item", "Objective", "Type", "Lead", "Time"]
    assert agenda[1:] == [[str(i.step), i.title, i.objective, i.type, i.lead, i.time] for i in pack.agenda.items]
    welcome = ["1", "Welcome", "Introduction to meeting and member apologies", "Information", "Chair"]
    assert agenda[1] == [*welcome, "10:00-10:05 (5 mins)"]
    # each slide's foot names its section; sections never interleave
    feet = [next((t for t in texts(s) if t in headings), None) for s in list(prs.slides)[1:]]
    order = [f for f, _ in itertools.groupby(f for f in feet if f)]
    assert order == headings


def test_every_pack_table_is_on_the_slides_whole_and_in_order(prs, pack) -> None:
    tables = named(prs, "Table: ")
    want = [t for s in report.sections(pack) for t in s["tables"]] + [report.provenance_table(pack)]
    placed = []
    for t in want:
        parts = sorted(
            (k, shape, name)
            for name, found in tables.items()
            if name == t["title"] or re.fullmatch(re.escape(t["title"]) + r" \(\d+ of \d+\)", name)
            for k, shape in found
        )
        assert parts, t["title"]
        if len(parts) > 1:  # numbered 1..n, one part a slide, each on the slide titled for it (the first may
            # open under its section's title, headed with its name)
            assert [n for _, _, n in parts] == [f"{t['title']} ({i} of {len(parts)})" for i in range(1, len(parts) + 1)]
            for i, (k, _, n) in enumerate(parts):
                slide = prs.slides[k - 1]
                assert slide.shapes.title.text.startswith(n) or (i == 0 and n in texts(slide)), n
            assert len({k for k, _, _ in parts}) == len(parts)
        rows = []
        for _, shape, _ in parts:
            got = cells(shape)
            assert got[0] == t["columns"]  # the header on every part
            rows += got[1:]
        assert rows == [[c["text"] for c in r] for r in t["rows"]], t["title"]
        placed.append(parts[0][0])
    assert placed == sorted(placed)  # the pack's order


def test_tiles_and_news_are_on_each_sections_first_slide(prs, pack) -> None:
    titles = [s.shapes.title.text for s in prs.slides]
    since = pack.changes.when()  # "DAG #35, 10 Apr 2024", as the HTML pack names it
    for s in report.sections(pack):
        i = titles.index(s["item"].heading)
        shown = texts(prs.slides[i])
        assert report.opener(s["item"]) == [t for t in shown if t in report.opener(s["item"])]
        for t in s["tiles"]:
            j = shown.index(t["label"])
            assert shown[j + 1] == t["value"]
            if t["delta"] is not None:
                assert shown[j + 2] == f"{t['delta']} since {since}"
        for line in s["news"]:
            assert f"• {line}" in shown


def test_every_block_is_on_the_slides_whole_and_in_order(prs, pack) -> None:
    """Each block's heading (or the title of the slide it opens), subtitle and every bullet, in the pack's order, and
    every bullet within its section's slides."""
    flow = []  # (slide number, text) in reading order: each slide's title, then its text
    for k, slide in enumerate(prs.slides, start=1):
        flow += [(k, t) for t in texts(slide)]
    at = 0

    def find(text: str) -> int:
        nonlocal at
        found = next(i for i in range(at, len(flow)) if flow[i][1] == text or flow[i][1].startswith(f"{text} ("))
        at = found
        return flow[found][0]

    titles = [s.shapes.title.text for s in prs.slides]
    blocks = 0
    for s in report.sections(pack):
        first = titles.index(s["item"].heading) + 1
        for b in s["blocks"]:
            find(b["title"])
            if b["subtitle"]:
                find(b["subtitle"])
            for line in b["lines"]:
                assert find(f"\u2022 {line}") >= first, line
            blocks += 1
    assert blocks >= 19


def test_a_long_block_continues_on_numbered_slides(pack) -> None:
    deck = slides.Deck(pack)
    deck.section = "6. Programme Updates"
    lines = [
        f"Item {i}: a line of text long enough to say something about the governance of the programme"
        for i in range(60)
    ]
    deck.text([report.block("Governance group updates", []), report.block("Long block", lines, "PSG 01 May 2024")])
    titles = [s.shapes.title.text for s in deck.prs.slides]
    n = len(titles)
    assert n >= 2
    assert titles == [f"Governance group updates ({k} of {n})" for k in range(1, n + 1)]
    got = [t for slide in deck.prs.slides for t in texts(slide) if t.startswith("\u2022 ")]
    assert got == [f"\u2022 {line}" for line in lines]  # every line once, in order, none split
    assert "Long block" in texts(deck.prs.slides[0])
    assert "Long block (continued)" in texts(deck.prs.slides[1])
    for slide in deck.prs.slides:
        for shape in slide.shapes:
            assert shape.top + shape.height <= slides.BODY_BOTTOM


def test_the_packs_figures_are_on_the_slides(prs) -> None:
    shown = [t for s in prs.slides for t in texts(s)]
    assert shown[shown.index("DINs recorded") + 1] == "1029"
    assert shown[shown.index("Open DINs") + 1] == str(dag36.DINS["open"])
    assert shown[shown.index("With a target release") + 1] == str(dag36.DINS["with_release"])
    for group, (filled, total) in dag36.SEATS.items():
        assert shown[shown.index(f"{group} seats filled") + 1] == f"{filled} of {total}"
    actions = [r[0] for r in cells(named(prs, "Table: ")["Minutes and Actions review"][0][1])[1:]]
    assert sorted(actions) == dag36.ACTION_REFS
    crs = [r[0] for r in cells(named(prs, "Table: ")["Change Request Status"][0][1])[1:]]
    assert crs == dag36.CR_REFS


# ---- charts: the screen's figures, colours and legends ---------------------------------------------------------


def fill_colour(fmt) -> str:
    """A series' colour: a solid fill's colour, or a pattern's background (the bar's colour under the stripes)."""
    fill = fmt.fill
    return str(fill.fore_color.rgb if fill.type == MSO_FILL.SOLID else fill.back_color.rgb)


def test_charts_are_the_screens_figures(prs, pack) -> None:
    shown = named(prs, "Chart: ")
    figures = [f for s in report.sections(pack) for f in s["charts"]]
    assert [f.layout.title.text for f in figures] == list(shown)
    for fig in filter(slides.is_bar_figure, figures):
        chart = shown[fig.layout.title.text][0][1].chart
        plot = chart.plots[0]
        series = list(plot.series)
        assert [s.name for s in series] == [t.name for t in fig.data]  # the legend's entries
        assert chart.has_legend == (len(fig.data) > 1)
        for s, t in zip(series, fig.data, strict=True):
            assert fill_colour(s.format) == t.marker.color.lstrip("#").upper()
            patterned = s.format.fill.type == MSO_FILL.PATTERNED
            assert patterned == bool(t.marker.pattern.shape)
        # every bar of the figure, with its value, and nothing else
        cats = list(plot.categories)
        for s, t in zip(series, fig.data, strict=True):
            keys, vals = (t.y, t.x) if t.orientation == "h" else (t.x, t.y)
            alias = dict((fig.layout.xaxis.labelalias if t.orientation != "h" else None) or {})
            got = {c: v for c, v in zip(cats, s.values, strict=True) if v is not None}
            assert got == {alias.get(k, k): float(v) for k, v in zip(keys, vals, strict=True)}


def test_open_and_closed_differ_as_on_screen(prs) -> None:
    chart = named(prs, "Chart: ")["DINs by status"][0][1].chart
    colours = {s.name: fill_colour(s.format) for s in chart.plots[0].series}
    assert colours == {
        "Open": STATE_COLOURS["open"].lstrip("#").upper(),
        "Closed": STATE_COLOURS["closed"].lstrip("#").upper(),
    }
    assert colours["Open"] != colours["Closed"]


@pytest.mark.parametrize("title", ["DINs by status", "DINs by target release", "Seats filled per group"])
def test_value_axis_ticks_are_round_and_readable(prs, title: str) -> None:
    frame = named(prs, "Chart: ")[title][0][1]
    axis = frame.chart.value_axis
    step, top = axis.major_unit, axis.maximum_scale
    assert step is not None
    assert top is not None
    mantissa = step / 10 ** int(f"{step:e}".split("e")[1])
    assert mantissa in (1, 2, 5)
    ticks = [f"{int(v):,}" for v in range(0, int(top) + 1, int(step))]
    assert 3 <= len(ticks) <= 8
    size = axis.tick_labels.font.size.pt
    assert size >= 12
    # the labels side by side take well under the axis's length: never "0100200300"
    length = frame.width if title != "DINs by target release" else frame.height
    assert sum(slides.text_width(t, size) for t in ticks) < 0.5 * length


def test_no_data_label_on_a_zero() -> None:
    prs = Presentation()
    slide = prs.slides.add_slide(prs.slide_layouts[6])
    df = pd.DataFrame(
        {
            "status": ["Open - awaiting assessment", "Industry CP Required", "Closed"],
            "state": ["open", "open", "closed"],
        }
        | {"dins": [5, 0, 7]}
    )
    chart = slides.draw_chart(slide, charts.din_by_status_bar(df), (0, 0, Inches(8), Inches(4)))
    opened = next(s for s in chart.plots[0].series if s.name == "Open")
    deleted = {
        int(d.find(qn("c:idx")).get("val"))
        for d in opened._element.findall(f"{qn('c:dLbls')}/{qn('c:dLbl')}")
        if d.find(qn("c:delete")) is not None
    }
    assert deleted == {1}  # the zero's label, not the five's
    assert opened.data_labels.show_value


def test_release_chart_has_no_bar_for_an_empty_state(prs) -> None:
    chart = named(prs, "Chart: ")["DINs by target release"][0][1].chart
    opened = dict(
        zip(chart.plots[0].categories, next(s for s in chart.plots[0].series if s.name == "Open").values, strict=False)
    )
    assert opened["IR1"] is None  # no open DINs: no bar, so no "0"
    assert opened["IR5.2"] == 8


# ---- geometry: inside the slide, rows that fit, words whole ----------------------------------------------------


def test_every_shape_lies_inside_its_slide(prs) -> None:
    for k, slide in enumerate(prs.slides, start=1):
        for shape in slide.shapes:
            left, top, right, bottom = boxes(shape)
            assert min(left, top) >= 0, (k, shape.name)
            assert right <= prs.slide_width, (k, shape.name)
            assert bottom <= prs.slide_height, (k, shape.name)


def test_no_two_shapes_on_a_slide_overlap(prs) -> None:
    for k, slide in enumerate(prs.slides, start=1):
        for a, b in itertools.combinations(list(slide.shapes), 2):
            (al, at, ar, ab), (bl, bt, br, bb) = boxes(a), boxes(b)
            assert ar <= bl or br <= al or ab <= bt or bb <= at, (k, a.name, b.name)


def cell_size(cell) -> float:
    return cell.text_frame.paragraphs[0].font.size.pt


def test_every_tables_rows_fit_its_slide(prs) -> None:
    for k, slide in enumerate(prs.slides, start=1):
        for shape in (s for s in slide.shapes if s.has_table):
            table = shape.table
            widths = [c.width for c in table.columns]
            heights = [r.height for r in table.rows]
            assert (shape.height, shape.width) == (sum(heights), sum(widths)), (k, shape.name)
            assert shape.top + sum(heights) <= slides.BODY_BOTTOM, (k, shape.name)  # above the slide's foot
            for i, row in enumerate(table.rows):
                for cell, w in zip(row.cells, widths, strict=True):
                    size = cell_size(cell)
                    lines = slides.wrap(cell.text, w - cell.margin_left - cell.margin_right, size, bold=i == 0)
                    need = slides.lines_height(len(lines), size) + cell.margin_top + cell.margin_bottom
                    assert row.height >= need, (k, shape.name, i, cell.text)


def test_no_word_is_broken_in_any_table(prs) -> None:
    """Headers above all: every word of every cell fits its column at its font size (dates are one word)."""
    for k, slide in enumerate(prs.slides, start=1):
        for shape in (s for s in slide.shapes if s.has_table):
            widths = [c.width for c in shape.table.columns]
            for i, row in enumerate(shape.table.rows):
                for cell, w in zip(row.cells, widths, strict=True):
                    room = w - cell.margin_left - cell.margin_right
                    size = cell_size(cell)
                    assert cell.text_frame.paragraphs[0].font.bold == (i == 0)
                    for word in cell.text.split(" "):
                        assert slides.text_width(word, size, bold=i == 0) <= room, (k, shape.name, word)


def test_table_text_is_readable(prs) -> None:
    sizes = {
        cell_size(c) for s in prs.slides for sh in s.shapes if sh.has_table for r in sh.table.rows for c in r.cells
    }
    assert min(sizes) >= min(slides.TABLE_SIZES)


def test_dates_in_tables_stay_on_one_line(prs) -> None:
    due = [r[3] for r in cells(named(prs, "Table: ")["Minutes and Actions review"][0][1])[1:]]
    assert "08 May 2024" in due
    raw = named(prs, "Table: ")["Minutes and Actions review"][0][1].table.cell(1, 3).text
    assert raw == "08\u00a0May\u00a02024"


def test_a_long_table_continues_on_numbered_slides(pack) -> None:
    deck = slides.Deck(pack)
    rows = [[f"Interim Release {i}", f"{i * 7}"] for i in range(1, 81)]
    deck.table("Releases", ["Target release", "DINs"], rows, [False, True])
    titles = [s.shapes.title.text for s in deck.prs.slides]
    n = len(titles)
    assert n >= 2
    assert titles == [f"Releases ({k} of {n})" for k in range(1, n + 1)]
    got = []
    for slide in deck.prs.slides:
        (table,) = [s for s in slide.shapes if s.has_table]
        assert [c.text for c in table.table.rows[0].cells] == ["Target release", "DINs"]
        assert table.top + table.height <= slides.BODY_BOTTOM
        got += [[c.text for c in r.cells] for r in list(table.table.rows)[1:]]
    assert got == rows


# ---- measuring text ----------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "inches", "size", "want"),
    [
        ("Implementation", 2.0, 12, ["Implementation"]),
        ("Open - awaiting assessment", 1.1, 12, ["Open -", "awaiting", "assessment"]),
        ("Open - awaiting assessment", 1.2, 12, ["Open - awaiting", "assessment"]),
        ("Approved by Change Board", 10, 14, ["Approved by Change Board"]),
        ("08\u00a0May\u00a02024 due", 1.2, 12, ["08\u00a0May\u00a02024", "due"]),
        ("", 1, 12, [""]),
        ("line one\nline two", 5, 12, ["line one", "line two"]),
    ],
)
def test_wrap(text: str, inches: float, size: int, want: list[str]) -> None:
    assert slides.wrap(text, Inches(inches), size) == want


def test_a_word_too_long_for_any_line_is_cut_by_letters() -> None:
    lines = slides.wrap("a" * 200, Inches(1), 12)
    assert "".join(lines) == "a" * 200
    assert all(slides.text_width(line, 12) <= Inches(1) for line in lines)


def test_columns_never_narrower_than_their_longest_word() -> None:
    header = ["Implementation date/milestone", "Key detail"]
    rows = [["TBC", "Supplier Registration of ABMU and MPAN Mapping " * 3]]
    fit = slides.fit_table(header, rows, Inches(4))
    assert fit.widths[0] - 2 * slides.CELL_X >= slides.text_width("date/milestone", fit.size, bold=True)
    assert sum(fit.widths) <= Inches(4)
    assert slides._columns(header, rows, Inches(1), 14) is None  # no room for the words at all


@pytest.mark.parametrize(("bold", "file"), [(False, "LiberationSans-Regular.ttf"), (True, "LiberationSans-Bold.ttf")])
def test_metrics_are_the_fonts(bold: bool, file: str) -> None:
    if not (FONTS / file).exists():
        pytest.skip(f"{FONTS / file} is not installed (Debian's fonts-liberation2)")
    from PIL import ImageFont

    font = ImageFont.truetype(str(FONTS / file), 2048)
    for ch, width in slides.ADVANCE[bold].items():
        assert abs(font.getlength(ch) * 1000 / 2048 - width) <= 1, ch


@pytest.mark.slow
def test_cli_slides_writes_a_pptx(sample_dir: Path, tmp_path: Path) -> None:
    out = tmp_path / "slides.pptx"
    done = cli("slides", "--out", str(out), "--data-dir", str(sample_dir))
    assert done.returncode == 0, done.stderr
    titles = [s.shapes.title.text for s in Presentation(str(out)).slides]
    assert "4. Design Updates" in titles
    assert "DINs by status" in titles
    assert titles[0] == "Design Advisory Group #36"

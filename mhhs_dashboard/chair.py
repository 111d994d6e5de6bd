"""Chair mode's screens: which rows of a table, or items of a list, fit one 1280x720 shared screen at 20 px.

A step whose rows do not fit one screen is split into numbered sub-steps (`/present?step=1&part=2`), so no step
ever scrolls and no text is cut. How much fits is estimated here, before the browser draws anything, from the
text itself: a greedy word wrap with a per-character width a little wider than the chair's 20 px type really
is, so the estimate errs towards one row too few on a screen rather than one too many. The browser tests measure
what is drawn. No Streamlit here.
"""

from __future__ import annotations

import datetime as dt
import math
import re
from collections.abc import Sequence
from dataclasses import dataclass, field

import pandas as pd

from mhhs_dashboard import report
from mhhs_dashboard.meeting import Item, Pack
from mhhs_dashboard.text import counted

# The chair's screen and type, as frame.PRESENT_CSS lays them out: 1280 px less the 2rem side padding, 20 px text
# on 30 px lines; a table cell adds 6 px padding each side and 4 px above and below (plus a 1 px rule).
SCREEN_WIDTH_PX = 1280 - 2 * 32
LINE_PX = 30
CELL_PAD_X_PX = 12
CELL_PAD_Y_PX = 9
# Source Sans at 20 px measured in chromium: 9.0 px a character of mixed text, 11.2 px of capitals; digits and
# capitals are counted wide, the rest at a little above the mixed average, and a space as 5 px.
WIDE_PX, NARROW_PX, SPACE_PX = 12.0, 9.6, 5.0
# Height left for a table (its heading row included) under the step's title, caption and the table's heading.
TABLE_HEIGHT_PX = 500
# Height left for a bulleted list under a row of metric tiles and the list's heading.
LIST_HEIGHT_PX = 300
LIST_INDENT_PX = 36  # a bullet's indent
LIST_GAP_PX = 6  # between two items


GAP_PX = 16  # between two columns of a screen (st.columns' gap="medium"), and between two elements


@dataclass(frozen=True)
class Table:
    """A table chair mode shows: its name (what a screen reader calls it, and its heading), the columns in order
    (name -> heading), each column's share of the table's width (the shares sum to 1), and the table's share of
    the screen's width (the rest, past a column gap, holds something else)."""

    name: str
    columns: dict[str, str]
    widths: dict[str, float]
    share: float = 1.0

    def __post_init__(self) -> None:
        if list(self.widths) != list(self.columns) or not math.isclose(sum(self.widths.values()), 1.0):
            raise ValueError(f"{self.name}: a width per column, in the columns' order, summing to 1")

    @property
    def width_px(self) -> float:
        """How wide the table is drawn on the chair's screen."""
        return SCREEN_WIDTH_PX if self.share == 1 else (SCREEN_WIDTH_PX - GAP_PX) * self.share


def cell_text(value: object) -> str:
    """A cell as elements.plain_table shows it: blank for a missing value, a date as "Wed 01 May 2024"."""
    if isinstance(value, str):
        return value
    if value is None or pd.isna(value):
        return ""
    if isinstance(value, dt.date):
        return f"{value:%a %d %b %Y}"
    return str(value)


def _width(text: str) -> float:
    return sum(SPACE_PX if c == " " else WIDE_PX if c.isupper() or c.isdigit() else NARROW_PX for c in text)


def lines(text: str, width_px: float) -> int:
    """How many lines `text` wraps to in a box `width_px` wide (at least 1): words kept whole where they fit,
    a word wider than the box broken across lines (as `overflow-wrap: anywhere` does)."""
    room = max(width_px, WIDE_PX)
    count, used = 0, -1.0  # used: the width taken on the current line (-1 before the first word)
    for word in text.split():
        w = _width(word)
        if used >= 0 and used + SPACE_PX + w <= room:
            used += SPACE_PX + w
            continue
        taken = max(1, math.ceil(w / room))
        count += taken
        used = w - (taken - 1) * room
    return max(count, 1)


def row_height(cells: Sequence[str], table: Table) -> float:
    """The height of one row of `table` holding `cells` (in the table's column order)."""
    shares = list(table.widths.values())
    width = table.width_px
    most = max(lines(text, share * width - CELL_PAD_X_PX) for text, share in zip(cells, shares, strict=True))
    return most * LINE_PX + CELL_PAD_Y_PX


def _chunks(heights: Sequence[float], room: float) -> list[slice]:
    """Consecutive runs of items whose heights add up to at most `room` (an item taller than that on its own)."""
    parts: list[slice] = []
    start, used = 0, 0.0
    for i, h in enumerate(heights):
        if i > start and used + h > room:
            parts.append(slice(start, i))
            start, used = i, 0.0
        used += h
    if heights:
        parts.append(slice(start, len(heights)))
    return parts


def table_screens(rows: pd.DataFrame, table: Table, height_px: float = TABLE_HEIGHT_PX) -> list[slice]:
    """The rows of each screen, in order, so that each screen's table (its heading row included) fits
    `height_px`; one screen, empty, when there are no rows."""
    if rows.empty:
        return [slice(0, 0)]
    head = row_height(list(table.columns.values()), table)
    heights = [
        row_height([cell_text(v) for v in values], table)
        for values in rows[list(table.columns)].itertuples(index=False)
    ]
    return _chunks(heights, height_px - head)


def list_screens(
    items: Sequence[str], width_px: float = SCREEN_WIDTH_PX, height_px: float = LIST_HEIGHT_PX
) -> list[slice]:
    """The items of a bulleted list on each screen, in order, so each screen's list fits `height_px`."""
    heights = [lines(text, width_px - LIST_INDENT_PX) * LINE_PX + LIST_GAP_PX for text in items]
    return _chunks(heights, height_px) or [slice(0, 0)]


def clamp_part(value: str | None, parts: int) -> tuple[int, bool]:
    """The sub-step a URL value asks for, clamped to 1..parts; (part, whether it had to be changed). No value
    means the first part."""
    if value is None:
        return 1, False
    try:
        asked = int(str(value).strip())
    except ValueError:
        return 1, True
    part = min(max(asked, 1), parts)
    return part, part != asked


def shown(part: slice, total: int, noun: str) -> str:
    """'actions 1-3 of 7' for a screen holding rows `part` of `total`; 'all 7 actions' (or '1 action') when
    it holds them all."""
    if part.start == 0 and part.stop >= total:
        return counted(total, noun) if total == 1 else f"all {counted(total, noun)}"
    if part.stop - part.start == 1:
        return f"{noun} {part.start + 1} of {total}"
    return f"{noun}s {part.start + 1}\N{EN DASH}{part.stop} of {total}"


# ---- a section of the pack, screen by screen ---------------------------------------------------------------

SCREEN_HEIGHT_PX = 720
# Above the content of every screen: the main block's padding, the title row (title and buttons) and the gap under
# it, and under the caption; the caption's own lines are counted from its text (`room`).
CHROME_PX = 12 + 8 + 64 + GAP_PX + GAP_PX
# the title: 2.2rem bold in the first of the title row's columns (5 of 12 parts, past three column gaps)
TITLE_WIDTH_PX = (SCREEN_WIDTH_PX - 3 * GAP_PX) * 5 / 12
TITLE_SCALE = 2.2 * 16 / 20 * 1.08  # its characters' width against the 20 px type's (bold a little wider)
TITLE_LINE_PX = 43
HEADING_PX = 46 + GAP_PX  # a subheader (h3 at 1.5rem) and the gap under it
TILE_VALUE_PX = 70 + 30  # a metric's value and its delta line, under its label's lines
CHART_PX = 400  # a row of (at most two) charts
MAX_TILES = 5  # metric tiles a row
DOWNLOADS_PX = 2 * (44 + GAP_PX)


@dataclass(frozen=True)
class Piece:
    """One thing on a screen: `kind` 'tiles', 'list' (a block of bullets: the news, a block of the pack, the
    attachments), 'table', 'charts' or 'downloads'; `index`, which of the section's tiles rows, lists, tables or
    chart pairs; `rows`, which of its items or rows this screen holds; `more`, whether earlier ones were on an
    earlier screen (the heading says "continued")."""

    kind: str
    index: int = 0
    rows: slice = field(default_factory=lambda: slice(None))
    more: bool = False


@dataclass(frozen=True)
class Part:
    """One screen of an agenda step: its pieces, top to bottom."""

    pieces: tuple[Piece, ...] = ()


@dataclass(frozen=True)
class ListBlock:
    """Bulleted text under a heading (report.block's shape, the news and the attachments alike)."""

    title: str
    lines: tuple[str, ...]
    subtitle: str = ""


@dataclass(frozen=True)
class Grid:
    """A table of the pack (report._table's shape) as chair mode draws it: its title, note, headings, cell texts
    and the columns' widths (`table`)."""

    title: str
    note: str
    rows: pd.DataFrame  # one column a heading, cell texts
    table: Table


@dataclass(frozen=True)
class Content:
    """What one agenda step shows, top to bottom (`order`: (kind, index) pairs): rows of tiles (report._tile's
    shape: label, value, delta), lists, tables, and pairs of charts side by side."""

    tiles: tuple[tuple[dict[str, object], ...], ...] = ()
    lists: tuple[ListBlock, ...] = ()
    grids: tuple[Grid, ...] = ()
    charts: tuple[tuple[object, ...], ...] = ()
    order: tuple[tuple[str, int], ...] = ()


def content(section: dict[str, object], news_heading: str, before: Sequence[dict[str, object]] = ()) -> Content:
    """A section of the pack (report.sections: tiles, news, blocks, charts, tables) as one step shows it: the
    tables of `before` first (the agenda, on the first step), then the tiles (MAX_TILES a row), what changed (under
    `news_heading`), the blocks, the charts two a row and the tables that have rows."""
    pre = [grid(t) for t in before]
    got: dict[str, list[object]] = {"tiles": [], "list": [], "table": list(pre), "charts": []}
    order: list[tuple[str, int]] = [("table", i) for i in range(len(pre))]

    def add(kind: str, thing: object) -> None:
        order.append((kind, len(got[kind])))
        got[kind].append(thing)

    tiles = list(section.get("tiles", []))  # type: ignore[call-overload]
    for i in range(0, len(tiles), MAX_TILES):
        add("tiles", tuple(tiles[i : i + MAX_TILES]))
    if section.get("news"):
        add("list", ListBlock(news_heading, tuple(str(x) for x in section["news"])))  # type: ignore[attr-defined]
    for b in section.get("blocks", []):  # type: ignore[attr-defined]
        add("list", ListBlock(str(b["title"]), tuple(str(x) for x in b["lines"]), str(b.get("subtitle") or "")))
    figs = list(section.get("charts", []))  # type: ignore[call-overload]
    for i in range(0, len(figs), 2):
        add("charts", tuple(figs[i : i + 2]))
    for t in section.get("tables", []):  # type: ignore[attr-defined]
        if t["rows"]:  # an empty table says nothing on a shared screen (its tiles say 0)
            add("table", grid(t))
    return Content(
        tuple(got["tiles"]),  # type: ignore[arg-type]
        tuple(got["list"]),  # type: ignore[arg-type]
        tuple(got["table"]),  # type: ignore[arg-type]
        tuple(got["charts"]),  # type: ignore[arg-type]
        tuple(order),
    )


def _longest_word(texts: Sequence[str]) -> float:
    return max((_width(w) for t in texts for w in t.split()), default=WIDE_PX)


def widths(columns: Sequence[str], cells: Sequence[Sequence[str]], width_px: float = SCREEN_WIDTH_PX) -> list[float]:
    """Each column's share of a table's width: about its text's typical width, never narrower than its longest
    word (where the table can give that), so a short code column stays narrow and prose gets the room."""
    want, floor = [], []
    for i, head in enumerate(columns):
        texts = [head, *(row[i] for row in cells)]
        longest = max(_width(t) for t in texts)
        typical = sum(_width(t) for t in texts) / len(texts)
        floor.append(_longest_word(texts) + CELL_PAD_X_PX)
        want.append(max(floor[-1], min(longest + CELL_PAD_X_PX, 2.5 * typical + CELL_PAD_X_PX)))
    total = sum(want)
    if total <= width_px:
        return [w / total for w in want]
    # too wide: every column its longest word where that fits, the rest shared by how much each wants
    base = floor if sum(floor) < width_px else [0.0] * len(floor)
    spare = width_px - sum(base)
    extra = [max(w - b, 0.0) for w, b in zip(want, base, strict=True)]
    shares = [(b + spare * e / (sum(extra) or 1)) / width_px for b, e in zip(base, extra, strict=True)]
    return [x / sum(shares) for x in shares]


def grid(table: dict[str, object]) -> Grid:
    """A table of the pack (report._table: title, columns, rows of cells, note) for the chair's screen."""
    columns = [str(c) for c in table["columns"]]  # type: ignore[attr-defined]
    cells = [[str(c["text"]) for c in row] for row in table["rows"]]  # type: ignore[attr-defined]
    names = [f"c{i}" for i in range(len(columns))]
    rows = pd.DataFrame(cells, columns=names) if cells else pd.DataFrame(columns=names)
    shares = dict(zip(names, widths(columns, cells), strict=True))
    spec = Table(str(table["title"]), dict(zip(names, columns, strict=True)), shares)
    return Grid(str(table["title"]), str(table.get("note") or ""), rows, spec)


def tiles_height(tiles: Sequence[dict[str, object]]) -> float:
    """A row of metric tiles: the tallest label's lines, the value and its delta."""
    width = (SCREEN_WIDTH_PX - GAP_PX * (len(tiles) - 1)) / max(len(tiles), 1)
    most = max((lines(str(t["label"]), width) for t in tiles), default=1)
    return most * LINE_PX + TILE_VALUE_PX + GAP_PX


def item_height(text: str, width_px: float = SCREEN_WIDTH_PX) -> float:
    """One bullet of a list."""
    return lines(text, width_px - LIST_INDENT_PX) * LINE_PX + LIST_GAP_PX


def note_height(text: str) -> float:
    """A line of small print under a heading (a table's note, a block's subtitle)."""
    return lines(text, SCREEN_WIDTH_PX) * LINE_PX + GAP_PX if text else 0.0


def room(caption: str, title: str = "") -> float:
    """The height a screen has for its pieces under its `title` (wrapping in its column beside the buttons) and
    `caption`."""
    title_lines = lines(title, TITLE_WIDTH_PX / TITLE_SCALE)
    return SCREEN_HEIGHT_PX - CHROME_PX - (title_lines - 1) * TITLE_LINE_PX - lines(caption, SCREEN_WIDTH_PX) * LINE_PX


def _split(
    kind: str,
    index: int,
    head: float,
    heights: Sequence[float],
    room_px: float,
    used: float,
    parts: list[list[Piece]],
) -> float:
    """Lay out a piece with a heading (`head` px, repeated on each screen it continues on) and items of `heights`
    from `used` px down the last screen: as many items as fit on each screen, the rest on new screens."""
    start, n = 0, len(heights)
    while True:
        left = room_px - used - head
        fit, total = 0, 0.0
        while start + fit < n and total + heights[start + fit] <= left:
            total += heights[start + fit]
            fit += 1
        if fit == 0 and n > start and used > 0:  # not even one item here: a new screen
            parts.append([])
            used = 0.0
            continue
        fit = max(fit, 1) if n > start else 0  # an item taller than a screen goes alone
        total = max(total, sum(heights[start : start + fit]))
        parts[-1].append(Piece(kind, index, slice(start, start + fit), start > 0))
        used += head + total + GAP_PX
        start += fit
        if start >= n:
            return used
        parts.append([])
        used = 0.0


def screens(step: Content, caption: str, title: str = "", downloads: bool = False) -> list[Part]:
    """The screens of one agenda step: its pieces in `order`, each on the screen it fits the rest of, else on a
    new one; a list or table too long for a screen continues on the next (its heading again, "continued")."""
    room_px = room(caption, title)
    parts: list[list[Piece]] = [[]]
    used = 0.0

    def whole(piece: Piece, height: float) -> None:
        nonlocal used
        if used and used + height > room_px:
            parts.append([])
            used = 0.0
        parts[-1].append(piece)
        used += height

    for kind, i in step.order:
        if kind == "tiles":
            whole(Piece("tiles", i), tiles_height(step.tiles[i]))
        elif kind == "charts":
            whole(Piece("charts", i), CHART_PX + GAP_PX)
        elif kind == "list":
            b = step.lists[i]
            head = HEADING_PX + note_height(b.subtitle) if b.title else note_height(b.subtitle)
            used = _split("list", i, head, [item_height(x) for x in b.lines], room_px, used, parts)
        elif kind == "table":
            g = step.grids[i]
            head = HEADING_PX + note_height(g.note) + row_height(list(g.table.columns.values()), g.table)
            heights = [row_height([cell_text(v) for v in r], g.table) for r in g.rows.itertuples(index=False)]
            used = _split("table", i, head, heights, room_px, used, parts)
    if downloads:
        whole(Piece("downloads"), DOWNLOADS_PX)
    return [Part(tuple(p)) for p in parts if p] or [Part()]


# the page of the normal dashboard an agenda item's topic (meeting.TOPICS) reads from: where "Leave chair mode" goes
DASHBOARD = {
    "actions": "pages/actions.py",
    "change_requests": "pages/change_requests.py",
    "design": "pages/dins.py",
    "risks": "pages/change_requests.py",
    "milestones": "pages/milestones.py",
    "programme_updates": "pages/decisions.py",
}


def dashboard(item: Item) -> str:
    """The dashboard page of an agenda item (DASHBOARD; the overview for any other) or of an appendix (the design
    principles, else the groups page: seats and structure)."""
    if item.kind == "appendix":
        return "pages/principles.py" if re.search(r"\bprinciples?\b", item.title, re.IGNORECASE) else "pages/groups.py"
    return DASHBOARD.get(item.topic or "", "app.py")


# ---- the steps of a meeting: the pack's sections ------------------------------------------------------------


@dataclass(frozen=True)
class Step:
    """One step of chair mode: a section of the pack (its agenda item, or an appendix), what it shows, its screens."""

    item: Item
    content: Content
    parts: tuple[Part, ...]


def caption(pack: Pack, item: Item, of: str = "") -> str:
    """The line under a step's title: the meeting, which item (`of`: its part), its objective, type, lead and time;
    the figures' date and what they are compared with."""
    ch = pack.changes
    where = f"{pack.name}, {report.long_date(pack.meeting[0])}" if pack.meeting else pack.name
    which = f"item {item.step} of {len(pack.agenda.items)}" if item.kind != "appendix" else "appendix"
    opener = " · ".join(report.opener(item))
    frozen = f"Figures frozen as at {pack.as_at:%d %B %Y}" + (
        f"; changes since {ch.when()} ({ch.stands_for()})." if ch.known else "; no earlier snapshot to compare with."
    )
    return f"{where} · {which}{of}" + (f": {opener}" if opener else "") + f". {frozen}"


def steps(pack: Pack) -> list[Step]:
    """Chair mode's steps: the pack's sections in order (report.sections, as the HTML pack and the slides walk
    them), the first opening on the agenda and its attachments, the pack's downloads on the last agenda item's
    last screen."""
    out = []
    for n, section in enumerate(report.sections(pack), start=1):
        item: Item = section["item"]
        before = []
        if n == 1:
            before = [report.agenda_table(pack)]
            if pack.agenda.attachments:
                attached = [report.block("Attachments", list(pack.agenda.attachments))]
                section = section | {"blocks": attached + section["blocks"]}
        shows = content(section, pack.changes.heading(), before)
        title = f"{n}.10 · {item.title}"  # the longest a title gets, for the room it leaves
        parts = screens(shows, caption(pack, item, " (part 10 of 10)"), title, n == len(pack.agenda.items))
        out.append(Step(item, shows, tuple(parts)))
    return out

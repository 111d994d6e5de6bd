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
from collections.abc import Sequence
from dataclasses import dataclass, field

import pandas as pd

from mhhs_dashboard.meeting import ACTION_COLUMNS, CR_COLUMNS
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


GAP_PX = 16  # between two columns of a screen (st.columns' gap="medium")
# the page of the normal dashboard each agenda step reads from: where "Leave chair mode" goes
DASHBOARD = {1: "pages/actions.py", 2: "pages/change_requests.py", 3: "pages/dins.py", 4: "pages/change_requests.py"}
DASHBOARD |= {5: "pages/milestones.py", 6: "app.py"}


@dataclass(frozen=True)
class Part:
    """One screen of an agenda step: what it shows (a summary, a table, a chart) and which of its rows or items."""

    what: str
    rows: slice = field(default_factory=lambda: slice(None))


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


# the pack's own headings (meeting.py), in the order the chair's screen shows them
ACTIONS = Table(
    "The action log",
    ACTION_COLUMNS,
    {"action_ref": 0.09, "action": 0.31, "owner": 0.12, "due_date": 0.13, "status": 0.11, "latest_update": 0.24},
)
CRS = Table(
    "The change request register",
    {c: CR_COLUMNS[c] for c in ("cr_ref", "title", "approval_status", "current_stage", "latest_action")},
    {"cr_ref": 0.08, "title": 0.34, "approval_status": 0.13, "current_stage": 0.15, "latest_action": 0.30},
)
RISKS = Table(
    "Programme risks related to DAG",
    {"risk_id": "Risk", "title": "Title", "linked_cr": "Linked CR", "status": "Status", "owner": "Owner"},
    {"risk_id": 0.09, "title": 0.45, "linked_cr": 0.14, "status": 0.12, "owner": 0.20},
    share=0.75,
)
MILESTONES = Table(
    "Next milestones",
    {"milestone_id": "ID", "name": "Milestone", "baseline_date": "Baseline", "forecast_date": "Forecast"},
    {"milestone_id": 0.08, "name": 0.52, "baseline_date": 0.20, "forecast_date": 0.20},
)
MEETINGS = Table(
    "Upcoming meetings",
    {"meeting_date": "Date", "group_code": "Group", "group_name": "Group name", "title": "Meeting"},
    {"meeting_date": 0.17, "group_code": 0.11, "group_name": 0.38, "title": 0.34},
)
TABLES = (ACTIONS, CRS, RISKS, MILESTONES, MEETINGS)


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

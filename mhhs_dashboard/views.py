"""Layout pieces pages share: metric tiles, plain tables, download buttons and the query parameters a link carries."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Mapping, Sequence
from typing import TYPE_CHECKING

import pandas as pd
import plotly.graph_objects as go
import pyarrow as pa
import streamlit as st

from mhhs_dashboard import charts, downloads
from mhhs_dashboard.filters import Filters, inert

if TYPE_CHECKING:
    from pandas.io.formats.style import Styler


def tile_row(tiles: Sequence[tuple[str, object]], empty: str = "No rows in the data for this view.") -> None:
    """A row of metric tiles, (label, value) each; numbers get thousands separators; `empty` when there are none.

    One horizontal container holds the row (it wraps on a narrow screen rather than cutting values short), where
    columns took a block per tile: every element costs the server a hand-over to its event loop, per viewer.

    Labels are Markdown to Streamlit and often carry data text (a milestone's name), so they are made inert.
    """
    if not tiles:
        st.caption(empty)
        return
    row = st.container(horizontal=True, gap="medium")
    for label, value in tiles:
        shown = f"{int(value):,}" if isinstance(value, int) or hasattr(value, "__index__") else str(value)
        row.metric(inert(label), shown)


def plain_table(
    rows: pd.DataFrame, columns: dict[str, str], name: str, widths: Mapping[str, float] | None = None
) -> None:
    """A few rows as a plain table, `columns` (name -> heading) in that order, named `name` for screen readers:
    cells wrap, so a shared screen reads them whole where a data grid cuts text to its column. Its cells are
    Markdown to Streamlit, so text cells are made inert; dates are shown as "Wed 01 May 2024" (kept on one
    line), and missing values as blanks.

    `widths` (column -> share of the table's width, in the columns' order) fixes the columns' widths, as chair
    mode needs to know how many lines a row wraps to (mhhs_dashboard/chair.py); by default the browser sizes
    them to their text."""

    def cell(value: object) -> object:
        if pd.isna(value):
            return ""
        if isinstance(value, str):
            return inert(value)
        return f"{value:%a %d %b %Y}".replace(" ", "\N{NO-BREAK SPACE}") if isinstance(value, dt.date) else value

    shown: pd.DataFrame | Styler = rows[list(columns)].map(cell).rename(columns=columns)
    if widths:
        fixed = [{"selector": "", "props": "table-layout: fixed; width: 100%;"}]
        fixed += [
            {"selector": f"th.col{i}", "props": f"width: {share:.2%};"} for i, share in enumerate(widths.values())
        ]
        shown = shown.style.set_table_styles(fixed)
    st.table(shown, hide_index=True, alt=name)


def download_buttons(
    rows: Callable[[], pd.DataFrame],
    name: tuple[str, object, Mapping[str, object]],
    about: Mapping[str, str],
    sheet: str,
) -> None:
    """Two buttons side by side, "Download CSV" and "Download Excel", for the rows `rows()` returns.

    `name` is what downloads.file_name makes the file names of: (stem, as-at date, filters in view). The Excel file
    has an "About" sheet first (`about`, field by field) and the rows on `sheet`. Both files are built when
    clicked, not at every rerun: an Excel file of a few thousand rows takes a second.
    """
    stem, as_at, filters = name
    csv, xlsx, _ = st.columns([1, 1, 4])
    csv.download_button(
        "Download CSV",
        lambda: downloads.csv_bytes(rows()),
        file_name=downloads.file_name(stem, as_at, filters, "csv"),
        mime="text/csv",
        on_click="ignore",
        icon=":material/download:",
    )
    xlsx.download_button(
        "Download Excel",
        lambda: downloads.xlsx_bytes(rows(), about, sheet=sheet),
        file_name=downloads.file_name(stem, as_at, filters, "xlsx"),
        mime=downloads.XLSX_MIME,
        on_click="ignore",
        icon=":material/download:",
    )


def grid(rows: pd.DataFrame, name: str, **options: object) -> None:
    """A data grid of `rows` (st.dataframe, without their index; `options` as st.dataframe takes them), named
    `name` for screen readers (what the rows are, as the heading above it says).

    A value a row lacks (text, date or number) shows blank: Streamlit writes a faded "None" there by default,
    which reads as a value on a shared screen ("Actual: None"). Columns keep their types, so dates still sort.

    The rows go over as an Arrow table built column by column, which takes st.dataframe about half as long as
    the frame itself (pyarrow's `Table.from_pandas` writes pandas metadata and starts a thread pool): for the
    DIN page's 2,000 rows, at every rerun of every session, 1.3-3.1 ms against 3.7-5.6 ms (medians of 40
    calls, four runs). A column Arrow cannot type on its own (mixed values) leaves the whole conversion to
    Streamlit, which fixes types.
    """
    shown = {"hide_index": True, "placeholder": "", "alt": name, **options}
    try:
        table = pa.table([pa.array(rows[column]) for column in rows.columns], names=list(rows.columns))
    except (pa.ArrowInvalid, pa.ArrowTypeError):
        st.dataframe(rows, **shown)
        return
    st.dataframe(table, **shown)


def chart(figure: go.Figure, key: str, **options: object) -> object:
    """st.plotly_chart of `figure` (`options` as st.plotly_chart takes them, `on_select` too: its state is
    returned), named for screen readers after the chart's title (charts.accessible_name)."""
    return st.plotly_chart(figure, key=key, alt=charts.accessible_name(figure), **options)


def rows_in_view(rows: pd.DataFrame) -> int:
    """How many rows a list cut short by its query's $limit holds in all (its `rows_in_view` column); 0 if empty."""
    return int(rows["rows_in_view"].iloc[0]) if len(rows) else 0


def link_params(f: Filters, **extra: str | list[str]) -> dict[str, str | list[str]]:
    """The query parameters that keep this view's global filters on a link to another page."""
    params: dict[str, str | list[str]] = {}
    if f.releases:
        params["release"] = list(f.releases)
    if f.groups:
        params["group"] = list(f.groups)
    if f.since:
        params["since"] = f.since.isoformat()
    if f.as_at:
        params["as_at"] = f.as_at.isoformat()
    params.update(extra)
    return params


def item_links(page: str, param: str, values: Sequence[str]) -> str:
    """Markdown links to one item each (`actions?action=DAG35-02`); data text made inert, URL values quoted."""
    from urllib.parse import quote

    return ", ".join(f"[{inert(v)}]({page}?{param}={quote(v, safe='')})" for v in values)

"""Streamlit elements pages share: metric tiles, plain tables, data grids, charts, downloads, empty states, stamp,
back links."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Mapping, Sequence
from typing import TypeAlias

import pandas as pd
import plotly.graph_objects as go
import pyarrow as pa
import streamlit as st

from mhhs_dashboard import blocks, charts, data, downloads, nav, schema
from mhhs_dashboard.filters import ChartPicks, Filters
from mhhs_dashboard.links import cleared_params, link_params
from mhhs_dashboard.source import Source
from mhhs_dashboard.store import data_version, later_snapshots, recent_snapshots
from mhhs_dashboard.text import counted, inert, inert_heading


def tile_row(tiles: Sequence[tuple[str, object]], empty: str = blocks.NO_TILES, note: str = "") -> None:
    """A row of metric tiles, (label, value) each (blocks.tiles), as one element that wraps on a narrow screen;
    `empty` when there are none. `note` (plain text, drawn as st.caption draws one) goes under the tiles in the
    same element (blocks.panel)."""
    if not tiles:
        st.caption(f"{empty} {note}".strip())
    elif note:
        st.html(blocks.panel("", tiles, note))
    else:
        st.html(blocks.tiles(tiles))


def table_as_at(src: Source, table: str) -> str:
    """'DIN log as at 30 Apr 2024': the date of the table's snapshot in the view, to label a figure with (a view
    that mixes tables' dates labels each figure with its own)."""
    title = schema.TABLES[table].title
    when = data.table_dates(src).get(table)
    if when is None:
        return f"No {title} snapshot on or before {data.point(src):%d %b %Y}"
    return f"{title[:1].upper()}{title[1:]} as at {when:%d %b %Y}"


def plain_table(
    rows: pd.DataFrame | pa.Table,
    columns: Mapping[str, str],
    name: str,
    widths: Mapping[str, float] | None = None,
) -> None:
    """A few rows as a plain table, `columns` (name -> heading) in that order, named `name` for screen readers:
    cells wrap, so a shared screen reads them whole where a data grid cuts text to its column. Its cells are
    Markdown to Streamlit, so text cells are made inert; dates are shown as "Wed 01 May 2024" (kept on one
    line), and missing values as blanks. `rows` may be what `plain_rows` made of them with these `columns`
    already, as a page keeps them (`kept_plain`).

    `widths` (column -> share of the table's width, in the columns' order) fixes the columns' widths, as chair
    mode needs to know how many lines a row wraps to (mhhs_dashboard/chair.py); by default the browser sizes
    them to their text."""
    if widths:  # by a style sheet for the table of this name, where a pandas Styler cost several times the table
        st.html(blocks.column_widths(name, list(widths.values())))
    table = rows if isinstance(rows, pa.Table) else plain_rows(rows, columns)
    st.table(table, hide_index=True, alt=name)


def plain_rows(rows: pd.DataFrame, columns: Mapping[str, str]) -> pa.Table:
    """`rows` as plain_table shows them: `columns` (name -> heading) in that order, each cell as it reads."""

    def cell(value: object) -> object:
        if isinstance(value, str):
            return inert(value)
        if value is None or value is pd.NaT or value is pd.NA or (isinstance(value, float) and value != value):
            return ""
        return f"{value:%a %d %b %Y}".replace(" ", "\N{NO-BREAK SPACE}") if isinstance(value, dt.date) else value

    # column by column over plain Python values: DataFrame.map's per-column machinery cost more than the cells;
    # as an Arrow table: st.table converts a DataFrame to Arrow at every view, 2.4-2.9 ms of server CPU a table
    # against 0.75 ms (twenty 3-row tables beside bench/floor_app, bench.cpu.views)
    return pa.table(
        {inert_heading(heading): _column([cell(v) for v in rows[name].tolist()]) for name, heading in columns.items()}
    )


def kept_plain(src: Source, read: Callable[..., pd.DataFrame], columns: Mapping[str, str], *args: object) -> pa.Table:
    """`read(src, *args)` (one of data's reads) as plain_table shows it in `columns`, worked out once per data
    version and arguments (data.once): a view then only sends it."""
    return data.once(src, _plain_of, read, tuple(columns.items()), args)


def _plain_of(
    src: Source, read: Callable[..., pd.DataFrame], columns: tuple[tuple[str, str], ...], args: tuple
) -> pa.Table:
    return plain_rows(read(src, *args), dict(columns))


def kept_rows(src: Source, read: Callable[..., pd.DataFrame], *args: object, columns: Sequence[str] = ()) -> GridRows:
    """`read(src, *args)` (one of data's reads; only `columns` of it, if named) as grid sends it (grid_rows),
    worked out once per data version and arguments (data.once)."""
    return data.once(src, _rows_of, read, args, tuple(columns))


def _rows_of(src: Source, read: Callable[..., pd.DataFrame], args: tuple, columns: tuple[str, ...]) -> GridRows:
    rows = read(src, *args)
    return grid_rows(rows[list(columns)] if columns else rows)


def _column(values: list[object]) -> pa.Array:
    """One column of a plain table as Arrow: typed where its values share a type, else as the text they show."""
    try:
        return pa.array(values)
    except (pa.ArrowInvalid, pa.ArrowTypeError):
        return pa.array([str(v) for v in values])


def headings(column_config: Mapping[str, object]) -> dict[str, str]:
    """Column -> the heading a grid's `column_config` gives it (a plain string, or an st.column_config's label)."""
    out = {}
    for col, config in column_config.items():
        label = config if isinstance(config, str) else config.get("label") if isinstance(config, Mapping) else None
        if isinstance(label, str) and label:
            out[col] = label
    return out


def download_buttons(
    rows: Callable[[], pd.DataFrame],
    name: tuple[str, object, Mapping[str, object]],
    about: Mapping[str, str],
    sheet: str,
    *,
    headed: Mapping[str, str] | None = None,
    table: str | None = None,
) -> None:
    """Two buttons side by side, "Download CSV" and "Download Excel", for the rows `rows()` returns.

    `name` is what downloads.file_name makes the file names of: (stem, as-at date, filters in view). The Excel file
    has an "About" sheet first (`about`, field by field) and the rows on `sheet`. Both files head their columns as
    the screen does (`headed`: column -> heading, e.g. `headings(column_config)`), and any other column as the
    register `table` heads it (downloads.headed). Both are built when clicked, not at every rerun: an Excel file
    of a few thousand rows takes a second.
    """
    stem, as_at, filters = name

    def worded() -> pd.DataFrame:
        return downloads.headed(rows(), headed, table)

    row = st.container(horizontal=True)  # one element for the row: columns would be a block each, and the row
    row.download_button(
        "Download CSV",
        lambda: downloads.csv_bytes(worded()),
        file_name=downloads.file_name(stem, as_at, filters, "csv"),
        mime="text/csv",
        on_click="ignore",
        icon=":material/download:",
    )
    row.download_button(
        "Download Excel",
        lambda: downloads.xlsx_bytes(worded(), about, sheet=sheet),
        file_name=downloads.file_name(stem, as_at, filters, "xlsx"),
        mime=downloads.XLSX_MIME,
        on_click="ignore",
        icon=":material/download:",
    )


def csv_download(
    label: str, rows: Callable[[], pd.DataFrame], column_config: Mapping[str, object], table: str, file_name: str
) -> None:
    """One CSV button for the rows a grid shows (`rows()`), headed as its `column_config` heads them and any other
    column as the register `table` heads it (downloads.headed); built when clicked, not at every rerun (picking
    a frame's columns alone costs pandas about 1 ms)."""
    st.download_button(
        label,
        lambda: downloads.csv_bytes(downloads.headed(rows(), headings(column_config), table)),
        file_name=file_name,
        mime="text/csv",
        on_click="ignore",
    )


GridRows: TypeAlias = pa.Table | pd.DataFrame  # rows as `grid` takes them: as Arrow already (`grid_rows`), or a frame


def grid(rows: GridRows, name: str, **options: object) -> None:
    """A data grid of `rows` (st.dataframe, without their index; `options` as st.dataframe takes them), named
    `name` for screen readers (what the rows are, as the heading above it says).

    A value a row lacks (text, date or number) shows blank: Streamlit writes a faded "None" there by default,
    which reads as a value on a shared screen ("Actual: None"). Columns keep their types, so dates still sort.
    The rows go over as Arrow (`grid_rows`); rows a page keeps (data.once) can be kept as Arrow already.
    """
    shown = {"hide_index": True, "placeholder": "", "alt": name, **options}
    st.dataframe(rows if isinstance(rows, pa.Table) else grid_rows(rows), **shown)  # type: ignore[call-overload]


def grid_rows(rows: pd.DataFrame) -> GridRows:
    """`rows` as `grid` sends them: an Arrow table built column by column, which takes st.dataframe about half as
    long as the frame itself (pyarrow's `Table.from_pandas` writes pandas metadata and starts a thread pool): for
    the DIN page's 2,000 rows, at every rerun of every session, 1.3-3.1 ms against 3.7-5.6 ms (medians of 40
    calls, four runs). A column Arrow cannot type on its own (mixed values) leaves the frame as it is, for
    Streamlit's own conversion, which fixes types."""
    try:
        return pa.table([pa.array(rows[column]) for column in rows.columns], names=list(rows.columns))
    except (pa.ArrowInvalid, pa.ArrowTypeError):
        return rows


# Plotly's own toolbar (zoom, pan, PNG) floated over the chart's title and legend, and on a phone it covered them
# at the first tap; the charts are read and clicked, not zoomed, and Streamlit's element toolbar keeps fullscreen
CHART_CONFIG = {"displayModeBar": False, "displaylogo": False}


def chart(figure: go.Figure, key: str, **options: object) -> object:
    """st.plotly_chart of `figure` (`options` as st.plotly_chart takes them, `on_select` too: its state is
    returned), named for screen readers after the chart's title (charts.accessible_name), without Plotly's
    floating toolbar (CHART_CONFIG)."""
    return st.plotly_chart(figure, key=key, alt=charts.accessible_name(figure), config=CHART_CONFIG, **options)  # type: ignore[call-overload]


def picked_chart(figure: go.Figure, picks: ChartPicks, name: str, fields: Mapping[str, str]) -> None:
    """A chart whose clicked points narrow the table below: the selection kept in `picks` as chart `name`, its
    fields read from where `fields` says they are in a point (e.g. {"status": "y"})."""
    event = chart(figure, key=picks.key(name), on_select="rerun", selection_mode="points")
    picks.update(name, event, fields)


def back_link(page: str, label: str, params: Mapping[str, str | list[str]] | None) -> None:
    """The link from one item's view back to the whole list on `page`, with the list's query `params`."""
    st.page_link(nav.page(page), label=label, icon=":material/arrow_back:", query_params=params)


def rows_in_view(rows: pd.DataFrame) -> int:
    """How many rows a list cut short by its query's $limit holds in all (its `rows_in_view` column); 0 if empty."""
    return int(rows["rows_in_view"].iloc[0]) if len(rows) else 0


def why_empty(
    table: str,
    rows: str,
    *,
    in_use: dt.date | None,
    frozen: dt.date | None,
    earliest: dt.date | None,
    filtered: bool,
) -> tuple[str, str | None]:
    """Why a view of `table` shows no `rows` ("DINs"), as (message, link): the link is "earliest" (open the
    view as at the table's earliest snapshot), "clear" (the same view without its filters) or None.

    `in_use` is the date of the table's snapshot in use (None: none), `frozen` the as-at date the view is frozen
    to (None: the newest data), `earliest` the table's earliest snapshot in the data (None: none at all), and
    `filtered` whether the view's filters narrow the rows.
    """
    spec = schema.TABLES[table]
    if in_use is None and frozen is not None and earliest is not None and earliest > frozen:
        return (
            f"No snapshot of the {spec.title} exists on or before {frozen:%d %b %Y}: "
            f"the earliest is as at {earliest:%d %b %Y}.",
            "earliest",
        )
    if in_use is None:
        return (
            f"The data holds no snapshot of the {spec.title}: load one with "
            f"`mhhs-dashboard ingest {spec.cli_name} FILE`.",
            None,
        )
    if filtered:
        return f"No {rows} match these filters.", "clear"
    return f"The {spec.title} snapshot as at {in_use:%d %b %Y} holds no {rows}.", None


def empty_state(f: Filters, table: str, rows: str, page: str, *, filtered: bool) -> None:
    """Say what is true when a view of `table` shows no `rows` ("DINs"): its filters match none (with a link to
    `page` without them), no snapshot exists on or before the as-at date (with a link to the earliest one), no
    snapshot was ever loaded, or the snapshot in use is empty."""
    snaps = recent_snapshots(f.src.data_dir).get(table, [])
    earliest = snaps[0].as_at if snaps else None
    in_use = data.store(f.src).as_at.get(table)
    message, link = why_empty(table, rows, in_use=in_use, frozen=f.as_at, earliest=earliest, filtered=filtered)
    st.info(message, icon=":material/info:")
    if link == "clear":
        st.page_link(
            nav.page(page),
            label="Clear the filters",
            icon=":material/filter_alt_off:",
            query_params=cleared_params(f) or None,
        )
    elif link == "earliest" and earliest is not None:
        st.page_link(
            nav.page(page),
            label=f"Open as at {earliest:%d %b %Y}",
            icon=":material/history:",
            query_params=link_params(f, as_at=earliest.isoformat()),
        )


OPEN_DIN_STATUSES = [s for s, state in schema.DIN_STATUSES.items() if state == "open"]


def next_release_signpost(f: Filters) -> None:
    """The next Interim Release after the view's as-at date (data.next_release): its date, the DINs targeted at
    it and those still open, with links to the DIN log filtered to them that keep the view's other filters and
    as-at date. Worded once per data version (data.once)."""
    card, release, targeted, still_open = data.once(f.src, _signpost)
    with st.container(border=True):
        st.html(blocks.panel(*card))
        if not targeted:
            return
        links = st.container(horizontal=True, gap="medium")
        links.page_link(
            nav.page("pages/dins.py"),
            label=f"The {counted(targeted, 'DIN')} targeted at {inert(release)}",
            icon=":material/arrow_forward:",
            query_params=link_params(f, release=[release]),
        )
        if still_open:
            links.page_link(
                nav.page("pages/dins.py"),
                label=f"The {still_open:,} still open",
                icon=":material/arrow_forward:",
                query_params=link_params(f, release=[release], status=OPEN_DIN_STATUSES),
            )


def _signpost(src: Source) -> tuple[blocks.Panel, str, int, int]:
    """The signpost's card (blocks.panel's arguments), the release's name, its DINs targeted and still open."""
    nxt = data.next_release(src)
    if nxt is None:
        return ("Next Interim Release", "The release list names no Interim Release after the as-at date."), "", 0, 0
    release, published = str(nxt["release"]), nxt["published_date"]
    day = f"{nxt['as_of']:%d %b %Y}"
    counted_from = f"the as-at date, {day}" if src.as_at else f"the DIN log's as-at date, {day}"
    when = (
        "The next Interim Release after "
        if pd.isna(published)
        else f"In {counted(int(nxt['days_to_go']), 'day')}: the next Interim Release after "
    )
    note = " (date illustrative)" if nxt["illustrative"] and not pd.isna(published) else ""
    notes = f" Release notes: {nxt['notes']}" if isinstance(nxt["notes"], str) and nxt["notes"] else ""
    targeted, still_open = int(nxt["dins_targeted"]), int(nxt["dins_open"])
    none = "" if targeted else " No DIN in the log targets it yet."
    card: blocks.Panel = (
        "Next Interim Release",
        [
            (release, "Date TBC" if pd.isna(published) else f"{published:%d %b %Y}"),
            ("DINs targeted", targeted),
            ("Still open", still_open),
        ],
        f"{when}{counted_from}{note}.{none}{notes}",
    )
    return card, release, targeted, still_open


def as_at_stamp(src: Source) -> None:
    """In the sidebar, 'Data as at' the view's one date, then each table's own snapshot date, grouped by date;
    snapshots dated after the view's date (reachable with `as_at`) and any snapshot that was skipped. Worded once
    per data version, and per the newest data's version for a view frozen before it (its later snapshots)."""
    st.sidebar.markdown(data.once(src, _stamp_text, data_version(src.data_dir)))


def _stamp_text(src: Source, newest_version: str) -> str:
    del newest_version  # part of the key only: a later snapshot changes what the stamp says of a frozen view
    s = data.store(src)
    by_date: dict[dt.date | None, list[str]] = {}
    for table, when in s.as_at.items():
        by_date.setdefault(when, []).append(schema.TABLES[table].title)
    lines = [
        f"**{when:%d %b %Y}**: {', '.join(tables)}" if when else f"**no data**: {', '.join(tables)}"
        for when, tables in sorted(by_date.items(), key=lambda kv: (kv[0] is None, kv[0] or dt.date.min))
    ]
    why = "frozen to this date" if src.as_at else "the registers' newest snapshot"
    head = f"**Data as at {s.point:%d %b %Y}** ({why}): each table at its newest snapshot on or before it"
    later = later_snapshots(src.data_dir, s.point)
    if later:
        newest = max(later.values())
        tables = ", ".join(schema.TABLES[t].title for t in later)
        lines.append(f"Later snapshots ({tables}): [as at {newest:%d %b %Y}](?as_at={newest.isoformat()})")
    return head + "  \n" + "  \n".join(lines)


def cadence_warnings(src: Source, groups: tuple[str, ...]) -> None:
    """One warning per group of `groups` whose cadence rule or meeting times cannot be read
    (cadence.cadence_problems), worded once per data version (data.once)."""
    for line in data.once(src, _cadence_lines, groups):
        st.warning(line, icon=":material/event_busy:")


def _cadence_lines(src: Source, groups: tuple[str, ...]) -> list[str]:
    return [
        f"{inert(p.row_key)}: {inert(p.problem)}; its meetings are not generated. {inert(p.detail)}"
        for p in data.calendar_frames(src, groups).problems.itertuples()
    ]

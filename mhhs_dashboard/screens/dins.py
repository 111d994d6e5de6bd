"""DIN log: tiles, by status, by release, release x status, over time, and the DINs behind them; one DIN at ?din=."""

import pandas as pd
import streamlit as st

from mhhs_dashboard import charts, data, schema, url
from mhhs_dashboard.elements import (
    back_link,
    chart,
    download_buttons,
    empty_state,
    grid,
    headings,
    next_release_signpost,
    picked_chart,
    rows_in_view,
    tile_row,
)
from mhhs_dashboard.filters import DinView
from mhhs_dashboard.frame import frame
from mhhs_dashboard.links import link_params
from mhhs_dashboard.runs import one_at_a_time
from mhhs_dashboard.text import date_or_dash, inert

# the newest this many DINs in view are listed on screen; the downloads hold every one
SHOWN_ROWS = 2_000
LIST = "List the DINs in view, newest raised first"

ILLUSTRATIVE = "Illustrative rows: reconstructed from the DAG #36 pack's totals, which they match exactly."

COLUMNS = {
    "link": st.column_config.LinkColumn("DIN", display_text=r"din=(.*)$", help="Open the DIN's own view"),
    "title": st.column_config.TextColumn("Title", width="large"),
    "status": "Status",
    "release": "Target release",
    "raised_date": st.column_config.DateColumn("Raised", format="D MMM YYYY"),
    "raised_by": "Raised by",
    "closed_date": st.column_config.DateColumn("Closed", format="D MMM YYYY"),
    "artefact": "Artefact",
}


def month_chart(src: data.Source, view: DinView) -> charts.Figure:
    """DINs raised per month and open at month end, with the Interim Release publications (data.figure_once)."""
    return charts.dins_by_month_chart(data.dins_by_month(src, view), data.release_publications(src))


@one_at_a_time
def show() -> None:
    f = frame("DIN log", filters=("release",), status_options=list(schema.DIN_STATUSES))
    src = f.src
    # --- one DIN: /dins?din=DIN-1066 ----------------------------------------------------------------------------
    din_id = url.item("din", lambda din: not data.din_detail(src, din).empty, f.dropped)
    if din_id:
        detail = data.din_detail(src, din_id)
        d = detail.iloc[0]
        back_link("pages/dins.py", "All DINs", link_params(f) or None)
        st.title(inert(d["din_id"]))
        st.subheader(inert(d["title"]) if isinstance(d["title"], str) else "(no title)")
        tile_row(
            [
                ("Status", d["status"] or "(blank)"),
                ("Open or closed", str(d["state"]).capitalize()),
                ("Target release", d["release"]),
                ("Raised", date_or_dash(d["raised_date"], "-")),
                ("Closed", date_or_dash(d["closed_date"], "-")),
            ]
        )
        grid(
            detail[["din_id", "raised_by", "artefact", "release_raw", "illustrative"]],
            "The DIN's row in the log",
            column_config={
                "din_id": "DIN",
                "raised_by": "Raised by",
                "artefact": "Artefact",
                "release_raw": st.column_config.TextColumn("Release as written in the log"),
                "illustrative": st.column_config.CheckboxColumn("Illustrative"),
            },
        )
        if len(detail) > 1:
            st.warning(f"{len(detail)} rows in the log carry this id; see the data-quality page.")
        st.subheader("History across snapshots")
        history = data.din_history(src, d["din_id"])
        grid(
            history,
            "The DIN's history across snapshots",
            column_config={
                "as_at": st.column_config.DateColumn("As at", format="D MMM YYYY"),
                "status": "Status",
                "state": "Open or closed",
                "release": "Target release",
                "closed_date": st.column_config.DateColumn("Closed", format="D MMM YYYY"),
                "changed": "What changed since the snapshot before",
            },
        )
        if d["illustrative"]:
            st.caption(ILLUSTRATIVE)
        st.stop()

    # --- the log -----------------------------------------------------------------------------------------------
    st.title("DIN log")
    row = st.container(horizontal=True)  # the page's own filters: one element for the row, where columns are four
    q = url.text("q", "Search id or title", where=row, placeholder="e.g. DIN-1066 or IF-041")
    raised_by = url.multiselect("raised_by", "Raised by", data.din_raised_by_options(src), f.dropped, where=row)
    raised_from = url.date("from", "Raised on or after", f.dropped, where=row)
    raised_to = url.date("to", "Raised on or before", f.dropped, where=row)
    view = DinView(f.releases, f.statuses, raised_by, q, raised_from, raised_to)
    picks = url.chart_picks(
        "dins", {"release": data.release_options(src), "status": list(schema.DIN_STATUSES)}, f.dropped
    )

    totals = data.din_view_totals(src, view)
    since = f"{totals['previous_as_at']:%d %b}" if totals["previous_as_at"] == totals["previous_as_at"] else None
    as_at = totals["as_at"]
    compared = f", compared with the snapshot of {totals['previous_as_at']:%d %B %Y}" if since else ""
    tile_row(
        [
            ("DINs in view", totals["total"]),
            ("Open", totals["open"]),
            ("Closed", totals["closed"]),
            (
                f"Raised since {since}" if since else "Raised since last snapshot",
                totals["raised_since"] if since else "-",
            ),
            (
                f"Closed since {since}" if since else "Closed since last snapshot",
                totals["closed_since"] if since else "-",
            ),
        ],
        # none when NaT: no snapshot of the log on or before the as-at date (the notice below says which)
        note=f"DIN log as at {as_at:%d %B %Y}{compared}. Click a bar or a cell to list those DINs below."
        if as_at == as_at
        else "",
    )
    if not totals["total"]:
        empty_state(f, "din_log", "DINs", "pages/dins.py", filtered=any(view))
        st.stop()
    next_release_signpost(f)

    left, right = st.columns(2, gap="large")
    with left:
        picked_chart(
            data.figure_of(src, charts.din_by_status_bar, data.din_by_status, (), view),
            picks,
            "status",
            {"status": "y"},
        )
    with right:
        picked_chart(
            data.figure_of(src, charts.din_by_release_bar, data.din_by_release, (), view),
            picks,
            "release",
            {"release": "x"},
        )
    picked_chart(
        data.figure_of(src, charts.din_release_status_heatmap, data.din_release_status_matrix, view),
        picks,
        "matrix",
        {"release": "customdata.0", "status": "customdata.1"},
    )
    chart(
        data.figure_once(src, month_chart, view),
        key="dins_by_month",
    )
    st.caption(
        "Raised per month from each DIN's raised date; open at month end counts DINs raised by then and not yet "
        "closed. Dotted lines: Interim Release publications (* = date illustrative)."
    )

    # --- the DINs behind the view --------------------------------------------------------------------------------
    rows = data.din_list(src, view, picks.picks["release"], picks.picks["status"], limit=SHOWN_ROWS)
    in_view = rows_in_view(rows)
    st.subheader(f"The DINs in view ({in_view:,})")
    if picks.active:
        chosen = "; ".join(f"{k}: {', '.join(v)}" for k, v in picks.picks.items() if v)
        note, button = st.columns([5, 1])
        note.info("Narrowed to the chart selection: " + inert(chosen), icon=":material/filter_alt:")
        button.button("Clear selection", on_click=picks.clear, icon=":material/close:")
    # the list one click away on the whole log (a grid cost a first visit about half a second in the browser,
    # bench/RESULTS.md), open at once on a view narrowed by a filter, a search or a chart selection
    with st.expander(LIST, expanded=any(view) or picks.active, key="dins_list", on_change="rerun") as listed:
        if listed.open:  # the rows are sent only once the list is open (opening reruns the page)
            grid(rows, "The DINs in view", column_order=list(COLUMNS), column_config=COLUMNS)
            if in_view > len(rows):
                st.caption(
                    f"Listing the {len(rows):,} most recently raised of {in_view:,}: search or filter to narrow the "
                    f"list. The downloads below hold all {in_view:,}."
                )
    if totals["illustrative"]:
        st.caption(ILLUSTRATIVE)

    shown: dict[str, list[str] | str] = {
        "release": list(f.releases),
        "status": list(f.statuses),
        "raised_by": list(raised_by),
        "q": q,
        "from": raised_from.isoformat() if raised_from else "",
        "to": raised_to.isoformat() if raised_to else "",
        "pick_release": list(picks.picks["release"]),
        "pick_status": list(picks.picks["status"]),
    }
    stamp = as_at.date().isoformat() if as_at == as_at else "none"
    about = {
        "What": "DIN log rows in the dashboard's current view",
        "As at": stamp,
        "Rows": f"{in_view:,}",
        **{k: (", ".join(v) if isinstance(v, list) else v) or "(all)" for k, v in shown.items()},
        "Note": ILLUSTRATIVE if totals["illustrative"] else "",
    }

    def table() -> pd.DataFrame:
        """Every DIN in view, for a download (built on click, not on every rerun)."""
        every = (
            rows if in_view == len(rows) else data.din_list(src, view, picks.picks["release"], picks.picks["status"])
        )
        return every.drop(columns=["link", "rows_in_view"])

    download_buttons(
        table,
        ("dins", stamp, shown),
        about,
        sheet="DINs",
        headed={**headings(COLUMNS), "din_id": "DIN", "state": "Open or closed"},  # the words on screen
        table="din_log",
    )

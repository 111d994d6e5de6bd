"""Milestones & releases: the plan on one screen, one view per milestone (?milestone=M10), the Interim Releases."""

import pandas as pd
import streamlit as st

from mhhs_dashboard import blocks, charts, data, downloads, url
from mhhs_dashboard.elements import GridRows, back_link, chart, csv_download, empty_state, grid, grid_rows, tile_row
from mhhs_dashboard.filters import Filters
from mhhs_dashboard.frame import frame
from mhhs_dashboard.links import link_params, link_view, page_url
from mhhs_dashboard.ref_links import latest_decision
from mhhs_dashboard.runs import one_at_a_time
from mhhs_dashboard.text import date_or_dash, days_or_dash, inert

# the columns the plan grid and a milestone's plan history share
PLAN_COLUMNS = {
    "forecast_date": st.column_config.DateColumn("Forecast", format="D MMM YYYY"),
    "actual_date": st.column_config.DateColumn("Actual", format="D MMM YYYY"),
    "slip_baseline_days": st.column_config.NumberColumn("Slip vs baseline (days)", format="%+d"),
    "slip_previous_days": st.column_config.NumberColumn("Moved since previous (days)", format="%+d"),
}


PLAN_SHOWN = [  # the plan grid's columns, in order
    "milestone_id",
    "name",
    "status_text",
    "baseline_date",
    "forecast_date",
    "actual_date",
    "slip_baseline_days",
    "previous_expected_date",
    "slip_previous_days",
    "illustrative",
    "source",
]
RELEASES_SHOWN = [  # the release grid's
    "release_code",
    "release",
    "published_date",
    "state",
    "illustrative",
    "dins_implemented",
    "dins_targeted",
    "notes",
]


def milestone_links(src: data.Source, view: Filters) -> list[blocks.Link]:
    """A link to each milestone's own view, keeping the view's filters; once per data version and filters
    (data.once, links.link_view)."""
    return [
        blocks.Link(
            f"{item.milestone_id} {item.status_text}",
            page_url("pages/milestones.py", link_params(view, milestone=item.milestone_id)),
        )
        for item in data.milestone_plan(src).itertuples()
    ]


def release_links(src: data.Source, view: Filters) -> list[blocks.Link]:
    """A link to the DIN log of each Interim Release, with its DINs implemented and its date; once per data
    version and filters (data.once)."""
    linked = []
    for r in data.release_list(src, view.releases).itertuples():
        date = "TBC" if r.state == "TBC" else date_or_dash(r.published_date, "-")
        flag = " (illustrative)" if r.illustrative else ""
        state = "" if r.state == "published" else f", {r.state}"
        linked.append(
            blocks.Link(
                f": {r.dins_implemented:,} implemented · {date}{flag}{state}",
                page_url("pages/dins.py", link_params(view, release=r.release)),
                strong=r.release_code,
            )
        )
    return linked


def plan_rows(src: data.Source) -> GridRows:
    """The plan as its grid shows it (grid_rows), once per data version (data.once)."""
    return grid_rows(data.milestone_plan(src)[PLAN_SHOWN])


def release_rows(src: data.Source, releases: tuple[str, ...]) -> GridRows:
    """The Interim Releases as their grid shows them (grid_rows), once per data version and filters."""
    return grid_rows(data.release_list(src, releases)[RELEASES_SHOWN])


def plan_chart(src: data.Source) -> charts.Figure:
    """The plan's timeline: baseline, previous and current dates, and the replans (data.figure_once)."""
    return charts.milestone_plan_timeline(data.milestone_plan(src), data.milestone_replans(src))


@one_at_a_time
def show() -> None:
    f = frame("Milestones & releases", filters=("release",))
    src = f.src
    st.title("Milestones & releases")

    plan = data.milestone_plan(src)
    ids = data.column_of(src, data.milestone_plan, "milestone_id")  # kept once per data version
    milestone = url.item("milestone", lambda m: m in ids, f.dropped)
    # A page_link to this same page reruns it with the link's query string but leaves the address bar as it was:
    # write the query string back so that the address bar holds the view on screen.
    st.query_params.from_dict({k: st.query_params.get_all(k) for k in st.query_params})

    if plan.empty:
        empty_state(f, "milestones", "milestones", "pages/milestones.py", filtered=False)
        as_at = previous = None
    else:
        as_at, previous = plan["as_at"].iloc[0], plan["previous_as_at"].iloc[0]
        compared = f", compared with the previous plan as at **{previous:%d %b %Y}**" if not pd.isna(previous) else ""
        st.caption(
            f"The plan as at **{as_at:%d %b %Y}**{compared}. Status is judged at the plan's as-at date, not today. "
            "**Baseline** is the CR022 plan (PSG approval 8 Jun 2023): it is kept after the CR055 replan (Ofgem "
            "approval 29 Nov 2024) so that slippage against it stays visible. Days of the month marked *illustrative* "
            "are plausible placeholders where the public sources give only a month."
        )

    if milestone:
        row = plan[plan["milestone_id"] == milestone].iloc[0]
        back_link("pages/milestones.py", "All milestones", link_params(f))
        st.header(f"{inert(milestone)}: {inert(row['name'])}")
        latest_decision(f, milestone)
        tile_row(
            [
                ("Status", row["status_text"]),
                ("Slip against baseline", days_or_dash(row["slip_baseline_days"], "-")),
                ("Moved since previous plan", days_or_dash(row["slip_previous_days"], "-")),
            ]
        )
        tile_row(
            [
                ("Baseline", date_or_dash(row["baseline_date"], "-")),
                ("Forecast", date_or_dash(row["forecast_date"], "-")),
                ("Actual", date_or_dash(row["actual_date"], "-")),
            ]
        )
        note = " The dates are illustrative in part." if row["illustrative"] else ""
        st.caption(f"Source: {inert(row['source'] or 'not given')}.{note}")
        history = data.milestone_slippage(src, (milestone,))
        left, right = st.columns(2, gap="large")
        with left:
            chart(
                data.figure_of(src, charts.milestone_slippage_line, data.milestone_slippage, (milestone,)),
                key="milestone_history",
            )
        with right:
            st.markdown("**Each plan snapshot**")
            grid(
                history[
                    [
                        "as_at",
                        "baseline_date",
                        "forecast_date",
                        "actual_date",
                        "slip_baseline_days",
                        "slip_previous_days",
                    ]
                ],
                "Each plan snapshot",
                column_config={
                    "as_at": st.column_config.DateColumn("Plan as at", format="D MMM YYYY"),
                    "baseline_date": st.column_config.DateColumn("Baseline", format="D MMM YYYY"),
                    **PLAN_COLUMNS,
                },
            )

        st.subheader(f"What hangs on {inert(milestone)}")
        links = data.milestone_links(src, (milestone,))
        if links.empty:
            st.write(f"No change request or risk in the registers names {inert(milestone)}.")
        else:
            st.caption(
                f"Change requests and risks whose text names {inert(milestone)} (as “{inert(milestone)}”, "
                f"“pre-{inert(milestone)}”, “post-{inert(milestone)}”, “after {inert(milestone)}”)."
            )
            named = [
                blocks.Link(
                    f": {item.title or ''} ({item.mentions})",
                    page_url(
                        "pages/change_requests.py", link_params(f, **{"cr" if item.kind == "CR" else "risk": item.ref})
                    ),
                    strong=item.ref,
                )
                for item in links.itertuples()
            ]
            st.html(blocks.links(named, f"What hangs on {milestone}"))
            grid(
                links[["kind", "ref", "title", "status", "timing", "mentions", "found_in"]],
                "Change requests and risks that name the milestone",
                column_config={
                    "kind": "Kind",
                    "ref": "Ref",
                    "title": "Title",
                    "status": "Status",
                    "timing": "Pre/post",
                    "mentions": "Mentions",
                    "found_in": "Found in",
                },
            )
        st.divider()

    if not plan.empty:
        st.subheader("The plan")
        chart(data.figure_once(src, plan_chart), key="plan_timeline")
        st.caption(
            "Black tick: baseline. Hollow blue circle: the date in the previous plan. Coloured marker: the current "
            "forecast, or the actual date once achieved; its status and the days against the baseline are written "
            "beside it. Status rules: achieved = an actual date is set (early, on time or late against the baseline); "
            "missed = no actual date and the baseline or forecast date has passed; at risk = forecast later than the "
            "baseline; on track = otherwise."
        )
        st.markdown("**Open a milestone**")
        # the links as one element: a page_link each took a hand-over to the server's event loop per viewer
        st.html(blocks.links(data.once(src, milestone_links, link_view(f)), "Open a milestone"))
        plan_columns = {
            "milestone_id": "Milestone",
            "name": "Name",
            "status_text": "Status",
            "baseline_date": st.column_config.DateColumn("Baseline (CR022)", format="D MMM YYYY"),
            **PLAN_COLUMNS,
            "previous_expected_date": st.column_config.DateColumn("Previous plan", format="D MMM YYYY"),
            "illustrative": st.column_config.CheckboxColumn("Illustrative"),
            "source": "Source",
        }
        grid(data.once(src, plan_rows), "The milestone plan", column_config=plan_columns)
        csv_download(
            "Download the plan (CSV)",
            lambda: plan[PLAN_SHOWN],
            plan_columns,
            "milestones",
            downloads.file_name("milestone_plan", f"{as_at:%Y-%m-%d}"),
        )

    st.divider()
    st.header("Design releases")
    releases = data.release_list(src, f.releases)
    if releases.empty:
        empty_state(f, "releases", "Interim Releases", "pages/milestones.py", filtered=bool(f.releases))
    else:
        rel_as_at = releases["as_at"].iloc[0]
        stamp = f" The release list is as at {rel_as_at:%d %b %Y}." if not pd.isna(rel_as_at) else ""
        st.caption(
            "Interim Releases in release order. DIN counts come from the DIN log: *implemented* counts DINs with "
            "status Implemented targeted at the release. Dates marked illustrative are placeholders; TBC where no "
            f"date is known; planned where the date is after the as-at date.{stamp} Each link opens the DIN log "
            "filtered to that release."
        )
        chart(data.figure_of(src, charts.release_dins_bar, data.release_list, f.releases), key="release_dins")
        # one row of links, as above
        st.html(blocks.links(data.once(src, release_links, link_view(f)), "The DIN log by release"))
        release_columns = {
            "release_code": "Code",
            "release": "Release",
            "published_date": st.column_config.DateColumn("Published", format="D MMM YYYY"),
            "state": "State",
            "illustrative": st.column_config.CheckboxColumn("Date illustrative"),
            "dins_implemented": st.column_config.NumberColumn("DINs implemented"),
            "dins_targeted": st.column_config.NumberColumn("DINs targeted"),
            "notes": "Notes",
        }
        grid(data.once(src, release_rows, f.releases), "Interim Releases", column_config=release_columns)
        csv_download(
            "Download the releases (CSV)",
            lambda: releases[RELEASES_SHOWN],
            release_columns,
            "releases",
            downloads.file_name("interim_releases", "none" if pd.isna(rel_as_at) else f"{rel_as_at:%Y-%m-%d}"),
        )

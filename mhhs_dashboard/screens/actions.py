"""Actions: the action log (overdue at the log's as-at date), counts by owner, status and meeting; ?action=DAG35-02."""

import pandas as pd
import streamlit as st

from mhhs_dashboard import charts, data, refs, schema, url
from mhhs_dashboard.elements import (
    GridRows,
    back_link,
    chart,
    download_buttons,
    empty_state,
    grid,
    grid_rows,
    headings,
    kept_rows,
    tile_row,
)
from mhhs_dashboard.filters import ActionView
from mhhs_dashboard.frame import frame
from mhhs_dashboard.headings import ACTION_HEADINGS
from mhhs_dashboard.links import carry, view_url
from mhhs_dashboard.ref_links import KIND_NAMES, latest_decision, mentioned_by, ref_link
from mhhs_dashboard.runs import one_at_a_time
from mhhs_dashboard.text import date_or_dash, inert, or_dash

H = ACTION_HEADINGS

COLUMNS = {
    "link": st.column_config.LinkColumn(H["action_ref"], display_text=r"action=([A-Za-z]+\d+-\d+)"),
    "flag": st.column_config.TextColumn(H["overdue"], help="Still open after its due date at the log's as-at date"),
    "action": st.column_config.TextColumn(H["action"], width="large"),
    "owner": H["owner"],
    "due_date": st.column_config.DateColumn(H["due_date"], format="D MMM YYYY"),
    "status": H["status"],
    "latest_update": st.column_config.TextColumn(H["latest_update"], width="large"),
    "meeting": H["meeting"],
}


def log_rows(src: data.Source, view: ActionView) -> GridRows:
    """The action log in `view` as the grid shows it (grid_rows): each action linked to its own view, overdue
    flagged in words; worked out once per data version and filters (data.once)."""
    log = data.action_log(src, *view)
    return grid_rows(
        log.assign(
            link=log["action_ref"].map(lambda r: view_url("action", r)),
            flag=log["overdue"].map(lambda o: "⚠ OVERDUE" if o else ""),
        )[list(COLUMNS)]
    )


@one_at_a_time
def show() -> None:
    f = frame("Actions", filters=("group",), status_options=list(schema.ACTION_STATUSES))
    src = f.src
    owners = url.multiselect("owner", "Owner", data.action_owners(src, f.groups), f.dropped)
    view = ActionView(f.groups, f.statuses, owners)
    wanted = url.item("action", lambda ref: not data.action_log(src, refs=(ref,)).empty, f.dropped)

    if wanted:
        a = data.action_log(src, refs=(wanted,)).iloc[0]
        ref = a["action_ref"]
        back_link("pages/actions.py", "All actions", url.back_params())
        st.title(inert(f"Action {ref}"))
        latest_decision(f, ref)
        if a["overdue"]:
            st.error(
                f"OVERDUE: due {a['due_date']:%d %b %Y}, still {a['status']} at the log's as-at date, "
                f"{a['as_at']:%d %b %Y}.",
                icon=":material/schedule:",
            )
        tile_row(
            [
                ("Status", or_dash(a["status"])),
                ("Due", date_or_dash(a["due_date"])),
                ("Raised at", or_dash(a["meeting"])),
            ]
        )
        left, right = st.columns([3, 2], gap="large")
        with left:
            st.subheader("The action")
            st.markdown(
                refs.fields_markdown(
                    [("Action", a["action"]), ("Owner", a["owner"]), ("Latest update", a["latest_update"])], carry(f)
                )
            )
        with right:
            st.subheader("What it names")
            named = list(
                dict.fromkeys((r.kind, r.text) for r in refs.references(f"{a['action']} {a['latest_update']}"))
            )
            named = [(kind, text) for kind, text in named if text != ref]
            if not named:
                st.caption("Its text names no CR, risk, action, release, milestone or DIN.")
            for kind, text in named:
                ref_link(f, kind, text, f"{KIND_NAMES[kind]} {text}")
            st.subheader("Named by")
            mentioned_by(f, ref)
        st.subheader("History across action-log snapshots")
        grid(
            data.action_history(src, ref),
            "The action's history across action-log snapshots",
            column_config={
                "as_at": st.column_config.DateColumn("As at", format="D MMM YYYY"),
                "status": "Status",
                "due_date": st.column_config.DateColumn("Due", format="D MMM YYYY"),
                "owner": "Owner",
                "latest_update": st.column_config.TextColumn("Latest update", width="large"),
                "changed": "Changed since the snapshot before",
            },
        )
        st.stop()

    st.title("Actions")
    totals = data.action_totals(src, *view)
    tile_row(
        [
            ("Actions shown", int(totals["total"])),
            ("Open", int(totals["open"])),
            ("Recommended closed", int(totals["recommend_closed"])),
            ("⚠ Overdue", int(totals["overdue"])),
        ],
        note=f"Overdue means still open after its due date at the action log's as-at date, {totals['as_at']:%d %B %Y} "
        "(not today's date)."
        if pd.notna(totals["as_at"])
        else "",
    )

    if not totals["total"]:
        empty_state(f, "actions", "actions", "pages/actions.py", filtered=any(view))
        st.stop()

    grid(data.once(src, log_rows, view), "The action log", column_config=COLUMNS)
    choice = st.selectbox(
        "Open an action",
        data.column_of(src, data.action_log, "action_ref", *view),
        index=None,
        placeholder="Choose an action",
    )
    if choice:
        st.query_params["action"] = choice
        st.rerun()
    as_at = f"{totals['as_at']:%Y-%m-%d}" if pd.notna(totals["as_at"]) else "none"
    chosen = {"group": f.groups, "status": f.statuses, "owner": owners}
    about = {"table": "action log", "as at": as_at, **{k: ", ".join(v) or "all" for k, v in chosen.items()}}
    download_buttons(
        lambda: data.action_log(src, *view),
        ("actions", as_at, chosen),
        about,
        sheet="Actions",
        headed={**headings(COLUMNS), "action_ref": H["action_ref"], "overdue": H["overdue"]},  # the words on screen
        table="actions",
    )

    st.divider()
    left, right = st.columns([3, 2], gap="large")
    with left:
        chart(data.figure_of(src, charts.actions_by_owner_bar, data.actions_by_owner, *view), key="actions_by_owner")
        with st.expander("The numbers behind this chart", key="actions_numbers", on_change="rerun") as more:
            if more.open:  # worked out and sent only once a viewer opens it (opening reruns the page)
                grid(data.actions_by_owner(src, *view), "The numbers behind the chart of actions by owner")
    with right:
        st.subheader("By status")
        grid(
            kept_rows(src, data.actions_by_status, *view, columns=("status", "actions")),
            "Actions by status",
            column_config={"status": "Status", "actions": "Actions"},
        )
        st.subheader("Raised at each meeting")
        grid(
            kept_rows(src, data.actions_by_meeting, *view),
            "Actions raised at each meeting",
            column_config={
                "group_code": "Group",
                "meeting": "Meeting",
                "meeting_date": st.column_config.DateColumn("Held", format="D MMM YYYY"),
                "raised": "Raised",
                "open": "Open",
                "recommend_closed": "Rec. closed",
                "closed": "Closed",
                "overdue": "⚠ Overdue",
            },
        )

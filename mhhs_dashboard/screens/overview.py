"""Overview: one tile per register, each linking to its page."""

import datetime as dt

import streamlit as st

from mhhs_dashboard import blocks, charts, data, nav
from mhhs_dashboard.blocks import Panel, Part
from mhhs_dashboard.elements import (
    chart,
    grid,
    kept_plain,
    kept_rows,
    next_release_signpost,
    plain_table,
    rows_in_view,
    table_as_at,
)
from mhhs_dashboard.frame import frame
from mhhs_dashboard.links import link_params
from mhhs_dashboard.runs import one_at_a_time
from mhhs_dashboard.text import counted, inert

# the item-by-item changes listed on screen (a busy month at scale has thousands)
CHANGES_SHOWN = 1_000


# the overview's plain tables: column -> heading
NEXT_MEETINGS = {"meeting_date": "Date", "group_code": "Group", "title": "Meeting", "kind": "Kind"}
ASKED = {"deadline": "Deadline", "days_left": "Days left", "title": "What", "kind": "Kind"}
DECIDED = {
    "meeting_date": "Meeting",
    "group_code": "Group",
    "decided_by": "By",
    "kind": "Kind",
    "title": "On",
    "outcome": "Outcome",
}


def register_cards(src: data.Source, releases: tuple[str, ...], groups: tuple[str, ...]) -> dict[str, Panel]:
    """The cards of the DIN log, the CR register, the action log and the seats (blocks.panel's arguments),
    worked out once per data version and filters (data.once): a view only writes and sends them."""
    dins = data.din_totals(src, releases)
    crs = data.cr_by_approval_status(src)
    actions = data.action_totals(src, groups)
    seats = data.seat_fill_by_group(src, groups)
    return {
        "dins": (
            "Design Issue Notifications",
            [("DINs recorded", dins["total"]), ("Open DINs", dins["open"]), ("Closed DINs", dins["closed"])],
            f"Counting DINs targeted at the {len(releases)} release(s) chosen in the sidebar." if releases else "",
            f"{dins['with_release']:,} with a target release, {dins['without_release']:,} without. "
            f"{table_as_at(src, 'din_log')}.",
        ),
        "crs": (
            "Change requests",
            [(f"CRs {row.approval_status.lower()}", row.crs) for row in crs.itertuples()] or [("CRs", 0)],
            f"{int(crs['crs'].sum())} change requests in the register. {table_as_at(src, 'change_requests')}.",
        ),
        "actions": (
            "Actions",
            [
                ("Actions open", actions["open"]),
                ("Recommended closed", actions["recommend_closed"]),
                ("Actions overdue", actions["overdue"]),
            ],
            f"{table_as_at(src, 'actions')}; overdue is judged at that date.",
        ),
        "seats": (
            "Advisory group seats",
            [(f"{r.group_code} seats filled", f"{r.filled} of {r.total}") for r in seats.itertuples()],
            f"{table_as_at(src, 'seats')}.",
        ),
    }


def milestone_card(src: data.Source) -> Panel:
    """The next milestone's card (blocks.panel's arguments), worked out once per data version (data.once)."""
    milestones = data.milestones_upcoming(src)
    if milestones.empty:
        return ("Next milestone", "No milestone is outstanding in the plan.")
    m = milestones.iloc[0]
    note = " (date illustrative)" if m["illustrative"] else ""
    return (
        "Next milestone",
        [(f"{m['milestone_id']}: {m['name']}", f"{m['forecast_date']:%d %b %Y}")],
        f"In {counted(int(m['days_to_go']), 'day')} from {data.point(src):%d %b %Y}, this view's "
        f"as-at date{note}. {table_as_at(src, 'milestones')}.",
    )


def changes_card(src: data.Source, since: dt.date) -> list[Part]:
    """What changed in each register since `since`, as the parts of one block (blocks.panel; none when no
    register has a baseline), worked out once per data version and date (data.once)."""
    counts: dict[str, list[tuple[str, int]]] = {}
    for r in data.changes_by_register(src, since).itertuples():
        counts.setdefault(r.table_name, []).append((r.change, r.items))
    parts: list[Part] = []  # each register's changes: one block for them all
    for b in data.changes_baselines(src, since).itertuples():
        mine = counts.get(b.table_name, [])
        if b.then_as_at != b.then_as_at:  # NaT: no snapshot that early
            parts.append(f"{b.register}: no snapshot on or before {since:%d %b %Y} to compare with.")
        elif not mine:
            parts.append(f"{b.register}: no change from {b.then_as_at:%d %b %Y} to {b.now_as_at:%d %b %Y}.")
        else:
            parts.append(f"{b.register}, {b.then_as_at:%d %b %Y} → {b.now_as_at:%d %b %Y}")
            parts.append([(f"{b.register}: {change}", items) for change, items in mine])
    return parts


@one_at_a_time
def show() -> None:
    f = frame("Overview")
    src = f.src
    st.title("MHHS Design Advisory Group: overview")

    cards = data.once(src, register_cards, f.releases, f.groups)
    params = link_params(f)

    # a bordered column is a card: one element fewer per card than a bordered container in a column
    left, right = st.columns(2, gap="large", border=True)
    with left:
        st.html(blocks.panel(*cards["dins"]))
        st.page_link(
            nav.page("pages/dins.py"), label="Explore the DIN log", icon=":material/arrow_forward:", query_params=params
        )
    with right:
        st.html(blocks.panel(*cards["crs"]))
        st.page_link(
            nav.page("pages/change_requests.py"),
            label="Open the CR register",
            icon=":material/arrow_forward:",
            query_params=params,
        )

    next_release_signpost(f)

    left, right = st.columns(2, gap="large", border=True)
    with left:
        st.html(blocks.panel(*cards["actions"]))
        st.page_link(
            nav.page("pages/actions.py"),
            label="Open the action log",
            icon=":material/arrow_forward:",
            query_params=params,
        )
    with right:
        st.html(blocks.panel(*cards["seats"]))
        st.page_link(
            nav.page("pages/groups.py"),
            label="Seats by constituency",
            icon=":material/arrow_forward:",
            query_params=params,
        )

    asked = kept_plain(src, data.checklist_items, ASKED, ("open",))
    left, right = st.columns(2, gap="large")
    with left:
        with st.container(border=True):
            st.html(blocks.panel(*data.once(src, milestone_card)))
            st.page_link(
                nav.page("pages/milestones.py"), label="The plan", icon=":material/arrow_forward:", query_params=params
            )
        with st.container(border=True):
            st.subheader("Next meetings")
            plain_table(
                kept_plain(src, data.meetings_upcoming, NEXT_MEETINGS, f.groups, 6), NEXT_MEETINGS, "Next meetings"
            )
            st.caption(f"After {data.point(src):%d %b %Y}, this view's as-at date. {table_as_at(src, 'meetings')}.")
            st.page_link(
                nav.page("pages/meetings.py"),
                label="The calendar",
                icon=":material/arrow_forward:",
                query_params=params,
            )
    with right, st.container(border=True):
        st.subheader("Asked of participants")
        if not asked.num_rows:
            st.write(f"Nothing is open for participants at {data.point(src):%d %b %Y}.")
        else:
            plain_table(asked, ASKED, "Asked of participants")
        st.caption(
            f"Consultations and requests still open at {data.point(src):%d %b %Y}, this view's as-at date, soonest "
            f"deadline first. {table_as_at(src, 'checklist')}."
        )

    with st.container(border=True):
        last_dag = data.last_meeting(src, "DAG")
        since = f.since or (last_dag[0] if last_dag else None)
        held = data.meeting_on(src, since, "DAG") if since else None
        if since and held:  # the comparison is named for the meeting when it is one
            st.subheader(f"Since {inert(held)}, {since:%d %b %Y}" + ("" if f.since else " (the last DAG)"))
        elif since:
            st.subheader(f"Since {since:%d %b %Y}")
        else:
            st.subheader("Since the last DAG")
        if since is None:
            st.caption("No earlier DAG meeting in the calendar to compare with: choose a date under 'Compare with'.")
        else:
            decided = kept_plain(src, data.decisions_since, DECIDED, since, f.groups)
            st.markdown(
                "**Decisions since the last meeting**" if not f.since else f"**Decisions since {since:%d %b %Y}**"
            )
            if not decided.num_rows:
                st.caption(f"No governance meeting decided anything after {since:%d %b %Y}.")
            else:
                plain_table(decided, DECIDED, "Decisions since the last meeting")
            st.page_link(
                nav.page("pages/decisions.py"),
                label="The decisions log",
                icon=":material/arrow_forward:",
                query_params={**params, "from": (since + dt.timedelta(days=1)).isoformat()},
            )
            if changed := data.once(src, changes_card, since):
                st.html(blocks.panel("", *changed))
            with st.expander("What changed, item by item", key="overview_changes", on_change="rerun") as more:
                if more.open:  # worked out and sent only once a viewer opens it (opening reruns the page)
                    items = data.changes_rows(src, since, limit=CHANGES_SHOWN)
                    grid(
                        items,
                        "What changed, item by item",
                        column_order=[
                            "register",
                            "item_key",
                            "title",
                            "change",
                            "from_value",
                            "to_value",
                            "then_as_at",
                            "now_as_at",
                        ],
                        column_config={
                            "register": "Register",
                            "item_key": "Item",
                            "title": st.column_config.TextColumn("Title", width="large"),
                            "change": "Change",
                            "from_value": "From",
                            "to_value": "To",
                            "then_as_at": st.column_config.DateColumn("Then", format="D MMM YYYY"),
                            "now_as_at": st.column_config.DateColumn("Now", format="D MMM YYYY"),
                        },
                    )
                    if (total := rows_in_view(items)) > len(items):
                        st.caption(
                            f"Listing the first {len(items):,} of {total:,} changes: the CR register and the action "
                            "log first, the DIN log last; each register's own page lists all of its items."
                        )
                    st.caption(
                        "Items whose status moved, then → now (CR stage, action status, seat, DIN status); "
                        "'(new)' and '(gone)' mark items in one snapshot only."
                    )
                    grid(
                        data.changes_status_matrix(src, since),
                        "Status then and now",
                        column_order=["register", "from_status", "to_status", "items"],
                        column_config={
                            "register": "Register",
                            "from_status": "Status then",
                            "to_status": "Status now",
                            "items": st.column_config.NumberColumn("Items"),
                        },
                    )

    st.divider()
    left, right = st.columns(2, gap="large")
    with left:
        chart(data.figure_of(src, charts.din_by_status_bar, data.din_by_status, f.releases), key="overview_status")
    with right:
        chart(data.figure_of(src, charts.din_by_release_bar, data.din_by_release, f.releases), key="overview_release")
    with st.expander("The numbers behind these charts", key="overview_numbers", on_change="rerun") as more:
        if more.open:  # worked out and sent only once a viewer opens it (opening reruns the page)
            left, right = st.columns(2)
            with left:
                by_status = kept_rows(src, data.din_by_status, f.releases, columns=("status", "state", "dins"))
                grid(by_status, "DINs by status")
            with right:
                grid(
                    kept_rows(src, data.din_by_release, f.releases, columns=("release", "dins", "open", "closed")),
                    "DINs by Interim Release",
                )
    if illustrative := data.din_totals(src, f.releases)["illustrative"]:
        st.caption(
            f"{illustrative:,} DIN rows are illustrative: reconstructed from the DAG #36 pack's totals, "
            "which they match exactly."
        )

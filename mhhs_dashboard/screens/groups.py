"""Groups & seats: seat fill per constituency and group, vacant seats with their notes, the governance structure,
one card per group."""

import streamlit as st

from mhhs_dashboard import blocks, cadence, charts, data
from mhhs_dashboard.elements import cadence_warnings, chart, empty_state, grid, table_as_at, tile_row
from mhhs_dashboard.filters import Filters
from mhhs_dashboard.frame import frame
from mhhs_dashboard.links import link_params, link_view, page_url
from mhhs_dashboard.runs import one_at_a_time
from mhhs_dashboard.text import inert


def vacant_notes(src: data.Source, groups: tuple[str, ...]) -> str:
    """The vacant seats' notes as one Markdown list (a caption each cost the server a hand-over per note)."""
    noted = data.seats_vacant(src, groups).dropna(subset=["note"])
    return "\n".join(
        f"- **{inert(v.group_code)} · {inert(v.constituency)}**: {inert(v.note)}" for v in noted.itertuples()
    )


def group_cards(src: data.Source, view: Filters) -> list[blocks.Card]:
    """One card per group of `view` (its code and name, cadence, next meeting, seats; a link to its meetings that
    keeps the view's filters), worked out once per data version and filters (data.once, links.link_view)."""
    groups = view.groups
    next_by_group = data.next_meeting_by_group(src, groups)
    return [
        blocks.Card(
            g.group_code,
            g.name,
            cadence.card_facts(g, next_by_group.get(g.group_code)),
            blocks.Link("Meetings", page_url("pages/meetings.py", link_params(view, group=[g.group_code]))),
        )
        for g in data.group_cards(src, groups).itertuples()
    ]


@one_at_a_time
def show() -> None:
    f = frame("Groups & seats", filters=("group",))
    st.title("Groups & seats")

    fill = data.seat_fill_by_group(f.src, f.groups)
    vacant = data.seats_vacant(f.src, f.groups)
    cards = data.group_cards(f.src, f.groups)
    cadence_warnings(f.src, f.groups)

    st.subheader("Seat fill")
    if fill.empty:
        empty_state(f, "seats", "seats", "pages/groups.py", filtered=bool(f.groups))
    else:
        tile_row([(f"{r.group_code} seats filled", f"{r.filled} of {r.total}") for r in fill.itertuples()])
        left, right = st.columns([2, 3])
        with left:
            chart(data.figure_of(f.src, charts.seat_fill_bar, data.seat_fill_by_group, f.groups), key="seat_fill")
        with right:
            chart(data.figure_of(f.src, charts.seat_grid_heatmap, data.seat_grid, f.groups), key="seat_grid")
        # the seats behind the charts, as the tables under charts are: sent once opened (a row and a note per
        # vacant seat grows with the data), open at once when the sidebar has chosen groups
        label = f"Vacant seats ({len(vacant):,}), with their notes"
        with st.expander(label, expanded=bool(f.groups), key="groups_vacant", on_change="rerun") as more:
            if more.open:
                grid(
                    vacant,
                    "Vacant seats",
                    column_config={
                        "group_code": st.column_config.TextColumn("Group", width="small"),
                        "constituency": st.column_config.TextColumn("Constituency"),
                        "note": st.column_config.TextColumn("Note", width="large"),
                    },
                )
                if notes := data.once(f.src, vacant_notes, f.groups):  # one element for every note, worked out once
                    st.caption(notes)

    st.subheader("Governance structure")
    # the whole structure: a group chosen in the sidebar is shown in its place
    chart(data.figure_of(f.src, charts.governance_structure_chart, data.group_cards), key="governance_structure")
    st.caption(
        "PSG at the top, the advisory groups under it, the working groups under those; each group marked by its state "
        f"(mobilised, mobilisation in progress, future, may be mobilised, ad hoc). {table_as_at(f.src, 'groups')}."
    )

    st.subheader("Groups")
    if cards.empty:
        empty_state(f, "groups", "governance groups", "pages/groups.py", filtered=bool(f.groups))
    else:
        st.html(blocks.cards(data.once(f.src, group_cards, link_view(f)), "Governance groups"))

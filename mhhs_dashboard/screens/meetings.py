"""Meetings: the governance calendar from each group's cadence rule and the meetings log; agenda roadmap; .ics."""

import pandas as pd
import pyarrow as pa
import streamlit as st

from mhhs_dashboard import cadence, data, downloads
from mhhs_dashboard.elements import cadence_warnings, chart, empty_state, grid, plain_rows, plain_table, table_as_at
from mhhs_dashboard.frame import frame
from mhhs_dashboard.links import item_links
from mhhs_dashboard.runs import one_at_a_time
from mhhs_dashboard.text import inert

PAST_SHOWN = 12  # past meetings listed before "Earlier meetings"


def decided(meetings: pd.DataFrame) -> str:
    """Past meetings as Markdown, a paragraph each: day, title and kind, notes, the CRs and actions it named."""
    paragraphs = []
    for m in meetings.itertuples():
        lines = [f"**{m.meeting_date:%a %d %b %Y}** · {inert(m.title)} ({inert(m.kind)})"]
        if isinstance(m.notes, str) and m.notes:
            lines.append(inert(m.notes))
        if len(m.crs_named):
            lines.append("Change requests: " + item_links("change_requests", "cr", list(m.crs_named)))
        if len(m.actions_raised):
            lines.append("Actions raised: " + item_links("actions", "action", list(m.actions_raised)))
        paragraphs.append("  \n".join(lines))
    return "\n\n".join(paragraphs)


def upcoming_of(src: data.Source, groups: tuple[str, ...]) -> pd.DataFrame:
    """The meetings of `groups` after the view's date (cadence.next_meetings), once per version."""
    return cadence.next_meetings(data.calendar_frames(src, groups).meetings)


def past_of(src: data.Source, groups: tuple[str, ...]) -> tuple[pd.DataFrame, str]:
    """The past meetings of `groups` (cadence.past_meetings) and the most recent ones' text, once per version."""
    as_at = data.calendar_frames(src, groups).as_at
    past = cadence.past_meetings(data.meetings_log(src, groups), as_at) if as_at else pd.DataFrame()
    return past, decided(past.head(PAST_SHOWN)) if len(past) else ""


def roadmap_blocks(src: data.Source, groups: tuple[str, ...]) -> list[str]:
    """The agenda roadmap of `groups`, one Markdown block per meeting: its title and day, then its items by kind.
    Worked out once per data version (data.once): a view only sends the blocks."""
    road = cadence.roadmap(data.calendar_frames(src, groups).meetings, data.agenda_items(src, groups))
    blocks = []
    for (day, _, title), part in road.groupby(["meeting_date", "group_code", "title"], sort=False):
        kinds = [
            f"*{inert(kind.capitalize())} items*  \n" + "  \n".join(f"• {inert(i)}" for i in of_kind["item"])
            for kind, of_kind in part.groupby("kind", sort=False)
        ]
        blocks.append("\n\n".join([f"**{inert(title)}** · {day:%a %d %b %Y}", *kinds]))
    return blocks


HEADINGS = {
    "meeting_date": "Date",
    "group_code": "Group",
    "title": "Meeting",
    "kind": "Kind",
    "start_time": "From",
    "end_time": "To",
    "moved_from": "Moved from",
    "notes": "Notes",
}


def next_ten(src: data.Source, groups: tuple[str, ...]) -> pa.Table:
    """The next ten meetings as the plain table shows them (ten rows, read whole: titles and notes wrap), once per
    data version and groups (data.once)."""
    return plain_rows(upcoming_of(src, groups).head(10), HEADINGS)


@one_at_a_time
def show() -> None:
    f = frame("Meetings", filters=("group",))
    st.title("Meetings")

    # the calendar's frames as every view shares them (read-only: nothing here changes them)
    as_at, calendar, _ = data.calendar_frames(f.src, f.groups)

    cadence_warnings(f.src, f.groups)
    if as_at is None:
        empty_state(f, "meetings", "meetings", "pages/meetings.py", filtered=False)
        st.stop()

    upcoming = data.once(f.src, next_ten, f.groups)
    st.caption(
        f"Now is this view's as-at date, {as_at:%a %d %b %Y}: next meetings are those after it. "
        f"{table_as_at(f.src, 'meetings')}. Dates marked *scheduled* come from each group's cadence rule; the "
        "others are rows of the meetings log (held, planned, extraordinary, moved, cancelled)."
    )
    st.subheader("Next meetings")
    if not upcoming.num_rows:
        st.info("No upcoming meetings for these groups.", icon=":material/info:")
    else:
        plain_table(upcoming, HEADINGS, "Next meetings")

    chart(data.meeting_timeline(f.src, f.groups), key="meeting_timeline")

    which = ", ".join(f.groups) if f.groups else "all groups"
    st.download_button(
        f"Download calendar (.ics) for {which}",
        # built on click, not on every rerun: at hundreds of meetings the file took most of the page's render
        lambda: cadence.ics_bytes(calendar, stamp=as_at, name=f"MHHS governance meetings: {which}"),
        file_name=downloads.file_name("mhhs-meetings", as_at, {"group": list(f.groups)}, ext="ics"),
        mime="text/calendar",
        icon=":material/calendar_month:",
        on_click="ignore",
        disabled=calendar.empty,
    )

    st.subheader("Past meetings and what was decided")
    past, recent = data.once(f.src, past_of, f.groups)
    # the most recent ones as one block of text (an element per meeting cost the server a hand-over each: seconds
    # at hundreds of meetings); the earlier ones behind an expander, sent only once it is opened
    if past.empty:
        st.info("No past meetings in the log for these groups.", icon=":material/info:")
    else:
        st.markdown(recent)
    if len(past) > PAST_SHOWN:
        earlier = f"Earlier meetings ({len(past) - PAST_SHOWN:,})"
        with st.expander(earlier, key="meetings_earlier", on_change="rerun") as more:
            if more.open:  # worked out and sent only once a viewer opens it (opening reruns the page)
                st.markdown(decided(past.iloc[PAST_SHOWN:]))

    road = data.once(f.src, roadmap_blocks, f.groups)
    if road:
        st.subheader("Agenda roadmap")
        for start in range(0, len(road), 3):
            # a bordered column is the card (a container inside it would be one element more a meeting)
            for col, block in zip(st.columns(3, border=True), road[start : start + 3], strict=False):
                col.markdown(block)

    with st.expander("The whole calendar", key="meetings_calendar", on_change="rerun") as more:
        if more.open:  # worked out and sent only once a viewer opens it (opening reruns the page)
            grid(
                calendar[[*HEADINGS, "source"]],
                "The whole calendar",
                column_config={
                    **HEADINGS,
                    "meeting_date": st.column_config.DateColumn("Date", format="ddd D MMM YYYY"),
                    "moved_from": st.column_config.DateColumn("Moved from", format="ddd D MMM YYYY"),
                    "notes": st.column_config.TextColumn("Notes", width="large"),
                    "source": "Source",
                },
            )

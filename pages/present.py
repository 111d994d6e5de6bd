"""Chair mode: the DAG agenda, one step per screen, frozen to one snapshot, for a shared 1280x720 screen."""

import functools

import streamlit as st

from mhhs_dashboard import charts, data, downloads
from mhhs_dashboard.filters import inert
from mhhs_dashboard.frame import frame
from mhhs_dashboard.meeting import AGENDA, Change, Move, clamp_step
from mhhs_dashboard.views import chart, grid, plain_table

f = frame("Chair mode", filters=(), present=True)
src = f.src
step, clamped = clamp_step(st.query_params.get("step"))
if clamped or st.query_params.get("step") != str(step):
    st.query_params["step"] = str(step)
item = AGENDA[step - 1]
ch = data.meeting_changes(src, f.since)
since = ch.when() or None  # "DAG #35, 10 Apr 2024"


def go(to: int) -> None:
    """Move to agenda step `to` (the URL follows)."""
    st.query_params["step"] = str(to)


def tile(where: object, label: str, value: object, change: Change | None = None, colour: str = "off") -> None:
    """A big number with its change since the last meeting (arrow and sign, not colour alone), where known."""
    moved = None if change is None else change.delta
    where.metric(  # type: ignore[attr-defined]
        label,
        f"{value:,}" if isinstance(value, int) else str(value),
        moved,
        delta_color=colour if moved else "off",
        delta_arrow="auto" if moved else "off",
        delta_description=f"since {since}" if moved is not None else None,
    )


def news(moves: list[Move], what: str) -> None:
    """The item-level changes since the last meeting, or why they are not known."""
    st.markdown(f"**{ch.heading()}**")
    if not ch.known or what in ch.unknown:
        st.markdown("Not known: no earlier snapshot of this register.")
    elif not moves:
        st.markdown("No change.")
    else:
        st.markdown("\n".join(f"- {inert(m.short())}" for m in moves))


head, back, forward = st.columns([6, 2, 2], vertical_alignment="center")
head.title(f"{item.step} · {item.title}")
back.button(
    "Previous",
    icon=":material/arrow_back:",
    disabled=step == 1,
    on_click=go,
    args=(step - 1,),
    shortcut="PageUp",
    width="stretch",
)
forward.button(
    "Next",
    icon=":material/arrow_forward:",
    disabled=step == len(AGENDA),
    on_click=go,
    args=(step + 1,),
    shortcut="PageDown",
    type="primary",
    width="stretch",
)
st.caption(
    f"DAG agenda item {step} of {len(AGENDA)}: {item.objective}. Figures frozen as at {f.as_at:%d %B %Y}"
    + (f"; changes since {since} ({ch.stands_for()})." if since else "; no earlier snapshot to compare with.")
)
if clamped:
    st.info(f"There is no agenda step like that; showing step {step} of {len(AGENDA)}.", icon=":material/info:")

if step == 1:
    totals = data.action_totals(src)
    a, b, c, d = st.columns(4)
    tile(a, "Actions in the log", int(totals["total"]), ch.find("Actions in the log"))
    tile(b, "Actions open", int(totals["open"]), ch.find("Actions open"))
    tile(c, "Recommended closed", int(totals["recommend_closed"]), ch.find("RECOMMEND CLOSED"))
    tile(d, "Actions overdue", int(totals["overdue"]), ch.find("Actions overdue"), "inverse")
    left, right = st.columns([3, 1], gap="medium")
    with left:
        grid(
            data.action_log(src)[["action_ref", "action", "owner", "due_date", "status"]],
            "The action log",
            height=320,
            row_height=40,
            column_config={
                "action_ref": st.column_config.TextColumn("Ref", width="small"),
                "action": st.column_config.TextColumn("Action", width="large"),
                "owner": "Owner",
                "due_date": st.column_config.DateColumn("Due", format="DD/MM/YYYY"),
                "status": "Status",
            },
        )
    with right:
        news(ch.action_notes, "actions")

elif step == 2:
    crs = data.cr_by_approval_status(src)
    tiles = [("CRs in the register", int(crs["crs"].sum()), ch.find("CRs in the register"))]
    tiles += [
        (f"CRs {r.approval_status.lower()}", int(r.crs), ch.find(f"CRs {r.approval_status.lower()}"))
        for r in crs.itertuples()
    ]
    for col, (label, value, change) in zip(st.columns(len(tiles)), tiles, strict=True):
        tile(col, label, value, change)
    left, right = st.columns([3, 1], gap="medium")
    with left:
        grid(
            data.cr_register(src)[["cr_ref", "title", "approval_status", "current_stage"]],
            "The change request register",
            height=330,
            row_height=36,
            column_config={
                "cr_ref": st.column_config.TextColumn("Ref.", width="small"),
                "title": st.column_config.TextColumn("Key detail", width="large"),
                "approval_status": "Approval status",
                "current_stage": "Current stage",
            },
        )
    with right:
        news(ch.cr_notes, "change_requests")

elif step == 3:
    totals = data.din_totals(src)
    a, b, c = st.columns(3)
    tile(a, "DINs recorded", int(totals["total"]), ch.find("DINs recorded"))
    tile(b, "Open DINs", int(totals["open"]), ch.find("Open DINs"), "inverse")
    tile(c, "Closed DINs", int(totals["closed"]), ch.find("Closed DINs"), "normal")
    left, right = st.columns(2, gap="medium")
    with left:
        chart(
            charts.for_screen(data.figure(charts.din_by_status_bar, data.din_by_status(src), height=390)),
            key="present_status",
        )
    with right:
        chart(
            charts.for_screen(data.figure(charts.din_by_release_bar, data.din_by_release(src), height=390)),
            key="present_release",
        )

elif step == 4:
    risks = data.risk_register(src)
    left, right = st.columns([3, 1], gap="medium")
    with left:
        tile(st, "Programme risks related to DAG", len(risks))
        plain_table(
            risks.head(6),
            {"risk_id": "Risk", "title": "Title", "linked_cr": "Linked CR", "status": "Status", "owner": "Owner"},
            "Programme risks related to DAG",
        )
        if len(risks) > 6:
            st.caption(f"The first 6 of {len(risks)} risks; the rest are on the change requests page.")
    with right:
        news(ch.risk_notes, "risks")

elif step == 5:
    seats = data.seat_fill_by_group(src)
    for col, r in zip(st.columns(max(len(seats), 1)), seats.itertuples(), strict=False):
        tile(col, f"{r.group_code} seats filled", f"{r.filled} of {r.total}")
    left, mid, right = st.columns(3, gap="medium")
    with left:
        st.subheader("Next milestones")
        grid(
            data.milestones_upcoming(src)[["milestone_id", "name", "forecast_date"]].head(6),
            "Next milestones",
            height=260,
            column_config={
                "milestone_id": st.column_config.TextColumn("ID", width="small"),
                "name": st.column_config.TextColumn("Milestone", width="medium"),
                "forecast_date": st.column_config.DateColumn("Forecast", format="MMM YYYY", width="small"),
            },
        )
    with mid:
        st.subheader("Upcoming meetings")
        grid(
            data.meetings_upcoming(src, limit=6)[["meeting_date", "group_code", "title"]],
            "Upcoming meetings",
            height=260,
            column_config={
                "meeting_date": st.column_config.DateColumn("Date", format="ddd D MMM"),
                "group_code": "Group",
                "title": "Meeting",
            },
        )
    with right:
        chart(charts.for_screen(data.figure(charts.seat_fill_bar, seats, height=300)), key="present_seats")

else:
    left, right = st.columns([3, 2], gap="large")
    with left:
        st.subheader(ch.heading())
        if not ch.known:
            st.markdown("Not known: there is no earlier snapshot to compare with.")
        st.markdown("\n".join(f"- {inert(c.text())}" for c in ch.headline()) or "No change in the headline figures.")
    with right:
        st.subheader("Next steps")
        nxt = data.meetings_after_this(src, "DAG")
        st.markdown(
            "- Confirm actions and decisions from the meeting\n- Future DAG meetings:\n"
            + "\n".join(f"  - {m.meeting_date:%A %d %B %Y}: {inert(str(m.title))}" for m in nxt.itertuples())
        )
        stamp = f.as_at.isoformat()
        st.download_button(
            "Meeting pack (HTML)",
            data=functools.partial(data.report_html, src, f.since),
            file_name=downloads.file_name("dag_pack", stamp, ext="html"),
            mime="text/html",
            icon=":material/download:",
            on_click="ignore",
        )
        st.download_button(
            "Data slides (PowerPoint)",
            data=functools.partial(data.slides_pptx, src),
            file_name=downloads.file_name("dag_slides", stamp, ext="pptx"),
            mime="application/vnd.openxmlformats-officedocument.presentationml.presentation",
            icon=":material/download:",
            on_click="ignore",
        )

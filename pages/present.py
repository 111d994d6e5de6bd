"""Chair mode: the DAG agenda, one step per screen, frozen to one snapshot, for a shared 1280x720 screen.

A step too long for one screen is split into numbered sub-steps (`?step=1&part=2`, titled "1.2"), which
Next/PageDown and Previous/PageUp walk through; how many rows fit a screen is mhhs_dashboard/chair.py's estimate.
"""

import functools

import streamlit as st

from mhhs_dashboard import chair, charts, data, downloads, url
from mhhs_dashboard.elements import chart, plain_table
from mhhs_dashboard.frame import frame
from mhhs_dashboard.meeting import AGENDA, Change, Move, clamp_step
from mhhs_dashboard.text import inert

f = frame("Chair mode", filters=(), present=True)
src = f.src
ch = data.meeting_changes(src, f.since)
since = ch.when() or None  # "DAG #35, 10 Apr 2024"


def moves_of(what: str) -> list[Move]:
    return {"actions": ch.action_notes, "change_requests": ch.cr_notes, "risks": ch.risk_notes}[what]


def news_lines(what: str) -> list[str]:
    """The item-level changes since the last meeting, one line each, or why they are not known."""
    if not ch.known or what in ch.unknown:
        return ["Not known: no earlier snapshot of this register."]
    return [inert(m.short()) for m in moves_of(what)] or ["No change."]


def summary_parts(what: str) -> list[chair.Part]:
    return [chair.Part(f"summary {what}", s) for s in chair.list_screens(news_lines(what))]


def table_parts(what: str, rows: object, table: chair.Table) -> list[chair.Part]:
    return [chair.Part(what, s) for s in chair.table_screens(rows, table)]  # type: ignore[arg-type]


def parts_of(n: int) -> list[chair.Part]:
    """The screens of agenda step `n`, in order."""
    if n == 1:
        return summary_parts("actions") + table_parts("actions", data.action_log(src), chair.ACTIONS)
    if n == 2:
        return summary_parts("change_requests") + table_parts("crs", data.cr_register(src), chair.CRS)
    if n == 4:
        return table_parts("risks", data.risk_register(src), chair.RISKS)
    if n == 5:
        return (
            table_parts("milestones", data.milestones_upcoming(src).head(6), chair.MILESTONES)
            + table_parts("meetings", data.meetings_upcoming(src, limit=6), chair.MEETINGS)
            + [chair.Part("seats")]
        )
    return [chair.Part(f"step {n}")]


step, clamped = clamp_step(st.query_params.get("step"))
item = AGENDA[step - 1]
parts = parts_of(step)
part, part_clamped = chair.clamp_part(st.query_params.get("part"), len(parts))
if clamped or st.query_params.get("step") != str(step):
    st.query_params["step"] = str(step)
if len(parts) > 1 and st.query_params.get("part") != str(part):
    st.query_params["part"] = str(part)
elif len(parts) == 1 and "part" in st.query_params:
    del st.query_params["part"]
here = parts[part - 1]


def go(to: int, to_part: int) -> None:
    """Move to agenda step `to`, sub-step `to_part` (the URL follows)."""
    st.query_params["step"] = str(to)
    st.query_params["part"] = str(to_part)


before = (step, part - 1) if part > 1 else (step - 1, len(parts_of(step - 1))) if step > 1 else None
after = (step, part + 1) if part < len(parts) else (step + 1, 1) if step < len(AGENDA) else None


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


def news(what: str) -> None:
    """This screen's share of the item-level changes since the last meeting (named for the meeting)."""
    lines = news_lines(what)[here.rows]
    more = f" (continued, {here.rows.start + 1}\N{EN DASH}{here.rows.stop})" if here.rows.start else ""
    st.subheader(ch.heading() + more)
    st.markdown("\n".join(f"- {line}" for line in lines))


def table(rows: object, spec: chair.Table, noun: str) -> None:
    """This screen's rows of a table, headed with which rows they are."""
    st.subheader(f"{spec.name}: {chair.shown(here.rows, len(rows), noun)}")  # type: ignore[arg-type]
    plain_table(rows.iloc[here.rows], spec.columns, spec.name, spec.widths)  # type: ignore[attr-defined]


number = f"{step}.{part}" if len(parts) > 1 else str(step)
head, leave, back, forward = st.columns([5, 2.4, 2.2, 2.4], vertical_alignment="center")
head.title(f"{number} · {item.title}")
leave.page_link(
    chair.DASHBOARD[step],
    label="Leave chair mode",
    icon=":material/close_fullscreen:",
    query_params=url.carried(),
    help=f"This agenda item's page in the dashboard, as at {f.as_at:%d %b %Y}",
)
back.button(
    "Previous",
    icon=":material/arrow_back:",
    disabled=before is None,
    on_click=go,
    args=before or (1, 1),
    shortcut="PageUp",
    width="stretch",
)
forward.button(
    "Next",
    icon=":material/arrow_forward:",
    disabled=after is None,
    on_click=go,
    args=after or (len(AGENDA), 1),
    shortcut="PageDown",
    type="primary",
    width="stretch",
)
of = f" (part {part} of {len(parts)})" if len(parts) > 1 else ""
st.caption(
    f"DAG agenda item {step} of {len(AGENDA)}{of}: {item.objective}. Figures frozen as at {f.as_at:%d %B %Y}"
    + (f"; changes since {since} ({ch.stands_for()})." if since else "; no earlier snapshot to compare with.")
)
if clamped or part_clamped:
    st.info(f"There is no agenda step like that; showing step {number} of {len(AGENDA)}.", icon=":material/info:")

if here.what == "summary actions":
    totals = data.action_totals(src)
    a, b, c, d = st.columns(4)
    tile(a, "Actions in the log", int(totals["total"]), ch.find("Actions in the log"))
    tile(b, "Actions open", int(totals["open"]), ch.find("Actions open"))
    tile(c, "Recommended closed", int(totals["recommend_closed"]), ch.find("RECOMMEND CLOSED"))
    tile(d, "Actions overdue", int(totals["overdue"]), ch.find("Actions overdue"), "inverse")
    news("actions")

elif here.what == "actions":
    table(data.action_log(src), chair.ACTIONS, "action")

elif here.what == "summary change_requests":
    crs = data.cr_by_approval_status(src)
    tiles = [("CRs in the register", int(crs["crs"].sum()), ch.find("CRs in the register"))]
    tiles += [
        (f"CRs {r.approval_status.lower()}", int(r.crs), ch.find(f"CRs {r.approval_status.lower()}"))
        for r in crs.itertuples()
    ]
    for col, (label, value, change) in zip(st.columns(len(tiles)), tiles, strict=True):
        tile(col, label, value, change)
    news("change_requests")

elif here.what == "crs":
    table(data.cr_register(src), chair.CRS, "CR")

elif here.what == "step 3":
    totals = data.din_totals(src)
    a, b, c = st.columns(3)
    tile(a, "DINs recorded", int(totals["total"]), ch.find("DINs recorded"))
    tile(b, "Open DINs", int(totals["open"]), ch.find("Open DINs"), "inverse")
    tile(c, "Closed DINs", int(totals["closed"]), ch.find("Closed DINs"), "normal")
    left, right = st.columns(2, gap="medium")
    with left:
        chart(
            charts.for_screen(data.figure(charts.din_by_status_bar, data.din_by_status(src), height=400)),
            key="present_status",
        )
    with right:
        chart(
            charts.for_screen(data.figure(charts.din_by_release_bar, data.din_by_release(src), height=400)),
            key="present_release",
        )

elif here.what == "risks":
    risks = data.risk_register(src)
    left, right = st.columns([chair.RISKS.share, 1 - chair.RISKS.share], gap="medium")
    with left:
        table(risks, chair.RISKS, "risk")
    with right:
        news("risks")

elif here.what == "milestones":
    table(data.milestones_upcoming(src).head(6), chair.MILESTONES, "milestone")

elif here.what == "meetings":
    table(data.meetings_upcoming(src, limit=6), chair.MEETINGS, "meeting")

elif here.what == "seats":
    seats = data.seat_fill_by_group(src)
    for col, r in zip(st.columns(max(len(seats), 1)), seats.itertuples(), strict=False):
        tile(col, f"{r.group_code} seats filled", f"{r.filled} of {r.total}")
    chart(charts.for_screen(data.figure(charts.seat_fill_bar, seats, height=330)), key="present_seats")

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

"""Chair mode: a group's meeting pack, every section in the pack's order, one step a screen, for a shared screen.

The steps are the pack's own sections (chair.steps over report.sections, which the HTML pack and the slides walk
too): the meeting's agenda items as the data holds them for the group (`?group=SITAG`; default DAG), then the
appendix; the first step opens on the agenda. Figures are frozen to one snapshot. A step too long for one 1280x720
screen is split into numbered sub-steps (`?step=1&part=2`, titled "1.2"), which Next/PageDown and Previous/PageUp
walk through; how much fits a screen is mhhs_dashboard/chair.py's estimate.
"""

import functools

import streamlit as st

from mhhs_dashboard import capture, chair, charts, data, downloads, nav, url
from mhhs_dashboard.elements import chart, plain_table
from mhhs_dashboard.frame import frame
from mhhs_dashboard.meeting import clamp_step
from mhhs_dashboard.runs import one_at_a_time
from mhhs_dashboard.text import inert


def go(to: int, to_part: int) -> None:
    """Move to step `to`, sub-step `to_part` (the URL follows)."""
    st.query_params["step"] = str(to)
    st.query_params["part"] = str(to_part)


def bullets(block: chair.ListBlock, piece: chair.Piece) -> None:
    """This screen's share of a block of bullets, under its heading."""
    if block.title:
        st.subheader(inert(block.title) + (" (continued)" if piece.more else ""))
    if block.subtitle:
        st.markdown(f"**{inert(block.subtitle)}**")
    lines = block.lines[piece.rows]
    if lines:
        st.markdown("\n".join(f"- {inert(line)}" for line in lines))


def table(g: chair.Grid, piece: chair.Piece) -> None:
    """This screen's rows of a table of the pack, headed with which rows they are."""
    total = len(g.rows)
    which = f": {chair.shown(piece.rows, total, 'row')}" if total and (piece.more or piece.rows.stop < total) else ""
    st.subheader(inert(g.title) + which)
    if g.note:
        st.caption(inert(g.note))
    plain_table(g.rows.iloc[piece.rows], g.table.columns, g.title, g.table.widths)


@one_at_a_time
def show() -> None:
    f = frame("Chair mode", filters=(), present=True)
    src = f.src
    group = url.meeting_group(src, f.dropped)
    pack = data.meeting_pack(src, f.since, group)
    ch = pack.changes
    steps = data.chair_steps(src, f.since, group)

    step, clamped = clamp_step(st.query_params.get("step"), len(steps))
    item, shows, parts = steps[step - 1].item, steps[step - 1].content, steps[step - 1].parts
    part, part_clamped = chair.clamp_part(st.query_params.get("part"), len(parts))
    if clamped or st.query_params.get("step") != str(step):
        st.query_params["step"] = str(step)
    if len(parts) > 1 and st.query_params.get("part") != str(part):
        st.query_params["part"] = str(part)
    elif len(parts) == 1 and "part" in st.query_params:
        del st.query_params["part"]
    here = parts[part - 1]
    before = (step, part - 1) if part > 1 else (step - 1, len(steps[step - 2].parts)) if step > 1 else None
    after = (step, part + 1) if part < len(parts) else (step + 1, 1) if step < len(steps) else None

    number = f"{step}.{part}" if len(parts) > 1 else str(step)
    head, leave, back, forward = st.columns([5, 2.4, 2.2, 2.4], vertical_alignment="center")
    head.title(f"{number} · {inert(item.title)}")
    leave.page_link(
        nav.page(chair.dashboard(item)),
        label="Leave chair mode",
        icon=":material/close_fullscreen:",
        query_params=url.carried(),
        help=f"This item's page in the dashboard, as at {pack.as_at:%d %b %Y}",
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
        args=after or (len(steps), 1),
        shortcut="PageDown",
        type="primary",
        width="stretch",
    )
    st.caption(inert(chair.caption(pack, item, f" (part {part} of {len(parts)})" if len(parts) > 1 else "")))
    if clamped or part_clamped:
        st.info(f"There is no agenda step like that; showing step {number} of {len(steps)}.", icon=":material/info:")

    def tiles(row: tuple[dict[str, object], ...]) -> None:
        """Big numbers with their change since the last meeting (arrow and sign, not colour alone), where known."""
        for col, t in zip(st.columns(len(row)), row, strict=True):
            moved = None if t.get("delta") is None else int(str(t["delta"]).replace(",", ""))
            col.metric(
                str(t["label"]),
                f"{int(str(t['value'])):,}" if str(t["value"]).isdigit() else str(t["value"]),
                moved,
                delta_color="off",
                delta_arrow="auto" if moved else "off",
                delta_description=f"since {ch.meeting or ch.when()}" if moved is not None else None,
            )

    def figures(pair: tuple[object, ...], index: int) -> None:
        """Charts of the pack side by side, their text at the chair's size."""
        for k, (col, fig) in enumerate(zip(st.columns(len(pair), gap="medium"), pair, strict=True)):
            with col:
                shown = charts.for_screen(fig).update_layout(height=chair.CHART_PX)
                chart(shown, key=f"present_{step}_{index}_{k}")

    def offer_downloads() -> None:
        """The pack and the slides of this meeting, as files."""
        stamp = pack.as_at.isoformat()
        st.download_button(
            "Meeting pack (HTML)",
            data=functools.partial(data.report_html, src, f.since, group),
            file_name=downloads.file_name(f"{group.lower()}_pack", stamp, ext="html"),
            mime="text/html",
            icon=":material/download:",
            on_click="ignore",
        )
        st.download_button(
            "Data slides (PowerPoint)",
            data=functools.partial(data.slides_pptx, src, group),
            file_name=downloads.file_name(f"{group.lower()}_slides", stamp, ext="pptx"),
            mime="application/vnd.openxmlformats-officedocument.presentationml.presentation",
            icon=":material/download:",
            on_click="ignore",
        )

    for piece in here.pieces:
        if piece.kind == "tiles":
            tiles(shows.tiles[piece.index])
        elif piece.kind == "list":
            bullets(shows.lists[piece.index], piece)
        elif piece.kind == "table":
            table(shows.grids[piece.index], piece)
        elif piece.kind == "charts":
            figures(shows.charts[piece.index], piece.index)
        elif piece.kind == "downloads":
            offer_downloads()

    capture.panel(
        src, group, step, item.title
    )  # the meeting record, captured in the sidebar: the signed-in PMO only (#27)

"""Decisions: the decisions log of every governance meeting, filtered by group, kind, dates and reference, each
row's references linked to their own views; one decision per link (?decision=PSG-2024-05-01-...)."""

import datetime as dt

import streamlit as st

from mhhs_dashboard import data, refs, schema, url
from mhhs_dashboard.elements import back_link, empty_state, tile_row
from mhhs_dashboard.frame import frame
from mhhs_dashboard.links import carry, target, with_query
from mhhs_dashboard.ref_links import KIND_NAMES, ref_link
from mhhs_dashboard.runs import one_at_a_time
from mhhs_dashboard.text import counted, inert, or_dash


def meetings_text(
    src: data.Source,
    groups: tuple[str, ...],
    kinds: tuple[str, ...],
    date_from: dt.date | None,
    date_to: dt.date | None,
    ref: str,
) -> str:
    """The log as filtered, newest meeting first, as one Markdown block, a rule between its meetings: each
    meeting, then a line per outcome (its references linked, a link to its own view). Worked out once per data
    version and filters (data.once): a view only sends it (an element per meeting cost the server two, a
    container and its text, at every view)."""
    keep = {"as_at": src.as_at.isoformat()} if src.as_at else None  # links.carry: a frozen view stays frozen
    dates = {**({"date_from": date_from} if date_from else {}), **({"date_to": date_to} if date_to else {})}
    log = data.decisions_log(src, groups, kinds, **dates, ref=ref)
    blocks = []
    for _, meeting in log.groupby(["group_code", "meeting_date"], sort=False):  # rows come meeting by meeting
        first = next(meeting.itertuples())
        lines = []
        for r in meeting.itertuples():
            who = f" by {inert(r.decided_by)}" if or_dash(r.decided_by, "") else ""
            named = "  \nNames: " + ", ".join(refs.linkify(x, keep) for x in r.refs) if len(r.refs) else ""
            link = f"[the decision]({with_query(target('decision', r.decision_id) or '', keep)})"
            lines.append(
                f"- **{inert(or_dash(r.title, ''))}** ({inert(r.kind)}{who}): {refs.linkify(r.outcome, keep)}"
                f"{named} · {link}"
            )
        on_agenda = " · on the agenda" if first.state != "recorded" else ""
        heading = inert(or_dash(first.meeting_title, first.group_code))
        blocks.append(f"**{heading}** · {first.meeting_date:%a %d %b %Y}{on_agenda}\n\n" + "\n".join(lines))
    return "\n\n---\n\n".join(blocks)


@one_at_a_time
def show() -> None:
    f = frame("Decisions", filters=("group",))
    src = f.src
    keep = carry(f)

    wanted = url.item("decision", lambda d: not data.decisions_item(src, d).empty, f.dropped)
    if wanted:
        d = data.decisions_item(src, wanted).iloc[0]
        back_link("pages/decisions.py", "All decisions", url.back_params())
        st.title(inert(or_dash(d["title"], d["decision_id"])))
        tile_row(
            [
                ("Group", or_dash(d["group_code"])),
                ("Meeting", f"{d['meeting_date']:%d %b %Y}"),
                ("Kind", or_dash(d["kind"])),
                ("Decided by", or_dash(d["decided_by"])),
            ]
        )
        if d["state"] != "recorded":
            st.info(
                f"On the agenda: the meeting is after this view's as-at date, {data.point(src):%d %b %Y}.",
                icon=":material/event_upcoming:",
            )
        st.markdown(refs.linkify(d["outcome"], keep))
        st.caption(inert(f"{or_dash(d['meeting_title'], d['group_name'])} · decision {d['decision_id']}"))
        st.subheader("What it names")
        named = [r for ref in d["refs"] for r in refs.references(ref)]
        if not named:
            st.caption("The decision names no CR, milestone, risk or action.")
        for r in named:
            ref_link(f, r.kind, r.text, f"{KIND_NAMES[r.kind]} {r.text}")
        st.subheader("The rest of the meeting")
        others = data.decisions_of_meeting(src, d["group_code"], d["meeting_date"].date())
        if len(others) < 2:
            st.caption("The meeting recorded nothing else.")
        for o in others.itertuples():
            if o.decision_id == d["decision_id"]:
                continue
            ref_link(f, "decision", o.decision_id, f"{o.kind.capitalize()}: {or_dash(o.title, o.decision_id)}")
        st.stop()

    st.title("Decisions")
    st.caption(
        "What each governance meeting decided, recommended, escalated, ratified or agreed in principle, and the "
        "updates it gave for information, as the meeting pack prints them. Meetings after this view's as-at date are "
        "marked 'on the agenda'."
    )
    row = st.container(horizontal=True)  # the page's own filters: one element for the row, where columns are four
    kinds = url.multiselect("kind", "Kind of outcome", schema.DECISION_KINDS, f.dropped, where=row)
    date_from = url.date("from", "Meetings from", f.dropped, where=row)
    date_to = url.date("to", "Meetings to", f.dropped, where=row)
    ref = url.text(
        "ref", "Reference", where=row, placeholder="CR045, M10, R856, DAG35-02", help="The record a decision names"
    )
    log = data.decisions_log(
        src,
        f.groups,
        kinds,
        **({"date_from": date_from} if date_from else {}),
        **({"date_to": date_to} if date_to else {}),
        ref=ref,
    )
    if log.empty:
        filtered = bool(f.groups or kinds or date_from or date_to or ref)
        empty_state(f, "decisions", "decisions", "pages/decisions.py", filtered=filtered)
        st.stop()

    st.caption(f"{counted(len(log), 'outcome')}, newest meeting first.")

    st.container(border=True).markdown(data.once(src, meetings_text, f.groups, kinds, date_from, date_to, ref))

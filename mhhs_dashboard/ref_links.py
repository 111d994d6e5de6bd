"""Same-tab links to a reference's own view (CRs, risks, actions...), as page elements, the actions naming one, and
the latest decision naming one (the head of its record)."""

from __future__ import annotations

import streamlit as st

from mhhs_dashboard import data, links, nav, refs
from mhhs_dashboard.filters import Filters
from mhhs_dashboard.text import decision_sentence, inert, or_dash, shorten

ICONS = {
    "cr": ":material/published_with_changes:",
    "risk": ":material/warning:",
    "action": ":material/task_alt:",
    "release": ":material/inventory_2:",
    "milestone": ":material/flag:",
    "din": ":material/description:",
    "decision": ":material/gavel:",
}

KIND_NAMES = {
    "cr": "Change request",
    "risk": "Risk",
    "action": "Action",
    "release": "Release",
    "milestone": "Milestone",
    "din": "DIN",
    "decision": "Decision",
}


def ref_link(f: Filters, kind: str, ref: str, label: str) -> None:
    """A same-tab link to `ref`'s own view (st.page_link), labelled with inert text."""
    page = links.page_for(kind, ref)
    if page:
        params = {**page[1], **(links.carry(f) or {})}
        st.page_link(nav.page(page[0]), label=inert(label), icon=ICONS.get(kind), query_params=params or None)


def mentioned_by(f: Filters, ref: str) -> None:
    """The actions whose text or latest update names `ref`, each a link to its own view."""
    mentions = data.actions_mentioning(f.src, ref)
    if mentions.empty:
        st.caption(f"No action in the log names {inert(ref)}.")
    for row in mentions.itertuples():
        flag = " · ⚠ OVERDUE" if row.overdue else ""
        ref_link(f, "action", row.action_ref, f"{row.action_ref} ({row.status}{flag})")
        st.caption(f"{inert(shorten(or_dash(row.action, ''), 160))} (named in its {row.mentioned_in})")


def latest_decision(f: Filters, ref: str) -> None:
    """The latest decision naming `ref` at the view's date, at the head of its record: who did what and when ("PSG
    agreed CR045 in principle on 1 May 2024"), the outcome in the meeting's words, and links to the decision and to
    every decision naming `ref`. Nothing when no decision names it."""
    latest = data.decisions_latest_for_refs(f.src, (ref,))
    if latest.empty:
        return
    d = latest.iloc[0]
    with st.container(border=True):
        said = decision_sentence(d["decided_by"], d["kind"], ref, d["meeting_date"])
        st.markdown(f"**Latest decision:** {inert(said)}")
        st.markdown(refs.linkify(d["outcome"], links.carry(f)))
        row = st.container(horizontal=True, gap="medium")
        with row:
            ref_link(f, "decision", d["decision_id"], "Open the decision")
            st.page_link(
                nav.page("pages/decisions.py"),
                label=inert(f"Every decision naming {ref}"),
                icon=":material/list:",
                query_params={"ref": ref, **(links.carry(f) or {})},
            )


def back_params() -> dict[str, list[str]]:
    """This page's query parameters without the per-item ones (cr, risk, action): the way back to the list."""
    return {k: st.query_params.get_all(k) for k in st.query_params if k not in ("cr", "risk", "action")}

"""The meeting's record on screen: chair mode's capture panel (PMO only) and the workspace's review and publish.

Everything saved goes straight to the data directory through record.py (one file per entry), never into the
browser session, so a reload, a restart or another replica loses nothing. Viewers get nothing from here: both
functions return before drawing a thing unless roles.py says the session is the PMO.
"""

from __future__ import annotations

import datetime as dt
import functools
from collections.abc import Mapping

import streamlit as st

from mhhs_dashboard import data, minutes, nav, record, roles, schema, signin
from mhhs_dashboard.files import DataDirError
from mhhs_dashboard.meeting import agenda
from mhhs_dashboard.source import Source
from mhhs_dashboard.text import inert

# chair mode hides the sidebar from the shared screen (frame.PRESENT_CSS); the PMO's capture panel brings it back
SIDEBAR_BACK = """<style>
[data-testid="stSidebar"] { display: flex !important; }
[data-testid="stHeader"] { display: block !important; height: 0 !important; min-height: 0 !important;
  background: transparent !important; overflow: visible !important; }
[data-testid="stToolbar"] { display: flex !important; }
[data-testid="stExpandSidebarButton"] { display: flex !important; position: fixed; top: .4rem; left: .4rem;
  z-index: 1000; }
</style>"""


def _pmo() -> str:
    """The signed-in PMO's identity, or '' for anyone else."""
    _, role, who = signin.current()
    return who if role is roles.Role.PMO and who else ""


def _meeting(src: Source, group: str) -> record.Meeting | None:
    return record.meeting_for(data.runner(src), group, data.point(src))


def _item(src: Source, meeting: record.Meeting, step: int, title: str) -> tuple[int, str]:
    """The meeting's own agenda item that chair mode's step `title` is (its number there), else the step as is."""
    key = title.casefold()
    for i in agenda(data.runner(src), meeting.group, meeting.date).items:
        if i.title.casefold().startswith(key) or key.startswith(i.title.casefold()):
            return i.step, i.title
    return step, title


def summary(e: record.Entry) -> str:
    """One line for an entry: its reference and its words."""
    f = e.fields
    text = {
        "decision": lambda: f"{f['kind'].capitalize()}: {f['outcome']}" + (f" [{f['refs']}]" if f["refs"] else ""),
        "action": lambda: f"{f['action']} ({f['owner']}, due {f['due_date']})",
        "action_update": lambda: f"{f['action_ref']} {f['status']}" + (f": {f['update']}" if f["update"] else ""),
        "note": lambda: f["text"],
    }[e.kind]()
    return f"{e.ref + ' ' if e.ref else ''}{text}"


def _pick(options: list[str], value: str | None, default: str) -> int:
    return options.index(value if value in options else default)


def _due(value: str | None) -> dt.date | None:
    try:
        return dt.date.fromisoformat(value) if value else None
    except ValueError:
        return None


def _blank(kind: str, group: str) -> dict[str, str]:
    """What an empty form of `kind` holds: its defaults only (a decision decided by `group`)."""
    given = {"decision": {"kind": "decision", "decided_by": group}, "action_update": {"status": "CLOSED"}}
    return {n: given.get(kind, {}).get(n, "") for n in record.FIELDS[kind]}


# the end of each field's input key where it is not the field's own name
SUFFIX = {"decided_by": "by", "action_ref": "ref", "due_date": "due"}


def _input(key: str, name: str) -> str:
    """The session-state key of field `name`'s input in the form drawn under `key`."""
    return f"{key}_{SUFFIX.get(name, name)}"


def _fields(kind: str, key: str, group: str, given: Mapping[str, str] | None = None) -> dict[str, object]:
    """The inputs of one kind of entry, prefilled from `given` (an entry's fields or a draft) and, where it says
    nothing, from the empty form's defaults (_blank); their values."""
    v = _blank(kind, group) | {n: x for n, x in (given or {}).items() if x}
    if kind == "decision":
        kinds = list(schema.DECISION_KINDS)
        return {
            "kind": st.selectbox("Kind", kinds, index=_pick(kinds, v["kind"], "decision"), key=_input(key, "kind")),
            "outcome": st.text_area("Outcome (the meeting's words)", v["outcome"], key=_input(key, "outcome")),
            "refs": st.text_input("References (CR045, M10)", v["refs"], key=_input(key, "refs")),
            "decided_by": st.text_input("Decided by", v["decided_by"], key=_input(key, "decided_by")),
            "title": st.text_input("Title (optional)", v["title"], key=_input(key, "title")),
        }
    if kind == "action":
        return {
            "action": st.text_area("Action", v["action"], key=_input(key, "action")),
            "owner": st.text_input("Owner", v["owner"], key=_input(key, "owner")),
            "due_date": st.date_input("Due", _due(v["due_date"]), format="YYYY-MM-DD", key=_input(key, "due_date")),
        }
    if kind == "action_update":
        statuses = list(schema.ACTION_STATUSES)
        return {
            "action_ref": st.text_input("Action reference (DAG35-02)", v["action_ref"], key=_input(key, "action_ref")),
            "status": st.selectbox(
                "Status", statuses, index=_pick(statuses, v["status"], "CLOSED"), key=_input(key, "status")
            ),
            "update": st.text_area("Update (the meeting's words)", v["update"], key=_input(key, "update")),
        }
    return {"text": st.text_area("Note", v["text"], key=_input(key, "text"))}


def _typed(kind: str, key: str) -> dict[str, object]:
    """What the inputs of `kind` drawn under `key` hold now."""
    return {n: st.session_state.get(_input(key, n)) for n in record.FIELDS[kind]}


def _forget(key: str) -> None:
    for k in [k for k in st.session_state if str(k).startswith(f"{key}_")]:
        del st.session_state[k]  # drawn afresh from what is on disk


def _tell(key: str) -> None:
    """Say once what a button's callback left under `key` in the session: ("ok" or "error", its words)."""
    said = st.session_state.pop(key, None)
    if said:
        ok = said[0] == "ok"
        (st.success if ok else st.error)(inert(said[1]), icon=":material/check:" if ok else ":material/error:")


def _save(src: Source, meeting: record.Meeting, kind: str, order: int, item: str, key: str, who: str) -> None:
    """The panel's Save: the entry as typed becomes an entry on disk; its draft goes, the inputs empty."""
    try:
        e = record.capture(src.data_dir, meeting, kind, order, item, _typed(kind, key), who)
    except (record.RecordError, OSError) as err:
        st.session_state["rec_saved"] = ("error", f"Not saved: {err}")
        return
    record.drop_draft(src.data_dir, meeting.ref, who, order, kind)
    _forget(key)
    st.session_state["rec_saved"] = ("ok", f"Saved {e.ref or record.KINDS[kind].lower()}.")


def panel(src: Source, group: str, step: int, title: str) -> None:
    """Chair mode's capture panel in the sidebar, for the signed-in PMO only: capture an entry on this agenda
    item of `group`'s coming meeting, see what is captured on it, and choose to show it on the shared screen."""
    who = _pmo()
    if not who:
        return
    meeting = _meeting(src, group)
    if meeting is None:
        return
    order, item = _item(src, meeting, step, title)
    st.html(SIDEBAR_BACK)
    with st.sidebar:
        st.subheader(f"Record of {inert(meeting.title)}")
        st.caption(
            f"Item {order}: {inert(item)}. What you type is kept in the data directory as you go (each field as you "
            "leave it); Save makes it an entry of the record."
        )
        kind: str = st.selectbox(
            "Capture", list(record.KINDS), format_func=lambda k: record.KINDS[k], key="rec_kind"
        ) or next(iter(record.KINDS))
        key = f"rec_new_{kind}_{order}"
        kept = record.draft(src.data_dir, meeting.ref, who, order, kind)
        with st.container(border=True):
            typed = _fields(kind, key, meeting.group, kept)
            st.button(
                "Save",
                icon=":material/save:",
                type="primary",
                key=f"{key}_save",
                on_click=_save,
                args=(src, meeting, kind, order, item, key, who),
            )
        blank = _blank(kind, meeting.group)
        now = {n: record.as_text(v) for n, v in typed.items()}
        if now != (kept or blank):  # kept as it is typed: each input commits as the PMO leaves it
            try:
                if now == blank:  # emptied again: nothing to keep
                    record.drop_draft(src.data_dir, meeting.ref, who, order, kind)
                else:
                    record.keep_draft(src.data_dir, meeting.ref, who, order, kind, typed)
            except (OSError, DataDirError) as err:
                st.warning(f"What you type is not being kept until you press Save: {inert(str(err))}")
        _tell("rec_saved")
        here = [e for e in _entries(src, meeting) if e.item_order == order and not e.withdrawn]
        st.markdown(f"**Captured on this item ({len(here)})**")
        st.markdown("\n".join(f"- {inert(summary(e))}" for e in here) or "Nothing yet.")
        show = st.toggle("Show this item's record on the shared screen", key="rec_show")
        st.page_link(
            nav.page("pages/workspace.py"),
            label="Review and publish the record",
            icon=":material/fact_check:",
            query_params={"group": meeting.group} if meeting.group != "DAG" else None,
        )
    if show and here:
        st.divider()
        st.subheader(f"Recorded on this item ({len(here)})")
        st.markdown("\n".join(f"- {inert(summary(e))}" for e in here))


def _entries(src: Source, meeting: record.Meeting) -> list[record.Entry]:
    try:
        return record.entries(src.data_dir, meeting.ref)
    except record.RecordError as err:
        st.error(inert(str(err)), icon=":material/error:")
        return []


def _edit(data_dir: str, ref: str, entry_id: str, version: int, kind: str, who: str) -> None:
    """A review form's Save: the entry as edited, against the version the form was drawn from."""
    key = f"rec_edit_{entry_id}"
    withdraw = bool(st.session_state.get(f"{key}_withdraw"))
    try:
        record.edit(data_dir, ref, entry_id, version, who, fields=_typed(kind, key), withdrawn=withdraw)
        st.session_state["rec_said"] = ("ok", "Saved.")
    except (record.RecordError, OSError) as err:
        st.session_state["rec_said"] = ("error", f"Not saved: {err}")
    _forget(key)


def review(src: Source, who: str, group: str) -> None:
    """The workspace's section for the meeting's record: every entry by agenda item, editable; publish (or a
    correction), undo, and the drafted Headline Report to download. `group`'s coming meeting (`?group=`)."""
    meeting = _meeting(src, group)
    st.subheader("Meeting record: review and publish")
    if meeting is None:
        st.info(f"The meetings log names no coming {inert(group)} meeting with a reference: no record to review.")
        return
    pub = record.published(src.data_dir, meeting.ref)
    state = f"published by {pub.who} at {pub.when[:16].replace('T', ' ')}Z" if pub else "not yet published"
    st.caption(f"{meeting.title} ({meeting.ref}) on {meeting.date:%d %B %Y}: {inert(state)}.")
    _tell("rec_said")
    captured = _entries(src, meeting)
    for e in captured:
        label = f"{e.item_order}. {e.item} · {record.KINDS[e.kind]}: {summary(e)}"
        with st.expander(("~~" + inert(label) + "~~ (withdrawn)") if e.withdrawn else inert(label)):
            key = f"rec_edit_{e.entry_id}"
            with st.form(key, enter_to_submit=False):
                _fields(e.kind, key, meeting.group, e.fields)
                st.checkbox("Withdrawn (left out when published)", e.withdrawn, key=f"{key}_withdraw")
                st.caption(f"Version {e.version}, by {inert(e.updated_by)} at {e.updated[:19].replace('T', ' ')}Z")
                st.form_submit_button(
                    "Save", on_click=_edit, args=(src.data_dir, meeting.ref, e.entry_id, e.version, e.kind, who)
                )
    if not captured:
        st.markdown("Nothing captured yet: sign in and capture in chair mode.")
    left, mid, right = st.columns(3)
    if left.button("Publish a correction" if pub else "Publish the record", type="primary", disabled=not captured):
        try:
            done = record.publish(src.data_dir, meeting, who, correction=pub is not None)
            st.session_state["rec_said"] = ("ok", f"Published {meeting.ref}: actions {', '.join(done.actions_added)}.")
        except (record.RecordError, OSError) as err:
            st.session_state["rec_said"] = ("error", str(err))
        st.rerun()
    if pub and mid.button("Undo the publication"):
        try:
            st.session_state["rec_said"] = ("ok", record.unpublish(src.data_dir, meeting, who))
        except (record.RecordError, OSError) as err:
            st.session_state["rec_said"] = ("error", str(err))
        st.rerun()
    if pub and pub.state == "published":
        for label, ext, mime in REPORTS:
            right.download_button(
                f"Headline Report ({label})",
                data=functools.partial(_report, src.data_dir, meeting.ref, ext),
                file_name=f"{meeting.ref.lower()}_headline_report.{ext}",
                mime=mime,
                on_click="ignore",
            )


REPORTS = (
    ("HTML", "html", "text/html"),
    ("Word", "docx", "application/vnd.openxmlformats-officedocument.wordprocessingml.document"),
)


def _report(data_dir: str, ref: str, kind: str) -> bytes:
    drafted = minutes.build(data_dir, ref)
    return minutes.as_html(drafted).encode("utf-8") if kind == "html" else minutes.as_docx(drafted)

"""The PMO's workspace: load a register's extract, check it, preview what it changes, publish it, undo it."""

import streamlit as st

from mhhs_dashboard import capture, schema, signin, url, workspace
from mhhs_dashboard.elements import grid, plain_table, tile_row
from mhhs_dashboard.frame import frame
from mhhs_dashboard.runs import one_at_a_time
from mhhs_dashboard.text import counted, inert


@one_at_a_time
def show() -> None:
    f = frame("Workspace", filters=())
    st.title("PMO workspace")
    access, role, who = signin.current()
    who = signin.require_pmo(access, role, who)  # nothing below is drawn for anyone but the PMO
    data_dir = f.src.data_dir
    st.caption(
        "Load a register's extract as `mhhs-dashboard ingest` does: check it, preview what it would change, publish "
        f"it; undo from the register's snapshots below. Every step is logged as {inert(who)}."
    )

    st.subheader("1. Choose the register and the date, and drop the extract")
    left, right = st.columns(2)
    table = left.selectbox(
        "Register",
        list(workspace.REGISTERS),
        format_func=lambda t: schema.TABLES[t].title[:1].upper() + schema.TABLES[t].title[1:],
        key="ws_table",
    )
    as_at = right.date_input(
        "As at", value=workspace.today(), max_value=workspace.today(), format="YYYY-MM-DD", key="ws_as_at"
    )
    replace = st.checkbox(
        "Replace the snapshot of that date if there is one (the one replaced is set aside and can be restored)",
        key="ws_replace",
    )
    upload = st.file_uploader(
        f"Extract (.xlsx or .csv, up to {workspace.MAX_UPLOAD_MB} MB)",
        type=["xlsx", "csv"],
        max_upload_size=workspace.MAX_UPLOAD_MB,
        key="ws_file",
    )
    if st.button("Check", icon=":material/fact_check:", disabled=upload is None, key="ws_check") and upload is not None:
        st.session_state["ws_result"] = workspace.run_check(
            table, workspace.Upload(upload.name, upload.getvalue()), data_dir, as_at=as_at, replace=replace, who=who
        )

    result: workspace.Result | None = st.session_state.get("ws_result")
    if result is not None:
        st.subheader(f"2. Check: {inert(result.upload.name)}")
        if result.refusal:
            st.error(f"Refused: {inert(result.refusal)}", icon=":material/block:")
            st.caption("Nothing was written to the data. Fix the extract and drop it again.")
        elif result.checked is not None and result.preview is not None:
            report = result.checked.report
            st.success(
                f"Read {counted(report.rows_read, 'row')} of the {inert(result.title)} as at {report.as_at}"
                f" ({counted(report.normalised, 'cell')} normalised).",
                icon=":material/check_circle:",
            )
            for warning in report.warnings:
                st.warning(inert(warning), icon=":material/warning:")
            if report.normalisations:
                grid(workspace.normalisations(report), "Cells normalised when the extract was read")
            p = result.preview
            st.subheader("3. Preview: what publishing would change")
            st.markdown(inert(workspace.compared_line(p)))
            tile_row([(f"Rows {change}", p.count(change)) for change in ("new", "changed", "gone")])
            if result.shrink:
                st.warning(inert(result.shrink), icon=":material/warning:")
            if p.figures:
                st.markdown(
                    "**The overview's figures that move**  \n" + "  \n".join(inert(c.text()) for c in p.figures)
                )
            elif p.becomes_now:
                st.markdown("No figure on the overview moves.")
            if not p.rows.empty:
                grid(p.rows, "Rows new, changed and gone, by id")
            st.subheader("4. Publish")
            allow_shrink = bool(result.shrink) and st.checkbox(
                "The ids are meant to go: publish anyway", key="ws_allow_shrink"
            )
            if st.button(
                "Publish",
                icon=":material/publish:",
                type="primary",
                key="ws_publish",
                disabled=bool(result.shrink) and not allow_shrink,
            ):
                st.session_state["ws_done"] = workspace.run_publish(
                    result, data_dir, allow_shrink=allow_shrink, who=who
                )
                del st.session_state["ws_result"]
                st.rerun()

    done = st.session_state.pop("ws_done", None)
    if done:
        (st.success if done.ok else st.error)(inert(done.message), icon=":material/info:")

    st.subheader("5. Snapshots of the register: undo")
    rows = workspace.snapshot_rows(data_dir, table)
    grid(rows, f"Snapshots of the {schema.TABLES[table].title}", column_order=["as_at", "state", "rows", "source"])
    choices = workspace.undo_choices(rows)
    if choices:
        pick = st.selectbox("Snapshot", list(choices), format_func=lambda k: choices[k], key="ws_pick")
        pending = st.session_state.get("ws_pending")
        if pending != pick:
            if st.button(workspace.undo_label(pick), icon=":material/undo:", key="ws_undo"):
                st.session_state["ws_pending"] = pick
                st.rerun()
        else:
            st.warning(f"{workspace.undo_label(pick)}: are you sure?", icon=":material/help:")
            yes, no = st.columns(2)
            if yes.button("Yes, do it", type="primary", key="ws_confirm"):
                st.session_state["ws_done"] = workspace.run_undo(data_dir, table, pick, who=who)
                del st.session_state["ws_pending"]
                st.rerun()
            if no.button("Cancel", key="ws_cancel"):
                del st.session_state["ws_pending"]
                st.rerun()

    # the meeting's record (the group's coming meeting, `?group=`): review, publish, undo, the Headline Report (#27)
    capture.review(f.src, who, url.meeting_group(f.src, f.dropped))

    st.subheader("Audit log")
    log = workspace.audit_rows(data_dir)
    plain_table(
        log.head(workspace.AUDIT_RECENT),
        {
            "when": "When (UTC)",
            "who": "Who",
            "action": "Step",
            "outcome": "Outcome",
            "table": "Register",
            "as_at": "As at",
            "file": "File",
            "rows": "Rows",
            "detail": "Detail",
        },
        "The newest entries of the audit log",
    )
    with st.expander("The whole log", key="ws_log", on_change="rerun") as whole:
        if whole.open:
            grid(log, "The audit log, newest first")

"""Data quality: every check a tick or a count with the rows at fault; the pack's odd figures explained."""

import streamlit as st

from mhhs_dashboard import data, nav, quality, schema, workspace
from mhhs_dashboard.elements import grid, kept_rows, plain_table, tile_row
from mhhs_dashboard.frame import frame
from mhhs_dashboard.links import link_params
from mhhs_dashboard.runs import one_at_a_time
from mhhs_dashboard.text import counted, inert


def register_blocks(src: data.Source) -> list[tuple[str, list[quality.Result]]]:
    """The checks register by register, as Markdown blocks each followed by the checks at fault under it: a
    register's heading and its checks that passed (or could not run) join the block before them, so a run of
    registers with nothing at fault is one element. Worked out once per data version (data.once)."""
    results = data.quality_results(src)
    blocks: list[tuple[str, list[quality.Result]]] = []
    for table in dict.fromkeys(r.check.table for r in results):
        title = schema.TABLES[table].title if table in schema.TABLES else (table or "other")
        mine = [r for r in results if r.check.table == table]
        fine = [
            f":material/error: **{inert(r.check.title)}**: could not run ({inert(r.error)})"
            if r.error
            else f":green[:material/check_circle:] **{inert(r.check.title)}**"
            for r in mine
            if r.passed or r.error
        ]
        text = "\n\n".join([f"### {inert(title[:1].upper() + title[1:])}", "  \n".join(fine)]).strip()
        if blocks and not blocks[-1][1]:  # the block before has nothing at fault under it: this one joins it
            blocks[-1] = (blocks[-1][0] + "\n\n" + text, [])
        else:
            blocks.append((text, []))
        blocks[-1][1].extend(r for r in mine if not r.passed and not r.error)
    return blocks


def reconciliation(src: data.Source) -> tuple[str, str]:
    """Why the pack's DIN figures do not reconcile on their face, as Markdown, and the check of it on this data
    (a caption; "" without a by-release breakdown). Worked out once per data version (data.once)."""
    variants = data.label_variants(src)
    totals = data.din_totals(src)
    rec = data.din_reconciliation(src).set_index("breakdown")
    release_variants = variants[(variants["table_name"] == "din_log") & (variants["column_name"] == "target_release")]
    spellings = (
        "; ".join(f"{r.canonical}: {counted(r.rows, 'row')} spelled {r.shown}" for r in release_variants.itertuples())
        or "none in this data"
    )
    by_release = rec.loc["by release"] if "by release" in rec.index else None
    text = f"""
    - **{totals["with_release"]:,} by release against {totals["total"]:,} recorded.** The pack's "Total DINs by
      Release" only counts DINs that name a target release. {totals["without_release"]:,} DINs name none, so
      {totals["with_release"]:,} + {totals["without_release"]:,} = {totals["total"]:,}.
      The dashboard shows them as their own bar, "No release".
    - **"Interim Release 5.2" listed twice (8 and 20).** A pivot table treats a label with a trailing space as a
      different label. The dashboard merges spellings before counting ({inert(spellings)}).
    - **"Interim Release :" in the pack's closed table.** Those rows are "Interim Release 5.2" and "Interim Release
      2.3" (20 and 6 DINs), cut short by the width of the pivot's label column, as are the repeated "Interim
      Release 5", "2" and "7" lines (5.1 to 5.5, 2.1 and 2.2, 7.1 and 7.2): a display artefact, not labels in the
      log. The closed table also nests the releases under "Implemented" (its "(blank)" 2 are the implemented DINs
      with no release) and a "(blank)" 206 under "Closed", so its lines do not read as one list.
    """
    checked = ""
    if by_release is not None:
        checked = (
            f"Checked on this data: by status {rec.loc['by status', 'counted']:,} of {totals['total']:,}; "
            f"by release {by_release['counted']:,} + no release {by_release['uncounted']:,} "
            f"= {by_release['parts_sum']:,}."
        )
    return text, checked


@one_at_a_time
def show() -> None:
    f = frame("Data quality", filters=())
    src = f.src
    st.title("Data quality")
    st.caption(
        "Checks on the registers as loaded. A tick means nothing is at fault; a count opens the rows at fault. "
        "Labels are merged before counting, so the dashboard's figures are right even where a check finds fault."
    )

    results = data.quality_results(src)
    failing = [r for r in results if not r.passed]
    tile_row([("Checks with rows at fault", f"{len(failing)} of {len(results)}")])

    for text, faults in data.once(src, register_blocks):
        st.markdown(text)
        for r in faults:
            head = f":orange[:material/warning:] {inert(r.check.title)}: {counted(len(r.rows), 'row')} at fault"
            with st.expander(head, key=f"dq_{r.check.name}", on_change="rerun") as more:
                if more.open:  # the rows at fault are sent only once a viewer opens them (opening reruns the page)
                    st.caption(inert(r.check.explain) + f" Source: `{r.check.source}`.")
                    grid(
                        r.rows.assign(link=quality.item_links(r.rows)),
                        f"{r.check.title}: the rows at fault",
                        column_order=["row_key", "problem", "detail", "link"],
                        column_config={
                            "row_key": "Row",
                            "problem": "Problem",
                            "detail": st.column_config.TextColumn("Detail", width="large"),
                            "link": st.column_config.LinkColumn("Open", display_text="open"),
                        },
                    )

    st.divider()
    st.subheader("Normalised, ignored or warned of when the extracts were loaded")
    findings = data.ingest_findings(src)
    if findings.empty:
        st.markdown(
            ":green[:material/check_circle:] Nothing: no snapshot in use was loaded with `mhhs-dashboard ingest`, "
            "or its load changed nothing."
        )
    else:
        warned = int((findings["problem"] == "ingest warning").sum())
        st.caption(
            "From the ingest report kept beside each snapshot: ids and labels tidied, month-year dates read as the "
            f"1st, "
            f"columns ignored, and {counted(warned, 'warning')} (the same lines `mhhs-dashboard ingest` printed)."
        )
        grid(
            kept_rows(src, data.ingest_findings),
            "Normalised, ignored or warned of when the extracts were loaded",
            column_config={
                "table_name": "Table",
                "row_key": "Row",
                "problem": "What happened",
                "detail": st.column_config.TextColumn("Detail", width="large"),
            },
        )

    st.subheader("Label variants merged before counting")
    variants = data.label_variants(src)
    if variants.empty:
        st.markdown(":green[:material/check_circle:] Every label is in its canonical spelling.")
    else:
        st.caption(
            "Each spelling found in the source, with its rows; ␣ marks a leading or trailing space, "
            "⍽ a non-breaking space."
        )
        grid(
            kept_rows(
                src,
                data.label_variants,
                columns=("table_name", "column_name", "canonical", "shown", "difference", "rows", "merged_rows"),
            ),
            "Label variants merged before counting",
            column_config={
                "table_name": "Table",
                "column_name": "Column",
                "canonical": "Counted as",
                "shown": "Spelling in the source",
                "difference": "Difference",
                "rows": st.column_config.NumberColumn("Rows", format="%d"),
                "merged_rows": st.column_config.NumberColumn("Rows merged", format="%d"),
            },
        )

    st.subheader("Why the pack's DIN figures do not reconcile on their face")
    text, checked = data.once(src, reconciliation)
    st.markdown(text)
    if checked:
        st.caption(checked)
    st.page_link(
        nav.page("pages/dins.py"),
        label="DINs with no release",
        icon=":material/arrow_forward:",
        query_params=link_params(f, release="No release"),
    )

    st.subheader("Loads: the audit log")
    st.caption(
        "Every load, refusal, publish, restore and removal, from the command line or the workspace, newest first "
        "(`mhhs-dashboard audit` prints the whole log)."
    )
    loads = workspace.audit_rows(src.data_dir, limit=workspace.AUDIT_RECENT)
    if loads.empty:
        st.markdown("No load has been logged in this data directory yet.")
    else:
        plain_table(
            loads,
            {
                "when": "When (UTC)",
                "who": "Who",
                "via": "Via",
                "action": "Step",
                "outcome": "Outcome",
                "table": "Register",
                "as_at": "As at",
                "file": "File",
                "detail": "Detail",
            },
            "The newest entries of the audit log",
        )

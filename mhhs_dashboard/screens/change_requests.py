"""Change requests: the register, the pipeline, one view per CR (?cr=CR045) and per risk (?risk=R856)."""

import pandas as pd
import streamlit as st

from mhhs_dashboard import charts, data, refs, url
from mhhs_dashboard.elements import (
    GridRows,
    back_link,
    chart,
    download_buttons,
    empty_state,
    grid,
    grid_rows,
    headings,
    tile_row,
)
from mhhs_dashboard.filters import CrView
from mhhs_dashboard.frame import frame
from mhhs_dashboard.headings import CR_HEADINGS
from mhhs_dashboard.links import carry, view_url
from mhhs_dashboard.ref_links import latest_decision, mentioned_by, ref_link
from mhhs_dashboard.runs import one_at_a_time
from mhhs_dashboard.text import counted, date_or_dash, inert, or_dash


def register_rows(src: data.Source, view: CrView, columns: tuple[str, ...]) -> GridRows:
    """The CR register in `view` as its grid shows it (grid_rows), each CR linked to its own view, in the grid's
    `columns`; once per data version and filters (data.once)."""
    register = data.cr_register(src, *view)
    return grid_rows(register.assign(link=register["cr_ref"].map(lambda ref: view_url("cr", ref)))[list(columns)])


def risk_rows(src: data.Source) -> GridRows:
    """The risk register as its grid shows it (grid_rows), each risk and its linked CR a link to its own view;
    once per data version (data.once)."""
    risks = data.risk_register(src)
    return grid_rows(
        risks.assign(
            link=risks["risk_id"].map(lambda ref: view_url("risk", ref)),
            cr_link=risks["linked_cr"].map(lambda ref: view_url("cr", ref)),
        )[["link", "title", "cr_link", "linked_cr_title", "status", "raised_date", "owner"]]
    )


@one_at_a_time
def show() -> None:
    f = frame("Change requests", filters=())
    src = f.src
    options = data.cr_options(src)

    view = CrView(
        url.multiselect("status", "Approval status", options["approval_status"], f.dropped),
        url.multiselect("stage", "Stage of change control", options["stage"], f.dropped),
        url.multiselect("change_type", "Change type", options["change_type"], f.dropped),
        url.multiselect(
            "body",
            "Deciding body",
            options["decision_body"],
            f.dropped,
            help="Who decides the CR: DAG, Change Board, PSG, SRO, Ofgem",
        ),
    )
    status, stages, types, bodies = view
    risks = data.risk_register(src)
    cr = url.item("cr", lambda ref: ref in data.column_of(src, data.cr_register, "cr_ref"), f.dropped)
    risk = url.item("risk", lambda ref: ref in data.column_of(src, data.risk_register, "risk_id"), f.dropped)
    if cr:
        row = data.cr_register(src, crs=(cr,)).iloc[0]
        back_link("pages/change_requests.py", "All change requests", url.back_params())
        st.title(inert(f"{cr}: {or_dash(row['title'], '')}"))
        latest_decision(f, cr)
        days = counted(int(row["days_in_stage"]), "day") if pd.notna(row["days_in_stage"]) else "not dated"
        tile_row(
            [
                ("Approval status", or_dash(row["approval_status"])),
                ("Stage", or_dash(row["current_stage"])),
                ("Time in stage", days),
                ("Deciding body", or_dash(row["decision_body"])),
            ]
        )
        st.caption(
            f"Time in stage counts from {row['stage_since']:%d %b %Y} to the register's as-at date, "
            f"{row['as_at']:%d %b %Y}."
            if pd.notna(row["stage_since"])
            else "The register gives no date for the stage."
        )
        left, right = st.columns([3, 2], gap="large")
        with left:
            st.subheader("The record")
            st.markdown(
                refs.fields_markdown(
                    [
                        ("Key detail", row["title"]),
                        ("Change raiser(s)", row["raisers"]),
                        ("Change type", row["change_type"]),
                        ("Latest action", row["latest_action"]),
                        ("Action if approved", row["action_if_approved"]),
                        ("Implementation date/milestone", row["implementation"]),
                        ("Change owner(s)", row["owners"]),
                        ("Notes", row["notes"]),
                    ],
                    carry(f),
                )
            )
        with right:
            st.subheader("What it targets")
            aims = refs.targets(row["action_if_approved"], row["implementation"], row["latest_action"], row["notes"])
            if not aims:
                st.caption("Its record names no release or milestone.")
            for kind, ref, label in aims:
                ref_link(f, kind, ref, label)
            st.subheader("Risks")
            linked_risks = data.cr_risks(src, cr)
            if linked_risks.empty:
                st.caption(f"No programme risk is linked to {cr}.")
            for r in linked_risks.itertuples():
                ref_link(f, "risk", r.risk_id, f"{r.risk_id} ({or_dash(r.status)})")
                st.caption(inert(or_dash(r.title, "")))
            st.subheader("Actions that name it")
            mentioned_by(f, cr)
        st.subheader("History across register snapshots")
        history = data.cr_history(src, cr)
        grid(
            history,
            "The change request's history across register snapshots",
            column_config={
                "as_at": st.column_config.DateColumn("As at", format="D MMM YYYY"),
                "stage_since": st.column_config.DateColumn("In stage since", format="D MMM YYYY"),
                "latest_action": st.column_config.TextColumn("Latest action", width="medium"),
                "approval_status": "Approval status",
                "current_stage": "Stage",
                "decision_body": "Deciding body",
                "action_if_approved": "Action if approved",
                "implementation": "Implementation",
                "owners": "Owner(s)",
                "changed": "Changed since the snapshot before",
            },
        )
        st.stop()

    if risk:
        r = risks[risks["risk_id"] == risk].iloc[0]
        back_link("pages/change_requests.py", "All change requests", url.back_params())
        st.title(inert(f"{risk}: {r['title']}"))
        latest_decision(f, risk)
        tile_row(
            [
                ("Status", or_dash(r["status"])),
                ("Owner", or_dash(r["owner"])),
                ("Raised", date_or_dash(r["raised_date"])),
            ]
        )
        st.markdown(refs.fields_markdown([("Risk", r["title"]), ("Linked CR", r["linked_cr"])], carry(f)))
        st.subheader("Linked change request")
        if or_dash(r["linked_cr"], ""):
            ref_link(f, "cr", r["linked_cr"], f"{r['linked_cr']}: {or_dash(r['linked_cr_title'], '')}")
        else:
            st.caption("The risk names no CR.")
        st.subheader("Actions that name it")
        mentioned_by(f, risk)
        st.stop()

    st.title("Change requests")
    totals = data.cr_totals(src, *view)
    as_at = totals["as_at"] if pd.notna(totals["as_at"]) else None
    tile_row(
        [
            ("CRs shown", int(totals["total"])),
            ("Open", int(totals["open"])),
            ("Awaiting a decision", int(totals["awaiting_decision"])),
            ("Approved", int(totals["approved"])),
        ],
        note=f"Register as at {as_at:%d %B %Y}: time in stage is counted to that date, not to today." if as_at else "",
    )

    if not totals["total"]:
        filtered = any(view)
        empty_state(f, "change_requests", "change requests", "pages/change_requests.py", filtered=filtered)
    else:
        pipeline = data.cr_pipeline(src, *view)
        chart(data.figure_of(src, charts.cr_pipeline_bar, data.cr_pipeline, *view), key="cr_pipeline")
        with st.expander("The numbers behind this chart", key="crs_numbers", on_change="rerun") as more:
            if more.open:  # worked out and sent only once a viewer opens it (opening reruns the page)
                grid(
                    pipeline[["stage", "crs", "cr_refs", "max_days_in_stage", "set_aside"]],
                    "The numbers behind the pipeline chart",
                    column_config={
                        "stage": "Stage",
                        "crs": "CRs",
                        "cr_refs": "Which",
                        "max_days_in_stage": st.column_config.NumberColumn("Longest in stage (days)"),
                        "set_aside": st.column_config.CheckboxColumn("Set aside"),
                    },
                )
                st.caption(
                    "Days in stage run from each CR's stage date to the register's as-at date; Withdrawn and "
                    "Rejected are set aside from the pipeline."
                )

        st.subheader("The register")
        h = CR_HEADINGS
        columns = {
            "link": st.column_config.LinkColumn(h["cr_ref"], display_text=r"cr=(CR\d+)", help="Open the CR's own view"),
            "title": st.column_config.TextColumn(h["title"], width="medium"),
            "raisers": h["raisers"],
            "change_type": h["change_type"],
            "latest_action": st.column_config.TextColumn(h["latest_action"], width="medium"),
            "approval_status": h["approval_status"],
            "current_stage": h["current_stage"],
            "days_in_stage": st.column_config.NumberColumn(h["days_in_stage"]),
            "action_if_approved": h["action_if_approved"],
            "implementation": h["implementation"],
            "owners": h["owners"],
            "decision_body": h["decision_body"],
        }
        grid(data.once(src, register_rows, view, tuple(columns)), "The change request register", column_config=columns)
        choice = st.selectbox(
            "Open a change request",
            data.column_of(src, data.cr_register, "cr_ref", *view),
            index=None,
            placeholder="Choose a CR",
        )
        if choice:
            st.query_params["cr"] = choice
            st.rerun()
        chosen = {"status": status, "stage": stages, "type": types, "body": bodies}
        about = {
            "table": "CR register",
            "as at": f"{as_at:%Y-%m-%d}",
            **{k: ", ".join(v) or "all" for k, v in chosen.items()},
        }
        download_buttons(
            lambda: data.cr_register(src, *view),
            ("change_requests", f"{as_at:%Y-%m-%d}", chosen),
            about,
            sheet="CR register",
            headed={**headings(columns), "cr_ref": h["cr_ref"]},  # the words on screen
            table="change_requests",
        )

    st.subheader("Programme risks")
    if risks.empty:
        empty_state(f, "risks", "risks", "pages/change_requests.py", filtered=False)
    else:
        grid(
            data.once(src, risk_rows),
            "Programme risks",
            column_config={
                "link": st.column_config.LinkColumn("Risk", display_text=r"risk=(R\d+)"),
                "title": st.column_config.TextColumn("Description", width="large"),
                "cr_link": st.column_config.LinkColumn("Linked CR", display_text=r"cr=(CR\d+)"),
                "linked_cr_title": "CR key detail",
                "status": "Status",
                "raised_date": st.column_config.DateColumn("Raised", format="D MMM YYYY"),
                "owner": "Owner",
            },
        )

"""The registers' column headings as people read them: one map per register that grids, pack and slides share.

The headings an extract's own header row may carry (ingest's aliases) are mhhs_dashboard/ingest/headers.py's.
"""

from __future__ import annotations

# every CR register column a page, the pack or the slides show: column -> heading
CR_HEADINGS: dict[str, str] = {
    "cr_ref": "Ref.",
    "title": "Key detail",
    "raisers": "Change raiser(s)",
    "change_type": "Change type",
    "latest_action": "Latest action",
    "approval_status": "Approval status",
    "current_stage": "Current stage",
    "days_in_stage": "Days in stage",
    "action_if_approved": "Action if approved",
    "implementation": "Implementation date/milestone",
    "owners": "Change owner(s)",
    "decision_body": "Deciding body",
}
# the pack's "Change Request Status" table: its columns, in the pack's order
CR_COLUMNS: dict[str, str] = {
    c: CR_HEADINGS[c]
    for c in (
        "cr_ref",
        "title",
        "raisers",
        "change_type",
        "latest_action",
        "approval_status",
        "current_stage",
        "action_if_approved",
        "implementation",
        "owners",
    )
}

# every action-log column a page, the pack or the slides show: column -> heading
ACTION_HEADINGS: dict[str, str] = {
    "action_ref": "Ref",
    "overdue": "Overdue?",
    "action": "Action",
    "owner": "Owner",
    "due_date": "Due",
    "status": "Status",
    "latest_update": "Latest update",
    "meeting": "Raised at",
}
# the pack's "Minutes and Actions Review" table: its columns, in the pack's order
ACTION_COLUMNS: dict[str, str] = {
    c: ACTION_HEADINGS[c] for c in ("action_ref", "action", "owner", "due_date", "status", "latest_update")
}

"""The column headers an extract may carry for each table: the schema's own names and the PMO pack's names.

Headers are matched case-, space- and underscore-insensitively ("Current Stage in Change Control",
"current_stage" and "CURRENT STAGE" all name `current_stage`); the first alias of a column is the header
`mhhs-dashboard template` writes.
"""

from __future__ import annotations

import re

from mhhs_dashboard import schema

# column -> the headers accepted for it, the preferred (template) header first; the column's own name is always accepted
ALIASES: dict[str, dict[str, tuple[str, ...]]] = {
    "din_log": {
        "din_id": ("DIN ID", "DIN Ref", "DIN Reference", "DIN", "DIN Number", "ID", "Ref"),
        "title": ("Title", "DIN Title", "Description", "Summary"),
        "status": ("Current Status", "Status", "DIN Status"),
        "target_release": ("Target Release", "Release", "Target Interim Release", "Interim Release"),
        "raised_date": ("Date Raised", "Raised Date", "Raised", "Date Opened"),
        "raised_by": ("Raised By", "Raiser", "Originator"),
        "closed_date": ("Date Closed", "Closed Date", "Closed"),
        "artefact": ("Artefact", "Design Artefact", "Artefact(s)"),
        "illustrative": ("Illustrative",),
    },
    "change_requests": {
        "cr_ref": ("Ref.", "Ref", "CR Ref", "CR Reference", "CR", "CR ID"),
        "title": ("Key Detail", "Title", "CR Title"),
        "raisers": ("Change Raiser(s)", "Change Raiser", "Raiser(s)", "Raisers", "Raised By"),
        "change_type": ("Change Type", "Type"),
        "latest_action": ("Latest Action",),
        "approval_status": ("Approval Status",),
        "current_stage": ("Current Stage in Change Control", "Current Stage", "Stage"),
        "action_if_approved": ("Action If approved", "Action If Approved"),
        "implementation": ("Implementation date/milestone", "Implementation Date", "Implementation"),
        "owners": ("Change Owner(s) If approved", "Change Owner(s)", "Change Owner", "Owner(s)", "Owners"),
        "decision_body": ("Decision Body", "Decided By"),
        "stage_since": ("Stage Since", "In Stage Since"),
        "notes": ("Notes", "Comments"),
    },
    "actions": {
        "action_ref": ("Ref", "Action Ref", "Ref.", "Action ID"),
        "group_code": ("Group", "Group Code"),
        "meeting": ("Meeting",),
        "action": ("Action", "Action Description", "Description"),
        "owner": ("Owner", "Action Owner"),
        "due_date": ("Due", "Due Date", "Date Due"),
        "status": ("Status", "Action Status"),
        "latest_update": ("Latest update", "Latest Update", "Update", "Comments"),
    },
    "seats": {
        "group_code": ("Group", "Advisory Group", "Group Code"),
        "constituency": ("Representative", "Constituency", "Seat"),
        "filled": ("Seat Filled", "Filled"),
        "note": ("Note", "Notes", "Footnote"),
        "seat_order": ("Order", "Seat Order"),
    },
    "groups": {
        "group_code": ("Group Code", "Code", "Group"),
        "name": ("Name", "Group Name"),
        "level": ("Level",),
        "parent_group": ("Parent Group", "Reports To"),
        "cadence": ("Cadence", "Monthly cadence", "Meeting Cadence"),
        "first_meeting": ("First Meeting",),
        "state": ("State",),
        "start_time": ("Start Time", "Start"),
        "end_time": ("End Time", "End"),
        "list_order": ("List Order", "Order"),
        "replaces": ("Replaces", "Replaced"),
    },
    "meetings": {
        "group_code": ("Group", "Group Code"),
        "meeting_date": ("Date", "Meeting Date"),
        "title": ("Title", "Meeting"),
        "kind": ("Kind", "Type"),
        "notes": ("Notes",),
        "meeting_ref": ("Meeting Ref", "Ref", "Meeting Number"),
        "moved_from": ("Moved From", "Original Date"),
    },
    "agenda_items": {
        "group_code": ("Group", "Group Code"),
        "meeting_date": ("Meeting Date", "Date", "Meeting dates"),
        "item": ("Item", "Agenda Item", "Agenda items"),
        "kind": ("Kind", "Item Kind"),
        "item_order": ("Order", "Item Order", "#", "No.", "Item Number"),
        "objective": ("Objective", "Purpose"),
        "item_type": ("Type", "Item Type", "Decision/Information"),  # the pack's agenda: Decision, Information
        "lead": ("Lead", "Presenter", "Owner"),
        "start_time": ("Start Time", "Start"),
        "minutes": ("Minutes", "Mins", "Duration (mins)", "Duration"),
    },
    "milestones": {
        "milestone_id": ("Milestone", "Milestone ID", "ID", "Ref"),
        "name": ("Name", "Description", "Milestone Name"),
        "baseline_date": ("Baseline Date", "Baseline"),
        "forecast_date": ("Forecast Date", "Forecast"),
        "actual_date": ("Actual Date", "Actual"),
        "illustrative": ("Illustrative",),
        "source": ("Source",),
    },
    "releases": {
        "release_code": ("Release Code", "Code", "Release"),
        "label": ("Label", "Name", "Release Name"),
        "published_date": ("Publication Date", "Published Date", "Published"),
        "illustrative": ("Illustrative",),
        "notes": ("Notes",),
    },
    "risks": {
        "risk_id": ("Risk ID", "ID", "Ref"),
        "title": ("Title", "Risk", "Description"),
        "linked_cr": ("Linked CR", "CR"),
        "status": ("Status",),
        "raised_date": ("Date Raised", "Raised Date", "Raised"),
        "owner": ("Owner", "Risk Owner"),
    },
    "decisions": {
        "decision_id": ("Decision ID", "ID", "Ref", "Decision Ref"),
        "group_code": ("Group", "Group Code", "Meeting Group", "Forum"),
        "meeting_date": ("Meeting Date", "Date", "Meeting"),
        "kind": ("Kind", "Type", "Outcome Type", "Decision Type"),
        "decided_by": ("Decided By", "Decision Maker", "Decision Body", "By"),
        "refs": ("References", "Refs", "Subject", "Subject Refs", "Relates To"),
        "title": ("Title", "Subject Title", "Heading"),
        "outcome": ("Outcome", "Decision", "Update", "Text", "Description"),
        "item_order": ("Order", "Item Order", "#"),
        "headline": ("Headline", "Programme Update", "Governance Update"),
    },
    "checklist": {
        "item_id": ("Item ID", "ID", "Ref"),
        "kind": ("Kind", "Type", "Category"),
        "title": ("Title", "Item", "Checklist Item"),
        "detail": ("Detail", "Details", "Description", "Notes"),
        "opened_date": ("Opened", "Open Date", "Published", "Publication Date", "Date", "Issued"),
        "deadline": ("Deadline", "Due", "Due Date", "Closes", "Response Deadline"),
        "owner": ("Owner", "Group", "Audience"),
        "item_order": ("Order", "Item Order", "#"),
    },
    "principles": {
        "principle_ref": ("Ref", "Ref.", "Principle Ref", "ID"),
        "principle": ("Principle", "Design Principle"),
        "scope": ("Scope",),
        "sub_principles": ("Sub-Principle", "Sub-Principles", "Sub Principle"),
        "refs": ("References", "Refs"),
    },
}

_TAGS = re.compile(r"<[^>]*>")  # the pack writes headers like "Action <i>If approved</i>"
_SPACE = re.compile(r"[\s_\u00a0\u2007\u202f]+")


def header_key(text: object) -> str:
    """A header reduced for matching: no tags, no spaces or underscores, lower case."""
    return _SPACE.sub("", _TAGS.sub("", str(text))).lower()


def accepted(table: str) -> dict[str, tuple[str, ...]]:
    """Column -> every header accepted for it (the template header first) for `table`."""
    aliases = ALIASES.get(table, {})  # a table with no pack names of its own takes its column names
    return {col: (*aliases.get(col, ()), col) for col in schema.TABLES[table].columns}


def template_headers(table: str) -> list[str]:
    """The headers `mhhs-dashboard template` writes, one per column, in the schema's order."""
    return [names[0] for names in accepted(table).values()]


def match(table: str, headers: list[str]) -> tuple[dict[int, str], list[str]]:
    """Map header positions to columns: ({position: column}, [headers that name no column]).

    When two headers name the same column, the one listed earlier among the aliases wins, then the leftmost.
    """
    lookup: dict[str, tuple[str, int]] = {}
    for col, names in accepted(table).items():
        for rank, name in enumerate(names):
            lookup.setdefault(header_key(name), (col, rank))
    best: dict[str, tuple[int, int]] = {}  # column -> (rank, position)
    extra = []
    for pos, head in enumerate(headers):
        hit = lookup.get(header_key(head))
        if hit is None:
            if header_key(head):
                extra.append(str(head))
            continue
        col, rank = hit
        if col not in best or rank < best[col][0]:
            if col in best:
                extra.append(str(headers[best[col][1]]))
            best[col] = (rank, pos)
        else:
            extra.append(str(head))
    return {pos: col for col, (_, pos) in best.items()}, extra


def markdown() -> str:
    """The expected headers of every table as Markdown, for data/README.md (a test keeps them in step)."""
    out = []
    for name, spec in schema.TABLES.items():
        out.append(f"### {name} (`mhhs-dashboard ingest {spec.cli_name} FILE`)\n")
        out.append("| column | type | required | headers accepted |")
        out.append("|---|---|---|---|")
        for col, names in accepted(name).items():
            req = "yes" if col in spec.required else ""
            out.append(f"| {col} | {spec.columns[col]} | {req} | {', '.join(f'`{n}`' for n in names)} |")
        out.append("")
    return "\n".join(out)

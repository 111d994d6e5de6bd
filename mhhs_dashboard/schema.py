"""The extract tables: their columns, DuckDB types and keys, and the vocabularies they use."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Table:
    """One extract table: its name, columns (name -> DuckDB type), key and what a row is."""

    name: str
    columns: dict[str, str]
    key: tuple[str, ...]
    grain: str
    required: tuple[str, ...] = ()
    label: str = ""
    # columns added after the table's first snapshots were written: a snapshot without them still opens, and reads
    # them as empty (the agenda's objective, type, lead and time came with issue 22)
    later: tuple[str, ...] = ()

    @property
    def title(self) -> str:
        """How people name the table ("DIN log", "CR register")."""
        return self.label or self.name.replace("_", " ")

    @property
    def cli_name(self) -> str:
        """The name the CLI uses (`din-log` for `din_log`)."""
        return self.name.replace("_", "-")


TABLES: dict[str, Table] = {
    t.name: t
    for t in (
        Table(
            "din_log",
            {
                "din_id": "VARCHAR",
                "title": "VARCHAR",
                "status": "VARCHAR",
                "target_release": "VARCHAR",
                "raised_date": "DATE",
                "raised_by": "VARCHAR",
                "closed_date": "DATE",
                "artefact": "VARCHAR",
                "illustrative": "BOOLEAN",
            },
            key=("din_id",),
            grain="Design Issue Notification",
            label="DIN log",
            required=("din_id", "status"),
        ),
        Table(
            "change_requests",
            {
                "cr_ref": "VARCHAR",
                "title": "VARCHAR",
                "raisers": "VARCHAR",
                "change_type": "VARCHAR",
                "latest_action": "VARCHAR",
                "approval_status": "VARCHAR",
                "current_stage": "VARCHAR",
                "action_if_approved": "VARCHAR",
                "implementation": "VARCHAR",
                "owners": "VARCHAR",
                "decision_body": "VARCHAR",
                "stage_since": "DATE",
                "notes": "VARCHAR",
            },
            key=("cr_ref",),
            grain="Change Request",
            label="CR register",
            required=("cr_ref", "approval_status", "current_stage"),
        ),
        Table(
            "actions",
            {
                "action_ref": "VARCHAR",
                "group_code": "VARCHAR",
                "meeting": "VARCHAR",
                "action": "VARCHAR",
                "owner": "VARCHAR",
                "due_date": "DATE",
                "status": "VARCHAR",
                "latest_update": "VARCHAR",
            },
            key=("action_ref",),
            grain="action from a meeting",
            label="action log",
            required=("action_ref", "status"),
        ),
        Table(
            "seats",
            {
                "group_code": "VARCHAR",
                "constituency": "VARCHAR",
                "filled": "BOOLEAN",
                "note": "VARCHAR",
                "seat_order": "INTEGER",
            },
            key=("group_code", "constituency"),
            grain="group x constituency seat",
            label="seat lists",
            required=("group_code", "constituency", "filled"),
        ),
        Table(
            "groups",
            {
                "group_code": "VARCHAR",
                "name": "VARCHAR",
                "level": "VARCHAR",
                "parent_group": "VARCHAR",
                "cadence": "VARCHAR",
                "first_meeting": "DATE",
                "state": "VARCHAR",
                "start_time": "VARCHAR",
                "end_time": "VARCHAR",
                "list_order": "INTEGER",
                "replaces": "VARCHAR",
            },
            key=("group_code",),
            grain="governance group",
            label="groups",
            required=("group_code", "name"),
            later=("list_order", "replaces"),
        ),
        Table(
            "meetings",
            {
                "group_code": "VARCHAR",
                "meeting_date": "DATE",
                "title": "VARCHAR",
                "kind": "VARCHAR",
                "notes": "VARCHAR",
                "meeting_ref": "VARCHAR",
                "moved_from": "DATE",
            },
            key=("group_code", "meeting_date", "title"),
            grain="meeting held or planned",
            label="meetings",
            required=("group_code", "meeting_date"),
        ),
        Table(
            "agenda_items",
            {
                "group_code": "VARCHAR",
                "meeting_date": "DATE",
                "item": "VARCHAR",
                "kind": "VARCHAR",
                "item_order": "INTEGER",
                "objective": "VARCHAR",
                "item_type": "VARCHAR",
                "lead": "VARCHAR",
                "start_time": "VARCHAR",
                "minutes": "INTEGER",
            },
            key=("group_code", "meeting_date", "item"),
            grain="agenda item of a group's meetings (no date: a standing item of every meeting)",
            label="agenda roadmap",
            required=("group_code", "item"),
            later=("objective", "item_type", "lead", "start_time", "minutes"),
        ),
        Table(
            "milestones",
            {
                "milestone_id": "VARCHAR",
                "name": "VARCHAR",
                "baseline_date": "DATE",
                "forecast_date": "DATE",
                "actual_date": "DATE",
                "illustrative": "BOOLEAN",
                "source": "VARCHAR",
            },
            key=("milestone_id",),
            grain="programme milestone",
            label="milestone plan",
            required=("milestone_id", "name"),
        ),
        Table(
            "releases",
            {
                "release_code": "VARCHAR",
                "label": "VARCHAR",
                "published_date": "DATE",
                "illustrative": "BOOLEAN",
                "notes": "VARCHAR",
            },
            key=("release_code",),
            grain="design Interim Release",
            label="releases",
            required=("release_code", "label"),
        ),
        Table(
            "risks",
            {
                "risk_id": "VARCHAR",
                "title": "VARCHAR",
                "linked_cr": "VARCHAR",
                "status": "VARCHAR",
                "raised_date": "DATE",
                "owner": "VARCHAR",
            },
            key=("risk_id",),
            grain="programme risk",
            label="risks",
            required=("risk_id", "title"),
        ),
        Table(
            "decisions",
            {
                "decision_id": "VARCHAR",
                "group_code": "VARCHAR",
                "meeting_date": "DATE",
                "kind": "VARCHAR",
                "decided_by": "VARCHAR",
                "refs": "VARCHAR",
                "title": "VARCHAR",
                "outcome": "VARCHAR",
                "item_order": "INTEGER",
                "headline": "BOOLEAN",
            },
            key=("decision_id",),
            grain="outcome or update from a governance meeting",
            label="decisions log",
            required=("decision_id", "group_code", "meeting_date", "kind", "outcome"),
        ),
        Table(
            "checklist",
            {
                "item_id": "VARCHAR",
                "kind": "VARCHAR",
                "title": "VARCHAR",
                "detail": "VARCHAR",
                "opened_date": "DATE",
                "deadline": "DATE",
                "owner": "VARCHAR",
                "item_order": "INTEGER",
            },
            key=("item_id",),
            grain="thing participants are asked to do or told of",
            label="participant checklist",
            required=("item_id", "kind", "title"),
        ),
        Table(
            "principles",
            {
                "principle_ref": "INTEGER",
                "principle": "VARCHAR",
                "scope": "VARCHAR",
                "sub_principles": "VARCHAR",
                "refs": "VARCHAR",
            },
            key=("principle_ref",),
            grain="high-level design principle",
            label="design principles",
            required=("principle_ref", "principle"),
        ),
    )
}


def table_for(name: str) -> Table:
    """The table called `name` (`din_log` or `din-log`); ValueError naming the choices otherwise."""
    key = name.strip().replace("-", "_")
    if key not in TABLES:
        choices = ", ".join(t.cli_name for t in TABLES.values())
        raise ValueError(f"unknown table {name!r}; expected one of: {choices}")
    return TABLES[key]


# The registers a DAG meeting reviews: their newest as-at date is "now" for the data as a whole.
REGISTERS: tuple[str, ...] = ("din_log", "change_requests", "actions")

# The eight DIN statuses in the programme's order (the DIN lifecycle), each open or closed.
DIN_STATUSES: dict[str, str] = {
    "Open - awaiting assessment": "open",
    "Initial Assessment/Updating": "open",
    "Ready for Internal Review": "open",
    "Updates Ready to Release": "open",
    "Requires Industry Work Group review": "open",
    "Industry CP Required": "open",
    "Implemented": "closed",
    "Closed": "closed",
}

# Change control stages in lifecycle order; the last two are set aside from the pipeline.
CR_STAGES: tuple[str, ...] = (
    "Development",
    "Impact Assessment",
    "Approval decision",
    "Approved",
    "Implementation",
    "Complete",
    "Withdrawn",
    "Rejected",
)
CR_APPROVAL_STATUSES: tuple[str, ...] = ("Open", "Approved", "Rejected", "Withdrawn")
# Who decides a CR, from the working groups up to the regulator.
CR_DECISION_BODIES: tuple[str, ...] = ("DAG", "Change Board", "PSG", "SRO", "Ofgem")

# What a governance meeting's outcome is, in the decisions log (the pack's PSG, DAG, SITAG... updates).
DECISION_KINDS: tuple[str, ...] = (
    "decision",
    "recommendation",
    "escalation",
    "ratification",
    "approval in principle",
    "information",
)
# Which outcome of a meeting heads a record it names (a CR's "PSG agreed CR045 in principle"): the most settled
# kind first; an update for information only when the meeting gave nothing else on it.
DECISION_PRECEDENCE: tuple[str, ...] = (
    "ratification",
    "approval in principle",
    "decision",
    "recommendation",
    "escalation",
    "information",
)
# What a participant checklist item is: asked to respond by a deadline, reminded, told of a publication, guided.
CHECKLIST_KINDS: tuple[str, ...] = ("consultation", "reminder", "publication", "guidance")
# A governance group's state, as the pack's structure chart keys it (plus the groups since stood down).
GROUP_STATES: tuple[str, ...] = (
    "mobilised",
    "mobilisation in progress",
    "to be mobilised in future",
    "may be mobilised",
    "available for ad hoc meetings",
    "stood down",
)

# Action statuses as the action log writes them; the first two are still open.
ACTION_STATUSES: dict[str, str] = {
    "OPEN": "open",
    "ONGOING": "open",
    "RECOMMEND CLOSED": "closing",
    "CLOSED": "closed",
}

"""Tiny hand-written data of a second governance group (SITAG): an agenda, two decisions, one action, so that the
pack, slides and chair mode can be tested for a group other than DAG (`report --group SITAG`)."""

from __future__ import annotations

import datetime as dt

D = dt.date
SITAG_MEETING = D(2024, 5, 15)  # the third Wednesday of May 2024
SITAG_GROUP: dict[str, object] = {
    "group_code": "SITAG",
    "name": "System Integration & Testing Advisory Group",
    "level": "L3",
    "parent_group": "PSG",
    "cadence": "Third Wednesday of the month",
    "first_meeting": D(2024, 2, 21),
}

SITAG_TABLES: dict[str, list[dict[str, object]]] = {
    "groups": [
        {"group_code": "PSG", "name": "Programme Steering Group", "level": "L2", "state": "mobilised"},
        {**SITAG_GROUP, "state": "mobilised"},
    ],
    "meetings": [
        {
            "group_code": "SITAG",
            "meeting_date": D(2024, 4, 17),
            "title": "SITAG #3",
            "kind": "held",
            "meeting_ref": "SITAG03",
        },
        {
            "group_code": "SITAG",
            "meeting_date": SITAG_MEETING,
            "title": "SITAG #4",
            "kind": "planned",
            "meeting_ref": "SITAG04",
        },
    ],
    "agenda_items": [
        {
            "group_code": "SITAG",
            "meeting_date": SITAG_MEETING,
            "item": "Welcome",
            "kind": "agenda",
            "item_order": 1,
            "objective": "Introductions and apologies",
            "item_type": "Information",
            "lead": "Chair",
            "start_time": "13:00",
            "minutes": 5,
        },
        {
            "group_code": "SITAG",
            "meeting_date": SITAG_MEETING,
            "item": "SIT Cycle 2 entry",
            "kind": "agenda",
            "item_order": 2,
            "objective": "Agree the entry criteria for SIT Cycle 2",
            "item_type": "Decision",
            "lead": "Programme (SIT)",
            "start_time": "13:05",
            "minutes": 20,
        },
    ],
    "decisions": [
        {
            "decision_id": "SITAG-2024-04-17-01",
            "group_code": "SITAG",
            "meeting_date": D(2024, 4, 17),
            "kind": "decision",
            "decided_by": "SRO",
            "refs": "SITAG03-01",
            "title": "Environments Approach & Plan",
            "outcome": "SRO approved v2.13 of the plan.",
            "item_order": 1,
            "headline": True,
        },
        {
            "decision_id": "SITAG-2024-05-15-01",
            "group_code": "SITAG",
            "meeting_date": SITAG_MEETING,
            "kind": "decision",
            "decided_by": "SITAG",
            "refs": "M10",
            "title": "SIT Cycle 2 entry",
            "outcome": "Approval of the SIT Cycle 2 entry criteria.",
            "item_order": 1,
            "headline": False,
        },
    ],
    "actions": [
        {
            "action_ref": "SITAG03-01",
            "group_code": "SITAG",
            "meeting": "SITAG03",
            "action": "Programme to circulate the environments plan v2.13",
            "owner": "Programme (SIT)",
            "due_date": SITAG_MEETING,
            "status": "OPEN",
        }
    ],
    "milestones": [{"milestone_id": "M10", "name": "Central systems ready for migrating MPANs"}],
}

"""Given/expect for the decisions queries: hand-written CRs, actions and risks in, the exact rows out."""

from __future__ import annotations

import datetime as dt

import pandas as pd

from mhhs_dashboard.db import run_query
from tests.test_queries import rows

D = dt.date
NOW, THEN = D(2024, 5, 1), D(2024, 4, 2)
NO_FILTER = {"approval_statuses": [], "stages": [], "change_types": [], "decision_bodies": []}

CRS_THEN = [
    {
        "cr_ref": "CR044",
        "approval_status": "Open",
        "current_stage": "Impact Assessment",
        "decision_body": "DAG",
        "stage_since": D(2024, 3, 1),
        "latest_action": "Issued for IA",
    },
    {"cr_ref": "CR049", "approval_status": "Open", "current_stage": "Impact Assessment", "stage_since": D(2024, 3, 1)},
]
CRS_NOW = [
    {
        "cr_ref": "CR043",
        "approval_status": "Approved",
        "current_stage": "Complete",
        "change_type": "Full Impact Assessment",
        "decision_body": "DAG",
        "stage_since": D(2024, 3, 13),
    },
    {
        "cr_ref": "CR044",
        "approval_status": "Open",
        "current_stage": "Approval decision",
        "decision_body": "PSG",
        "change_type": "Full Impact Assessment",
        "stage_since": D(2024, 4, 10),
        "latest_action": "Awaiting PSG",
    },
    {
        "cr_ref": "CR045",
        "approval_status": "Open ",
        "current_stage": "Approval decision",
        "decision_body": "PSG",
        "change_type": "Full Impact Assessment",
    },  # no stage date: counted, not timed
    {"cr_ref": "CR049", "approval_status": "Withdrawn", "current_stage": "Withdrawn", "stage_since": D(2024, 4, 20)},
    {
        "cr_ref": "CR050",
        "approval_status": "Open",
        "current_stage": "Parked",
        "change_type": "Housekeeping",
        "decision_body": "Change Board",
        "stage_since": D(2024, 4, 30),
    },
]
CRS = {THEN: CRS_THEN, NOW: CRS_NOW}


def test_cr_register_times_each_stage_to_the_registers_as_at(make_store) -> None:
    got = run_query(make_store(change_requests=CRS).con, "crs_register", **NO_FILTER, crs=[])
    days = {r: None if pd.isna(d) else int(d) for r, d in zip(got["cr_ref"], got["days_in_stage"], strict=True)}
    assert days == {"CR043": 49, "CR044": 21, "CR045": None, "CR049": 11, "CR050": 1}
    assert {d.date() for d in got["as_at"]} == {NOW}
    one = run_query(make_store(change_requests=CRS).con, "crs_register", **NO_FILTER, crs=["CR045"])
    assert list(one["cr_ref"]) == ["CR045"]


def test_cr_totals_count_the_tiles_of_the_crs_the_filters_keep(make_store) -> None:
    store = make_store(change_requests=CRS)
    got = run_query(store.con, "crs_totals", **NO_FILTER)
    assert list(got.columns) == ["total", "open", "awaiting_decision", "approved", "as_at"]
    assert rows(got) == [(5, 3, 2, 1, NOW)]  # CR045's "Open " counts as Open
    psg = run_query(store.con, "crs_totals", **{**NO_FILTER, "decision_bodies": ["PSG"]})
    assert rows(psg) == [(2, 2, 2, 0, NOW)]
    none = run_query(store.con, "crs_totals", **{**NO_FILTER, "stages": ["No such stage"]})
    assert rows(none) == [(0, 0, 0, 0, NOW)]  # the register's date stays when no CR matches


def test_cr_pipeline_keeps_lifecycle_order_and_sets_aside_withdrawn(make_store) -> None:
    got = run_query(make_store(change_requests=CRS).con, "crs_pipeline", **NO_FILTER)
    assert list(got.columns) == [
        "stage",
        "stage_order",
        "set_aside",
        "crs",
        "cr_refs",
        "max_days_in_stage",
        "crs_dated",
    ]
    plain = [(s, aside, n, refs, None if pd.isna(d) else int(d), dated) for s, _, aside, n, refs, d, dated in rows(got)]
    assert plain == [
        ("Development", False, 0, "", None, 0),
        ("Impact Assessment", False, 0, "", None, 0),
        ("Approval decision", False, 2, "CR044, CR045", 21, 1),
        ("Approved", False, 0, "", None, 0),
        ("Implementation", False, 0, "", None, 0),
        ("Complete", False, 1, "CR043", 49, 1),
        ("Withdrawn", True, 1, "CR049", 11, 1),
        ("Rejected", True, 0, "", None, 0),
        ("Parked", False, 1, "CR050", 1, 1),  # outside the vocabulary: kept, last
    ]
    by_body = run_query(
        make_store(change_requests=CRS).con, "crs_pipeline", **{**NO_FILTER, "decision_bodies": ["PSG"]}
    )
    assert int(by_body["crs"].sum()) == 2


def test_cr_history_names_what_changed(make_store) -> None:
    got = run_query(make_store(change_requests=CRS).con, "crs_item_history", cr="CR044")
    assert [(a, s, b, c) for a, _, _, s, b, *_, c in rows(got)] == [
        (THEN, "Impact Assessment", "DAG", ""),
        (NOW, "Approval decision", "PSG", "latest action, stage, deciding body"),
    ]
    assert run_query(make_store(change_requests=CRS).con, "crs_item_history", cr="CR999").empty


def test_cr_options_lists_values_present_stages_in_lifecycle_order(make_store) -> None:
    got = run_query(make_store(change_requests=CRS).con, "crs_options")
    options = {f: list(got.loc[got["field"] == f, "value"]) for f in dict.fromkeys(got["field"])}
    assert options == {
        "approval_status": ["Approved", "Open", "Withdrawn"],
        "change_type": ["Full Impact Assessment", "Housekeeping"],
        "decision_body": ["Change Board", "DAG", "PSG"],
        "stage": ["Approval decision", "Complete", "Withdrawn", "Parked"],
    }


RISKS = [
    {"risk_id": "R856", "title": "CR044 not approved pre-M10", "linked_cr": "CR044", "status": "Open"},
    {"risk_id": "R857", "title": "Impacts of not implementing CR045 pre-M10", "linked_cr": "CR045"},
    {"risk_id": "R858", "title": "Knock-on from CR0450 and SCR045", "linked_cr": None},  # look-alikes only
    {"risk_id": "R859", "title": "Both CR044 and CR045 slip", "linked_cr": None},
]


def test_cr_risks_by_link_or_by_name(make_store) -> None:
    store = make_store(risks=RISKS)
    assert list(run_query(store.con, "risks_linked_to_cr", cr="CR045")["risk_id"]) == ["R857", "R859"]
    assert list(run_query(store.con, "risks_linked_to_cr", cr="CR044")["risk_id"]) == ["R856", "R859"]
    assert run_query(store.con, "risks_linked_to_cr", cr="CR04.").empty  # a regex character is a literal


def test_risk_register_filters_by_id(make_store) -> None:
    got = run_query(make_store(risks=RISKS).con, "risks_register", risks=["R857"])
    assert list(got["risk_id"]) == ["R857"]


ACTIONS = [
    {
        "action_ref": "DAG34-04",
        "group_code": "DAG",
        "meeting": "DAG34",
        "action": "Feasibility of CR045 pre-M10",
        "owner": "Sean",
        "due_date": D(2024, 4, 10),
        "status": "RECOMMEND CLOSED",
        "latest_update": "See outcome of ACTION DAG35-04.",
    },
    {
        "action_ref": "DAG35-02",
        "meeting": "DAG35",
        "action": "Raise risk if CR044 is not approved",
        "owner": "Paul",
        "due_date": D(2024, 4, 30),
        "status": "ONGOING",
        "latest_update": "Risk R856 has been raised.",
    },
    {
        "action_ref": "DAG35-03",
        "meeting": "DAG35",
        "action": "DRG for CR045 (and CR044 impacts)",
        "owner": "Paul",
        "due_date": D(2024, 5, 8),
        "status": "ONGOING",
        "latest_update": "DRG to be scheduled.",
    },
    {
        "action_ref": "DAG35-04",
        "meeting": "DAG35",
        "action": "Raise risk on not implementing CR045",
        "owner": "Paul",
        "due_date": D(2024, 5, 8),
        "status": "CLOSED",
        "latest_update": "R857 raised; CR045 noted.",
    },
    {
        "action_ref": "SITAG03-01",
        "action": "Mentions CR0450 and XCR045 only",
        "owner": None,
        "due_date": D(2024, 1, 1),
        "status": "Parked",
    },
]


def test_actions_mentioning_finds_whole_references_in_text_and_update(make_store) -> None:
    store = make_store(actions=ACTIONS)
    got = run_query(store.con, "actions_mentioning", ref="CR045")
    assert list(zip(got["action_ref"], got["mentioned_in"], strict=True)) == [
        ("DAG34-04", "action"),
        ("DAG35-03", "action"),
        ("DAG35-04", "action and latest update"),
    ]
    assert list(run_query(store.con, "actions_mentioning", ref="R856")["action_ref"]) == ["DAG35-02"]
    # an action does not mention itself; DAG34-04's update names DAG35-04
    assert list(run_query(store.con, "actions_mentioning", ref="DAG35-04")["action_ref"]) == ["DAG34-04"]
    assert list(run_query(store.con, "actions_mentioning", ref="M10")["action_ref"]) == ["DAG34-04"]


def test_action_log_by_ref(make_store) -> None:
    store = make_store(actions=ACTIONS)
    got = run_query(store.con, "actions_log", groups=[], statuses=[], owners=[], refs=["DAG35-02"])
    assert rows(got[["action_ref", "overdue"]]) == [("DAG35-02", True)]  # due 30 Apr, open at 1 May


def test_action_totals_count_the_tiles_of_the_actions_the_filters_keep(make_store) -> None:
    store = make_store(actions=ACTIONS)  # as at 1 May 2024
    everyone = run_query(store.con, "actions_totals", groups=[], statuses=[], owners=[])
    assert rows(everyone) == [(5, 2, 1, 1, NOW)]  # "Parked" is outside the vocabulary: neither open nor closing
    paul = run_query(store.con, "actions_totals", groups=["DAG"], statuses=[], owners=["Paul"])
    assert rows(paul) == [(3, 2, 0, 1, NOW)]
    closed = run_query(store.con, "actions_totals", groups=[], statuses=["CLOSED"], owners=[])
    assert rows(closed) == [(1, 0, 0, 0, NOW)]
    nobody = run_query(store.con, "actions_totals", groups=[], statuses=[], owners=["Nobody"])
    assert rows(nobody) == [(0, 0, 0, 0, NOW)]  # the log's date stays when no action matches


def test_actions_by_owner_counts_states_and_overdue(make_store) -> None:
    got = run_query(make_store(actions=ACTIONS).con, "actions_by_owner", groups=[], statuses=[], owners=[])
    assert list(got.columns) == ["owner", "open", "recommend_closed", "closed", "other", "overdue", "total"]
    assert rows(got) == [
        ("Paul", 2, 0, 1, 0, 1, 3),
        ("No owner", 0, 0, 0, 1, 0, 1),
        ("Sean", 0, 1, 0, 0, 0, 1),
    ]
    only = run_query(make_store(actions=ACTIONS).con, "actions_by_owner", groups=[], statuses=["ONGOING"], owners=[])
    assert rows(only) == [("Paul", 2, 0, 0, 0, 1, 2)]


def test_actions_by_meeting_in_meeting_order_with_dates(make_store) -> None:
    store = make_store(
        actions=ACTIONS,
        meetings=[
            {"group_code": "DAG", "meeting_date": D(2024, 3, 13), "title": "DAG #34"},
            {"group_code": "DAG", "meeting_date": D(2024, 4, 10), "title": "DAG #35"},
        ],
    )
    got = run_query(store.con, "actions_by_meeting", groups=[], statuses=[], owners=[])
    assert [tuple(None if v is pd.NaT else v for v in r) for r in rows(got)] == [
        ("DAG", "DAG34", D(2024, 3, 13), 1, 0, 1, 0, 0),
        ("DAG", "DAG35", D(2024, 4, 10), 3, 2, 0, 1, 1),
        ("SITAG", "SITAG03", None, 1, 0, 0, 0, 0),
    ]
    dag = run_query(store.con, "actions_by_meeting", groups=["DAG"], statuses=[], owners=["Sean"])
    assert list(dag["meeting"]) == ["DAG34"]


def test_actions_by_status_with_filters(make_store) -> None:
    got = run_query(make_store(actions=ACTIONS).con, "actions_by_status", groups=[], statuses=[], owners=["Paul"])
    assert [(s, n, o) for s, _, n, o in rows(got)] == [("ONGOING", 2, 1), ("CLOSED", 1, 0)]


def test_action_history_names_what_changed(make_store) -> None:
    then = [{**ACTIONS[0], "status": "ongoing", "latest_update": "Update at DAG35."}]
    store = make_store(actions={THEN: then, NOW: ACTIONS})
    got = run_query(store.con, "actions_item_history", ref="DAG34-04")
    assert [(a, s, c) for a, s, _, _, _, c in rows(got)] == [
        (THEN, "ONGOING", ""),
        (NOW, "RECOMMEND CLOSED", "status, latest update"),
    ]


def test_action_owners(make_store) -> None:
    store = make_store(actions=ACTIONS)
    assert list(run_query(store.con, "actions_owners", groups=[])["owner"]) == ["Paul", "Sean"]
    assert list(run_query(store.con, "actions_owners", groups=["SITAG"])["owner"]) == []


def test_dq_cr_stage_unknown(make_store) -> None:
    store = make_store(
        change_requests=[
            {"cr_ref": "CR043", "current_stage": "Complete"},
            {"cr_ref": "CR044", "current_stage": "approval decision "},
            {"cr_ref": "CR045", "current_stage": "Parked"},
            {"cr_ref": "CR046", "current_stage": None},
        ]
    )
    assert rows(run_query(store.con, "dq_cr_stage_unknown")) == [
        (
            "change_requests",
            "CR044",
            "variant spelling of a stage",
            '"approval decision " (expected "Approval decision")',
        ),
        ("change_requests", "CR045", "stage outside the vocabulary", '"Parked"'),
        ("change_requests", "CR046", "no stage", "empty"),
    ]


def test_dq_risk_cr_missing(make_store) -> None:
    store = make_store(change_requests=[{"cr_ref": "CR044"}], risks=[*RISKS[:2], {"risk_id": "R900", "title": "x"}])
    assert rows(run_query(store.con, "dq_risk_cr_missing")) == [
        ("risks", "R857", "linked CR not in the register", 'linked_cr "CR045"')
    ]

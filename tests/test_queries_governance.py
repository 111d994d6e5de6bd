"""Given/expect tests for the governance queries: seat grid, vacant seats, group cards, meetings log, agenda items."""

from __future__ import annotations

import datetime as dt

import pandas as pd

from mhhs_dashboard import cadence
from mhhs_dashboard.db import run_query
from tests.registers import SITAG_GROUP
from tests.test_queries import rows

D = dt.date

SEATS = [
    {"group_code": "SITAG", "constituency": "Elexon", "filled": True, "seat_order": 1},
    {"group_code": "SITAG", "constituency": "I&C Supplier", "filled": False, "note": "No I&C in SIT", "seat_order": 2},
    {"group_code": "SITAG", "constituency": "Consumer", "filled": False, "note": "Technical", "seat_order": 3},
    {"group_code": "QAG", "constituency": "RECCo (QB)", "filled": True, "seat_order": 1},
    {"group_code": "QAG", "constituency": "Consumer", "filled": False, "note": "Technical", "seat_order": 2},
]
GROUPS = [
    {"group_code": "PSG", "name": "Programme Steering Group", "level": "L2", "cadence": "First Wednesday of the month"},
    SITAG_GROUP,
    {"group_code": "QAG", "name": "Qualification Advisory Group", "level": "L3", "parent_group": "PSG"},
    {"group_code": "ODD", "name": "Odd Group", "level": "L4", "parent_group": "NOPE", "cadence": "Whenever"},
]


def test_seat_grid_one_row_per_seat_in_constituency_order(make_store) -> None:
    store = make_store(seats=SEATS)
    got = run_query(store.con, "seats_grid", groups=[])
    assert list(got.columns) == ["constituency", "group_code", "filled", "seat_state", "note", "constituency_order"]
    assert [(c, g, s) for c, g, _, s, _, _ in rows(got)] == [
        ("Elexon", "SITAG", "Filled"),
        ("RECCo (QB)", "QAG", "Filled"),
        ("Consumer", "QAG", "Vacant"),  # min order across groups: 2
        ("Consumer", "SITAG", "Vacant"),
        ("I&C Supplier", "SITAG", "Vacant"),
    ]
    only = run_query(store.con, "seats_grid", groups=["QAG"])
    assert list(only["constituency"]) == ["RECCo (QB)", "Consumer"]


def test_seats_vacant_with_notes(make_store) -> None:
    store = make_store(seats=SEATS)
    assert rows(run_query(store.con, "seats_vacant", groups=[])) == [
        ("QAG", "Consumer", "Technical"),
        ("SITAG", "I&C Supplier", "No I&C in SIT"),
        ("SITAG", "Consumer", "Technical"),
    ]
    assert rows(run_query(store.con, "seats_vacant", groups=["QAG"])) == [("QAG", "Consumer", "Technical")]


def test_group_cards_join_parent_and_seat_fill(make_store) -> None:
    store = make_store(groups=GROUPS, seats=SEATS)
    got = run_query(store.con, "groups_cards", groups=[])
    assert list(got["group_code"]) == ["PSG", "QAG", "SITAG", "ODD"]  # by level, then code
    sitag = got.set_index("group_code").loc["SITAG"]
    assert (sitag["parent_name"], sitag["seats_filled"], sitag["seats_total"]) == ("Programme Steering Group", 1, 3)
    assert sitag["first_meeting"] == pd.Timestamp(2024, 2, 21)
    odd = got.set_index("group_code").loc["ODD"]
    assert pd.isna(odd["parent_name"])
    assert pd.isna(odd["seats_total"])
    assert list(run_query(store.con, "groups_cards", groups=["QAG"])["group_code"]) == ["QAG"]
    # the data-quality check reads the same query
    problems = cadence.dq_cadence_rules(store.con)
    assert list(zip(problems["table_name"], problems["row_key"], problems["problem"], strict=True)) == [
        ("groups", "ODD", "unknown cadence rule")
    ]


def test_meetings_log_links_actions_and_crs(make_store) -> None:
    store = make_store(
        meetings=[
            {
                "group_code": "DAG",
                "meeting_date": D(2024, 4, 10),
                "title": "DAG #35",
                "kind": "Held ",
                "meeting_ref": "DAG35",
                "notes": "CR045 and CR044 escalated; CR044 again",
            },
            {
                "group_code": "MCAG",
                "meeting_date": D(2024, 5, 8),
                "title": "MCAG",
                "kind": "moved",
                "moved_from": D(2024, 5, 28),
            },
            {"group_code": "DAG", "meeting_date": None, "title": "undated"},
        ],
        actions=[
            {"action_ref": "DAG35-02", "status": "OPEN"},
            {"action_ref": "DAG35-01", "status": "OPEN"},
            {"action_ref": "DAG34-04", "status": "CLOSED"},
        ],
    )
    got = run_query(store.con, "meetings_log", groups=[])
    assert list(got.columns) == [
        *("group_code", "meeting_date", "title", "kind", "notes"),
        *("meeting_ref", "moved_from", "actions_raised", "crs_named"),
    ]
    assert list(got["title"]) == ["DAG #35", "MCAG"]  # undated rows are left out
    dag = got.iloc[0]
    assert dag["kind"] == "held"
    assert list(dag["actions_raised"]) == ["DAG35-01", "DAG35-02"]
    assert list(dag["crs_named"]) == ["CR044", "CR045"]
    mcag = got.iloc[1]
    assert mcag["moved_from"] == pd.Timestamp(2024, 5, 28)
    assert list(mcag["actions_raised"]) == []
    assert list(mcag["crs_named"]) == []
    assert list(run_query(store.con, "meetings_log", groups=["MCAG"])["title"]) == ["MCAG"]


def test_agenda_items_standing_first(make_store) -> None:
    store = make_store(
        agenda_items=[
            {"group_code": "DAG", "meeting_date": D(2024, 6, 12), "item": "IR7.3 walkthrough", "kind": "Agenda"},
            {"group_code": "DAG", "item": "Design Updates", "kind": "standing", "item_order": 2},
            {"group_code": "DAG", "item": "Minutes and Actions", "kind": "standing", "item_order": 1},
            {"group_code": "DAG", "item": None, "kind": "standing"},
            {"group_code": "SITAG", "item": "Test status", "kind": None},
        ]
    )
    got = run_query(store.con, "agenda_items", groups=["DAG"])
    assert [(g, None if pd.isna(d) else d, *rest) for g, d, *rest in rows(got)] == [
        ("DAG", None, "Minutes and Actions", "standing", 1),
        ("DAG", None, "Design Updates", "standing", 2),
        ("DAG", D(2024, 6, 12), "IR7.3 walkthrough", "agenda", 0),
    ]
    sitag = run_query(store.con, "agenda_items", groups=["SITAG"])
    assert [(g, i, k, o) for g, _, i, k, o in rows(sitag)] == [("SITAG", "Test status", "planned", 0)]


def test_meetings_as_at_is_the_logs_date_else_the_groups(make_store) -> None:
    store = make_store(
        meetings={D(2024, 4, 2): [{"group_code": "DAG", "meeting_date": D(2024, 4, 10)}],
                  D(2024, 5, 1): [{"group_code": "DAG", "meeting_date": D(2024, 5, 8)}]},
        groups={D(2024, 6, 1): GROUPS},
    )  # fmt: skip
    assert rows(run_query(store.con, "meetings_as_at")) == [(D(2024, 5, 1),)]


def test_meetings_as_at_falls_back_to_the_groups_list(make_store) -> None:
    store = make_store(groups={D(2024, 6, 1): GROUPS})
    assert rows(run_query(store.con, "meetings_as_at")) == [(D(2024, 6, 1),)]

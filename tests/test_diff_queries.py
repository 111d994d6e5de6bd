"""Given/expect tests for "what changed since": hand-written snapshots in, the exact changes out."""

from __future__ import annotations

import datetime as dt

import pandas as pd
import pytest

from mhhs_dashboard.db import run_query
from tests.test_queries import rows as plain_rows


def rows(df: pd.DataFrame) -> list[tuple]:
    """The frame's rows as plain tuples, dates as dates and missing values (NaN, NaT) as None."""
    return [tuple(None if pd.isna(v) else v for v in r) for r in plain_rows(df)]


D = dt.date
THEN, NOW = D(2024, 4, 2), D(2024, 5, 1)

GIVEN = {
    "din_log": {
        THEN: [
            {"din_id": "DIN-1", "title": "one", "status": "Open - awaiting assessment"},
            {"din_id": "DIN-2", "title": "two", "status": "Closed", "target_release": "Interim Release 5.2 "},
            {"din_id": "DIN-3", "title": "three", "status": "Closed"},
            {"din_id": "DIN-5", "title": "five", "status": "Ready for Internal Review"},
        ],
        NOW: [
            {"din_id": "DIN-1", "title": "one", "status": "Implemented"},
            {"din_id": "DIN-2", "title": "two", "status": "closed", "target_release": "Interim Release 7.3"},
            {"din_id": "DIN-4", "title": "four", "status": "Open - awaiting assessment"},
            {"din_id": "DIN-5", "title": "five", "status": "Ready for Internal Review"},
        ],
    },
    "change_requests": {
        THEN: [
            {"cr_ref": "CR1", "title": "a", "approval_status": "Open", "current_stage": "Approval decision"},
            {"cr_ref": "CR2", "title": "b", "approval_status": "Open", "current_stage": " impact assessment"},
        ],
        NOW: [
            {"cr_ref": "CR1", "title": "a", "approval_status": "Approved", "current_stage": "Approved"},
            {"cr_ref": "CR2", "title": "b", "approval_status": "Open ", "current_stage": "Impact Assessment"},
        ],
    },
    "actions": {
        THEN: [
            {"action_ref": "DAG1-01", "action": "x", "status": "OPEN", "due_date": D(2024, 4, 20)},
            {"action_ref": "DAG1-02", "action": "y", "status": "ONGOING", "due_date": D(2024, 4, 20)},
            {"action_ref": "DAG1-03", "action": "z", "status": "ONGOING", "due_date": D(2024, 3, 1)},
        ],
        NOW: [
            {"action_ref": "DAG1-01", "action": "x", "status": "ongoing", "due_date": D(2024, 4, 20)},
            {"action_ref": "DAG1-02", "action": "y", "status": "CLOSED", "due_date": D(2024, 4, 20)},
            {"action_ref": "DAG1-03", "action": "z", "status": "ONGOING", "due_date": D(2024, 3, 1)},
        ],
    },
    "milestones": {
        THEN: [
            {"milestone_id": "M6", "name": "six", "forecast_date": D(2024, 8, 21)},
            {"milestone_id": "M10", "name": "ten", "forecast_date": D(2025, 3, 18)},
        ],
        NOW: [
            {"milestone_id": "M6", "name": "six", "forecast_date": D(2024, 8, 21), "actual_date": D(2024, 4, 30)},
            {"milestone_id": "M10", "name": "ten", "forecast_date": D(2025, 9, 18)},
        ],
    },
    "seats": {
        THEN: [
            {"group_code": "SITAG", "constituency": "DNO", "filled": True},
            {"group_code": "SITAG", "constituency": "iDNO", "filled": False},
        ],
        NOW: [
            {"group_code": "SITAG", "constituency": "DNO", "filled": False},
            {"group_code": "SITAG", "constituency": "iDNO", "filled": True},
        ],
    },
    "meetings": [
        {"group_code": "DAG", "meeting_date": D(2024, 3, 13), "title": "DAG #34"},
        {"group_code": "DAG", "meeting_date": D(2024, 4, 10), "title": "DAG #35"},
        {"group_code": "DAG", "meeting_date": D(2024, 5, 8), "title": "DAG #36"},
        {"group_code": "PSG", "meeting_date": D(2024, 4, 24), "title": "PSG"},
    ],
}


@pytest.fixture
def store(make_store):
    return make_store(**GIVEN)


def test_changes_rows_lists_every_change_exactly(store) -> None:
    got = run_query(store.con, "changes_rows", since=D(2024, 4, 10), registers=[], limit=None)
    assert list(got.columns) == [
        "table_name", "item_key", "title", "change", "from_value", "to_value", "then_as_at", "now_as_at",
        "rows_in_view",
    ]  # fmt: skip
    assert {r[6:] for r in rows(got)} == {(THEN, NOW, 15)}
    assert [r[:6] for r in rows(got)] == [
        ("change_requests", "CR1", "a", "decided", "Open", "Approved"),
        ("change_requests", "CR1", "a", "stage changed", "Approval decision", "Approved"),
        ("actions", "DAG1-02", "y", "closed", "ONGOING", "CLOSED"),
        # open and due 20 Apr: not overdue at 2 Apr, overdue at 1 May; DAG1-03 was overdue already
        ("actions", "DAG1-01", "x", "newly overdue", "2024-04-20", "2024-05-01"),
        ("actions", "DAG1-01", "x", "status changed", "OPEN", "ONGOING"),
        ("actions", "DAG1-02", "y", "status changed", "ONGOING", "CLOSED"),
        ("milestones", "M6", "six", "achieved", None, "2024-04-30"),
        ("milestones", "M10", "ten", "slipped", "2025-03-18", "2025-09-18"),
        ("seats", "SITAG / iDNO", "iDNO", "filled", "Vacant", "Filled"),
        ("seats", "SITAG / DNO", "DNO", "vacated", "Filled", "Vacant"),
        # the DIN log last: its 100+ rows a month must not crowd the CRs and actions out of a cut-short list
        ("din_log", "DIN-1", "one", "closed", "Open - awaiting assessment", "Implemented"),
        ("din_log", "DIN-3", "three", "gone", "Closed", None),
        ("din_log", "DIN-4", "four", "new", None, "Open - awaiting assessment"),
        # "Interim Release 5.2 " and "closed" are spelling variants, not moves
        ("din_log", "DIN-2", "two", "release moved", "Interim Release 5.2", "Interim Release 7.3"),
        ("din_log", "DIN-1", "one", "status changed", "Open - awaiting assessment", "Implemented"),
    ]
    first = run_query(store.con, "changes_rows", since=D(2024, 4, 10), registers=[], limit=3)
    assert rows(first) == rows(got)[:3]  # the first rows in listing order, each still counting all 15
    assert set(first["table_name"]) == {"change_requests", "actions"}
    only = run_query(store.con, "changes_rows", since=D(2024, 4, 10), registers=["seats"], limit=None)
    assert set(only["table_name"]) == {"seats"}


def test_changes_by_register_counts_each_kind(store) -> None:
    got = run_query(store.con, "changes_by_register", since=D(2024, 4, 10))
    counts = {(t, c): n for t, c, n, *_ in rows(got)}
    assert counts == {
        ("din_log", "closed"): 1,
        ("din_log", "gone"): 1,
        ("din_log", "new"): 1,
        ("din_log", "release moved"): 1,
        ("din_log", "status changed"): 1,
        ("change_requests", "decided"): 1,
        ("change_requests", "stage changed"): 1,
        ("actions", "status changed"): 2,
        ("actions", "closed"): 1,
        ("actions", "newly overdue"): 1,
        ("milestones", "achieved"): 1,
        ("milestones", "slipped"): 1,
        ("seats", "filled"): 1,
        ("seats", "vacated"): 1,
    }
    assert list(dict.fromkeys(got["table_name"])) == ["din_log", "change_requests", "actions", "milestones", "seats"]


def test_status_matrix_from_to(store) -> None:
    got = run_query(store.con, "changes_status_matrix", since=D(2024, 4, 10), registers=["din_log", "change_requests"])
    # only moves: " impact assessment" -> "Impact Assessment" is the same stage, and a DIN Closed then and now
    # or Ready for Internal Review then and now did not move
    assert rows(got) == [
        ("change_requests", "Approval decision", "Approved", 1),
        ("din_log", "(new)", "Open - awaiting assessment", 1),
        ("din_log", "Closed", "(gone)", 1),
        ("din_log", "Open - awaiting assessment", "Implemented", 1),
    ]


def test_the_snapshot_compared_is_the_nearest_on_or_before_since(store) -> None:
    on_the_day = run_query(store.con, "changes_baselines", since=THEN)
    assert rows(on_the_day)[0] == ("din_log", THEN, NOW)
    too_early = run_query(store.con, "changes_baselines", since=D(2024, 4, 1))
    assert {r[1] for r in rows(too_early)} == {None}  # no snapshot that early: nothing compared
    assert run_query(store.con, "changes_rows", since=D(2024, 4, 1), registers=[], limit=None).empty
    # compared with itself, the newest snapshot has no changes
    assert run_query(store.con, "changes_rows", since=NOW, registers=[], limit=None).empty


def test_last_meeting_is_the_last_held_before_the_datas_as_at(store) -> None:
    got = run_query(store.con, "meetings_last", group="DAG", as_at=D(2024, 5, 1))
    assert rows(got) == [(D(2024, 4, 10), "DAG", "DAG #35")]  # DAG #36 (8 May) is after the data's 1 May
    assert run_query(store.con, "meetings_last", group="NOPE", as_at=D(2024, 5, 1)).empty


def test_since_options_are_earlier_snapshots_and_meetings(store) -> None:
    got = run_query(store.con, "changes_since_options", group="DAG", as_at=D(2024, 5, 1))
    assert rows(got) == [
        (D(2024, 4, 10), "DAG #35", False),
        (D(2024, 4, 2), None, True),
        (D(2024, 3, 13), "DAG #34", False),
    ]


def test_the_embedded_data_since_the_last_dag(sample_dir) -> None:
    from mhhs_dashboard.store import open_store

    s = open_store(sample_dir, strict=True)
    got = run_query(s.con, "changes_by_register", since=D(2024, 4, 10))
    counts = {(t, c): n for t, c, n, *_ in rows(got)}
    assert counts[("din_log", "new")] == 12
    assert counts[("change_requests", "decided")] == 2
    assert counts[("actions", "new")] == 4


def test_dins_compared_include_repeated_ids_and_rows_that_come_back(make_store) -> None:
    """changes_since compares only DINs that can have changed; these are the cases that narrowing must keep.

    DIN-6's id is repeated in both snapshots, unchanged: every pairing of its rows is compared, as for any id
    the log repeats (the data-quality page lists them). DIN-7 leaves the log and comes back the same: no change.
    DIN-8 is the same one row throughout: no change. DIN-9 comes back changed.
    """
    middle = D(2024, 4, 20)
    dup = [
        {"din_id": "DIN-6", "title": "six", "status": "Closed"},
        {"din_id": "DIN-6", "title": "six", "status": "Implemented"},
    ]
    same = [
        {"din_id": "DIN-7", "title": "seven", "status": "Closed"},
        {"din_id": "DIN-8", "title": "eight", "status": "Closed"},
    ]
    s = make_store(
        din_log={
            THEN: [*dup, *same, {"din_id": "DIN-9", "title": "nine", "status": "Closed"}],
            middle: [*dup, same[1]],
            NOW: [*dup, *same, {"din_id": "DIN-9", "title": "nine", "status": "Implemented"}],
        }
    )
    got = run_query(s.con, "changes_rows", since=THEN, registers=["din_log"], limit=None)
    assert sorted(r[1:6] for r in rows(got)) == [  # sorted: the two pairings of DIN-6 tie in the list's order
        ("DIN-6", "six", "status changed", "Closed", "Implemented"),
        ("DIN-6", "six", "status changed", "Implemented", "Closed"),
        ("DIN-9", "nine", "status changed", "Closed", "Implemented"),
    ]
    since_middle = run_query(s.con, "changes_rows", since=middle, registers=["din_log"], limit=None)
    assert sorted(r[1:4] for r in rows(since_middle)) == [
        ("DIN-6", "six", "status changed"),
        ("DIN-6", "six", "status changed"),
        ("DIN-7", "seven", "new"),
        ("DIN-9", "nine", "new"),
    ]


def test_an_id_spelt_another_way_then_is_the_same_item_now(make_store) -> None:
    """Snapshots stored before ingest normalised ids ('din-0042 ') compare with newer ones ('DIN-0042') as one item."""
    same = make_store(
        din_log={
            THEN: [{"din_id": "din-0042 ", "title": "t", "status": "Closed"}],
            NOW: [{"din_id": "DIN-0042", "title": "t", "status": "Closed"}],
        },
        change_requests={
            THEN: [{"cr_ref": "cr045", "title": "a", "approval_status": "Open", "current_stage": "Approved"}],
            NOW: [{"cr_ref": "CR045", "title": "a", "approval_status": "Open", "current_stage": "Approved"}],
        },
        actions={
            THEN: [{"action_ref": " dag1-01", "action": "x", "status": "OPEN", "due_date": D(2024, 6, 1)}],
            NOW: [{"action_ref": "DAG1-01", "action": "x", "status": "OPEN", "due_date": D(2024, 6, 1)}],
        },
        milestones={
            THEN: [{"milestone_id": "m10 ", "name": "ten", "forecast_date": D(2025, 3, 18)}],
            NOW: [{"milestone_id": "M10", "name": "ten", "forecast_date": D(2025, 3, 18)}],
        },
        seats={
            THEN: [{"group_code": "sitag", "constituency": "DNO ", "filled": True}],
            NOW: [{"group_code": "SITAG", "constituency": "DNO", "filled": True}],
        },
    )
    assert rows(run_query(same.con, "changes_rows", since=THEN, registers=[], limit=None)) == []

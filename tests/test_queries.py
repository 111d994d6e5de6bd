"""Given/expect tests: a few hand-written rows in, the exact rows out, for each query file."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pandas as pd
import pytest

from mhhs_dashboard.db import query_files, query_params, run_query
from mhhs_dashboard.store import Store, open_store

D = dt.date

DINS = [
    {"din_id": "DIN-0001", "status": "Closed", "target_release": None, "illustrative": False},
    {"din_id": "DIN-0002", "status": "Implemented", "target_release": "Interim Release 5.2"},
    {"din_id": "DIN-0003", "status": "Ready for Internal Review", "target_release": "Interim Release 5.2 "},
    {"din_id": "DIN-0004", "status": " implemented", "target_release": "Interim Release 2.3"},
    {"din_id": "DIN-0005", "status": "Open - awaiting assessment", "target_release": None, "illustrative": True},
    {"din_id": "DIN-0006", "status": "Parked", "target_release": "Post Go-live Release TBC"},
]

# the DIN page's other filters, all open: only the release filter applies
NO_DIN_FILTERS: dict[str, object] = {"statuses": [], "raised_by": [], "q": "", "raised_from": None, "raised_to": None}


def rows(df) -> list[tuple]:
    """The frame's rows as plain tuples; DuckDB dates arrive as Timestamps and are compared as dates."""
    plain = lambda v: v.date() if isinstance(v, pd.Timestamp) else v  # noqa: E731
    return [tuple(plain(v) for v in r) for r in df.itertuples(index=False)]


def test_din_totals(make_store) -> None:
    store = make_store(din_log=DINS)
    got = run_query(store.con, "dins_totals", releases=[])
    assert list(got.columns) == ["total", "open", "closed", "with_release", "without_release", "illustrative"]
    # "Parked" is outside the vocabulary: neither open nor closed (the data-quality view reports it)
    assert rows(got) == [(6, 2, 3, 4, 2, 1)]
    only = run_query(store.con, "dins_totals", releases=["Interim Release 5.2", "No release"])
    assert rows(only)[0][:3] == (4, 2, 2)


def test_din_by_status_keeps_programme_order_and_zero_rows(make_store) -> None:
    store = make_store(din_log=DINS)
    got = run_query(store.con, "dins_by_status", releases=[], **NO_DIN_FILTERS)
    assert list(got.columns) == ["status", "state", "status_order", "dins"]
    assert rows(got) == [
        ("Open - awaiting assessment", "open", 1, 1),
        ("Initial Assessment/Updating", "open", 2, 0),
        ("Ready for Internal Review", "open", 3, 1),
        ("Updates Ready to Release", "open", 4, 0),
        ("Requires Industry Work Group review", "open", 5, 0),
        ("Industry CP Required", "open", 6, 0),
        ("Implemented", "closed", 7, 2),  # " implemented" normalised
        ("Closed", "closed", 8, 1),
        ("Parked", "unknown", 99, 1),
    ]


def test_din_by_release_merges_variants_in_natural_order(make_store) -> None:
    store = make_store(din_log=DINS)
    got = run_query(store.con, "dins_by_release", releases=[], **NO_DIN_FILTERS)
    assert list(got.columns) == ["release", "release_order", "dins", "open", "closed"]
    assert [(r, n, o, c) for r, _, n, o, c in rows(got)] == [
        ("Interim Release 2.3", 1, 0, 1),
        ("Interim Release 5.2", 2, 1, 1),
        ("Post Go-live Release TBC", 1, 0, 0),
        ("No release", 2, 1, 1),
    ]


def test_release_options_union_dins_and_releases(make_store) -> None:
    store = make_store(din_log=DINS, releases=[{"release_code": "IR8.1", "label": "Interim Release 8.1"}])
    got = run_query(store.con, "releases_options")
    assert list(got["release"]) == [
        "Interim Release 2.3",
        "Interim Release 5.2",
        "Interim Release 8.1",
        "Post Go-live Release TBC",
        "No release",
    ]


CRS = [
    {"cr_ref": "CR043", "approval_status": "Approved", "current_stage": "Complete"},
    {"cr_ref": "CR044", "approval_status": "Open", "current_stage": "Approval decision"},
    {"cr_ref": "CR045", "approval_status": "Open ", "current_stage": "approval decision"},
    {"cr_ref": "CR050", "approval_status": "Open", "current_stage": "Development"},
    {"cr_ref": "CR049", "approval_status": "Withdrawn", "current_stage": "Withdrawn"},
]


def test_cr_by_approval_status(make_store) -> None:
    got = run_query(make_store(change_requests=CRS).con, "crs_by_approval_status")
    assert rows(got) == [("Open", 3), ("Approved", 1), ("Withdrawn", 1)]


def test_cr_by_stage_in_lifecycle_order(make_store) -> None:
    got = run_query(make_store(change_requests=CRS).con, "crs_by_stage")
    assert [(s, n) for s, _, n in rows(got)] == [
        ("Development", 1),
        ("Approval decision", 1),
        ("approval decision", 1),
        ("Complete", 1),
        ("Withdrawn", 1),
    ]


def test_seat_fill_by_group(make_store) -> None:
    seats = [
        {"group_code": "QAG", "constituency": "DNO", "filled": True, "seat_order": 1},
        {"group_code": "QAG", "constituency": "Consumer", "filled": False, "seat_order": 2},
        {"group_code": "SITAG", "constituency": "DNO", "filled": True, "seat_order": 1},
    ]
    store = make_store(seats=seats)
    assert rows(run_query(store.con, "seats_fill_by_group", groups=[])) == [("QAG", 1, 2), ("SITAG", 1, 1)]
    assert rows(run_query(store.con, "seats_fill_by_group", groups=["SITAG"])) == [("SITAG", 1, 1)]


ACTIONS = [
    {"action_ref": "DAG34-04", "due_date": D(2024, 4, 10), "status": "RECOMMEND CLOSED"},
    {"action_ref": "DAG34-08", "due_date": D(2024, 4, 30), "status": "ongoing"},  # due before 1 May: overdue
    {"action_ref": "DAG35-01", "due_date": D(2024, 5, 8), "status": "ONGOING"},
    {"action_ref": "DAG35-02", "due_date": D(2024, 5, 1), "status": "ONGOING"},  # due on the as-at day: not yet
    {"action_ref": "SITAG03-01", "due_date": D(2024, 1, 1), "status": "CLOSED"},
]


def test_action_totals_judge_overdue_at_the_logs_as_at_date(make_store) -> None:
    store = make_store(actions=ACTIONS)  # as at 1 May 2024
    got = run_query(store.con, "actions_totals", groups=[], statuses=[], owners=[])
    assert list(got.columns) == ["total", "open", "recommend_closed", "overdue", "as_at"]
    assert rows(got)[0][:4] == (5, 3, 1, 1)
    assert rows(run_query(store.con, "actions_totals", groups=["SITAG"], statuses=[], owners=[]))[0][:4] == (1, 0, 0, 0)


def test_actions_by_status(make_store) -> None:
    got = run_query(make_store(actions=ACTIONS).con, "actions_by_status", groups=[], statuses=[], owners=[])
    assert [(s, n, o) for s, _, n, o in rows(got)] == [("ONGOING", 3, 1), ("RECOMMEND CLOSED", 1, 0), ("CLOSED", 1, 0)]


def test_milestones_upcoming_from_the_plans_as_at(make_store) -> None:
    store = make_store(
        milestones=[
            {"milestone_id": "M5", "name": "a", "baseline_date": D(2022, 10, 31), "actual_date": D(2022, 10, 31)},
            {"milestone_id": "M10", "name": "b", "baseline_date": D(2025, 3, 18), "forecast_date": D(2025, 9, 24)},
            {"milestone_id": "M6", "name": "c", "baseline_date": D(2024, 8, 21)},
        ]
    )
    got = run_query(store.con, "milestones_upcoming", as_at=D(2024, 5, 1))
    assert [(m, f, d) for m, _, _, f, d, _ in rows(got)] == [
        ("M6", D(2024, 8, 21), 112),
        ("M10", D(2025, 9, 24), 511),
    ]
    # days to go count from the output's as-at date, not the plan's
    later = run_query(store.con, "milestones_upcoming", as_at=D(2024, 8, 1))
    assert list(later["days_to_go"]) == [20, 419]


def test_meetings_upcoming_from_the_logs_as_at(make_store) -> None:
    store = make_store(
        groups=[{"group_code": "DAG", "name": "Design Advisory Group"}],
        meetings=[
            {"group_code": "DAG", "meeting_date": D(2024, 4, 10), "title": "DAG #35"},
            {"group_code": "DAG", "meeting_date": D(2024, 5, 8), "title": "DAG #36"},
            {"group_code": "MCAG", "meeting_date": D(2024, 5, 8), "title": "MCAG"},
            {"group_code": "DAG", "meeting_date": D(2024, 6, 12), "title": "DAG #37"},
        ],
    )
    got = run_query(store.con, "meetings_upcoming", groups=[], limit=2, as_at=D(2024, 5, 1))
    assert [(d, g, n, t) for d, g, n, t, _, _ in rows(got)] == [
        (D(2024, 5, 8), "DAG", "Design Advisory Group", "DAG #36"),
        (D(2024, 5, 8), "MCAG", "MCAG", "MCAG"),
    ]
    only = run_query(store.con, "meetings_upcoming", groups=["DAG"], limit=10, as_at=D(2024, 5, 1))
    assert list(only["title"]) == ["DAG #36", "DAG #37"]
    # a meeting on the as-at date is held, not next (chair mode during DAG #36)
    on_the_day = run_query(store.con, "meetings_upcoming", groups=["DAG"], limit=10, as_at=D(2024, 5, 8))
    assert list(on_the_day["title"]) == ["DAG #37"]


def test_snapshot_dates_newest_first(make_store) -> None:
    store = make_store(din_log={D(2024, 4, 2): DINS[:1], D(2024, 4, 30): DINS}, actions={D(2024, 5, 1): ACTIONS})
    got = run_query(store.con, "snapshots_by_date")
    assert [r[0] for r in rows(got)] == [D(2024, 5, 1), D(2024, 4, 30), D(2024, 4, 2)]


# Every query file runs against the embedded data with neutral parameters (the "build runs every query" check).
NEUTRAL: dict[str, object] = {
    "releases": [],
    "groups": [],
    "statuses": [],
    "owners": [],
    "approval_statuses": [],
    "stages": [],
    "change_types": [],
    "decision_bodies": [],
    "limit": 10,
    "crs": [],
    "refs": [],
    "risks": [],
    "cr": "CR045",
    "ref": "CR045",
    "since": D(2024, 4, 10),
    "registers": [],
    "group": "DAG",
    "as_at": D(2024, 5, 1),  # the view's one as-at date (issue 21)
    "day": D(2024, 5, 1),
    # the DIN page (issue 3)
    "raised_by": [],
    "q": "",
    "raised_from": dt.date(2000, 1, 1),
    "raised_to": dt.date(2100, 1, 1),
    "pick_releases": [],
    "pick_statuses": [],
    "din_id": "DIN-1066",
    "milestones": [],
    # the registers of issue 22
    "kinds": [],
    "date_from": D(2000, 1, 1),
    "date_to": D(2100, 1, 1),
    "decision": "PSG-2024-05-01-09",
    "meeting_date": D(2024, 5, 8),
    "until": D(2024, 5, 8),
}
# the workspace's preview queries read the load being previewed (a table made for it), not the store alone
QUERIES = sorted(p for p in query_files().values() if p.parent.name != "preview")


@pytest.fixture(scope="module")
def embedded(sample_dir: Path) -> Store:
    """The embedded data opened once for the queries below: each reads it on a cursor of its own, none writes."""
    return open_store(sample_dir, strict=True)


@pytest.mark.parametrize("path", QUERIES, ids=lambda p: p.stem)
def test_every_query_runs_on_the_embedded_data(path: Path, embedded: Store) -> None:
    store = embedded
    params = {p: NEUTRAL.get(p) for p in query_params(path.read_text())}
    missing = [p for p, v in params.items() if v is None]
    if missing:
        pytest.fail(f"add a neutral value for ${', $'.join(missing)} to NEUTRAL in {Path(__file__).name}")
    run_query(store.con, path.stem, **params)


def test_cr_register_filters_and_normalises(make_store) -> None:
    store = make_store(
        change_requests=[
            *CRS,
            {
                "cr_ref": "CR046",
                "approval_status": "Approved",
                "current_stage": "Implementation",
                "decision_body": "SRO",
            },
        ]
    )
    none = {"approval_statuses": [], "stages": [], "change_types": [], "decision_bodies": [], "crs": []}
    got = run_query(store.con, "crs_register", **none)
    assert list(got["cr_ref"]) == ["CR043", "CR044", "CR045", "CR046", "CR049", "CR050"]
    assert list(got["approval_status"])[:3] == ["Approved", "Open", "Open"]  # "Open " normalised
    only = run_query(store.con, "crs_register", **{**none, "stages": ["Approval decision"]})
    assert list(only["cr_ref"]) == ["CR044"]  # "approval decision" is a variant the data-quality view reports
    body = run_query(store.con, "crs_register", **{**none, "decision_bodies": ["SRO"]})
    assert list(body["cr_ref"]) == ["CR046"]


def test_action_log_open_first_with_overdue(make_store) -> None:
    got = run_query(make_store(actions=ACTIONS).con, "actions_log", groups=[], statuses=[], owners=[], refs=[])
    assert [(r, s, o) for r, s, o in zip(got["action_ref"], got["status"], got["overdue"], strict=True)] == [
        ("DAG34-08", "ONGOING", True),
        ("DAG35-01", "ONGOING", False),
        ("DAG35-02", "ONGOING", False),
        ("DAG34-04", "RECOMMEND CLOSED", False),
        ("SITAG03-01", "CLOSED", False),
    ]
    closed = run_query(
        make_store(actions=ACTIONS).con, "actions_log", groups=[], statuses=["CLOSED"], owners=[], refs=[]
    )
    assert list(closed["group_code"]) == ["SITAG"]


def test_risk_register_joins_the_linked_cr(make_store) -> None:
    store = make_store(
        change_requests=[{"cr_ref": "CR044", "title": "Data Refresh", "approval_status": "Open"}],
        risks=[{"risk_id": "R856", "title": "t", "linked_cr": "CR044"}, {"risk_id": "R900", "title": "u"}],
    )
    got = run_query(store.con, "risks_register", risks=[])
    assert list(got["linked_cr_title"].fillna("-")) == ["Data Refresh", "-"]

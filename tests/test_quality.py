"""The data-quality checks: each finds exactly the rows at fault; the registry runs SQL and Python checks alike."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pandas as pd
import pytest

from mhhs_dashboard import quality
from mhhs_dashboard.db import run_query
from mhhs_dashboard.store import open_store

D = dt.date
NBSP = "\u00a0"

BAD_DINS = [
    {"din_id": "DIN-0001", "status": "Closed", "raised_date": D(2024, 3, 1), "closed_date": D(2024, 2, 1)},
    {"din_id": "DIN-0002", "status": "Implemented", "target_release": None, "closed_date": D(2024, 2, 1)},
    {"din_id": "DIN-0003", "status": "Parked", "target_release": "Interim Release 5.2 "},
    {"din_id": "DIN-0003", "status": "implemented", "target_release": f"Interim{NBSP}Release 7.1"},
    {"din_id": "DIN-0004", "status": "Open - awaiting assessment", "target_release": "interim release 7.1"},
    {"din_id": "DIN-0005", "status": "Implemented", "target_release": "Interim Release 7.1", "closed_date": None},
    {"din_id": "DIN-0006", "status": "Ready for Internal Review", "closed_date": D(2024, 1, 1)},
    {"din_id": None, "status": "Closed", "title": "no id", "closed_date": D(2024, 1, 1)},
]
BAD_CRS = [
    {"cr_ref": "CR043", "approval_status": "Approved", "current_stage": "Complete"},
    {"cr_ref": "CR044", "approval_status": "Pending", "current_stage": "Limbo"},
    {"cr_ref": "CR044", "approval_status": "open ", "current_stage": "approval decision"},
]
BAD_RISKS = [
    {"risk_id": "R900", "title": "linked to a CR in the register", "linked_cr": "CR043"},
    {"risk_id": "R901", "title": "linked to a CR not in it", "linked_cr": "CR099"},
    {"risk_id": "R902", "title": "linked to no CR", "linked_cr": None},
]
BAD_ACTIONS = [
    {"action_ref": "DAG35-01", "status": "ONGOING"},
    {"action_ref": "DAG35-01", "status": "Maybe"},
]


@pytest.fixture
def bad(make_store):
    return make_store(din_log=BAD_DINS, change_requests=BAD_CRS, actions=BAD_ACTIONS, risks=BAD_RISKS)


def faults(store, name: str) -> list[tuple[str, str]]:
    got = run_query(store.con, name)
    assert list(got.columns) == list(quality.COLUMNS)
    return [(k, p) for k, p in zip(got["row_key"], got["problem"], strict=True)]


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("dq_din_closed_before_raised", [("DIN-0001", "closed before raised")]),
        ("dq_din_implemented_without_release", [("DIN-0002", "implemented with no release")]),
        ("dq_din_status_outside_vocabulary", [("DIN-0003", "status outside the vocabulary")]),
        ("dq_din_duplicate_ids", [("(blank)", "blank id"), ("DIN-0003", "duplicate id"), ("DIN-0003", "duplicate id")]),
        (
            "dq_din_closed_state_mismatch",
            [
                ("DIN-0003", "closed with no closed date"),
                ("DIN-0005", "closed with no closed date"),
                ("DIN-0006", "open with a closed date"),
            ],
        ),
        (
            "dq_din_label_variants",
            [
                ("DIN-0003", "status: case"),
                ("DIN-0003", "target_release: non-breaking space"),
                ("DIN-0003", "target_release: trailing space"),
                ("DIN-0004", "target_release: case"),
            ],
        ),
        (
            "dq_cr_stage_unknown",
            [("CR044", "stage outside the vocabulary"), ("CR044", "variant spelling of a stage")],
        ),
        ("dq_risk_cr_missing", [("R901", "linked CR not in the register")]),
        ("dq_cr_duplicate_refs", [("CR044", "duplicate reference"), ("CR044", "duplicate reference")]),
        ("dq_action_status_outside_vocabulary", [("DAG35-01", "status outside the vocabulary")]),
        ("dq_action_duplicate_refs", [("DAG35-01", "duplicate reference"), ("DAG35-01", "duplicate reference")]),
    ],
)
def test_each_sql_check_finds_exactly_the_rows_at_fault(bad, query: str, expected: list[tuple[str, str]]) -> None:
    assert sorted(faults(bad, query)) == sorted(expected)


def test_sql_checks_pass_on_clean_rows(make_store) -> None:
    clean = make_store(
        din_log=[
            {"din_id": "DIN-0001", "status": "Closed", "raised_date": D(2024, 1, 1), "closed_date": D(2024, 1, 2)}
        ],
        change_requests=[{"cr_ref": "CR043", "approval_status": "Approved", "current_stage": "Complete"}],
        actions=[{"action_ref": "DAG35-01", "status": "CLOSED"}],
        risks=[{"risk_id": "R900", "title": "linked to a CR in the register", "linked_cr": "CR043"}],
    )
    results = quality.run_all(lambda name, **p: run_query(clean.con, name, **p))
    assert [r.check.name for r in results if not r.passed] == []


def test_label_variants_lists_every_spelling_with_its_rows(bad) -> None:
    got = run_query(bad.con, "labels_varying")
    release = got[(got["table_name"] == "din_log") & (got["column_name"] == "target_release")]
    assert [
        (c, s, d, n, m)
        for c, s, d, n, m in release[["canonical", "shown", "difference", "rows", "merged_rows"]].itertuples(
            index=False
        )
    ] == [
        ("Interim Release 5.2", '"Interim Release 5.2␣"', "trailing space", 1, 1),
        ("Interim Release 7.1", '"Interim Release 7.1"', "canonical spelling", 1, 3),
        ("Interim Release 7.1", '"Interim⍽Release 7.1"', "non-breaking space", 1, 3),
        ("Interim Release 7.1", '"interim release 7.1"', "case", 1, 3),
    ]
    cr = got[got["table_name"] == "change_requests"]
    assert set(zip(cr["column_name"], cr["raw_label"], strict=True)) >= {
        ("current_stage", "approval decision"),
        ("approval_status", "open "),
    }


def test_python_checks_reconcile_and_cr_vocabulary(bad) -> None:
    run = lambda name, **p: run_query(bad.con, name, **p)  # noqa: E731
    by_status = quality.din_totals_reconcile(run)
    assert list(by_status["row_key"]) == ["by status", "open + closed"]  # "Parked" is in neither
    assert "7 counted + 1 outside it = 8; total 8" in list(by_status["detail"])
    crs = quality.cr_approval_status_outside_vocabulary(run)
    assert list(zip(crs["row_key"], crs["detail"], strict=True)) == [("CR044", '"Pending"')]


def test_a_broken_check_reports_its_error_instead_of_raising(bad) -> None:
    def broken(run: quality.Runner) -> pd.DataFrame:
        raise RuntimeError("boom\nsecond line")

    wrong_shape = quality.Check("x", "din_log", "X", func=lambda run: pd.DataFrame({"a": [1]}))
    run = lambda name, **p: run_query(bad.con, name, **p)  # noqa: E731
    r = quality.run_check(quality.Check("broken", "din_log", "Broken", func=broken), run)
    assert (r.passed, r.error) == (False, "RuntimeError: boom")
    assert "lacks columns" in (quality.run_check(wrong_shape, run).error or "")
    missing = quality.run_check(quality.Check("no_such_check", "din_log", "Missing"), run)
    assert "dq_no_such_check" in (missing.error or "")


def test_an_unregistered_dq_file_is_discovered(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    (tmp_path / "dq_milestones_without_dates.sql").write_text(
        "-- dq_milestones_without_dates: one row per milestone with no date.\n-- params: none\nselect 1\n"
    )
    (tmp_path / "dq_din_duplicate_ids.sql").write_text("-- dq_din_duplicate_ids: registered already\n")
    monkeypatch.setattr(quality, "CHECKS_DIR", tmp_path)
    found = quality.discovered()
    assert [(c.name, c.table, c.title) for c in found] == [
        ("milestones_without_dates", "milestones", "Milestones without dates")
    ]
    assert found[0].source == "queries/quality/dq_milestones_without_dates.sql"
    assert [c.name for c in quality.all_checks(tables=["milestones"])] == ["milestones_without_dates"]


def test_every_dq_file_is_registered_or_discovered_and_runs_on_the_embedded_data(sample_dir: Path) -> None:
    store = open_store(sample_dir, strict=True)
    results = quality.run_all(lambda name, **p: run_query(store.con, name, **p))
    names = {r.check.query or f"dq_{r.check.name}" for r in results if r.check.func is None}
    assert names == {p.stem for p in quality.CHECKS_DIR.glob("dq_*.sql")}
    assert quality.discovered() == []  # each of the project's own checks has a title and sits under its table
    assert [r.error for r in results if r.error] == []
    failing = {r.check.name: r.rows for r in results if not r.passed}
    # the embedded data reproduces the pack's oddities: the trailing-space IR5.2 rows and 2 implemented DINs
    assert set(failing) == {"din_label_variants", "din_implemented_without_release"}
    assert len(failing["din_implemented_without_release"]) == 2
    variants = failing["din_label_variants"]
    assert len(variants) == 8
    assert set(variants["problem"]) == {"target_release: trailing space"}


def test_item_links_follow_the_per_item_url_conventions() -> None:
    rows = pd.DataFrame(
        {
            "table_name": ["din_log", "change_requests", "actions", "risks", "seats"],
            "row_key": ["DIN-1066", "CR045", "DAG35-02&x=1", "R856", "SITAG"],
            "problem": "p",
            "detail": "d",
        }
    )
    assert list(quality.item_links(rows)) == [
        "dins?din=DIN-1066",
        "change_requests?cr=CR045",
        "actions?action=DAG35-02%26x%3D1",
        "change_requests?risk=R856",
        None,
    ]

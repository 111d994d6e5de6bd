"""Given/expect tests for the plan queries: milestone status and slippage, what hangs on a milestone, releases."""

from __future__ import annotations

import datetime as dt

import pandas as pd

from mhhs_dashboard.db import run_query

D = dt.date
AS_AT = D(2024, 5, 1)  # make_store's default snapshot date: the plan's as-at date in these tests


def rows(df: pd.DataFrame) -> list[tuple]:
    """The frame's rows as plain tuples: Timestamps as dates, numpy numbers as Python's, NaN/NA/NaT as None."""

    def plain(v: object) -> object:
        if v is None or (not isinstance(v, str | list) and pd.isna(v)):
            return None
        if isinstance(v, pd.Timestamp):
            return v.date()
        return v.item() if hasattr(v, "item") else v

    return [tuple(plain(v) for v in r) for r in df.itertuples(index=False)]


def ms(mid: str, baseline: D | None = None, forecast: D | None = None, actual: D | None = None) -> dict[str, object]:
    return {"milestone_id": mid, "name": f"milestone {mid}", "baseline_date": baseline, "forecast_date": forecast,
            "actual_date": actual}  # fmt: skip


def plan_of(store, *cols: str) -> dict[str, tuple]:
    got = run_query(store.con, "milestones_plan")
    return {r[0]: r[1:] for r in rows(got[["milestone_id", *cols]])}


def test_status_and_slippage_against_the_baseline(make_store) -> None:
    store = make_store(
        milestones=[
            ms("M1", baseline=D(2024, 3, 1), actual=D(2024, 2, 20)),  # achieved early
            ms("M2", baseline=D(2024, 3, 1), forecast=D(2024, 3, 1), actual=D(2024, 3, 11)),  # achieved late
            ms("M3", baseline=D(2024, 3, 1), actual=D(2024, 3, 1)),  # achieved on time
            ms("M4", baseline=D(2024, 9, 1), forecast=D(2024, 10, 1)),  # forecast past the baseline
            ms("M5", forecast=D(2024, 12, 1)),  # no baseline
            ms("M6", baseline=D(2024, 4, 1), forecast=D(2024, 6, 1)),  # baseline passed, not achieved
            ms("M7", baseline=D(2024, 9, 1), forecast=D(2024, 4, 20)),  # forecast passed, not achieved
            ms("M8", baseline=D(2024, 9, 1), forecast=D(2024, 8, 1)),  # forecast earlier than the baseline
            ms("M9", baseline=D(2024, 9, 1)),  # baseline only
            ms("M11"),  # no date at all
            ms("M12", actual=D(2024, 1, 5)),  # achieved, no baseline
        ]
    )
    got = plan_of(store, "status", "outcome", "status_text", "expected_date", "slip_baseline_days")
    assert got == {
        "M1": ("achieved", "early", "✔ achieved (early)", D(2024, 2, 20), -10),
        "M2": ("achieved", "late", "✔ achieved (late)", D(2024, 3, 11), 10),
        "M3": ("achieved", "on time", "✔ achieved (on time)", D(2024, 3, 1), 0),
        "M4": ("at risk", None, "▲ at risk", D(2024, 10, 1), 30),
        "M5": ("on track", None, "● on track", D(2024, 12, 1), None),
        "M6": ("missed", None, "✖ missed", D(2024, 6, 1), 61),
        "M7": ("missed", None, "✖ missed", D(2024, 4, 20), -134),
        "M8": ("on track", None, "● on track", D(2024, 8, 1), -31),
        "M9": ("on track", None, "● on track", D(2024, 9, 1), 0),
        "M11": ("no date", None, "? no date", None, None),
        "M12": ("achieved", None, "✔ achieved", D(2024, 1, 5), None),
    }
    # numeric milestone order (M9 before M11), and "now" is the plan's as-at date, not the wall clock
    got = run_query(store.con, "milestones_plan")
    assert list(got["milestone_id"]) == ["M1", "M2", "M3", "M4", "M5", "M6", "M7", "M8", "M9", "M11", "M12"]
    assert {d.date() for d in got["as_at"]} == {AS_AT}
    assert got["previous_as_at"].isna().all()
    assert got["slip_previous_days"].isna().all()


def test_a_milestone_due_on_the_as_at_date_is_not_yet_missed(make_store) -> None:
    store = make_store(milestones=[ms("M10", baseline=AS_AT, forecast=AS_AT)])
    assert plan_of(store, "status") == {"M10": ("on track",)}


def test_slippage_against_the_previous_snapshot(make_store) -> None:
    earlier, later = D(2024, 5, 1), D(2024, 12, 20)
    store = make_store(
        milestones={
            earlier: [
                ms("M7", baseline=D(2024, 11, 29), forecast=D(2024, 11, 29)),
                ms("M10", baseline=D(2025, 3, 18), forecast=D(2025, 3, 18)),
                ms("M16", baseline=D(2026, 12, 31), forecast=D(2026, 12, 31)),
            ],
            later: [
                ms("M7", baseline=D(2024, 11, 29), forecast=D(2024, 11, 29), actual=D(2024, 11, 22)),
                ms("M10", baseline=D(2025, 3, 18), forecast=D(2025, 9, 30)),
                ms("M16", baseline=D(2026, 12, 31), forecast=D(2026, 12, 1)),
                ms("M17", baseline=D(2027, 9, 1)),  # new in the later plan
            ],
        }
    )
    got = plan_of(store, "status", "previous_expected_date", "slip_previous_days", "slip_baseline_days")
    assert got == {
        "M7": ("achieved", D(2024, 11, 29), -7, -7),
        "M10": ("at risk", D(2025, 3, 18), 196, 196),
        "M16": ("on track", D(2026, 12, 31), -30, -30),
        "M17": ("on track", None, None, 0),
    }
    plan = run_query(store.con, "milestones_plan")
    assert {d.date() for d in plan["as_at"]} == {later}
    assert {d.date() for d in plan["previous_as_at"]} == {earlier}

    history = run_query(store.con, "milestones_slippage", milestones=["M10", "M17"])
    assert list(history.columns) == [
        "milestone_id",
        "as_at",
        "name",
        "baseline_date",
        "forecast_date",
        "actual_date",
        "expected_date",
        "slip_baseline_days",
        "previous_expected_date",
        "slip_previous_days",
        "illustrative",
        "source",
    ]
    assert [r[:2] + r[6:10] for r in rows(history)] == [
        ("M10", earlier, D(2025, 3, 18), 0, None, None),
        ("M10", later, D(2025, 9, 30), 196, D(2025, 3, 18), 196),
        ("M17", later, D(2027, 9, 1), 0, None, None),
    ]
    assert len(run_query(store.con, "milestones_slippage", milestones=[])) == 7


def test_the_plan_of_an_empty_store_is_empty(make_store) -> None:
    store = make_store(din_log=[])
    assert run_query(store.con, "milestones_plan").empty
    assert run_query(store.con, "milestones_replans").empty  # no plan, no as-at date, no replan to show
    assert run_query(store.con, "milestones_links", milestones=[]).empty


def test_replans_up_to_the_plans_as_at_date(make_store) -> None:
    store = make_store(milestones={D(2024, 5, 1): [ms("M10")]})
    assert rows(run_query(store.con, "milestones_replans")) == [
        ("CR022", "MHHS Programme Replan", D(2023, 6, 8), "PSG"),
    ]
    store = make_store(milestones={D(2024, 12, 20): [ms("M10")]})
    assert [r[0] for r in rows(run_query(store.con, "milestones_replans"))] == ["CR022", "CR055"]


def test_links_find_crs_and_risks_that_name_a_milestone(make_store) -> None:
    store = make_store(
        change_requests=[
            {"cr_ref": "CR044", "title": "Data Refresh", "approval_status": "Open", "current_stage": "Development",
             "notes": "implementation pre-M10 to be revisited, otherwise as soon after M10 as possible"},
            {"cr_ref": "CR045", "title": "SSD tool", "approval_status": "Open ", "current_stage": "Development",
             "implementation": "Post M10", "latest_action": "Awaiting PSG decision (pre-m10?)"},
            {"cr_ref": "CR046", "title": "Energy flow", "approval_status": "Approved", "current_stage": "Development",
             "implementation": "IR8.X", "notes": "M100 and XM10 and M1 are not M10"},
            {"cr_ref": "CR047", "title": "No milestone", "approval_status": "Open", "current_stage": "Development"},
        ],
        risks=[
            {"risk_id": "R856", "title": "CR044 not approved for implementation pre-M10", "status": "Open"},
            {"risk_id": "R900", "title": "Migration start at M11 at risk", "status": "Closed"},
        ],
    )  # fmt: skip
    got = run_query(store.con, "milestones_links", milestones=["M10"])
    assert list(got.columns) == [
        "milestone_id",
        "kind",
        "ref",
        "title",
        "status",
        "timing",
        "mentions",
        "found_in",
    ]
    assert rows(got) == [
        ("M10", "CR", "CR044", "Data Refresh", "Open", "pre and post", "post-M10, pre-M10", "notes"),
        (
            "M10",
            "CR",
            "CR045",
            "SSD tool",
            "Open",
            "pre and post",
            "post-M10, pre-M10",
            "implementation, latest action",
        ),
        ("M10", "CR", "CR046", "Energy flow", "Approved", None, "M10", "notes"),
        ("M10", "risk", "R856", "CR044 not approved for implementation pre-M10", "Open", "pre", "pre-M10", "title"),
    ]
    every = run_query(store.con, "milestones_links", milestones=[])
    assert [(m, r) for m, _, r, *_ in rows(every)] == [
        ("M1", "CR046"),
        ("M10", "CR044"),
        ("M10", "CR045"),
        ("M10", "CR046"),
        ("M10", "R856"),
        ("M11", "R900"),
        ("M100", "CR046"),
    ]


def test_release_list_counts_implemented_dins_by_normalised_release(make_store) -> None:
    store = make_store(
        releases={
            D(2024, 5, 1): [
                {"release_code": "IR5.2", "label": "Interim Release 5.2", "published_date": D(2023, 12, 13),
                 "illustrative": True},
                {"release_code": "IR8.7", "label": "Interim Release 8.7", "published_date": D(2025, 1, 22),
                 "illustrative": False, "notes": "EM021"},
                {"release_code": "IR10", "label": "Interim Release 10"},
                {"release_code": "IR2.3", "label": "Interim Release 2.3", "published_date": D(2023, 11, 29)},
            ]
        },
        din_log=[
            {"din_id": "DIN-1", "status": "Implemented", "target_release": "Interim Release 5.2"},
            {"din_id": "DIN-2", "status": " implemented", "target_release": "Interim Release 5.2 "},
            {"din_id": "DIN-3", "status": "Ready for Internal Review", "target_release": "Interim Release 5.2 "},
            {"din_id": "DIN-4", "status": "Implemented", "target_release": "IR 7.1"},
            {"din_id": "DIN-5", "status": "Open - awaiting assessment", "target_release": "Post Go-live Release TBC"},
            {"din_id": "DIN-6", "status": "Closed", "target_release": None},
        ],
    )  # fmt: skip
    got = run_query(store.con, "releases_list", releases=[])
    assert list(got.columns) == [
        "release",
        "release_code",
        "published_date",
        "state",
        "illustrative",
        "notes",
        "dins_implemented",
        "dins_targeted",
        "listed",
        "as_at",
        "release_order",
    ]
    shown = [r[:9] for r in rows(got)]
    assert shown == [
        ("Interim Release 2.3", "IR2.3", D(2023, 11, 29), "published", False, None, 0, 0, True),
        ("Interim Release 5.2", "IR5.2", D(2023, 12, 13), "published", True, None, 2, 3, True),
        ("Interim Release 7.1", "IR7.1", None, "TBC", False, None, 1, 1, False),  # only in the DIN log
        ("Interim Release 8.7", "IR8.7", D(2025, 1, 22), "planned", False, "EM021", 0, 0, True),
        ("Interim Release 10", "IR10", None, "TBC", False, None, 0, 0, True),
    ]
    only = run_query(store.con, "releases_list", releases=["Interim Release 5.2", "Post Go-live Release TBC"])
    assert list(only["release"]) == ["Interim Release 5.2"]

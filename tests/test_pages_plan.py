"""AppTest: the milestones page on the embedded data (the plan after CR055 against DAG #36's) and one milestone."""

from __future__ import annotations

from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from tests import screen
from tests.test_pages import metrics, open_page

# they read the data and change none of it: they share the caches the first of them fills
pytestmark = pytest.mark.shared_caches

PAGE = "pages/milestones.py"


def links(at: AppTest) -> dict[str, tuple[str, str]]:
    """Every link to a view in the main area (tests/screen.py links): text -> (page, query string)."""
    return {text: (page, query) for text, page, query in screen.links(at)}


def text(at: AppTest) -> str:
    return " ".join(x.value for x in [*at.caption, *at.markdown, *at.info]).replace("\\", "").replace("**", "")


def test_the_whole_plan_shows_status_slippage_and_the_baseline_rule(sample_env: Path) -> None:
    at = open_page(PAGE, as_at="2024-12-20")  # the later plan (after CR055), reached through as_at
    assert not at.exception, [e.value for e in at.exception]
    shown = text(at)
    assert "The plan as at 20 Dec 2024" in shown
    assert "previous plan as at 01 May 2024" in shown
    assert "CR022" in shown
    assert "CR055" in shown
    assert "illustrative" in shown
    plan = at.dataframe[0].value
    got = dict(
        zip(plan["milestone_id"], zip(plan["status_text"], plan["slip_baseline_days"], strict=True), strict=True)
    )
    assert got["M6"] == ("✔ achieved (on time)", 0)
    assert got["M10"] == ("▲ at risk", 196)  # 6.5 months later than the CR022 baseline
    assert got["M16"][0] == "▲ at risk"
    assert plan.set_index("milestone_id").loc["M16", "slip_previous_days"] == 211  # Dec 2026 -> Jul 2027
    charts = at.get("plotly_chart")
    assert len(charts) == 2  # the timeline and the DINs per release
    timeline = charts[0].proto.spec
    assert "Plan as at 20 Dec 2024" in timeline
    assert "CR055 replan" in timeline
    assert "CR022 replan" in timeline
    m10 = links(at)["M10 ▲ at risk"]
    assert m10 == ("milestones", "as_at=2024-12-20&milestone=M10")  # the link keeps the view's as-at date


def test_the_releases_link_to_the_din_log_filtered_to_each_release(sample_env: Path) -> None:
    at = open_page(PAGE, as_at="2024-12-20")
    by_label = links(at)
    ir71 = next(v for k, v in by_label.items() if k.startswith("IR7.1:"))
    assert ir71 == ("dins", "as_at=2024-12-20&release=Interim+Release+7.1")
    assert any(k.startswith("IR7.1: 20 implemented") for k in by_label)
    assert any(k.startswith("IR8.1: 0 implemented · 03 Jul 2024 (illustrative)") for k in by_label)
    assert any(k.startswith("IR8.8:") and k.endswith("12 Feb 2025, planned") for k in by_label)
    releases = at.dataframe[1].value
    assert list(releases["release_code"])[:3] == ["IR1", "IR2", "IR2.1"]  # natural order, not text order
    assert releases.set_index("release_code").loc["IR5.2", "dins_implemented"] == 20


def test_the_releases_as_they_stood_at_dag_36_have_ir8_tbc(sample_env: Path) -> None:
    at = open_page(PAGE, as_at="2024-05-01")
    assert not at.exception
    assert any(k.startswith("IR8.1: 0 implemented · TBC") for k in links(at))
    plan = at.dataframe[0].value
    assert set(plan["status_text"]) == {"✔ achieved (on time)", "● on track"}
    assert plan["slip_previous_days"].isna().all()  # the first plan: nothing to compare with


def test_one_milestones_view_shows_what_hangs_on_it(sample_env: Path) -> None:
    at = open_page(PAGE, milestone="M10", as_at="2024-12-20")
    assert not at.exception, [e.value for e in at.exception]
    assert next(h.value for h in at.header).replace("\\", "") == "M10: Central systems ready for migrating MPANs"
    m = metrics(at)
    assert m["Status"] == "▲ at risk"
    assert (m["Baseline"], m["Forecast"], m["Actual"]) == ("18 Mar 2025", "30 Sep 2025", "-")
    assert (m["Slip against baseline"], m["Moved since previous plan"]) == ("+196 days", "+196 days")
    hanging = at.dataframe[1].value
    assert list(zip(hanging["kind"], hanging["ref"], strict=True)) == [
        ("CR", "CR044"),
        ("CR", "CR045"),
        ("risk", "R856"),
        ("risk", "R857"),
    ]
    frozen = "as_at=2024-12-20"  # every link keeps the view's as-at date; the sidebar's carries nothing else
    targets = {v for v in links(at).values() if v[0] == "change_requests" and v[1] != frozen}
    assert targets == {
        ("change_requests", f"{frozen}&cr=CR044"),
        ("change_requests", f"{frozen}&cr=CR045"),
        ("change_requests", f"{frozen}&risk=R856"),
        ("change_requests", f"{frozen}&risk=R857"),
    }
    history = at.dataframe[0].value
    assert len(history) == 2  # one row per plan snapshot


def test_a_milestone_nothing_names_says_so(sample_env: Path) -> None:
    at = open_page(PAGE, milestone="M16")
    assert not at.exception
    assert "No change request or risk in the registers names M16" in " ".join(x.value for x in at.markdown)


def test_an_unknown_milestone_is_dropped_with_a_notice(sample_env: Path) -> None:
    at = open_page(PAGE, milestone="M99](javascript:alert(1))")
    assert not at.exception
    notice = " ".join(i.value for i in at.info)
    assert "Ignored what this link asked for but the data does not have: milestone=M99" in notice
    assert "\\]\\(javascript" in notice
    assert "milestone" not in at.query_params
    assert not at.header or at.header[0].value == "Design releases"  # the whole plan, no milestone view


def test_the_release_filter_narrows_the_release_list(sample_env: Path) -> None:
    at = open_page(PAGE, release=["Interim Release 7.1", "Interim Release 8.5"], as_at="2024-12-20")
    assert not at.exception
    assert list(at.dataframe[1].value["release_code"]) == ["IR7.1", "IR8.5"]
    assert len(at.dataframe[0].value) == 10  # the plan itself is not filtered by release

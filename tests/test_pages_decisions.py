"""AppTest: the change-request and action pages, their URL filters, and the per-CR, per-risk and per-action views."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pandas as pd
import pytest
from streamlit.testing.v1 import AppTest

from tests.screen import tiles
from tests.test_pages import open_page

# what they write goes to a directory of their own (a new cache key): they share the caches
pytestmark = pytest.mark.shared_caches

CRS = "pages/change_requests.py"
ACTIONS = "pages/actions.py"


def table(at: AppTest, column: str) -> pd.DataFrame:
    """The first dataframe on screen that has `column`."""
    for df in at.dataframe:
        if column in df.value.columns:
            return df.value
    raise AssertionError(f"no table with a {column!r} column; tables: {[list(d.value.columns) for d in at.dataframe]}")


def links(at: AppTest) -> list[tuple[str, str]]:
    """(page, query string) of every st.page_link in the main area, in order (the sidebar navigation left out)."""
    return [(e.proto.page, e.proto.query_string) for e in at.main.get("page_link")]


def notices(at: AppTest) -> str:
    return " ".join(i.value for i in at.info).replace("\\", "")


def test_register_shows_every_cr_with_the_packs_columns(sample_env: Path) -> None:
    at = open_page(CRS)
    assert not at.exception
    reg = table(at, "latest_action")
    assert list(reg["link"]) == [f"change_requests?cr=CR0{n}" for n in range(43, 51)]
    for col in (
        "title",
        "raisers",
        "change_type",
        "approval_status",
        "current_stage",
        "action_if_approved",
        "implementation",
        "owners",
        "decision_body",
        "days_in_stage",
    ):
        assert col in reg.columns
    row = reg.set_index("link").loc["change_requests?cr=CR046"]
    assert (row["action_if_approved"], row["implementation"], row["days_in_stage"]) == ("Implement in IR8.X", "TBC", 21)


@pytest.mark.parametrize(
    ("params", "expected"),
    [
        ({"status": "Open"}, ["CR044", "CR045", "CR047", "CR048", "CR050"]),
        ({"stage": "Approval decision"}, ["CR044", "CR045"]),
        ({"change_type": "Housekeeping"}, ["CR050"]),
        ({"body": "Change Board"}, ["CR047", "CR048", "CR050"]),
        ({"body": ["PSG", "SRO"], "status": "Open"}, ["CR044", "CR045"]),
    ],
)
def test_filters_from_the_url_narrow_the_register(sample_env: Path, params: dict, expected: list[str]) -> None:
    at = open_page(CRS, **params)
    assert not at.exception
    assert [link.split("=")[1] for link in table(at, "latest_action")["link"]] == expected


@pytest.mark.parametrize(
    ("page", "param", "value", "column", "link"),
    [
        (CRS, "stage", "Implementation", "latest_action", "change_requests?cr=CR046"),
        (ACTIONS, "owner", "Programme (Sean Cooper)", "latest_update", "actions?action=DAG34-04"),
    ],
    ids=["a CR stage", "an action owner"],
)
def test_choosing_a_filter_value_writes_it_to_the_url(
    sample_env: Path, page: str, param: str, value: str, column: str, link: str
) -> None:
    at = open_page(page)
    at.multiselect(key=f"filter_{param}").set_value([value]).run()
    assert at.query_params[param] in (value, [value])
    assert list(table(at, column)["link"]) == [link]


def test_a_filter_that_matches_nothing_says_so(sample_env: Path) -> None:
    at = open_page(CRS, body="Ofgem")
    assert not at.exception
    assert "No change requests match these filters." in notices(at)
    assert not at.get("plotly_chart"), "no empty chart frame"


def test_unknown_url_values_are_dropped_with_a_notice(sample_env: Path) -> None:
    at = open_page(CRS, stage="Limbo", cr="CR999")
    assert not at.exception
    assert "stage=Limbo" in notices(at)
    assert "cr=CR999" in notices(at)
    assert len(table(at, "latest_action")) == 8


def test_pipeline_counts_stages_in_lifecycle_order(sample_env: Path) -> None:
    at = open_page(CRS)
    at.session_state["crs_numbers"] = True  # "The numbers behind this chart", opened
    pipe = table(at.run(), "set_aside")
    assert list(zip(pipe["stage"], pipe["crs"], strict=True)) == [
        ("Development", 1),
        ("Impact Assessment", 0),
        ("Approval decision", 2),
        ("Approved", 2),
        ("Implementation", 1),
        ("Complete", 1),
        ("Withdrawn", 1),
        ("Rejected", 0),
    ]
    assert list(pipe.loc[pipe["set_aside"], "stage"]) == ["Withdrawn", "Rejected"]


def test_per_cr_view_links_its_risk_actions_and_milestone(sample_env: Path) -> None:
    at = open_page(CRS, cr="CR045")
    assert not at.exception
    assert at.title[0].value.replace("\\", "") == "CR045: Supply Start Date (SSD) Correction Tool"
    m = dict(tiles(at))
    assert (m["Stage"], m["Time in stage"], m["Deciding body"]) == ("Approval decision", "21 days", "PSG")
    assert links(at) == [
        ("change_requests", ""),  # back to the register
        ("decisions", "decision=PSG-2024-05-01-09"),  # the latest decision, heading the record
        ("decisions", "ref=CR045"),  # every decision naming it
        ("milestones", "milestone=M10"),  # pre- or post-M10
        ("change_requests", "risk=R857"),
        ("actions", "action=DAG34-04"),
        ("actions", "action=DAG35-03"),
        ("actions", "action=DAG35-04"),
    ]
    record = " ".join(md.value for md in at.main.markdown)
    assert "[R857](change_requests?risk=R857)" in record
    assert "[DAG35\\-03](actions?action=DAG35-03)" in record
    history = table(at, "changed")
    assert [d.date() for d in history["as_at"]] == [dt.date(2024, 4, 2), dt.date(2024, 5, 1)]
    assert list(history["decision_body"]) == ["DAG", "PSG"]


def test_cr044_links_r856_and_its_actions(sample_env: Path) -> None:
    got = links(open_page(CRS, cr="CR044"))
    assert ("change_requests", "risk=R856") in got
    assert [q for p, q in got if p == "actions"] == ["action=DAG35-02", "action=DAG35-03"]


def test_cr046_targets_ir8x(sample_env: Path) -> None:
    at = open_page(CRS, cr="CR046")
    targets = [e for e in at.main.get("page_link") if e.proto.page == "milestones"]
    assert [e.proto.label.replace("\\", "") for e in targets] == ["Release IR8.X"]


def test_per_risk_view_links_its_cr_and_the_action_that_raised_it(sample_env: Path) -> None:
    at = open_page(CRS, risk="R856")
    assert not at.exception
    assert links(at) == [("change_requests", ""), ("change_requests", "cr=CR044"), ("actions", "action=DAG35-02")]


def test_frozen_as_at_is_kept_on_reference_links(sample_env: Path) -> None:
    at = open_page(CRS, cr="CR045", as_at="2024-05-01")
    assert ("change_requests", "risk=R857&as_at=2024-05-01") in links(at)


def test_hostile_text_stays_inert(make_store, monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    make_store(
        change_requests=[
            {
                "cr_ref": "CR099",
                "title": "<img src=x onerror=alert(1)> **bold**",
                "approval_status": "Open",
                "current_stage": "Development",
                "notes": "[click](javascript:alert(1)) see CR099",
            }
        ]
    )
    monkeypatch.setenv("MHHS_DATA_DIR", str(tmp_path))
    at = open_page(CRS, cr="CR099")
    assert not at.exception
    assert at.title[0].value == "CR099\\: \\<img src=x onerror=alert\\(1\\)\\> \\*\\*bold\\*\\*"
    record = " ".join(md.value for md in at.main.markdown)
    assert "](javascript" not in record
    assert "[CR099](change_requests?cr=CR099)" in record


def test_action_log_and_counts(sample_env: Path) -> None:
    at = open_page(ACTIONS)
    assert not at.exception
    log = table(at, "latest_update")
    assert len(log) == 7
    assert list(log["flag"]) == [""] * 7
    m = dict(tiles(at))
    assert (m["Open"], m["Recommended closed"], m["⚠ Overdue"]) == ("4", "3", "0")
    meetings = table(at, "raised")
    assert list(zip(meetings["meeting"], meetings["raised"], strict=True)) == [("DAG32", 1), ("DAG34", 2), ("DAG35", 4)]
    at.session_state["actions_numbers"] = True  # "The numbers behind this chart", opened
    owners = table(at.run(), "recommend_closed")
    assert owners.set_index("owner").loc["Programme (Paul Pettitt)", "total"] == 3


@pytest.mark.parametrize(
    ("params", "expected"),
    [
        ({"status": "ONGOING"}, ["DAG32-06", "DAG34-08", "DAG35-01", "DAG35-03"]),
        ({"owner": "Programme (PMO)"}, ["DAG32-06", "DAG34-08"]),
        ({"status": "RECOMMEND CLOSED", "owner": "Programme (Paul Pettitt)"}, ["DAG35-02", "DAG35-04"]),
    ],
)
def test_action_filters_from_the_url(sample_env: Path, params: dict, expected: list[str]) -> None:
    at = open_page(ACTIONS, **params)
    assert [link.split("=")[1] for link in table(at, "latest_update")["link"]] == expected


def test_group_with_no_actions_says_so(sample_env: Path) -> None:
    at = open_page(ACTIONS, group="SITAG")
    assert not at.exception
    assert "No actions match these filters." in notices(at)


def test_per_action_view_links_what_its_text_names(sample_env: Path) -> None:
    at = open_page(ACTIONS, action="DAG35-02")
    assert not at.exception
    assert links(at) == [
        ("actions", ""),
        ("change_requests", "cr=CR044"),
        ("milestones", "milestone=M10"),
        ("change_requests", "risk=R856"),
    ]
    text = " ".join(md.value for md in at.main.markdown)
    assert "[CR044](change_requests?cr=CR044)" in text
    assert "[R856](change_requests?risk=R856)" in text


def test_overdue_stands_out_by_text_and_icon(make_store, monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    make_store(
        actions=[
            {"action_ref": "DAG35-01", "action": "late", "due_date": dt.date(2024, 4, 10), "status": "ONGOING"},
            {"action_ref": "DAG35-02", "action": "fine", "due_date": dt.date(2024, 6, 1), "status": "ONGOING"},
        ]
    )  # as at 1 May 2024
    monkeypatch.setenv("MHHS_DATA_DIR", str(tmp_path))
    at = open_page(ACTIONS)
    log = table(at, "latest_update")
    assert dict(zip(log["link"], log["flag"], strict=True)) == {
        "actions?action=DAG35-01": "⚠ OVERDUE",
        "actions?action=DAG35-02": "",
    }
    assert dict(tiles(at))["⚠ Overdue"] == "1"
    one = open_page(ACTIONS, action="DAG35-01")
    assert one.error
    assert one.error[0].value.startswith("OVERDUE")
    assert one.error[0].icon

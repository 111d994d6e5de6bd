"""Chair mode in AppTest: every agenda step renders, the step and the as-at date live in the URL."""

from __future__ import annotations

from pathlib import Path

import pytest

from mhhs_dashboard.meeting import AGENDA
from tests.test_pages import metrics, open_page, tables

PRESENT = "pages/present.py"


def step_of(at) -> str:
    value = at.query_params["step"]
    return value[0] if isinstance(value, list) else value


@pytest.mark.parametrize("item", AGENDA, ids=lambda i: str(i.step))
def test_each_step_renders(item, sample_env: Path) -> None:
    at = open_page(PRESENT, step=str(item.step))
    assert not at.exception, [e.value for e in at.exception]
    assert at.title[0].value == f"{item.step} · {item.title}"
    assert step_of(at) == str(item.step)
    assert not at.info  # no notice for a good step


def test_no_as_at_freezes_to_the_newest_snapshot_in_the_url(sample_env: Path) -> None:
    at = open_page(PRESENT)
    assert step_of(at) == "1"
    as_at = at.query_params["as_at"]
    assert (as_at[0] if isinstance(as_at, list) else as_at) == "2024-05-01"
    assert "frozen as at 01 May 2024" in at.caption[0].value


@pytest.mark.parametrize(("asked", "shown"), [("9", 6), ("0", 1), ("-3", 1), ("abc", 1)])
def test_a_step_out_of_range_is_clamped_with_a_notice(asked: str, shown: int, sample_env: Path) -> None:
    at = open_page(PRESENT, step=asked)
    assert not at.exception
    assert at.title[0].value.startswith(f"{shown} · ")
    assert step_of(at) == str(shown)
    assert "no agenda step like that" in at.info[0].value


def test_next_and_previous_move_through_the_agenda(sample_env: Path) -> None:
    at = open_page(PRESENT, step="2")
    next(b for b in at.button if b.label == "Next").click().run()
    assert step_of(at) == "3"
    assert at.title[0].value == "3 · Design Updates"
    next(b for b in at.button if b.label == "Previous").click().run()
    next(b for b in at.button if b.label == "Previous").click().run()
    assert step_of(at) == "1"
    assert next(b for b in at.button if b.label == "Previous").disabled


def test_design_step_shows_the_figures_and_their_changes(sample_env: Path) -> None:
    at = open_page(PRESENT, step="3")
    m = metrics(at)
    assert (m["DINs recorded"], m["Open DINs"], m["Closed DINs"]) == ("1,029", "86", "943")
    deltas = {x.label: x.delta for x in at.metric}
    assert (deltas["DINs recorded"], deltas["Open DINs"], deltas["Closed DINs"]) == ("12", "-30", "42")
    assert len(at.get("plotly_chart")) == 2


def test_cr_step_lists_what_moved_since_the_last_meeting(sample_env: Path) -> None:
    at = open_page(PRESENT, step="2")
    text = " ".join(md.value for md in at.markdown).replace("\\", "")
    assert "CR050 new: Open, Development" in text
    assert "CR049 → Withdrawn" in text
    assert metrics(at)["CRs in the register"] == "8"


def test_an_earlier_snapshot_has_no_changes_to_show(sample_env: Path) -> None:
    at = open_page(PRESENT, step="3", as_at="2024-04-02")
    assert metrics(at)["DINs recorded"] == "1,017"
    assert all(not x.delta for x in at.metric)
    assert "no earlier snapshot" in at.caption[0].value


def test_risks_step_lists_the_risks_whole_as_written(sample_env: Path) -> None:
    (rows,) = tables(open_page(PRESENT, step="4"))
    assert list(rows.columns) == ["Risk", "Title", "Linked CR", "Status", "Owner"]
    assert rows.to_dict("records")[0] == {
        "Risk": "R856",
        "Title": "CR044 (Data Refresh message IF-051) not approved for implementation pre-M10",
        "Linked CR": "CR044",
        "Status": "Open",
        "Owner": "Paul Pettitt",
    }
    assert list(rows["Risk"]) == ["R856", "R857"]


def test_seats_step_shows_the_seat_counts(sample_env: Path) -> None:
    at = open_page(PRESENT, step="5")
    m = metrics(at)
    assert (m["SITAG seats filled"], m["MCAG seats filled"], m["QAG seats filled"]) == ("9 of 13", "9 of 13", "9 of 11")


def test_summary_step_offers_the_pack_and_the_slides(sample_env: Path) -> None:
    at = open_page(PRESENT, step="6")
    labels = [d.proto.label for d in at.get("download_button")]
    assert labels == ["Meeting pack (HTML)", "Data slides (PowerPoint)"]


def test_present_flag_hides_the_navigation_on_any_page(sample_env: Path) -> None:
    normal = open_page("pages/dins.py")
    chair = open_page("pages/dins.py", present="1")
    assert not chair.exception
    assert len(normal.sidebar.get("page_link")) > 0
    assert len(chair.sidebar.get("page_link")) == 0
    as_at = chair.query_params["as_at"]
    assert (as_at[0] if isinstance(as_at, list) else as_at) == "2024-05-01"

"""Chair mode in AppTest: every agenda step and sub-step renders, the step, sub-step and as-at date live in the URL."""

from __future__ import annotations

from pathlib import Path

import pytest

from mhhs_dashboard import chair
from mhhs_dashboard.meeting import AGENDA
from tests.test_pages import metrics, open_page, tables

PRESENT = "pages/present.py"
# the screens of each agenda step on the embedded data: a summary, then the action log two rows at a time; a
# summary, then the CR register; the DIN charts; the risks; milestones, meetings and seats; the summary
SCREENS = ["1.1", "1.2", "1.3", "1.4", "1.5", "2.1", "2.2", "2.3", "3", "4", "5.1", "5.2", "5.3", "6"]


def param(at, name: str) -> str | None:
    value = at.query_params.get(name)
    return value[0] if isinstance(value, list) else value


def step_of(at) -> str:
    return param(at, "step")  # type: ignore[return-value]


def screen_of(at) -> str:
    """The screen's number as its title gives it ("1.2 · Minutes and Actions" -> "1.2")."""
    return at.title[0].value.split(" · ")[0]


@pytest.mark.parametrize("item", AGENDA, ids=lambda i: str(i.step))
def test_each_step_renders(item, sample_env: Path) -> None:
    at = open_page(PRESENT, step=str(item.step))
    assert not at.exception, [e.value for e in at.exception]
    assert at.title[0].value.endswith(f" · {item.title}")
    assert screen_of(at) in (str(item.step), f"{item.step}.1")
    assert step_of(at) == str(item.step)
    assert param(at, "part") == ("1" if screen_of(at).endswith(".1") else None)  # a sub-step is in the link
    assert not at.info  # no notice for a good step
    assert not at.dataframe  # no data grid: tables are page text that wraps (a grid draws 14 px on a canvas)


@pytest.mark.parametrize("number", SCREENS)
def test_each_sub_step_opens_by_its_link(number: str, sample_env: Path) -> None:
    step, _, part = number.partition(".")
    at = open_page(PRESENT, step=step, **({"part": part} if part else {}))
    assert not at.exception
    assert screen_of(at) == number
    assert not at.info
    assert not at.dataframe


def test_next_walks_every_sub_step_and_previous_walks_back(sample_env: Path) -> None:
    at = open_page(PRESENT, step="1")
    seen = [screen_of(at)]
    while not next(b for b in at.button if b.label == "Next").disabled:
        next(b for b in at.button if b.label == "Next").click().run()
        assert not at.exception
        seen.append(screen_of(at))
        step, _, part = seen[-1].partition(".")
        assert (step_of(at), param(at, "part")) == (step, part or None)
    assert seen == SCREENS
    back = [screen_of(at)]
    while not next(b for b in at.button if b.label == "Previous").disabled:
        next(b for b in at.button if b.label == "Previous").click().run()
        back.append(screen_of(at))
    assert back == SCREENS[::-1]  # Previous from 2.1 goes to the last part of step 1, 1.5


@pytest.mark.parametrize(("asked", "shown"), [("9", "1.5"), ("0", "1.1"), ("x", "1.1")])
def test_a_sub_step_out_of_range_is_clamped_with_a_notice(asked: str, shown: str, sample_env: Path) -> None:
    at = open_page(PRESENT, step="1", part=asked)
    assert not at.exception
    assert screen_of(at) == shown
    assert param(at, "part") == shown.split(".")[1]
    assert "no agenda step like that" in at.info[0].value


def test_a_step_of_one_screen_drops_a_part_from_its_link(sample_env: Path) -> None:
    at = open_page(PRESENT, step="3", part="2")
    assert screen_of(at) == "3"
    assert param(at, "part") is None


def all_rows(step: str, parts: int) -> list[dict[str, str]]:
    """Every table row shown across a step's sub-steps, in order."""
    return [
        r
        for p in range(1, parts + 1)
        for t in tables(open_page(PRESENT, step=step, part=str(p)))
        for r in t.to_dict("records")
    ]


def test_the_action_log_shows_every_action_once_with_its_latest_update(sample_env: Path) -> None:
    rows = all_rows("1", 5)
    assert [r["Ref"] for r in rows] == [
        "DAG32-06",
        "DAG34-08",
        "DAG35-01",
        "DAG35-03",
        "DAG34-04",
        "DAG35-02",
        "DAG35-04",
    ]
    assert list(rows[0]) == list(chair.ACTIONS.columns.values())
    latest = {r["Ref"]: r["Latest update"] for r in rows}
    assert latest["DAG35-02"].startswith("Risk R856 has been raised.")
    assert {r["Ref"]: r["Status"] for r in rows}["DAG35-02"] == "RECOMMEND CLOSED"
    at = open_page(PRESENT, step="1", part="2")
    assert at.subheader[0].value == "The action log: actions 1\N{EN DASH}2 of 7"


def test_the_cr_register_shows_every_cr_once_with_its_latest_action(sample_env: Path) -> None:
    rows = all_rows("2", 3)
    assert [r["Ref."] for r in rows] == [f"CR0{n}" for n in range(43, 51)]
    assert {r["Ref."]: r["Latest action"] for r in rows}["CR047"] == (
        "Approved by Change Board (12-Apr-24), subject to ratification by PSG"
    )


def test_the_summaries_come_before_the_tables(sample_env: Path) -> None:
    at = open_page(PRESENT, step="1")
    assert metrics(at)["Actions in the log"] == "7"
    assert not at.table
    text = " ".join(md.value for md in at.markdown).replace("\\", "")
    assert "DAG35-02 new: RECOMMEND CLOSED" in text


@pytest.mark.parametrize(("step", "page"), [("1", "actions"), ("2", "change_requests"), ("3", "dins"), ("6", "")])
def test_leave_chair_mode_opens_the_dashboard_at_the_same_as_at_and_filters(
    step: str, page: str, sample_env: Path
) -> None:
    at = open_page(PRESENT, step=step, as_at="2024-04-02", release="Interim Release 5.2", since="2024-04-02")
    (link,) = [p.proto for p in at.get("page_link")]
    assert link.label == "Leave chair mode"
    assert link.page == page
    assert "as_at=2024-04-02" in link.query_string
    assert "release=Interim+Release+5.2" in link.query_string
    assert "since=2024-04-02" in link.query_string
    assert "step" not in link.query_string


def test_no_as_at_freezes_to_the_newest_snapshot_in_the_url(sample_env: Path) -> None:
    at = open_page(PRESENT)
    assert step_of(at) == "1"
    as_at = at.query_params["as_at"]
    assert (as_at[0] if isinstance(as_at, list) else as_at) == "2024-05-01"
    assert "frozen as at 01 May 2024" in at.caption[0].value


@pytest.mark.parametrize(("asked", "shown"), [("9", "6"), ("0", "1.1"), ("-3", "1.1"), ("abc", "1.1")])
def test_a_step_out_of_range_is_clamped_with_a_notice(asked: str, shown: str, sample_env: Path) -> None:
    at = open_page(PRESENT, step=asked)
    assert not at.exception
    assert at.title[0].value.startswith(f"{shown} · ")
    assert step_of(at) == shown.split(".")[0]
    assert "no agenda step like that" in at.info[0].value


def test_next_and_previous_move_through_the_agenda(sample_env: Path) -> None:
    at = open_page(PRESENT, step="2", part="3")
    next(b for b in at.button if b.label == "Next").click().run()
    assert step_of(at) == "3"
    assert at.title[0].value == "3 · Design Updates"
    next(b for b in at.button if b.label == "Previous").click().run()
    assert (step_of(at), param(at, "part")) == ("2", "3")
    at = open_page(PRESENT, step="1", part="2")
    next(b for b in at.button if b.label == "Previous").click().run()
    assert (step_of(at), param(at, "part")) == ("1", "1")
    assert next(b for b in at.button if b.label == "Previous").disabled


def test_design_step_shows_the_figures_and_their_changes(sample_env: Path) -> None:
    at = open_page(PRESENT, step="3")
    m = metrics(at)
    assert (m["DINs recorded"], m["Open DINs"], m["Closed DINs"]) == ("1,029", "86", "943")
    deltas = {x.label: x.delta for x in at.metric}
    assert (deltas["DINs recorded"], deltas["Open DINs"], deltas["Closed DINs"]) == ("12", "-30", "42")
    assert len(at.get("plotly_chart")) == 2


def test_cr_step_lists_what_moved_since_the_last_meeting(sample_env: Path) -> None:
    at = open_page(PRESENT, step="2")  # its first sub-step, the summary
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
    at = open_page(PRESENT, step="5", part="3")
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

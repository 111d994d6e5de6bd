"""Chair mode in AppTest: every step (the pack's sections) and sub-step renders, the step, sub-step, group and as-at
date live in the URL."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.test_pages import metrics, open_page, tables, unescape

# they read the data and change none of it: they share the caches the first of them fills
pytestmark = pytest.mark.shared_caches

PRESENT = "pages/present.py"
# the steps on the embedded data: DAG #36's seven agenda items, then the pack's three appendices
STEPS = [
    "Welcome",
    "Minutes and Actions",
    "Change Requests Update",
    "Design Updates",
    "Top Programme Risks related to DAG",
    "Programme Updates",
    "Summary and Next Steps",
    "Appendix: High Level Design Principles",
    "Appendix: Advisory Groups Update",
    "Appendix: MHHS Governance and Decision-Making Structure",
]
# the screens of each step (how many fit is chair.py's estimate; the browser tests measure each one)
PARTS = {1: 2, 2: 6, 3: 11, 4: 8, 5: 1, 6: 9, 7: 3, 8: 6, 9: 9, 10: 2}
SCREENS = [f"{n}.{p}" if parts > 1 else str(n) for n, parts in PARTS.items() for p in range(1, parts + 1)]


def param(at, name: str) -> str | None:
    value = at.query_params.get(name)
    return value[0] if isinstance(value, list) else value


def step_of(at) -> str:
    return param(at, "step")  # type: ignore[return-value]


def screen_of(at) -> str:
    """The screen's number as its title gives it ("1.2 · Minutes and Actions" -> "1.2")."""
    return unescape(at.title[0].value).split(" · ")[0]


@pytest.mark.parametrize(("step", "title"), list(enumerate(STEPS, start=1)), ids=STEPS)
def test_each_step_renders(step: int, title: str, sample_env: Path) -> None:
    at = open_page(PRESENT, step=str(step))
    assert not at.exception, [e.value for e in at.exception]
    assert unescape(at.title[0].value).endswith(f" · {title}")
    assert screen_of(at) in (str(step), f"{step}.1")
    assert step_of(at) == str(step)
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
    assert back == SCREENS[::-1]  # Previous from 2.1 goes to the last part of step 1, 1.2


@pytest.mark.parametrize(("asked", "shown"), [("9", "2.6"), ("0", "2.1"), ("x", "2.1")])
def test_a_sub_step_out_of_range_is_clamped_with_a_notice(asked: str, shown: str, sample_env: Path) -> None:
    at = open_page(PRESENT, step="2", part=asked)
    assert not at.exception
    assert screen_of(at) == shown
    assert param(at, "part") == shown.split(".")[1]
    assert "no agenda step like that" in at.info[0].value


def test_a_step_of_one_screen_drops_a_part_from_its_link(sample_env: Path) -> None:
    at = open_page(PRESENT, step="5", part="2")
    assert screen_of(at) == "5"
    assert param(at, "part") is None


def all_rows(step: str, parts: int, column: str) -> list[dict[str, str]]:
    """Every row of the tables with `column` shown across a step's sub-steps, in order."""
    return [
        r
        for p in range(1, parts + 1)
        for t in tables(open_page(PRESENT, step=step, part=str(p)))
        if column in t.columns
        for r in t.to_dict("records")
    ]


def test_the_action_log_shows_every_action_once_with_its_latest_update(sample_env: Path) -> None:
    rows = all_rows("2", PARTS[2], "Latest update")
    # in reference order, as the DAG #36 pack prints them
    assert [r["Ref"] for r in rows] == [
        "DAG32-06",
        "DAG34-04",
        "DAG34-08",
        "DAG35-01",
        "DAG35-02",
        "DAG35-03",
        "DAG35-04",
    ]
    assert list(rows[0]) == ["Ref", "Action", "Owner", "Due", "Status", "Latest update"]
    latest = {r["Ref"]: r["Latest update"] for r in rows}
    assert latest["DAG35-02"].startswith("Risk R856 has been raised.")
    assert {r["Ref"]: r["Status"] for r in rows}["DAG35-02"] == "RECOMMEND CLOSED"
    heads = [h.value for p in range(1, PARTS[2] + 1) for h in open_page(PRESENT, step="2", part=str(p)).subheader]
    heads = [unescape(h) for h in heads]
    assert "Minutes and Actions review: rows 1\N{EN DASH}2 of 7" in heads


def test_the_cr_register_shows_every_cr_once_with_its_latest_action(sample_env: Path) -> None:
    rows = all_rows("3", PARTS[3], "Ref.")
    assert [r["Ref."] for r in rows] == [f"CR0{n}" for n in range(43, 51)]
    assert {r["Ref."]: r["Latest action"] for r in rows}["CR047"] == (
        "Approved by Change Board (12-Apr-24), subject to ratification by PSG"
    )


def test_the_summaries_come_before_the_tables(sample_env: Path) -> None:
    at = open_page(PRESENT, step="2")
    assert metrics(at)["Actions in the log"] == "7"
    assert not at.table
    text = " ".join(md.value for md in at.markdown).replace("\\", "")
    assert "DAG35-02 new: RECOMMEND CLOSED" in text


@pytest.mark.parametrize(
    ("step", "page"),
    [("2", "actions"), ("3", "change_requests"), ("4", "dins"), ("7", ""), ("8", "principles"), ("9", "groups")],
)
def test_leave_chair_mode_opens_the_dashboard_at_the_same_as_at_and_filters(
    step: str, page: str, sample_env: Path
) -> None:
    # as at 1 May 2024 the steps are DAG #36's; the link carries the as-at date, the filters and the group
    at = open_page(
        PRESENT, step=step, as_at="2024-05-01", release="Interim Release 5.2", since="2024-04-02", group="DAG"
    )
    (link,) = [p.proto for p in at.get("page_link")]
    assert link.label == "Leave chair mode"
    assert link.page == page
    assert "as_at=2024-05-01" in link.query_string
    assert "group=DAG" in link.query_string
    assert "release=Interim+Release+5.2" in link.query_string
    assert "since=2024-04-02" in link.query_string
    assert "step" not in link.query_string


def test_no_as_at_freezes_to_the_newest_snapshot_in_the_url(sample_env: Path) -> None:
    at = open_page(PRESENT)
    assert step_of(at) == "1"
    as_at = at.query_params["as_at"]
    assert (as_at[0] if isinstance(as_at, list) else as_at) == "2024-05-01"
    assert "frozen as at 01 May 2024" in at.caption[0].value


@pytest.mark.parametrize(("asked", "shown"), [("99", "10.1"), ("0", "1.1"), ("-3", "1.1"), ("abc", "1.1")])
def test_a_step_out_of_range_is_clamped_with_a_notice(asked: str, shown: str, sample_env: Path) -> None:
    at = open_page(PRESENT, step=asked)
    assert not at.exception
    assert unescape(at.title[0].value).startswith(f"{shown} · ")
    assert step_of(at) == shown.split(".")[0]
    assert "no agenda step like that" in at.info[0].value


def test_next_and_previous_move_through_the_agenda(sample_env: Path) -> None:
    at = open_page(PRESENT, step="3", part=str(PARTS[3]))
    next(b for b in at.button if b.label == "Next").click().run()
    assert step_of(at) == "4"
    assert unescape(at.title[0].value) == "4.1 · Design Updates"
    next(b for b in at.button if b.label == "Previous").click().run()
    assert (step_of(at), param(at, "part")) == ("3", str(PARTS[3]))
    at = open_page(PRESENT, step="1", part="2")
    next(b for b in at.button if b.label == "Previous").click().run()
    assert (step_of(at), param(at, "part")) == ("1", "1")
    assert next(b for b in at.button if b.label == "Previous").disabled


def test_design_step_shows_the_figures_and_their_changes(sample_env: Path) -> None:
    at = open_page(PRESENT, step="4")
    m = metrics(at)
    assert (m["DINs recorded"], m["Open DINs"], m["Closed DINs"]) == ("1,029", "86", "943")
    deltas = {x.label: x.delta for x in at.metric}
    assert (deltas["DINs recorded"], deltas["Open DINs"], deltas["Closed DINs"]) == ("12", "-30", "42")
    drawn = sum(len(open_page(PRESENT, step="4", part=str(p)).get("plotly_chart")) for p in range(1, PARTS[4] + 1))
    assert drawn == 2


def test_cr_step_lists_what_moved_since_the_last_meeting(sample_env: Path) -> None:
    at = open_page(PRESENT, step="3")  # its first sub-step, the summary
    text = " ".join(md.value for md in at.markdown).replace("\\", "")
    assert "CR050 new: Open, Development" in text
    assert "CR049 now Withdrawn" in text
    assert metrics(at)["CRs in the register"] == "8"


def test_an_earlier_snapshot_has_no_changes_to_show(sample_env: Path) -> None:
    at = open_page(PRESENT, step="1", as_at="2024-04-02")
    assert all(not x.delta for x in at.metric)
    assert "no earlier snapshot" in at.caption[0].value
    assert "Figures frozen as at 02 April 2024" in at.caption[0].value


def test_risks_step_lists_the_risks_whole_as_written(sample_env: Path) -> None:
    (rows,) = tables(open_page(PRESENT, step="5"))
    assert list(rows.columns) == ["Risk", "Title", "Linked CR", "CR title", "Status", "Owner"]
    first = rows.to_dict("records")[0]
    assert {k: first[k] for k in ("Risk", "Title", "Linked CR", "Status", "Owner")} == {
        "Risk": "R856",
        "Title": "CR044 (Data Refresh message IF-051) not approved for implementation pre-M10",
        "Linked CR": "CR044",
        "Status": "Open",
        "Owner": "Paul Pettitt",
    }
    assert list(rows["Risk"]) == ["R856", "R857"]


def test_seats_step_shows_the_seat_counts(sample_env: Path) -> None:
    at = open_page(PRESENT, step="9", part="1")
    m = metrics(at)
    assert (m["SITAG seats filled"], m["MCAG seats filled"], m["QAG seats filled"]) == ("9 of 13", "9 of 13", "9 of 11")


def test_summary_step_offers_the_pack_and_the_slides(sample_env: Path) -> None:
    at = open_page(PRESENT, step="7", part=str(PARTS[7]))
    labels = [d.proto.label for d in at.get("download_button")]
    assert labels == ["Meeting pack (HTML)", "Data slides (PowerPoint)"]


def test_a_group_opens_its_own_meeting_and_stays_in_the_link(sample_env: Path) -> None:
    # (an unknown group's notice: tests/test_browser_present.py, as the overview AppTest starts on drops it first)
    at = open_page(PRESENT, group="SITAG")
    assert not at.exception
    assert not at.info
    assert param(at, "group") == "SITAG"
    assert at.caption[0].value.startswith("System Integration & Testing Advisory Group")
    assert "Design Advisory Group #36" not in at.caption[0].value


def test_present_flag_hides_the_navigation_on_any_page(sample_env: Path) -> None:
    normal = open_page("pages/dins.py")
    chair = open_page("pages/dins.py", present="1")
    assert not chair.exception
    assert len(normal.sidebar.get("page_link")) > 0
    assert len(chair.sidebar.get("page_link")) == 0
    as_at = chair.query_params["as_at"]
    assert (as_at[0] if isinstance(as_at, list) else as_at) == "2024-05-01"

"""The DIN page and the data-quality page in AppTest: filters from the URL and from widgets, drill-down, one DIN."""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path
from urllib.parse import parse_qs

import pytest
from streamlit.testing.v1 import AppTest

from mhhs_dashboard import quality, source
from mhhs_dashboard.elements import OPEN_DIN_STATUSES, why_empty
from mhhs_dashboard.filters import Filters
from mhhs_dashboard.links import cleared_params
from mhhs_dashboard.screens import data_quality, dins
from mhhs_dashboard.source import Source
from tests.screen import html_text
from tests.test_pages import metrics, open_page

# what they write goes to a directory of their own (a new cache key): they share the caches
pytestmark = pytest.mark.shared_caches

DINS = "pages/dins.py"
QUALITY = "pages/data_quality.py"


def tiles(at: AppTest) -> tuple[str, ...]:
    m = metrics(at)
    return (m["DINs in view"], m["Open"], m["Closed"], m["Raised since 02 Apr"], m["Closed since 02 Apr"])


def table(at: AppTest):
    """The DINs listed; on the whole log the list is one click away, so it is opened first (as a click does)."""
    if not at.dataframe:
        at.session_state["dins_list"] = True
        at.run()
    return at.dataframe[0].value


def selection(**point: object) -> dict[str, object]:
    """A Plotly selection event as st.plotly_chart reports one clicked point."""
    return {"selection": {"points": [point], "point_indices": [0], "box": [], "lasso": []}}


def test_the_whole_log_by_default(sample_env: Path) -> None:
    at = open_page(DINS)
    assert not at.exception, [e.value for e in at.exception]
    assert tiles(at) == ("1,029", "86", "943", "12", "42")
    assert len(table(at)) == 1029
    assert table(at)["din_id"].iloc[0] == "DIN-1066"  # newest raised first
    assert any("illustrative" in c.value.lower() for c in at.caption)
    assert [b.label for b in at.get("download_button")] == ["Download CSV", "Download Excel"]


def test_the_whole_log_lists_its_rows_one_click_away_and_a_narrowed_view_at_once(sample_env: Path) -> None:
    at = open_page(DINS)
    assert not at.dataframe  # the whole log: the list is closed and no row was sent
    assert [e.label for e in at.expander if e.label == dins.LIST] == [dins.LIST]
    assert "The DINs in view (1,029)" in [h.value for h in at.subheader]
    for narrowed in ({"release": "No release"}, {"q": "IF-0"}, {"raised_by": "DCC"}, {"pick_status": "Closed"}):
        at = open_page(DINS, **narrowed)
        assert not at.exception, narrowed
        assert len(at.dataframe) == 1, narrowed  # open at once: the rows a link or a filter asked for


def test_filters_in_the_url_narrow_tiles_and_table(sample_env: Path) -> None:
    at = open_page(DINS, release="Interim Release 5.2", status=["Ready for Internal Review", "Implemented"])
    assert tiles(at)[:3] == ("27", "7", "20")
    assert set(table(at)["release"]) == {"Interim Release 5.2"}
    at = open_page(DINS, release="No release", raised_by="DCC", **{"from": "2024-01-01", "to": "2024-03-31"})
    got = table(at)
    assert 0 < len(got) < 267
    assert set(got["raised_by"]) == {"DCC"}
    assert got["raised_date"].min().date().isoformat() >= "2024-01-01"
    assert got["raised_date"].max().date().isoformat() <= "2024-03-31"
    assert metrics(at)["DINs in view"] == str(len(got))


def test_search_box_writes_q_to_the_url_and_narrows_everything(sample_env: Path) -> None:
    at = open_page(DINS)
    at.text_input(key="text_q").set_value("DIN-1066").run()
    assert at.query_params["q"] in ("DIN-1066", ["DIN-1066"])
    assert list(table(at)["din_id"]) == ["DIN-1066"]
    assert tiles(at)[:3] == ("1", "1", "0")
    again = open_page(DINS, q="if-041")  # the same search from a link, any case
    assert len(table(again)) > 0
    assert table(again)["title"].str.contains("IF-041").all()


def test_raised_by_and_date_widgets_write_the_url(sample_env: Path) -> None:
    at = open_page(DINS)
    at.multiselect(key="filter_raised_by").set_value(["Elexon"]).run()
    assert at.query_params["raised_by"] in ("Elexon", ["Elexon"])
    elexon = len(table(at))
    assert elexon < 1029
    assert set(table(at)["raised_by"]) == {"Elexon"}
    at.date_input(key="date_from").set_value(dt.date(2024, 1, 1)).run()
    assert at.query_params["from"] in ("2024-01-01", ["2024-01-01"])
    assert len(table(at)) < elexon


def test_bad_url_values_are_dropped_with_a_notice(sample_env: Path) -> None:
    at = open_page(DINS, raised_by="Nobody", **{"from": "not-a-date"}, pick_status="Parked")
    assert not at.exception
    notice = " ".join(i.value for i in at.info).replace("\\", "")
    assert all(word in notice for word in ("Nobody", "from", "Parked"))
    assert len(table(at)) == 1029


def test_clicking_a_status_bar_lists_those_dins_and_keeps_the_pick_in_the_url(sample_env: Path) -> None:
    at = open_page(DINS)
    at.session_state["dins_status_0"] = selection(y="Closed", x=206, customdata=["Closed"])
    at.run()
    assert len(table(at)) == 206
    assert set(table(at)["status"]) == {"Closed"}
    assert at.query_params["pick_status"] in ("Closed", ["Closed"])
    assert tiles(at)[0] == "1,029"  # the tiles and charts still show the whole view; only the table narrows
    reopened = open_page(DINS, pick_status="Closed")  # the copied link
    assert len(table(reopened)) == 206


def test_clicking_a_release_bar_and_a_matrix_cell(sample_env: Path) -> None:
    at = open_page(DINS)
    at.session_state["dins_release_0"] = selection(x="Interim Release 5.2", y=8)
    at.run()
    assert len(table(at)) == 28  # 8 with the trailing-space label, merged, + 20
    at.session_state["dins_matrix_0"] = selection(
        x="Interim Release 5.2", y="Implemented", customdata=["Interim Release 5.2", "Implemented"]
    )
    at.run()
    assert len(table(at)) == 20
    assert at.query_params["pick_release"] in ("Interim Release 5.2", ["Interim Release 5.2"])
    assert at.query_params["pick_status"] in ("Implemented", ["Implemented"])
    at.button[0].click().run()  # "Clear selection"
    assert len(table(at)) == 1029
    assert "pick_status" not in at.query_params


def test_one_dins_own_view_with_its_history(sample_env: Path) -> None:
    at = open_page(DINS, din="DIN-0499")
    assert not at.exception
    assert at.title[0].value.replace("\\", "") == "DIN-0499"  # data text is shown inert (Markdown escaped)
    m = metrics(at)
    assert (m["Status"], m["Target release"]) == ("Implemented", "No release")
    history = at.dataframe[1].value
    assert [d.date().isoformat() for d in history["as_at"]] == ["2024-04-02", "2024-04-30"]
    assert list(history["status"]) == ["Implemented", "Implemented"]


def test_a_din_that_moved_shows_the_move_in_its_history(sample_env: Path) -> None:
    at = open_page(DINS, din="DIN-1066")
    history = at.dataframe[1].value
    assert list(history["status"]) == ["Not yet raised", "Initial Assessment/Updating"]
    assert list(history["changed"])[-1] == "first in this snapshot"


def test_an_unknown_din_falls_back_to_the_list_with_a_notice(sample_env: Path) -> None:
    at = open_page(DINS, din="DIN-<script>")
    assert not at.exception
    assert "Ignored what this link asked for but the data does not have: din=DIN\\-\\<script\\>" in " ".join(
        i.value for i in at.info
    )
    assert "din" not in at.query_params
    assert len(table(at)) == 1029


def test_data_quality_shows_the_packs_oddities(sample_env: Path) -> None:
    at = open_page(QUALITY)
    assert not at.exception, [e.value for e in at.exception]
    labels = [e.label for e in at.expander]
    assert any("canonical spelling: 8 rows at fault" in label for label in labels)
    assert any("name their release: 2 rows at fault" in label for label in labels)
    variants = at.dataframe[-1].value
    trailing = variants[variants["difference"] == "trailing space"]
    assert list(zip(trailing["canonical"], trailing["rows"], strict=True)) == [("Interim Release 5.2", 8)]
    text = " ".join(m.value for m in at.markdown)
    assert all(figure in text for figure in ("762", "267", "1,029"))
    assert metrics(at)["Checks with rows at fault"] == f"2 of {len(quality.all_checks())}"


def test_registers_with_nothing_at_fault_are_one_block_and_faults_follow_their_register(sample_dir: Path) -> None:
    blocks = data_quality.register_blocks(source.source(data_dir=str(sample_dir)))
    headings = [[line for line in text.split("\n\n") if line.startswith("### ")] for text, _ in blocks]
    # the embedded data: two checks of the DIN log at fault, every other register clean
    assert headings == [
        ["### DIN log"],
        [
            "### CR register",
            "### Risks",
            "### Action log",
            "### Decisions log",
            "### Participant checklist",
            "### Design principles",
            "### Groups",
        ],
    ]
    assert [r.check.table for r in blocks[0][1]] == ["din_log", "din_log"]
    assert blocks[1][1] == []
    text = blocks[0][0] + blocks[1][0]
    assert not any(r.check.title in text for r in blocks[0][1])  # a check at fault is its expander, not a tick
    assert text.count(":green[:material/check_circle:]") == len(quality.all_checks()) - 2


def test_a_failing_checks_rows_are_sent_once_its_expander_is_opened(sample_env: Path) -> None:
    at = open_page(QUALITY)
    grids = len(at.dataframe)
    label = next(e.label for e in at.expander if "canonical spelling: 8 rows at fault" in e.label)
    assert not any(e.label == label and e.children for e in at.expander)  # closed: nothing inside was sent
    check = next(c for c in quality.all_checks() if c.title == "Status and release labels in their canonical spelling")
    at.session_state[f"dq_{check.name}"] = True  # what a click on the expander does
    at.run()
    assert not at.exception
    assert len(at.dataframe) == grids + 1
    opened = next(e for e in at.expander if e.label == label)
    rows = opened.dataframe[0].value
    assert len(rows) == 8
    assert {"row_key", "problem", "detail", "link"} <= set(rows.columns)


HOSTILE = "[click me](http://evil.example) <img src=x onerror=alert(1)> **bold** $x$"


def test_hostile_text_and_odd_rows_never_break_the_pages(make_store, tmp_path: Path, monkeypatch) -> None:
    make_store(
        din_log=[
            {"din_id": "DIN-0001", "title": HOSTILE, "status": "Parked", "raised_by": "=cmd|' /C calc'!A0"},
            {"din_id": "DIN-0001", "title": None, "status": None, "raised_date": dt.date(2024, 4, 1)},
        ]
    )
    monkeypatch.setenv("MHHS_DATA_DIR", str(tmp_path))
    at = open_page(DINS, din="DIN-0001")
    assert not at.exception, [e.value for e in at.exception]
    assert at.subheader[0].value.startswith("\\[click me\\]")  # escaped: no link, no HTML
    assert any("2 rows in the log carry this id" in w.value for w in at.warning)
    listing = open_page(DINS, q="click")
    assert not listing.exception
    assert list(table(listing)["din_id"]) == ["DIN-0001"]
    quality_page = open_page(QUALITY)
    assert not quality_page.exception, [e.value for e in quality_page.exception]
    labels = " ".join(e.label for e in quality_page.expander)
    assert "DIN ids are unique: 2 rows at fault" in labels
    assert "DIN statuses are in the vocabulary: 2 rows at fault" in labels


def test_no_din_log_at_all_gives_empty_views(make_store, tmp_path: Path, monkeypatch) -> None:
    make_store(seats=[{"group_code": "QAG", "constituency": "DNO", "filled": True}])  # the overview needs a seat
    monkeypatch.setenv("MHHS_DATA_DIR", str(tmp_path))
    at = open_page(DINS)
    assert not at.exception, [e.value for e in at.exception]
    m = metrics(at)
    assert (m["DINs in view"], m["Open"]) == ("0", "0")
    assert "The data holds no snapshot of the DIN log: load one with" in notices(at)
    assert not at.dataframe  # nothing to list
    assert not open_page(QUALITY).exception


def test_a_long_log_lists_the_newest_and_says_how_many_it_leaves_out(tmp_path: Path, monkeypatch) -> None:
    from bench import scaled

    scaled.write_scaled(tmp_path, scale=3, weeks=2)  # 3,087 DINs: more than the page lists
    monkeypatch.setenv("MHHS_DATA_DIR", str(tmp_path))
    at = open_page(DINS)
    assert not at.exception, [e.value for e in at.exception]
    assert metrics(at)["DINs in view"] == "3,087"
    assert any(h.value == "The DINs in view (3,087)" for h in at.subheader)
    listed = table(at)
    assert len(listed) == 2_000
    assert listed["raised_date"].is_monotonic_decreasing
    assert any("Listing the 2,000 most recently raised of 3,087" in c.value for c in at.caption)


def links(at: AppTest) -> dict[str, tuple[str, str]]:
    """Every st.page_link in the main area: label (Markdown escapes removed) -> (page, query string)."""
    return {
        re.sub(r"\\(.)", r"\1", e.proto.label): (e.proto.page, e.proto.query_string) for e in at.main.get("page_link")
    }


def notices(at: AppTest) -> str:
    return " ".join(re.sub(r"\\(.)", r"\1", i.value) for i in at.info)


def test_an_empty_filter_result_says_so_and_links_to_the_log_without_filters(sample_env: Path) -> None:
    for params in ({"release": "Interim Release 7.3"}, {"q": "no such words"}):
        at = open_page(DINS, **params, as_at="2024-05-01")
        assert not at.exception, [e.value for e in at.exception]
        assert "No DINs match these filters." in notices(at)
        assert "No DIN log loaded" not in " ".join(c.value for c in at.caption)
        assert "DIN log as at 30 April 2024" in html_text(at)  # the note under the tiles
        # the filters go; the as-at date stays
        assert links(at)["Clear the filters"] == ("dins", "as_at=2024-05-01")
        assert not at.get("plotly_chart")  # no empty charts saying "No rows match" under the notice


def test_an_as_at_before_every_snapshot_names_the_earliest_one(sample_env: Path) -> None:
    at = open_page(DINS, as_at="1999-01-01")
    assert not at.exception, [e.value for e in at.exception]
    assert "No snapshot of the DIN log exists on or before 01 Jan 1999: the earliest is as at 02 Apr 2024." in notices(
        at
    )
    assert "No DINs match" not in notices(at)
    page, query = links(at)["Open as at 02 Apr 2024"]
    assert (page, query) == ("dins", "as_at=2024-04-02")


@pytest.mark.parametrize(
    ("page", "message"),
    [
        ("pages/actions.py", "No snapshot of the action log exists on or before 01 Jan 1999"),
        ("pages/change_requests.py", "No snapshot of the CR register exists on or before 01 Jan 1999"),
        ("pages/groups.py", "No snapshot of the seat lists exists on or before 01 Jan 1999"),
        ("pages/meetings.py", "No snapshot of the meetings exists on or before 01 Jan 1999"),
        ("pages/milestones.py", "No snapshot of the milestone plan exists on or before 01 Jan 1999"),
    ],
)
def test_every_register_page_tells_an_early_as_at_from_an_empty_filter(page: str, message: str, sample_env) -> None:
    at = open_page(page, as_at="1999-01-01")
    assert not at.exception, [e.value for e in at.exception]
    assert message in notices(at)
    assert "match these filters" not in notices(at)


def test_a_page_whose_filters_match_nothing_offers_to_clear_them(sample_env: Path) -> None:
    at = open_page("pages/actions.py", owner="Programme", status="CLOSED", as_at="2024-05-01")
    assert "No actions match these filters." in notices(at)
    assert links(at)["Clear the filters"] == ("actions", "as_at=2024-05-01")


def test_a_cleared_link_keeps_what_says_which_data_it_shows() -> None:
    src = Source("data", "v", dt.date(2024, 5, 1))
    f = Filters(
        src, releases=("Interim Release 5.2",), groups=("DAG",), statuses=("Closed",), since=dt.date(2024, 4, 2)
    )
    assert cleared_params(f) == {"as_at": "2024-05-01", "since": "2024-04-02"}
    assert cleared_params(Filters(Source("data", "v"), releases=("No release",))) == {}


def test_why_empty_in_each_case() -> None:
    day = dt.date
    early = why_empty("din_log", "DINs", in_use=None, frozen=day(1999, 1, 1), earliest=day(2024, 4, 2), filtered=True)
    assert early == (
        "No snapshot of the DIN log exists on or before 01 Jan 1999: the earliest is as at 02 Apr 2024.",
        "earliest",
    )
    never = why_empty("din_log", "DINs", in_use=None, frozen=None, earliest=None, filtered=False)
    assert never == (
        "The data holds no snapshot of the DIN log: load one with `mhhs-dashboard ingest din-log FILE`.",
        None,
    )
    narrowed = why_empty(
        "din_log", "DINs", in_use=day(2024, 4, 30), frozen=None, earliest=day(2024, 4, 2), filtered=True
    )
    assert narrowed == ("No DINs match these filters.", "clear")
    empty = why_empty("risks", "risks", in_use=day(2024, 5, 1), frozen=None, earliest=day(2024, 5, 1), filtered=False)
    assert empty == ("The risks snapshot as at 01 May 2024 holds no risks.", None)


def test_the_next_release_signpost_on_the_din_page_and_the_overview(make_store, tmp_path: Path, monkeypatch) -> None:
    make_store(
        din_log={
            dt.date(2024, 4, 30): [
                {"din_id": "DIN-0001", "status": "Ready for Internal Review", "target_release": "IR7.3"},
                {"din_id": "DIN-0002", "status": "Implemented", "target_release": "Interim Release 7.3"},
                {"din_id": "DIN-0003", "status": "Closed", "target_release": "Interim Release 7.2"},
            ]
        },
        releases={
            dt.date(2024, 5, 1): [
                {"release_code": "IR7.2", "label": "Interim Release 7.2", "published_date": dt.date(2024, 4, 10)},
                {"release_code": "IR7.3", "label": "Interim Release 7.3", "published_date": dt.date(2024, 5, 8)},
            ]
        },
        seats=[{"group_code": "DAG", "constituency": "DNO", "filled": True}],
        groups=[{"group_code": "DAG", "name": "Design Advisory Group"}],
    )
    monkeypatch.setenv("MHHS_DATA_DIR", str(tmp_path))
    for page in (DINS, "app.py"):
        at = open_page(page, group="DAG", as_at="2024-05-01")
        assert not at.exception, [e.value for e in at.exception]
        m = metrics(at)
        assert (m["Interim Release 7.3"], m["DINs targeted"], m["Still open"]) == ("08 May 2024", "2", "1")
        assert "In 7 days: the next Interim Release after the as-at date, 01 May 2024" in html_text(at)
        got = links(at)
        page_name, query = got["The 2 DINs targeted at Interim Release 7.3"]
        assert page_name == "dins"
        # the release replaces the view's own; the other filters and the as-at date are kept
        kept = {"group": ["DAG"]} if page == "app.py" else {}  # the overview filters groups; the DIN page does not
        assert parse_qs(query) == {"release": ["Interim Release 7.3"], **kept, "as_at": ["2024-05-01"]}
        page_name, query = got["The 1 still open"]
        assert parse_qs(query)["status"] == OPEN_DIN_STATUSES
        assert parse_qs(query)["release"] == ["Interim Release 7.3"]

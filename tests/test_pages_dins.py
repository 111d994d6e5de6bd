"""The DIN page and the data-quality page in AppTest: filters from the URL and from widgets, drill-down, one DIN."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from streamlit.testing.v1 import AppTest

from mhhs_dashboard import quality
from tests.test_pages import metrics, open_page

DINS = "pages/dins.py"
QUALITY = "pages/data_quality.py"


def tiles(at: AppTest) -> tuple[str, ...]:
    m = metrics(at)
    return (m["DINs in view"], m["Open"], m["Closed"], m["Raised since 02 Apr"], m["Closed since 02 Apr"])


def table(at: AppTest):
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
    assert "no DIN" in " ".join(i.value for i in at.info)
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
    assert table(at).empty
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

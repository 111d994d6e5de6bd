"""Every page renders (AppTest); the overview shows the pack's figures; filters live in the URL."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pandas as pd
import pytest
from streamlit.testing.v1 import AppTest

from mhhs_dashboard.nav import NAV
from tests import pack
from tests.fixtures import APP, ROOT
from tests.screen import tiles

# what they write goes to a directory of their own (a new cache key): they share the caches
pytestmark = pytest.mark.shared_caches

PAGES = sorted(p.relative_to(ROOT).as_posix() for p in (ROOT / "pages").glob("*.py"))


def open_page(page: str = "app.py", **params: str | list[str]) -> AppTest:
    """Run `page` in AppTest with the URL query parameters given."""
    at = AppTest.from_file(str(APP), default_timeout=60)
    for k, v in params.items():
        at.query_params[k] = v
    at.run()
    if page != "app.py":
        at.switch_page(page).run()
    return at


def unescape(markdown: str) -> str:
    """Text as read: the Markdown escapes of data text (inert) taken off."""
    return re.sub(r"\\(.)", r"\1", markdown)


def metrics(at: AppTest) -> dict[str, str]:
    """Tile label -> value (tests/screen.py tiles)."""
    return dict(tiles(at))


def tables(at: AppTest) -> list[pd.DataFrame]:
    """Each plain table's rows as read: the Markdown the app sent, unescaped, with no-break spaces as spaces."""
    return [
        t.value.map(
            lambda v: re.sub(r"\\(.)", r"\1", v).replace("\N{NO-BREAK SPACE}", " ") if isinstance(v, str) else v
        )
        for t in at.table
    ]


@pytest.mark.parametrize("page", ["app.py", *PAGES])
def test_page_renders_without_exception(page: str, sample_env: Path) -> None:
    at = open_page(page)
    assert not at.exception, [e.value for e in at.exception]
    assert at.title, "every page has a title"
    for shown in at.dataframe:  # elements.grid names each grid and blanks missing values
        assert shown.proto.alt
        assert shown.proto.placeholder == "", shown.proto.alt
    for table in at.table:  # and elements.plain_table each plain table
        assert table.proto.alt
    for drawn in at.get("plotly_chart"):  # elements.chart names each chart after its title
        assert drawn.proto.alt == json.loads(drawn.proto.spec)["layout"]["title"]["text"]
        assert json.loads(drawn.proto.config)["displayModeBar"] is False  # no toolbar over titles and legends


def test_every_page_is_in_the_navigation() -> None:
    linked = {p.script for pages in NAV.values() for p in pages}
    assert linked == {"app.py", *PAGES}


def test_the_sidebar_lists_every_page_by_section(sample_env: Path) -> None:
    at = open_page()
    links = [link.label for link in at.sidebar.get("page_link")]
    assert links == [p.title for section, pages in NAV.items() if section != "PMO" for p in pages]  # no PMO: a viewer
    # the overview, a section of its own name, goes without a heading
    assert [c.value for c in at.sidebar.caption] == ["DESIGN", "DECISIONS", "GOVERNANCE", "IN THE MEETING"]


def test_overview_shows_the_packs_figures(sample_env: Path) -> None:
    at = open_page()
    m = metrics(at)
    assert (m["DINs recorded"], m["Open DINs"], m["Closed DINs"]) == ("1,029", "86", "943")
    for approval, n in pack.CR_APPROVAL.items():
        assert m[f"CRs {approval.lower()}"] == str(n)
    for group, (filled, total) in pack.SEATS.items():
        assert m[f"{group} seats filled"] == f"{filled} of {total}"
    assert (m["Actions open"], m["Recommended closed"], m["Actions overdue"]) == ("4", "3", "0")
    # the plan as at the registers' date (1 May 2024), not December's later snapshot: M6 is next
    assert m["M6: Code drafting baselined"] == "21 Aug 2024"


def test_overview_lists_the_next_meetings_from_the_logs_as_at_whole(sample_env: Path) -> None:
    # the overview's plain tables: next meetings, what participants are asked, decisions since the last DAG
    rows, _, _ = tables(open_page())
    assert list(rows.columns) == ["Date", "Group", "Meeting", "Kind"]
    # after the as-at date (1 May 2024) only: PSG's meeting that day is held, not next (the pack lists from 2 May)
    assert list(rows["Date"]) == [
        "Thu 02 May 2024",
        "Thu 02 May 2024",
        "Tue 07 May 2024",
        "Tue 07 May 2024",
        "Wed 08 May 2024",
        "Wed 08 May 2024",
    ]
    assert ["Wed 08 May 2024", "DAG", "DAG #36", "planned"] in rows.to_numpy().tolist()
    assert "Systems Integration Testing Working Group" in set(rows["Meeting"])  # whole, not cut to the column
    dag_only = tables(open_page(group="DAG"))[0]
    assert set(dag_only["Group"]) == {"DAG"}


def test_release_filter_from_the_url_narrows_the_din_tiles(sample_env: Path) -> None:
    at = open_page(release=["Interim Release 5.2", "Post Go-live Release TBC"])
    values = [value for _, value in tiles(at)]
    assert values[:3] == ["47", "27", "20"]  # 28 + 19 DINs; the 27 open ones are the 8 + 19
    assert at.query_params["release"] == ["Interim Release 5.2", "Post Go-live Release TBC"]


def test_choosing_a_release_writes_it_to_the_url(sample_env: Path) -> None:
    at = open_page()
    at.multiselect(key="filter_release").set_value(["Interim Release 7.1"]).run()
    assert [value for _, value in tiles(at)][:3] == ["20", "0", "20"]
    assert at.query_params["release"] in ("Interim Release 7.1", ["Interim Release 7.1"])


def test_unknown_url_values_are_dropped_with_a_notice(sample_env: Path) -> None:
    at = open_page(release=["Interim Release 7.1", "' OR 1=1 --"], group="NOPE", as_at="yesterday")
    assert not at.exception
    notice = " ".join(i.value for i in at.info)
    assert "OR 1=1" in notice.replace("\\", "")
    assert "NOPE" in notice
    assert "as\\_at=yesterday" in notice or "as_at=yesterday" in notice.replace("\\", "")
    assert [value for _, value in tiles(at)][:1] == ["20"]


def test_as_at_freezes_the_overview_to_an_earlier_snapshot(sample_env: Path) -> None:
    at = open_page(as_at="2024-04-02")
    assert [value for _, value in tiles(at)][:1] == ["1,017"]


def test_a_busy_month_lists_the_first_changes_and_says_how_many_there_are(tmp_path: Path, monkeypatch) -> None:
    from bench import scaled

    scaled.write_scaled(tmp_path, scale=20, weeks=4)  # 20x the pack, weekly: over a thousand changes since DAG #35
    monkeypatch.setenv("MHHS_DATA_DIR", str(tmp_path))
    at = open_page()
    assert not at.exception, [e.value for e in at.exception]
    assert not [d for d in at.dataframe if "item_key" in d.value.columns]  # nothing listed until it is opened
    at.session_state["overview_changes"] = True  # what a click on "What changed, item by item" does
    at.run()
    listed = next(d.value for d in at.dataframe if "item_key" in d.value.columns)
    assert len(listed) == 1_000
    note = next(c.value for c in at.caption if c.value.startswith("Listing the first 1,000 of "))
    total = int(re.search(r"of ([\d,]+) changes", note).group(1).replace(",", ""))
    assert total > 1_000


def test_what_changed_item_by_item_reads_in_the_registers_words(sample_env: Path) -> None:
    at = open_page()
    at.session_state["overview_changes"] = True  # what a click on "What changed, item by item" does
    at.run()
    assert not at.exception, [e.value for e in at.exception]
    items = next(d for d in at.dataframe if d.proto.alt == "What changed, item by item")
    moves = next(d for d in at.dataframe if d.proto.alt == "Status then and now")
    for shown in (items, moves):
        config = json.loads(shown.proto.columns)
        order = list(shown.proto.column_order)
        headings = [config[c]["label"] for c in order]
        assert not [h for h in headings if "_" in h], headings  # no raw field names on screen
        assert "table_name" not in order
    listed = items.value
    registers = list(dict.fromkeys(listed["register"]))
    assert registers == ["CR register", "Action log", "DIN log"]  # CRs and actions before the 100+ DIN rows
    assert (listed["register"] == "DIN log").sum() > 100
    moved = moves.value
    assert not moved.empty
    assert (moved["from_status"] != moved["to_status"]).all()  # no "ONGOING -> ONGOING"
    assert list(dict.fromkeys(moved["register"])) == ["CR register", "Action log", "DIN log"]

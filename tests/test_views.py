"""Layout pieces pages share (mhhs_dashboard/elements.py), run in AppTest on hand-written rows."""

from __future__ import annotations

import ast

import pandas as pd
from streamlit.testing.v1 import AppTest

from tests.fixtures import APP, ROOT, SCREENS, layout_files


def grid_of_rows() -> None:
    import pandas as pd

    from mhhs_dashboard.elements import grid

    rows = pd.DataFrame(
        {
            "ref": ["A1", "A2"],
            "notes": ["moved to June", None],
            "due": pd.to_datetime(["2024-05-01", None]),
            "count": [3, 4],
        }
    )
    grid(rows, "Actions due", column_config={"ref": "Ref"})


def grid_of_mixed_values() -> None:
    import pandas as pd

    from mhhs_dashboard.elements import grid

    grid(pd.DataFrame({"value": pd.Series([1, "two", 3.5], dtype=object)}), "Mixed values")


def test_a_grid_is_named_shows_missing_values_blank_and_keeps_dates_and_numbers_as_they_are() -> None:
    at = AppTest.from_function(grid_of_rows).run()
    assert not at.exception
    (shown,) = at.dataframe
    assert shown.proto.alt == "Actions due"  # what a screen reader calls the grid and its toolbar buttons
    assert shown.proto.placeholder == ""  # a missing value shows blank, not a faded "None"
    assert list(shown.value.columns) == ["ref", "notes", "due", "count"]  # no index column
    assert list(shown.value["notes"].fillna("-")) == ["moved to June", "-"]
    assert shown.value["due"].iloc[0] == pd.Timestamp("2024-05-01")
    assert pd.isna(shown.value["due"].iloc[1])  # a date column stays a date column, so it sorts
    assert list(shown.value["count"]) == [3, 4]


def test_a_column_of_mixed_values_is_still_shown_named_and_blank_where_missing() -> None:
    at = AppTest.from_function(grid_of_mixed_values).run()
    assert not at.exception
    (shown,) = at.dataframe
    assert [str(v) for v in shown.value["value"]] == ["1", "two", "3.5"]
    assert (shown.proto.alt, shown.proto.placeholder) == ("Mixed values", "")


def fixed_width_table() -> None:
    import pandas as pd

    from mhhs_dashboard.elements import plain_table

    rows = pd.DataFrame({"ref": ["P1", "P2"], "text": ["Open by default", "One source of truth"]})
    plain_table(rows, {"ref": "Ref", "text": "Principle"}, 'Principles "as agreed"', widths={"ref": 0.2, "text": 0.8})


def test_a_fixed_width_table_gets_its_columns_widths_by_its_name() -> None:
    """Chair mode counts the lines a row wraps to from its columns' widths, so they are fixed, by a style sheet
    addressed to the table's accessible name (quotes in it escaped)."""
    at = AppTest.from_function(fixed_width_table).run()
    assert not at.exception
    (table,) = at.table
    assert table.proto.alt == 'Principles "as agreed"'
    (sheet,) = [h.proto.body for h in at.get("html")]
    named = '[data-testid="stMain"] table[aria-label="Principles \\22 as agreed\\22 "]'
    assert f"{named} {{ table-layout: fixed; width: 100%; }}" in sheet
    assert f"{named} th:nth-child(1) {{ width: 20.00%; }}" in sheet
    assert f"{named} th:nth-child(2) {{ width: 80.00%; }}" in sheet
    assert list(table.value.columns) == ["Ref", "Principle"]


def test_pages_draw_data_grids_only_through_grid() -> None:
    """So every grid is named, shows missing values blank and goes over as Arrow: elements.grid is the one
    st.dataframe call (in a column too: `with left: grid(...)`, not `left.dataframe(...)`)."""
    for path in layout_files():
        text = path.read_text(encoding="utf-8")
        assert ".dataframe(" not in text, f"{path.name}: use elements.grid"
        assert ".table(" not in text, f"{path.name}: use elements.plain_table, which names the table"


def test_page_scripts_only_call_their_screen() -> None:
    """Streamlit compiles a page script again whenever no session is open, so a page's layout lives in
    mhhs_dashboard/screens/ (compiled once per server) and its script only calls it: one screen per page."""
    scripts = {APP: "overview", **{p: p.stem for p in sorted((ROOT / "pages").glob("*.py"))}}
    for path, screen in scripts.items():
        body = ast.parse(path.read_text(encoding="utf-8")).body
        code = [ast.unparse(node) for node in body if not (isinstance(node, ast.Expr) and node is body[0])]
        assert code == [f"from mhhs_dashboard.screens import {screen}", f"{screen}.show()"], path.name
    assert {p.stem for p in SCREENS.glob("*.py")} - {"__init__"} == set(scripts.values())

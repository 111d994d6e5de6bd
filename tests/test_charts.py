"""Chart builders are pure: a frame in, a figure out, with the project's palette and template."""

from __future__ import annotations

import json

import pandas as pd
import plotly.graph_objects as go
import pytest

from mhhs_dashboard import charts, data
from tests.test_pages import PAGES, open_page

STATUS_ROWS = pd.DataFrame(
    {
        "status": ["Open - awaiting assessment", "Implemented", "Closed"],
        "state": ["open", "closed", "closed"],
        "status_order": [1, 7, 8],
        "dins": [44, 737, 206],
    }
)


def test_din_by_status_bar_keeps_the_given_order() -> None:
    fig = charts.din_by_status_bar(STATUS_ROWS)
    assert {t.name for t in fig.data} == {"Open", "Closed"}
    assert list(fig.layout.yaxis.categoryarray) == list(STATUS_ROWS["status"])
    assert fig.layout.template.layout.colorway == tuple(charts.OKABE_ITO)
    # open and closed differ by pattern as well as colour
    patterns = {t.name: t.marker.pattern.shape for t in fig.data}
    assert patterns["Open"] != patterns["Closed"]


def test_din_by_release_bar_uses_short_labels_in_release_order() -> None:
    df = pd.DataFrame(
        {
            "release": ["Interim Release 2", "Interim Release 2.1", "No release"],
            "release_order": [1, 2, 3],
            "dins": [3, 1, 5],
            "open": [0, 1, 2],
            "closed": [3, 0, 3],
        }
    )
    fig = charts.din_by_release_bar(df)
    assert list(fig.layout.xaxis.categoryarray) == list(df["release"])
    assert fig.layout.xaxis.labelalias["Interim Release 2.1"] == "IR2.1"
    assert fig.layout.barmode == "stack"
    # the legend reads Open, Closed, as the status chart's beside it does
    assert [t.name for t in fig.data] == [t.name for t in charts.din_by_status_bar(STATUS_ROWS).data]
    assert fig.layout.legend.traceorder == "normal"


def test_empty_frames_give_an_annotated_empty_chart() -> None:
    empty = pd.DataFrame(columns=["status", "state", "status_order", "dins"])
    fig = charts.din_by_status_bar(empty)
    assert fig.data == ()
    assert fig.layout.annotations[0].text == "No rows match the filters"


def test_seat_fill_bar_writes_n_of_m() -> None:
    df = pd.DataFrame({"group_code": ["SITAG", "QAG"], "filled": [9, 9], "total": [13, 11]})
    fig = charts.seat_fill_bar(df)
    assert list(fig.data[0].text) == ["9 of 13 filled", "9 of 11 filled"]
    assert list(fig.data[1].x) == [4, 2]


def test_seat_grid_marks_each_cell_and_names_it_in_the_hover_from_its_axes() -> None:
    seats = pd.DataFrame(
        {
            "constituency": ["Large supplier", "Large supplier", "DNO"],
            "group_code": ["DAG", "PSG", "DAG"],
            "filled": [True, False, True],
            "seat_state": ["Filled", "Vacant", "Filled"],
        }
    )
    (cells,) = charts.seat_grid_heatmap(seats).data
    assert [list(row) for row in cells.text] == [["✓ Filled", "✗ Vacant"], ["✓ Filled", "—"]]
    assert [list(row) for row in cells.customdata] == [["filled", "vacant"], ["filled", "no seat"]]
    assert cells.hovertemplate == "%{x} · %{y}: %{customdata}<extra></extra>"  # "PSG · DNO: no seat"
    # what a cell costs the chart sent at every view: its mark and its state's word, not its names again
    many = pd.DataFrame(
        {
            "constituency": [f"Constituency {i}" for i in range(500) for _ in range(3)],
            "group_code": ["DAG", "PSG", "TMAG"] * 500,
            "filled": [True, False, True] * 500,
            "seat_state": ["Filled", "Vacant", "Filled"] * 500,
        }
    )
    spec = charts.seat_grid_heatmap(many).to_json()
    assert len(spec.encode()) / len(many) < 40, len(spec.encode()) / len(many)  # 58 with the names in each


def test_cr_pipeline_bar_labels_each_stage_with_its_count_and_longest_stay() -> None:
    df = pd.DataFrame(
        {
            "stage": ["Development", "Impact Assessment", "Approved", "Withdrawn"],
            "crs": [1, 0, 2, 1],
            "max_days_in_stage": [1, None, 19, None],
            "set_aside": [False, False, False, True],
            "cr_refs": ["CR043", "", "CR044, CR046", "CR049"],
        }
    )
    fig = charts.cr_pipeline_bar(df)
    labels = {t.name: list(t.text) for t in fig.data}
    assert labels == {
        "In the pipeline": ["1 · longest 1 day in stage", "0", "2 · longest 19 days in stage"],
        "Set aside": ["1"],
    }


def test_a_chart_is_named_after_its_title_and_says_when_it_has_no_rows() -> None:
    assert charts.accessible_name(charts.din_by_status_bar(STATUS_ROWS)) == "DINs by status"
    assert charts.accessible_name(charts.for_screen(charts.din_by_status_bar(STATUS_ROWS))) == "DINs by status"
    empty = charts.din_by_status_bar(STATUS_ROWS.head(0))
    assert charts.accessible_name(empty) == "DINs by status: No rows match the filters"


def test_every_public_builder_ends_by_returning_its_figure() -> None:
    """A builder whose last statement is not a return hands Streamlit None (a merge once dropped one)."""
    import ast
    from pathlib import Path

    tree = ast.parse(Path(charts.__file__).read_text(encoding="utf-8"))
    builders = [n for n in tree.body if isinstance(n, ast.FunctionDef) and not n.name.startswith("_")]
    assert builders
    assert [n.name for n in builders if not isinstance(n.body[-1], ast.Return)] == []


def spec(fig: go.Figure) -> dict[str, object]:
    """What a figure draws, with empty objects (an unset title left as {}) dropped as a copy drops them."""
    return go.Figure(fig.to_dict()).to_dict()


def test_a_figure_is_built_once_per_content_and_restyled_only_as_a_copy() -> None:
    built: list[int] = []
    real = charts.din_by_status_bar

    def counted(df: pd.DataFrame, height: int = 360) -> go.Figure:
        built.append(height)
        return real(df, height)

    frame = pd.DataFrame(
        {"status": ["Raised", "Closed"], "state": ["open", "closed"], "status_order": [1, 2], "dins": [7, 5]}
    )
    first = data.figure(counted, frame, height=333)  # the builder it is given
    again = data.figure(counted, frame.copy(), height=333)  # equal content, another object
    assert built == [333]
    assert spec(first) == spec(again)
    assert first is again  # one figure for every session: no copy (a copy validates every property again)
    shown = spec(first)
    big = charts.for_screen(first)  # chair mode restyles a copy...
    assert big.layout.font.size == 20  # chair mode's smallest text
    assert first.layout.font.size != 20
    assert spec(data.figure(counted, frame, height=333)) == shown  # ...never the shared figure
    data.figure(counted, frame.assign(dins=[8, 5]), height=333)  # new content: built again
    data.figure(counted, frame, height=400)  # another option: built again
    assert built == [333, 333, 400]


@pytest.mark.parametrize(
    ("foreground", "background", "want"),
    [
        ("#000000", "#ffffff", 21.0),
        ("#ffffff", "#ffffff", 1.0),
        ("#ffffff", "#000000", 21.0),  # either way round
        ("#808495", "#ffffff", 3.72),  # Streamlit's chart grey: below WCAG AA's 4.5
        ("rgb(128, 132, 149)", "#ffffff", 3.72),  # as a browser reports a computed colour
        ("#767676", "#ffffff", 4.54),  # the lightest grey that passes on white
    ],
)
def test_contrast_ratio_is_wcags(foreground: str, background: str, want: float) -> None:
    assert charts.contrast_ratio(foreground, background) == pytest.approx(want, abs=0.01)


def text_colours(layout: dict) -> dict[str, str | None]:
    """Where each kind of chart text takes its colour from, as the figure itself sets it (not its template)."""
    got: dict[str, str | None] = {
        "font": layout.get("font", {}).get("color"),
        "title": layout.get("title", {}).get("font", {}).get("color"),
        "legend": layout.get("legend", {}).get("font", {}).get("color"),
    }
    for axis in [k for k in layout if k.startswith(("xaxis", "yaxis"))]:
        got[f"{axis} ticks"] = layout[axis].get("tickfont", {}).get("color")
        title = layout[axis].get("title") or {}
        if title.get("text"):  # an axis with no title has no title text to read
            got[f"{axis} title"] = title.get("font", {}).get("color")
    return got


def test_the_template_and_every_figure_set_their_text_to_at_least_4_5_to_1() -> None:
    template = text_colours(charts.TEMPLATE.layout.to_plotly_json())
    assert all(c and charts.contrast_ratio(c) >= 4.5 for c in template.values()), template
    fig = charts.din_by_status_bar(STATUS_ROWS)
    got = text_colours(fig.layout.to_plotly_json())
    assert set(got) >= {"font", "title", "legend", "xaxis ticks", "xaxis title", "yaxis ticks"}
    assert {k: charts.contrast_ratio(c) >= 4.5 if c else c for k, c in got.items()} == dict.fromkeys(got, True)
    # a screen copy keeps them
    screen = text_colours(charts.for_screen(fig).layout.to_plotly_json())
    assert screen == got


ALL_PAGES = ["app.py", *PAGES]


@pytest.mark.parametrize("page", ALL_PAGES)
def test_every_chart_a_page_draws_carries_dark_enough_text_past_streamlits_theme(page: str, sample_env) -> None:
    """st.plotly_chart's theme writes grey (3.7:1) over the template's text colours in the browser; what the
    figure's own layout sets stands, so every drawn chart must set every text colour itself."""
    at = open_page(page)
    for drawn in at.get("plotly_chart"):
        layout = json.loads(drawn.proto.spec)["layout"]
        got = text_colours(layout)
        weak = {k: c for k, c in got.items() if not c or charts.contrast_ratio(c) < 4.5}
        assert weak == {}, f"{page}: {layout['title']['text']}"


STRUCTURE = pd.DataFrame(
    {
        "group_code": ["PSG", "DAG", "SITAG", "DRG", "SITWG", "TMAG", "NEW", "ODD"],
        "name": ["Steering", "Design", "SIT", "Resolution", "SIT WG", "Old", "New <b>group</b>", "Orphan"],
        "level": ["L2", "L3", "L3", "L4", "L4", "L3", "L4", None],
        "parent_group": [None, "PSG", "PSG", "DAG", "SITAG", "PSG", "SITAG", "NOPE"],
        "state": [
            "mobilised",
            "Mobilised",
            "mobilised",
            "available for ad hoc meetings",
            "mobilised",
            "stood down",
            "mobilisation in progress",
            None,
        ],
    }
)


def test_structure_layout_puts_psg_on_top_and_parents_over_their_children() -> None:
    laid = charts.structure_layout(STRUCTURE).set_index("group_code")
    assert laid.loc["PSG", "depth"] == 0
    assert laid.loc["ODD", "depth"] == 0  # an unknown parent: a top of its own
    assert list(laid.loc[["DAG", "SITAG", "TMAG"], "depth"]) == [1, 1, 1]
    assert list(laid.loc[["DRG", "SITWG", "NEW"], "depth"]) == [2, 2, 2]
    assert laid.loc["SITAG", "x"] == (laid.loc["NEW", "x"] + laid.loc["SITWG", "x"]) / 2
    assert laid.loc["DAG", "x"] == laid.loc["DRG", "x"]  # a single child sits right under its parent


def test_governance_structure_chart_keys_states_as_the_pack_does() -> None:
    fig = charts.governance_structure_chart(STRUCTURE)
    assert [t.name for t in fig.data] == [
        "Mobilised",
        "Mobilisation in progress",
        "Available for any ad hoc meetings",
        "Stood down",
        "State not given",
    ]
    mobilised = fig.data[0]
    assert list(mobilised.text) == ["PSG", "DAG", "SITAG", "SITWG"]  # state read in any case
    assert len({t.marker.symbol for t in fig.data}) == len(fig.data)  # a shape per state: never colour alone
    assert len(fig.layout.shapes) == 6  # a line from each group to its parent in the chart
    new = fig.data[1]
    assert "New &lt;b&gt;group&lt;/b&gt; (NEW)" in new.hovertext[0]  # data text is never markup
    assert charts.accessible_name(fig) == "MHHS governance and decision-making structure"
    empty = charts.governance_structure_chart(STRUCTURE.head(0))
    assert charts.accessible_name(empty).endswith("No rows match the filters")


def test_meetings_of_one_group_day_and_kind_share_a_marker() -> None:
    """The timeline's size follows the calendar's days: a hundred meetings of one day are one marker, named."""
    day, other = pd.Timestamp("2024-05-08"), pd.Timestamp("2024-06-12")
    rows = [("DAG", day, "held", "DAG #36"), ("DAG", day, "held", "DAG #36 (again)"), ("DAG", day, "planned", "DAG x")]
    rows += [("DAG", other, "held", "DAG #37"), ("PSG", day, "held", "PSG #1")]
    df = pd.DataFrame(rows, columns=["group_code", "meeting_date", "kind", "title"])
    fig = charts.meeting_calendar_timeline(df, as_at=day)
    held = next(t for t in fig.data if t.name == "Held")
    marks = sorted(zip(held.y, pd.to_datetime(held.x), (c[0] for c in held.customdata), strict=True))
    assert marks == [("DAG", day, "DAG #36 and 1 more"), ("DAG", other, "DAG #37"), ("PSG", day, "PSG #1")]
    assert [c[0] for c in next(t for t in fig.data if t.name == "Planned").customdata] == ["DAG x"]

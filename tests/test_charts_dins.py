"""The DIN page's chart builders: the matrix writes its numbers and can be clicked; the timeline marks releases."""

from __future__ import annotations

import pandas as pd

from mhhs_dashboard import charts


def test_matrix_writes_each_count_and_carries_release_and_status_for_a_click() -> None:
    df = pd.DataFrame(
        {
            "release": ["Interim Release 5.2", "Interim Release 5.2", "No release"],
            "release_order": [50002, 50002, 10**9],
            "status": ["Implemented", "Ready for Internal Review", "Closed"],
            "status_order": [7, 3, 8],
            "state": ["closed", "open", "closed"],
            "dins": [20, 7, 206],
        }
    )
    fig = charts.din_release_status_heatmap(df)
    heat, cells = fig.data
    assert heat.type == "heatmap"
    # releases down, statuses across: eight narrow columns that read on a 390 px phone, a row per release
    assert list(heat.y) == ["Interim Release 5.2", "No release"]
    assert list(heat.x) == ["Ready for Internal Review", "Implemented", "Closed"]  # programme order
    assert list(cells.text) == [20, 7, 206]
    assert [list(c) for c in cells.customdata] == [
        ["Interim Release 5.2", "Implemented"],
        ["Interim Release 5.2", "Ready for Internal Review"],
        ["No release", "Closed"],
    ]
    assert fig.layout.yaxis.labelalias["Interim Release 5.2"] == "IR5.2"
    assert fig.layout.xaxis.labelalias["Ready for Internal Review"] == "Ready for Internal<br>Review"
    assert fig.layout.height == 150 + 28 * 4  # at least four rows' room; more releases, more height
    nine = pd.concat([df] * 3).assign(release=[f"Interim Release {n}" for n in range(9)], release_order=range(9))
    assert charts.din_release_status_heatmap(nine).layout.height == 150 + 28 * 9
    assert charts.din_release_status_heatmap(df.iloc[0:0]).layout.annotations[0].text == "No rows match the filters"


def test_matrix_labels_show_data_text_as_typed() -> None:
    df = pd.DataFrame(
        {
            "release": ["<b>IR9</b>"],
            "release_order": [1],
            "status": ["<i>odd</i>"],
            "status_order": [99],
            "state": ["unknown"],
            "dins": [1],
        }
    )
    heat, cells = charts.din_release_status_heatmap(df).data
    assert list(heat.y) == ["&lt;b&gt;IR9&lt;/b&gt;"]
    assert list(heat.x) == ["&lt;i&gt;odd&lt;/i&gt;"]
    assert [list(c) for c in cells.customdata] == [["<b>IR9</b>", "<i>odd</i>"]]  # a click gives the value itself


def test_month_chart_bars_line_and_release_markers_inside_the_range() -> None:
    months = pd.DataFrame(
        {
            "month": pd.to_datetime(["2024-03-01", "2024-04-01"]),
            "month_end": pd.to_datetime(["2024-03-31", "2024-04-30"]),
            "raised": [5, 3],
            "closed": [1, 2],
            "open_at_month_end": [4, 5],
        }
    )
    releases = pd.DataFrame(
        {
            "release_code": ["IR5.5", "IR7.3", "IR1"],
            "release": ["Interim Release 5.5", "Interim Release 7.3", "Interim Release 1"],
            "published_date": pd.to_datetime(["2024-04-03", "2024-05-08", "2023-01-25"]),
            "illustrative": [False, False, True],
        }
    )
    fig = charts.dins_by_month_chart(months, releases)
    assert [t.name for t in fig.data] == ["Raised in the month", "Open at month end"]
    assert [a.text for a in fig.layout.annotations] == ["IR5.5"]  # IR7.3 and IR1 fall outside the months shown
    assert len(fig.layout.shapes) == 1
    assert charts.dins_by_month_chart(months.iloc[0:0]).data == ()

"""Given/expect tests for the DIN page's queries and the data-quality queries: hand-written rows in, exact rows out."""

from __future__ import annotations

import datetime as dt

import pandas as pd
import pytest

from mhhs_dashboard.db import run_query
from tests.test_queries import rows

D = dt.date
THEN, NOW = D(2024, 4, 2), D(2024, 4, 30)
ALL = {"releases": [], "statuses": [], "raised_by": [], "q": "", "raised_from": None, "raised_to": None}

# The log now (30 Apr) and a month earlier (2 Apr): DIN-0003 was raised since; DIN-0002 closed since.
NOW_ROWS = [
    {
        "din_id": "DIN-0001",
        "title": "IF-041 wording",
        "status": "Closed",
        "raised_date": D(2024, 1, 5),
        "raised_by": "DCC",
        "closed_date": D(2024, 2, 10),
        "illustrative": True,
    },
    {
        "din_id": "DIN-0002",
        "title": "Swagger error code",
        "status": "Implemented",
        "target_release": "Interim Release 5.2 ",
        "raised_date": D(2024, 2, 20),
        "raised_by": "Elexon",
        "closed_date": D(2024, 4, 10),
    },
    {
        "din_id": "DIN-0003",
        "title": "BP019 sequence",
        "status": "Ready for Internal Review",
        "target_release": "Interim Release 5.2",
        "raised_date": D(2024, 4, 15),
        "raised_by": " DCC ",
    },
    {
        "din_id": "DIN-0004",
        "title": "MPAN appointment",
        "status": "Open - awaiting assessment",
        "target_release": "Interim Release 2.3",
        "raised_date": D(2024, 3, 1),
        "raised_by": "RECCo",
    },
]
THEN_ROWS = [
    {**NOW_ROWS[0]},
    {**NOW_ROWS[1], "status": "Updates Ready to Release", "closed_date": None, "target_release": "Interim Release 5.1"},
    {**NOW_ROWS[3]},
]


@pytest.fixture
def store(make_store):
    return make_store(
        din_log={THEN: THEN_ROWS, NOW: NOW_ROWS},
        releases={
            NOW: [  # dated with the DIN log: a later release list is not read at the log's date
                {"release_code": "IR5.2", "label": "Interim Release 5.2", "published_date": D(2024, 4, 10)},
                {"release_code": "IR2.3", "label": "Interim Release 2.3 ", "published_date": D(2023, 11, 29)},
                {"release_code": "IR8", "label": "Interim Release 8"},
            ]
        },
    )


def view(**kw: object) -> dict[str, object]:
    return {**ALL, **kw}


def test_din_view_totals_count_the_view_and_what_changed_since_the_previous_snapshot(store) -> None:
    got = run_query(store.con, "dins_view_totals", **ALL)
    assert list(got.columns) == [
        "total",
        "open",
        "closed",
        "raised_since",
        "closed_since",
        "illustrative",
        "as_at",
        "previous_as_at",
    ]
    assert rows(got) == [(4, 2, 2, 1, 1, 1, NOW, THEN)]
    dcc = run_query(store.con, "dins_view_totals", **view(raised_by=["DCC"]))  # " DCC " is normalised
    assert rows(dcc)[0][:5] == (2, 1, 1, 1, 0)


def test_din_view_totals_with_one_snapshot_has_no_previous(make_store) -> None:
    got = run_query(make_store(din_log=NOW_ROWS).con, "dins_view_totals", **ALL)
    assert rows(got)[0][3:5] == (0, 0)
    assert pd.isna(got["previous_as_at"].iloc[0])


@pytest.mark.parametrize(
    ("filters", "expected"),
    [
        ({}, ["DIN-0003", "DIN-0004", "DIN-0002", "DIN-0001"]),  # newest raised first
        ({"q": "swagger"}, ["DIN-0002"]),  # title, any case
        ({"q": " din-0004 "}, ["DIN-0004"]),  # id, trimmed
        ({"q": "%"}, []),  # plain text, not a LIKE pattern
        ({"releases": ["Interim Release 5.2"]}, ["DIN-0003", "DIN-0002"]),  # trailing-space variant merged
        ({"releases": ["No release"]}, ["DIN-0001"]),
        ({"statuses": ["Implemented", "Closed"]}, ["DIN-0002", "DIN-0001"]),
        ({"raised_from": D(2024, 2, 20), "raised_to": D(2024, 3, 1)}, ["DIN-0004", "DIN-0002"]),  # inclusive
        ({"raised_by": ["RECCo", "Elexon"]}, ["DIN-0004", "DIN-0002"]),
        ({"pick_statuses": ["Ready for Internal Review"]}, ["DIN-0003"]),
        ({"pick_releases": ["Interim Release 5.2"], "pick_statuses": ["Implemented"]}, ["DIN-0002"]),
    ],
)
def test_din_list_filters(store, filters: dict[str, object], expected: list[str]) -> None:
    picks = {"pick_releases": [], "pick_statuses": [], "limit": None}
    params = {**ALL, **picks, **filters}
    got = run_query(store.con, "dins_list", **params)
    assert list(got["din_id"]) == expected
    assert list(got.columns) == [
        "din_id",
        "title",
        "status",
        "state",
        "release",
        "raised_date",
        "raised_by",
        "closed_date",
        "artefact",
        "illustrative",
        "link",
        "rows_in_view",
    ]


def test_din_list_returns_the_newest_up_to_limit_and_counts_them_all(store) -> None:
    every = run_query(store.con, "dins_list", **ALL, pick_releases=[], pick_statuses=[], limit=None)
    first = run_query(store.con, "dins_list", **ALL, pick_releases=[], pick_statuses=[], limit=2)
    assert len(every) > 2
    assert list(first["din_id"]) == list(every["din_id"][:2])
    assert set(first["rows_in_view"]) == set(every["rows_in_view"]) == {len(every)}


def test_din_list_links_to_each_dins_own_view(store) -> None:
    got = run_query(store.con, "dins_list", **ALL, pick_releases=[], pick_statuses=["Closed"], limit=None)
    assert list(got["link"]) == ["dins?din=DIN-0001"]


def test_din_by_status_keeps_every_status_and_follows_the_page_filters(store) -> None:
    got = run_query(store.con, "dins_by_status", **ALL)
    assert list(got.columns) == ["status", "state", "status_order", "dins"]
    assert [(s, n) for s, _, _, n in rows(got)] == [
        ("Open - awaiting assessment", 1),
        ("Initial Assessment/Updating", 0),
        ("Ready for Internal Review", 1),
        ("Updates Ready to Release", 0),
        ("Requires Industry Work Group review", 0),
        ("Industry CP Required", 0),
        ("Implemented", 1),
        ("Closed", 1),
    ]
    searched = run_query(store.con, "dins_by_status", **view(q="SWAGGER"))
    assert [(s, n) for s, _, _, n in rows(searched) if n] == [("Implemented", 1)]
    assert len(searched) == 8  # zero rows kept, so the chart keeps its shape


def test_din_by_release_follows_the_page_filters(store) -> None:
    only = run_query(store.con, "dins_by_release", **view(statuses=["Implemented"]))
    assert [(r, n) for r, _, n, _, _ in rows(only)] == [("Interim Release 5.2", 1)]
    got = run_query(store.con, "dins_by_release", **ALL)
    assert [(r, n, o, c) for r, _, n, o, c in rows(got)] == [
        ("Interim Release 2.3", 1, 1, 0),
        ("Interim Release 5.2", 2, 1, 1),
        ("No release", 1, 0, 1),
    ]


def test_din_release_status_matrix_one_row_per_non_empty_cell(store) -> None:
    got = run_query(store.con, "dins_release_status_matrix", **ALL)
    assert list(got.columns) == ["release", "release_order", "status", "status_order", "state", "dins"]
    assert [(r, s, n) for r, _, s, _, _, n in rows(got)] == [
        ("Interim Release 2.3", "Open - awaiting assessment", 1),
        ("Interim Release 5.2", "Ready for Internal Review", 1),
        ("Interim Release 5.2", "Implemented", 1),
        ("No release", "Closed", 1),
    ]


def test_dins_by_month_raised_closed_and_open_at_month_end(store) -> None:
    got = run_query(store.con, "dins_by_month", **ALL)
    assert list(got.columns) == ["month", "month_end", "raised", "closed", "open_at_month_end"]
    assert rows(got) == [
        (D(2024, 1, 1), D(2024, 1, 31), 1, 0, 1),
        (D(2024, 2, 1), D(2024, 2, 29), 1, 1, 1),  # DIN-0001 closed 10 Feb; DIN-0002 raised 20 Feb
        (D(2024, 3, 1), D(2024, 3, 31), 1, 0, 2),
        (D(2024, 4, 1), D(2024, 4, 30), 1, 1, 2),  # the last month ends at the as-at date
    ]
    assert rows(run_query(store.con, "dins_by_month", **view(q="nothing matches"))) == []


def test_din_raised_by_options_normalised_and_distinct(store) -> None:
    got = run_query(store.con, "dins_raised_by_options")
    assert rows(got) == [("DCC", 2), ("Elexon", 1), ("RECCo", 1)]


MOVED = "status was Updates Ready to Release; release was Interim Release 5.1"


def test_din_detail_and_history_across_snapshots(store) -> None:
    detail = run_query(store.con, "dins_item", din_id="DIN-0002")
    assert rows(detail[["din_id", "status", "release", "release_raw"]]) == [
        ("DIN-0002", "Implemented", "Interim Release 5.2", "Interim Release 5.2 ")
    ]
    assert run_query(store.con, "dins_item", din_id="DIN-9999").empty
    history = run_query(store.con, "dins_item_history", din_id="DIN-0002")
    assert list(history.columns) == ["as_at", "status", "state", "release", "closed_date", "changed"]
    assert [(a, s, r, c) for a, s, _, r, _, c in rows(history)] == [
        (THEN, "Updates Ready to Release", "Interim Release 5.1", ""),
        (
            NOW,
            "Implemented",
            "Interim Release 5.2",
            "status was Updates Ready to Release; release was Interim Release 5.1",
        ),
    ]
    new = run_query(store.con, "dins_item_history", din_id="DIN-0003")
    assert [(a, s, c) for a, s, _, _, _, c in rows(new)] == [
        (THEN, "Not yet raised", ""),
        (NOW, "Ready for Internal Review", "first in this snapshot"),
    ]


def test_release_publications_only_dated_releases_in_date_order(store) -> None:
    got = run_query(store.con, "releases_published")
    assert [(c, r, d) for c, r, d, _ in rows(got)] == [
        ("IR2.3", "Interim Release 2.3", D(2023, 11, 29)),
        ("IR5.2", "Interim Release 5.2", D(2024, 4, 10)),
    ]


def test_values_reach_the_macro_bound_not_formatted(store) -> None:
    hostile = "x') or true or ('"
    got = run_query(
        store.con, "dins_list", **view(q=hostile, raised_by=[hostile]), pick_releases=[], pick_statuses=[], limit=None
    )
    assert got.empty


def test_next_release_after_the_as_at_date_with_its_targeted_and_open_dins(make_store) -> None:
    releases = [
        {"release_code": "IR5.2", "label": "Interim Release 5.2", "published_date": D(2024, 4, 10)},
        {"release_code": "IR7.3", "label": "IR7.3", "published_date": D(2024, 5, 8), "notes": "before SIT"},
        {"release_code": "IR8", "label": "Interim Release 8", "illustrative": True},  # TBC
        {"release_code": "IR9", "label": "Interim Release 9", "published_date": D(2024, 7, 3)},
    ]
    dins = [
        {"din_id": "DIN-0001", "status": "Ready for Internal Review", "target_release": "Interim Release 7.3 "},
        {"din_id": "DIN-0002", "status": "Implemented", "target_release": "IR7.3"},
        {"din_id": "DIN-0003", "status": "Open - awaiting assessment", "target_release": "Interim Release 7.3"},
        {"din_id": "DIN-0004", "status": "Open - awaiting assessment", "target_release": "Interim Release 8"},
        {"din_id": "DIN-0005", "status": "Closed"},
    ]
    store = make_store(din_log={NOW: dins}, releases={NOW: releases})
    columns = ["release", "published_date", "notes", "as_of", "days_to_go", "dins_targeted", "dins_open"]

    def next_after(day: dt.date | None) -> list[tuple]:
        return rows(run_query(store.con, "releases_next", as_at=day)[columns])

    # live: after the DIN log's as-at date (30 Apr); labels normalised ("IR7.3", a trailing space)
    assert next_after(None) == [("Interim Release 7.3", D(2024, 5, 8), "before SIT", NOW, 8, 3, 2)]
    assert next_after(D(2024, 5, 8)) == [("Interim Release 9", D(2024, 7, 3), None, D(2024, 5, 8), 56, 0, 0)]
    # IR8 (TBC) comes before IR9 in release order, and IR9 is published by August: no release is next then
    assert run_query(store.con, "releases_next", as_at=D(2024, 8, 1)).empty
    # without IR9, the TBC release after every one published is the next one
    store = make_store(din_log={NOW: dins}, releases={NOW: releases[:3]})
    got = run_query(store.con, "releases_next", as_at=D(2024, 5, 9)).iloc[0]
    assert (got["release"], pd.isna(got["published_date"]), got["dins_targeted"], got["dins_open"]) == (
        "Interim Release 8",
        True,
        1,
        1,
    )
    assert pd.isna(got["days_to_go"])

"""Given/expect tests for the queries chair mode and the pack add."""

from __future__ import annotations

from mhhs_dashboard.db import run_query
from tests.test_queries import rows


def test_seats_by_group_lists_each_groups_seats_in_order(make_store) -> None:
    store = make_store(
        seats=[
            {"group_code": "SITAG", "constituency": "RECCo", "filled": True, "seat_order": 2},
            {"group_code": "SITAG", "constituency": "Elexon", "filled": True, "seat_order": 1},
            {"group_code": "SITAG", "constituency": "Consumer", "filled": False, "note": "by exception"},
            {"group_code": "QAG", "constituency": "DNO", "filled": None, "seat_order": 1},
        ]
    )
    got = run_query(store.con, "seats_by_group", groups=[])
    assert list(got.columns) == ["group_code", "constituency", "filled", "note", "seat_order"]
    assert [r[:3] for r in rows(got)] == [
        ("QAG", "DNO", False),  # an empty "filled" counts as vacant
        ("SITAG", "Elexon", True),
        ("SITAG", "RECCo", True),
        ("SITAG", "Consumer", False),  # no listed order: last
    ]
    only = run_query(store.con, "seats_by_group", groups=["QAG"])
    assert list(only["constituency"]) == ["DNO"]

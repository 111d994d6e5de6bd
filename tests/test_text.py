"""Text helpers in mhhs_dashboard/text.py that pages, charts and reports share."""

from __future__ import annotations

from mhhs_dashboard.text import counted


def test_counted_suits_the_noun_to_the_number() -> None:
    assert [counted(n, "day") for n in (0, 1, 2)] == ["0 days", "1 day", "2 days"]
    assert counted(1029, "row") == "1,029 rows"
    assert [counted(n, "day", "+,") for n in (1, -1, 196)] == ["+1 day", "-1 day", "+196 days"]

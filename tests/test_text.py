"""Text helpers in mhhs_dashboard/text.py that pages, charts and reports share."""

from __future__ import annotations

import datetime as dt

import pandas as pd
import pytest

from mhhs_dashboard.text import counted, date_or_dash, days_or_dash, decision_sentence, inert_heading


def test_counted_suits_the_noun_to_the_number() -> None:
    assert [counted(n, "day") for n in (0, 1, 2)] == ["0 days", "1 day", "2 days"]
    assert counted(1029, "row") == "1,029 rows"
    assert [counted(n, "day", "+,") for n in (1, -1, 196)] == ["+1 day", "-1 day", "+196 days"]


def test_date_or_dash_formats_a_date_or_says_there_is_none() -> None:
    assert date_or_dash(dt.date(2024, 5, 8)) == "08 May 2024"
    assert date_or_dash(pd.Timestamp("2024-05-01")) == "01 May 2024"
    assert [date_or_dash(v) for v in (None, pd.NaT, float("nan"))] == ["—", "—", "—"]
    assert date_or_dash(None, "-") == "-"


def test_days_or_dash_signs_the_count_and_names_zero() -> None:
    assert [days_or_dash(n) for n in (196, -3, 1, 0)] == ["+196 days", "-3 days", "+1 day", "none"]
    assert [days_or_dash(v, "-") for v in (None, float("nan"), pd.NA)] == ["-", "-", "-"]


@pytest.mark.parametrize(
    ("who", "kind", "expected"),
    [
        ("PSG", "approval in principle", "PSG agreed CR045 in principle on 1 May 2024"),
        ("SRO", "ratification", "SRO ratified CR045 on 1 May 2024"),
        ("Change Board", "decision", "Change Board decided on CR045 on 1 May 2024"),
        ("DAG", "escalation", "DAG escalated CR045 on 1 May 2024"),
        (None, "information", "The meeting gave an update on CR045 on 1 May 2024"),
        ("PSG", "minuted", "PSG recorded minuted on CR045 on 1 May 2024"),  # a kind outside the vocabulary
    ],
)
def test_decision_sentence_says_who_did_what_and_when(who: object, kind: str, expected: str) -> None:
    assert decision_sentence(who, kind, "CR045", dt.date(2024, 5, 1)) == expected


@pytest.mark.parametrize(
    ("heading", "shown"), [("#", "\\#"), ("Item", "Item"), ("Ref.", "Ref."), ("", ""), ("- owner", "\\- owner")]
)
def test_a_heading_that_would_start_a_markdown_block_is_escaped(heading: str, shown: str) -> None:
    assert inert_heading(heading) == shown

"""Text for people: counts with their nouns, values cut short for a notice, and Markdown made inert."""

from __future__ import annotations

import pandas as pd


def shorten(value: str, limit: int = 40) -> str:
    """A URL value cut down for a notice, so a hostile long value cannot flood the page."""
    return value if len(value) <= limit else value[: limit - 1] + "…"


def counted(n: int, noun: str, spec: str = ",") -> str:
    """`n` and a regular noun, singular or plural to suit: '1 day', '1,029 rows'; `spec` formats the number
    ('+,' gives '+196 days')."""
    return f"{n:{spec}} {noun}{'' if abs(n) == 1 else 's'}"


def or_dash(value: object, empty: str = "—") -> str:
    """A data value for a tile or label: the text itself, or `empty` for None, NaN and blank."""
    return value if isinstance(value, str) and value.strip() else empty


def date_or_dash(value: object, empty: str = "—") -> str:
    """A date for a tile or label, '08 May 2024', or `empty` for None, NaT and NaN."""
    return empty if pd.isna(value) else f"{value:%d %b %Y}"


def days_or_dash(n: object, empty: str = "—") -> str:
    """A signed day count for a tile: '+196 days', 'none' for zero, or `empty` when there is no figure."""
    if pd.isna(n):
        return empty
    return counted(int(n), "day", "+,") if int(n) else "none"  # type: ignore[call-overload]


MARKDOWN_SPECIALS = str.maketrans({c: "\\" + c for c in "\\`*_{}[]()<>#+-.!|~$:"})


def inert(text: str) -> str:
    """Text that Streamlit's Markdown shows as typed: no links, HTML, emphasis or LaTeX from data or URLs."""
    return text.translate(MARKDOWN_SPECIALS)


BLOCK_MARKS = tuple("#>-+*")


def inert_heading(text: str) -> str:
    """A table's column heading (the code's own words, not data) as Streamlit's Markdown would show it typed:
    only a mark that starts a Markdown block ('#' the pack's item-number heading, '>', '-', '+', '*') is
    escaped, since a heading cell of '#' alone is drawn as an empty <h1>."""
    return "\\" + text if text.startswith(BLOCK_MARKS) else text


# What a decision's kind says its maker did about a record, so a record's heading reads in words:
# "PSG agreed CR045 in principle on 1 May 2024".
_DID = {
    "approval in principle": "agreed {ref} in principle",
    "decision": "decided on {ref}",
    "ratification": "ratified {ref}",
    "recommendation": "made a recommendation on {ref}",
    "escalation": "escalated {ref}",
    "information": "gave an update on {ref}",
}


def decision_sentence(who: object, kind: object, ref: str, day: object) -> str:
    """'PSG agreed CR045 in principle on 1 May 2024': who did what about `ref`, and when (plain text, not inert)."""
    did = _DID.get(str(kind).strip().lower(), "recorded {kind} on {ref}").format(ref=ref, kind=kind)
    when = f" on {day:%-d %B %Y}" if hasattr(day, "strftime") else ""
    return f"{or_dash(who, 'The meeting')} {did}{when}"

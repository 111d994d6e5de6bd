"""Text for people: counts with their nouns, values cut short for a notice, and Markdown made inert."""

from __future__ import annotations


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


MARKDOWN_SPECIALS = str.maketrans({c: "\\" + c for c in "\\`*_{}[]()<>#+-.!|~$:"})


def inert(text: str) -> str:
    """Text that Streamlit's Markdown shows as typed: no links, HTML, emphasis or LaTeX from data or URLs."""
    return text.translate(MARKDOWN_SPECIALS)

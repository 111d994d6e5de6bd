"""Filter state and the URL: what a link may say (`release`, `group`, `status`, `since`, `as_at`, `present`)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from typing import NamedTuple

from mhhs_dashboard.source import Source

MAX_PARAM_LEN = 200  # longer values are never a real label, date or flag


@dataclass(frozen=True)
class Filters:
    """The filters a page was opened with, after every unknown value in the URL was dropped."""

    src: Source
    releases: tuple[str, ...] = ()
    groups: tuple[str, ...] = ()
    statuses: tuple[str, ...] = ()
    since: dt.date | None = None
    present: bool = False
    dropped: tuple[str, ...] = field(default=(), compare=False)

    @property
    def as_at(self) -> dt.date | None:
        """The as-at date the data is frozen to, or None for the newest snapshots."""
        return self.src.as_at


class DinView(NamedTuple):
    """The DIN page's filters, as the queries take them (empty tuple / '' / None = no limit)."""

    releases: tuple[str, ...] = ()
    statuses: tuple[str, ...] = ()
    raised_by: tuple[str, ...] = ()
    q: str = ""
    raised_from: dt.date | None = None
    raised_to: dt.date | None = None


def known(values: Iterable[str], options: Sequence[str]) -> tuple[tuple[str, ...], tuple[str, ...]]:
    """Split URL values into (known, in the options' order, deduplicated) and (unknown, as given)."""
    given = [v for v in values if isinstance(v, str)]
    wanted = set(given)
    kept = tuple(o for o in options if o in wanted)
    unknown = tuple(dict.fromkeys(v for v in given if v not in set(options)))
    return kept, unknown


def parse_date(value: str | None) -> dt.date | None:
    """A YYYY-MM-DD URL value as a date; None when absent or not a date."""
    if not value or len(value) > MAX_PARAM_LEN:
        return None
    try:
        return dt.date.fromisoformat(value)
    except ValueError:
        return None


def parse_flag(value: str | None) -> bool:
    """`1`, `true`, `yes` (any case) as True; anything else False."""
    return (value or "").strip().lower() in ("1", "true", "yes")

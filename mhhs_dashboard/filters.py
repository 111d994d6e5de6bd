"""Filter state: what a view was opened with (global filters, the DIN page's, the CR and action pages', chart
picks), what a URL value may be, and what a link asked for that was dropped. No Streamlit: mhhs_dashboard/url.py
reads and writes these from and to the address bar."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable, Mapping, MutableMapping, Sequence
from dataclasses import dataclass, field
from typing import Any, NamedTuple, Protocol

from mhhs_dashboard.source import Source
from mhhs_dashboard.text import inert, shorten

MAX_PARAM_LEN = 200  # longer values are never a real label, date or flag
NOTICE = "Ignored what this link asked for but the data does not have: "


class Dropped:
    """What a link asked for that the data does not have (`param=value` each): one notice per page, however many
    filters drop values. `show(text)` (the page frame's one notice) is called again whenever one is added."""

    def __init__(self, show: Callable[[str], object] = lambda text: None) -> None:
        self.values: list[str] = []
        self._show = show

    def add(self, param: str, values: Iterable[str]) -> None:
        """Drop `values` of the URL parameter `param` (cut short for the notice)."""
        given = [f"{param}={shorten(v)}" for v in values]
        if given:
            self.values += given
            self._show(self.notice())

    def show_in(self, show: Callable[[str], object]) -> None:
        """Show the notice with `show` from now on (at once, if anything was dropped already)."""
        self._show = show
        if self.values:
            show(self.notice())

    def notice(self) -> str:
        """The notice, Markdown made inert ('' when nothing was dropped)."""
        return NOTICE + inert(", ".join(self.values)) if self.values else ""


@dataclass(frozen=True)
class Filters:
    """The filters a page was opened with, after every unknown value in the URL was dropped."""

    src: Source
    releases: tuple[str, ...] = ()
    groups: tuple[str, ...] = ()
    statuses: tuple[str, ...] = ()
    since: dt.date | None = None
    present: bool = False
    dropped: Dropped = field(default_factory=Dropped, compare=False)

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


class CrView(NamedTuple):
    """The CR page's filters, as the CR queries take them, in their order (empty = no limit)."""

    approval_statuses: tuple[str, ...] = ()
    stages: tuple[str, ...] = ()
    change_types: tuple[str, ...] = ()
    decision_bodies: tuple[str, ...] = ()


class ActionView(NamedTuple):
    """The action page's filters, as the action queries take them, in their order (empty = no limit)."""

    groups: tuple[str, ...] = ()
    statuses: tuple[str, ...] = ()
    owners: tuple[str, ...] = ()


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


class Params(Protocol):
    """A page's query parameters as st.query_params holds them (repeated keys for lists)."""

    def get_all(self, key: str) -> list[str]: ...
    def __setitem__(self, key: str, value: str | list[str]) -> None: ...
    def __delitem__(self, key: str) -> None: ...
    def __contains__(self, key: object) -> bool: ...


def set_param(params: Params, param: str, value: str | Sequence[str] | None) -> None:
    """Put `value` in `params` as `param` (repeated for a list); an empty value removes the parameter."""
    if value:
        params[param] = value if isinstance(value, str) else list(value)
    elif param in params:
        del params[param]


def point_values(points: Iterable[Mapping[str, Any]], field: str) -> tuple[str, ...]:
    """The distinct values of `field` ('x', 'y', or 'customdata.N') over selected Plotly points, in order."""
    out: list[str] = []
    for p in points:
        if field.startswith("customdata."):
            data = p.get("customdata")
            index = int(field.split(".", 1)[1])
            value = data[index] if isinstance(data, list | tuple) and len(data) > index else None
        else:
            value = p.get(field)
        if isinstance(value, str) and value not in out:
            out.append(value)
    return tuple(out)


def selected_points(event: Any) -> list[Mapping[str, Any]]:
    """The points of a st.plotly_chart selection event (dict access: injected states are plain dicts)."""
    try:
        points = event["selection"]["points"]
    except (KeyError, TypeError):
        return []
    return list(points or [])


class ChartPicks:
    """Chart selections that narrow a table, kept in the URL (`pick_<field>` parameters).

    Each chart maps fields to where they are in a point (e.g. {"status": "y"}). A chart whose selection
    changed since the last run replaces the picks; an emptied selection clears them; otherwise the URL's
    picks hold (so a copied link keeps them). `clear()` forgets them and resets the charts' selections.
    `params` and `state` are the page's query parameters and session state (url.chart_picks passes Streamlit's).
    """

    def __init__(
        self,
        name: str,
        options: Mapping[str, Sequence[str]],
        params: Params,
        state: MutableMapping[str, Any],
        dropped: Dropped | None = None,
    ) -> None:
        self.name = name
        self.options = options
        self.params = params
        self.state = state
        self.generation = state.setdefault(f"_picks_gen_{name}", 0)
        self.picks: dict[str, tuple[str, ...]] = {}
        for column, opts in options.items():
            self.picks[column], bad = known(params.get_all(f"pick_{column}"), opts)
            if dropped is not None:
                dropped.add(f"pick_{column}", bad)

    def key(self, chart: str) -> str:
        """The widget key of `chart` (it changes when the picks are cleared, which resets the selection)."""
        return f"{self.name}_{chart}_{self.generation}"

    def update(self, chart: str, event: Any, fields: Mapping[str, str]) -> None:
        """Take `chart`'s selection event into account (call right after st.plotly_chart)."""
        points = selected_points(event)
        remembered = f"_picks_last_{self.key(chart)}"
        now = {f: point_values(points, where) for f, where in fields.items()}
        if self.state.get(remembered) == now:
            return
        first_run = remembered not in self.state
        self.state[remembered] = now
        if first_run and not points:
            return  # a fresh page: keep what the URL says
        chosen = {f: tuple(v for v in now.get(f, ()) if v in self.options[f]) for f in self.options}
        self.set(chosen)

    def set(self, chosen: Mapping[str, tuple[str, ...]]) -> None:
        """Replace the picks (and the URL's pick_ parameters)."""
        for column in self.options:
            self.picks[column] = tuple(chosen.get(column, ()))
            set_param(self.params, f"pick_{column}", self.picks[column])

    def clear(self) -> None:
        """Forget the picks and start the charts afresh (a button's on_click)."""
        self.set({})
        self.state[f"_picks_gen_{self.name}"] = self.generation + 1

    @property
    def active(self) -> bool:
        """True when any pick narrows the table."""
        return any(self.picks.values())

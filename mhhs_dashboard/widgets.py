"""Widgets bound to the URL (a search box, a date) and chart selections turned into picks kept in the URL.

The URL is the source of truth, as for frame.url_multiselect: a link sets the widget, a change of the
widget rewrites the URL, so a copied address reopens the same view.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping, Sequence
from typing import Any

import streamlit as st

from mhhs_dashboard.filters import MAX_PARAM_LEN, known, parse_date


def set_url(param: str, value: str | Sequence[str] | None) -> None:
    """Put `value` in the URL as `param` (repeated for a list); an empty value removes the parameter."""
    if value:
        st.query_params[param] = value if isinstance(value, str) else list(value)
    elif param in st.query_params:
        del st.query_params[param]


def url_text(param: str, label: str, *, where: Any = st, placeholder: str = "", help: str | None = None) -> str:
    """A text box bound to the URL parameter `param`; returns its stripped value ('' when empty)."""
    key, seen = f"text_{param}", f"_url_seen_{param}"
    from_url = (st.query_params.get(param) or "")[:MAX_PARAM_LEN]
    if key not in st.session_state or st.session_state.get(seen) != from_url:
        st.session_state[key] = from_url
    value = where.text_input(label, key=key, placeholder=placeholder, help=help, max_chars=MAX_PARAM_LEN).strip()
    st.session_state[seen] = value
    if value != from_url:
        set_url(param, value)
    return value


def url_date(param: str, label: str, *, where: Any = st, help: str | None = None) -> tuple[dt.date | None, bool]:
    """A date box bound to the URL parameter `param` (YYYY-MM-DD); returns (date or None, URL value was bad)."""
    key, seen = f"date_{param}", f"_url_seen_{param}"
    text = st.query_params.get(param)
    from_url = parse_date(text)
    bad = bool(text) and from_url is None
    if key not in st.session_state or st.session_state.get(seen) != from_url:
        st.session_state[key] = from_url
    value = where.date_input(label, key=key, value=None, format="YYYY-MM-DD", help=help)
    value = value if isinstance(value, dt.date) else None
    st.session_state[seen] = value
    if value != from_url or bad:
        set_url(param, value.isoformat() if value else None)
    return value, bad


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
    """

    def __init__(self, name: str, options: Mapping[str, Sequence[str]]) -> None:
        self.name = name
        self.options = options
        self.generation = st.session_state.setdefault(f"_picks_gen_{name}", 0)
        self.picks: dict[str, tuple[str, ...]] = {}
        self.unknown: list[str] = []
        for field, opts in options.items():
            self.picks[field], bad = known(st.query_params.get_all(f"pick_{field}"), opts)
            self.unknown += [f"pick_{field}={v}" for v in bad]

    def key(self, chart: str) -> str:
        """The widget key of `chart` (it changes when the picks are cleared, which resets the selection)."""
        return f"{self.name}_{chart}_{self.generation}"

    def update(self, chart: str, event: Any, fields: Mapping[str, str]) -> None:
        """Take `chart`'s selection event into account (call right after st.plotly_chart)."""
        points = selected_points(event)
        remembered = f"_picks_last_{self.key(chart)}"
        now = {f: point_values(points, where) for f, where in fields.items()}
        if st.session_state.get(remembered) == now:
            return
        first_run = remembered not in st.session_state
        st.session_state[remembered] = now
        if first_run and not points:
            return  # a fresh page: keep what the URL says
        chosen = {f: tuple(v for v in now.get(f, ()) if v in self.options[f]) for f in self.options}
        self.set(chosen)

    def set(self, chosen: Mapping[str, tuple[str, ...]]) -> None:
        """Replace the picks (and the URL's pick_ parameters)."""
        for field in self.options:
            self.picks[field] = tuple(chosen.get(field, ()))
            set_url(f"pick_{field}", self.picks[field])

    def clear(self) -> None:
        """Forget the picks and start the charts afresh (a button's on_click)."""
        self.set({})
        st.session_state[f"_picks_gen_{self.name}"] = self.generation + 1

    @property
    def active(self) -> bool:
        """True when any pick narrows the table."""
        return any(self.picks.values())

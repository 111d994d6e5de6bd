"""The URL, read and written: filters bound to the address bar (multiselects, a search box, dates, `since`), the
as-at date a link freezes a view to, the one item a link opens (`?cr=`, `?din=`, `?action=`, `?milestone=`), chart
picks, and the parameters a link to another page carries.

The URL is the source of truth: a link sets the widget, a change of the widget rewrites the URL, so a copied
address reopens the same view. Whatever a link asks for that the data does not have goes to the page's one
notice (`filters.Dropped`, which the page frame shows) and out of the URL.
"""

from __future__ import annotations

import datetime as dt
import functools
from collections.abc import Callable, Mapping, Sequence
from typing import Any

import streamlit as st

from mhhs_dashboard import data
from mhhs_dashboard.filters import MAX_PARAM_LEN, ChartPicks, Dropped, known, parse_date, set_param
from mhhs_dashboard.source import Source

# query parameters that follow the user from page to page
CARRIED = ("release", "group", "since", "as_at")
# the per-item parameters: a link to one item's own view
ITEMS = ("cr", "risk", "action", "din", "milestone", "decision")


def set_url(param: str, value: str | Sequence[str] | None) -> None:
    """Put `value` in the URL as `param` (repeated for a list); an empty value removes the parameter."""
    set_param(st.query_params, param, value)


def values(param: str) -> list[str]:
    """Every value of the repeatable URL parameter `param`, each cut to one past the longest a value may be."""
    return [v[: MAX_PARAM_LEN + 1] for v in st.query_params.get_all(param)]


def chosen(param: str, options: Sequence[str], dropped: Dropped) -> tuple[str, ...]:
    """The values of `param` that are among `options`, with no widget (chair mode: the link's filters hold)."""
    kept, unknown = known(values(param), options)
    dropped.add(param, unknown)
    return kept


def one(param: str, options: Sequence[str], dropped: Dropped, default: str) -> str:
    """The one value of `param` among `options` (in any case; chair mode's `group`), else `default`; a value the
    data does not have, or any after the first, is dropped and taken out of the URL."""
    given = values(param)
    if not given:
        return default
    by_case = {o.casefold(): o for o in options}
    found = [by_case.get(v.strip().casefold()) for v in given]
    pick = next((f for f in found if f), None)
    first = found.index(pick) if pick else -1
    dropped.add(param, [v for i, v in enumerate(given) if i != first])
    if given != [pick]:
        set_url(param, pick)
    return pick or default


def meeting_group(src: Source, dropped: Dropped) -> str:
    """The governance group whose meeting a page shows and records (`?group=SITAG`): DAG unless a link names
    another the data has."""
    return one("group", data.group_codes(src), dropped, "DAG")


def multiselect(
    param: str,
    label: str,
    options: Sequence[str],
    dropped: Dropped,
    *,
    where: object = st.sidebar,
    help: str | None = None,
) -> tuple[str, ...]:
    """A multiselect bound to the repeatable URL parameter `param`; returns the values chosen.

    A link that changes the parameter resets the widget; a change of the widget rewrites the URL, so the
    address bar always holds the view on screen.
    """
    key, seen = f"filter_{param}", f"_url_seen_{param}"
    from_url, unknown = known(values(param), options)
    dropped.add(param, unknown)
    if key not in st.session_state or st.session_state.get(seen) != from_url:
        st.session_state[key] = list(from_url)
    st.session_state[key] = [v for v in st.session_state[key] if v in options]
    picked = tuple(where.multiselect(label, options, key=key, help=help, placeholder="All"))  # type: ignore[attr-defined]
    st.session_state[seen] = picked
    if picked != from_url or unknown:
        set_url(param, picked)
    return picked


def text(param: str, label: str, *, where: Any = st, placeholder: str = "", help: str | None = None) -> str:
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


def date(param: str, label: str, dropped: Dropped, *, where: Any = st, help: str | None = None) -> dt.date | None:
    """A date box bound to the URL parameter `param` (YYYY-MM-DD); returns the date or None."""
    key, seen = f"date_{param}", f"_url_seen_{param}"
    given = st.query_params.get(param)
    from_url = parse_date(given)
    bad = bool(given) and from_url is None
    if bad:
        dropped.add(param, [given or ""])
    if key not in st.session_state or st.session_state.get(seen) != from_url:
        st.session_state[key] = from_url
    value = where.date_input(label, key=key, value=None, format="YYYY-MM-DD", help=help)
    value = value if isinstance(value, dt.date) else None
    st.session_state[seen] = value
    if value != from_url or bad:
        set_url(param, value.isoformat() if value else None)
    return value


def as_at(dropped: Dropped) -> dt.date | None:
    """The as-at date the link freezes the view to (`as_at`); None for the newest data. A value that is not a
    date is dropped."""
    given = st.query_params.get("as_at")
    day = parse_date(given)
    if given and not day:
        dropped.add("as_at", [given])
        del st.query_params["as_at"]
    return day


def freeze(day: dt.date) -> None:
    """Write the view's as-at date into the URL (chair mode freezes the meeting's figures to it)."""
    st.query_params["as_at"] = day.isoformat()


def since(dropped: Dropped, latest: dt.date) -> dt.date | None:
    """The date the link compares the view with (`since`); one that is not a date, or after `latest` (the view's
    own date: nothing to compare), is dropped."""
    given = st.query_params.get("since")
    day = parse_date(given)
    if given and (not day or day > latest):
        dropped.add("since", [given])
        del st.query_params["since"]
        return None
    return day


def _since_label(row: object) -> str:
    when = f"{row.since:%d %b %Y}"  # type: ignore[attr-defined]
    parts = [str(row.meeting)] if isinstance(row.meeting, str) else []  # type: ignore[attr-defined]
    if row.snapshot:  # type: ignore[attr-defined]
        parts.append("snapshot")
    return f"{when} ({', '.join(parts)})" if parts else when


@functools.lru_cache(maxsize=16)
def _since_labels(src: Source) -> tuple[tuple[dt.date, str], ...]:
    """(date, label) of every date a view can be compared with: worked out once per data version, not per render."""
    return tuple((r.since.date(), _since_label(r)) for r in data.since_options(src).itertuples())


def since_select(src: Source, since: dt.date | None) -> dt.date | None:
    """'Compare with' in the sidebar: a previous snapshot or DAG meeting date, bound to the URL's `since`."""
    labels: dict[dt.date | None, str] = {None: "Nothing (no comparison)", **dict(_since_labels(src))}
    if since is not None and since not in labels:
        labels[since] = f"{since:%d %b %Y}"
    key, seen = "filter_since", "_url_seen_since"
    if key not in st.session_state or st.session_state.get(seen) != since:
        st.session_state[key] = since
    picked: dt.date | None = st.sidebar.selectbox(
        "Compare with (since)",
        list(labels),
        format_func=lambda d: labels[d],
        placeholder=labels[None],  # Streamlit shows a None value as the placeholder
        key=key,
        help="Show what changed between the snapshots nearest on or before this date and this view's.",
    )
    st.session_state[seen] = picked
    if picked != since:
        set_url("since", picked.isoformat() if picked else None)
    return picked


def item(param: str, exists: Callable[[str], bool], dropped: Dropped) -> str | None:
    """The one item the link opens with `param` (a CR, risk, action, DIN or milestone), if `exists(value)`; a
    value the data does not have is dropped (and the whole list is shown instead)."""
    given = (st.query_params.get(param) or "")[: MAX_PARAM_LEN + 1]
    if not given:
        return None
    if exists(given):
        return given
    dropped.add(param, [given])
    del st.query_params[param]
    return None


def chart_picks(name: str, options: Mapping[str, Sequence[str]], dropped: Dropped) -> ChartPicks:
    """Chart selections that narrow a table, kept in this page's URL (`pick_<field>`)."""
    return ChartPicks(name, options, st.query_params, st.session_state, dropped)  # type: ignore[arg-type]


def carried() -> dict[str, list[str]]:
    """The query parameters of this view that follow the user to another page (CARRIED)."""
    return {k: st.query_params.get_all(k) for k in CARRIED if st.query_params.get_all(k)}


def back_params() -> dict[str, list[str]]:
    """This page's query parameters without the per-item ones (cr, risk, action...): the way back to the list."""
    return {k: st.query_params.get_all(k) for k in st.query_params if k not in ITEMS}

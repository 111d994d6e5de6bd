"""The frame every page starts with: page config, sidebar navigation, global filters bound to the URL, as-at stamp."""

from __future__ import annotations

import datetime as dt
import functools
import logging
import sys
from collections.abc import Sequence
from dataclasses import dataclass

import streamlit as st

from mhhs_dashboard import data, freshness, schema, signin
from mhhs_dashboard.files import DataDirError
from mhhs_dashboard.filters import MAX_PARAM_LEN, Filters, known, parse_date, parse_flag
from mhhs_dashboard.roles import Role
from mhhs_dashboard.source import Source
from mhhs_dashboard.store import later_snapshots
from mhhs_dashboard.text import inert, shorten
from mhhs_dashboard.widgets import set_url

log = logging.getLogger(__name__)

# A page's script thread hands every element to the server's event-loop thread, which sends it; each hand-over of
# the interpreter lock can wait out Python's switch interval (5 ms by default), for one viewer as for fifty. At
# 1 ms a warm overview at 100x took 0.06-0.07 s instead of 0.11 s, and 50 sessions' p95 fell by a third
# (bench/RESULTS.md). Set once, in the server process, when the first page is drawn.
SWITCH_INTERVAL_SECONDS = 0.001
sys.setswitchinterval(SWITCH_INTERVAL_SECONDS)


@dataclass(frozen=True)
class Page:
    """One page of the dashboard: its script, title and icon (Material icons are bundled; no network)."""

    script: str
    title: str
    icon: str


NAV: dict[str, tuple[Page, ...]] = {
    "Overview": (Page("app.py", "Overview", ":material/dashboard:"),),
    "Design": (
        Page("pages/dins.py", "DIN log", ":material/description:"),
        Page("pages/milestones.py", "Milestones & releases", ":material/flag:"),
        Page("pages/data_quality.py", "Data quality", ":material/fact_check:"),
    ),
    "Decisions": (
        Page("pages/change_requests.py", "Change requests", ":material/published_with_changes:"),
        Page("pages/actions.py", "Actions", ":material/task_alt:"),
    ),
    "Governance": (
        Page("pages/groups.py", "Groups & seats", ":material/groups:"),
        Page("pages/meetings.py", "Meetings", ":material/event:"),
    ),
    "In the meeting": (Page("pages/present.py", "Chair mode", ":material/present_to_all:"),),
    "PMO": (Page("pages/workspace.py", "Workspace", ":material/upload_file:"),),
}
# pages linked only for the PMO (each page also refuses anyone else itself: a link is not a lock)
PMO_ONLY = frozenset({"pages/workspace.py"})
# query parameters that follow the user from page to page
CARRIED = ("release", "group", "since", "as_at")


# Chair mode on a shared 1280x720 screen: no sidebar, no Streamlit chrome, every text at least 20 px (icons and
# key hints too), table cells that wrap even a long word rather than run over, and no focus ring round the whole
# screen (a click in a table focuses the main area, which never scrolls here). Constant text only.
PRESENT_CSS = """<style>
[data-testid="stSidebar"], [data-testid="stSidebarCollapsedControl"], [data-testid="stExpandSidebarButton"],
[data-testid="stHeader"], [data-testid="stToolbar"], [data-testid="stDecoration"], [data-testid="stStatusWidget"],
[data-testid="stAppDeployButton"], [data-testid="stMainMenu"], #MainMenu, footer { display: none !important; }
[data-testid="stMainBlockContainer"] { padding: 0.75rem 2rem 0.5rem 2rem; max-width: 100%; }
[data-testid="stMain"] { font-size: 20px; color: #000; }
[data-testid="stMain"] [data-testid="stMarkdownContainer"] p, [data-testid="stMain"] li,
[data-testid="stMain"] button p, [data-testid="stMetricLabel"] p, [data-testid="stMetricDelta"] div,
[data-testid="stCaptionContainer"], [data-testid="stTable"] td, [data-testid="stTable"] th { font-size: 20px; }
[data-testid="stCaptionContainer"], [data-testid="stCaptionContainer"] p { color: #222; opacity: 1; }
[data-testid="stMain"] [data-testid="stMetricValue"] [data-testid="stMarkdownContainer"] p {
  font-size: 3.2rem; font-weight: 700; line-height: 1.3; }
[data-testid="stMain"] h1 { font-size: 2.2rem; padding: 0.2rem 0; }
[data-testid="stMain"] kbd { color: inherit !important; opacity: 1 !important; font-size: 20px; }
[data-testid="stMain"] h3 { font-size: 1.5rem; padding: 0.2rem 0; }
[data-testid="stMain"] [data-testid="stIconMaterial"], [data-testid="stMain"] [data-testid="stPageLink"] p {
  font-size: 20px; }
[data-testid="stMain"] [data-testid="stTable"] th { color: #000; }
[data-testid="stMain"]:focus-visible { outline: none; }
[data-testid="stMain"] [data-testid="stTable"] td, [data-testid="stMain"] [data-testid="stTable"] th {
  overflow-wrap: anywhere; vertical-align: top; }
</style>"""


def _url_values(param: str) -> list[str]:
    return [v[: MAX_PARAM_LEN + 1] for v in st.query_params.get_all(param)]


def url_multiselect(
    param: str, label: str, options: Sequence[str], *, where: object = st.sidebar, help: str | None = None
) -> tuple[tuple[str, ...], tuple[str, ...]]:
    """A multiselect bound to the repeatable URL parameter `param`; returns (chosen, unknown URL values).

    The URL is the source of truth: a link that changes the parameter resets the widget; a change of the
    widget rewrites the URL, so the address bar always holds the view on screen.
    """
    key, seen = f"filter_{param}", f"_url_seen_{param}"
    from_url, unknown = known(_url_values(param), options)
    if key not in st.session_state or st.session_state.get(seen) != from_url:
        st.session_state[key] = list(from_url)
    st.session_state[key] = [v for v in st.session_state[key] if v in options]
    chosen = tuple(where.multiselect(label, options, key=key, help=help, placeholder="All"))  # type: ignore[attr-defined]
    st.session_state[seen] = chosen
    if chosen != from_url or unknown:
        set_url(param, chosen)
    return chosen, unknown


def _nav(carry: dict[str, list[str]], role: Role) -> None:
    with st.sidebar:
        for section, pages in NAV.items():
            shown = [p for p in pages if p.script not in PMO_ONLY or role is Role.PMO]
            if not shown:
                continue
            st.caption(section.upper())
            for p in shown:
                st.page_link(p.script, label=p.title, icon=p.icon, query_params=carry or None)


def _stamp(src: Source) -> None:
    """'Data as at' the view's one date, then each table's own snapshot date, grouped by date; snapshots dated
    after the view's date (reachable with `as_at`) and any snapshot that was skipped."""
    s = data.store(src)
    by_date: dict[dt.date | None, list[str]] = {}
    for table, when in s.as_at.items():
        by_date.setdefault(when, []).append(schema.TABLES[table].title)
    lines = [
        f"**{when:%d %b %Y}**: {', '.join(tables)}" if when else f"**no data**: {', '.join(tables)}"
        for when, tables in sorted(by_date.items(), key=lambda kv: (kv[0] is None, kv[0] or dt.date.min))
    ]
    why = "frozen to this date" if src.as_at else "the registers' newest snapshot"
    head = f"**Data as at {s.point:%d %b %Y}** ({why}): each table at its newest snapshot on or before it"
    later = later_snapshots(src.data_dir, s.point)
    if later:
        newest = max(later.values())
        tables = ", ".join(schema.TABLES[t].title for t in later)
        lines.append(f"Later snapshots ({tables}): [as at {newest:%d %b %Y}](?as_at={newest.isoformat()})")
    st.sidebar.markdown(head + "  \n" + "  \n".join(lines))


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


def _since_select(src: Source, since: dt.date | None) -> dt.date | None:
    """'Compare with' in the sidebar: a previous snapshot or DAG meeting date, bound to the URL's `since`."""
    labels: dict[dt.date | None, str] = {None: "Nothing (no comparison)", **dict(_since_labels(src))}
    if since is not None and since not in labels:
        labels[since] = f"{since:%d %b %Y}"
    key, seen = "filter_since", "_url_seen_since"
    if key not in st.session_state or st.session_state.get(seen) != since:
        st.session_state[key] = since
    chosen: dt.date | None = st.sidebar.selectbox(
        "Compare with (since)",
        list(labels),
        format_func=lambda d: labels[d],
        placeholder=labels[None],  # Streamlit shows a None value as the placeholder
        key=key,
        help="Show what changed between the snapshots nearest on or before this date and this view's.",
    )
    st.session_state[seen] = chosen
    if chosen != since:
        set_url("since", chosen.isoformat() if chosen else None)
    return chosen


def frame(
    title: str,
    *,
    filters: Sequence[str] = ("release", "group"),
    status_options: Sequence[str] | None = None,
    status_label: str = "Status",
    present: bool = False,
) -> Filters:
    """Set up the page and return its filters; every page, app.py included, calls this first.

    `filters` names the global filters this page uses ("release", "group"); `status_options`, if given,
    adds a status filter with this page's own vocabulary. `present=True` makes the page chair mode
    whatever the URL says (as `present=1` does for any page).
    """
    present = present or parse_flag(st.query_params.get("present"))
    st.set_page_config(
        page_title=f"{title} · MHHS DAG dashboard",
        page_icon="📊",
        layout="wide",
        initial_sidebar_state="collapsed" if present else "auto",
    )
    access, role, who = signin.current()
    signin.gate_viewers(access, role)
    dropped: list[str] = []
    as_at_text = st.query_params.get("as_at")
    as_at = parse_date(as_at_text)
    if as_at_text and not as_at:
        dropped.append(f"as_at={shorten(as_at_text)}")
        del st.query_params["as_at"]
    if present:
        st.html(PRESENT_CSS)
    try:
        if present and as_at is None:  # freeze the meeting's figures to the data's as-at date, in the URL
            as_at = data.point(data.source())
            st.query_params["as_at"] = as_at.isoformat()
        src = data.source(as_at)
    except DataDirError as e:  # an object store that is unreachable, or a URL that names none
        st.error(f"The dashboard cannot read its data: {e}. Check MHHS_DATA_DIR.", icon=":material/error:")
        st.stop()
    freshness.warm_in_background(src)  # new data: work out what viewers asked for last, before they ask again

    chosen: dict[str, tuple[str, ...]] = {}
    wanted = [("release", "Target release", lambda: data.release_options(src))] if "release" in filters else []
    if "group" in filters:
        wanted.append(("group", "Governance group", lambda: list(data.group_options(src)["group_code"])))
    if status_options is not None:
        wanted.append(("status", status_label, lambda: list(status_options)))
    if not present:
        st.sidebar.markdown("### MHHS · DAG dashboard")
    for param, label, options in wanted:
        if present:  # chair mode: the link's filters hold, with no widgets on the shared screen
            chosen[param], bad = known(_url_values(param), options())
        else:
            chosen[param], bad = url_multiselect(param, label, options())
        dropped += [f"{param}={shorten(v)}" for v in bad]

    since_text = st.query_params.get("since")
    since = parse_date(since_text)
    if since_text and (not since or since > data.point(src)):  # not a date, or after the view's: nothing to compare
        dropped.append(f"since={shorten(since_text)}")
        del st.query_params["since"]
        since = None
    if not present:
        since = _since_select(src, since)

    carry = {k: st.query_params.get_all(k) for k in CARRIED if st.query_params.get_all(k)}
    if not present:
        _nav(carry, role)
        signin.sidebar(access, role, who)
        _stamp(src)
    freshness.follow(src)
    for problem in data.store(src).problems:
        st.warning(f"A snapshot was skipped and the previous good one is shown: {problem}", icon=":material/warning:")
    if dropped:
        st.info(
            "Ignored what this link asked for but the data does not have: " + inert(", ".join(dropped)),
            icon=":material/info:",
        )
    return Filters(
        src,
        chosen.get("release", ()),
        chosen.get("group", ()),
        chosen.get("status", ()),
        since,
        present,
        tuple(dropped),
    )

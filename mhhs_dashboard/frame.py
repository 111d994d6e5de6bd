"""The frame every page starts with: page config, sign-in, the view's data and filters from the URL, the sidebar,
and the page's one notice of what a link asked for that the data does not have."""

from __future__ import annotations

from collections.abc import Sequence

import streamlit as st

from mhhs_dashboard import data, freshness, settings, signin, url
from mhhs_dashboard.elements import as_at_stamp
from mhhs_dashboard.files import DataDirError
from mhhs_dashboard.filters import Dropped, Filters, parse_flag
from mhhs_dashboard.nav import sidebar_links

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
[data-testid="stMain"] [data-testid="stCaptionContainer"], [data-testid="stTable"] td, [data-testid="stTable"] th {
  font-size: 20px; }
[data-testid="stMain"] [data-testid="stCaptionContainer"], [data-testid="stMain"] [data-testid="stCaptionContainer"] p {
  color: #222; opacity: 1; }
[data-testid="stMain"] [data-testid="stMetricValue"] [data-testid="stMarkdownContainer"] p {
  font-size: 3.2rem; font-weight: 700; line-height: 1.3; }
[data-testid="stMain"] .mhhs-tiles dt, [data-testid="stMain"] .mhhs-note { font-size: 20px !important; }
[data-testid="stMain"] .mhhs-note { color: #222 !important; }
[data-testid="stMain"] .mhhs-tiles dd { font-size: 3.2rem !important; font-weight: 700; line-height: 1.3 !important; }
[data-testid="stMain"] h1 { font-size: 2.2rem; padding: 0.2rem 0; }
[data-testid="stMain"] kbd { color: inherit !important; opacity: 1 !important; font-size: 20px; }
[data-testid="stMain"] h3 { font-size: 1.5rem; padding: 0.2rem 0; }
[data-testid="stMain"] [data-testid="stIconMaterial"], [data-testid="stMain"] [data-testid="stPageLink"] p {
  font-size: 20px; }
[data-testid="stMain"] [data-testid="stTable"] th { color: #000; }
[data-testid="stMain"]:focus-visible { outline: none; }
[data-testid="stMain"] [data-testid="stTable"] td, [data-testid="stMain"] [data-testid="stTable"] th {
  overflow-wrap: anywhere; vertical-align: top; }
[data-testid="stMain"] [data-testid="stTable"] td *, [data-testid="stMain"] [data-testid="stTable"] th * {
  max-width: 100% !important; overflow-wrap: anywhere; }
</style>"""


def frame(
    title: str,
    *,
    filters: Sequence[str] = ("release", "group", "since"),
    status_options: Sequence[str] | None = None,
    status_label: str = "Status",
    present: bool = False,
) -> Filters:
    """Set up the page and return its filters; every page, app.py included, calls this first.

    `filters` names the global filters this page uses ("release", "group", and "since", the "Compare with" date);
    one a page does not use is not drawn on it, and its value stays in the URL for the pages that do.
    `status_options`, if given, adds a status filter with this page's own vocabulary. `present=True` makes the
    page chair mode whatever the URL says (as `present=1` does for any page). What the page's own URL-bound
    widgets drop (`url.multiselect(..., f.dropped)`) joins the frame's one notice.
    """
    settings.tune_server()
    present = present or parse_flag(st.query_params.get("present"))
    st.set_page_config(
        page_title=f"{title} · MHHS DAG dashboard",
        page_icon="📊",
        layout="wide",
        initial_sidebar_state="collapsed" if present else "auto",
    )
    access, role, who = signin.current()
    signin.gate_viewers(access, role)
    dropped = Dropped()
    as_at = url.as_at(dropped)
    if present:
        st.html(PRESENT_CSS)
    try:
        if present and as_at is None:  # freeze the meeting's figures to the data's as-at date, in the URL
            as_at = data.point(data.source())
            url.freeze(as_at)
        src = data.source(as_at)
    except DataDirError as e:  # an object store that is unreachable, or a URL that names none
        st.error(f"The dashboard cannot read its data: {e}. Check MHHS_DATA_DIR.", icon=":material/error:")
        st.stop()
    freshness.warm_in_background(src)  # new data: work out what viewers asked for last, before they ask again

    wanted = [("release", "Target release", lambda: data.release_options(src))] if "release" in filters else []
    if "group" in filters:
        wanted.append(("group", "Governance group", lambda: data.group_codes(src)))
    if status_options is not None:
        wanted.append(("status", status_label, lambda: list(status_options)))
    if not present:
        st.sidebar.markdown("### MHHS · DAG dashboard")
    chosen = {
        # chair mode: the link's filters hold, with no widgets on the shared screen
        param: url.chosen(param, options(), dropped) if present else url.multiselect(param, label, options(), dropped)
        for param, label, options in wanted
    }
    since = url.since(dropped, data.point(src))
    if not present:
        since = url.since_select(src, since) if "since" in filters else since
        sidebar_links(url.carried(), role)
        signin.sidebar(access, role, who)
        as_at_stamp(src)
    freshness.follow(src)
    for problem in data.store(src).problems:
        st.warning(f"A snapshot was skipped and the previous good one is shown: {problem}", icon=":material/warning:")
    notice = st.empty()  # the page's one notice: the frame's drops now, the page's own widgets' as they come
    dropped.show_in(lambda text: notice.info(text, icon=":material/info:"))
    return Filters(
        src,
        chosen.get("release", ()),
        chosen.get("group", ()),
        chosen.get("status", ()),
        since,
        present,
        dropped,
    )

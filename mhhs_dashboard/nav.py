"""The sidebar's navigation: every page of the dashboard by section, and the links the viewer's role may see."""

from __future__ import annotations

import functools
from dataclasses import dataclass

import streamlit as st
from streamlit.navigation.page import StreamlitPage
from streamlit.runtime.scriptrunner import get_script_run_ctx

from mhhs_dashboard.roles import Role


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
        Page("pages/principles.py", "Design principles", ":material/rule:"),
        Page("pages/data_quality.py", "Data quality", ":material/fact_check:"),
    ),
    "Decisions": (
        Page("pages/decisions.py", "Decisions log", ":material/gavel:"),
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
_BY_SCRIPT = {p.script: p for pages in NAV.values() for p in pages}  # each page's title and icon, by script
# pages linked only for the PMO (each page also refuses anyone else itself: a link is not a lock)
PMO_ONLY = frozenset({"pages/workspace.py"})


def sidebar_links(carry: dict[str, list[str]], role: Role) -> None:
    """The page links in the sidebar, section by section, each keeping the query parameters `carry`."""
    with st.sidebar:
        for section, pages in NAV.items():
            shown = [p for p in pages if p.script not in PMO_ONLY or role is Role.PMO]
            if not shown:
                continue
            if [p.title for p in shown] != [section]:  # a section that is one page of its name needs no heading
                st.caption(section.upper())
            for p in shown:
                st.page_link(page(p.script), query_params=carry or None)  # the page's own title and icon


def page(script: str) -> StreamlitPage | str:
    """The page of `script` (app.py, pages/x.py) for st.page_link, made once per app with its title and icon in
    NAV: a path instead is resolved on disk at every link (os.path.realpath; 0.1-0.2 ms of server CPU each, a
    sidebar of ten), and an icon given to each link is validated again at each."""
    ctx = get_script_run_ctx()
    return _page(ctx.main_script_path, script) if ctx is not None else script


@functools.cache
def _page(main_script: str, script: str) -> StreamlitPage:
    # the page Streamlit registers for the script (its path, its URL path and default-ness), made as it makes it
    known = _BY_SCRIPT.get(script)
    title, icon = (known.title, known.icon) if known else (None, None)
    return st.Page(script, title=title, icon=icon, default=script == "app.py")

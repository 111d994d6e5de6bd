"""Links to the dashboard's own views: a reference's page, a link column's URL, the query parameters a link keeps.
No Streamlit."""

from __future__ import annotations

import urllib.parse
from collections.abc import Mapping, Sequence

from mhhs_dashboard.filters import Filters
from mhhs_dashboard.text import inert


def page_for(kind: str, ref: str) -> tuple[str, dict[str, str]] | None:
    """The page script and query parameters of a reference's own view; None where there is no view to go to."""
    if kind == "cr":
        return "pages/change_requests.py", {"cr": ref}
    if kind == "risk":
        return "pages/change_requests.py", {"risk": ref}
    if kind == "action":
        return "pages/actions.py", {"action": ref}
    if kind == "din":
        return "pages/dins.py", {"din": ref}
    if kind == "milestone":
        return "pages/milestones.py", {"milestone": ref}
    if kind == "decision":
        return "pages/decisions.py", {"decision": ref}
    if kind == "release":
        if ref[-1] in "xX":
            # "IR8.X" is a release not yet numbered: no DIN targets it, so it goes to the release plan itself
            return "pages/milestones.py", {}
        return "pages/dins.py", {"release": "Interim Release " + ref[2:]}
    return None


def target(kind: str, ref: str) -> str | None:
    """The relative URL of a reference's own view (`change_requests?cr=CR045`)."""
    page = page_for(kind, ref)
    if page is None:
        return None
    return page_url(*page)


def page_url(script: str, params: Mapping[str, str | list[str]] | None = None) -> str:
    """The relative URL of a page script with its query parameters (`meetings?group=DAG`), for an HTML link."""
    stem = script.removeprefix("pages/").removesuffix(".py")
    return stem + ("?" + urllib.parse.urlencode(params, doseq=True) if params else "")


def view_url(kind: str, ref: object) -> str | None:
    """The relative URL of `ref`'s own view, for link columns in tables; None for no reference."""
    return target(kind, ref) if isinstance(ref, str) and ref else None


def with_query(url: str, carry: dict[str, str] | None) -> str:
    """`url` with the query parameters `carry` added."""
    if not carry:
        return url
    return url + ("&" if "?" in url else "?") + urllib.parse.urlencode(carry)


def item_links(page: str, param: str, values: Sequence[str]) -> str:
    """Markdown links to one item each (`actions?action=DAG35-02`); data text made inert, URL values quoted."""
    return ", ".join(f"[{inert(v)}]({page}?{param}={urllib.parse.quote(v, safe='')})" for v in values)


def carry(f: Filters) -> dict[str, str] | None:
    """The query parameters every reference link keeps: the frozen as-at date, if any."""
    return {"as_at": f.as_at.isoformat()} if f.as_at else None


def link_params(f: Filters, **extra: str | list[str]) -> dict[str, str | list[str]]:
    """The query parameters that keep this view's global filters on a link to another page."""
    params: dict[str, str | list[str]] = {}
    if f.releases:
        params["release"] = list(f.releases)
    if f.groups:
        params["group"] = list(f.groups)
    if f.since:
        params["since"] = f.since.isoformat()
    if f.as_at:
        params["as_at"] = f.as_at.isoformat()
    params.update(extra)
    return params


def link_view(f: Filters) -> Filters:
    """What `link_params` reads of `f` (its global filters, comparison date and data), as a key for work kept
    per view (data.once): equal for two views whose links keep the same parameters, and holding nothing of the
    run that made it (`f.dropped` is the page's notice)."""
    return Filters(f.src, f.releases, f.groups, since=f.since)


def cleared_params(f: Filters) -> dict[str, str | list[str]]:
    """The query parameters of a link that clears every filter of the view but keeps its as-at date and its
    comparison date (`since`), which say which data it shows rather than which rows."""
    return {k: v for k, v in link_params(f).items() if k in ("as_at", "since")}

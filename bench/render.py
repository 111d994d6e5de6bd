"""Server render time of every page (AppTest), beside its framework floor: the same page on constant frames."""

from __future__ import annotations

import contextlib
import statistics
import time
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

import pandas as pd
import streamlit as st
from streamlit.testing.v1 import AppTest

from mhhs_dashboard import data, freshness
from mhhs_dashboard.blocks import tiles_in

ROOT = Path(__file__).resolve().parent.parent
APP = ROOT / "app.py"
TIMEOUT = 300


def page_scripts(root: Path = ROOT) -> list[str]:
    """app.py and every pages/*.py, discovered (pages are being added all the time)."""
    return ["app.py", *sorted(p.relative_to(root).as_posix() for p in (root / "pages").glob("*.py"))]


@dataclass
class QueryTap:
    """Wraps data.run_query: times every query and records its result, keyed on (name, params)."""

    seconds: float = 0.0
    calls: int = 0
    recorded: dict[tuple[object, ...], pd.DataFrame] = field(default_factory=dict)
    longest: dict[str, float] = field(default_factory=dict)  # query name -> its longest run, seconds

    @contextlib.contextmanager
    def installed(self) -> Iterator[QueryTap]:
        real = data.run_query

        def timed(con: object, name: str, **params: object) -> pd.DataFrame:
            t = time.perf_counter()
            try:
                df = real(con, name, **params)  # type: ignore[arg-type]
            finally:
                took = time.perf_counter() - t
                self.seconds += took
                self.calls += 1
                self.longest[name] = max(took, self.longest.get(name, 0.0))
            self.recorded[data.query_key(name, params)] = df
            return df

        data.run_query = timed  # type: ignore[assignment]
        try:
            yield self
        finally:
            data.run_query = real  # type: ignore[assignment]


@contextlib.contextmanager
def floor(recorded: dict[tuple[object, ...], pd.DataFrame]) -> Iterator[list[str]]:
    """Answer every data.query from `recorded` (constant frames); DuckDB is never reached. Yields the misses."""
    real = data._query
    misses: list[str] = []

    def constant(src: data.Source, name: str, **params: object) -> pd.DataFrame:
        key = data.query_key(name, params)
        if key not in recorded:
            misses.append(name)
            return real(src, name, **params)
        return recorded[key]

    data._query = constant  # type: ignore[assignment]
    try:
        yield misses
    finally:
        data._query = real  # type: ignore[assignment]


def open_at(page: str) -> AppTest:
    """An AppTest that has run app.py and then switched to `page` (reruns stay on `page`)."""
    at = AppTest.from_file(str(APP), default_timeout=TIMEOUT)
    at.run()
    if page != "app.py":
        at.switch_page(page).run()
    return at


def on_screen(at: AppTest) -> dict[str, int]:
    """What a rendered page shows that the browser benchmark waits for: its metric tiles (st.metric's and those of
    elements.tile_row) and Plotly charts."""
    tiles = len(at.metric) + sum(tiles_in(h.proto.body) for h in at.get("html"))
    return {"metrics": tiles, "charts": len(at.get("plotly_chart"))}


def expected_on_screen(page: str) -> dict[str, int]:
    """The metrics and charts `page` draws on $MHHS_DATA_DIR (from an AppTest run)."""
    return on_screen(open_at(page))


def _timed_run(at: AppTest) -> float:
    t = time.perf_counter()
    at.run()
    elapsed = time.perf_counter() - t
    if at.exception:
        raise RuntimeError(f"page raised: {[e.value for e in at.exception][:1]}")
    return elapsed


@dataclass
class PageTiming:
    """Medians (seconds) of one page's renders at one data set."""

    page: str
    cold: float
    warm: float
    floor: float
    query_share: float  # time in queries / render time, cold renders
    queries: int  # queries per cold render
    misses: int  # floor lookups that fell through to DuckDB (should be 0)
    slowest: str = ""  # the query that took longest in a cold render, and how long
    warmed: float = float("nan")  # the first render after new data, once the warm-up (freshness.warm) has run
    warmed_share: float = float("nan")  # time in queries / that render


def time_page(page: str, runs: int) -> PageTiming:
    """Cold (data cache cleared), warm (cached) and floor (constant frames) renders of `page`, `runs` each."""
    at = open_at(page)  # first run: opens the store; not counted
    cold, shares = [], []
    tap = QueryTap()
    with tap.installed():
        for _ in range(runs):
            data.forget()
            before_s, before_n = tap.seconds, tap.calls
            t = _timed_run(at)
            cold.append(t)
            shares.append((tap.seconds - before_s) / t)
            per_render = tap.calls - before_n
    warm = [_timed_run(at) for _ in range(runs)]
    warmed, warmed_shares = [], []
    with QueryTap().installed() as after:  # a tap of its own: the warm-up runs other pages' queries too
        for _ in range(runs):
            data.forget()  # as new data leaves it: nothing cached for the new version...
            freshness.warm(data.source())  # ...until the warm-up the first session to meet it starts has run
            before_s = after.seconds
            t = _timed_run(at)
            warmed.append(t)
            warmed_shares.append((after.seconds - before_s) / t)
    data.forget()  # before the floor stands in for the query cache
    with floor(tap.recorded) as misses:
        flo = [_timed_run(at) for _ in range(runs)]
    return PageTiming(
        page,
        statistics.median(cold),
        statistics.median(warm),
        statistics.median(flo),
        statistics.median(shares),
        per_render,
        len(misses),
        _slowest(tap),
        statistics.median(warmed),
        statistics.median(warmed_shares),
    )


def _slowest(tap: QueryTap) -> str:
    """'name (0.123 s)' for the query that ran longest, '' when none ran."""
    if not tap.longest:
        return ""
    name, took = max(tap.longest.items(), key=lambda kv: kv[1])
    return f"{name} ({took:.3f} s)"


def first_render(page: str = "app.py") -> float:
    """A render with every cache empty (store opened from disk, every query run)."""
    st.cache_data.clear()
    st.cache_resource.clear()
    at = AppTest.from_file(str(APP), default_timeout=TIMEOUT)
    return _timed_run(at)


def warm_up() -> tuple[int, float]:
    """The warm-up a new data version gets, with nothing cached: (queries run, seconds). The queries are those
    the renders so far asked for (every page's, after time_pages)."""
    data.forget()
    t = time.perf_counter()
    n = freshness.warm(data.source())
    return n, time.perf_counter() - t


def time_pages(runs: int) -> tuple[float, list[PageTiming]]:
    """The first render of the overview, then every page's timings, on $MHHS_DATA_DIR."""
    first = first_render()
    timings = []
    for page in page_scripts():
        try:
            timings.append(time_page(page, runs))
        except Exception as e:  # a page that fails is reported, not a reason to stop measuring the others
            nan = float("nan")
            timings.append(PageTiming(f"{page} (failed: {type(e).__name__})", nan, nan, nan, nan, 0, 0))
    return first, timings

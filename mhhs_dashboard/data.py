"""What pages read, cached: open stores, query results and figures, and every read bound to a `Source`.

The only module with st.cache_*. Every cache key carries the data version (a hash of the snapshot files in use),
so a new snapshot on disk is a new key: no restart, no stale figures. The reads themselves are
mhhs_dashboard/reads.py's; here each is bound to a page's `Source`, so pages call `data.cr_register(src, ...)`.
"""

from __future__ import annotations

import datetime as dt
import functools
import json
import pickle
import threading
from collections import OrderedDict
from collections.abc import Callable
from typing import TYPE_CHECKING, Any, ClassVar, Concatenate, ParamSpec, TypeVar

import pandas as pd
import plotly.graph_objects as go
import plotly.io as pio
import streamlit as st

from mhhs_dashboard import cadence, charts, quality, reads, runs
from mhhs_dashboard.db import run_query
from mhhs_dashboard.meeting import Pack, build_pack

if TYPE_CHECKING:
    from mhhs_dashboard import chair
from mhhs_dashboard.source import Source, source
from mhhs_dashboard.store import Store, open_store

__all__ = ["Source", "source"]  # which data a page reads (mhhs_dashboard/source.py), handed on for the pages

P = ParamSpec("P")
R = TypeVar("R")


@st.cache_resource(show_spinner=False, max_entries=4)
def _store(data_dir: str, version: str, as_at: dt.date | None) -> Store:
    del version  # part of the cache key only: a new version opens a new store
    with runs.released():  # DuckDB reads the snapshots: another page run may go meanwhile
        return open_store(data_dir, as_at)


def store(src: Source) -> Store:
    """The open store for `src` (snapshot dates, problems, the DuckDB connection): a page asks for it a dozen
    times a view (every as-at label, the view's date), so through a plain-dict memo (`_Memo`)."""
    return _stores.get(src, lambda: _store(src.data_dir, src.version, src.as_at))


def let_go(data_dir: str, version: str) -> None:
    """Close the store of the live data at `version` (a store holds its data in memory: about 170 MB at 100x)."""
    _store.clear(data_dir, version, None)
    _stores.clear()  # the memo holds none the cache behind it has let go (the others come back at a dict look-up)


def point(src: Source) -> dt.date:
    """The view's one as-at date: the date it is frozen to, else "now" (the registers' newest snapshot). Every
    table is read at its newest snapshot on or before it; days to go and next meetings count from it."""
    return store(src).point


def table_dates(src: Source) -> dict[str, dt.date | None]:
    """Each table's snapshot date in the view (None: no snapshot on or before its as-at date)."""
    return store(src).as_at


class _Memo:
    """A plain-dict cache (least recently used first out) in front of st.cache_resource, for keys that are
    already plain hashable values (a `Source` and names): a hit costs a dict look-up, where st.cache_resource
    hashes every argument (0.2-0.5 ms a call, 7-10% of a page view). It holds what the cache behind it handed
    out, so it shares that cache's rule: read-only values; each key carries the data version."""

    _all: ClassVar[list[_Memo]] = []

    def __init__(self, keep: int) -> None:
        self.keep = keep
        self._lock = threading.Lock()
        self._got: OrderedDict[object, object] = OrderedDict()
        _Memo._all.append(self)

    def get(self, key: object, make: Callable[[], R]) -> R:
        """The value kept for `key`, else `make()` (kept for next time; an unhashable key is not kept)."""
        try:
            with self._lock:
                value = self._got[key]
                self._got.move_to_end(key)
                return value  # type: ignore[return-value]
        except KeyError:
            pass
        except TypeError:  # unhashable: no plain key
            return make()
        value = make()
        with self._lock:
            self._got[key] = value
            while len(self._got) > self.keep:
                self._got.popitem(last=False)
        return value

    def clear(self) -> None:
        with self._lock:
            self._got.clear()

    @classmethod
    def clear_all(cls) -> None:
        for memo in cls._all:
            memo.clear()


_stores = _Memo(keep=4)  # as many as _store keeps


@st.cache_resource(show_spinner=False, max_entries=512)
def _query(src: Source, name: str, **params: object) -> pd.DataFrame:
    return run_query(store(src).con, name, **params)


_queries = _Memo(keep=512)


def query(src: Source, name: str, **params: object) -> pd.DataFrame:
    """Rows of queries/<name>.sql for `src`; list parameters are passed as lists (tuples are for the cache)."""
    if src.as_at is None:
        _recent.note(src.data_dir, name, params)
    # in name order: the cache's key follows the order keyword arguments come in
    bound = {k: list(v) if isinstance(v, tuple) else v for k, v in sorted(params.items())}
    # the cache keeps its own frame and each caller gets a shallow copy it may change: pandas' copy-on-write
    # copies a column only when the caller writes to it, where st.cache_data's unpickling took 0.15-0.35 ms a frame
    got = _queries.get((src, query_key(name, params)), lambda: _query(src, name, **bound))
    return got.copy(deep=False)


def runner(src: Source) -> reads.Runner:
    """`run(query_name, **params)` for `src`, through the cache: what mhhs_dashboard/reads.py's functions take."""
    return functools.partial(query, src)


def query_key(name: str, params: dict[str, object]) -> tuple[str, tuple[tuple[str, object], ...]]:
    """One query asked for, as a key: its name and its parameters in name order, lists as tuples."""
    return name, tuple(sorted((k, tuple(v) if isinstance(v, list) else v) for k, v in params.items()))


class _Recent:
    """The queries viewers of the live data (no as_at) asked for most recently, per data directory: what a new
    data version should have ready before they ask again (mhhs_dashboard/freshness.py)."""

    def __init__(self, keep: int) -> None:
        self.keep = keep
        self._lock = threading.Lock()
        self._recent: dict[str, OrderedDict[tuple[str, tuple[tuple[str, object], ...]], None]] = {}

    def note(self, data_dir: str, name: str, params: dict[str, object]) -> None:
        key = query_key(name, params)
        try:
            hash(key)
        except TypeError:  # a parameter no cache key could hold either: nothing to warm
            return
        with self._lock:
            recent = self._recent.setdefault(data_dir, OrderedDict())
            recent[key] = None
            recent.move_to_end(key)
            while len(recent) > self.keep:
                recent.popitem(last=False)

    def of(self, data_dir: str) -> list[tuple[str, dict[str, object]]]:
        with self._lock:
            return [(name, dict(params)) for name, params in reversed(self._recent.get(data_dir, {}))]


_recent = _Recent(keep=256)


def recent_queries(data_dir: str) -> list[tuple[str, dict[str, object]]]:
    """The queries viewers of `data_dir`'s live data asked for most recently (up to 256), newest first."""
    return _recent.of(data_dir)


def _content(df: pd.DataFrame) -> bytes:
    """What identifies a chart's frame for the figure cache: its pickle (about 0.1 ms for a chart's few dozen
    rows, where Streamlit's own hash of a frame takes 2-4 ms, at every rerun of every session)."""
    return pickle.dumps(df, protocol=pickle.HIGHEST_PROTOCOL)


class SentFigure(go.Figure):
    """A cached figure as every session is handed it: read-only, its plain dict worked out once.

    st.plotly_chart asks a figure for `to_dict()` (a deep copy of every property, numpy arrays and all) and then
    JSON-encodes that through Plotly's encoder, at every rerun of every session: 3-30 ms a chart at 100x (the
    meeting timeline and the seat heatmap the most). Here `to_dict()` gives the figure's JSON read back once into
    plain lists, strings and numbers, which the json module's C encoder writes in a fraction of the time. The same
    dict for every caller: st.plotly_chart only reads it (and drops trace uids, which it has none of).
    """

    _plain: dict[str, object]

    def to_dict(self) -> dict[str, object]:
        return self._plain


def sent(fig: go.Figure) -> SentFigure:
    """`fig` as a SentFigure (the same object, its dict worked out now); a new figure for a chart that would
    restyle it comes from go.Figure(sent_figure)."""
    plain = json.loads(pio.to_json(fig, validate=False))
    fig.__class__ = SentFigure  # the same properties, already validated: only `to_dict` differs
    fig._plain = plain
    return fig


@st.cache_resource(show_spinner=False, max_entries=256, hash_funcs={pd.DataFrame: _content})
def _figure(
    name: str, _builder: Callable[..., go.Figure], args: tuple[object, ...], options: tuple[tuple[str, object], ...]
) -> go.Figure:
    del name  # the builder's key in the cache (`_builder` itself is not hashed)
    return sent(_builder(*args, **dict(options)))


def figure(builder: Callable[..., go.Figure], *args: object, **options: object) -> go.Figure:
    """`builder(*args, **options)` (a chart of mhhs_dashboard/charts.py), cached on the arguments' content.

    Building a figure validates every property it sets (Plotly): 15-25 ms a chart, and so does a copy of one.
    So every session is handed the same figure, read-only: st.plotly_chart only reads it, and a page that
    would restyle it works on a copy (charts.for_screen makes one).
    """
    name = f"{builder.__module__}.{builder.__qualname__}"
    return _figure(name, builder, args, tuple(sorted(options.items())))


def forget() -> None:
    """Drop every query result and figure worked out so far, keeping the open stores (what the benchmark's cold
    renders start from, as a new data version does)."""
    st.cache_data.clear()
    _Memo.clear_all()
    _query.clear()
    _figure.clear()
    _calendar.clear()


_reads = _Memo(keep=512)


def _kept(src: Source, read: Callable[..., R], args: tuple[object, ...], kwargs: dict[str, object]) -> R:
    """`read(runner(src), *args, **kwargs)` worked out once per data version and arguments: what a read derives
    from its queries' rows (option lists, counts, merged frames) is not worked out again at every view. A frame
    is handed out as a shallow copy, which pandas' copy-on-write keeps apart from the cached one if the caller
    changes it; other values are read-only, as every cached value is."""
    key = (src, read.__module__, read.__qualname__, args, tuple(sorted(kwargs.items())))
    got = _reads.get(key, lambda: read(runner(src), *args, **kwargs))
    return got.copy(deep=False) if isinstance(got, pd.DataFrame | pd.Series) else got


def _on(read: Callable[Concatenate[reads.Runner, P], R]) -> Callable[Concatenate[Source, P], R]:
    """`read` (a function of mhhs_dashboard/reads.py) for a page: called with a `Source`, kept once worked out."""

    @functools.wraps(read)
    def on_source(src: Source, /, *args: P.args, **kwargs: P.kwargs) -> R:
        return _kept(src, read, args, kwargs)

    return on_source


def _dated(read: Callable[Concatenate[reads.Runner, dt.date, P], R]) -> Callable[Concatenate[Source, P], R]:
    """`read`, which counts from a date, for a page: called with a `Source`, counting from the view's date."""

    @functools.wraps(read)
    def on_source(src: Source, /, *args: P.args, **kwargs: P.kwargs) -> R:
        return _kept(src, read, (point(src), *args), kwargs)

    return on_source


# Every read a page makes, named as its function in mhhs_dashboard/reads.py (and, mostly, as its query file).
din_totals = _on(reads.din_totals)
din_by_status = _on(reads.din_by_status)
din_by_release = _on(reads.din_by_release)
release_options = _on(reads.release_options)
group_options = _on(reads.group_options)


cr_by_approval_status = _on(reads.cr_by_approval_status)
seat_fill_by_group = _on(reads.seat_fill_by_group)
action_totals = _on(reads.action_totals)
cr_register = _on(reads.cr_register)
cr_totals = _on(reads.cr_totals)
action_log = _on(reads.action_log)
risk_register = _on(reads.risk_register)
cr_pipeline = _on(reads.cr_pipeline)
cr_options = _on(reads.cr_options)
cr_history = _on(reads.cr_history)
cr_risks = _on(reads.cr_risks)
actions_mentioning = _on(reads.actions_mentioning)
action_history = _on(reads.action_history)
action_owners = _on(reads.action_owners)
actions_by_owner = _on(reads.actions_by_owner)
actions_by_meeting = _on(reads.actions_by_meeting)
actions_by_status = _on(reads.actions_by_status)
seat_grid = _on(reads.seat_grid)
seats_vacant = _on(reads.seats_vacant)
group_cards = _on(reads.group_cards)
meetings_log = _on(reads.meetings_log)
agenda_items = _on(reads.agenda_items)
changes_baselines = _on(reads.changes_baselines)
changes_by_register = _on(reads.changes_by_register)
changes_rows = _on(reads.changes_rows)
changes_status_matrix = _on(reads.changes_status_matrix)
din_view_totals = _on(reads.din_view_totals)
din_release_status_matrix = _on(reads.din_release_status_matrix)
dins_by_month = _on(reads.dins_by_month)
din_list = _on(reads.din_list)
din_raised_by_options = _on(reads.din_raised_by_options)
din_detail = _on(reads.din_detail)
din_history = _on(reads.din_history)
release_publications = _on(reads.release_publications)
label_variants = _on(reads.label_variants)
din_reconciliation = _on(reads.din_reconciliation)
milestone_plan = _on(reads.milestone_plan)
milestone_slippage = _on(reads.milestone_slippage)
milestone_links = _on(reads.milestone_links)
milestone_replans = _on(reads.milestone_replans)
release_list = _on(reads.release_list)
# ...and those counting from the view's as-at date
milestones_upcoming = _dated(reads.milestones_upcoming)
meetings_upcoming = _dated(reads.meetings_upcoming)
meetings_as_at = _dated(reads.meetings_as_at)
last_meeting = _dated(reads.last_meeting)
since_options = _dated(reads.since_options)
meeting_on = _dated(reads.meeting_on)
meeting_for = _dated(reads.next_meeting)  # the meeting the view's figures are for: the first on or after its date
decisions_log = _dated(reads.decisions_log)
decisions_item = _dated(reads.decisions_item)
decisions_latest_for_refs = _dated(reads.decisions_latest_for_refs)
decisions_of_meeting = _dated(reads.decisions_of_meeting)
decisions_since = _dated(reads.decisions_since)
decisions_programme_updates = _dated(reads.decisions_programme_updates)
decisions_cr_updates = _dated(reads.decisions_cr_updates)
checklist_items = _dated(reads.checklist_items)
principles_list = _on(reads.principles_list)
agenda_items_of_meeting = _on(reads.agenda_items_of_meeting)


def next_release(src: Source) -> pd.Series | None:
    """The next Interim Release after the view's frozen date (live: the DIN log's date); reads.next_release."""
    return reads.next_release(runner(src), src.as_at)


def meetings_after_this(src: Source, group: str = "DAG", limit: int = 2) -> pd.DataFrame:
    """The `group` meetings after the one the view's figures are for (the meeting in progress is not a future
    one); the columns of meetings_upcoming."""
    this = meeting_for(src, group)
    return reads.meetings_upcoming(runner(src), this[0] if this else point(src), (group,), limit)


def quality_results(src: Source, tables: tuple[str, ...] | None = None) -> list[quality.Result]:
    """Every data-quality check's result for `src`, worked out once per data version (the Python checks and
    the frames built from each check's rows too, not only the queries): read-only, shared by every view."""
    return once(src, _quality_results, tables)


def _quality_results(src: Source, tables: tuple[str, ...] | None) -> list[quality.Result]:
    return quality.run_all(runner(src), tables)


# The meeting (issue 8): chair mode, the HTML pack and the slides read the same figures (mhhs_dashboard/meeting.py).
_packs = _Memo(keep=16)  # a pack and its chair steps, for a few meetings (each holds its figures: a few MB)


def meeting_pack(src: Source, since: dt.date | None = None, group: str = "DAG") -> Pack:
    """Everything the pack of `group`'s meeting shows, as at the source's frozen date (chair mode walks it):
    built once per data version and shared, read-only (as st.cache_data it was unpickled at every view, 7 ms)."""
    return _packs.get((src, "pack", since, group), lambda: _long(build_pack, src.data_dir, src.as_at, since, group))


def chair_steps(src: Source, since: dt.date | None = None, group: str = "DAG") -> list[chair.Step]:
    """Chair mode's steps for `group`'s meeting and their screens (worked out once per data version; read only)."""
    from mhhs_dashboard import chair  # Jinja (the pack's sections) only when chair mode is opened

    return _packs.get((src, "steps", since, group), lambda: _long(chair.steps, meeting_pack(src, since, group)))


def _long(work: Callable[..., R], *args: object) -> R:
    """`work(*args)`, seconds of it at 100x the pack (the meeting pack, chair mode's screens), with this page
    run's turn let go meanwhile (runs.released): the short runs of other viewers need not wait behind it."""
    with runs.released():
        return work(*args)


@st.cache_data(show_spinner=False, max_entries=8)
def report_html(src: Source, since: dt.date | None = None, group: str = "DAG") -> bytes:
    """The meeting pack of `group`'s meeting as one self-contained HTML file."""
    from mhhs_dashboard import report  # Jinja and the inlined Plotly JS only when the pack is asked for

    return report.render(meeting_pack(src, since, group)).encode("utf-8")  # the pack chair mode already built


@st.cache_data(show_spinner=False, max_entries=8)
def slides_pptx(src: Source, group: str = "DAG") -> bytes:
    """The pack's data slides of `group`'s meeting as a .pptx file (native charts and tables)."""
    from mhhs_dashboard import slides  # python-pptx only when the slides are asked for

    return slides.build(meeting_pack(src, None, group))


@st.cache_data(show_spinner=False, max_entries=16)
def ingest_findings(src: Source) -> pd.DataFrame:
    """table_name, row_key, problem, detail: what the ingest of each table's newest snapshot normalised or ignored,
    read from the reports beside the snapshots once per data version (a report is written with its snapshot)."""
    return once(src, _ingest_findings)


def _ingest_findings(src: Source) -> pd.DataFrame:
    from mhhs_dashboard import ingest

    return ingest.ingest_findings(src.data_dir, src.as_at)


@st.cache_resource(show_spinner=False, max_entries=64)
def _calendar(src: Source, groups: tuple[str, ...]) -> cadence.Calendar:
    return reads.meetings_calendar(runner(src), point(src), groups)


def meetings_calendar(src: Source, groups: tuple[str, ...] = ()) -> cadence.Calendar:
    """The governance calendar of `groups` for `src` (mhhs_dashboard/reads.py), worked out once per data version
    and view; each caller gets its own copy of the frames."""
    cal = _calendar(src, tuple(groups))
    return cal._replace(meetings=cal.meetings.copy(), problems=cal.problems.copy())


_worked = _Memo(keep=256)


def once(src: Source, work: Callable[..., R], *args: object) -> R:
    """`work(src, *args)` worked out once per data version and arguments (hashable: names, dates, tuples), for
    what a page derives from its reads (a calendar's next meetings, a block of text): a view then only sends it.
    Read-only, like every cached value: each caller is handed the same object."""
    return _worked.get((src, work.__module__, work.__qualname__, args), lambda: work(src, *args))


def figure_once(src: Source, build: Callable[..., go.Figure], *args: object) -> go.Figure:
    """`build(src, *args)` (a page's chart over several reads) as a SentFigure, once per data version and
    arguments, as `once` keeps a page's other work: no frame to hash at each view, as data.figure must."""
    return _worked.get((src, build.__module__, build.__qualname__, args), lambda: sent(build(src, *args)))


def figure_of(src: Source, builder: Callable[..., go.Figure], read: Callable[..., object], *args: object) -> go.Figure:
    """`builder(read(src, *args))` (a chart of mhhs_dashboard/charts.py over one of the reads above) as a
    SentFigure, once per data version and arguments (`figure_once`)."""
    name = f"{builder.__module__}.{builder.__qualname__}({read.__module__}.{read.__qualname__})"
    return _worked.get((src, name, args), lambda: sent(builder(read(src, *args))))


def column_of(src: Source, read: Callable[..., pd.DataFrame], column: str, *args: object) -> list[Any]:
    """The values of `column` of `read(src, *args)` (one of the reads above) as a list, as a widget lists them,
    once per data version and arguments (read-only)."""
    return once(src, _column_of, read, column, args)


def _column_of(src: Source, read: Callable[..., pd.DataFrame], column: str, args: tuple[object, ...]) -> list[Any]:
    return list(read(src, *args)[column])


def group_codes(src: Source) -> list[str]:
    """The governance groups' codes in the order the group filter lists them, once per data version (read-only)."""
    return once(src, lambda s: list(group_options(s)["group_code"]))


def calendar_frames(src: Source, groups: tuple[str, ...] = ()) -> cadence.Calendar:
    """The calendar of meetings_calendar without the copy: read-only frames, for a page that only shows them."""
    return _worked.get((src, "calendar", tuple(groups)), lambda: _calendar(src, tuple(groups)))


def next_meeting_by_group(src: Source, groups: tuple[str, ...] = ()) -> dict[str, dt.date]:
    """Each group's next meeting after the view's date (cadence.next_meeting_by_group), once per version."""
    return once(src, lambda s, g: cadence.next_meeting_by_group(calendar_frames(s, g).meetings), tuple(groups))


def meeting_timeline(src: Source, groups: tuple[str, ...] = ()) -> go.Figure:
    """The calendar's timeline chart (charts.meeting_calendar_timeline) as a SentFigure, once per version."""

    def work(s: Source, g: tuple[str, ...]) -> go.Figure:
        cal = calendar_frames(s, g)
        return sent(charts.meeting_calendar_timeline(cal.meetings, cal.as_at))

    return once(src, work, tuple(groups))

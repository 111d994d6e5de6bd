"""What pages read: one cached function per query. The only module with st.cache_*.

Every cache key carries the data version (a hash of the snapshot files in use), so a new snapshot on
disk is a new key: no restart, no stale figures.
"""

from __future__ import annotations

import datetime as dt
import logging
import pickle
import threading
from collections import OrderedDict
from collections.abc import Callable
from typing import NamedTuple

import pandas as pd
import plotly.graph_objects as go
import streamlit as st

from mhhs_dashboard import charts, quality, schema, settings
from mhhs_dashboard.db import run_query
from mhhs_dashboard.files import shown
from mhhs_dashboard.meeting import Changes, build_pack, changes
from mhhs_dashboard.meeting import meeting_for as meeting_for_store
from mhhs_dashboard.store import Store, data_version, open_store

log = logging.getLogger(__name__)


class Source(NamedTuple):
    """Which data a page reads: the directory, its version and the as-at date it is frozen to (if any)."""

    data_dir: str
    version: str
    as_at: dt.date | None = None


def source(as_at: dt.date | None = None, data_dir: str | None = None) -> Source:
    """The data source frozen at `as_at` (None: the newest snapshots) at its present version: `data_dir`, else
    $MHHS_DATA_DIR (or data/)."""
    where = settings.data_dir(data_dir)
    return Source(str(where), data_version(where, as_at), as_at)


@st.cache_resource(show_spinner=False, max_entries=4)
def _store(data_dir: str, version: str, as_at: dt.date | None) -> Store:
    del version  # part of the cache key only: a new version opens a new store
    return open_store(data_dir, as_at)


def store(src: Source) -> Store:
    """The open store for `src` (snapshot dates, problems, the DuckDB connection)."""
    return _store(src.data_dir, src.version, src.as_at)


def point(src: Source) -> dt.date:
    """The view's one as-at date: the date it is frozen to, else "now" (the registers' newest snapshot). Every
    table is read at its newest snapshot on or before it; days to go and next meetings count from it."""
    return store(src).point


def table_dates(src: Source) -> dict[str, dt.date | None]:
    """Each table's snapshot date in the view (None: no snapshot on or before its as-at date)."""
    return store(src).as_at


def meeting_on(src: Source, day: dt.date, group: str = "DAG") -> str | None:
    """The title of the `group` meeting held on `day` before the view's as-at date ("DAG #35"), if one was."""
    df = since_options(src, group)
    titles = [t for d, t in zip(df["since"], df["meeting"], strict=True) if pd.Timestamp(d).date() == day]
    return titles[0] if titles and isinstance(titles[0], str) else None


def meeting_for(src: Source, group: str = "DAG") -> tuple[dt.date, str] | None:
    """(date, title) of the `group` meeting the view's figures are for: the first on or after its as-at date."""
    return meeting_for_store(store(src), group)


def meetings_after_this(src: Source, group: str = "DAG", limit: int = 2) -> pd.DataFrame:
    """The `group` meetings after the one the view's figures are for (the meeting in progress is not a future
    one); the columns of meetings_upcoming."""
    this = meeting_for(src, group)
    day = this[0] if this else point(src)
    return query(src, "meetings_upcoming", groups=(group,), limit=limit, as_at=day)


@st.cache_resource(show_spinner=False, max_entries=512)
def _query(src: Source, name: str, **params: object) -> pd.DataFrame:
    return run_query(store(src).con, name, **params)


def query(src: Source, name: str, **params: object) -> pd.DataFrame:
    """Rows of queries/<name>.sql for `src`; list parameters are passed as lists (tuples are for the cache)."""
    if src.as_at is None:
        _asked.note(src.data_dir, name, params)
    # in name order: the cache's key follows the order keyword arguments come in
    bound = {k: list(v) if isinstance(v, tuple) else v for k, v in sorted(params.items())}
    # the cache keeps its own frame and each caller gets a copy it may change: 0.02-0.08 ms (Arrow columns are
    # shared, being immutable) where st.cache_data's unpickling took 0.15-0.35 ms a frame
    return _query(src, name, **bound).copy()


def query_key(name: str, params: dict[str, object]) -> tuple[str, tuple[tuple[str, object], ...]]:
    """One query asked for, as a key: its name and its parameters in name order, lists as tuples."""
    return name, tuple(sorted((k, tuple(v) if isinstance(v, list) else v) for k, v in params.items()))


class _Asked:
    """The queries viewers of the live data (no as_at) asked for most recently, per data directory: what a new
    data version should have ready before they ask again; and each version's preparation (`prepare`): first
    seen, finished, and which older versions it leaves behind."""

    def __init__(self, keep: int) -> None:
        self.keep = keep
        self._lock = threading.Lock()
        self._recent: dict[str, OrderedDict[tuple[str, tuple[tuple[str, object], ...]], None]] = {}
        self._warmed: set[tuple[str, str]] = set()  # (data_dir, version) warmed or being warmed
        self._ready: set[tuple[str, str]] = set()  # (data_dir, version) open and warmed
        self._order: dict[str, list[str]] = {}  # data_dir -> live versions first seen, oldest first, still open

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

    def recent(self, data_dir: str) -> list[tuple[str, dict[str, object]]]:
        with self._lock:
            return [(name, dict(params)) for name, params in reversed(self._recent.get(data_dir, {}))]

    def first_sight(self, src: Source) -> bool:
        """Whether this is the first time `src`'s version is seen (and so should be warmed)."""
        with self._lock:
            if (src.data_dir, src.version) in self._warmed:
                return False
            self._warmed.add((src.data_dir, src.version))
            self._order.setdefault(src.data_dir, []).append(src.version)
            return True

    def finished(self, src: Source) -> list[str]:
        """Note that `src`'s version is open and warmed; the versions of its directory first seen before it,
        which no new render asks for any more (each render reads the version on disk)."""
        with self._lock:
            self._ready.add((src.data_dir, src.version))
            order = self._order.get(src.data_dir, [])
            older = order[: order.index(src.version)] if src.version in order else []
            self._order[src.data_dir] = order[len(older) :]
            return older

    def is_ready(self, src: Source) -> bool:
        """Whether `src`'s version has been prepared (its preparation finished, even if the opening failed)."""
        with self._lock:
            return (src.data_dir, src.version) in self._ready


_asked = _Asked(keep=256)


def warm(src: Source) -> int:
    """Run, for `src`, the queries viewers of its data directory asked for most recently (newest first); how many.

    Each lands in the data cache, so a viewer who asks for one after finds it there. A query already running
    for a viewer is not run twice: the cache lets one caller compute a key while the others wait for it.
    """
    asked = _asked.recent(src.data_dir)
    for name, params in asked:
        try:
            query(src, name, **params)
        except Exception as e:  # a viewer who asks for it gets the page's own message; the warm-up goes on
            log.warning("warm-up of %s for %s: %s: %s", name, shown(src.data_dir), type(e).__name__, e)
    return len(asked)


def prepare(src: Source) -> None:
    """Open `src`'s store and warm it (about 2 s for a new weekly snapshot at 100x the pack), then let go
    of the older versions of the same directory: a store holds its data in memory (about 170 MB at 100x)."""
    try:
        store(src)
        warm(src)
    except Exception as e:  # the page that asks next shows its own message; the poll must not wait for ever
        log.warning("opening %s at version %s: %s: %s", shown(src.data_dir), src.version, type(e).__name__, e)
    finally:
        for version in _asked.finished(src):
            _store.clear(src.data_dir, version, None)


def warm_in_background(src: Source) -> threading.Thread | None:
    """The first time a new version of the live data is seen, prepare it on a thread of its own (None otherwise).

    Called by every page render (mhhs_dashboard/frame.py) and by every session's poll for new data (`ready`):
    the first to meet new data starts it, and the viewers who come after find the store open and the figures
    they asked for last time already worked out.
    """
    if src.as_at is not None or not _asked.first_sight(src):
        return None
    thread = threading.Thread(target=prepare, args=(src,), name="mhhs-warm", daemon=True)
    thread.start()
    return thread


def ready(src: Source) -> bool:
    """Whether `src`'s data is open and warmed; the first to ask starts that (`warm_in_background`).

    A session's poll reruns its page on new data only once this holds, so the page moves to the new data in
    one quick rerun instead of hanging while the store opens.
    """
    warm_in_background(src)
    return _asked.is_ready(src)


def _content(df: pd.DataFrame) -> bytes:
    """What identifies a chart's frame for the figure cache: its pickle (about 0.1 ms for a chart's few dozen
    rows, where Streamlit's own hash of a frame takes 2-4 ms, at every rerun of every session)."""
    return pickle.dumps(df, protocol=pickle.HIGHEST_PROTOCOL)


@st.cache_resource(show_spinner=False, max_entries=256, hash_funcs={pd.DataFrame: _content})
def _figure(builder: str, args: tuple[object, ...], options: tuple[tuple[str, object], ...]) -> go.Figure:
    return getattr(charts, builder)(*args, **dict(options))


def figure(builder: Callable[..., go.Figure], *args: object, **options: object) -> go.Figure:
    """`builder(*args, **options)` (a chart of mhhs_dashboard/charts.py), cached on the arguments' content.

    Building a figure validates every property it sets (Plotly): 15-25 ms a chart, and so does a copy of one.
    So every session is handed the same figure, read-only: st.plotly_chart only reads it, and a page that
    would restyle it works on a copy (charts.for_screen makes one).
    """
    return _figure(builder.__name__, args, tuple(sorted(options.items())))


def forget() -> None:
    """Drop every query result and figure worked out so far, keeping the open stores (what the benchmark's cold
    renders start from, as a new data version does)."""
    st.cache_data.clear()
    _query.clear()
    _figure.clear()


# One function per query the pages use; named as the query file.
def din_totals(src: Source, releases: tuple[str, ...] = ()) -> pd.Series:
    """One row: total, open, closed, with_release, without_release."""
    return query(src, "dins_totals", releases=releases).iloc[0]


def din_by_status(src: Source, releases: tuple[str, ...] = (), view: DinView | None = None) -> pd.DataFrame:
    """status, state, status_order, dins; programme order. `view` (the DIN page's filters) overrides `releases`."""
    return query(src, "dins_by_status", **(view or DinView(releases))._asdict())


def din_by_release(src: Source, releases: tuple[str, ...] = (), view: DinView | None = None) -> pd.DataFrame:
    """release, release_order, dins, open, closed; natural release order. `view` overrides `releases`."""
    return query(src, "dins_by_release", **(view or DinView(releases))._asdict())


def release_options(src: Source) -> list[str]:
    """Every target-release label, natural order, 'No release' last."""
    return list(query(src, "releases_options")["release"])


def group_options(src: Source) -> pd.DataFrame:
    """group_code, name, level."""
    return query(src, "groups_options")


def snapshot_dates(src: Source) -> list[dt.date]:
    """Every as-at date of the main registers' snapshots, newest first."""
    return [d.date() for d in query(src, "snapshots_by_date")["as_at"]]


def cr_by_approval_status(src: Source) -> pd.DataFrame:
    """approval_status, crs."""
    return query(src, "crs_by_approval_status")


def seat_fill_by_group(src: Source, groups: tuple[str, ...] = ()) -> pd.DataFrame:
    """group_code, filled, total."""
    return query(src, "seats_fill_by_group", groups=groups)


def action_totals(src: Source, groups: tuple[str, ...] = ()) -> pd.Series:
    """One row: total, open, recommend_closed, overdue, as_at."""
    return query(src, "actions_totals", groups=groups).iloc[0]


def milestones_upcoming(src: Source) -> pd.DataFrame:
    """milestone_id, name, baseline_date, forecast_date, days_to_go (from the view's as-at date), illustrative;
    soonest first."""
    return query(src, "milestones_upcoming", as_at=point(src))


def meetings_upcoming(src: Source, groups: tuple[str, ...] = (), limit: int = 5) -> pd.DataFrame:
    """meeting_date, group_code, group_name, title, kind, notes of the meetings after the view's as-at date;
    soonest first."""
    return query(src, "meetings_upcoming", groups=groups, limit=limit, as_at=point(src))


def cr_register(
    src: Source,
    approval_statuses: tuple[str, ...] = (),
    stages: tuple[str, ...] = (),
    change_types: tuple[str, ...] = (),
    decision_bodies: tuple[str, ...] = (),
    crs: tuple[str, ...] = (),
) -> pd.DataFrame:
    """One row per CR with every column the pack prints, plus stage_order, decision_body, stage_since, notes,
    days_in_stage and as_at."""
    return query(
        src,
        "crs_register",
        approval_statuses=approval_statuses,
        stages=stages,
        change_types=change_types,
        decision_bodies=decision_bodies,
        crs=crs,
    )


def action_log(
    src: Source,
    groups: tuple[str, ...] = (),
    statuses: tuple[str, ...] = (),
    owners: tuple[str, ...] = (),
    refs: tuple[str, ...] = (),
) -> pd.DataFrame:
    """One row per action: ref, group, meeting, action, owner, due date, status, state, overdue, latest update."""
    return query(src, "actions_log", groups=groups, statuses=statuses, owners=owners, refs=refs)


def risk_register(src: Source, risks: tuple[str, ...] = ()) -> pd.DataFrame:
    """One row per risk with its linked CR's title."""
    return query(src, "risks_register", risks=risks)


# The decisions pages (issue #4): CR pipeline, per-CR and per-action views, action counts.
def cr_pipeline(
    src: Source,
    approval_statuses: tuple[str, ...] = (),
    stages: tuple[str, ...] = (),
    change_types: tuple[str, ...] = (),
    decision_bodies: tuple[str, ...] = (),
) -> pd.DataFrame:
    """stage, stage_order, set_aside, crs, cr_refs, max_days_in_stage, crs_dated; lifecycle order."""
    return query(
        src,
        "crs_pipeline",
        approval_statuses=approval_statuses,
        stages=stages,
        change_types=change_types,
        decision_bodies=decision_bodies,
    )


def cr_options(src: Source) -> dict[str, list[str]]:
    """Filter choices per field (approval_status, stage, change_type, decision_body): the vocabulary, then any
    other value the register holds."""
    df = query(src, "crs_options")
    vocab = {
        "approval_status": schema.CR_APPROVAL_STATUSES,
        "stage": schema.CR_STAGES,
        "decision_body": schema.CR_DECISION_BODIES,
        "change_type": (),
    }
    return {
        field: list(dict.fromkeys([*known, *df.loc[df["field"] == field, "value"]])) for field, known in vocab.items()
    }


def cr_history(src: Source, cr: str) -> pd.DataFrame:
    """One row per register snapshot holding `cr`: as_at, the changing fields, and what changed."""
    return query(src, "crs_item_history", cr=cr)


def cr_risks(src: Source, cr: str) -> pd.DataFrame:
    """risk_id, title, linked_cr, status, raised_date, owner of the risks linked to `cr`."""
    return query(src, "risks_linked_to_cr", cr=cr)


def actions_mentioning(src: Source, ref: str) -> pd.DataFrame:
    """The actions (other than `ref` itself) whose text or latest update names `ref`, and where."""
    return query(src, "actions_mentioning", ref=ref)


def action_history(src: Source, ref: str) -> pd.DataFrame:
    """One row per action-log snapshot holding `ref`: as_at, status, due date, owner, latest update, changed."""
    return query(src, "actions_item_history", ref=ref)


def action_owners(src: Source, groups: tuple[str, ...] = ()) -> list[str]:
    """Every owner named in the action log (of `groups`), alphabetical."""
    return list(query(src, "actions_owners", groups=groups)["owner"])


def actions_by_owner(
    src: Source, groups: tuple[str, ...] = (), statuses: tuple[str, ...] = (), owners: tuple[str, ...] = ()
) -> pd.DataFrame:
    """owner, open, recommend_closed, closed, other, overdue, total; most open first."""
    return query(src, "actions_by_owner", groups=groups, statuses=statuses, owners=owners)


def actions_by_meeting(
    src: Source, groups: tuple[str, ...] = (), statuses: tuple[str, ...] = (), owners: tuple[str, ...] = ()
) -> pd.DataFrame:
    """group_code, meeting, meeting_date, raised, open, recommend_closed, closed, overdue; meeting order."""
    return query(src, "actions_by_meeting", groups=groups, statuses=statuses, owners=owners)


def actions_by_status(
    src: Source, groups: tuple[str, ...] = (), statuses: tuple[str, ...] = (), owners: tuple[str, ...] = ()
) -> pd.DataFrame:
    """status, status_order, actions, overdue; the log's order (open first)."""
    return query(src, "actions_by_status", groups=groups, statuses=statuses, owners=owners)
    return query(src, "risks_register")


def seat_grid(src: Source, groups: tuple[str, ...] = ()) -> pd.DataFrame:
    """constituency, group_code, filled, seat_state, note, constituency_order; pack order."""
    return query(src, "seats_grid", groups=groups)


def seats_vacant(src: Source, groups: tuple[str, ...] = ()) -> pd.DataFrame:
    """group_code, constituency, note; one row per vacant seat."""
    return query(src, "seats_vacant", groups=groups)


def group_cards(src: Source, groups: tuple[str, ...] = ()) -> pd.DataFrame:
    """One row per group: name, level, parent, cadence, first meeting, state, times, seats filled and total."""
    return query(src, "groups_cards", groups=groups)


def meetings_log(src: Source, groups: tuple[str, ...] = ()) -> pd.DataFrame:
    """One row per logged meeting: kind, notes, meeting_ref, moved_from, actions_raised, crs_named."""
    return query(src, "meetings_log", groups=groups)


def agenda_items(src: Source, groups: tuple[str, ...] = ()) -> pd.DataFrame:
    """group_code, meeting_date (empty = standing), item, kind, item_order."""
    return query(src, "agenda_items", groups=groups)


def meetings_as_at(src: Source) -> dt.date | None:
    """'Now' for the calendar: the view's as-at date (None when there is no meetings log or groups list)."""
    value = query(src, "meetings_as_at")["as_at"].iloc[0]
    return None if pd.isna(value) else point(src)


# What changed since a date (issue 7): the snapshot nearest on or before `since` against the newest one.
def last_meeting(src: Source, group: str = "DAG") -> tuple[dt.date, str] | None:
    """(date, title) of the last meeting of `group` held before the view's as-at date, or None."""
    df = query(src, "meetings_last", group=group, as_at=point(src))
    return None if df.empty else (df["meeting_date"].iloc[0].date(), str(df["title"].iloc[0]))


def _register(table: str) -> str:
    title = schema.TABLES[table].title
    return title[:1].upper() + title[1:]


def changes_baselines(src: Source, since: dt.date) -> pd.DataFrame:
    """table_name, then_as_at (NaT: no snapshot that early), now_as_at, register (title); one row per register."""
    df = query(src, "changes_baselines", since=since)
    return df.assign(register=[_register(t) for t in df["table_name"]])


def changes_by_register(src: Source, since: dt.date) -> pd.DataFrame:
    """table_name, change, items, register_order, then_as_at, now_as_at, register (the table's title)."""
    df = query(src, "changes_by_register", since=since)
    return df.assign(register=[_register(t) for t in df["table_name"]])


def changes_rows(
    src: Source, since: dt.date, registers: tuple[str, ...] = (), limit: int | None = None
) -> pd.DataFrame:
    """table_name, item_key, title, change, from_value, to_value, then_as_at, now_as_at, rows_in_view (all of them,
    however many the `limit` returns), register (the table's title); CRs and actions first, DINs last."""
    df = query(src, "changes_rows", since=since, registers=registers, limit=limit)
    return df.assign(register=[_register(t) for t in df["table_name"]])


def changes_status_matrix(src: Source, since: dt.date, registers: tuple[str, ...] = ()) -> pd.DataFrame:
    """table_name, from_status, to_status, items, register (the table's title): the moves only ('(new)' / '(gone)'
    for items in one snapshot only); CRs and actions first, DINs last."""
    df = query(src, "changes_status_matrix", since=since, registers=registers)
    return df.assign(register=[_register(t) for t in df["table_name"]])


def since_options(src: Source, group: str = "DAG") -> pd.DataFrame:
    """since (date), meeting (title or empty), snapshot (bool): the dates before the view's as-at date it can be
    compared with, newest first."""
    return query(src, "changes_since_options", group=group, as_at=point(src))


def seats_by_group(src: Source, groups: tuple[str, ...] = ()) -> pd.DataFrame:
    """One row per seat: group_code, constituency, filled, note, seat_order; listed order within each group."""
    return query(src, "seats_by_group", groups=groups)


# The meeting (issue 8): chair mode, the HTML pack and the slides read the same figures (mhhs_dashboard/meeting.py).
@st.cache_data(show_spinner=False, max_entries=32)
def meeting_changes(src: Source, since: dt.date | None = None) -> Changes:
    """What changed since the last meeting (or since `since`), as at the source's frozen date."""
    return changes(src.data_dir, src.as_at, since, store_at=lambda day: store(source(day, src.data_dir)))


@st.cache_data(show_spinner=False, max_entries=8)
def report_html(src: Source, since: dt.date | None = None) -> bytes:
    """The meeting pack as one self-contained HTML file."""
    from mhhs_dashboard import report  # Jinja and the inlined Plotly JS only when the pack is asked for

    return report.render(build_pack(src.data_dir, src.as_at, since)).encode("utf-8")


@st.cache_data(show_spinner=False, max_entries=8)
def slides_pptx(src: Source) -> bytes:
    """The pack's data slides as a .pptx file (native charts and tables)."""
    from mhhs_dashboard import slides  # python-pptx only when the slides are asked for

    return slides.build(build_pack(src.data_dir, src.as_at))


# --- The DIN page (issue 3) -------------------------------------------------------------------------------


class DinView(NamedTuple):
    """The DIN page's filters, as the queries take them (empty tuple / '' / None = no limit)."""

    releases: tuple[str, ...] = ()
    statuses: tuple[str, ...] = ()
    raised_by: tuple[str, ...] = ()
    q: str = ""
    raised_from: dt.date | None = None
    raised_to: dt.date | None = None


def din_view_totals(src: Source, view: DinView) -> pd.Series:
    """One row: total, open, closed, raised_since, closed_since, illustrative, as_at, previous_as_at."""
    return query(src, "dins_view_totals", **view._asdict()).iloc[0]


def din_release_status_matrix(src: Source, view: DinView) -> pd.DataFrame:
    """release, release_order, status, status_order, state, dins; one row per non-empty cell."""
    return query(src, "dins_release_status_matrix", **view._asdict())


def dins_by_month(src: Source, view: DinView) -> pd.DataFrame:
    """month, month_end, raised, closed, open_at_month_end."""
    return query(src, "dins_by_month", **view._asdict())


def din_list(
    src: Source,
    view: DinView,
    pick_releases: tuple[str, ...] = (),
    pick_statuses: tuple[str, ...] = (),
    limit: int | None = None,
) -> pd.DataFrame:
    """One row per DIN in the view (narrowed to a chart pick), newest raised first; the first `limit` (None = all).

    `rows_in_view` on every row counts them all, however many are returned.
    """
    return query(
        src, "dins_list", **view._asdict(), pick_releases=pick_releases, pick_statuses=pick_statuses, limit=limit
    )


def din_raised_by_options(src: Source) -> list[str]:
    """Every raiser in the DIN log, alphabetical."""
    return list(query(src, "dins_raised_by_options")["raised_by"])


def din_detail(src: Source, din_id: str) -> pd.DataFrame:
    """The DIN's row in the latest snapshot (empty if unknown)."""
    return query(src, "dins_item", din_id=din_id)


def din_history(src: Source, din_id: str) -> pd.DataFrame:
    """as_at, status, state, release, closed_date, changed; one row per snapshot."""
    return query(src, "dins_item_history", din_id=din_id)


def release_publications(src: Source) -> pd.DataFrame:
    """release_code, release, published_date, illustrative; releases with a date, in date order."""
    return query(src, "releases_published")


def next_release(src: Source) -> pd.Series | None:
    """The next Interim Release after the source's as-at date (live: the DIN log's): release, release_code,
    published_date (NaT: TBC), illustrative, notes, as_of, days_to_go, dins_targeted, dins_open; None if none."""
    df = query(src, "releases_next", as_at=src.as_at)
    return None if df.empty else df.iloc[0]


# --- The data-quality page (issue 3) ----------------------------------------------------------------------


def label_variants(src: Source) -> pd.DataFrame:
    """table_name, column_name, canonical, raw_label, shown, difference, rows, merged_rows."""
    return query(src, "labels_varying")


def din_reconciliation(src: Source) -> pd.DataFrame:
    """breakdown, counted, uncounted, parts_sum, total, reconciles."""
    return query(src, "dins_reconciliation")


def quality_results(src: Source, tables: tuple[str, ...] | None = None) -> list[quality.Result]:
    """Every data-quality check's result for `src` (each check's query is cached like any other)."""
    return quality.run_all(lambda name, **params: query(src, name, **params), tables)


@st.cache_data(show_spinner=False, max_entries=16)
def ingest_findings(src: Source) -> pd.DataFrame:
    """table_name, row_key, problem, detail: what the ingest of each table's newest snapshot normalised or ignored."""
    from mhhs_dashboard import ingest

    return ingest.ingest_findings(src.data_dir, src.as_at)


def milestone_plan(src: Source) -> pd.DataFrame:
    """One row per milestone in the newest plan: dates, status, outcome, slippage vs baseline and previous plan."""
    return query(src, "milestones_plan")


def milestone_slippage(src: Source, milestones: tuple[str, ...] = ()) -> pd.DataFrame:
    """One row per (milestone, plan snapshot): dates and how far they moved; oldest snapshot first."""
    return query(src, "milestones_slippage", milestones=milestones)


def milestone_links(src: Source, milestones: tuple[str, ...] = ()) -> pd.DataFrame:
    """One row per (milestone, CR or risk) naming it: kind, ref, title, status, timing, mentions, found_in."""
    return query(src, "milestones_links", milestones=milestones)


def milestone_replans(src: Source) -> pd.DataFrame:
    """One row per programme replan (CR022, CR055) approved on or before the plan's as-at date."""
    return query(src, "milestones_replans")


def release_list(src: Source, releases: tuple[str, ...] = ()) -> pd.DataFrame:
    """One row per Interim Release, natural order: published date, state, DINs implemented and targeted."""
    return query(src, "releases_list", releases=releases)

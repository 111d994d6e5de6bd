"""The extract store: Parquet snapshots in the data directory (a folder or an object store), opened as DuckDB
tables and views (latest and history)."""

from __future__ import annotations

import copy
import datetime as dt
import functools
import hashlib
import json
import re
import threading
import time
from collections import OrderedDict
from collections.abc import Callable
from dataclasses import dataclass, field

import duckdb
import numpy as np
import pandas as pd
import pyarrow as pa
import pyarrow.parquet as pq

from mhhs_dashboard import schema
from mhhs_dashboard.db import run_script
from mhhs_dashboard.files import DataDir, Folder, first_line, folder, is_url

SNAPSHOT_DIR = re.compile(r"^as_at=(\d{4}-\d{2}-\d{2})$")
# derived views and macros that every query stands on (run after setup/macros and the history views)
SETUP_SCRIPTS = ("setup/views", "setup/changes")


class StoreError(Exception):
    """A snapshot that cannot be used; the message names the table, the file and what is wrong."""


@dataclass(frozen=True)
class Snapshot:
    """One Parquet file: a table as it stood at one date, with its size and modification time when listed."""

    table: str
    as_at: dt.date
    path: str  # in the data directory's file system: a local path, or bucket/key in an object store
    size: int = 0
    mtime_ns: int = 0

    @property
    def stamp(self) -> str:
        """What identifies this file's content cheaply: path, size and modification time."""
        return f"{self.path}:{self.size}:{self.mtime_ns}"

    @property
    def name(self) -> str:
        """The file's place in any data directory: `<table>/as_at=YYYY-MM-DD/<table>.parquet`."""
        return snapshot_name(self.table, self.as_at)


@dataclass
class Store:
    """An open store: the DuckDB connection, the snapshot used for each table, and what was skipped."""

    con: duckdb.DuckDBPyConnection
    data_dir: DataDir
    latest: dict[str, Snapshot | None]
    history: dict[str, list[Snapshot]]
    problems: list[str] = field(default_factory=list)
    asked: dt.date | None = None  # the as-at date it was opened at (None: the default, `data_now`)

    def cursor(self, asked: dt.date | None) -> Store:
        """The same store on a new connection to its database (DuckDB's cursor), opened as at `asked`."""
        history = {t: list(snaps) for t, snaps in self.history.items()}
        return Store(self.con.cursor(), self.data_dir, dict(self.latest), history, list(self.problems), asked)

    @property
    def as_at(self) -> dict[str, dt.date | None]:
        """Each table's as-at date (None for a table with no snapshot)."""
        return {t: (s.as_at if s else None) for t, s in self.latest.items()}

    @property
    def now(self) -> dt.date:
        """'Now' for the data: the newest as-at date of the registers a meeting reviews (DIN log, CR register,
        action log), else of any table; never the wall clock. A later plan or seat list does not move it."""
        registers = [d for t, d in self.as_at.items() if d and t in schema.REGISTERS]
        dates = registers or [d for d in self.as_at.values() if d]
        return max(dates) if dates else dt.date.today()

    @property
    def point(self) -> dt.date:
        """The one as-at date of what this store shows: every table is read at its newest snapshot on or before
        it. The date it was opened at, else "now" (`data_now`); "days to go", "next meetings" and "since the last
        meeting" are counted from it."""
        return self.asked or self.now


def data_now(listed: dict[str, list[Snapshot]]) -> dt.date | None:
    """The default as-at date of a data directory: its registers' newest snapshot (DIN log, CR register, action
    log), else any table's newest; None when there is none. A plan, seat list or calendar dated later waits
    until the registers catch up, or until a view asks for it with `as_at`: so one view never shows a December
    plan beside May registers (the embedded data's plan after CR055, 20 Dec 2024)."""
    registers = [s.as_at for t in schema.REGISTERS for s in listed.get(t, [])]
    dates = registers or [s.as_at for snaps in listed.values() for s in snaps]
    return max(dates) if dates else None


def later_snapshots(data_dir: DataDir, point: dt.date) -> dict[str, dt.date]:
    """{table: its newest snapshot date} of the tables with a snapshot after `point` (what a view as at `point`
    leaves out), from the listing the data version comes from."""
    return {t: snaps[-1].as_at for t, snaps in recent_snapshots(data_dir).items() if snaps and snaps[-1].as_at > point}


def snapshot_name(table: str, as_at: dt.date) -> str:
    """Where the snapshot of `table` as at `as_at` lives, under the data directory."""
    return f"{table}/as_at={as_at.isoformat()}/{table}.parquet"


def snapshot_path(data_dir: DataDir, table: str, as_at: dt.date) -> str:
    """The snapshot of `table` as at `as_at`: its path in the data directory's file system."""
    return folder(data_dir).path(snapshot_name(table, as_at))


def list_snapshots(data_dir: DataDir, table: str) -> list[Snapshot]:
    """The snapshots of `table` in the data directory, oldest first: one listing of the table's folder."""
    where = folder(data_dir)
    return _found(where, where.path(table))[table]


def all_snapshots(data_dir: DataDir) -> dict[str, list[Snapshot]]:
    """Every table's snapshots, oldest first, from one listing of the whole data directory: on an object store
    one request per thousand objects, where a listing per table would take ten."""
    where = folder(data_dir)
    return _found(where, where.root)


def _found(where: Folder, under: str) -> dict[str, list[Snapshot]]:
    """The snapshots among the files below `under`, by table, oldest first, with each file's size and
    modification time; the data version is worked out from these."""
    found: dict[str, list[Snapshot]] = {t: [] for t in schema.TABLES}
    skip = len(where.path(""))  # the root and its slash
    for info in where.files(under):
        parts = info.path[skip:].split("/")  # <table>/as_at=YYYY-MM-DD/<table>.parquet
        m = SNAPSHOT_DIR.match(parts[1]) if len(parts) == 3 else None
        if not m or parts[0] not in found or parts[2] != f"{parts[0]}.parquet":
            continue  # an ingest report, a temporary file, a file in a deeper folder, the data directory's README
        table = parts[0]
        try:
            as_at = dt.date.fromisoformat(m.group(1))
        except ValueError:  # as_at=2024-13-45 is not a date
            continue
        found[table].append(Snapshot(table, as_at, info.path, info.size or 0, info.mtime_ns or 0))
    return {t: sorted(snaps, key=lambda s: s.as_at) for t, snaps in found.items()}


# How long a listing of the data directory is used again: every render of every session asks for the data
# version, twice. A folder's listing takes about 2 ms at 100x; an object store's takes tens (66 ms from a local
# S3 server, bench/RESULTS.md), so there a render pays it at most once in 5 s, well inside the 15 s poll.
LISTING_REUSE_SECONDS = 1.0
LISTING_REUSE_SECONDS_OBJECT_STORE = 5.0


@dataclass
class _Listing:
    when: float  # time.monotonic() at listing
    snapshots: dict[str, list[Snapshot]]
    versions: dict[dt.date | None, str] = field(default_factory=dict)  # as_at -> data version, as worked out


_listed: dict[str, _Listing] = {}  # data directory -> its last listing


def _listing(data_dir: DataDir) -> _Listing:
    """`all_snapshots`, listed afresh at most once per reuse period per data directory."""
    key, now = str(data_dir), time.monotonic()
    reuse = LISTING_REUSE_SECONDS_OBJECT_STORE if is_url(key) else LISTING_REUSE_SECONDS
    known = _listed.get(key)
    if known and now - known.when < reuse:
        return known
    if len(_listed) >= 16:
        _listed.clear()
    _listed[key] = listing = _Listing(now, all_snapshots(data_dir))
    return listing


def recent_snapshots(data_dir: DataDir) -> dict[str, list[Snapshot]]:
    """`all_snapshots` as last listed: at most a second old (five on an object store)."""
    return _listing(data_dir).snapshots


def data_version(data_dir: DataDir, as_at: dt.date | None = None) -> str:
    """A short hash of every snapshot file in use; it changes whenever a snapshot is added or replaced.

    Worked out from a listing reused for a second (five on an object store): under a crowd those system calls,
    each giving up the interpreter lock, cost a page more than its queries. A snapshot written by another
    process is seen within that time; one written here (write_snapshot) at once.
    """
    listing = _listing(data_dir)
    if as_at in listing.versions:
        return listing.versions[as_at]
    h = hashlib.sha256()
    for snaps in listing.snapshots.values():
        for snap in snaps:
            if as_at is None or snap.as_at <= as_at:
                h.update(snap.stamp.encode())
    if len(listing.versions) >= 256:  # as_at comes from URLs: keep the memo small whatever they ask for
        listing.versions.clear()
    listing.versions[as_at] = version = h.hexdigest()[:16]
    return version


def check_columns(table: schema.Table, actual: dict[str, str], where: str) -> None:
    """Raise StoreError naming the first expected column that is missing or cannot be read as its type."""
    for col, typ in table.columns.items():
        if col not in actual:
            if col in table.later:  # a snapshot written before the column was added: read as empty
                continue
            raise StoreError(f"{table.name}: column {col!r} is missing from {where}")
        got = actual[col]
        if got != typ and not _castable(got, typ):
            raise StoreError(f"{table.name}: column {col!r} in {where} is {got}, expected {typ}")


def _castable(got: str, want: str) -> bool:
    """Whether a stored type can stand for the schema type without loss of meaning."""
    if got == '"NULL"' or got == "NULL":  # an all-empty column
        return True
    if want == "DATE":
        return got.startswith("TIMESTAMP") or got == "DATE"
    if want in ("INTEGER", "BIGINT"):
        return got in ("TINYINT", "SMALLINT", "INTEGER", "BIGINT", "UTINYINT", "USMALLINT", "UINTEGER")
    return False


def _read(con: duckdb.DuckDBPyConnection, where: Folder, table: schema.Table, snap: Snapshot) -> pa.Table:
    """The snapshot's file read whole, once, as Arrow; StoreError if it cannot be read or lacks a column."""
    try:
        # read the whole file through one handle, once: a view over the path re-opens it at every query, and a
        # snapshot replaced meanwhile (ingest --replace) is then scanned with the old file's metadata
        raw = pq.read_table(pa.BufferReader(where.read_bytes(snap.path)))  # one request to an object store
        rel = con.from_arrow(raw)
        actual = dict(zip(rel.columns, [str(t) for t in rel.types], strict=True))
    except (duckdb.Error, pa.ArrowException, OSError) as e:
        raise StoreError(f"{table.name}: cannot read {where.shown(snap.path)}: {first_line(e)}") from e
    check_columns(table, actual, where.shown(snap.path))
    return raw


def _conformed(con: duckdb.DuckDBPyConnection, table: schema.Table, raw: pa.Table) -> duckdb.DuckDBPyRelation:
    """Rows read from a snapshot as a relation with exactly the schema's columns and types (a column added to the
    schema after the snapshot was written, `Table.later`, empty)."""
    have = set(raw.column_names)
    exprs = [
        (duckdb.ColumnExpression(c) if c in have else duckdb.ConstantExpression(None)).cast(t).alias(c)
        for c, t in table.columns.items()
    ]
    return con.from_arrow(raw).select(*exprs)


def _empty(con: duckdb.DuckDBPyConnection, table: schema.Table) -> duckdb.DuckDBPyRelation:
    """A relation with the table's columns and no rows, for a table that has no snapshot yet."""
    cols = [duckdb.ConstantExpression(None).cast(t).alias(c) for c, t in table.columns.items()]
    return con.from_arrow(pa.table({"_": pa.array([], pa.int8())})).select(*cols)


def _vocabularies(con: duckdb.DuckDBPyConnection) -> None:
    """The vocabularies as real tables, so that cursors (which cannot see registered frames) see them."""
    vocab = {
        "din_statuses": pd.DataFrame(
            {
                "status": list(schema.DIN_STATUSES),
                "status_order": range(1, len(schema.DIN_STATUSES) + 1),
                "state": list(schema.DIN_STATUSES.values()),
            }
        ),
        "cr_stages": pd.DataFrame(
            {"stage": list(schema.CR_STAGES), "stage_order": range(1, len(schema.CR_STAGES) + 1)}
        ),
        "action_statuses": pd.DataFrame(
            {
                "status": list(schema.ACTION_STATUSES),
                "status_order": range(1, len(schema.ACTION_STATUSES) + 1),
                "state": list(schema.ACTION_STATUSES.values()),
            }
        ),
        "decision_kinds": pd.DataFrame(
            {
                "kind": list(schema.DECISION_KINDS),
                "kind_order": range(1, len(schema.DECISION_KINDS) + 1),
                "precedence": [schema.DECISION_PRECEDENCE.index(k) + 1 for k in schema.DECISION_KINDS],
            }
        ),
        "checklist_kinds": pd.DataFrame(
            {"kind": list(schema.CHECKLIST_KINDS), "kind_order": range(1, len(schema.CHECKLIST_KINDS) + 1)}
        ),
    }
    for name, df in vocab.items():
        con.from_df(df).create(name)


def _row_keys(rel: duckdb.DuckDBPyRelation, columns: list[str]) -> pd.Index:
    """One key per row of `rel`: a hash of the whole row, made distinct for repeats (as a hashed Index).

    A row repeated k times in one snapshot gets k keys, so a history keeps every copy.
    """
    h = duckdb.FunctionExpression("hash", *(duckdb.ColumnExpression(c) for c in columns)).alias("_key")
    keys = pd.Index(rel.select(h).fetchnumpy()["_key"].astype(np.uint64))
    if not keys.is_unique:
        repeat = pd.Series(keys).groupby(keys).cumcount().to_numpy().astype(np.uint64)
        keys = pd.Index(keys.to_numpy() + repeat * np.uint64(0x9E3779B97F4A7C15))  # wraps: a key per copy
    return keys


def _isin(values: np.ndarray | pd.Index, among: np.ndarray | pd.Index) -> np.ndarray:
    """Which `values` are in `among` (a hash table: numpy's isin sorts, which is slower for hashes)."""
    return pd.Index(among).get_indexer(values) >= 0 if len(among) else np.zeros(len(values), bool)


class _History:
    """Every snapshot of one table, fed oldest first, kept as `<table>_rows` (each distinct row once, with a
    `row_id`) and `<table>_spans` (each run of consecutive snapshots a row stood in: `first_as_at`, `last_as_at`).

    Weekly snapshots of a log repeat almost every row, so this holds little more than one snapshot, not one per
    week; the `<table>_history` view (macro `history_of`) expands it again, one row per row and snapshot.
    """

    def __init__(self, table: schema.Table) -> None:
        self.table = table
        self.parts: list[pa.Table] = []
        self.spans: list[tuple[np.ndarray, np.ndarray, np.ndarray]] = []
        # the rows open now are exactly the previous snapshot's: its keys (a hashed Index) and since when
        self.open = pd.Index(np.empty(0, np.uint64))
        self.open_first = np.empty(0, "datetime64[D]")
        self.seen = np.empty(0, np.uint64)
        self.previous: np.datetime64 | None = None

    def add(self, as_at: dt.date, raw: pa.Table, conform: Callable[[pa.Table], duckdb.DuckDBPyRelation]) -> None:
        """Add the snapshot as at `as_at` (later than every one added before): its rows as read, and how to give
        rows the schema's types (only the rows not seen before are converted and kept)."""
        index = _row_keys(conform(raw), list(self.table.columns))
        keys = index.to_numpy()
        day = np.datetime64(as_at, "D")
        if len(self.open):
            going_on = index.get_indexer(self.open) >= 0
            if not going_on.all():
                ended = self.open.to_numpy()[~going_on]
                self.spans.append((ended, self.open_first[~going_on], np.full(len(ended), self.previous)))
            before = self.open.get_indexer(keys)  # each row's place in the previous snapshot, -1 if it was not
        else:
            before = np.full(len(keys), -1)
        starting = before < 0
        unseen = starting & ~_isin(keys, self.seen) if starting.any() else starting
        if unseen.any():
            rows = conform(raw.filter(pa.array(unseen))).to_arrow_table()
            self.parts.append(rows.append_column("row_id", pa.array(keys[unseen])))
            self.seen = np.concatenate([self.seen, keys[unseen]])
        first = np.full(len(keys), day)
        first[~starting] = self.open_first[before[~starting]]
        self.open, self.open_first, self.previous = index, first, day

    def copy(self) -> _History:
        """A copy to add later snapshots to, leaving this one as it is (`add` replaces arrays, never changes them)."""
        twin = copy.copy(self)
        twin.parts, twin.spans = list(self.parts), list(self.spans)
        return twin

    def create(self, con: duckdb.DuckDBPyConnection) -> None:
        """Create the table's `_rows` and `_spans` tables in `con`."""
        spans = [*self.spans]
        if self.previous is not None:
            spans.append((self.open.to_numpy(), self.open_first, np.full(len(self.open), self.previous)))
        row_schema = pa.schema([*arrow_schema(self.table), ("row_id", pa.uint64())])
        rows = pa.concat_tables([p.cast(row_schema) for p in self.parts]) if self.parts else row_schema.empty_table()
        con.from_arrow(rows).create(f"{self.table.name}_rows")
        columns = {"row_id": pa.uint64(), "first_as_at": pa.date32(), "last_as_at": pa.date32()}
        con.from_arrow(
            pa.table(
                {
                    name: pa.array(np.concatenate([s[i] for s in spans]) if spans else [], typ)
                    for i, (name, typ) in enumerate(columns.items())
                }
            )
        ).create(f"{self.table.name}_spans")


@dataclass(frozen=True)
class _Built:
    """What opening one table's snapshots built, for the next opening of the same directory to carry on from.

    A new data version is nearly always one more snapshot at the end, and the next opening then reads that file
    only: at 100x the pack it opens in about 1 s, where reading all 52 weekly snapshots again takes 4-5 s.
    Snapshots are known by their stamps (path, size, modification time), as the data version knows them: after
    any other change to the files already read (one replaced or removed) the table is read again from the start.
    """

    stamps: tuple[str, ...]  # every snapshot looked at, in order, whether read or skipped
    history: _History
    good: tuple[Snapshot, ...]
    problems: tuple[str, ...]
    newest: pa.Table | None  # the last good snapshot's rows as read: the table's `<table>`


_built: OrderedDict[tuple[str, str], _Built] = OrderedDict()  # (data directory, table) -> built last
# (data directory, as-at date, strict) -> the stamps of the snapshots its last opening read, and the store opened.
# An opening of a directory whose files have changed lets go of the stores it kept that no longer match them.
_opened: OrderedDict[tuple[str, dt.date | None, bool], tuple[tuple[str, ...], Store]] = OrderedDict()
# Stores kept open: a reopening costs the CLI, the pack and the tests 150-200 ms each. At most 16 stores, and
# files of at most 48 MB between them: at 100x the pack (40 MB of Parquet, about 170 MB in memory) the last only.
OPENED_KEPT, OPENED_BYTES = 16, 48 * 2**20
_built_lock = threading.Lock()
BUILT_KEPT = 64  # (directory, table) pairs remembered: one directory's ten tables several times over


def _carry_on(data_dir: DataDir, table: str, stamps: tuple[str, ...], strict: bool) -> _Built | None:
    """What an earlier opening built over the first of `stamps`, if one did (and, when `strict`, skipped none)."""
    with _built_lock:
        built = _built.get((str(data_dir), table))
    if built is None or stamps[: len(built.stamps)] != built.stamps or (strict and built.problems):
        return None
    return built


def _remember(data_dir: DataDir, table: str, built: _Built) -> None:
    with _built_lock:
        _built[(str(data_dir), table)] = built
        _built.move_to_end((str(data_dir), table))
        while len(_built) > BUILT_KEPT:
            _built.popitem(last=False)


def forget(data_dir: DataDir) -> None:
    """Drop what openings of `data_dir` built (a throwaway directory, such as the workspace's preview)."""
    with _built_lock:
        for key in [k for k in _built if k[0] == str(data_dir)]:
            del _built[key]
        for opened in [k for k in _opened if k[0] == str(data_dir)]:
            del _opened[opened]
    _listed.pop(str(data_dir), None)


def _open_table(
    con: duckdb.DuckDBPyConnection, data_dir: DataDir, table: schema.Table, snaps: list[Snapshot], strict: bool
) -> _Built:
    """Read `table`'s snapshots `snaps` into a history, carrying on from the last opening."""
    stamps = tuple(s.stamp for s in snaps)
    before = _carry_on(data_dir, table.name, stamps, strict)
    hist = before.history.copy() if before else _History(table)
    good, problems = (list(before.good), list(before.problems)) if before else ([], [])
    newest = before.newest if before else None
    conform = functools.partial(_conformed, con, table)
    for snap in snaps[len(before.stamps) if before else 0 :]:
        try:
            raw = _read(con, folder(data_dir), table, snap)
        except StoreError as e:
            if strict:
                raise
            problems.append(str(e))
            continue
        hist.add(snap.as_at, raw, conform)  # one file in memory at a time, besides what the history keeps
        good.append(snap)
        newest = raw
    built = _Built(stamps, hist, tuple(good), tuple(problems), newest)
    _remember(data_dir, table.name, built)
    return built


def _snapshots(con: duckdb.DuckDBPyConnection, history: dict[str, list[Snapshot]]) -> None:
    """`snapshots`: one row per (table, as-at date) the store holds; what "latest" and "previous" are judged from."""
    pairs = [(t, s.as_at) for t, snaps in history.items() for s in snaps]
    con.from_arrow(
        pa.table(
            {
                "table_name": pa.array([t for t, _ in pairs], pa.string()),
                "as_at": pa.array([d for _, d in pairs], pa.date32()),
            }
        )
    ).create("snapshots")


def open_store(data_dir: DataDir, as_at: dt.date | None = None, *, strict: bool = False) -> Store:
    """Open every table's newest readable snapshot on or before `as_at` (default: `data_now`, the registers'
    newest) as a table, and all of them as history.

    Tables: `<table>` (latest) and `snapshots` (table_name, as_at); views: `<table>_history` (every readable
    snapshot, with an `as_at` column), over `<table>_rows` and `<table>_spans` (see `_history`).
    A snapshot that cannot be read, or whose columns do not match the schema, raises StoreError when
    `strict`; otherwise it is skipped (the previous good one serves) and named in `Store.problems`.
    Every file is read whole into memory, once per process: the store is a consistent copy, whatever the files
    do next, and the next opening of the same directory reads only the snapshots added since (`_Built`). An
    opening of the very snapshots an earlier one read (same directory, date and strictness) is a new connection
    to the database that one built (`_opened`): 150-200 ms less for each reopening by the CLI, the
    pack or a test. Nothing writes to a store's tables; each connection keeps its own temporary objects.
    """
    listed = all_snapshots(data_dir)
    upto = as_at or data_now(listed)
    key, stamps = (str(data_dir), upto, strict), _stamps(listed, upto)
    with _built_lock:
        for other in [k for k, (was, _) in _opened.items() if k[0] == key[0] and was != _stamps(listed, k[1])]:
            del _opened[other]  # files changed since it was opened: let its database go
        kept = _opened.get(key)
        if kept is not None:
            _opened.move_to_end(key)
    if kept is None:
        kept = (stamps, _opened_now(data_dir, listed, upto, strict))
        with _built_lock:
            _opened[key] = kept
            while len(_opened) > 1 and (len(_opened) > OPENED_KEPT or _kept_bytes() > OPENED_BYTES):
                _opened.popitem(last=False)
    return kept[1].cursor(as_at)


def _kept_bytes() -> int:
    """The size of the snapshot files the kept stores read (a store holds about four times that in memory)."""
    return sum(s.size for _, kept in _opened.values() for snaps in kept.history.values() for s in snaps)


def _stamps(listed: dict[str, list[Snapshot]], upto: dt.date | None) -> tuple[str, ...]:
    """The stamps of the snapshots an opening as at `upto` reads from the listing `listed`."""
    return tuple(s.stamp for snaps in listed.values() for s in snaps if upto is None or s.as_at <= upto)


def _opened_now(data_dir: DataDir, listed: dict[str, list[Snapshot]], upto: dt.date | None, strict: bool) -> Store:
    """open_store's work: every table's snapshots on or before `upto` read into a new in-memory database."""
    con = duckdb.connect()
    latest: dict[str, Snapshot | None] = {}
    history: dict[str, list[Snapshot]] = {}
    problems: list[str] = []
    for table in schema.TABLES.values():
        snaps = [s for s in listed[table.name] if upto is None or s.as_at <= upto]
        built = _open_table(con, data_dir, table, snaps, strict)
        newest = _conformed(con, table, built.newest) if built.newest is not None else _empty(con, table)
        newest.create(table.name)
        built.history.create(con)
        latest[table.name] = built.good[-1] if built.good else None
        history[table.name] = list(built.good)
        problems += built.problems
    _snapshots(con, history)
    _vocabularies(con)
    run_script(con, "setup/macros")
    for name in schema.TABLES:
        con.table_function("history_of", [name]).create_view(f"{name}_history")
    for script in SETUP_SCRIPTS:
        run_script(con, script)
    return Store(con, data_dir, latest, history, problems)


def write_snapshot(data_dir: DataDir, table: str, as_at: dt.date, frame: pd.DataFrame, *, replace: bool) -> str:
    """Write one snapshot whole or not at all (`Folder.write_atomically`); return where, as messages name it.

    The frame must already have the schema's columns; the Parquet types are the schema's. This is the bare write
    (the embedded data, tests); an ingest goes through `snapshots.publish`: locked, guarded, logged.
    """
    spec = schema.table_for(table)
    where = folder(data_dir)
    dest = snapshot_path(data_dir, spec.name, as_at)
    if not replace and where.exists(dest):
        raise FileExistsError(f"{where.shown(dest)} already exists; pass --replace to overwrite it")
    where.write_atomically(dest, snapshot_bytes(spec.name, frame))
    _listed.clear()  # this process's pages see the new snapshot at once
    return where.shown(dest)


REPORT_KEY = b"mhhs.ingest_report"  # the Parquet footer's key for the ingest report a snapshot carries


def snapshot_bytes(table: str, frame: pd.DataFrame, report: dict[str, object] | None = None) -> pa.Buffer:
    """A snapshot's Parquet file: the frame in the schema's types, with its ingest report (JSON) in the footer.

    The report travels inside the snapshot, so the two are published by one move and can never disagree.
    """
    spec = schema.table_for(table)
    arrow = pa.Table.from_pandas(frame[list(spec.columns)], schema=arrow_schema(spec), preserve_index=False)
    if report is not None:
        kept = json.dumps(report, ensure_ascii=False).encode("utf-8")
        arrow = arrow.replace_schema_metadata({**(arrow.schema.metadata or {}), REPORT_KEY: kept})
    parquet = pa.BufferOutputStream()
    pq.write_table(arrow, parquet)
    return parquet.getvalue()


def snapshot_report(data_dir: DataDir, path: str) -> dict[str, object] | None:
    """The ingest report a snapshot file carries in its footer (None if it has none, as the embedded data)."""
    meta = snapshot_footer(data_dir, path)
    kept = (meta.metadata or {}).get(REPORT_KEY) if meta else None
    return json.loads(kept) if kept else None


def snapshot_footer(data_dir: DataDir, path: str) -> pa.Schema | None:
    """A snapshot's Arrow schema, read from its footer alone; None if it cannot be read."""
    try:
        with folder(data_dir).fs.open_input_file(path) as fh:
            return pq.ParquetFile(fh).schema_arrow
    except (OSError, pa.ArrowException, ValueError):
        return None


def snapshot_rows(data_dir: DataDir, path: str) -> int | None:
    """How many rows a snapshot file holds, from its footer; None if it cannot be read."""
    try:
        with folder(data_dir).fs.open_input_file(path) as fh:
            return int(pq.ParquetFile(fh).metadata.num_rows)
    except (OSError, pa.ArrowException, ValueError):
        return None


def forget_listings() -> None:
    """Drop every remembered listing: this process's pages see a snapshot it wrote, moved or removed at once."""
    _listed.clear()


ARROW_TYPES = {
    "VARCHAR": pa.string(),
    "DATE": pa.date32(),
    "BOOLEAN": pa.bool_(),
    "INTEGER": pa.int32(),
    "BIGINT": pa.int64(),
}


def arrow_schema(spec: schema.Table) -> pa.Schema:
    """The Parquet schema of a table's snapshots."""
    return pa.schema([(c, ARROW_TYPES[t]) for c, t in spec.columns.items()])

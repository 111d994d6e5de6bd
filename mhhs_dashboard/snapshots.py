"""Snapshots managed, not only added: an ingest's publish (locked, guarded, logged), and list, remove, restore.

A snapshot is published by one move of one file, its ingest report inside it (store.snapshot_bytes), so the two
appear together or not at all. What a `--replace` or a `remove` takes out of use is set aside, never deleted:

```
<data dir>/_set_aside/<table>/as_at=YYYY-MM-DD/<when>-<why>/<table>.parquet
```

The store's listing reads only `<table>/as_at=YYYY-MM-DD/<table>.parquet`, so a set-aside file is never "now"
or history until `restore` puts it back. Every write here holds the data directory's writer lock
(files.Folder.locked), checks again under it what it checked before, and writes one audit entry (audit.py).
"""

from __future__ import annotations

import contextlib
import datetime as dt
import os
import uuid
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path

import pandas as pd
import pyarrow as pa
import pyarrow.compute as pc
import pyarrow.parquet as pq

from mhhs_dashboard import audit, schema
from mhhs_dashboard.files import DataDir, DataDirError, Folder, folder
from mhhs_dashboard.store import (
    Snapshot,
    StoreError,
    forget_listings,
    list_snapshots,
    snapshot_bytes,
    snapshot_path,
    snapshot_report,
    snapshot_rows,
)
from mhhs_dashboard.text import counted

SET_ASIDE = "_set_aside"
# The shrink guard: a new snapshot may drop up to SHRINK_SHARE of the previous snapshot's ids, and never fewer than
# SHRINK_FLOOR + 1 is refused (a DIN withdrawn, two groups merged). A DIN log or CR register only grows in
# practice; a filtered export (the open DINs only) drops most of it.
SHRINK_SHARE = 0.05
SHRINK_FLOOR = 2
YEAR = dt.timedelta(days=366)  # an as-at further than this after the newest snapshot is taken for a typo
NOUNS = {
    "din_log": "DINs",
    "change_requests": "CRs",
    "actions": "actions",
    "seats": "seats",
    "groups": "groups",
    "meetings": "meetings",
    "milestones": "milestones",
    "releases": "releases",
    "risks": "risks",
    "decisions": "decisions",
    "checklist": "checklist items",
    "principles": "principles",
    "agenda_items": "agenda items",
}


class Refused(StoreError):
    """A write the guards refuse (exists, shrinks, far future, nothing to restore): one line saying how to go on."""


@dataclass(frozen=True)
class Aside:
    """A snapshot set aside by a replace or a removal, restorable."""

    table: str
    as_at: dt.date
    id: str  # <when>-<why>: sorts as set aside
    path: str

    @property
    def why(self) -> str:
        return self.id.partition("-")[2]

    @property
    def when(self) -> str:
        stamp = self.id.partition("-")[0]
        return f"{stamp[0:4]}-{stamp[4:6]}-{stamp[6:8]} {stamp[9:11]}:{stamp[11:13]}:{stamp[13:15]}Z"


@dataclass(frozen=True)
class Published:
    """What a publish did: where the snapshot is, what it set aside, what a killed run had left that it cleared."""

    snapshot: str
    set_aside: str = ""
    cleaned: int = 0


def _now_id(why: str) -> str:
    return f"{dt.datetime.now(dt.UTC):%Y%m%dT%H%M%S%fZ}-{why}"


def set_asides(data_dir: DataDir, table: str | None = None) -> list[Aside]:
    """Snapshots set aside (of one table, or all), oldest first."""
    where = folder(data_dir)
    skip = len(where.path(SET_ASIDE, ""))
    out = []
    for info in where.files(where.path(SET_ASIDE, table) if table else where.path(SET_ASIDE)):
        parts = info.path[skip:].split("/")  # <table>/as_at=YYYY-MM-DD/<id>/<table>.parquet
        if len(parts) != 4 or parts[3] != f"{parts[0]}.parquet" or not parts[1].startswith("as_at="):
            continue
        try:
            as_at = dt.date.fromisoformat(parts[1].removeprefix("as_at="))
        except ValueError:
            continue
        out.append(Aside(parts[0], as_at, parts[2], info.path))
    return sorted(out, key=lambda a: (a.table, a.as_at, a.id))


def _check_place(where: Folder) -> None:
    """A local data directory must be a folder, or one that can be made in a folder that exists: a missing parent
    is a share not mounted or a typo, and making it would put the data where no one looks."""
    if where.scheme:
        return
    root = Path(where.root)
    if root.is_dir():
        return
    if root.exists():
        raise DataDirError(f"the data directory {root} is not a folder")
    if not root.parent.is_dir():
        raise DataDirError(
            f"the data directory {root} does not exist, nor does its parent folder {root.parent}: "
            "check --data-dir (or MHHS_DATA_DIR); nothing was written"
        )


def _clean_leftovers(where: Folder) -> int:
    """Remove what a killed writer left (temporary files, empty as_at= folders); under the lock. How many."""
    temps, empty = where.leftovers()
    for t in temps:
        where.discard(t)
    where.remove_empty(sorted(empty, reverse=True))
    return len(temps) + len(empty)


def _ids(table: schema.Table, frame: pd.DataFrame | pa.Table) -> set[str]:
    """A snapshot's row ids as compared across snapshots: each key part trimmed and lower-cased (in Arrow: about
    30 ms for 100,000 ids, where pandas' string methods take ten times that)."""
    cols = frame if isinstance(frame, pa.Table) else pa.Table.from_pandas(frame[list(table.key)], preserve_index=False)
    parts = [pc.utf8_lower(pc.utf8_trim_whitespace(pc.cast(cols[k], pa.string()))) for k in table.key]
    joined = parts[0] if len(parts) == 1 else pc.binary_join_element_wise(*parts, "\x1f")
    return set(pc.drop_null(joined).to_pylist())


def _guard_shrink(where: Folder, table: schema.Table, frame: pd.DataFrame, previous: Snapshot, name: str) -> None:
    before = _ids(table, pq.read_table(pa.BufferReader(where.read_bytes(previous.path)), columns=list(table.key)))
    vanish = len(before - _ids(table, frame))
    if vanish > SHRINK_FLOOR and vanish > SHRINK_SHARE * len(before):
        noun = NOUNS.get(table.name, "ids")
        raise Refused(
            f"{name}: {vanish:,} of {len(before):,} {noun} would vanish from the {table.title} (against its "
            f"snapshot as at {previous.as_at}; more than {SHRINK_SHARE:.0%} is refused: a filtered export?); "
            "pass --allow-shrink if they are meant to go"
        )


def _guard_future(
    table: schema.Table, as_at: dt.date, snaps: list[Snapshot], name: str, *, defaulted: bool, today: dt.date
) -> None:
    if as_at > today:
        raise Refused(f"{name}: as at {as_at} is after today ({today}): a typo?; pass --allow-future if it is meant")
    newest = max((s.as_at for s in snaps), default=None)
    if not defaulted and newest and as_at > newest + YEAR:
        raise Refused(
            f"{name}: as at {as_at} is more than a year after the newest {table.title} snapshot ({newest}): "
            "a typo?; pass --allow-future if it is meant"
        )


def _copy_aside(where: Folder, snap: Snapshot, why: str) -> Aside:
    """A copy of a live snapshot set aside (the live file stays until it is replaced); nothing left on failure."""
    aside_id = _now_id(why)
    place = where.path(SET_ASIDE, snap.table, f"as_at={snap.as_at}", aside_id)
    dest = f"{place}/{snap.table}.parquet"
    tmp = f"{place}/.{snap.table}.parquet.{uuid.uuid4().hex}.tmp"
    made = where.make_dirs(place)
    try:
        where.fs.copy_file(snap.path, tmp)  # on an object store, a copy in the store
        where.fs.move(tmp, dest)
    except BaseException:
        where.discard(tmp)
        where.remove_empty(made)
        raise
    return Aside(snap.table, snap.as_at, aside_id, dest)


def _drop(where: Folder, aside: Aside) -> None:
    place = aside.path.rpartition("/")[0]
    for f in where.files(place):
        where.discard(f.path)
    where.remove_empty([place, place.rpartition("/")[0], place.rpartition("/")[0].rpartition("/")[0]])


def _others_beside(where: Folder, path: str) -> list[str]:
    """Files in a snapshot's folder other than the snapshot (an ingest report of the old layout)."""
    parent = path.rpartition("/")[0]
    return [f.path for f in where.files(parent) if f.path != path and "/." not in f.path[len(parent) :]]


def _move_others(where: Folder, live: str, aside: Aside) -> None:
    """Move what else sat beside a snapshot along with it when it is set aside (best effort)."""
    for other in _others_beside(where, live):
        with contextlib.suppress(OSError, pa.ArrowException):
            where.fs.move(other, f"{aside.path.rpartition('/')[0]}/{other.rpartition('/')[2]}")


def _staged(where: Folder, dest: str, data: bytes | pa.Buffer) -> tuple[str, list[str]]:
    """The new file staged beside `dest`, and the folders made for it (removed again should the write fail)."""
    with where.writing(dest):
        made = where.make_dirs(dest.rpartition("/")[0])
        try:
            return where.stage(dest, data), made
        except BaseException:
            where.remove_empty(made)
            raise


def _logged(data_dir: DataDir, entry: audit.Entry, act: Callable[[], None], undo: Callable[[], None]) -> None:
    """Do `act` (one move that makes a change live) with its audit entry: both or neither.

    The entry is written to a temporary file first (a full disk refuses here, before anything is live), then
    `act`, then the entry is moved into the log; should that move fail, `undo` takes the change back out.
    """
    where = folder(data_dir)
    tmp, dest = audit.stage(data_dir, entry)
    try:
        with where.writing(dest.rpartition("/")[0]):
            act()
    except BaseException:
        where.discard(tmp)
        raise
    finally:
        forget_listings()
    try:
        with where.writing(dest):
            where.fs.move(tmp, dest)
    except BaseException:
        where.discard(tmp)
        undo()
        forget_listings()
        raise


def _put_live(
    data_dir: DataDir,
    where: Folder,
    dest: str,
    data: bytes | pa.Buffer,
    live: Snapshot | None,
    why: str,
    entry: Callable[[Aside | None], audit.Entry],
) -> Aside | None:
    """Put `data` in use at `dest` with its audit entry (`entry(aside)`), both or neither (`_logged`): the snapshot
    in use there (`live`) is first set aside as `why`. Returns what was set aside; on failure what was in use at
    `dest` is in use again (publish and restore share this step)."""
    tmp, made = _staged(where, dest, data)
    aside: Aside | None = None
    went_live: list[bool] = []
    try:
        if live is not None:
            with where.writing(where.path(SET_ASIDE)):
                aside = _copy_aside(where, live, why)

        def undo() -> None:  # the log entry could not be put in place: take the change back out
            if aside is not None:
                where.write_atomically(dest, where.read_bytes(aside.path))  # the set-aside copy stays too
            else:
                where.discard(dest)
                where.remove_empty(made)

        def act() -> None:
            where.fs.move(tmp, dest)
            went_live.append(True)

        _logged(data_dir, entry(aside), act, undo)
    except BaseException:
        where.discard(tmp)
        if aside is not None and not went_live:
            _drop(where, aside)
        where.remove_empty(made)
        raise
    return aside


def publish(
    data_dir: DataDir,
    table: str,
    as_at: dt.date,
    frame: pd.DataFrame,
    report: dict[str, object],
    *,
    source: str | os.PathLike[str],
    replace: bool = False,
    allow_shrink: bool = False,
    allow_future: bool = False,
    defaulted_as_at: bool = False,
    today: dt.date | None = None,
    shown_as: str | None = None,
    who: str = "",
    via: str = "cli",
) -> Published:
    """Publish a snapshot of `table` as at `as_at` carrying `report`; Refused or DataDirError (nothing written).

    Under the writer lock: clear what a killed run left, check again that the date is free (or `replace`), not
    after today or a year past the newest snapshot (unless `allow_future`), and that the previous snapshot's ids
    do not vanish (unless `allow_shrink`); set the replaced snapshot aside; move the new one in; log it.
    `today` is the wall clock's date by default: this one check guards a typed date against the calendar.
    `shown_as` names the file in messages and the log (an upload's own name); `who` and `via` say who published it
    and through which door (default: the operating-system user, the CLI).
    """
    spec = schema.table_for(table)
    where = folder(data_dir)
    _check_place(where)
    name = shown_as or Path(source).name
    dest = snapshot_path(data_dir, spec.name, as_at)
    facts = {**audit.file_facts(source), "file": name}
    with where.locked(who or audit.os_user()):
        with where.writing(where.root, "cannot tidy"):
            cleaned = _clean_leftovers(where)
        snaps = list_snapshots(data_dir, spec.name)
        same = next((s for s in snaps if s.as_at == as_at), None)
        if same and not replace:
            raise Refused(
                f"{name}: a snapshot of {spec.name} as at {as_at} already exists ({where.shown(dest)}); "
                "pass --replace to overwrite it (the one replaced is set aside, restorable)"
            )
        if not allow_future:
            _guard_future(spec, as_at, snaps, name, defaulted=defaulted_as_at, today=today or dt.date.today())
        previous = [s for s in snaps if s.as_at <= as_at]
        if previous and not allow_shrink:
            _guard_shrink(where, spec, frame, previous[-1], name)
        data = snapshot_bytes(spec.name, frame, report)

        def entry(aside: Aside | None) -> audit.Entry:
            return audit.Entry(
                "ingest",
                "replaced" if same else "loaded",
                spec.name,
                as_at.isoformat(),
                rows=len(frame),
                detail=f"the snapshot it replaced is set aside as {aside.id}" if aside else "",
                who=who,
                via=via,
                **facts,  # type: ignore[arg-type]
            )

        aside = _put_live(data_dir, where, dest, data, same, "replaced", entry)
        if aside is not None:
            _move_others(where, dest, aside)
    return Published(where.shown(dest), aside.id if aside else "", cleaned)


@contextlib.contextmanager
def _writer(data_dir: DataDir, who: str) -> Iterator[Folder]:
    """The data directory's folder, checked, under the writer lock (held as `who`, default the operating-system
    user), with what a killed run left cleared: remove and restore start so."""
    where = folder(data_dir)
    _check_place(where)
    with where.locked(who or audit.os_user()):
        with where.writing(where.root, "cannot tidy"):
            _clean_leftovers(where)
        yield where


def remove(data_dir: DataDir, table: str, as_at: dt.date, *, who: str = "", via: str = "cli") -> Aside:
    """Take the snapshot of `table` as at `as_at` out of use, set aside (restorable); Refused if there is none.
    `who` and `via` as for `publish`."""
    spec = schema.table_for(table)
    with _writer(data_dir, who) as where:
        snaps = list_snapshots(data_dir, spec.name)
        live = next((s for s in snaps if s.as_at == as_at), None)
        if live is None:
            held = ", ".join(s.as_at.isoformat() for s in snaps) or "none"
            raise Refused(f"there is no {spec.name} snapshot as at {as_at} to remove (held: {held})")
        data = where.read_bytes(live.path)
        aside_id = _now_id("removed")
        place = where.path(SET_ASIDE, spec.name, f"as_at={as_at}", aside_id)
        aside = Aside(spec.name, as_at, aside_id, f"{place}/{spec.name}.parquet")
        entry = audit.Entry(
            "remove",
            "removed",
            spec.name,
            as_at.isoformat(),
            rows=snapshot_rows(data_dir, live.path),
            detail=f"set aside as {aside_id}",
            who=who,
            via=via,
            **audit.bytes_facts(live.name, data),  # type: ignore[arg-type]
        )
        with where.writing(place):
            made = where.make_dirs(place)

        def act() -> None:
            where.fs.move(live.path, aside.path)  # a rename in a folder; a copy, then a delete, in a store

        def undo() -> None:
            where.fs.move(aside.path, live.path)

        try:
            _logged(data_dir, entry, act, undo)
        except BaseException:
            where.remove_empty(made)
            raise
        _move_others(where, live.path, aside)
        where.remove_empty([live.path.rpartition("/")[0]])
    return aside


def restore(data_dir: DataDir, table: str, as_at: dt.date, *, who: str = "", via: str = "cli") -> Aside:
    """Put back the snapshot of `table` as at `as_at` set aside last; one in use at that date is set aside in its
    place (so a restore is undone by another). Refused if nothing is set aside for that date. `who` and `via` as
    for `publish`."""
    spec = schema.table_for(table)
    with _writer(data_dir, who) as where:
        kept = [a for a in set_asides(data_dir, spec.name) if a.as_at == as_at]
        if not kept:
            held = sorted({a.as_at.isoformat() for a in set_asides(data_dir, spec.name)})
            raise Refused(
                f"nothing of {spec.name} as at {as_at} is set aside to restore (set aside: {', '.join(held) or 'none'})"
            )
        pick = kept[-1]
        live = next((s for s in list_snapshots(data_dir, spec.name) if s.as_at == as_at), None)
        dest = snapshot_path(data_dir, spec.name, as_at)
        data = where.read_bytes(pick.path)

        def entry(swapped: Aside | None) -> audit.Entry:
            detail = f"from {pick.id}" + (f"; the one in use is set aside as {swapped.id}" if swapped else "")
            return audit.Entry(
                "restore",
                "restored",
                spec.name,
                as_at.isoformat(),
                rows=snapshot_rows(data_dir, pick.path),
                detail=detail,
                who=who,
                via=via,
                **audit.bytes_facts(Snapshot(spec.name, as_at, dest).name, data),  # type: ignore[arg-type]
            )

        _put_live(data_dir, where, dest, data, live, "restored-over", entry)
        _drop(where, pick)  # restored: no longer set aside (a failure here leaves a harmless second copy)
    return pick


def describe(data_dir: DataDir, table: str | None = None) -> list[str]:
    """`snapshots list`: each table's snapshots (rows, bytes, where each came from), then what is set aside."""
    from mhhs_dashboard.store import all_snapshots  # one listing for every table

    where = folder(data_dir)
    names = [schema.table_for(table).name] if table else list(schema.TABLES)
    listed = all_snapshots(data_dir)
    lines: list[str] = []
    for name in names:
        snaps, asides = listed[name], set_asides(data_dir, name)
        if not snaps and not asides and not table:
            continue
        lines.append(f"{name} ({schema.TABLES[name].title}): {counted(len(snaps), 'snapshot')}")
        for i, s in enumerate(snaps):
            report = snapshot_report(data_dir, s.path) or {}
            came = f"from {report['file']}" if report.get("file") else "not ingested (no report)"
            rows = snapshot_rows(data_dir, s.path)
            now = "  now" if i == len(snaps) - 1 else ""
            lines.append(f"  {s.as_at}  {rows if rows is not None else '?':>7,} rows  {s.size:>10,} bytes  {came}{now}")
        for a in asides:
            rows = snapshot_rows(data_dir, a.path)
            lines.append(
                f"  set aside: {a.as_at} ({a.why} {a.when}), {rows if rows is not None else '?':,} rows; "
                f"undo: mhhs-dashboard snapshots restore {schema.TABLES[name].cli_name} {a.as_at}"
            )
    if not lines:
        lines.append(f"no snapshots under {where.shown(where.root)}")
    return lines

"""The PMO's workspace, without Streamlit: an uploaded extract checked by content, checked as the CLI's ingest
checks it, previewed against the current snapshot, and published by the same ingest.

Uploaded bytes are written only to a private temporary folder (never the data directory) for ingest to read, and
the folder is removed afterwards: a refused file leaves nothing behind but its audit row.
"""

from __future__ import annotations

import codecs
import contextlib
import dataclasses
import datetime as dt
import functools
import hashlib
import os
import re
import shutil
import tempfile
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

import duckdb
import pandas as pd
import pyarrow as pa
import pyarrow.compute as pc
import pyarrow.parquet as pq

from mhhs_dashboard import audit, ingest, schema, snapshots, store
from mhhs_dashboard.db import run_query
from mhhs_dashboard.files import DataDir, DataDirError, folder
from mhhs_dashboard.meeting import Change, compare
from mhhs_dashboard.stats import headline
from mhhs_dashboard.store import StoreError

MAX_UPLOAD_MB = 25  # .streamlit/config.toml's server.maxUploadSize is the same (tests/test_config.py)
MAX_BYTES = MAX_UPLOAD_MB * 1024 * 1024
KINDS = {".xlsx": "an Excel workbook (.xlsx)", ".csv": "CSV text"}
TEXT_SNIFF_BYTES = 64 * 1024  # how much of a CSV is looked at to tell text from binary
SAFE_NAME = re.compile(r"[^A-Za-z0-9._ ()+-]+")


class Refusal(Exception):
    """An upload refused before ingest reads it: one line naming the file and why."""


@dataclass(frozen=True)
class Upload:
    """A file as the browser sent it: its name (for messages only) and its bytes."""

    name: str
    data: bytes

    @property
    def size(self) -> int:
        return len(self.data)

    @property
    def sha256(self) -> str:
        return hashlib.sha256(self.data).hexdigest()


def _is_text(data: bytes) -> bool:
    """Whether the file's start is UTF-8 text (a multi-byte character cut at the end of the sample is fine)."""
    head = data[:TEXT_SNIFF_BYTES]
    if b"\x00" in head:
        return False
    try:
        codecs.getincrementaldecoder("utf-8-sig")().decode(head, final=len(data) <= TEXT_SNIFF_BYTES)
    except UnicodeDecodeError:
        return False
    return True


def content_kind(upload: Upload) -> str:
    """'.xlsx' or '.csv' as the bytes say (zip magic, or UTF-8 text), agreeing with the name; Refusal otherwise."""
    name, data = Path(upload.name).name or "the file", upload.data
    if not data:
        raise Refusal(f"{name}: the file is empty (0 bytes), expected a .xlsx or .csv extract")
    if len(data) > MAX_BYTES:
        raise Refusal(f"{name}: {len(data) / 1024 / 1024:.1f} MB is over the {MAX_UPLOAD_MB} MB limit for one extract")
    if data.startswith(ingest.OLE_MAGIC):
        raise Refusal(
            f"{name}: is locked (password-protected) or an old .xls workbook: save it as an unprotected .xlsx"
        )
    if data.startswith(ingest.ZIP_MAGIC):
        kind = ".xlsx"
    elif _is_text(data):
        kind = ".csv"
    else:
        raise Refusal(f"{name}: not a spreadsheet: the content is neither an Excel .xlsx workbook nor UTF-8 CSV text")
    said = Path(name).suffix.lower()
    if said not in KINDS:
        raise Refusal(f"{name}: expected a .xlsx or .csv file, got {said or 'no extension'}")
    if said != kind:
        raise Refusal(f"{name}: the name says {KINDS[said]} but the content is {KINDS[kind]}: save it again as {said}")
    return kind


def safe_name(name: str, kind: str) -> str:
    """The upload's name as a plain file name for the temporary copy (no folders, no odd characters)."""
    stem = SAFE_NAME.sub("_", Path(name).stem).strip(" ._")[:100] or "extract"
    return f"{stem}{kind}"


@contextlib.contextmanager
def staged(upload: Upload) -> Iterator[Path]:
    """The upload written to a private temporary folder (checked by content first), removed afterwards."""
    kind = content_kind(upload)
    place = Path(tempfile.mkdtemp(prefix="mhhs-upload-"))
    try:
        path = place / safe_name(upload.name, kind)
        path.write_bytes(upload.data)
        yield path
    finally:
        shutil.rmtree(place, ignore_errors=True)


def check(
    table: str, upload: Upload, data_dir: DataDir, *, as_at: dt.date | None, replace: bool = False
) -> ingest.Checked:
    """The CLI's reading and validation of the upload, writing nothing; Refusal or ingest.IngestError."""
    with staged(upload) as path:
        return ingest.check(table, path, data_dir, as_at=as_at, replace=replace)


# ---------------------------------------------------------------- preview


@dataclass
class Preview:
    """What publishing a checked extract would change."""

    table: str
    as_at: dt.date
    compared_with: dt.date | None  # the snapshot it is compared with: the newest on or before `as_at`
    rows: pd.DataFrame  # change ('new', 'changed', 'gone'), row_key, columns (what differs, for a changed row)
    figures: list[Change] = field(default_factory=list)  # overview figures that move
    becomes_now: bool = True  # False: an older date, which goes into history only

    def count(self, change: str) -> int:
        return int((self.rows["change"] == change).sum())

    @property
    def before_rows(self) -> int:
        return int(self.rows.attrs.get("before_rows", 0))


def _long(spec: schema.Table, rows: pa.Table) -> pa.Table:
    """One row per (row_key, column_name, value): a snapshot in the shape queries/preview/rows_changed.sql compares."""
    keys = [pc.cast(rows.column(k), pa.string()) for k in spec.key]
    key = keys[0] if len(keys) == 1 else pc.binary_join_element_wise(*keys, " / ")
    parts = [
        pa.table(
            {
                "row_key": key,
                "column_name": pa.array([col] * rows.num_rows, pa.string()),
                "value": pc.cast(rows.column(col), pa.string())
                if col in rows.column_names
                else pa.nulls(rows.num_rows, pa.string()),  # a column added since (schema.Table.later)
            }
        )
        for col in spec.columns
    ]
    return pa.concat_tables(parts) if parts else pa.table({})


def row_changes(spec: schema.Table, before: pa.Table | None, after: pa.Table) -> pd.DataFrame:
    """Rows new, changed and gone between two snapshots of one table, by id (queries/preview/rows_changed.sql)."""
    empty = store.arrow_schema(spec).empty_table()
    con = duckdb.connect()
    try:
        con.from_arrow(_long(spec, before if before is not None else empty)).create("preview_before")
        con.from_arrow(_long(spec, after)).create("preview_after")
        out = run_query(con, "rows_changed")
    finally:
        con.close()
    out.attrs["before_rows"] = before.num_rows if before is not None else 0
    return out


def _overlay(data_dir: DataDir, place: Path, table: str, as_at: dt.date, frame: pd.DataFrame) -> None:
    """A data directory in `place` holding each table's newest snapshot and the new one: 'now' after publishing."""
    where = folder(data_dir)
    for name, snaps in store.all_snapshots(data_dir).items():
        if snaps and not (name == table and snaps[-1].as_at <= as_at):
            dest = place / snaps[-1].name
            dest.parent.mkdir(parents=True, exist_ok=True)
            dest.write_bytes(where.read_bytes(snaps[-1].path))
    store.write_snapshot(place, table, as_at, frame, replace=True)


def preview(data_dir: DataDir, checked: ingest.Checked) -> Preview:
    """Publishing `checked` against the data as it is: its rows against the snapshot it follows, and the overview's
    figures (stats.headline through meeting.compare) now and after."""
    spec, as_at = checked.table, checked.as_at
    where = folder(data_dir)
    snaps = store.list_snapshots(data_dir, spec.name)
    previous = [s for s in snaps if s.as_at <= as_at]
    before = pq.read_table(pa.BufferReader(where.read_bytes(previous[-1].path))) if previous else None
    after = pa.Table.from_pandas(
        checked.frame[list(spec.columns)], schema=store.arrow_schema(spec), preserve_index=False
    )
    rows = row_changes(spec, before, after)
    becomes_now = not snaps or as_at >= snaps[-1].as_at
    result = Preview(spec.name, as_at, previous[-1].as_at if previous else None, rows, becomes_now=becomes_now)
    if not becomes_now:
        return result
    place = Path(tempfile.mkdtemp(prefix="mhhs-preview-"))
    try:
        now = store.open_store(data_dir, strict=False)
        _overlay(data_dir, place, spec.name, as_at, checked.frame)
        after_store = store.open_store(place, strict=False)
        changes = compare(after_store, now, now.now)
        moved = [*changes.dins, *changes.crs, *changes.actions]
        result.figures = [c for c in moved if c.before != c.after]
        result.figures += _seat_moves(headline(now), headline(after_store))
    finally:
        store.forget(place)
        shutil.rmtree(place, ignore_errors=True)
    return result


def _seat_moves(before: dict[str, object], after: dict[str, object]) -> list[Change]:
    """The overview's seat tiles that move ('SITAG seats filled 20 -> 21')."""
    a, b = before["seats"], after["seats"]
    out = []
    for group in dict.fromkeys([*b, *a]):  # type: ignore[misc]
        was, now = a.get(group, {}).get("filled"), b.get(group, {}).get("filled", 0)  # type: ignore[attr-defined]
        if was != now:
            out.append(Change(f"{group} seats filled", was, now))
    return out


# ---------------------------------------------------------------- the page's steps, each logged

VIA = "web"  # the audit log's door for the workspace (the CLI's is "cli")
# the registers the PMO loads, in the order the page offers them
REGISTERS = tuple(schema.TABLES)


def today() -> dt.date:
    """The latest as-at date the page offers (the publish refuses a later one, as the CLI does)."""
    return dt.date.today()


@dataclass
class Result:
    """An upload checked: refused (`refusal`), or read (`checked`) and previewed (`preview`)."""

    upload: Upload
    table: str
    as_at: dt.date
    replace: bool
    checked: ingest.Checked | None = None
    preview: Preview | None = None
    refusal: str = ""
    shrink: str = ""  # the shrink guard's warning: publishing needs "publish anyway"

    @property
    def title(self) -> str:
        return schema.TABLES[self.table].title


@dataclass(frozen=True)
class Done:
    """How a publish, removal or restore ended, in one line for the page."""

    ok: bool
    message: str


def _facts(upload: Upload) -> dict[str, object]:
    return {"file": Path(upload.name).name, "size": upload.size, "sha256": upload.sha256}


def shrink_warning(p: Preview) -> str:
    """The shrink guard's words for a preview whose gone ids the publish would refuse (snapshots.publish)."""
    gone = p.count("gone")
    if gone > snapshots.SHRINK_FLOOR and gone > snapshots.SHRINK_SHARE * p.before_rows:
        noun = snapshots.NOUNS.get(p.table, "ids")
        return (
            f"{gone:,} of {p.before_rows:,} {noun} would vanish (more than {snapshots.SHRINK_SHARE:.0%}: a filtered "
            "export?). Publishing is refused unless you say they are meant to go."
        )
    return ""


def run_check(table: str, upload: Upload, data_dir: DataDir, *, as_at: dt.date, replace: bool, who: str) -> Result:
    """Check and preview an upload, and log it: a 'check' row, 'checked' or 'refused', as `who` on the web."""
    result = Result(upload, table, as_at, replace)
    try:
        result.checked = check(table, upload, data_dir, as_at=as_at, replace=replace)
        result.preview = preview(data_dir, result.checked)
        result.shrink = shrink_warning(result.preview)
    except (Refusal, ingest.IngestError) as e:
        result.refusal = str(e)
    rows = result.checked.report.rows_stored if result.checked else None
    outcome = "refused" if result.refusal else "checked"
    entry = audit.Entry(
        "check",
        outcome,
        table,
        as_at.isoformat(),
        rows=rows,
        detail=result.refusal,
        who=who,
        via=VIA,
        **_facts(upload),  # type: ignore[arg-type]
    )
    audit.try_record(data_dir, entry)
    return result


def run_publish(result: Result, data_dir: DataDir, *, allow_shrink: bool, who: str) -> Done:
    """Publish a checked upload through the CLI's ingest (read again, guarded, locked, written atomically, logged)."""
    name = Path(result.upload.name).name
    try:
        with staged(result.upload) as path:
            report = ingest.ingest(
                result.table,
                path,
                data_dir,
                as_at=result.as_at,
                replace=result.replace,
                allow_shrink=allow_shrink,
                shown_as=name,
                who=who,
                via=VIA,
            )
    except (Refusal, ingest.IngestError, StoreError, DataDirError, OSError) as e:
        message = str(e)
        outcome = "failed" if isinstance(e, DataDirError | OSError) else "refused"
        entry = audit.Entry(
            "ingest",
            outcome,
            result.table,
            result.as_at.isoformat(),
            detail=message,
            who=who,
            via=VIA,
            **_facts(result.upload),  # type: ignore[arg-type]
        )
        audit.try_record(data_dir, entry)
        return Done(False, f"Not published: {message}")
    aside = " The snapshot it replaced is set aside (restore it below)." if report.notes else ""
    return Done(
        True, f"Published {name}: {report.rows_stored:,} rows of the {result.title} as at {report.as_at}.{aside}"
    )


def normalisations(report: ingest.IngestReport) -> pd.DataFrame:
    """The report's normalisations as rows for a grid: column, before, after, rows, the first row ids."""
    return pd.DataFrame(
        [(n.column, repr(n.before), repr(n.after), n.count, ", ".join(n.rows[:5])) for n in report.normalisations],
        columns=["column", "read", "stored as", "rows", "first ids"],
    )


def compared_line(p: Preview) -> str:
    """What the preview compares against, in one sentence."""
    title = schema.TABLES[p.table].title
    against = (
        f"the snapshot as at {p.compared_with}"
        if p.compared_with
        else "nothing (the first snapshot of this date or earlier)"
    )
    line = f"Against {against} of the {title}."
    if not p.becomes_now:
        line += f" A newer snapshot exists: as at {p.as_at} this goes into the history, and the overview does not move."
    return line


def snapshot_rows(data_dir: DataDir, table: str) -> pd.DataFrame:
    """The register's snapshots in use and those set aside, newest first, for the undo list."""
    out = []
    snaps = store.list_snapshots(data_dir, table)
    for i, s in enumerate(snaps):
        report = store.snapshot_report(data_dir, s.path) or {}
        out.append(
            {
                "key": f"live:{s.as_at}",
                "as_at": s.as_at.isoformat(),
                "state": "now" if i == len(snaps) - 1 else "in use (history)",
                "rows": store.snapshot_rows(data_dir, s.path),
                "source": str(report.get("file") or "not ingested"),
            }
        )
    for a in snapshots.set_asides(data_dir, table):
        out.append(
            {
                "key": f"aside:{a.as_at}",
                "as_at": a.as_at.isoformat(),
                "state": f"set aside ({a.why} {a.when})",
                "rows": store.snapshot_rows(data_dir, a.path),
                "source": str((store.snapshot_report(data_dir, a.path) or {}).get("file") or "not ingested"),
            }
        )
    frame = pd.DataFrame(out, columns=["key", "as_at", "state", "rows", "source"])
    return frame.sort_values(["as_at", "key"], ascending=False, kind="stable").reset_index(drop=True)


def undo_choices(rows: pd.DataFrame) -> dict[str, str]:
    """key -> label of what can be undone: remove a snapshot in use, or restore one set aside (the newest, once)."""
    choices: dict[str, str] = {}
    for r in rows.itertuples():
        if r.key not in choices:
            choices[r.key] = f"{r.as_at}: {r.state}, {_rows(r.rows)} from {r.source}"
    return choices


def _rows(n: object) -> str:
    return "? rows" if n is None or n != n else f"{int(n):,} rows"  # type: ignore[call-overload]


def undo_label(key: str) -> str:
    """The button for a choice: 'Remove the snapshot as at D' or 'Restore the snapshot as at D'."""
    kind, _, day = key.partition(":")
    return f"{'Remove' if kind == 'live' else 'Restore'} the snapshot as at {day}"


def run_undo(data_dir: DataDir, table: str, key: str, *, who: str) -> Done:
    """Remove or restore one snapshot (snapshots.remove / restore: set aside, never deleted; logged as `who`)."""
    kind, _, day = key.partition(":")
    as_at = dt.date.fromisoformat(day)
    action = "remove" if kind == "live" else "restore"
    try:
        if action == "remove":
            aside = snapshots.remove(data_dir, table, as_at, who=who, via=VIA)
            return Done(True, f"Removed the snapshot as at {as_at}: set aside as {aside.id}, restorable here.")
        snapshots.restore(data_dir, table, as_at, who=who, via=VIA)
        return Done(True, f"Restored the snapshot as at {as_at}.")
    except (StoreError, DataDirError) as e:
        outcome = "failed" if isinstance(e, DataDirError) else "refused"
        audit.try_record(data_dir, audit.Entry(action, outcome, table, day, detail=str(e), who=who, via=VIA))
        return Done(False, f"Not done: {e}")


AUDIT_SHOWN = 200  # the newest entries the page lists in its grid
AUDIT_RECENT = 8  # and in full, in a plain table above it


def audit_rows(data_dir: DataDir, limit: int = AUDIT_SHOWN) -> pd.DataFrame:
    """The audit log, newest first, as rows for a grid: read again only when an entry has been added (a listing
    of the log's folder at each view, not a read of every entry). Read-only: each caller is handed the same rows."""
    return _audit_rows(os.fspath(data_dir), audit.logged(data_dir), limit)


@functools.lru_cache(maxsize=16)
def _audit_rows(data_dir: str, logged: tuple[str, ...], limit: int) -> pd.DataFrame:
    cols = ["when", "who", "via", "action", "outcome", "table", "as_at", "file", "size", "sha256", "rows", "detail"]
    entries = list(reversed(audit.entries(data_dir, logged[-limit:] if limit else ())))
    frame = pd.DataFrame([dataclasses.asdict(e) for e in entries], columns=cols)
    frame["when"] = frame["when"].str.slice(0, 19).str.replace("T", " ")
    frame["sha256"] = frame["sha256"].str.slice(0, 12)
    frame[["size", "rows"]] = frame[["size", "rows"]].astype("Int64")
    return frame

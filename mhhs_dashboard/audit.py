"""The audit log beside the data: every load, refusal, replace, removal and restore, with who, when and what.

Each event is one small JSON file, `_audit/<when>-<id>.json` under the data directory, written atomically and
never rewritten or deleted by the dashboard, so the log is append-only by construction. A file per event rather
than one growing file: an object store cannot append, and rewriting one log under a lock would lose the
entries of a writer that failed to get it (a refusal is logged without waiting for the lock). The store's
listing skips `_audit/` (it holds no snapshot), so the log never changes the data version.

`who` is a plain field: the operating-system user for the command line; a signed-in web identity later, with
`via` saying which door the event came through.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import getpass
import hashlib
import json
import os
import uuid
from dataclasses import dataclass
from pathlib import Path

import pyarrow as pa

from mhhs_dashboard.files import DataDir, DataDirError, folder

AUDIT_DIR = "_audit"


@dataclass(frozen=True)
class Entry:
    """One event: what was done (`action`) to which snapshot, by whom, and how it ended (`outcome`)."""

    action: str  # ingest, remove, restore
    outcome: str  # loaded, replaced, refused, failed, removed, restored
    table: str = ""
    as_at: str = ""
    file: str = ""  # the extract's name for an ingest; the snapshot's place for a removal or a restore
    size: int | None = None  # bytes of that file
    sha256: str = ""
    rows: int | None = None
    detail: str = ""  # the refusal's message, where a replaced snapshot was set aside, ...
    who: str = ""
    via: str = "cli"
    when: str = ""  # UTC, ISO 8601 to the microsecond


def os_user() -> str:
    """Who runs this process, as the operating system names them."""
    try:
        return getpass.getuser()
    except (OSError, KeyError):  # no login name and no passwd entry (a bare container)
        return f"uid {os.getuid()}"


def stamped(entry: Entry) -> Entry:
    """The entry with `when` (now, UTC) and `who` (the OS user) filled in where they are empty."""
    when = entry.when or dt.datetime.now(dt.UTC).isoformat(timespec="microseconds")
    return dataclasses.replace(entry, when=when, who=entry.who or os_user())


def file_facts(path: str | os.PathLike[str]) -> dict[str, object]:
    """`file`, `size` and `sha256` of a local file, for an entry; only the name if it cannot be read."""
    p = Path(path)
    try:
        data = p.read_bytes()
    except OSError:
        return {"file": p.name}
    return {"file": p.name, "size": len(data), "sha256": hashlib.sha256(data).hexdigest()}


def bytes_facts(name: str, data: bytes | pa.Buffer) -> dict[str, object]:
    """`file`, `size` and `sha256` of bytes in hand (a snapshot being moved), for an entry."""
    return {"file": name, "size": len(data), "sha256": hashlib.sha256(data).hexdigest()}


def _path(data_dir: DataDir, entry: Entry) -> str:
    when = dt.datetime.fromisoformat(entry.when).strftime("%Y%m%dT%H%M%S%fZ")  # sorts as it happened
    return folder(data_dir).path(AUDIT_DIR, f"{when}-{uuid.uuid4().hex[:8]}.json")


def _encoded(entry: Entry) -> bytes:
    return json.dumps(dataclasses.asdict(entry), ensure_ascii=False).encode("utf-8")


def stage(data_dir: DataDir, entry: Entry) -> tuple[str, str]:
    """Write the entry to a hidden temporary file in the log: (temporary, final path) for `Folder.commit`.

    A publish stages its entry before the snapshot goes live, so a full disk refuses the load rather than leaving
    a live snapshot the log does not know of; moving it into place afterwards needs no space.
    """
    entry = stamped(entry)
    dest = _path(data_dir, entry)
    where = folder(data_dir)
    with where.writing(dest):
        return where.stage(dest, _encoded(entry)), dest


def record(data_dir: DataDir, entry: Entry) -> None:
    """Append the entry to the log (one file, written atomically); DataDirError naming the path if it cannot."""
    entry = stamped(entry)
    dest = _path(data_dir, entry)
    where = folder(data_dir)
    with where.writing(dest):
        where.write_atomically(dest, _encoded(entry))


def try_record(data_dir: DataDir, entry: Entry) -> bool:
    """Append a refusal or failure, if the data directory can take it: the fault being reported comes first.

    A local data directory that does not exist is not created to hold the log of a refusal.
    """
    try:
        where = folder(data_dir)
        if not where.scheme and not Path(where.root).is_dir():
            return False
        record(data_dir, entry)
    except (DataDirError, OSError, pa.ArrowException):
        return False
    return True


def logged(data_dir: DataDir) -> tuple[str, ...]:
    """The paths of the log's entries, oldest first: one file each, written once and never rewritten."""
    where = folder(data_dir)
    return tuple(
        sorted(
            f.path
            for f in where.files(where.path(AUDIT_DIR))
            if f.path.endswith(".json") and not f.path.rpartition("/")[2].startswith(".")
        )
    )


def entries(data_dir: DataDir, paths: tuple[str, ...] | None = None) -> list[Entry]:
    """Every entry in the log (or those at `paths`, from `logged`), oldest first; an unreadable entry is shown as
    such, never skipped silently."""
    where = folder(data_dir)
    out = []
    known = {f.name for f in dataclasses.fields(Entry)}
    for path in logged(data_dir) if paths is None else paths:
        try:
            kept = json.loads(where.read_bytes(path))
            out.append(Entry(**{k: v for k, v in kept.items() if k in known}))
        except (OSError, ValueError, TypeError, pa.ArrowException) as e:
            out.append(Entry("?", "unreadable", file=where.shown(path), detail=type(e).__name__))
    return out


def line(entry: Entry) -> str:
    """One entry as one line of `mhhs-dashboard audit`."""
    parts = [entry.when[:19].replace("T", " ") + "Z" if entry.when else "?", entry.who or "?", entry.via]
    parts += [entry.action, entry.outcome, entry.table or "-", entry.as_at or "-"]
    what = entry.file or "-"
    if entry.size is not None:
        what += f" ({entry.size:,} bytes, sha256 {entry.sha256[:12]})"
    parts.append(what)
    if entry.rows is not None:
        parts.append(f"{entry.rows:,} rows")
    if entry.detail:
        parts.append(entry.detail)
    return "  ".join(parts)

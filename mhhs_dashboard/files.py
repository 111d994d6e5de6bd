"""The data directory's files: a local folder or an object-store URL, behind one pyarrow file system.

`MHHS_DATA_DIR` (or `--data-dir`) is a path, or a URL that `pyarrow.fs.FileSystem.from_uri` opens, such as
`s3://bucket/mhhs?region=eu-west-2`. Credentials come from the environment, as AWS tools read them. An
S3-compatible store takes `endpoint_override=host:port&scheme=http`. Every listing, read and write of a snapshot
goes through `Folder`, so replicas pointed at one URL all read the same snapshots, and the PMO's ingest writes
them there.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import fcntl
import functools
import json
import os
import re
import socket
import time
import uuid
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urlsplit

import pyarrow as pa
import pyarrow.fs as pafs

DataDir = str | os.PathLike[str]  # a local folder, or an object store's URL (never a Path: it would eat s3:// slashes)
URL = re.compile(r"^[A-Za-z][A-Za-z0-9+.-]+://")  # two letters at least: C:\ is a drive, not a scheme


class DataDirError(Exception):
    """A data directory that cannot be opened; the message names it (without its URL's options) and why."""


def is_url(data_dir: DataDir) -> bool:
    """Whether `data_dir` names an object store (`s3://...`) rather than a local folder."""
    return bool(URL.match(str(data_dir)))


def shown(data_dir: DataDir) -> str:
    """The data directory as messages name it: a URL without its options (which may carry a secret key)."""
    text = str(data_dir)
    if not is_url(text):
        return text
    parts = urlsplit(text)
    return f"{parts.scheme}://{parts.hostname or ''}{parts.path}"


@dataclass(frozen=True)
class Folder:
    """The data directory opened: its file system and where in it the snapshots live."""

    fs: pafs.FileSystem
    root: str  # the directory in `fs`: a local path, or bucket/prefix
    scheme: str  # "" for a local folder; "s3" and so on for an object store

    def path(self, *parts: str) -> str:
        """A path in `fs` under the root."""
        return "/".join([self.root.rstrip("/"), *parts])

    def shown(self, path: str) -> str:
        """How a message names a file: its local path, or its URL (without the store's options)."""
        return f"{self.scheme}://{path}" if self.scheme else path

    def files(self, under: str) -> list[pafs.FileInfo]:
        """Every file below `under` (a path in `fs`), with its size and modification time; none if it is missing."""
        try:
            found = self.fs.get_file_info(pafs.FileSelector(under, recursive=True, allow_not_found=True))
        except (OSError, pa.ArrowException) as e:
            raise DataDirError(f"cannot list {self.shown(under)}: {first_line(e)}") from e
        return [f for f in found if f.type == pafs.FileType.File]

    def exists(self, path: str) -> bool:
        return self.fs.get_file_info(path).type != pafs.FileType.NotFound

    def read_bytes(self, path: str) -> bytes:
        with self.fs.open_input_stream(path) as fh:
            return fh.read()

    def write_atomically(self, path: str, data: bytes | pa.Buffer) -> None:
        """Write `data` to `path` whole or not at all: a hidden temporary file beside it, then a move.

        A local move is a rename. On an object store it is a server-side copy, and an object is only ever seen
        complete, so a reader never meets half a file either way.
        """
        tmp = self.stage(path, data)
        try:
            self.fs.move(tmp, path)
        except BaseException:
            self.discard(tmp)
            raise

    def stage(self, path: str, data: bytes | pa.Buffer) -> str:
        """Write `data` whole to a hidden temporary file beside `path` and return its path (`commit` moves it
        into place). On failure nothing is left: neither the temporary file nor a folder made for it."""
        parent, _, name = path.rpartition("/")
        tmp = f"{parent}/.{name}.{uuid.uuid4().hex}.tmp"
        made = self.make_dirs(parent)
        try:
            self._write(tmp, data)
        except BaseException:
            self.discard(tmp)
            self.remove_empty(made)
            raise
        return tmp

    def _write(self, path: str, data: bytes | pa.Buffer) -> None:
        """Every byte a write puts in the data directory goes through here (tests inject a full disk)."""
        with self.fs.open_output_stream(path) as out:
            out.write(data)

    def make_dirs(self, path: str) -> list[str]:
        """Create the folder `path` and any missing parents below the root; return those made, deepest first."""
        made, here = [], path
        while len(here) > len(self.root.rstrip("/")) and not self.exists(here):
            made.append(here)
            here = here.rpartition("/")[0]
        self.fs.create_dir(path, recursive=True)
        return made

    def remove_empty(self, dirs: list[str]) -> None:
        """Remove each folder of `dirs` (deepest first) that is empty; never one holding a file."""
        for d in dirs:
            try:
                if self.exists(d) and not self.fs.get_file_info(pafs.FileSelector(d, recursive=True)):
                    self.fs.delete_dir(d)
            except (OSError, pa.ArrowException):
                return  # best effort: the caller is already reporting a fault

    def discard(self, path: str) -> None:
        """Delete `path` if it is there, quietly: a clean-up on the way out of a failure."""
        try:
            if self.exists(path):
                self.fs.delete_file(path)
        except (OSError, pa.ArrowException):
            pass

    def leftovers(self) -> tuple[list[str], list[str]]:
        """Temporary files a killed writer left (`.<name>.<hex>.tmp`) and empty `as_at=` folders, anywhere under
        the root: only safe to remove while holding the writer's lock."""
        temps = [f.path for f in self.files(self.root) if TEMPORARY.match(f.path.rpartition("/")[2])]
        if self.scheme:
            return temps, []  # an object store has no empty folders to leave
        empty = []
        for here, dirs, names in os.walk(self.root):
            if SNAPSHOT_FOLDER.match(os.path.basename(here)) and not dirs and not names:
                empty.append(here)
        return temps, empty

    @contextlib.contextmanager
    def locked(self, who: str) -> Iterator[None]:
        """Hold the data directory's writer lock for the block; wait for it up to LOCK_WAIT_SECONDS, then
        DataDirError naming who holds it. A folder takes an flock on `_audit/writer.lock` (the kernel lets it
        go if the process dies); an object store takes a lease object there (see `_lease`)."""
        lock = self.path(LOCK_NAME)
        with self.writing(self.root, "cannot lock"):
            self.fs.create_dir(lock.rpartition("/")[0], recursive=True)
        if self.scheme:
            with _lease(self, lock, who):
                yield
            return
        with _flock(self, lock, who):
            yield

    @contextlib.contextmanager
    def writing(self, path: str, doing: str = "cannot write") -> Iterator[None]:
        """Turn an operating-system or store fault inside the block into one DataDirError line: `path` and why."""
        try:
            yield
        except (OSError, pa.ArrowException) as e:
            raise DataDirError(f"{doing} {self.shown(path)}: {cause(e)}") from e


TEMPORARY = re.compile(r"^\..+\.[0-9a-f]{32}\.tmp$")  # what Folder.stage names a temporary file
SNAPSHOT_FOLDER = re.compile(r"^as_at=\d{4}-\d{2}-\d{2}$")
LOCK_NAME = "_audit/writer.lock"
LOCK_WAIT_SECONDS = 60.0  # how long a second writer waits for the first before giving up
LOCK_POLL_SECONDS = 0.1
LEASE_SECONDS = 600.0  # an object store's lease older than this was left by a writer that died: taken over
LEASE_SETTLE_SECONDS = 0.5  # an object-store writer reads its lease back after this long, to see who won


def cause(e: BaseException) -> str:
    """Why an operating-system fault happened, in the system's own words ("No space left on device")."""
    if isinstance(e, OSError) and e.errno:
        return os.strerror(e.errno)
    return first_line(e)


def _pause(seconds: float) -> None:
    """Wait between two tries at a busy lock (tests watch this to know a writer is waiting)."""
    time.sleep(seconds)


def _busy(where: Folder, holder: str) -> DataDirError:
    return DataDirError(
        f"another writer holds the lock on {where.shown(where.root)} ({holder or 'holder unknown'}); waited "
        f"{LOCK_WAIT_SECONDS:g} s: nothing was written, try again when it has finished"
    )


@contextlib.contextmanager
def _flock(where: Folder, lock: str, who: str) -> Iterator[None]:
    with where.writing(where.root, "cannot lock"):
        try:
            fd = os.open(lock, os.O_RDWR | os.O_CREAT, 0o644)
        except PermissionError:
            fd = os.open(lock, os.O_RDONLY)  # a lock file already there in a folder we may not write: flock it
    try:
        deadline = time.monotonic() + LOCK_WAIT_SECONDS
        while True:
            try:
                fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
                break
            except BlockingIOError:
                if time.monotonic() >= deadline:
                    raise _busy(where, _holder(lock)) from None
                _pause(LOCK_POLL_SECONDS)
        try:  # who holds it, for a writer that finds it busy; best effort (a full disk may refuse even this)
            os.ftruncate(fd, 0)
            os.pwrite(fd, _holding(who).encode(), 0)
        except OSError:
            pass
        yield
    finally:
        os.close(fd)  # closing lets the flock go


def _holding(who: str) -> str:
    since = dt.datetime.now(dt.UTC).isoformat(timespec="seconds")
    return json.dumps({"who": who, "host": socket.gethostname(), "pid": os.getpid(), "since": since})


def _holder(lock: str) -> str:
    try:
        with open(lock, encoding="utf-8") as fh:
            h = json.loads(fh.read() or "{}")
        return f"{h['who']} on {h['host']}, pid {h['pid']}, since {h['since']}"
    except (OSError, ValueError, KeyError, TypeError):
        return ""


@contextlib.contextmanager
def _lease(where: Folder, lock: str, who: str) -> Iterator[None]:
    """The single-writer rule on an object store, checked: a lease object naming its writer.

    pyarrow's S3 client has no conditional write, so this is not a mutual-exclusion primitive: a writer waits
    while a fresh lease of another's is there, writes its own, waits LEASE_SETTLE_SECONDS and reads it back;
    only if it still finds its own token does it go on. Two writers starting within that settle time of each
    other could both go on, so the rule stays: one ingest at a time per data directory (the PMO's). The lease
    catches a second writer that starts while one runs, which is the mistake that happens.
    """
    token = uuid.uuid4().hex
    deadline = time.monotonic() + LOCK_WAIT_SECONDS
    with where.writing(lock, "cannot lock"):
        while True:
            held = _read_lease(where, lock)
            if held and held.get("token") != token and time.time() - float(held.get("at", 0)) < LEASE_SECONDS:  # type: ignore[arg-type]
                if time.monotonic() >= deadline:
                    raise _busy(where, f"{held.get('who')} on {held.get('host')}, since {held.get('since')}")
                _pause(LOCK_POLL_SECONDS)
                continue
            mine = json.loads(_holding(who)) | {"token": token, "at": time.time()}
            where.write_atomically(lock, json.dumps(mine).encode())
            _pause(LEASE_SETTLE_SECONDS)
            if (_read_lease(where, lock) or {}).get("token") == token:
                break
    try:
        yield
    finally:
        with contextlib.suppress(OSError, pa.ArrowException):
            if (_read_lease(where, lock) or {}).get("token") == token:
                where.fs.delete_file(lock)


def _read_lease(where: Folder, lock: str) -> dict[str, object] | None:
    try:
        return json.loads(where.read_bytes(lock))
    except FileNotFoundError:
        return None
    except ValueError:
        return {}  # a torn or foreign lease: treated as stale


def first_line(e: BaseException) -> str:
    """An exception's message as one line for a one-line error: its first line, else the exception's type."""
    return str(e).strip().splitlines()[0] if str(e).strip() else type(e).__name__


@functools.lru_cache(maxsize=16)
def _open(data_dir: str) -> Folder:
    if not is_url(data_dir):
        return Folder(pafs.LocalFileSystem(), str(Path(data_dir)), "")
    try:
        fs, root = pafs.FileSystem.from_uri(data_dir)
    except (OSError, ValueError, pa.ArrowException) as e:
        why = first_line(e).replace(data_dir, shown(data_dir))  # pyarrow's message quotes the URL whole
        raise DataDirError(f"cannot open the data directory {shown(data_dir)}: {why}") from e
    return Folder(fs, root, urlsplit(data_dir).scheme)


def folder(data_dir: DataDir) -> Folder:
    """The data directory `data_dir` (a path or a URL) opened; DataDirError if its URL cannot be opened."""
    return _open(str(data_dir))

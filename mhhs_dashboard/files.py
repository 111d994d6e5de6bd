"""The data directory's files: a local folder or an object-store URL, behind one pyarrow file system.

`MHHS_DATA_DIR` (or `--data-dir`) is a path, or a URL that `pyarrow.fs.FileSystem.from_uri` opens, such as
`s3://bucket/mhhs?region=eu-west-2`. Credentials come from the environment, as AWS tools read them. An
S3-compatible store takes `endpoint_override=host:port&scheme=http`. Every listing, read and write of a snapshot
goes through `Folder`, so replicas pointed at one URL all read the same snapshots, and the PMO's ingest writes
them there.
"""

from __future__ import annotations

import functools
import os
import re
import uuid
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
        parent, _, name = path.rpartition("/")
        tmp = f"{parent}/.{name}.{uuid.uuid4().hex}.tmp"
        self.fs.create_dir(parent, recursive=True)
        try:
            with self.fs.open_output_stream(tmp) as out:
                out.write(data)
            self.fs.move(tmp, path)
        except BaseException:
            if self.exists(tmp):
                self.fs.delete_file(tmp)
            raise


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

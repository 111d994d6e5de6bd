"""Which data a view reads: the data directory, its version and the as-at date it is frozen to. No Streamlit."""

from __future__ import annotations

import datetime as dt
from typing import NamedTuple

from mhhs_dashboard import settings
from mhhs_dashboard.store import data_version


class Source(NamedTuple):
    """Which data a page reads: the directory, its version and the as-at date it is frozen to (if any).

    The version (a hash of the snapshot files in use) is part of every cache key, so a new snapshot on disk is
    a new key: no restart, no stale figures."""

    data_dir: str
    version: str
    as_at: dt.date | None = None


def source(as_at: dt.date | None = None, data_dir: str | None = None) -> Source:
    """The data source frozen at `as_at` (None: the newest snapshots) at its present version: `data_dir`, else
    $MHHS_DATA_DIR (or data/)."""
    where = settings.data_dir(data_dir)
    return Source(str(where), data_version(where, as_at), as_at)

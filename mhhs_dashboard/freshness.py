"""New data reaching open pages: each new data version prepared once, in the background, and the poll for it.

The first render or poll that meets a new version starts its preparation on a thread of its own: the store opens,
then the queries viewers of that data directory asked for most recently run once for the new version, so the
viewers who come after find their figures cached. An open page moves to the new data at the first poll that finds
it prepared, in one quick rerun; then the older versions' stores are let go.
"""

from __future__ import annotations

import logging
import threading

import streamlit as st

from mhhs_dashboard import data, schema, settings
from mhhs_dashboard.files import DataDirError, shown
from mhhs_dashboard.source import Source, source
from mhhs_dashboard.store import data_version, recent_snapshots

log = logging.getLogger(__name__)


class _Versions:
    """Each live data version's preparation: first seen, finished, and which older versions it leaves behind."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._warmed: set[tuple[str, str]] = set()  # (data_dir, version) warmed or being warmed
        self._ready: set[tuple[str, str]] = set()  # (data_dir, version) open and warmed
        self._order: dict[str, list[str]] = {}  # data_dir -> live versions first seen, oldest first, still open

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


_versions = _Versions()


def warm(src: Source) -> int:
    """Run, for `src`, the queries viewers of its data directory asked for most recently (newest first); how many.

    Each lands in the data cache, so a viewer who asks for one after finds it there. A query already running
    for a viewer is not run twice: the cache lets one caller compute a key while the others wait for it.
    """
    asked = data.recent_queries(src.data_dir)
    for name, params in asked:
        try:
            data.query(src, name, **params)
        except Exception as e:  # a viewer who asks for it gets the page's own message; the warm-up goes on
            log.warning("warm-up of %s for %s: %s: %s", name, shown(src.data_dir), type(e).__name__, e)
    return len(asked)


def prepare(src: Source) -> None:
    """Open `src`'s store and warm it (about 2 s for a new weekly snapshot at 100x the pack), then let go
    of the older versions of the same directory: a store holds its data in memory (about 170 MB at 100x)."""
    try:
        data.store(src)
        warm(src)
    except Exception as e:  # the page that asks next shows its own message; the poll must not wait for ever
        log.warning("opening %s at version %s: %s: %s", shown(src.data_dir), src.version, type(e).__name__, e)
    finally:
        for version in _versions.finished(src):
            data.let_go(src.data_dir, version)
        settings.settle_heap()


def warm_in_background(src: Source) -> threading.Thread | None:
    """The first time a new version of the live data is seen, prepare it on a thread of its own (None otherwise).

    Called by every page render (mhhs_dashboard/frame.py) and by every session's poll for new data (`ready`):
    the first to meet new data starts it, and the viewers who come after find the store open and the figures
    they asked for last time already worked out.
    """
    if src.as_at is not None or not _versions.first_sight(src):
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
    return _versions.is_ready(src)


# A new snapshot reaches every open session within a minute: the first poll to meet it starts its preparation
# (`ready`), and each session moves to it at its first poll after that (at 100x: 15 s + 2 s + 15 s at worst).
# MHHS_POLL_SECONDS changes the 15 s (the browser test of new data polls every 3 s).
POLL_SECONDS = settings.poll_seconds()
_NEW_DATA = "_new_data_notice"


def new_data_notice(data_dir: str, seen: str) -> str | None:
    """'New data as at ...' naming the snapshot that arrived last, when the data version is no longer `seen`."""
    if data_version(data_dir) == seen:
        return None
    snaps = [s for table in recent_snapshots(data_dir).values() for s in table]  # the listing the version came from
    if not snaps:
        return "The data has changed"
    newest = max(snaps, key=lambda s: s.mtime_ns)
    return f"New data as at {newest.as_at:%d %b %Y}: {schema.TABLES[newest.table].title}"


def new_data_ready(data_dir: str, seen: str) -> str | None:
    """The new-data notice once the server has the new data open and warmed (`ready`, which starts that);
    None before then, and when nothing is new. Until then a page stays as it is, on the data it shows, rather
    than hang while the new store opens (about 1 s for a new weekly snapshot at 100x the pack)."""
    notice = new_data_notice(data_dir, seen)
    return notice if notice and ready(source(data_dir=data_dir)) else None


@st.fragment(run_every=POLL_SECONDS)
def _watch(data_dir: str, seen: str) -> None:
    """Poll for new data; once it is ready, rerun the whole app so every figure reads it."""
    try:
        notice = new_data_ready(data_dir, seen)
    except DataDirError as e:  # the object store is out of reach for now: the page stays as it is; poll again
        log.warning("polling %s for new data: %s", shown(data_dir), e)
        return
    if notice:
        st.session_state[_NEW_DATA] = notice
        st.rerun(scope="app")


def follow(src: Source) -> None:
    """Keep a live page on the newest data: say so when the last poll moved it, and poll again (a frozen view,
    `as_at` in the URL or chair mode, never moves under its viewer and is not polled)."""
    if notice := st.session_state.pop(_NEW_DATA, None):
        st.toast(notice, icon=":material/sync:")
    if src.as_at is None:
        _watch(src.data_dir, src.version)

"""Where things live and how the server runs: the data directory (MHHS_DATA_DIR), the repository's folders, the
poll for new data, the interpreter's thread switching and garbage collector. No Streamlit here."""

from __future__ import annotations

import gc
import logging
import os
import sys
from pathlib import Path

from mhhs_dashboard import files

ROOT = Path(__file__).resolve().parent.parent
QUERIES_DIR = ROOT / "queries"
DEFAULT_DATA_DIR = ROOT / "data"
DEFAULT_POLL_SECONDS = 15.0
# A page's script thread hands every element to the server's event-loop thread, which sends it; each hand-over of
# the interpreter lock can wait out Python's switch interval (5 ms by default), for one viewer as for fifty. At
# 1 ms a warm overview at 100x took 0.06-0.07 s instead of 0.11 s, and 50 sessions' p95 fell by a third
# (bench/RESULTS.md).
SWITCH_INTERVAL_SECONDS = 0.001


def data_dir(override: str | os.PathLike[str] | None = None) -> Path | str:
    """The data directory: `override`, else $MHHS_DATA_DIR, else data/ in the repository.

    A local folder comes back as an absolute Path; an object store's URL (`s3://bucket/mhhs`) as it was given.
    """
    chosen = override or os.environ.get("MHHS_DATA_DIR") or DEFAULT_DATA_DIR
    return str(chosen) if files.is_url(chosen) else Path(chosen).expanduser().resolve()


def poll_seconds() -> float:
    """How often an open page looks for new data: $MHHS_POLL_SECONDS (1 to 3600), else 15; a value that is not
    such a number is named in the server log and the default used."""
    text = os.environ.get("MHHS_POLL_SECONDS", "")
    try:
        seconds = float(text) if text else DEFAULT_POLL_SECONDS
    except ValueError:
        seconds = -1.0
    if not 1 <= seconds <= 3600:
        logging.getLogger(__name__).warning(
            "MHHS_POLL_SECONDS=%r is not a number of seconds from 1 to 3600; polling every %g s",
            text,
            DEFAULT_POLL_SECONDS,
        )
        return DEFAULT_POLL_SECONDS
    return seconds


def tune_server() -> None:
    """Set the server process's switch interval (SWITCH_INTERVAL_SECONDS). Every page's frame calls it first:
    `streamlit run app.py` runs no code of ours at start-up, and a page opened by its own address (pages/dins.py)
    never runs app.py, so the first page drawn is the first moment the server runs our code."""
    if sys.getswitchinterval() != SWITCH_INTERVAL_SECONDS:
        sys.setswitchinterval(SWITCH_INTERVAL_SECONDS)


def settle_heap() -> None:
    """Collect once, then freeze what is left alive (gc.freeze), so that the collector's full passes skip the
    long-lived heap: the open stores and their frames, the libraries' modules. Without it a full pass walked all
    of it, 80 ms at 100x the pack every few dozen page views, on whichever viewer's thread was running then.

    Called once each data version is open and warmed (freshness.prepare), after the older versions are let go:
    what was frozen before is thawed first, so what those versions leave in reference cycles is freed."""
    gc.unfreeze()
    gc.collect()
    gc.freeze()

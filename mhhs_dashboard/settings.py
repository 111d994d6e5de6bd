"""Where things live: the data directory (MHHS_DATA_DIR) and the repository's folders. No Streamlit here."""

from __future__ import annotations

import logging
import os
from pathlib import Path

from mhhs_dashboard import files

ROOT = Path(__file__).resolve().parent.parent
QUERIES_DIR = ROOT / "queries"
DEFAULT_DATA_DIR = ROOT / "data"
DEFAULT_POLL_SECONDS = 15.0


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

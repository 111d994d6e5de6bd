"""Where things live: the data directory (MHHS_DATA_DIR) and the repository's folders. No Streamlit here."""

from __future__ import annotations

import os
from pathlib import Path

from mhhs_dashboard import files

ROOT = Path(__file__).resolve().parent.parent
QUERIES_DIR = ROOT / "queries"
DEFAULT_DATA_DIR = ROOT / "data"


def data_dir(override: str | os.PathLike[str] | None = None) -> Path | str:
    """The data directory: `override`, else $MHHS_DATA_DIR, else data/ in the repository.

    A local folder comes back as an absolute Path; an object store's URL (`s3://bucket/mhhs`) as it was given.
    """
    chosen = override or os.environ.get("MHHS_DATA_DIR") or DEFAULT_DATA_DIR
    return str(chosen) if files.is_url(chosen) else Path(chosen).expanduser().resolve()

"""Benchmark (not a test): opening the store over a data directory, in a fresh process.

Run from the repository root:  python bench/store_bench.py DATA_DIR
Prints one JSON object: seconds to open (read every snapshot, build the history, run the setup scripts), the
process's resident memory after opening (VmRSS) and at most (VmHWM, the peak while opening), per table the
rows over all its snapshots against the rows the store keeps (each distinct row once: see store._History), and
the seconds to open the next data version once one more DIN-log snapshot has landed (the process carries on
from what the first opening built: store._Built). It works on a copy of DATA_DIR, which it leaves as it is.
"""

from __future__ import annotations

import json
import os
import shutil
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))  # the repository's package, run from anywhere
from bench import scaled
from bench.browser import rss_bytes
from mhhs_dashboard import schema
from mhhs_dashboard.store import open_store


def measure(data_dir: Path) -> dict[str, object]:
    with tempfile.TemporaryDirectory(prefix="mhhs-store-bench-") as tmp:
        copy = Path(tmp) / "data"
        shutil.copytree(data_dir, copy)
        return _measure(copy)


def _measure(data_dir: Path) -> dict[str, object]:
    t = time.perf_counter()
    store = open_store(data_dir)
    opened = time.perf_counter() - t
    rows = {
        name: {
            "snapshots": len(store.history[name]),
            "rows_in_all_snapshots": store.con.table(f"{name}_history").count("*").fetchall()[0][0],
            "rows_kept": store.con.table(f"{name}_rows").count("*").fetchall()[0][0],
        }
        for name in schema.TABLES
    }
    after_open, peak = rss_bytes(os.getpid()), rss_bytes(os.getpid(), "VmHWM")
    scaled.add_week(data_dir)
    t = time.perf_counter()
    open_store(data_dir)
    next_version = time.perf_counter() - t
    return {
        "open_seconds": round(opened, 2),
        "rss_after_open_mib": round(after_open / 2**20),
        "peak_rss_mib": round(peak / 2**20),
        "tables": rows,
        "next_version_seconds": round(next_version, 2),
    }


if __name__ == "__main__":
    print(json.dumps(measure(Path(sys.argv[1]))))

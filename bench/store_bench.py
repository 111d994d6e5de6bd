"""Benchmark (not a test): opening the store over a data directory, in a fresh process.

Run from the repository root:  python bench/store_bench.py DATA_DIR
Prints one JSON object: seconds to open (read every snapshot, build the history, run the setup scripts), the
process's resident memory after opening (VmRSS) and at most (VmHWM, the peak while opening), and per table the
rows over all its snapshots against the rows the store keeps (each distinct row once: see store._History).
"""

from __future__ import annotations

import json
import os
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))  # the repository's package, run from anywhere
from bench.browser import rss_bytes
from mhhs_dashboard import schema
from mhhs_dashboard.store import open_store


def measure(data_dir: Path) -> dict[str, object]:
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
    return {
        "open_seconds": round(opened, 2),
        "rss_after_open_mib": round(rss_bytes(os.getpid()) / 2**20),
        "peak_rss_mib": round(rss_bytes(os.getpid(), "VmHWM") / 2**20),
        "tables": rows,
    }


if __name__ == "__main__":
    print(json.dumps(measure(Path(sys.argv[1]))))

"""Benchmark (not a test): opening the store over a data directory, in a fresh process.

Run from the repository root:  python bench/store_bench.py DATA_DIR
Prints one JSON object: seconds to open (read every snapshot, build the history, run the setup scripts), the
process's resident memory after opening (VmRSS) and at most (VmHWM, the peak while opening), per table the
rows over all its snapshots against the rows the store keeps (each distinct row once: see store._History), and
the seconds to open the next data version once one more DIN-log snapshot has landed (the process carries on
from what the first opening built: store._Built). It works on a copy of DATA_DIR, which it leaves as it is.

Then the same data from an object store: the copy uploaded to a local S3 server (moto, a process of its own, on
loopback), the seconds to open it by its s3:// URL, and the milliseconds to work out the data version (one
listing) from there and from the folder.
"""

from __future__ import annotations

import contextlib
import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.request
from collections.abc import Callable, Iterator
from pathlib import Path

import pyarrow.fs as pafs

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))  # the repository's package, run from anywhere
from bench import scaled
from bench.browser import free_port, rss_bytes
from mhhs_dashboard import files, schema, store
from mhhs_dashboard.store import data_version, open_store


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
    with s3_copy(data_dir) as url:
        t = time.perf_counter()
        open_store(url)
        s3_opened = time.perf_counter() - t
        version_s3, version_folder = _version_ms(url), _version_ms(data_dir)
    return {
        "open_seconds": round(opened, 2),
        "rss_after_open_mib": round(after_open / 2**20),
        "peak_rss_mib": round(peak / 2**20),
        "tables": rows,
        "next_version_seconds": round(next_version, 2),
        "s3_open_seconds": round(s3_opened, 2),
        "s3_version_ms": version_s3,
        "folder_version_ms": version_folder,
    }


def _version_ms(data_dir: str | Path, runs: int = 7) -> float:
    """Median milliseconds to work out the data version afresh (not the once-a-second memo)."""
    return round(statistics.median(_timed(lambda: data_version(data_dir)) for _ in range(runs)) * 1000, 1)


def _timed(work: Callable[[], object]) -> float:
    store._listed.clear()
    t = time.perf_counter()
    work()
    return time.perf_counter() - t


@contextlib.contextmanager
def s3_copy(data_dir: Path) -> Iterator[str]:
    """`data_dir` uploaded to a local S3 server (moto, in a process of its own): the URL to open it by."""
    port = free_port()
    cmd = [sys.executable, "-m", "moto.server", "-H", "127.0.0.1", "-p", str(port)]
    server = subprocess.Popen(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)  # noqa: S603 - ours
    os.environ.update(AWS_ACCESS_KEY_ID="bench", AWS_SECRET_ACCESS_KEY="bench", AWS_EC2_METADATA_DISABLED="true")  # noqa: S106 - the local server takes any key
    try:
        deadline = time.monotonic() + 30
        while True:
            try:
                urllib.request.urlopen(f"http://127.0.0.1:{port}/", timeout=1).close()
                break
            except OSError:
                if time.monotonic() > deadline:
                    raise
                time.sleep(0.2)
        url = f"s3://mhhs-bench/data?endpoint_override=127.0.0.1:{port}&scheme=http&region=eu-west-2"
        where = files.folder(url + "&allow_bucket_creation=true")
        where.fs.create_dir("mhhs-bench")
        pafs.copy_files(str(data_dir), where.root, pafs.LocalFileSystem(), where.fs)
        yield url
    finally:
        server.terminate()
        server.wait(timeout=15)


if __name__ == "__main__":
    print(json.dumps(measure(Path(sys.argv[1]))))

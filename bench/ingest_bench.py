"""Benchmark (not a test): ingest of a 100k-row DIN log as .xlsx and as .csv.

Run from the repository root:  python bench/ingest_bench.py [--rows 100000] [--repeat 3]
Prints, per format: file size, time to read the file alone, and the whole ingest (read, match headers, parse
dates, normalise, validate, write the Parquet snapshot and its report), best of --repeat runs; then the time to
the verdict for each hostile input of issue 23 at the same size (refused or warned of).
"""

from __future__ import annotations

import argparse
import datetime as dt
import itertools
import random
import sys
import tempfile
import time
from pathlib import Path

from openpyxl import Workbook

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))  # the repository's package, run from anywhere
from mhhs_dashboard import ingest, schema

HEADERS = ["DIN ID", "Title", "Current Status", "Target Release", "Date Raised", "Raised By", "Date Closed", "Artefact"]
RELEASES = ["Interim Release 5.2", "Interim Release 5.2 ", "Interim Release 7.3", "Post Go-live Release TBC", ""]


def rows(n: int, seed: int = 7) -> list[list[object]]:
    """n DIN rows with the pack's vocabularies, a few spelling variants and UK day-first date text."""
    rng = random.Random(seed)  # noqa: S311 - test data, not secrets
    statuses = list(schema.DIN_STATUSES)
    start = dt.date(2022, 6, 1)
    out = []
    for i in range(n):
        raised = start + dt.timedelta(days=rng.randrange(700))
        status = rng.choice(statuses)
        closed = raised + dt.timedelta(days=rng.randrange(1, 60)) if status in ("Closed", "Implemented") else None
        out.append(
            [
                f"DIN-{i + 1:06d}",
                f"Design issue {i + 1}: validation rule unclear for IF-{rng.randrange(1, 60):03d}",
                status if rng.random() > 0.01 else f" {status.lower()}",
                rng.choice(RELEASES),
                raised.strftime("%d/%m/%Y"),
                rng.choice(["Elexon", "RECCo", "DCC", "Large Supplier", "iDNO"]),
                closed.strftime("%d/%m/%Y") if closed else "",
                f"ART{rng.randrange(1, 40):03d}",
            ]
        )
    return out


def write_csv(path: Path, data: list[list[object]]) -> Path:
    import csv

    with path.open("w", newline="", encoding="utf-8-sig") as fh:
        w = csv.writer(fh)
        w.writerow(HEADERS)
        w.writerows(data)
    return path


def write_xlsx(path: Path, data: list[list[object]]) -> Path:
    wb = Workbook(write_only=True)
    ws = wb.create_sheet("DIN log")
    ws.append(HEADERS)
    for r in data:  # real Excel dates in the xlsx, as the PMO's workbook holds them
        raised = dt.datetime.strptime(str(r[4]), "%d/%m/%Y")
        closed = dt.datetime.strptime(str(r[6]), "%d/%m/%Y") if r[6] else None
        ws.append([r[0], r[1], r[2], r[3] or None, raised, r[5], closed, r[7]])
    wb.save(path)
    return path


def hostile(folder: Path, data: list[list[object]]) -> dict[str, Path]:
    """The misreads of issue 23 at full size, each refused (or warned of) by its own rule: what the rule costs."""
    body = [HEADERS, *data]
    out: dict[str, Path] = {}
    ragged = [list(r) for r in body]
    ragged[-1] = [*ragged[-1], "extra", "cells"]
    out["ragged row (last)"] = _csv(folder / "ragged.csv", ragged)
    us = [list(r) for r in body]
    us[-1][4] = "05/13/2024"
    out["month-first date (last)"] = _csv(folder / "us.csv", us)
    month = [[*r[:6], "Sep-25" if r[6] else "", r[7]] for r in data]
    out["month-year dates (warned)"] = _csv(folder / "month_year.csv", [HEADERS, *month])
    out["UTF-16 tab-separated"] = _csv(folder / "unicode.txt", body, delimiter="\t", encoding="utf-16")
    wb = Workbook(write_only=True)
    old = wb.create_sheet("Old copy")
    old.sheet_state = "hidden"
    old.append(HEADERS)
    ws = wb.create_sheet("DIN log")
    ws.append(HEADERS)
    for r in data[:-1]:
        ws.append(r)
    ws.append([*data[-1][:1], '=A2&"x"', *data[-1][2:]])  # a formula with no saved value, on the last row
    wb.save(folder / "formula.xlsx")
    out["formula without a value (last), hidden sheet"] = folder / "formula.xlsx"
    return out


def _csv(path: Path, rows: list[list[object]], delimiter: str = ",", encoding: str = "utf-8-sig") -> Path:
    import csv

    with path.open("w", newline="", encoding=encoding) as fh:
        csv.writer(fh, delimiter=delimiter).writerows(rows)
    return path


def best(fn, repeat: int) -> float:  # type: ignore[no-untyped-def]
    times = []
    for _ in range(repeat):
        t0 = time.perf_counter()
        fn()
        times.append(time.perf_counter() - t0)
    return min(times)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--rows", type=int, default=100_000)
    ap.add_argument("--repeat", type=int, default=3)
    args = ap.parse_args()
    data = rows(args.rows)
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        files = {}
        for kind, writer in (("csv", write_csv), ("xlsx", write_xlsx)):
            t0 = time.perf_counter()
            files[kind] = writer(folder / f"din_log.{kind}", data)
            print(f"wrote {kind:4}: {files[kind].stat().st_size / 1e6:6.1f} MB in {time.perf_counter() - t0:5.1f} s")
        print(f"\ningest of a {args.rows:,}-row DIN log, best of {args.repeat}:")
        fresh = itertools.count()
        for kind, path in files.items():
            read = best(lambda p=path: ingest.read_sheets(p), args.repeat)

            def run(p: Path = path) -> None:
                report = ingest.ingest("din-log", p, folder / f"data{next(fresh)}", as_at=dt.date(2024, 5, 1))
                assert report.rows_stored == args.rows  # noqa: S101 - a benchmark that stored nothing is no benchmark

            whole = best(run, args.repeat)
            print(f"  {kind:4}: read {read:5.2f} s, whole ingest {whole:5.2f} s ({args.rows / whole:,.0f} rows/s)")
        print(f"\nhostile inputs of {args.rows:,} rows (issue 23), best of {args.repeat}: seconds to the verdict")
        for name, path in hostile(folder, data).items():
            verdict: list[str] = []

            def judge(p: Path = path, said: list[str] = verdict) -> None:
                said.clear()
                try:
                    report = ingest.ingest("din-log", p, folder / f"data{next(fresh)}", as_at=dt.date(2024, 5, 1))
                    said.append(f"stored, {len(report.warnings)} warning(s)")
                except ingest.IngestError as e:
                    said.append("refused: " + str(e)[:70])

            took = best(judge, args.repeat)
            print(f"  {name:44} {took:5.2f} s  {verdict[0]}")


if __name__ == "__main__":
    main()

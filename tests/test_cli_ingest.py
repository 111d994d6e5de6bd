"""`ingest` and `template` on the command line: every class of bad input exits 2 with one line naming the file,
row and column, and leaves the data directory byte for byte as it was; good input prints its summary."""

from __future__ import annotations

import datetime as dt
import hashlib
import os
import shutil
import subprocess
import sys
from collections.abc import Callable, Iterable
from pathlib import Path

import pandas as pd
import pytest
from openpyxl import Workbook, load_workbook

from mhhs_dashboard import cli
from mhhs_dashboard.ingest import headers
from mhhs_dashboard.store import open_store

ROOT = Path(__file__).resolve().parent.parent
DIN_HEADERS = ["DIN ID", "Title", "Current Status", "Target Release", "Date Raised"]


def tree_digest(folder: Path) -> dict[str, str]:
    """Every directory and file under `folder` -> a hash of its content ('dir' for directories); the audit log
    (`_audit/`, which records each refusal) apart."""
    out: dict[str, str] = {}
    for here, dirs, files in os.walk(folder):
        if here == str(folder):
            dirs[:] = [d for d in dirs if d != "_audit"]
        for d in dirs:
            out[os.path.relpath(os.path.join(here, d), folder)] = "dir"
        for f in files:
            p = Path(here) / f
            out[str(p.relative_to(folder))] = hashlib.sha256(p.read_bytes()).hexdigest()
    return out


def assert_refused(status: int, err: str, expected: Iterable[str], folder: Path, before: dict[str, str]) -> None:
    """A refusal as the CLI must give it: exit 2, one line naming each of `expected`, no traceback, `folder` as
    `before`."""
    assert status == 2
    assert err.count("\n") == 1, err  # one line
    for part in expected:
        assert part in err, f"{part!r} not in {err!r}"
    assert "Traceback" not in err
    assert tree_digest(folder) == before


def book(path: Path, sheets: dict[str, list[list[object]]], hidden: tuple[str, ...] = (), merge: str = "") -> Path:
    """A workbook at `path` with a sheet of rows for each name in `sheets`: those in `hidden` hidden, each with the
    cells of `merge` (e.g. "B1:C1") merged."""
    wb = Workbook()
    wb.remove(wb.active)
    for name, rows in sheets.items():
        ws = wb.create_sheet(name)
        for r in rows:
            ws.append(r)
        if name in hidden:
            ws.sheet_state = "hidden"
        if merge:
            ws.merge_cells(merge)
    wb.save(path)
    return path


def xlsx(path: Path, rows: list[list[object]], title: str = "DIN log") -> Path:
    return book(path, {title: rows})


def csv_file(path: Path, text: str, encoding: str = "utf-8") -> Path:
    path.write_bytes(text.encode(encoding))
    return path


@pytest.fixture
def data_dir(sample_dir: Path, tmp_path: Path) -> Path:
    """A private copy of the embedded data to ingest into."""
    dest = tmp_path / "data"
    shutil.copytree(sample_dir, dest)
    return dest


def run(*args: str) -> int:
    return cli.main(list(args))


def good_rows() -> list[list[object]]:
    return [
        DIN_HEADERS,
        ["DIN-2001", "Title one", "Closed", "Interim Release 7.3", dt.datetime(2024, 5, 8)],
        ["DIN-2002", "Title two", "Open - awaiting assessment", None, "08/05/2024"],
    ]


def truncated(tmp: Path) -> Path:
    whole = xlsx(tmp / "whole.xlsx", good_rows()).read_bytes()
    p = tmp / "truncated.xlsx"
    p.write_bytes(whole[: len(whole) // 2])
    return p


BAD: dict[str, tuple[Callable[[Path], Path], tuple[str, ...]]] = {
    "missing required column": (
        lambda t: csv_file(t / "dins.csv", "DIN ID,Title\nDIN-2001,x\n"),
        ("dins.csv", "row 1", "column 'Current Status'", "required column missing"),
    ),
    "empty file": (lambda t: csv_file(t / "empty.csv", ""), ("empty.csv", "empty")),
    "blank csv": (lambda t: csv_file(t / "blank.csv", "\n\n  \n"), ("blank.csv", "no rows")),
    "not a spreadsheet": (
        lambda t: csv_file(t / "minutes.pdf", "%PDF-1.7 not a table"),
        ("minutes.pdf", "not a spreadsheet", ".xlsx or .csv"),
    ),
    "text named .xlsx": (
        lambda t: csv_file(t / "fake.xlsx", "DIN ID,Current Status\nDIN-1,Closed\n"),
        ("fake.xlsx", "not a spreadsheet"),
    ),
    "unreadable date": (
        lambda t: csv_file(
            t / "dates.csv",
            "DIN ID;Current Status;Date Raised\nDIN-2001;Closed;08/05/2024\nDIN-2002;Closed;31/02/2024\n",
        ),
        ("dates.csv", "row 3", "column 'Date Raised'", "expected a date", "'31/02/2024'"),
    ),
    "duplicate id": (
        lambda t: xlsx(t / "dupes.xlsx", [*good_rows(), ["DIN-2001", "again", "Closed", None, None]]),
        ("dupes.xlsx", "row 4", "column 'DIN ID'", "duplicate id 'DIN-2001'", "first on row 2"),
    ),
    "unknown status": (
        lambda t: csv_file(t / "status.csv", "DIN ID,Current Status\nDIN-2001,Closed\nDIN-2002,Parked\n"),
        ("status.csv", "row 3", "column 'Current Status'", "unknown status 'Parked'", "Implemented"),
    ),
    "empty id": (
        lambda t: csv_file(t / "noid.csv", "DIN ID,Current Status\nDIN-2001,Closed\n ,Closed\n"),
        ("noid.csv", "row 3", "column 'DIN ID'", "expected a value"),
    ),
    "sheet with no data rows": (
        lambda t: xlsx(t / "headers_only.xlsx", [DIN_HEADERS]),
        ("headers_only.xlsx", "sheet 'DIN log', row 1", "no data rows"),
    ),
    "locked workbook": (
        lambda t: csv_file(t / "locked.xlsx", "\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + "x" * 600, "latin-1"),
        ("locked.xlsx", "locked"),
    ),
    "truncated workbook": (truncated, ("truncated.xlsx", "truncated")),
    "not utf-8": (
        lambda t: csv_file(t / "latin.csv", "DIN ID,Current Status,Title\nDIN-2001,Closed,café\n", "latin-1"),
        ("latin.csv", "row 2", "not UTF-8"),
    ),
}


@pytest.mark.parametrize("case", list(BAD))
def test_bad_input_exits_2_names_file_row_column_and_writes_nothing(
    case: str, data_dir: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    make, expected = BAD[case]
    src = tmp_path / "in"
    src.mkdir()
    bad = make(src)
    before = tree_digest(data_dir)
    status = run("ingest", "din-log", str(bad), "--as-at", "2024-05-08", "--data-dir", str(data_dir))
    assert_refused(status, capsys.readouterr().err, expected, data_dir, before)


def test_an_existing_snapshot_is_only_replaced_with_replace(
    data_dir: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    good = xlsx(tmp_path / "dins.xlsx", good_rows())
    before = tree_digest(data_dir)
    assert run("ingest", "din-log", str(good), "--as-at", "2024-04-30", "--data-dir", str(data_dir)) == 2
    err = capsys.readouterr().err
    assert "already exists" in err
    assert "--replace" in err
    assert "dins.xlsx" in err
    assert tree_digest(data_dir) == before
    again = ("ingest", "din_log", str(good), "--as-at", "2024-04-30", "--replace", "--allow-shrink")
    assert run(*again, "--data-dir", str(data_dir)) == 0
    store = open_store(data_dir, strict=True)
    assert store.con.execute("select count(*) from din_log").fetchone() == (2,)


def test_good_input_prints_the_summary_and_stores_a_snapshot(
    data_dir: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    rows = [*good_rows(), ["DIN-2003", "Three", " closed\u00a0", "Interim Release 7.3", 45420], ["", "", "", "", ""]]
    rows[0] = [*DIN_HEADERS, "Colour"]
    rows[1] = [*rows[1], "red"]
    good = xlsx(tmp_path / "dins.xlsx", rows)
    args = ("ingest", "din-log", str(good), "--as-at", "2024-05-08", "--allow-shrink")  # 3 DINs for 1,029
    assert run(*args, "--data-dir", str(data_dir)) == 0
    out = capsys.readouterr().out
    assert "rows read:      3" in out
    assert "rows stored:    3" in out
    assert "normalisations: 1" in out
    assert "' closed\\xa0' -> 'Closed'" in out
    assert "warnings:       1" in out
    assert "Colour" in out
    snap = data_dir / "din_log" / "as_at=2024-05-08" / "din_log.parquet"
    assert f"snapshot:       {snap}" in out
    stored = pd.read_parquet(snap).sort_values("din_id")
    assert list(stored["status"]) == ["Closed", "Open - awaiting assessment", "Closed"]
    assert [d.isoformat() for d in stored["raised_date"]] == ["2024-05-08"] * 3  # Excel date, UK text, serial


def test_as_at_comes_from_the_files_title_row(data_dir: Path, tmp_path: Path, capsys) -> None:
    lines = ["Change Control", "Updated to 01/05/2024", ""]
    text = "\n".join(lines) + "\nRef.,Approval Status,Current Stage in Change Control\nCR099,Open,Development\n"
    f = csv_file(tmp_path / "crs.csv", text)
    assert run("ingest", "change-requests", str(f), "--replace", "--allow-shrink", "--data-dir", str(data_dir)) == 0
    out = capsys.readouterr().out
    assert "as at 2024-05-01" in out
    assert "Updated to 01/05/2024" in out


def test_as_at_defaults_to_today_when_the_file_gives_none(data_dir: Path, tmp_path: Path, capsys) -> None:
    f = csv_file(tmp_path / "crs.csv", "Ref.,Approval Status,Current Stage in Change Control\nCR099,Open,Development\n")
    assert run("ingest", "change-requests", str(f), "--allow-shrink", "--data-dir", str(data_dir)) == 0
    out = capsys.readouterr().out
    assert f"as at {dt.date.today().isoformat()}" in out
    assert "today" in out


def test_ingest_help_says_what_as_at_defaults_to() -> None:
    text = cli.build_parser()._subparsers._group_actions[0].choices["ingest"].format_help()
    assert "TODAY" in " ".join(text.split())


@pytest.mark.slow  # a CLI process
def test_a_real_process_exits_2_with_one_line(data_dir: Path, tmp_path: Path) -> None:
    bad = csv_file(tmp_path / "status.csv", "DIN ID,Current Status\nDIN-2001,Parked\n")
    before = tree_digest(data_dir)
    out = subprocess.run(
        [sys.executable, "-m", "mhhs_dashboard", "ingest", "din-log", str(bad), "--data-dir", str(data_dir)],
        capture_output=True,
        text=True,
        cwd=ROOT,
        timeout=120,
        check=False,
    )
    assert out.returncode == 2
    assert out.stderr.strip().count("\n") == 0
    assert "status.csv: row 2, column 'Current Status': unknown status 'Parked'" in out.stderr
    assert tree_digest(data_dir) == before


@pytest.mark.parametrize("table", ["din-log", "change_requests", "actions", "seats", "milestones"])
def test_template_writes_the_expected_headers_and_reads_back_as_missing_rows(
    table: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    dest = tmp_path / "out" / f"{table}.xlsx"
    assert run("template", table, str(dest)) == 0
    ws = load_workbook(dest).active
    got = [c.value for c in next(ws.iter_rows(min_row=1, max_row=1))]
    assert got == headers.template_headers(table.replace("-", "_"))
    # the template's own headers are accepted: an empty template fails only for want of data rows
    assert run("ingest", table, str(dest), "--as-at", "2024-05-08", "--data-dir", str(tmp_path / "d")) == 2
    assert "no data rows" in capsys.readouterr().err

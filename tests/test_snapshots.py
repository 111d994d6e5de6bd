"""Loss that must not happen (issue 23, items 10-15): shrinking logs, replaced snapshots, far-future dates, two
writers at once, a snapshot without its report, operating-system faults and a closed pipe. Each refusal exits 2
with one line and leaves the data directory byte for byte as it was, the audit log apart (it records the
refusal); inputs are built by code."""

from __future__ import annotations

import csv
import datetime as dt
import errno
import getpass
import json
import os
import shutil
import subprocess
import sys
import threading
from pathlib import Path

import pandas as pd
import pytest

from mhhs_dashboard import audit, cli, files, ingest, schema, store
from mhhs_dashboard.store import open_store, write_snapshot
from tests.test_cli_ingest import ROOT, tree_digest

D = dt.date
NEWEST = D(2024, 4, 30)  # the embedded DIN log's newest snapshot: 1,029 DINs


@pytest.fixture
def data_dir(sample_dir: Path, tmp_path: Path) -> Path:
    dest = tmp_path / "data"
    shutil.copytree(sample_dir, dest)
    return dest


def dins_csv(data_dir: Path, path: Path, keep: int | None = None, drop: int = 0) -> Path:
    """The embedded DIN log's newest snapshot as the CSV an export gives: its first `keep` DINs, less `drop`."""
    rows = pd.read_parquet(data_dir / "din_log" / f"as_at={NEWEST}" / "din_log.parquet").sort_values("din_id")
    rows = rows.iloc[: keep if keep is not None else len(rows) - drop]
    with path.open("w", newline="", encoding="utf-8") as fh:
        out = csv.writer(fh)
        out.writerow(["DIN ID", "Title", "Current Status"])
        out.writerows(rows[["din_id", "title", "status"]].itertuples(index=False))
    return path


def run(*args: str) -> int:
    return cli.main(list(args))


def one_line(capsys: pytest.CaptureFixture[str]) -> str:
    err = capsys.readouterr().err
    assert err.count("\n") == 1, err
    assert "Traceback" not in err
    return err


def dins(data_dir: Path, as_at: D | None = None) -> int:
    store.forget_listings()
    total = open_store(data_dir, as_at, strict=True).con.execute("select count(*) from din_log").fetchone()
    return int(total[0]) if total else 0


def last_entry(data_dir: Path | str) -> audit.Entry:
    return audit.entries(data_dir)[-1]


# ---------------------------------------------------------------- 10: a shrinking log


def test_a_filtered_export_is_refused_with_the_counts_unless_allowed(
    data_dir: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    fifty = dins_csv(data_dir, tmp_path / "open_dins.csv", keep=50)
    before = tree_digest(data_dir)
    assert run("ingest", "din-log", str(fifty), "--as-at", "2024-05-08", "--data-dir", str(data_dir)) == 2
    err = one_line(capsys)
    assert "open_dins.csv: 979 of 1,029 DINs would vanish" in err
    assert "as at 2024-04-30" in err
    assert "--allow-shrink" in err
    assert tree_digest(data_dir) == before
    refused = last_entry(data_dir)
    assert (refused.action, refused.outcome, refused.table, refused.as_at) == (
        "ingest",
        "refused",
        "din_log",
        "2024-05-08",
    )
    assert refused.file == "open_dins.csv"
    assert refused.size == fifty.stat().st_size
    assert len(refused.sha256) == 64
    assert "979 of 1,029" in refused.detail

    again = ("ingest", "din-log", str(fifty), "--as-at", "2024-05-08", "--allow-shrink", "--data-dir", str(data_dir))
    assert run(*again) == 0
    assert dins(data_dir) == 50


def test_a_log_that_loses_a_few_ids_is_stored(data_dir: Path, tmp_path: Path) -> None:
    nearly = dins_csv(data_dir, tmp_path / "dins.csv", drop=2)  # within the floor: a DIN or two withdrawn
    assert run("ingest", "din-log", str(nearly), "--as-at", "2024-05-08", "--data-dir", str(data_dir)) == 0
    assert dins(data_dir) == 1027


def test_replace_sets_the_old_snapshot_aside_and_restore_puts_it_back(
    data_dir: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    fifty = dins_csv(data_dir, tmp_path / "fifty.csv", keep=50)
    day = NEWEST.isoformat()
    assert run("ingest", "din-log", str(fifty), "--as-at", day, "--replace", "--data-dir", str(data_dir)) == 2
    assert "979 of 1,029 DINs would vanish" in one_line(capsys)  # the replaced snapshot is the one compared
    args = ("ingest", "din-log", str(fifty), "--as-at", day, "--replace", "--allow-shrink", "--data-dir", str(data_dir))
    assert run(*args) == 0
    out = capsys.readouterr().out
    assert f"undo: mhhs-dashboard snapshots restore din-log {day}" in out
    assert dins(data_dir) == 50
    assert ingest.load_report(data_dir, "din_log", NEWEST)["file"] == str(fifty)  # type: ignore[index]
    assert last_entry(data_dir).outcome == "replaced"

    assert run("snapshots", "list", "din-log", "--data-dir", str(data_dir)) == 0
    listing = capsys.readouterr().out
    assert f"set aside: {day} (replaced" in listing
    assert "1,029 rows" in listing

    assert run("snapshots", "restore", "din-log", day, "--data-dir", str(data_dir)) == 0
    assert dins(data_dir) == 1029
    assert ingest.load_report(data_dir, "din_log", NEWEST) is None  # the embedded snapshot, whole, with no report
    assert last_entry(data_dir).outcome == "restored"
    # what the restore took out of use is set aside in its turn: a second restore undoes the first
    assert run("snapshots", "restore", "din-log", day, "--data-dir", str(data_dir)) == 0
    assert dins(data_dir) == 50
    assert ingest.load_report(data_dir, "din_log", NEWEST)["file"] == str(fifty)  # type: ignore[index]


def test_the_report_travels_inside_the_snapshot(data_dir: Path, tmp_path: Path) -> None:
    """Publish both or neither: one file holds the snapshot and its report, so no kill can part them."""
    first = dins_csv(data_dir, tmp_path / "first.csv", drop=1)
    second = dins_csv(data_dir, tmp_path / "second.csv", drop=2)
    assert run("ingest", "din-log", str(first), "--as-at", "2024-05-08", "--data-dir", str(data_dir)) == 0
    args = ("ingest", "din-log", str(second), "--as-at", "2024-05-08", "--replace", "--data-dir", str(data_dir))
    assert run(*args) == 0
    folder = data_dir / "din_log" / "as_at=2024-05-08"
    assert sorted(p.name for p in folder.iterdir()) == ["din_log.parquet"]  # no report file beside it to go stale
    report = ingest.load_report(data_dir, "din_log", D(2024, 5, 8))
    assert report is not None
    assert (report["file"], report["rows_stored"]) == (str(second), 1027)
    assert len(pd.read_parquet(folder / "din_log.parquet")) == 1027


# ---------------------------------------------------------------- 11: managed snapshots, far-future dates


def test_a_typo_in_the_future_is_refused_and_a_mistaken_load_is_undone(
    data_dir: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    whole = dins_csv(data_dir, tmp_path / "dins.csv")
    before = tree_digest(data_dir)
    assert run("ingest", "din-log", str(whole), "--as-at", "2099-05-31", "--data-dir", str(data_dir)) == 2
    err = one_line(capsys)
    assert f"dins.csv: as at 2099-05-31 is after today ({dt.date.today()})" in err
    assert "--allow-future" in err
    assert run("ingest", "din-log", str(whole), "--as-at", "2025-06-01", "--data-dir", str(data_dir)) == 2
    err = one_line(capsys)
    assert "as at 2025-06-01 is more than a year after the newest DIN log snapshot (2024-04-30)" in err
    assert tree_digest(data_dir) == before

    typo = ("ingest", "din-log", str(whole), "--as-at", "2099-05-31", "--allow-future", "--data-dir", str(data_dir))
    assert run(*typo) == 0
    store.forget_listings()
    assert open_store(data_dir).as_at["din_log"] == D(2099, 5, 31)  # the typo is "now"
    assert run("snapshots", "remove", "din-log", "2099-05-31", "--data-dir", str(data_dir)) == 0
    assert "undo: mhhs-dashboard snapshots restore din-log 2099-05-31" in capsys.readouterr().out
    store.forget_listings()
    assert open_store(data_dir).as_at["din_log"] == NEWEST
    assert not (data_dir / "din_log" / "as_at=2099-05-31").exists()  # no empty folder left
    after = {k: v for k, v in tree_digest(data_dir).items() if not k.startswith("_set_aside")}
    assert after == before
    assert [(e.action, e.outcome) for e in audit.entries(data_dir)] == [
        ("ingest", "refused"),
        ("ingest", "refused"),
        ("ingest", "loaded"),
        ("remove", "removed"),
    ]


def test_removing_or_restoring_what_is_not_there_is_refused(data_dir: Path, capsys: pytest.CaptureFixture[str]) -> None:
    before = tree_digest(data_dir)
    assert run("snapshots", "remove", "din-log", "2024-05-09", "--data-dir", str(data_dir)) == 2
    assert "no din_log snapshot as at 2024-05-09 to remove (held: 2024-04-02, 2024-04-30)" in one_line(capsys)
    assert run("snapshots", "restore", "din-log", "2024-04-30", "--data-dir", str(data_dir)) == 2
    assert "nothing of din_log as at 2024-04-30 is set aside" in one_line(capsys)
    assert tree_digest(data_dir) == before
    assert [(e.action, e.outcome) for e in audit.entries(data_dir)] == [("remove", "refused"), ("restore", "refused")]


def test_audit_prints_who_did_what(data_dir: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    whole = dins_csv(data_dir, tmp_path / "dins.csv")
    assert run("ingest", "din-log", str(whole), "--as-at", "2024-05-08", "--data-dir", str(data_dir)) == 0
    capsys.readouterr()
    assert run("audit", "--data-dir", str(data_dir)) == 0
    (shown,) = capsys.readouterr().out.splitlines()
    assert f"  {getpass.getuser()}  cli  ingest  loaded  din_log  2024-05-08  dins.csv (" in shown
    assert "1,029 rows" in shown
    assert run("audit", "--json", "--data-dir", str(data_dir)) == 0
    (kept,) = [json.loads(x) for x in capsys.readouterr().out.splitlines()]
    assert kept["who"] == getpass.getuser()
    assert kept["rows"] == 1029
    assert kept["sha256"] == __import__("hashlib").sha256(whole.read_bytes()).hexdigest()


# ---------------------------------------------------------------- 12: two writers at once


def test_a_second_ingest_waits_for_the_lock_then_refuses_already_exists(
    data_dir: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    whole = dins_csv(data_dir, tmp_path / "dins.csv")
    waiting = threading.Event()
    real_pause = files._pause
    monkeypatch.setattr(files, "_pause", lambda s: (waiting.set(), real_pause(s)))
    status: list[int] = []
    where = files.folder(data_dir)
    with where.locked("the test"):  # the first writer, holding the lock
        second = threading.Thread(
            target=lambda: status.append(
                run("ingest", "din-log", str(whole), "--as-at", "2024-05-08", "--data-dir", str(data_dir))
            )
        )
        second.start()
        assert waiting.wait(60), "the second ingest never waited for the lock"
        first = open_store(data_dir).con.table("din_log").df().head(1027)
        write_snapshot(data_dir, "din_log", D(2024, 5, 8), first, replace=False)
    second.join(60)
    assert status == [2]
    err = one_line(capsys)
    assert "dins.csv: a snapshot of din_log as at 2024-05-08 already exists" in err
    assert dins(data_dir) == 1027  # the first writer's load stands
    assert last_entry(data_dir).outcome == "refused"


def test_a_lock_held_too_long_fails_cleanly(
    data_dir: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    whole = dins_csv(data_dir, tmp_path / "dins.csv")
    before = tree_digest(data_dir)
    monkeypatch.setattr(files, "LOCK_WAIT_SECONDS", 0.3)
    with files.folder(data_dir).locked("someone else"):
        assert run("ingest", "din-log", str(whole), "--as-at", "2024-05-08", "--data-dir", str(data_dir)) == 2
    err = one_line(capsys)
    assert f"another writer holds the lock on {data_dir} (someone else on " in err
    assert "nothing was written" in err
    assert tree_digest(data_dir) == before


@pytest.mark.slow
def test_two_real_ingests_at_once_store_one_and_refuse_the_other(data_dir: Path, tmp_path: Path) -> None:
    a, b = dins_csv(data_dir, tmp_path / "a.csv", drop=1), dins_csv(data_dir, tmp_path / "b.csv", drop=2)
    cmd = [sys.executable, "-m", "mhhs_dashboard", "ingest", "din-log"]
    rest = ["--as-at", "2024-05-08", "--data-dir", str(data_dir)]
    both = [
        subprocess.Popen([*cmd, str(f), *rest], cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
        for f in (a, b)
    ]
    done = [(p.wait(120), p.stderr.read() if p.stderr else "") for p in both]
    assert sorted(s for s, _ in done) == [0, 2]
    (err,) = [e for s, e in done if s == 2]
    assert "already exists" in err
    assert err.strip().count("\n") == 0
    (won,) = [f for f, (s, _) in zip((a, b), done, strict=True) if s == 0]
    assert ingest.load_report(data_dir, "din_log", D(2024, 5, 8))["file"] == str(won)  # type: ignore[index]
    assert dins(data_dir) == (1028 if won == a else 1027)


# ---------------------------------------------------------------- 13, 14: full disk, read-only, missing folder


def failing_write(monkeypatch: pytest.MonkeyPatch, at_call: int, code: int) -> None:
    """The data directory's writer fails on its `at_call`-th write, half-way, as a full or read-only disk does."""
    real, calls = files.Folder._write, [0]

    def write(self: files.Folder, path: str, data: bytes) -> None:
        calls[0] += 1
        if calls[0] == at_call:
            with open(path, "wb") as fh:
                fh.write(bytes(data)[: len(data) // 2])
            raise OSError(code, os.strerror(code))
        real(self, path, data)

    monkeypatch.setattr(files.Folder, "_write", write)


@pytest.mark.parametrize(
    ("at_call", "code"),
    [(1, errno.ENOSPC), (2, errno.ENOSPC), (1, errno.EROFS)],
    ids=["disk full writing the snapshot", "disk full after the snapshot is written", "read-only"],
)
def test_a_write_fault_leaves_nothing_behind_and_a_retry_succeeds(
    at_call: int,
    code: int,
    data_dir: Path,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    whole = dins_csv(data_dir, tmp_path / "dins.csv")
    before = tree_digest(data_dir)
    failing_write(monkeypatch, at_call, code)
    assert run("ingest", "din-log", str(whole), "--as-at", "2024-05-08", "--data-dir", str(data_dir)) == 2
    err = one_line(capsys)
    assert os.strerror(code) in err
    assert str(data_dir) in err
    assert tree_digest(data_dir) == before  # no snapshot, no temporary file, no empty as_at= folder
    assert not [p for p in (data_dir / "_audit").iterdir() if p.name.endswith(".tmp")]
    monkeypatch.undo()
    assert run("ingest", "din-log", str(whole), "--as-at", "2024-05-08", "--data-dir", str(data_dir)) == 0
    assert dins(data_dir) == 1029


@pytest.mark.skipif(os.geteuid() == 0, reason="root writes into a read-only folder regardless")
def test_a_read_only_data_directory_gives_one_line(
    data_dir: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    whole = dins_csv(data_dir, tmp_path / "dins.csv")
    before = tree_digest(data_dir)
    modes = {p: p.stat().st_mode for p in [data_dir, *data_dir.rglob("*")] if p.is_dir()}
    for p in modes:
        p.chmod(0o555)
    try:
        assert run("ingest", "din-log", str(whole), "--as-at", "2024-05-08", "--data-dir", str(data_dir)) == 2
    finally:
        for p, mode in modes.items():
            p.chmod(mode)
    err = one_line(capsys)
    assert str(data_dir) in err
    assert "Permission denied" in err
    assert tree_digest(data_dir) == before


def test_a_data_directory_in_a_missing_folder_is_refused(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    f = tmp_path / "dins.csv"
    f.write_text("DIN ID,Current Status\nDIN-1,Closed\n", encoding="utf-8")
    nowhere = tmp_path / "not-mounted" / "mhhs"
    assert run("ingest", "din-log", str(f), "--as-at", "2024-05-08", "--data-dir", str(nowhere)) == 2
    err = one_line(capsys)
    assert f"the data directory {nowhere} does not exist, nor does its parent folder {nowhere.parent}" in err
    assert not nowhere.parent.exists()


def test_what_a_killed_run_left_is_cleared_by_the_next_ingest(
    data_dir: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    killed = data_dir / "din_log" / "as_at=2024-05-08"
    killed.mkdir()
    (killed / f".din_log.parquet.{'a' * 32}.tmp").write_bytes(b"PAR1 half a file")
    (data_dir / "risks" / "as_at=2024-06-01").mkdir()  # an empty folder a killed run made
    (data_dir / "_audit").mkdir()
    (data_dir / "_audit" / f".20240101T000000000000Z-0000.json.{'b' * 32}.tmp").write_text("{")
    whole = dins_csv(data_dir, tmp_path / "dins.csv")
    assert run("ingest", "din-log", str(whole), "--as-at", "2024-05-08", "--data-dir", str(data_dir)) == 0
    assert "cleaned up:     3 leftovers of a writer that was killed" in capsys.readouterr().out
    assert sorted(p.name for p in killed.iterdir()) == ["din_log.parquet"]
    assert not (data_dir / "risks" / "as_at=2024-06-01").exists()
    assert not [p for p in data_dir.rglob("*.tmp")]


# ---------------------------------------------------------------- 15: a closed pipe


@pytest.mark.slow
def test_stats_into_a_closed_pipe_is_not_an_error(sample_dir: Path) -> None:
    proc = subprocess.Popen(
        [sys.executable, "-m", "mhhs_dashboard", "stats", "--json", "--data-dir", str(sample_dir)],
        cwd=ROOT,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
    )
    assert proc.stdout is not None
    assert proc.stderr is not None
    proc.stdout.close()  # as `| head -1` does once it has its line: before this process writes anything
    err = proc.stderr.read().decode()
    assert proc.wait(120) == 0
    assert err == ""


def test_every_table_has_a_noun_for_the_shrink_message() -> None:
    from mhhs_dashboard.snapshots import NOUNS

    assert set(NOUNS) >= set(schema.TABLES)

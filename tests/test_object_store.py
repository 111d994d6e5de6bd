"""The data directory in an object store (`s3://`, served here by a local moto server): written, ingested into,
opened and drawn as a local folder is, and named in messages without its URL's options (which may hold a key)."""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import time
from pathlib import Path

import pandas as pd
import pytest
from streamlit.testing.v1 import AppTest

from mhhs_dashboard import audit, cli, files, ingest, meeting, sample, schema, store
from mhhs_dashboard.stats import headline
from mhhs_dashboard.store import data_version, list_snapshots, open_store, snapshot_path, write_snapshot
from tests.fixtures import APP
from tests.test_pages import metrics

# a local S3 server for the session and every test a round trip through it: `make test`, not test-fast
pytestmark = pytest.mark.slow

D = dt.date


def objects(url: str) -> dict[str, str]:
    """Every object under the data directory -> a hash of its bytes; the audit log (`_audit/`) apart."""
    where = files.folder(url)
    found = [f.path for f in where.files(where.root) if not f.path.startswith(where.path("_audit/"))]
    return {p: hashlib.sha256(where.read_bytes(p)).hexdigest() for p in found}


def test_the_embedded_data_in_s3_opens_as_it_does_from_a_folder(s3_dir: str, sample_dir: Path) -> None:
    written = sample.write_sample(s3_dir)
    assert written
    assert all(w.startswith("s3://mhhs-test/") and "endpoint_override" not in w for w in written)
    there, here = open_store(s3_dir, strict=True), open_store(sample_dir, strict=True)
    assert headline(there) == headline(here)
    assert {t: [s.as_at for s in snaps] for t, snaps in there.history.items()} == {
        t: [s.as_at for s in snaps] for t, snaps in here.history.items()
    }
    for table in schema.TABLES:
        pd.testing.assert_frame_equal(there.con.table(table).df(), here.con.table(table).df())
        pd.testing.assert_frame_equal(
            there.con.sql(f"from {table}_history order by all").df(),
            here.con.sql(f"from {table}_history order by all").df(),
        )
    # the pack's provenance: the same files, byte for byte, named from the data directory down
    assert meeting.provenance(there) == meeting.provenance(here)


def test_a_snapshot_written_to_s3_moves_the_version_and_is_opened(s3_dir: str) -> None:
    sample.write_sample(s3_dir)
    before = data_version(s3_dir)
    assert data_version(s3_dir) == before  # nothing written: the same version
    newest = list_snapshots(s3_dir, "din_log")[-1]
    week = newest.as_at + dt.timedelta(days=7)
    rows = open_store(s3_dir).con.table("din_log").df()
    write_snapshot(s3_dir, "din_log", week, rows, replace=False)
    assert data_version(s3_dir) != before
    store = open_store(s3_dir, strict=True)
    assert store.as_at["din_log"] == week
    assert [s.as_at for s in store.history["din_log"]][-2:] == [newest.as_at, week]
    assert not [p for p in objects(s3_dir) if p.endswith(".tmp")]  # the temporary object was moved, not left


def test_a_snapshot_another_process_puts_in_s3_is_seen_within_five_seconds(
    s3_dir: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    sample.write_sample(s3_dir)
    before = data_version(s3_dir)
    where = files.folder(s3_dir)
    newest = list_snapshots(s3_dir, "risks")[-1]
    copied = snapshot_path(s3_dir, "risks", newest.as_at + dt.timedelta(days=7))
    where.write_atomically(copied, where.read_bytes(newest.path))  # as another replica's ingest would
    start = time.monotonic()
    monkeypatch.setattr(store.time, "monotonic", lambda: start + store.LISTING_REUSE_SECONDS + 0.1)
    assert data_version(s3_dir) == before  # an object store's listing is used again for longer than a folder's
    monkeypatch.setattr(store.time, "monotonic", lambda: start + store.LISTING_REUSE_SECONDS_OBJECT_STORE + 0.1)
    assert data_version(s3_dir) != before


def test_ingest_into_s3_and_bad_input_leaves_it_as_it_was(
    s3_dir: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    sample.write_sample(s3_dir)
    before = objects(s3_dir)
    bad = tmp_path / "status.csv"
    bad.write_text("DIN ID,Current Status\nDIN-2001,Closed\nDIN-2002,Parked\n", encoding="utf-8")
    assert cli.main(["ingest", "din-log", str(bad), "--as-at", "2024-05-08", "--data-dir", s3_dir]) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1, err
    assert "status.csv" in err
    assert "row 3" in err
    assert objects(s3_dir) == before

    good = tmp_path / "dins.csv"
    good.write_text(
        "DIN ID,Current Status,Title\nDIN-2001, closed\u00a0,One\nDIN-2002,Open - awaiting assessment,Two\n",
        encoding="utf-8",
    )
    assert cli.main(["ingest", "din-log", str(good), "--as-at", "2024-04-30", "--data-dir", s3_dir]) == 2
    err = capsys.readouterr().err
    assert "already exists" in err
    assert "s3://mhhs-test/" in err
    assert "endpoint_override" not in err
    assert objects(s3_dir) == before

    args = ["ingest", "din-log", str(good), "--as-at", "2024-05-08", "--allow-shrink"]  # 2 DINs for 1,029
    assert cli.main([*args, "--data-dir", s3_dir]) == 0
    capsys.readouterr()
    assert cli.main(["stats", "--json", "--data-dir", s3_dir]) == 0
    figures = json.loads(capsys.readouterr().out)
    assert (figures["dins"]["total"], figures["dins"]["open"], figures["dins"]["closed"]) == (2, 1, 1)
    report = ingest.load_report(s3_dir, "din_log", D(2024, 5, 8))
    assert report is not None
    assert report["rows_stored"] == 2
    assert report["snapshot"].startswith("s3://mhhs-test/")
    findings = ingest.ingest_findings(s3_dir)
    assert "label normalised at ingest" in set(findings["problem"])  # ' closed ' read as 'Closed'


def test_the_overview_draws_the_pack_from_s3(s3_dir: str, monkeypatch: pytest.MonkeyPatch) -> None:
    sample.write_sample(s3_dir)
    monkeypatch.setenv("MHHS_DATA_DIR", s3_dir)
    at = AppTest.from_file(str(APP), default_timeout=60).run()
    assert not at.exception, [e.value for e in at.exception]
    m = metrics(at)
    assert (m["DINs recorded"], m["Open DINs"], m["Closed DINs"]) == ("1,029", "86", "943")


BAD_URL = "nosuch://bucket/mhhs?secret_key=hush"


def test_a_url_that_opens_no_store_is_named_without_its_options(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    assert cli.main(["stats", "--data-dir", BAD_URL]) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1, err
    assert "nosuch://bucket/mhhs" in err
    assert "hush" not in err
    monkeypatch.setenv("MHHS_DATA_DIR", BAD_URL)
    at = AppTest.from_file(str(APP), default_timeout=60).run()
    assert not at.exception, [e.value for e in at.exception]
    (shown,) = [e.value for e in at.error]
    assert "cannot read its data" in shown
    assert "nosuch://bucket/mhhs" in shown
    assert "hush" not in shown


@pytest.mark.parametrize(
    ("given", "shown"),
    [
        ("s3://bucket/mhhs?region=eu-west-2&secret_key=hush", "s3://bucket/mhhs"),
        ("gs://bucket/a/b", "gs://bucket/a/b"),
        ("/srv/mhhs/data", "/srv/mhhs/data"),
        ("C:\\mhhs\\data", "C:\\mhhs\\data"),  # a drive letter is no scheme
    ],
)
def test_a_data_directory_is_shown_without_its_options(given: str, shown: str) -> None:
    assert files.shown(given) == shown
    assert files.is_url(given) == ("://" in given)


def _lease(s3_dir: str, *, age: float) -> None:
    """Another writer's lease on the data directory, taken `age` seconds ago."""
    where = files.folder(s3_dir)
    held = {"who": "pmo-bob", "host": "laptop", "pid": 1, "since": "earlier", "token": "x", "at": time.time() - age}
    where.write_atomically(where.path(files.LOCK_NAME), json.dumps(held).encode())


def test_in_s3_a_second_writer_waits_for_a_fresh_lease_then_fails_cleanly(
    s3_dir: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    sample.write_sample(s3_dir)
    _lease(s3_dir, age=1)
    before = objects(s3_dir)
    monkeypatch.setattr(files, "LOCK_WAIT_SECONDS", 0.5)
    good = tmp_path / "dins.csv"
    good.write_text("DIN ID,Current Status\nDIN-2001,Closed\n", encoding="utf-8")
    args = ["ingest", "din-log", str(good), "--as-at", "2024-05-08", "--allow-shrink", "--data-dir", s3_dir]
    assert cli.main(args) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1, err
    assert "another writer holds the lock on s3://mhhs-test/" in err
    assert "pmo-bob on laptop" in err
    assert "endpoint_override" not in err
    assert objects(s3_dir) == before

    _lease(s3_dir, age=files.LEASE_SECONDS + 1)  # a lease its writer never gave back: taken over
    assert cli.main(args) == 0
    assert not files.folder(s3_dir).exists(files.folder(s3_dir).path(files.LOCK_NAME))  # given back


def test_in_s3_replace_sets_aside_and_restore_puts_back(
    s3_dir: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    sample.write_sample(s3_dir)
    good = tmp_path / "dins.csv"
    good.write_text("DIN ID,Current Status\nDIN-2001,Closed\n", encoding="utf-8")
    args = ["ingest", "din-log", str(good), "--as-at", "2024-04-30", "--replace", "--allow-shrink"]
    assert cli.main([*args, "--data-dir", s3_dir]) == 0
    assert "undo: mhhs-dashboard snapshots restore din-log 2024-04-30" in capsys.readouterr().out
    store.forget_listings()
    assert headline(open_store(s3_dir, strict=True))["dins"]["total"] == 1
    assert cli.main(["snapshots", "restore", "din-log", "2024-04-30", "--data-dir", s3_dir]) == 0
    store.forget_listings()
    assert headline(open_store(s3_dir, strict=True))["dins"]["total"] == 1029
    assert [(e.action, e.outcome) for e in audit.entries(s3_dir)] == [
        ("ingest", "replaced"),
        ("restore", "restored"),
    ]
    assert not [p for p in objects(s3_dir) if p.endswith(".tmp")]

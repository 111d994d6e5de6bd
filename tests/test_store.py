"""The extract store: snapshot discovery, latest and history views, the schema check and atomic writes."""

from __future__ import annotations

import datetime as dt
import shutil
import time
from pathlib import Path

import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from mhhs_dashboard import schema, store
from mhhs_dashboard.db import run_query
from mhhs_dashboard.store import (
    StoreError,
    all_snapshots,
    data_version,
    list_snapshots,
    open_store,
    snapshot_path,
    write_snapshot,
)
from tests.fixtures import rows_frame

D = dt.date


def _din(din_id: str, status: str = "Closed", release: str | None = None) -> dict[str, object]:
    return {"din_id": din_id, "title": "t", "status": status, "target_release": release}


def test_latest_and_history_views(make_store) -> None:
    store = make_store(
        din_log={
            D(2024, 1, 1): [_din("DIN-0001", "Open - awaiting assessment")],
            D(2024, 2, 1): [_din("DIN-0001"), _din("DIN-0002")],
        }
    )
    assert store.as_at["din_log"] == D(2024, 2, 1)
    assert store.con.sql("select count(*) from din_log").fetchall() == [(2,)]
    hist = store.con.sql("select as_at, count(*) from din_log_history group by all order by 1").fetchall()
    assert hist == [(D(2024, 1, 1), 1), (D(2024, 2, 1), 2)]


def test_as_at_freezes_the_store_to_an_earlier_snapshot(make_store, tmp_path: Path) -> None:
    make_store(din_log={D(2024, 1, 1): [_din("DIN-0001")], D(2024, 2, 1): [_din("DIN-0001"), _din("DIN-0002")]})
    frozen = open_store(tmp_path, D(2024, 1, 15))
    assert frozen.as_at["din_log"] == D(2024, 1, 1)
    assert frozen.con.sql("select count(*) from din_log_history").fetchall() == [(1,)]


def test_a_table_with_no_snapshot_is_empty_not_missing(make_store) -> None:
    store = make_store(din_log=[_din("DIN-0001")])
    assert store.as_at["seats"] is None
    assert store.con.sql("select count(*) from seats").fetchall() == [(0,)]
    assert run_query(store.con, "seats_fill_by_group", groups=[]).empty


def test_missing_column_is_named_with_table_and_file(tmp_path: Path) -> None:
    folder = tmp_path / "actions" / "as_at=2024-05-01"
    folder.mkdir(parents=True)
    pd.DataFrame({"action_ref": ["DAG35-01"]}).to_parquet(folder / "actions.parquet")
    with pytest.raises(StoreError, match=r"actions: column 'group_code' is missing from .*actions\.parquet"):
        open_store(tmp_path, strict=True)


def test_wrong_type_is_named(tmp_path: Path) -> None:
    frame = rows_frame("seats", [{"group_code": "QAG", "constituency": "DNO", "filled": True}])
    frame["filled"] = "Yes"
    folder = tmp_path / "seats" / "as_at=2024-05-01"
    folder.mkdir(parents=True)
    frame.to_parquet(folder / "seats.parquet")
    with pytest.raises(StoreError, match=r"seats: column 'filled' .* is VARCHAR, expected BOOLEAN"):
        open_store(tmp_path, strict=True)


def test_a_corrupt_snapshot_is_skipped_and_the_previous_one_serves(make_store, tmp_path: Path) -> None:
    make_store(din_log={D(2024, 1, 1): [_din("DIN-0001")]})
    bad = tmp_path / "din_log" / "as_at=2024-02-01" / "din_log.parquet"
    bad.parent.mkdir(parents=True)
    bad.write_bytes(b"PAR1 this is not parquet")
    store = open_store(tmp_path)
    assert store.as_at["din_log"] == D(2024, 1, 1)
    assert len(store.problems) == 1
    assert "din_log" in store.problems[0]
    assert "as_at=2024-02-01" in store.problems[0]
    with pytest.raises(StoreError, match="cannot read"):
        open_store(tmp_path, strict=True)


def test_folders_that_are_not_snapshots_are_ignored(make_store, tmp_path: Path) -> None:
    make_store(din_log=[_din("DIN-0001")])
    (tmp_path / "din_log" / "as_at=2024-13-45").mkdir()
    (tmp_path / "din_log" / "as_at=2024-13-45" / "din_log.parquet").write_text("x")
    (tmp_path / "din_log" / "notes").mkdir()
    (tmp_path / "din_log" / "as_at=2024-05-01" / "old").mkdir()
    (tmp_path / "din_log" / "as_at=2024-05-01" / "old" / "din_log.parquet").write_text("x")  # one folder too deep
    (tmp_path / "din_log" / "as_at=2024-05-01" / "risks.parquet").write_text("x")  # another table's name
    (tmp_path / "README.md").write_text("x")
    assert [s.as_at for s in list_snapshots(tmp_path, "din_log")] == [D(2024, 5, 1)]
    # one listing of the whole directory finds what a listing per table finds
    assert all_snapshots(tmp_path) == {t: list_snapshots(tmp_path, t) for t in schema.TABLES}
    assert [s.as_at for s in all_snapshots(tmp_path)["din_log"]] == [D(2024, 5, 1)]


def test_write_snapshot_refuses_to_overwrite_without_replace(tmp_path: Path) -> None:
    frame = rows_frame("risks", [{"risk_id": "R856", "title": "t"}])
    path = Path(write_snapshot(tmp_path, "risks", D(2024, 5, 1), frame, replace=False))
    before = path.read_bytes()
    with pytest.raises(FileExistsError, match="--replace"):
        write_snapshot(tmp_path, "risks", D(2024, 5, 1), frame, replace=False)
    assert path.read_bytes() == before
    assert [p.name for p in path.parent.iterdir()] == ["risks.parquet"]  # no temporary file left behind


def test_data_version_changes_when_a_snapshot_is_added(tmp_path: Path) -> None:
    frame = rows_frame("risks", [{"risk_id": "R856", "title": "t"}])
    write_snapshot(tmp_path, "risks", D(2024, 5, 1), frame, replace=False)
    v1 = data_version(tmp_path)
    write_snapshot(tmp_path, "risks", D(2024, 6, 1), frame, replace=False)
    assert data_version(tmp_path) != v1
    assert data_version(tmp_path, D(2024, 5, 15)) == v1


def test_a_snapshot_another_process_writes_is_seen_within_a_second(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    frame = rows_frame("risks", [{"risk_id": "R856", "title": "t"}])
    first = write_snapshot(tmp_path, "risks", D(2024, 5, 1), frame, replace=False)
    v1 = data_version(tmp_path)
    copied = Path(snapshot_path(tmp_path, "risks", D(2024, 6, 1)))  # copied in by hand, not through write_snapshot
    copied.parent.mkdir(parents=True)
    shutil.copyfile(first, copied)
    assert data_version(tmp_path) == v1  # the version worked out a moment ago is used again...
    later = time.monotonic() + store.LISTING_REUSE_SECONDS + 0.1
    monkeypatch.setattr(store.time, "monotonic", lambda: later)
    assert data_version(tmp_path) != v1  # ...for a second at most


def test_history_keeps_every_row_of_every_snapshot(make_store) -> None:
    # a row that changes, one that leaves and comes back, and a row repeated within one snapshot
    a, b, c = _din("DIN-0001", "Open - awaiting assessment"), _din("DIN-0002"), _din("DIN-0003")
    snaps = {
        D(2024, 1, 1): [a, b, b],
        D(2024, 2, 1): [{**a, "status": "Closed"}, b],
        D(2024, 3, 1): [{**a, "status": "Closed"}, b, b, c],
        D(2024, 4, 1): [a, c],
    }
    store = make_store(din_log=snaps)
    want = sorted((r["din_id"], r["status"], when) for when, rows in snaps.items() for r in rows)
    got = sorted(store.con.sql("select din_id, status, as_at from din_log_history").fetchall())
    assert got == want
    # each distinct row is stored once, however many snapshots hold it
    assert store.con.sql("select count(*) from din_log_rows").fetchall() == [(5,)]  # a, b, b (2nd copy), closed a, c
    at_march = store.con.sql("select din_id, status from dins_at(date '2024-03-01') order by all").fetchall()
    assert at_march == sorted((r["din_id"], r["status"]) for r in snaps[D(2024, 3, 1)])
    assert store.con.sql("select din_id from dins order by 1").fetchall() == [("DIN-0001",), ("DIN-0003",)]


@pytest.mark.slow  # a property test
@settings(max_examples=25, deadline=None)
@given(
    st.lists(
        st.lists(st.sampled_from(["DIN-0001", "DIN-0002", "DIN-0003"]), max_size=4).map(
            lambda ids: [
                _din(i, s) for i, s in zip(ids, ["Closed", "Withdrawn", "Closed", "Implemented"], strict=False)
            ]
        ),
        min_size=1,
        max_size=5,
    )
)
def test_history_is_the_union_of_the_snapshots(tmp_path_factory, weeks) -> None:
    snaps = {D(2024, 1, 1) + dt.timedelta(days=7 * i): rows for i, rows in enumerate(weeks)}
    store = open_store(_written(tmp_path_factory.mktemp("h"), snaps))
    want = sorted((r["din_id"], r["status"], when) for when, rows in snaps.items() for r in rows)
    assert sorted(store.con.sql("select din_id, status, as_at from din_log_history").fetchall()) == want


def _written(data_dir: Path, snaps: dict[dt.date, list[dict[str, object]]]) -> Path:
    for when, rows in snaps.items():
        write_snapshot(data_dir, "din_log", when, rows_frame("din_log", rows), replace=True)
    return data_dir


def _contents(s: store.Store) -> dict[str, list[tuple]]:
    """Every table the store made, and the DIN log's history view, as sorted rows."""
    names = [r[0] for r in s.con.sql("select table_name from duckdb_tables() order by 1").fetchall()]
    every = [*names, "din_log_history"]
    return {n: sorted(map(repr, s.con.execute("select * from query_table(?)", [n]).fetchall())) for n in every}


def _fresh(data_dir: Path, **kw: object) -> store.Store:
    """Opened from scratch: nothing carried on from an earlier opening, no store kept open by one."""
    store._built.clear()
    store._opened.clear()
    return open_store(data_dir, **kw)  # type: ignore[arg-type]


@settings(max_examples=10, deadline=None)
@given(
    st.lists(
        st.lists(st.sampled_from(["DIN-0001", "DIN-0002", "DIN-0003"]), max_size=4).map(
            lambda ids: [_din(i, s) for i, s in zip(ids, ["Closed", "Withdrawn", "Closed", "Open"], strict=False)]
        ),
        min_size=1,
        max_size=4,
    )
)
@pytest.mark.slow
def test_an_opening_that_carries_on_builds_what_a_fresh_one_does(tmp_path_factory, weeks) -> None:
    data_dir = tmp_path_factory.mktemp("carry")
    store._built.clear()
    for i, rows in enumerate(weeks):  # a snapshot lands, the store opens again: as a new data version does
        _written(data_dir, {D(2024, 1, 1) + dt.timedelta(days=7 * i): rows})
        carried = open_store(data_dir)
    assert _contents(carried) == _contents(_fresh(data_dir))


def test_only_new_snapshots_are_read_and_a_changed_one_is_read_again(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    reads: list[str] = []
    real = store._read

    def counting(con: object, where: object, table: object, snap: store.Snapshot) -> object:
        reads.append(f"{snap.table} {snap.as_at}")
        return real(con, where, table, snap)  # type: ignore[arg-type]

    monkeypatch.setattr(store, "_read", counting)
    weeks = {D(2024, 1, 1): [_din("DIN-0001")], D(2024, 1, 8): [_din("DIN-0001", "Open"), _din("DIN-0002")]}
    _written(tmp_path, weeks)
    _fresh(tmp_path)
    assert reads == ["din_log 2024-01-01", "din_log 2024-01-08"]

    reads.clear()
    _written(tmp_path, {D(2024, 1, 15): [_din("DIN-0002")]})
    carried = open_store(tmp_path)
    assert reads == ["din_log 2024-01-15"]  # the new week only
    assert carried.con.sql("select din_id from dins").fetchall() == [("DIN-0002",)]
    assert carried.con.sql("select count(*) from din_log_history").fetchall() == [(4,)]

    reads.clear()
    _written(tmp_path, {D(2024, 1, 8): [_din("DIN-0003")]})  # an old week replaced: read everything again
    again = open_store(tmp_path)
    assert reads == ["din_log 2024-01-01", "din_log 2024-01-08", "din_log 2024-01-15"]
    assert _contents(again) == _contents(_fresh(tmp_path))

    reads.clear()
    frozen = open_store(tmp_path, D(2024, 1, 8))  # an earlier as-at is read from the start too
    assert reads == ["din_log 2024-01-01", "din_log 2024-01-08"]
    assert frozen.as_at["din_log"] == D(2024, 1, 8)


def test_carrying_on_leaves_what_was_remembered_as_it_was(tmp_path: Path) -> None:
    """Two openings may carry on from the same state at once (a page and the warm-up): neither may change it."""
    _written(tmp_path, {D(2024, 1, 1): [_din("DIN-0001")]})
    _fresh(tmp_path)
    built = store._built[(str(tmp_path), "din_log")]
    kept = (len(built.history.parts), len(built.history.spans), len(built.history.seen))
    _written(tmp_path, {D(2024, 1, 8): [_din("DIN-0002")]})  # DIN-0001 ends, DIN-0002 is new
    open_store(tmp_path)
    assert (len(built.history.parts), len(built.history.spans), len(built.history.seen)) == kept


def test_opening_the_same_snapshots_again_reads_nothing_and_shares_only_the_tables(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    reads: list[str] = []
    real = store._read
    monkeypatch.setattr(
        store, "_read", lambda con, where, table, snap: reads.append(snap.name) or real(con, where, table, snap)
    )
    _written(tmp_path, {D(2024, 1, 1): [_din("DIN-0001")], D(2024, 1, 8): [_din("DIN-0002")]})
    first = _fresh(tmp_path)
    reads.clear()
    again = open_store(tmp_path)
    assert reads == []  # the database the first opening built, on a connection of its own
    assert again.con is not first.con
    assert _contents(again) == _contents(first)
    assert (again.as_at, again.history, again.asked) == (first.as_at, first.history, None)
    again.con.execute("create temporary table scratch as select 1 as one")
    again.con.close()  # one connection closed, its temporary table gone with it; the other reads on
    assert first.con.sql("select count(*) from duckdb_tables() where table_name = 'scratch'").fetchall() == [(0,)]
    assert first.con.sql("select din_id from dins").fetchall() == [("DIN-0002",)]
    assert open_store(tmp_path, D(2024, 1, 8)).asked == D(2024, 1, 8)  # the same snapshots, asked by date
    assert reads == []

    frozen = open_store(tmp_path, D(2024, 1, 1))  # another date: opened on its own
    assert reads == ["din_log/as_at=2024-01-01/din_log.parquet"]
    _written(tmp_path, {D(2024, 1, 8): [_din("DIN-0003")]})  # a file changed: what was kept on it is let go
    reads.clear()
    assert open_store(tmp_path).con.sql("select din_id from dins").fetchall() == [("DIN-0003",)]
    assert reads == ["din_log/as_at=2024-01-08/din_log.parquet"]  # carrying on from the frozen opening (_Built)
    kept = sorted(k[1] for k in store._opened if k[0] == str(tmp_path))
    assert kept == [D(2024, 1, 1), D(2024, 1, 8)]  # the frozen one's file did not change: it is kept
    assert frozen.con.sql("select din_id from dins").fetchall() == [("DIN-0001",)]


def test_stores_are_kept_open_within_their_budget(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(store, "OPENED_BYTES", 1)  # smaller than any file: only the last opening is kept
    for name in ("a", "b"):
        _written(tmp_path / name, {D(2024, 1, 1): [_din("DIN-0001")]})
        open_store(tmp_path / name)
    assert [k[0] for k in store._opened] == [str(tmp_path / "b")]

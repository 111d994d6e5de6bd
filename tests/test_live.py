"""Live data: a new snapshot reaches a running session, readers never see a half-written one, a broken snapshot
never breaks the app, and the 'since' choice lives in the URL."""

from __future__ import annotations

import datetime as dt
import threading
from pathlib import Path

from streamlit.testing.v1 import AppTest

from mhhs_dashboard import ingest
from mhhs_dashboard.db import run_query
from mhhs_dashboard.freshness import new_data_notice
from mhhs_dashboard.store import data_version, open_store
from tests.fixtures import APP
from tests.screen import html_text
from tests.test_pages import metrics

D = dt.date


def din_csv(path: Path, n: int, closed_every: int) -> Path:
    lines = ["DIN ID,Current Status,Target Release"]
    for i in range(n):
        status = "Closed" if i % closed_every == 0 else "Ready for Internal Review"
        lines.append(f"DIN-{i:06d},{status},Interim Release 7.3")
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def test_a_new_snapshot_reaches_a_running_session(live_dir: Path, tmp_path: Path) -> None:
    at = AppTest.from_file(str(APP), default_timeout=60).run()
    assert metrics(at)["DINs recorded"] == "1,029"
    ingest.ingest("din-log", din_csv(tmp_path / "dins.csv", 3, 2), live_dir, as_at=D(2024, 5, 7), allow_shrink=True)
    at.run()  # the same session, no restart
    assert not at.exception
    assert (metrics(at)["DINs recorded"], metrics(at)["Closed DINs"]) == ("3", "2")
    assert "07 May 2024" in " ".join(m.value for m in at.sidebar.markdown)


def test_the_poll_notices_new_data_and_names_it(live_dir: Path, tmp_path: Path) -> None:
    seen = data_version(live_dir)
    assert new_data_notice(live_dir, seen) is None
    ingest.ingest("din-log", din_csv(tmp_path / "dins.csv", 3, 2), live_dir, as_at=D(2024, 5, 7), allow_shrink=True)
    assert new_data_notice(live_dir, seen) == "New data as at 07 May 2024: DIN log"


def test_a_frozen_view_does_not_move(live_dir: Path, tmp_path: Path) -> None:
    at = AppTest.from_file(str(APP), default_timeout=60)
    at.query_params["as_at"] = "2024-05-01"
    at.run()
    ingest.ingest("din-log", din_csv(tmp_path / "dins.csv", 3, 2), live_dir, as_at=D(2024, 5, 7), allow_shrink=True)
    at.run()
    assert metrics(at)["DINs recorded"] == "1,029"


def test_an_unreadable_snapshot_shows_a_banner_and_the_last_good_one(live_dir: Path) -> None:
    broken = live_dir / "din_log" / "as_at=2024-05-07" / "din_log.parquet"
    broken.parent.mkdir()
    broken.write_bytes(b"PAR1 this is not parquet")
    at = AppTest.from_file(str(APP), default_timeout=60).run()
    assert not at.exception
    assert metrics(at)["DINs recorded"] == "1,029"
    banners = " ".join(w.value for w in at.warning)
    assert "skipped" in banners
    assert str(broken) in banners


def test_readers_never_see_a_partial_or_mixed_snapshot(live_dir: Path, tmp_path: Path) -> None:
    """Readers (each with its own store and cursor) query in a loop while ingest writes two new snapshots."""
    first = din_csv(tmp_path / "first.csv", 20_000, 4)  # 5,000 closed
    second = din_csv(tmp_path / "second.csv", 30_000, 3)  # 10,000 closed
    valid = {(1029, 86, 943), (20_000, 15_000, 5_000), (30_000, 20_000, 10_000)}
    seen: list[tuple[int, int, int]] = []
    errors: list[BaseException] = []
    done = threading.Event()

    finals: list[tuple[int, int, int]] = []

    def read_once(into: list[tuple[int, int, int]]) -> None:
        store = open_store(live_dir)
        if store.problems:
            errors.append(AssertionError(store.problems))
        for _ in range(3):  # several queries on one store agree with each other
            r = run_query(store.con, "dins_totals", releases=[]).iloc[0]
            into.append((int(r["total"]), int(r["open"]), int(r["closed"])))
        store.con.close()

    def reader() -> None:
        try:
            while not done.is_set():
                read_once(seen)
            read_once(finals)  # one read after the writer finished
        except BaseException as e:
            errors.append(e)

    threads = [threading.Thread(target=reader) for _ in range(3)]
    for t in threads:
        t.start()
    try:
        ingest.ingest("din-log", first, live_dir, as_at=D(2024, 5, 7), allow_shrink=True)
        ingest.ingest("din-log", second, live_dir, as_at=D(2024, 5, 7), allow_shrink=True, replace=True)
    finally:
        done.set()
        for t in threads:
            t.join(timeout=300)
    assert not errors, errors
    assert set(seen) <= valid, set(seen) - valid
    assert finals == [(30_000, 20_000, 10_000)] * 9
    assert not [p for p in live_dir.rglob("*.tmp")], "no temporary file left behind"


def test_since_in_the_url_drives_the_selector_and_the_panel(live_dir: Path) -> None:
    at = AppTest.from_file(str(APP), default_timeout=60)
    at.query_params["since"] = "2024-04-02"
    at.run()
    assert not at.exception
    assert at.selectbox(key="filter_since").value == D(2024, 4, 2)
    assert "Since 02 Apr 2024" in [h.value for h in at.subheader]
    at.selectbox(key="filter_since").set_value(D(2024, 4, 10)).run()
    assert at.query_params["since"] == "2024-04-10"
    at.selectbox(key="filter_since").set_value(None).run()
    assert "since" not in at.query_params


def test_the_overview_compares_with_the_last_dag_by_default(live_dir: Path) -> None:
    at = AppTest.from_file(str(APP), default_timeout=60).run()
    assert "Since DAG \\#35, 10 Apr 2024 (the last DAG)" in [h.value for h in at.subheader]
    m = metrics(at)
    assert (m["DIN log: new"], m["CR register: decided"], m["Action log: new"]) == ("12", "2", "4")
    assert "Milestone plan: no snapshot on or before 10 Apr 2024 to compare with." in html_text(at)


def test_a_bad_since_is_dropped_with_a_notice(live_dir: Path) -> None:
    at = AppTest.from_file(str(APP), default_timeout=60)
    at.query_params["since"] = "yesterday"
    at.run()
    assert not at.exception
    assert "since" not in at.query_params
    assert any("since=yesterday" in i.value for i in at.info)

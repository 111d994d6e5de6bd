"""New data is warmed before viewers ask: the queries they asked for last run once, on a thread of their own,
and the first render after finds every figure in the cache."""

from __future__ import annotations

import datetime as dt
import gc
import threading
import weakref
from pathlib import Path

import pandas as pd
import pytest
from streamlit.testing.v1 import AppTest

from mhhs_dashboard import data, freshness, ingest
from mhhs_dashboard.freshness import new_data_ready
from mhhs_dashboard.store import data_version
from tests.fixtures import APP
from tests.screen import tiles
from tests.test_live import din_csv

D = dt.date


def new_din_log(live_dir: Path, tmp_path: Path) -> None:
    ingest.ingest("din-log", din_csv(tmp_path / "dins.csv", 3, 2), live_dir, as_at=D(2024, 5, 7), allow_shrink=True)


def test_a_new_version_runs_what_viewers_asked_for_once(live_dir: Path, tmp_path: Path, runs: list[str]) -> None:
    before = data.source()
    freshness.warm_in_background(before)  # the version the viewers below are on
    assert data.din_totals(before)["total"] == 1029
    data.din_by_release(before, ("IR 7.3",))
    data.query(before, "dins_totals", releases=["Interim Release 7.3"])  # lists are bound as lists
    new_din_log(live_dir, tmp_path)
    after = data.source()
    assert after.version != before.version
    runs.clear()

    thread = freshness.warm_in_background(after)
    assert thread is not None
    thread.join(timeout=60)
    assert sorted(runs) == ["dins_by_release", "dins_totals", "dins_totals"]  # each once, on the warm-up's thread
    runs.clear()
    assert data.din_totals(after)["total"] == 3  # the new data, from the cache
    data.din_by_release(after, ("IR 7.3",))
    data.query(after, "dins_totals", releases=["Interim Release 7.3"])
    assert runs == []
    assert freshness.warm_in_background(after) is None  # once per version


def test_a_frozen_view_is_neither_noted_nor_warmed(live_dir: Path, runs: list[str]) -> None:
    frozen = data.source(D(2024, 5, 1))
    data.din_totals(frozen)
    assert freshness.warm_in_background(frozen) is None
    assert data.recent_queries(frozen.data_dir) == []


def test_a_query_that_fails_in_the_warm_up_does_not_stop_it(
    live_dir: Path,
    tmp_path: Path,
    runs: list[str],
    monkeypatch: pytest.MonkeyPatch,
    caplog: pytest.LogCaptureFixture,
) -> None:
    src = data.source()
    freshness.warm_in_background(src)
    data.din_totals(src)
    data.release_options(src)
    new_din_log(live_dir, tmp_path)
    real = data.run_query

    def broken(con: object, name: str, **params: object) -> pd.DataFrame:
        if name == "releases_options":
            raise RuntimeError("disk on fire")
        return real(con, name, **params)  # type: ignore[arg-type]

    monkeypatch.setattr(data, "run_query", broken)
    assert freshness.warm(data.source()) == 2
    assert "warm-up of releases_options" in caplog.text
    assert "disk on fire" in caplog.text
    monkeypatch.setattr(data, "run_query", real)
    runs.clear()
    data.din_totals(data.source())
    assert runs == []  # the other query was still warmed


def test_the_first_session_to_meet_new_data_warms_it_for_another_sessions_page(
    live_dir: Path, tmp_path: Path, runs: list[str]
) -> None:
    overview = AppTest.from_file(str(APP), default_timeout=60).run()
    dins = AppTest.from_file(str(APP), default_timeout=60).run()
    dins.switch_page("pages/dins.py").run()
    assert not dins.exception
    new_din_log(live_dir, tmp_path)
    runs.clear()
    overview.run()  # the first render on the new data starts the warm-up (mhhs_dashboard/frame.py)
    for thread in [t for t in threading.enumerate() if t.name == "mhhs-warm"]:
        thread.join(timeout=60)
    assert "dins_list" in runs  # the DIN page's queries ran, though no one has opened it on the new data yet
    runs.clear()
    dins.run()
    assert not dins.exception
    assert tiles(dins)[0] == ("DINs in view", "3")  # on the new data
    assert runs == []


def test_the_poll_moves_a_page_to_new_data_once_it_is_open_and_lets_the_old_store_go(
    live_dir: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    opened: list[str] = []
    real = data.open_store

    def counting(data_dir: Path, as_at: dt.date | None = None) -> object:
        opened.append(data_version(data_dir, as_at))
        return real(data_dir, as_at)

    monkeypatch.setattr(data, "open_store", counting)
    before = data.source()
    freshness.warm_in_background(before).join(timeout=60)  # as the first render of this version does (frame.py)
    assert opened == [before.version]
    seen = before.version
    assert new_data_ready(live_dir, seen) is None  # nothing new

    new_din_log(live_dir, tmp_path)
    after = data.source()
    assert new_data_ready(live_dir, seen) is None  # new, but not open yet: the page stays as it is
    for thread in [t for t in threading.enumerate() if t.name == "mhhs-warm"]:
        thread.join(timeout=60)
    assert new_data_ready(live_dir, seen) == "New data as at 07 May 2024: DIN log"
    assert opened == [before.version, after.version]  # opened by the warm-up, not by the page's rerun
    assert data.din_totals(after)["total"] == 3
    assert opened == [before.version, after.version]
    data.store(before)  # the old version was let go: asking for it again opens a store again
    assert len(opened) == 3


def test_new_data_that_cannot_be_opened_does_not_stall_the_poll(
    live_dir: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, caplog: pytest.LogCaptureFixture
) -> None:
    freshness.warm_in_background(data.source()).join(timeout=60)
    new_din_log(live_dir, tmp_path)

    def broken(data_dir: Path, as_at: dt.date | None = None) -> object:
        raise OSError("disk on fire")

    monkeypatch.setattr(data, "open_store", broken)
    freshness.warm_in_background(data.source()).join(timeout=60)
    assert "disk on fire" in caplog.text
    # the page reruns and shows what it shows for data it cannot open, rather than wait for ever
    assert new_data_ready(live_dir, data.source().version + "-old") is not None


def test_a_prepared_version_leaves_the_long_lived_heap_out_of_the_collectors_full_passes(live_dir: Path) -> None:
    class Node:
        pass

    cycle = Node()
    cycle.me = cycle  # type: ignore[attr-defined]  # garbage only the cycle collector frees
    gone = weakref.ref(cycle)
    gc.freeze()  # frozen, as an older version's heap was by the warm-up before this one
    del cycle
    try:
        freshness.warm_in_background(data.source()).join(timeout=60)
        assert gone() is None  # thawed and collected before the heap is frozen again
        assert gc.get_freeze_count() > 1000  # the open store, the modules: skipped by the full passes
    finally:
        gc.unfreeze()

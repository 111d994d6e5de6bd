"""Page runs take turns: one after another, none kept waiting past WAIT_SECONDS, the turn let go during a query
and on every way out of a run; every screen's show() takes it."""

from __future__ import annotations

import datetime as dt
import importlib
import threading
import time
from collections.abc import Callable
from pathlib import Path

import pytest

from mhhs_dashboard import data, runs
from tests.fixtures import SCREENS


def timed(log: list[tuple[str, str, float]], name: str, work: Callable[[], None]) -> Callable[[], None]:
    @runs.one_at_a_time
    def show() -> None:
        log.append((name, "start", time.monotonic()))
        work()
        log.append((name, "end", time.monotonic()))

    return show


def both(first: Callable[[], None], second: Callable[[], None], log: list[tuple[str, str, float]]) -> None:
    one = threading.Thread(target=first)
    one.start()
    while not log:  # the second arrives once the first runs
        time.sleep(0.005)
    two = threading.Thread(target=second)
    two.start()
    one.join(timeout=10)
    two.join(timeout=10)


def at(log: list[tuple[str, str, float]], name: str, what: str) -> float:
    return next(t for n, w, t in log if (n, w) == (name, what))


def test_a_run_that_arrives_during_another_starts_when_it_ends() -> None:
    log: list[tuple[str, str, float]] = []
    both(timed(log, "a", lambda: time.sleep(0.3)), timed(log, "b", lambda: None), log)
    assert at(log, "b", "start") >= at(log, "a", "end")
    assert not runs.holds()


def test_no_run_waits_past_wait_seconds_for_a_long_one(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(runs, "WAIT_SECONDS", 0.2)
    log: list[tuple[str, str, float]] = []
    both(timed(log, "long", lambda: time.sleep(1.5)), timed(log, "short", lambda: None), log)
    assert at(log, "short", "end") < at(log, "long", "end")  # it went ahead beside the long run
    assert at(log, "short", "start") - at(log, "long", "start") < 1.0
    log.clear()
    both(timed(log, "a", lambda: time.sleep(0.12)), timed(log, "b", lambda: None), log)  # a short run: b waits
    assert at(log, "b", "start") >= at(log, "a", "end")


def test_a_run_lets_another_go_while_it_waits_on_a_query() -> None:
    log: list[tuple[str, str, float]] = []

    def query() -> None:
        with runs.released():
            assert not runs.holds()
            time.sleep(0.4)
        assert runs.holds()  # its turn taken back

    both(timed(log, "querying", query), timed(log, "other", lambda: None), log)
    assert at(log, "other", "end") < at(log, "querying", "end")


def test_the_turn_is_let_go_when_a_run_stops_or_fails() -> None:
    def fails() -> None:
        raise RuntimeError("a page that fails")

    with pytest.raises(RuntimeError):
        timed([], "fails", fails)()
    assert not runs.holds()
    log: list[tuple[str, str, float]] = []
    started = time.monotonic()
    timed(log, "next", lambda: None)()
    assert at(log, "next", "start") - started < 0.5  # no wait for a turn no one holds


def test_a_layout_drawn_inside_another_run_does_not_wait_for_itself() -> None:
    log: list[tuple[str, str, float]] = []
    inner = timed(log, "inner", lambda: None)
    started = time.monotonic()
    timed(log, "outer", inner)()
    assert at(log, "inner", "end") - started < 0.5


def test_every_screen_takes_its_turn() -> None:
    screens = [p.stem for p in SCREENS.glob("*.py") if p.stem != "__init__"]
    assert len(screens) == 12
    for name in screens:
        show = importlib.import_module(f"mhhs_dashboard.screens.{name}").show
        assert getattr(show, "one_at_a_time", False), name


def test_working_out_the_meeting_pack_lets_other_page_runs_go(
    sample_env: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    real = data.build_pack

    def slow(*args: object) -> object:
        time.sleep(0.4)  # as the pack at 100x takes seconds
        return real(*args)

    monkeypatch.setattr(data, "build_pack", slow)
    log: list[tuple[str, str, float]] = []
    src = data.source()
    chair = timed(log, "chair", lambda: data.meeting_pack(src, dt.date(2024, 3, 1), "DAG"))  # a pack no one built
    both(chair, timed(log, "viewer", lambda: None), log)
    assert at(log, "viewer", "end") < at(log, "chair", "end")

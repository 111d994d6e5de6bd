"""Page runs one at a time: each screen's `show()` waits for the run before it to finish, at most WAIT_SECONDS.

The server runs each session's page on a thread of its own, and every element a page sends hands the interpreter
lock to the server's event loop, which sends it. With fifty pages running at once the threads spent about as much
again taking the lock from one another: a page's script thread used 12 ms of CPU in a crowd of fifty against
7.5 ms alone (`time.thread_time()` in a scratch copy). One at a time, each run finishes in its 10-20 ms and the
next goes: fifty sessions' p95 fell from 1.0 s to 0.64 s on this 2-core machine (bench/RESULTS.md).

A run that takes longer (a meeting pack worked out cold, seconds at 100x the pack) keeps no one waiting more than
WAIT_SECONDS: after that the next run goes ahead beside it, as every run did before. DuckDB lets go of the
interpreter lock while a query runs, so a run lets go of its turn too (`released`) while it waits on one.
"""

from __future__ import annotations

import contextlib
import functools
import threading
from collections.abc import Callable, Iterator
from typing import ParamSpec, TypeVar

P = ParamSpec("P")
R = TypeVar("R")

WAIT_SECONDS = 1.0
_turn = threading.Lock()
_this = threading.local()  # .holds: whether this thread's run holds the turn


def holds() -> bool:
    """Whether the calling thread's page run holds the turn."""
    return bool(getattr(_this, "holds", False))


def one_at_a_time(show: Callable[P, R]) -> Callable[P, R]:
    """`show` (a screen's layout) run with the turn: after the run before it, or after WAIT_SECONDS of waiting."""

    @functools.wraps(show)
    def run(*args: P.args, **kwargs: P.kwargs) -> R:
        if holds():  # a layout that draws another's within its own run
            return show(*args, **kwargs)
        _this.holds = _turn.acquire(timeout=WAIT_SECONDS)
        try:
            return show(*args, **kwargs)  # st.stop() and st.rerun() leave through here too
        finally:
            if holds():
                _turn.release()
            _this.holds = False

    run.one_at_a_time = True  # type: ignore[attr-defined]  # what the tests look for on every screen
    return run


@contextlib.contextmanager
def released() -> Iterator[None]:
    """Let another page run go while this one waits on work that does not need the interpreter lock (a DuckDB
    query, a store opening); take the turn back after (waiting at most WAIT_SECONDS). A no-op elsewhere."""
    if not holds():
        yield
        return
    _turn.release()
    _this.holds = False
    try:
        yield
    finally:
        _this.holds = _turn.acquire(timeout=WAIT_SECONDS)

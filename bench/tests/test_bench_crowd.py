"""The websocket crowd (bench/crowd.py) against real servers: what it counts as a good load, and as an error."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from bench import browser as bench_browser
from bench import crowd, render

# starts real `streamlit run` servers, so it runs with the browser tests
pytestmark = pytest.mark.browser

RAISES_APP = {
    "app.py": 'import streamlit as st\n\nst.title("Home")\nst.metric("one", 1)\n',
    "pages/boom.py": 'import streamlit as st\n\nst.title("Boom")\nraise RuntimeError("boom")\n',
    "pages/slow.py": 'import time\n\nimport streamlit as st\n\nst.title("Slow")\ntime.sleep(5)\n',
}


def test_three_sessions_load_the_overview_and_the_din_page_with_everything_they_draw(
    server: str, sample_env: Path
) -> None:
    walk = crowd.visits(render.expected_on_screen("app.py"), render.expected_on_screen("pages/dins.py"))
    assert walk[0].want["metrics"] > 0
    assert walk[1].want["charts"] > 0
    loads = crowd.run_all([server], walk, sessions=3, timeout=240)
    assert [(ld.session, ld.page) for ld in loads] == [(n, p) for n in range(3) for p in ("overview", "dins")]
    for ld, visit in zip(loads, walk * 3, strict=True):
        assert ld.error is None, ld
        assert ld.status == crowd.SUCCESS
        assert ld.seconds is not None
        assert ld.seconds > 0
        assert ld.counts == visit.want, ld
    seen = crowd.summary(loads, 3)
    assert (len(seen.times), seen.errors) == (6, [])


def test_an_exception_a_missing_chart_and_a_timeout_are_errors(tmp_path: Path, sample_dir: Path) -> None:
    for name, text in RAISES_APP.items():
        (tmp_path / name).parent.mkdir(exist_ok=True)
        (tmp_path / name).write_text(text, encoding="utf-8")
    port = bench_browser.free_port()
    with bench_browser.serve(tmp_path / "app.py", port, sample_dir, tmp_path / "server.log") as app:
        walk = [
            crowd.Visit("home", "", {"metrics": 1, "charts": 1}),  # draws the metric, not the chart it should
            crowd.Visit("boom", "boom", {"metrics": 0, "charts": 0}),
        ]
        home, boom = crowd.run_all([app.base], walk, sessions=1, timeout=120)
        (slow,) = crowd.run_all([app.base], [crowd.Visit("slow", "slow", {})], sessions=1, timeout=1)
    assert home.counts == {"metrics": 1, "charts": 0}
    assert home.error == "only charts 0 of 1"
    assert boom.error is not None
    assert "1 exception element" in boom.error
    assert boom.seconds is not None  # the run finished: the exception is what makes it an error
    assert slow.error == "timed out after 1 s"
    assert slow.seconds is None
    summary = crowd.summary([home, boom, slow], 1)
    assert len(summary.errors) == 3
    assert len(summary.times) == 2


def test_a_refused_connection_is_an_error_and_the_later_pages_are_not_reached() -> None:
    walk = crowd.visits({"metrics": 1, "charts": 1}, {"metrics": 1, "charts": 1})
    first, second = crowd.run_all([f"http://127.0.0.1:{bench_browser.free_port()}"], walk, sessions=1, timeout=10)
    assert first.error is not None
    assert first.error.startswith("URLError")
    assert second.error == "not reached"
    assert first.seconds is None
    assert second.seconds is None


def test_sessions_spread_over_replicas_and_stay_with_theirs(tmp_path: Path, sample_dir: Path) -> None:
    (tmp_path / "app.py").write_text('import streamlit as st\n\nst.title("Home")\nst.metric("one", 1)\n', "utf-8")
    one, two = bench_browser.free_port(), bench_browser.free_port()
    with (
        bench_browser.serve(tmp_path / "app.py", one, sample_dir, tmp_path / "a.log") as a,
        bench_browser.serve(tmp_path / "app.py", two, sample_dir, tmp_path / "b.log") as b,
    ):
        walk = [crowd.Visit("home", "", {"metrics": 1}), crowd.Visit("again", "", {"metrics": 1})]
        loads = crowd.run_all([a.base, b.base], walk, sessions=3, timeout=120)
        # through the load balancer of deploy/: its cookie goes with each session's websocket, as a browser's does
        with bench_browser.balance(bench_browser.free_port(), (a, b), tmp_path / "haproxy.log") as lb:
            balanced = crowd.run_all([lb], walk, sessions=4, timeout=120)
    assert [ld.error for ld in balanced] == [None] * 8
    sockets = [
        (server, cookie)
        for server, cookie, path in bench_browser.served_by(tmp_path / "haproxy.log")
        if path == "/_stcore/stream"
    ]
    assert sorted(sockets) == [("r1", "r1"), ("r1", "r1"), ("r2", "r2"), ("r2", "r2")]
    assert [(ld.session, ld.server) for ld in loads] == [
        (0, a.base),
        (0, a.base),
        (1, b.base),
        (1, b.base),
        (2, a.base),
        (2, a.base),
    ]
    assert [ld.error for ld in loads] == [None] * 6


def test_cpu_per_view_counts_the_servers_own_cpu_for_each_new_session(tmp_path: Path, sample_dir: Path) -> None:
    from bench import cpu

    (tmp_path / "app.py").write_text(
        'import streamlit as st\n\nst.title("Home")\nst.metric("asked", st.query_params.get("step", "none"))\n',
        "utf-8",
    )
    assert cpu.cpu_seconds(os.getpid()) > 0
    with bench_browser.serve(tmp_path / "app.py", bench_browser.free_port(), sample_dir, tmp_path / "a.log") as a:
        idle = cpu.cpu_seconds(a.proc.pid)
        per_view, wall, errors = cpu.views(a, crowd.Visit("home", "?step=2", {"metrics": 1}), 5)
        assert cpu.cpu_seconds(a.proc.pid) > idle
    assert errors == []
    assert per_view > 0
    assert wall > 0
    # every page of the app is visited by its path, the chair's view at step 2
    paths = [v.url_path for v in cpu.page_visits()]
    assert paths[0] == ""
    assert "present?step=2" in paths
    assert "dins" in paths

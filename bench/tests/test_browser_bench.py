"""Two app servers over one data directory in an object store, behind the load balancer of deploy/ (the replica
design), and the benchmark's new-data step."""

from __future__ import annotations

import collections
from pathlib import Path

import pytest

from bench import browser as bench_browser
from bench import render
from mhhs_dashboard import sample
from tests.fixtures import ROOT, free_port

pytestmark = pytest.mark.browser


def pinned_to(context: object) -> str:
    """The replica the load balancer's cookie pins this browser to."""
    return {c["name"]: c["value"] for c in context.cookies()}.get("MHHS_REPLICA", "")  # type: ignore[attr-defined]


def static_response(response: object, into: list[tuple[str, str]]) -> None:
    """Note a /static/ response's path and its X-Cache-Status header (HIT when the load balancer's cache answered)."""
    path = "/" + response.url.split("/", 3)[3]  # type: ignore[attr-defined]
    if path.startswith("/static/"):
        into.append((path, response.headers.get("x-cache-status", "")))  # type: ignore[attr-defined]


def test_replicas_behind_the_load_balancer_pin_each_browser_and_a_reload_survives_losing_one(
    sample_env: Path, s3_dir: str, tmp_path: Path, browser: object
) -> None:
    """deploy/haproxy.cfg in front of two servers reading the embedded data from a local S3 server (that a folder
    and the object store give the same figures is tests/test_object_store.py)."""
    if not Path(bench_browser.HAPROXY).exists():
        pytest.fail(f"{bench_browser.HAPROXY} is missing: install Debian's haproxy (apt-get install haproxy)")
    want = render.expected_on_screen("app.py")  # what the overview draws on this data (the folder), by AppTest
    sample.write_sample(s3_dir)
    log = tmp_path / "haproxy.log"
    with (
        bench_browser.serve(ROOT / "app.py", free_port(), s3_dir, tmp_path / "r1.log") as r1,
        bench_browser.serve(ROOT / "app.py", free_port(), s3_dir, tmp_path / "r2.log") as r2,
        bench_browser.balance(free_port(), (r1, r2), log) as lb,
    ):
        viewers = [browser.new_context() for _ in range(2)]  # type: ignore[attr-defined]
        statics: list[list[tuple[str, str]]] = [[], []]  # each viewer's /static/ responses: (path, X-Cache-Status)
        for viewer, got in zip(viewers, statics, strict=True):
            viewer.on("response", lambda r, got=got: static_response(r, got))
        shown = [bench_browser.metrics_on(v, lb + "/", want) for v in viewers]
        assert len(shown[0]) == want["metrics"]
        assert shown[0]["DINs recorded"] == "1,029"
        assert shown[0] == shown[1]
        # Streamlit's frontend comes from the load balancer's cache once a first visit has fetched it: the second
        # browser's first visit (a fresh profile, nothing cached) gets every file from HAProxy, none from Python
        assert len(statics[0]) > 20
        assert {how for _, how in statics[0]} <= {"MISS", "HIT"}
        assert len(statics[1]) > 20
        assert {how for _, how in statics[1]} == {"HIT"}
        cached = collections.Counter(path for server, _, path in bench_browser.served_by(log) if server == "<CACHE>")
        assert cached >= collections.Counter(path for path, _ in statics[1])  # HAProxy's log: answered by its cache
        # a download is a file the session's own replica holds, fetched by a request of its own
        page = viewers[1].new_page()
        page.goto(lb + "/actions")
        button = page.get_by_role("button", name="Download CSV")
        button.wait_for(timeout=120_000)
        with page.expect_download(timeout=120_000) as got:
            button.click()
        assert Path(got.value.path()).read_text(encoding="utf-8-sig").count("\n") == 8  # a header and 7 actions
        # one browser on each replica, and every request a browser sent with its cookie reached that replica,
        # the page's websocket (where its session lives) and the download included
        assert sorted(pinned_to(v) for v in viewers) == ["r1", "r2"]
        requests = bench_browser.served_by(log)
        assert any(path.startswith("/media/") and cookie for _, cookie, path in requests)
        # (/static/ excepted: the same files on every replica, and the cache answers for them)
        assert [r for r in requests if r[1] and r[0] != r[1] and not r[2].startswith("/static/")] == []
        assert {server for server, cookie, path in requests if path == "/_stcore/stream" and cookie} == {"r1", "r2"}

        # the replica the first browser is pinned to stops: its next page load lands on the other, and the same
        # link shows the same view there
        lost, kept = (r1, "r2") if pinned_to(viewers[0]) == "r1" else (r2, "r1")
        lost.proc.terminate()
        lost.proc.wait(timeout=15)
        link = lb + "/?release=Interim+Release+7.1"
        after = bench_browser.metrics_on(viewers[0], link, want)
        assert pinned_to(viewers[0]) == kept
        assert after == bench_browser.metrics_on(viewers[1], link, want)
        assert after["DINs recorded"] != shown[0]["DINs recorded"]  # the link's filter holds
        for v in viewers:
            v.close()


def test_new_data_reaches_an_open_page_and_the_benchmark_times_it(
    live_dir: Path, tmp_path: Path, browser: object, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("MHHS_POLL_SECONDS", "3")  # the server's page polls every 3 s, not 15
    want = render.expected_on_screen("pages/dins.py")
    with bench_browser.serve(ROOT / "app.py", free_port(), live_dir, tmp_path / "app.log") as app:
        drawn, (arrival,) = bench_browser.new_data_while_open(app, app.base + "/dins", want, live_dir, 1, browser)
    assert arrival.as_at == "2024-05-07"  # a week after the newest DIN log (30 Apr)
    assert arrival.shown_after is not None
    assert arrival.shown_after < 15  # polls every 3 s: seen, prepared, then shown at the next poll
    assert arrival.busy < arrival.shown_after
    assert drawn > 0
    assert arrival.rss > 0


class Contexts:
    """A browser that counts the contexts opened in it (each a browser profile of its own: cache, cookies)."""

    def __init__(self, browser: object) -> None:
        self.browser = browser
        self.opened: list[object] = []

    def new_context(self, **options: object) -> object:
        ctx = self.browser.new_context(**options)  # type: ignore[attr-defined]
        self.opened.append(ctx)
        return ctx


def test_draw_times_loads_first_visits_in_fresh_contexts_and_a_returning_viewer_in_one(
    tmp_path: Path, browser: object
) -> None:
    with bench_browser.serve(bench_browser.FLOOR_APP, free_port(), tmp_path, tmp_path / "floor.log") as floor:
        wants = {floor.base + "/": bench_browser.FLOOR_WANTS}  # the floor page: quick to draw
        for returning, contexts in ((False, 2), (True, 1)):  # one uncounted load, then one timed
            counted = Contexts(browser)
            times = bench_browser.draw_times(wants, runs=1, returning=returning, browser=counted)
            (timed,) = times.values()
            assert len(timed) == 1
            assert timed[0] > 0
            assert len(counted.opened) == contexts

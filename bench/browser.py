"""Real servers and headless chromium: time to the last chart drawn; what many sessions at once saw (Crowd)."""

from __future__ import annotations

import contextlib
import os
import statistics
import subprocess
import time
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from bench import scaled
from mhhs_dashboard.blocks import TILE_SELECTOR
from tests.serving import (  # noqa: F401 - the one recipe the tests use too; bench.run, soak and store_bench take it from here
    CHROMIUM,
    CHROMIUM_ARGS,
    ROOT,
    Server,
    free_port,
    rss_bytes,
    serve,
    wait_healthy,
)

LOAD_BALANCER = ROOT / "deploy" / "haproxy.cfg"
HAPROXY = "/usr/sbin/haproxy"  # Debian's (apt-get install haproxy)
FLOOR_APP = Path(__file__).resolve().parent / "floor_app" / "floor.py"
# what is on screen: the script-run state, the metric tiles shown and the Plotly charts with their SVG drawn
ON_SCREEN = """() => {
  const app = document.querySelector('[data-testid="stApp"]');
  return {
    state: app ? app.getAttribute('data-test-script-state') : null,
    metrics: document.querySelectorAll('$TILE_VALUES').length,
    charts: [...document.querySelectorAll('[data-testid="stPlotlyChart"]')].filter(c => c.querySelector('.main-svg'))
      .length,
    titled: !!document.querySelector('[data-testid="stMain"] h1'),
  };
}""".replace("$TILE_VALUES", TILE_SELECTOR["value"])
# drawn: the script run has finished and the page shows the metrics and charts it is known to have (from an
# AppTest run on the same data): element components load lazily, so "finished" alone comes long before the
# charts are drawn on a busy machine
FLOOR_WANTS = {"metrics": 1, "charts": 1}
DRAWN = (
    "(want) => { const now = ("
    + ON_SCREEN
    + ")(); return now.state === 'notRunning' && now.titled"
    + " && now.metrics >= want.metrics && now.charts >= want.charts; }"
)
LOAD_TIMEOUT_MS = 300_000
VIEWPORT = {"width": 1400, "height": 1000}


@contextlib.contextmanager
def balance(port: int, replicas: tuple[Server, Server], log: Path) -> Iterator[str]:
    """HAProxy on 127.0.0.1:port with deploy/haproxy.cfg in front of two replicas; its base URL. `log` gets a
    line per request: the replica that served it, then the replica cookie the browser sent (in braces)."""
    env = {"MHHS_LB_BIND": f"127.0.0.1:{port}"}
    env |= {f"MHHS_REPLICA_{n}": r.base.removeprefix("http://") for n, r in enumerate(replicas, start=1)}
    with log.open("wb") as out:
        proc = subprocess.Popen(  # noqa: S603 - Debian's haproxy on our own config
            [HAPROXY, "-db", "-f", str(LOAD_BALANCER)], env={**os.environ, **env}, stdout=out, stderr=out
        )
        try:
            base = f"http://127.0.0.1:{port}"
            wait_healthy(base)
            yield base
        finally:
            proc.terminate()
            proc.wait(timeout=15)


def served_by(log: Path) -> list[tuple[str, str, str]]:
    """Each request in the log of `balance`: (replica that served it, replica cookie the browser sent or "", path)."""
    rows = []
    for line in log.read_text().splitlines():
        parts = line.split()
        if len(parts) >= 4 and parts[1].startswith("{") and parts[1].endswith("}"):
            rows.append((parts[0], parts[1][1:-1], parts[3]))
    return rows


def draw_times(
    wants: dict[str, dict[str, int]], runs: int, returning: bool = False, browser: object | None = None
) -> dict[str, list[float]]:
    """Seconds from navigation to the last chart drawn per URL, each load a new page (a new session).

    First visits (the default): each load in a fresh context, so the browser fetches and compiles every script.
    `returning`: every load in one context, whose cache keeps the scripts (compiled) from one load to the next,
    as a viewer's own browser does from one week to the next.

    `wants` maps each URL to the metrics and charts it draws. One load per URL first warms the server's caches
    (and, returning, the browser's) and is not counted. The loads are interleaved (a, b, c, a, b, c, ...) so that
    noise falls on all alike.
    """
    times: dict[str, list[float]] = {url: [] for url in wants}
    with chromium(browser) as b:
        kept = b.new_context(viewport=VIEWPORT) if returning else None  # type: ignore[attr-defined]
        for i in range(runs + 1):
            for url, want in wants.items():
                ctx = kept or b.new_context(viewport=VIEWPORT)  # type: ignore[attr-defined]
                page = ctx.new_page()
                t = time.perf_counter()
                page.goto(url, wait_until="commit", timeout=LOAD_TIMEOUT_MS)
                page.wait_for_function(DRAWN, arg=want, timeout=LOAD_TIMEOUT_MS, polling=20)
                if i:
                    times[url].append(time.perf_counter() - t)
                page.close()
                if ctx is not kept:
                    ctx.close()
        if kept:
            kept.close()
    return times


@dataclass
class Crowd:
    """What many sessions at once saw (bench/crowd.py): seconds per finished page load, and the errors."""

    sessions: int
    times: list[float]
    errors: list[str]

    @property
    def p50(self) -> float:
        return statistics.median(self.times) if self.times else float("nan")

    @property
    def p95(self) -> float:
        if len(self.times) < 2:
            return self.times[0] if self.times else float("nan")
        return statistics.quantiles(self.times, n=20, method="inclusive")[18]

    @property
    def slowest(self) -> float:
        return max(self.times, default=float("nan"))


@contextlib.contextmanager
def chromium(browser: object | None = None) -> Iterator[object]:
    """`browser` if given (an already launched Playwright browser: a test's), else chromium launched here and
    closed afterwards (Playwright's sync API runs one at a time in a thread)."""
    if browser is not None:
        yield browser
        return
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        own = p.chromium.launch(executable_path=CHROMIUM, headless=True, args=CHROMIUM_ARGS)
        try:
            yield own
        finally:
            own.close()


def overview_metrics(urls: list[str], want: dict[str, int], browser: object | None = None) -> list[dict[str, str]]:
    """The metric tiles (label -> value) each URL shows once it has drawn what `want` says (`browser`: see
    `chromium`)."""
    with chromium(browser) as b:
        return [metrics_on(b, url, want) for url in urls]


def metrics_on(browser: object, url: str, want: dict[str, int]) -> dict[str, str]:
    """The metric tiles (label -> value) `url` shows in a new page of `browser` (or of one of its contexts, which
    keeps its cookies from page to page) once it has drawn what `want` says."""
    page = browser.new_page()  # type: ignore[attr-defined]
    try:
        page.goto(url, wait_until="commit", timeout=LOAD_TIMEOUT_MS)
        page.wait_for_function(DRAWN, arg=want, timeout=LOAD_TIMEOUT_MS, polling=50)
        labels = page.locator(TILE_SELECTOR["label"]).all_inner_texts()
        values = page.locator(TILE_SELECTOR["value"]).all_inner_texts()
        return dict(zip(labels, values, strict=True))
    finally:
        page.close()


@dataclass(frozen=True)
class Arrival:
    """One new snapshot landing while a page is open: when it showed, and how long the page was busy."""

    as_at: str
    shown_after: float | None  # seconds from the write to the page naming the new as-at date; None: never
    busy: float  # seconds of that the page's script was running (a rerun the viewer waits on)
    rss: int  # the server's resident memory a few seconds after it showed


def new_data_while_open(
    server: Server, url: str, want: dict[str, int], data_dir: Path, count: int, browser: object | None = None
) -> tuple[int, list[Arrival]]:
    """Open `url` in chromium and, `count` times, write a new DIN-log snapshot a week after the newest (the
    newest's rows again: a new data version all the same), then watch the page until its sidebar names it.
    Returns the server's RSS once the page was drawn, and what each arrival did."""
    state = "document.querySelector('[data-testid=\"stApp\"]').getAttribute('data-test-script-state')"
    arrivals = []
    with chromium(browser) as b:
        page = b.new_page(viewport={"width": 1400, "height": 1000})  # type: ignore[attr-defined]
        try:
            page.goto(url, wait_until="commit", timeout=LOAD_TIMEOUT_MS)
            page.wait_for_function(DRAWN, arg=want, timeout=LOAD_TIMEOUT_MS, polling=50)
            drawn_rss = rss_bytes(server.proc.pid)
            for _ in range(count):
                as_at = scaled.add_week(data_dir)
                written = last = time.perf_counter()
                busy, shown, label = 0.0, None, f"{as_at:%d %b %Y}"
                while shown is None and last - written < 180:
                    time.sleep(0.05)
                    running = page.evaluate(state) == "running"
                    now = time.perf_counter()
                    busy += (now - last) if running else 0.0
                    last = now
                    if label in page.inner_text('[data-testid="stSidebar"]'):
                        shown = now - written
                time.sleep(3)
                arrivals.append(Arrival(as_at.isoformat(), shown, busy, rss_bytes(server.proc.pid)))
        finally:
            page.close()
    return drawn_rss, arrivals

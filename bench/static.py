"""What a first visit's static files (Streamlit's frontend, /static/) cost the Python server, with and without the
cache of deploy/haproxy.cfg in front of it."""

from __future__ import annotations

import contextlib
import statistics
import time
import urllib.request
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

from bench import browser
from bench.cpu import cpu_seconds


@dataclass
class Visit:
    """One first visit (a fresh browser context): the server's CPU across it and its /static/ responses."""

    cpu: float  # seconds of the app server's CPU from navigation to drawn (the page's render included)
    static: list[tuple[str, str, int]] = field(default_factory=list)  # (path, X-Cache-Status or "", bytes)

    @property
    def hits(self) -> int:
        return sum(how == "HIT" for _, how, _ in self.static)

    @property
    def megabytes(self) -> float:
        return sum(n for *_, n in self.static) / 1e6


def first_visit(pb: object, server: browser.Server, url: str, want: dict[str, int], idle: float = 0.0) -> Visit:
    """Open `url` in a fresh context of the Playwright browser `pb` until drawn; what the server spent meanwhile
    (less `idle` CPU seconds per second: what it spends at rest, on health checks)."""
    ctx = pb.new_context(viewport=browser.VIEWPORT)  # type: ignore[attr-defined]
    seen: list[tuple[str, str, int]] = []

    def on_response(r: object) -> None:
        path = "/" + r.url.split("/", 3)[3] if r.url.count("/") >= 3 else r.url  # type: ignore[attr-defined]
        if path.startswith("/static/"):
            h = r.headers  # type: ignore[attr-defined]
            seen.append((path, h.get("x-cache-status", ""), int(h.get("content-length", 0))))

    ctx.on("response", on_response)
    try:
        page = ctx.new_page()
        before, t = cpu_seconds(server.proc.pid), time.perf_counter()
        page.goto(url, wait_until="commit", timeout=browser.LOAD_TIMEOUT_MS)
        page.wait_for_function(browser.DRAWN, arg=want, timeout=browser.LOAD_TIMEOUT_MS, polling=50)
        time.sleep(0.5)  # late requests (fonts, lazy chunks) and the server's accounting settle
        spent = cpu_seconds(server.proc.pid) - before - idle * (time.perf_counter() - t)
        return Visit(max(0.0, spent), seen)  # less than the idle rate: nothing beyond the health checks
    finally:
        ctx.close()


def fetch_all(base: str, paths: list[str], server: browser.Server, idle: float = 0.0) -> float:
    """Fetch `paths` from `base` one after the other; the server's CPU seconds meanwhile (less `idle` per second)."""
    before, t = cpu_seconds(server.proc.pid), time.perf_counter()
    for path in paths:
        with urllib.request.urlopen(base + path, timeout=60) as r:  # noqa: S310 - loopback
            r.read()
    time.sleep(0.2)
    return max(0.0, cpu_seconds(server.proc.pid) - before - idle * (time.perf_counter() - t))


def at_rest(server: browser.Server, seconds: float = 3.0) -> float:
    """The server's CPU seconds per second while nothing but health checks reaches it."""
    before = cpu_seconds(server.proc.pid)
    time.sleep(seconds)
    return (cpu_seconds(server.proc.pid) - before) / seconds


@dataclass
class StaticCost:
    """First visits straight to the server and through the cache; the static files alone fetched both ways."""

    direct: list[Visit]
    cached: list[Visit]
    files_direct: list[float]  # server CPU seconds to serve one visit's /static/ files, fetched straight
    files_cached: list[float]  # the same files through the load balancer, its cache filled
    idle: float  # the server's CPU seconds per second at rest with the load balancer's health checks


@contextlib.contextmanager
def behind_cache(server: browser.Server, port: int, log: Path) -> Iterator[str]:
    """deploy/haproxy.cfg in front of `server` (as both of its replicas): its base URL."""
    with browser.balance(port, (server, server), log) as lb:
        yield lb


def measure(
    server: browser.Server, url_path: str, want: dict[str, int], runs: int, lb_port: int, log: Path
) -> StaticCost:
    """`runs` first visits of `url_path` straight to `server`, then `runs` through the cache (after one uncounted
    visit that fills it); then one visit's /static/ files fetched alone, both ways, `runs` times each."""
    with browser.chromium() as pb:
        first_visit(pb, server, server.base + url_path, want)  # the server's caches warm, uncounted
        direct = [first_visit(pb, server, server.base + url_path, want) for _ in range(runs)]
        paths = sorted({p for p, _, _ in direct[0].static})
        files_direct = [fetch_all(server.base, paths, server) for _ in range(runs)]
        with behind_cache(server, lb_port, log) as lb:
            idle = at_rest(server)
            first_visit(pb, server, lb + url_path, want)  # fills HAProxy's cache, uncounted
            cached = [first_visit(pb, server, lb + url_path, want, idle) for _ in range(runs)]
            files_cached = [fetch_all(lb, paths, server, idle) for _ in range(runs)]
    return StaticCost(direct, cached, files_direct, files_cached, idle)


def section(cost: StaticCost, page: str) -> list[str]:
    """Markdown: the two ways a first visit reaches the server, side by side."""
    ms = 1000

    def row(label: str, visits: list[Visit], files: list[float]) -> str:
        cpu = statistics.median(v.cpu for v in visits)
        n = statistics.median(len(v.static) for v in visits)
        hits = statistics.median(v.hits for v in visits)
        mb = statistics.median(v.megabytes for v in visits)
        return (
            f"| {label} | {cpu * ms:.0f} | {', '.join(f'{v.cpu * ms:.0f}' for v in visits)} | {n:.0f} | {hits:.0f} "
            f"| {mb:.1f} | {statistics.median(files) * ms:.0f} |"
        )

    return [
        f"## Static assets of a first visit (the {page}, headless chromium, each visit a fresh browser context)",
        "",
        "Server CPU: the app server's CPU time from navigation to the page drawn (its render included), median of "
        "the runs. Static files alone: the same visit's /static/ files fetched one after the other by a plain "
        "HTTP client, and the server's CPU meanwhile. Through the cache: deploy/haproxy.cfg in front of the same "
        "server, after one uncounted visit that filled HAProxy's cache (X-Cache-Status: HIT on a response it "
        "answered itself). Through the cache, the server's CPU at rest (the load balancer's health checks: "
        f"{cost.idle * 1000:.1f} ms per second) is taken off.",
        "",
        "| first visit | server CPU (ms) | runs (ms) | /static/ requests | from the cache | MB | static files alone: "
        "server CPU (ms) |",
        "|---|---:|---|---:|---:|---:|---:|",
        row("straight to the Python server", cost.direct, cost.files_direct),
        row("through deploy/haproxy.cfg (its cache)", cost.cached, cost.files_cached),
        "",
    ]

"""Server CPU per page view: the `streamlit run` process's CPU time across N views, each a new session.

    python -m bench.cpu [--scale 100] [--weeks 52] [--views 10] [--rounds 3] [--pages groups,dins] [--no-1x]

Wall time on a shared machine says more about the neighbours than about the page; the CPU time the server
process spends (user + system, every thread: the script thread, the event loop, the websocket writes) is what a
page costs whoever else is running. Each view is what a viewer opening a link does: a new websocket session
(bench/crowd.py) asking for the page by its path, read until its run finishes. Every page has one uncounted view
first (its data cache warm, as a second viewer finds it). The floor page (bench/floor_app: one metric, one chart,
constant data) is measured on a server of its own in the same rounds, interleaved with the pages, so a ratio to it
compares like with like.
"""

from __future__ import annotations

import argparse
import contextlib
import os
import statistics
import sys
import tempfile
import time
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from bench import browser, crowd, render, scaled

TICK = os.sysconf("SC_CLK_TCK")
# the pages' views: every page of pages/ by its path; the chair's step 2 as the issue measures it
FLOOR = "floor page"


def cpu_seconds(pid: int) -> float:
    """User + system CPU time of process `pid` so far (all its threads), from /proc/<pid>/stat."""
    fields = Path(f"/proc/{pid}/stat").read_text().rpartition(")")[2].split()
    return (int(fields[11]) + int(fields[12])) / TICK  # utime, stime: fields 14 and 15 of stat(5)


def page_visits(root: Path = render.ROOT) -> list[crowd.Visit]:
    """One visit per page: app.py at "", pages/x.py at "x" (the chair's view at its step 2)."""
    visits = []
    for script in render.page_scripts(root):
        stem = Path(script).stem
        path = "" if script == "app.py" else stem
        path = "present?step=2" if stem == "present" else path
        visits.append(crowd.Visit("/" + path, path, {}))
    return visits


@dataclass
class PageCpu:
    """Server CPU per view (seconds) of one page, one figure per round."""

    page: str
    rounds: list[float] = field(default_factory=list)
    wall: list[float] = field(default_factory=list)  # seconds per view, the client's clock
    errors: list[str] = field(default_factory=list)

    @property
    def per_view(self) -> float:
        return statistics.median(self.rounds) if self.rounds else float("nan")


def views(server: browser.Server, visit: crowd.Visit, n: int) -> tuple[float, float, list[str]]:
    """`n` views of `visit`, one after the other, each a new session: (server CPU s per view, wall s per view,
    errors)."""
    pid = server.proc.pid
    before, t = cpu_seconds(pid), time.perf_counter()
    errors = []
    for _ in range(n):
        (load,) = crowd.run_all([server.base], [visit], 1, timeout=120)
        if load.error:
            errors.append(f"{visit.name}: {load.error}")
    wall = time.perf_counter() - t
    time.sleep(0.2)  # the closed sessions' clean-up is the views' cost too
    return (cpu_seconds(pid) - before) / n, wall / n, errors


@dataclass
class CpuRun:
    """One run of the CPU step: per page at 1x (None when skipped) and at the scale, and the floor's."""

    scale: int
    small: dict[str, PageCpu] | None
    big: dict[str, PageCpu]
    floor: PageCpu
    views: int
    rounds: int


@contextlib.contextmanager
def servers(
    embedded: Path | None, big: Path, logs: Path
) -> Iterator[tuple[browser.Server | None, browser.Server, browser.Server]]:
    """The app over the embedded data (unless None), the app over `big`, and the floor app."""
    with contextlib.ExitStack() as stack:
        small = None
        if embedded is not None:
            small = stack.enter_context(browser.serve(render.APP, browser.free_port(), embedded, logs / "cpu-1x.log"))
        app = stack.enter_context(browser.serve(render.APP, browser.free_port(), big, logs / "cpu-big.log"))
        flo = stack.enter_context(browser.serve(browser.FLOOR_APP, browser.free_port(), big, logs / "cpu-floor.log"))
        yield small, app, flo


def run(
    embedded: Path | None, big: Path, scale: int, logs: Path, n: int, rounds: int, only: Sequence[str] = ()
) -> CpuRun:
    """The CPU step: every page (or those named in `only`, by path without the slash) at 1x and at `scale`,
    beside the floor page, on three servers."""
    pages = [v for v in page_visits() if not only or v.url_path.partition("?")[0] in only]
    floor_visit = crowd.Visit(FLOOR, "", {})
    with servers(embedded, big, logs) as (small, app, flo):
        targets = [(flo, floor_visit), *((app, v) for v in pages)]
        if small is not None:
            targets += [(small, v) for v in pages]
        # the same page on two servers: keyed apart by which server it ran on
        got: dict[str, PageCpu] = {}
        for server, visit in targets:
            got.setdefault(f"{visit.name}@{server.base}", PageCpu(visit.name))
        for server, visit in targets:
            crowd.run_all([server.base], [visit], 1, timeout=300)  # warm, uncounted
        for _ in range(rounds):
            for server, visit in targets:
                cpu, wall, errors = views(server, visit, n)
                one = got[f"{visit.name}@{server.base}"]
                one.rounds.append(cpu)
                one.wall.append(wall)
                one.errors += errors
    big_pages = {v.name: got[f"{v.name}@{app.base}"] for v in pages}
    small_pages = {v.name: got[f"{v.name}@{small.base}"] for v in pages} if small is not None else None
    return CpuRun(scale, small_pages, big_pages, got[f"{FLOOR}@{flo.base}"], n, rounds)


TARGET = 2.5  # every page's warm server CPU per view within 2.5x of the floor page's (issue #25)
GROWTH = 1.5  # no page's cost at 100x beyond 1.5x its own at 1x


def targets(r: CpuRun) -> list[str]:
    """The CPU targets' verdicts, one line each."""
    floor = r.floor.per_view
    worst = max(r.big.values(), key=lambda p: p.per_view)
    over = [f"`{p.page}` {p.per_view / floor:.2f}x" for p in r.big.values() if p.per_view > TARGET * floor]
    lines = [
        f"Every page's server CPU per warm view within {TARGET}x of the floor page's ({floor * 1000:.1f} ms): "
        f"{'met' if not over else '**missed**'} (worst `{worst.page}`, {worst.per_view / floor:.2f}x; over: "
        f"{', '.join(over) or 'none'})."
    ]
    if r.small:
        grew = {n: r.big[n].per_view / r.small[n].per_view for n in r.big if r.small[n].per_view}
        name, most = max(grew.items(), key=lambda kv: kv[1])
        lines.append(
            f"No page's cost at {r.scale}x beyond {GROWTH}x its own at 1x: {'met' if most <= GROWTH else '**missed**'} "
            f"(most `{name}`, {most:.2f}x)."
        )
    return lines


def section(r: CpuRun) -> list[str]:
    """Markdown: per page, CPU per view at 1x and at the scale, the ratio to the floor, and the growth."""
    ms = 1000
    floor = r.floor.per_view
    lines = [
        f"## Server CPU per view ({r.scale}x; websocket sessions: `bench/cpu.py`)",
        "",
        f"The `streamlit run` process's CPU time (user + system, all threads) across {r.views} views of a page, each "
        f"a new session, divided by {r.views}: the median of {r.rounds} rounds, the pages interleaved within each "
        "round, after one uncounted view of each (its data cache warm). The floor page (one metric, one chart, "
        "constant data: `bench/floor_app`) ran on a server of its own in the same rounds: "
        f"**{floor * ms:.1f} ms** per view (rounds: {', '.join(f'{x * ms:.1f}' for x in r.floor.rounds)}). "
        "Wall: the client's seconds per view, which on a shared machine includes waiting for the cores.",
        "",
        f"| page | 1x (ms) | {r.scale}x (ms) | rounds at {r.scale}x (ms) | {r.scale}x / floor | {r.scale}x / 1x "
        f"| wall at {r.scale}x (ms) | errors |",
        "|---|---:|---:|---|---:|---:|---:|---:|",
    ]
    for name, big in r.big.items():
        small = r.small[name] if r.small else None
        one = f"{small.per_view * ms:.1f}" if small else "-"
        growth = f"{big.per_view / small.per_view:.2f}" if small and small.per_view else "-"
        errors = len(big.errors) + (len(small.errors) if small else 0)
        lines.append(
            f"| `{name}` | {one} | {big.per_view * ms:.1f} | {', '.join(f'{x * ms:.1f}' for x in big.rounds)} | "
            f"{big.per_view / floor:.2f} | {growth} | {statistics.median(big.wall) * ms:.0f} | {errors} |"
        )
    lines += ["", *targets(r)]
    errors = [e for p in [*r.big.values(), *(r.small or {}).values()] for e in p.errors][:5]
    return [*lines, f"Errors (first 5): {'; '.join(errors) or 'none'}.", ""]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m bench.cpu", description=__doc__.splitlines()[0])
    parser.add_argument("--scale", type=int, default=100)
    parser.add_argument("--weeks", type=int, default=52)
    parser.add_argument("--views", type=int, default=10, help="views per page per round")
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--pages", default="", help="comma-separated paths without the slash ('' = overview)")
    parser.add_argument("--no-1x", action="store_true", help="skip the embedded data")
    args = parser.parse_args(argv)
    only = args.pages.split(",") if args.pages else []
    from mhhs_dashboard import sample

    with tempfile.TemporaryDirectory(prefix="mhhs-cpu-") as tmp:
        root = Path(tmp)
        (root / "logs").mkdir()
        embedded = None if args.no_1x else root / "embedded"
        if embedded is not None:
            sample.write_sample(embedded)
        scaled.write_scaled(root / "big", args.scale, args.weeks)
        os.environ["MHHS_DATA_DIR"] = str(root / "big")
        result = run(embedded, root / "big", args.scale, root / "logs", args.views, args.rounds, only)
    print(f"Load average (1, 5, 15 min) at the end: {', '.join(f'{x:.2f}' for x in os.getloadavg())}")
    print("\n".join(section(result)))
    return 0


if __name__ == "__main__":
    sys.exit(main())

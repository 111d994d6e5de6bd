"""The benchmark suite: `python -m bench [--quick]` measures everything and writes bench/RESULTS.md."""

from __future__ import annotations

import argparse
import collections
import contextlib
import dataclasses
import datetime as dt
import importlib.metadata
import json
import logging
import os
import platform
import statistics
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

from bench import browser, cpu, crowd, frame_cost, render, scaled, static
from mhhs_dashboard import sample

HERE = Path(__file__).resolve().parent
RESULTS = HERE / "RESULTS.md"
QUICK_RESULTS = HERE / "RESULTS-quick.md"
INGEST = HERE / "ingest_bench.py"
PORTS = (8690, 8691, 8692, 8693)  # app, floor app, second replica, load balancer
PARTIAL = "*The run was still going when this was written: the sections after this line are missing.*\n"
LIBRARIES = ("streamlit", "duckdb", "pandas", "plotly", "pyarrow", "playwright")


@dataclass(frozen=True)
class Plan:
    """How much to measure."""

    scale: int
    weeks: int
    runs: int
    sessions: int
    browser_runs: int
    # views per page per round of the CPU step (bench/cpu.py): the kernel counts a process's CPU time in ticks of
    # 10 ms, so 20 views of the 4-5 ms floor page were 8-10 ticks (a tick more or less moved the floor by 12%)
    cpu_views: int
    cpu_rounds: int
    quick: bool = False  # leave out the slow sections that the targets do not judge (store, ingest, new data)


FULL = Plan(scale=100, weeks=52, runs=5, sessions=50, browser_runs=5, cpu_views=60, cpu_rounds=3)
QUICK = Plan(scale=10, weeks=6, runs=1, sessions=10, browser_runs=1, cpu_views=3, cpu_rounds=1, quick=True)
CROWD_FLOOR_RATIO = 4  # the crowd's p95 within 4x of the floor page's crowd in the same run (issue #25)


def machine() -> list[str]:
    """Lines describing the machine: CPUs, model, RAM, load, Python and library versions."""
    model = next(
        (ln.split(":", 1)[1].strip() for ln in Path("/proc/cpuinfo").read_text().splitlines() if "model name" in ln),
        platform.processor() or "unknown",
    )
    mem = next(ln.split()[1] for ln in Path("/proc/meminfo").read_text().splitlines() if ln.startswith("MemTotal"))
    libs = ", ".join(f"{n} {importlib.metadata.version(n)}" for n in LIBRARIES)
    try:
        chromium = subprocess.run(  # noqa: S603 - a fixed path, no shell
            [browser.CHROMIUM, "--version"], capture_output=True, text=True, timeout=30, check=False
        ).stdout.strip()
    except OSError:
        chromium = "not installed"
    return [
        f"- CPU: {os.cpu_count()} x {model}; RAM {int(mem) / 1024**2:.1f} GiB; {platform.platform()}",
        f"- Python {platform.python_version()}; {libs}; {chromium}",
        f"- Load average at start (1, 5, 15 min): {', '.join(f'{x:.2f}' for x in os.getloadavg())}",
    ]


def verdict(ok: bool) -> str:
    return "met" if ok else "**missed**"


def render_table(title: str, first: float, timings: list[render.PageTiming]) -> list[str]:
    """Markdown for one data set's page timings."""
    lines = [
        f"#### {title}",
        "",
        f"First render of the overview with every cache empty (opens the store): {first:.2f} s",
        "",
        "| page | cold (s) | warm (s) | floor (s) | warm / floor | queries / cold render | queries per render "
        "| slowest query (cold) | after new data, warmed (s) | queries / that render |",
        "|---|---:|---:|---:|---:|---:|---:|---|---:|---:|",
    ]
    for t in timings:
        miss = f" ({t.misses} floor misses)" if t.misses else ""
        lines.append(
            f"| {t.page} | {t.cold:.3f} | {t.warm:.3f} | {t.floor:.3f} | {t.warm / t.floor:.2f} | "
            f"{t.query_share:.0%} | {t.queries}{miss} | {t.slowest} | {t.warmed:.3f} | {t.warmed_share:.0%} |"
        )
    return [*lines, ""]


def measure_renders(data_dir: Path, runs: int) -> tuple[float, list[render.PageTiming]]:
    os.environ["MHHS_DATA_DIR"] = str(data_dir)
    return render.time_pages(runs)


def store_section(data_dir: Path, scale: int) -> list[str]:
    """Opening the store over the scaled data in a fresh process (bench/store_bench.py): time, memory, history."""
    args = [sys.executable, str(HERE / "store_bench.py"), str(data_dir)]
    done = subprocess.run(args, capture_output=True, text=True, cwd=HERE.parent, check=False, timeout=600)  # noqa: S603
    if done.returncode != 0:
        return [f"bench/store_bench.py failed (exit {done.returncode}):", "", "```", done.stderr[-2000:], "```", ""]
    got = json.loads(done.stdout)
    din = got["tables"]["din_log"]
    return [
        f"### Opening the store ({scale}x, a fresh process)",
        "",
        f"{got['open_seconds']:.2f} s to open; resident memory {got['rss_after_open_mib']:,} MiB after opening, "
        f"{got['peak_rss_mib']:,} MiB at most while opening. The DIN log's {din['snapshots']} snapshots hold "
        f"{din['rows_in_all_snapshots']:,} rows between them; the store keeps {din['rows_kept']:,} (each distinct "
        "row once, with the snapshots it stood in). The next data version, one more weekly DIN-log snapshot, "
        f"opened in {got['next_version_seconds']:.2f} s: the process reads only the new file and carries on "
        "from what it built before.",
        "",
        "The same data (with that extra week) in an object store, a local S3 server (moto, in a process of its "
        f"own, on loopback): opened by its s3:// URL in {got['s3_open_seconds']:.2f} s. Working out the data "
        f"version, one listing of every snapshot, took {got['s3_version_ms']:.1f} ms from there and "
        f"{got['folder_version_ms']:.1f} ms from the folder (median of 7; a page does it at most once a second).",
        "",
    ]


def ingest_section(quick: bool) -> list[str]:
    """What bench/ingest_bench.py reports (or how it failed)."""
    args = [sys.executable, str(INGEST), *(["--rows", "10000", "--repeat", "1"] if quick else [])]
    done = subprocess.run(args, capture_output=True, text=True, cwd=HERE.parent, check=False, timeout=1800)  # noqa: S603
    if done.returncode != 0:
        return [f"bench/ingest_bench.py failed (exit {done.returncode}):", "", "```", done.stderr[-2000:], "```", ""]
    return [done.stdout.strip(), ""]


@dataclass(frozen=True)
class CrowdRun:
    """One crowd of websocket sessions: what they opened, on which servers, what they saw, the servers' peak RSS."""

    label: str
    seen: browser.Crowd
    peak_rss: int  # bytes: the largest of the servers' peaks


def replicas(data_dir: Path, logs: Path, plan: Plan, walk: list[crowd.Visit]) -> tuple[list[str], CrowdRun]:
    """Two app servers on two ports over one data directory: do they show the same overview figures, and what
    does the crowd see when its sessions are spread over both by the load balancer of deploy/ (or, without
    Debian's haproxy, pinned alternately by the client, as a sticky load balancer would)?"""
    balanced = Path(browser.HAPROXY).exists()
    with (
        browser.serve(browser.ROOT / "app.py", PORTS[0], data_dir, logs / "replica-a.log") as a,
        browser.serve(browser.ROOT / "app.py", PORTS[2], data_dir, logs / "replica-b.log") as b,
        browser.balance(PORTS[3], (a, b), logs / "haproxy.log") if balanced else contextlib.nullcontext() as lb,
    ):
        first, second = browser.overview_metrics([a.base + "/", b.base + "/"], render.expected_on_screen("app.py"))
        bases = [lb] if lb else [a.base, b.base]
        crowd.run_all(bases, walk, 2)  # each replica's caches warm, uncounted
        a.peak_rss = b.peak_rss = 0
        seen = crowd.crowd(bases, walk, plan.sessions)
        how = "behind HAProxy (deploy/haproxy.cfg)" if lb else "sessions alternating"
        run = CrowdRun(f"overview, then DIN page; two replicas, {how}", seen, max(a.peak_rss, b.peak_rss))
    same = first == second and bool(first)
    spread = (
        f"by the load balancer of deploy/haproxy.cfg on port {PORTS[3]} (websockets per replica over the whole "
        f"step: {sessions_per_replica(logs / 'haproxy.log')}), each session pinned to one by its cookie"
        if balanced
        else "each session pinned to one by the client (Debian's haproxy is not installed)"
    )
    agree = [
        "## Two replicas, one data directory",
        "",
        f"Two `streamlit run` servers (ports {PORTS[0]} and {PORTS[2]}) over the same scaled data directory "
        f"show {'the same' if same else '**different**'} overview figures ({len(first)} metrics compared). "
        f"The last row of the crowd table above is the same crowd spread over the two {spread}.",
        "",
    ]
    return agree, run


def sessions_per_replica(log: Path) -> str:
    """How many websockets (sessions) HAProxy's log shows each replica taking, e.g. "r1 26, r2 26"."""
    opened = collections.Counter(server for server, _, path in browser.served_by(log) if path == "/_stcore/stream")
    return ", ".join(f"{server} {n}" for server, n in sorted(opened.items())) or "none logged"


def run(plan: Plan, out: Path, quick: bool) -> None:
    started = time.perf_counter()
    lines = [
        "# Benchmark results",
        "",
        f"Written by `python -m bench{' --quick' if quick else ''}` on {dt.datetime.now():%Y-%m-%d %H:%M}. "
        f"Scale {plan.scale}x the pack, {plan.weeks} weekly DIN-log snapshots, {plan.runs} runs per median, "
        f"{plan.sessions} concurrent sessions.",
        "",
        "## Machine",
        "",
        *machine(),
        "",
        "The machine may be shared with other work while this runs: the figures are as measured, and noisy.",
        "",
    ]
    targets: list[str] = []  # one verdict line per target of issue #25, from the sections as they run
    with tempfile.TemporaryDirectory(prefix="mhhs-bench-") as tmp:
        root = Path(tmp)
        embedded, big, logs = root / "embedded", root / "scaled", root / "logs"
        logs.mkdir()
        sample.write_sample(embedded)
        t = time.perf_counter()
        counts = scaled.write_scaled(big, plan.scale, plan.weeks)
        built = time.perf_counter() - t
        lines += [
            "## Data",
            "",
            f"Scaled data set built in {built:.1f} s: "
            + ", ".join(f"{table} {n:,}" for table, n in counts.items())
            + f" rows (latest snapshots); {scaled.snapshot_count(big, 'din_log')} DIN-log snapshots.",
            "",
            "## Server render (AppTest, median)",
            "",
            "cold: data cache cleared before each run (every query runs; the store stays open). "
            "warm: the data cache as a second viewer finds it. floor: the same page with every query answered "
            "from constant in-memory frames recorded in the cold runs (DuckDB never reached). after new data, "
            "warmed: the data cache cleared, then `freshness.warm` run (what the first session to meet a new data "
            "version starts on a thread of its own: the queries viewers asked for most recently), then the page. "
            "The first run of each page is not counted.",
            "",
        ]
        log = logging.getLogger("bench")
        log.info("render: embedded data")
        lines += render_table("Embedded data (1x)", *measure_renders(embedded, plan.runs))
        log.info("render: %sx", plan.scale)
        first, big_timings = measure_renders(big, plan.runs)
        lines += render_table(f"Scaled data ({plan.scale}x)", first, big_timings)
        n, took = render.warm_up()
        lines += [
            f"The warm-up of a new data version at this scale (the {n} queries every page above asked for, run "
            f"by `freshness.warm` with nothing cached, the store already open): {took:.2f} s.",
            "",
        ]
        lines += targets_render(big_timings)
        if not plan.quick:
            lines += store_section(big, plan.scale)
            lines += ["## Ingest", "", *ingest_section(quick)]
        out.write_text("\n".join([*lines, PARTIAL]), encoding="utf-8")  # the slow steps follow

        log.info("server CPU per view")
        try:
            per_view = cpu.run(embedded, big, plan.scale, logs, plan.cpu_views, plan.cpu_rounds)
            lines += cpu.section(per_view)
            targets += cpu.targets(per_view)
        except Exception as e:  # a failed step is reported in the results, the other steps still run
            log.exception("CPU step failed")
            lines += ["## Server CPU per view", "", f"Failed: {type(e).__name__}: {e}", ""]
        try:
            lines += frame_cost.section(frame_cost.run(big, logs, plan.cpu_views, plan.cpu_rounds))
        except Exception as e:  # as above
            log.exception("frame cost step failed")
            lines += ["## This app's own floor", "", f"Failed: {type(e).__name__}: {e}", ""]
        out.write_text("\n".join([*lines, PARTIAL]), encoding="utf-8")

        os.environ["MHHS_DATA_DIR"] = str(big)
        log.info("browser")
        walk = crowd.visits(render.expected_on_screen("app.py"), render.expected_on_screen("pages/dins.py"))
        crowds: list[CrowdRun] = []
        try:
            draws, crowds = browser_and_crowd(big, logs, plan, walk)
            lines += browser_section(draws, plan, targets)
        except Exception as e:  # a failed step is reported in the results, the other steps still run
            log.exception("browser step failed")
            lines += ["## Browser and concurrency", "", f"Failed: {type(e).__name__}: {e}", ""]
        out.write_text("\n".join([*lines, PARTIAL]), encoding="utf-8")
        log.info("replicas")
        try:
            agree, spread = replicas(big, logs, plan, walk)
            crowds.append(spread)
        except Exception as e:  # as above
            log.exception("replica step failed")
            agree = ["## Two replicas, one data directory", "", f"Failed: {type(e).__name__}: {e}", ""]
        if crowds:
            lines += crowd_section(crowds, walk, plan.sessions, targets)
        lines += agree
        log.info("static assets")
        try:
            lines += static_section(big, logs, plan, walk[0], targets)
        except Exception as e:  # as above
            log.exception("static step failed")
            lines += ["## Static assets of a first visit", "", f"Failed: {type(e).__name__}: {e}", ""]
        if not plan.quick:
            log.info("new data")
            try:
                lines += new_data_section(big, logs, walk[1])
            except Exception as e:  # as above
                log.exception("new-data step failed")
                lines += ["## New data while a page is open", "", f"Failed: {type(e).__name__}: {e}", ""]
    load = ", ".join(f"{x:.2f}" for x in os.getloadavg())
    lines += [f"Total benchmark time: {time.perf_counter() - started:.0f} s. Load average at the end: {load}.", ""]
    out.write_text("\n".join(summary(lines, targets, plan)), encoding="utf-8")


def summary(lines: list[str], targets: list[str], plan: Plan) -> list[str]:
    """`lines` with the issue #25 targets' verdicts (one line each, from the sections below) after the machine."""
    at = lines.index("## Machine")
    block = [
        f"## Targets (issue #25, at {plan.scale}x, ratios against the floor page measured in this run)",
        "",
        *(f"- {t}" for t in targets),
        "",
    ]
    return [*lines[:at], *block, *lines[at:]]


def static_section(big: Path, logs: Path, plan: Plan, overview: crowd.Visit, targets: list[str]) -> list[str]:
    """A first visit's /static/ files: what they cost the Python server straight and behind deploy/'s cache."""
    if not Path(browser.HAPROXY).exists():
        return ["## Static assets of a first visit", "", "Not measured: Debian's haproxy is not installed.", ""]
    with browser.serve(browser.ROOT / "app.py", PORTS[0], big, logs / "static.log") as app:
        cost = static.measure(app, "/", overview.want, plan.browser_runs, PORTS[3], logs / "static-haproxy.log")
    hits = all(v.hits == len(v.static) and v.static for v in cost.cached)
    targets.append(
        f"A first visit's static files not served by Python behind deploy/haproxy.cfg: {verdict(hits)} (the "
        f"overview's /static/ files alone cost the server {statistics.median(cost.files_direct) * 1000:.0f} ms of "
        f"CPU straight, {statistics.median(cost.files_cached) * 1000:.0f} ms through the cache)."
    )
    return static.section(cost, "overview")


def browser_and_crowd(
    big: Path, logs: Path, plan: Plan, walk: list[crowd.Visit]
) -> tuple[dict[str, dict[str, list[float]]], list[CrowdRun]]:
    """Draw times beside the floor page (first visits, then a returning viewer's), then many sessions at once
    against the app and against the floor page, on real servers over `big`."""
    with (
        browser.serve(browser.ROOT / "app.py", PORTS[0], big, logs / "app.log") as app,
        browser.serve(browser.FLOOR_APP, PORTS[1], big, logs / "floor.log") as flo,
    ):
        urls = {"overview": app.base + "/", "dins": app.base + "/dins", "floor page": flo.base + "/"}
        wants = {urls["overview"]: walk[0].want, urls["dins"]: walk[1].want, urls["floor page"]: browser.FLOOR_WANTS}
        draws = {}
        for visit, returning in (("first", False), ("returning", True)):
            by_url = browser.draw_times(wants, plan.browser_runs, returning=returning)
            draws[visit] = {name: by_url[url] for name, url in urls.items()}
        logging.getLogger("bench").info("crowd")
        runs = []
        # chromium has closed: the crowds below are websocket clients, and only they load the cores
        floor_walk = [crowd.Visit("floor page", "", browser.FLOOR_WANTS)] * 2
        for server, label, steps in (
            (app, "overview, then DIN page; one server", walk),
            (flo, "floor page twice; one server (the framework's own figure)", floor_walk),
        ):
            server.peak_rss = 0
            runs.append(CrowdRun(label, crowd.crowd([server.base], steps, plan.sessions), server.peak_rss))
    return draws, runs


def new_data_section(big: Path, logs: Path, dins: crowd.Visit, count: int = 2) -> list[str]:
    """The DIN page open in chromium while `count` new DIN-log snapshots land, one after the other (last: it
    writes into the data directory)."""
    with browser.serve(browser.ROOT / "app.py", PORTS[0], big, logs / "new-data.log") as app:
        before, arrivals = browser.new_data_while_open(app, f"{app.base}/{dins.url_path}", dins.want, big, count)
    mib = 2**20
    lines = [
        "## New data while a page is open",
        "",
        f"The DIN page open in chromium; {count} new DIN-log snapshots written one after the other "
        "(mhhs_dashboard/store.py `write_snapshot`). Shown: from the write to the page's sidebar naming the "
        "new as-at date (the page polls every 15 s; the first poll to see new data starts opening it, and a "
        "page moves to it once it is open and warmed). Busy: how long of that the page's script was running, "
        f"which is what a viewer waits on. Server RSS with the page drawn, before: {before / mib:.0f} MiB.",
        "",
        "| snapshot | shown after (s) | page busy (s) | server RSS after (MiB) |",
        "|---|---:|---:|---:|",
    ]
    for a in arrivals:
        shown = f"{a.shown_after:.1f}" if a.shown_after is not None else "never (180 s)"
        lines.append(f"| {a.as_at} | {shown} | {a.busy:.1f} | {a.rss / mib:.0f} |")
    return [*lines, ""]


def targets_render(timings: list[render.PageTiming]) -> list[str]:
    worst_ratio = max(timings, key=lambda t: t.warm / t.floor)
    worst_share = max(timings, key=lambda t: t.query_share)
    worst_warmed = max(timings, key=lambda t: t.warmed_share)
    return [
        "Targets at this scale: every page's render within 2x of its floor (warm): "
        f"{verdict(worst_ratio.warm / worst_ratio.floor <= 2)} (worst {worst_ratio.page}, "
        f"{worst_ratio.warm / worst_ratio.floor:.2f}x). Queries under 10% of render: for the first viewer after "
        f"new data once the warm-up has run, {verdict(worst_warmed.warmed_share < 0.10)} (worst "
        f"{worst_warmed.page}, {worst_warmed.warmed_share:.0%}); for a render with nothing cached (cold: a viewer "
        f"who arrives before the warm-up has finished, or asks for a view no one asked for before), "
        f"{verdict(worst_share.query_share < 0.10)} (worst {worst_share.page}, {worst_share.query_share:.0%}). "
        "Warm renders run no queries at all: the data cache is keyed on the data version.",
        "",
    ]


def browser_section(draws: dict[str, dict[str, list[float]]], plan: Plan, targets: list[str]) -> list[str]:
    lines = [
        f"## Browser: navigation to the last chart drawn ({plan.scale}x, headless chromium, median of "
        f"{plan.browser_runs}, each load a new session, after one uncounted load per page; drawn = the run finished "
        "and every metric tile and Plotly chart the page has (counted by AppTest) is on screen)",
        "",
    ]
    verdicts = {}
    for visit, heading in (
        ("first", "First visits: each load in a fresh browser context, which fetches and compiles every script"),
        ("returning", "A returning viewer: every load in one context, whose cache keeps the compiled scripts"),
    ):
        med = {k: statistics.median(v) for k, v in draws[visit].items()}
        floor = med["floor page"]
        lines += [f"{heading}.", "", "| page | median (s) | runs (s) | / floor |", "|---|---:|---|---:|"]
        for k, v in draws[visit].items():
            lines.append(f"| {k} | {med[k]:.2f} | {', '.join(f'{x:.2f}' for x in v)} | {med[k] / floor:.2f} |")
        lines.append("")
        verdicts[visit] = all(med[k] <= 1.5 * floor for k in ("overview", "dins"))
        ratios = ", ".join(f"{k} {med[k] / floor:.2f}x" for k in ("overview", "dins"))
        targets.append(f"Browser draw within 1.5x of the floor, {visit} visit: {verdict(verdicts[visit])} ({ratios}).")
    return [
        *lines,
        f"Target (overview and DIN page within 1.5x of the floor page), on first visits: {verdict(verdicts['first'])}"
        f"; for a returning viewer: {verdict(verdicts['returning'])}.",
        "",
    ]


def crowd_section(runs: list[CrowdRun], walk: list[crowd.Visit], sessions: int, targets: list[str]) -> list[str]:
    """The crowds, one row each; the target is judged on the first (the app on one server) against the second (the
    floor page on one server)."""
    app, flo = runs[0], runs[1] if len(runs) > 1 else None
    ratio = app.seen.p95 / flo.seen.p95 if flo else float("nan")
    ok = not app.seen.errors and app.seen.p95 < 1.5 and ratio < CROWD_FLOOR_RATIO and app.peak_rss < 1024**3
    targets.append(
        f"{sessions} sessions (overview then DIN page) on one server: {verdict(ok)} (p95 {app.seen.p95:.2f} s, "
        f"{ratio:.2f}x the floor crowd's {flo.seen.p95 if flo else float('nan'):.2f} s; {len(app.seen.errors)} "
        f"errors; peak RSS {app.peak_rss / 1024**2:.0f} MiB)."
    )
    wants = ", ".join(f"{v.name} {v.want['metrics']} metrics and {v.want['charts']} charts" for v in walk)
    lines = [
        f"## {sessions} sessions at once (websocket clients: `bench/crowd.py`)",
        "",
        "Each session connects as the frontend does (health check for the XSRF cookie, then the websocket with "
        "the token as its subprotocol) and asks for a page, then the next (by its page hash, as a sidebar click "
        "does). A page load is timed from the `rerun_script` request to `script_finished`: the server's work and "
        "the transfer, without a browser drawing it (the browser step above measures that). A load counts as an "
        "error on a failed connection, a timeout, an exception element, a run that did not finish successfully, "
        f"or fewer metrics or charts than the page draws ({wants}; the floor page 1 and 1). The floor page's row "
        "is the same crowd against the one-metric, one-chart page on constant data: what Streamlit itself gives "
        "on this machine.",
        "",
        "| sessions open | page loads | p50 (s) | p95 (s) | p95 / floor crowd | max (s) | errors | server peak RSS |",
        "|---|---:|---:|---:|---:|---:|---:|---:|",
    ]
    for r in runs:
        s = r.seen
        vs = f"{s.p95 / flo.seen.p95:.2f}" if flo else "-"
        lines.append(
            f"| {r.label} | {len(s.times)} | {s.p50:.2f} | {s.p95:.2f} | {vs} | {s.slowest:.2f} | {len(s.errors)} | "
            f"{r.peak_rss / 1024**2:.0f} MiB |"
        )
    errors = "; ".join(e for r in runs for e in r.seen.errors[:5]) or "none"
    return [
        *lines,
        "",
        f"Errors (first 5 per crowd): {errors}.",
        "",
        f"Target (the app on one server: no errors, p95 < 1.5 s and under {CROWD_FLOOR_RATIO}x the floor crowd's, "
        f"peak RSS < 1 GiB): {verdict(ok)}. Load average "
        f"(1, 5, 15 min) afterwards: {', '.join(f'{x:.2f}' for x in os.getloadavg())}.",
        "",
    ]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m bench", description=__doc__)
    parser.add_argument("--quick", action="store_true", help="smaller scale, fewer runs and sessions")
    parser.add_argument("--out", type=Path, help="the Markdown's path (bench/RESULTS.md; quick: RESULTS-quick.md)")
    parser.add_argument("--runs", type=int, help="renders per median (AppTest)")
    parser.add_argument("--browser-runs", type=int, help="timed loads per page in the browser")
    parser.add_argument("--sessions", type=int, help="concurrent websocket sessions")
    args = parser.parse_args(argv)
    plan = QUICK if args.quick else FULL
    chosen = {"runs": args.runs, "browser_runs": args.browser_runs, "sessions": args.sessions}
    plan = dataclasses.replace(plan, **{k: v for k, v in chosen.items() if v})
    logging.basicConfig(level=logging.INFO, format="%(asctime)s bench: %(message)s")
    logging.getLogger("streamlit").setLevel(logging.ERROR)
    out = args.out or (QUICK_RESULTS if args.quick else RESULTS)  # a quick try never overwrites the full results
    run(plan, out, args.quick)
    print(out.read_text(encoding="utf-8"))
    return 0

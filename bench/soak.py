"""Soak: N concurrent browser sessions click through every page against one server on loopback for M minutes.

    python bench/soak.py --sessions 20 --minutes 5 [--port 8671] [--data-dir DIR]

Starts `streamlit run app.py` on 127.0.0.1 over a copy of the embedded data (or DIR), drives headless chromium
(Debian's, /usr/bin/chromium) with one browser context per session, each going round the sidebar navigation (every
page in nav.NAV, each session starting at a different page) and waiting for the page to finish drawing. It
samples the server's resident memory (RSS, from /proc) every few seconds. Passes (exit 0) when no session saw an
exception element, a page error or a failed load, and the RSS at the end is within 10% of where it settled: the
first sample once the first minute is over and every page has been drawn at least once (before that, the first
visit to a page still fills the shared caches: 20 browsers on two cores can take longer than a minute to get
round). Prints one JSON line of figures, with the RSS after the first minute as well.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import shutil
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

# one chromium launch recipe, one way to serve the app and read its memory
from bench.browser import CHROMIUM, free_port, rss_bytes, serve  # noqa: E402
from bench.browser import CHROMIUM_ARGS as ARGS  # noqa: E402
from mhhs_dashboard import sample  # noqa: E402 - after the path is set
from mhhs_dashboard.nav import NAV  # noqa: E402

SETTLED_AFTER = 60.0  # seconds: the memory baseline is taken once the first minute is over
TOLERANCE = 0.10


PAGES = [(p.title, "" if p.script == "app.py" else Path(p.script).stem) for ps in NAV.values() for p in ps]


async def settle(page: object, timeout_ms: int) -> None:
    """Wait until the page has a title and Streamlit has finished running its script."""
    await page.locator('[data-testid="stMainBlockContainer"] h1').first.wait_for(timeout=timeout_ms)  # type: ignore[attr-defined]
    await page.wait_for_function(  # type: ignore[attr-defined]
        "() => !document.querySelector('[data-testid=stStatusWidget]')"
        " && !document.querySelector('[data-testid=stSkeleton]')",
        timeout=timeout_ms,
    )


async def session(n: int, browser: object, base: str, stop_at: float, stats: dict[str, object]) -> None:
    """One visitor: open one page by its URL, then follow the sidebar links round every page until time is up."""
    ctx = await browser.new_context(viewport={"width": 1280, "height": 900})  # type: ignore[attr-defined]
    page = await ctx.new_page()
    errors: list[str] = stats["errors"]  # type: ignore[assignment]
    page.on("pageerror", lambda e: errors.append(f"session {n}: page error {e}"))
    page.on(
        "console",
        lambda m: (
            errors.append(f"session {n}: console {m.text}")
            if m.type == "error" and "404" not in m.text  # deep links probe <page>/_stcore/* first (STACK.md)
            else None
        ),
    )
    try:
        # sessions start at different pages (by link, as a shared URL opens), so every page is always under load
        _, first = PAGES[n % len(PAGES)]
        try:
            await page.goto(f"{base}/{first}", timeout=300_000, wait_until="commit")
            await settle(page, 300_000)
            stats["first_drawn"].setdefault(first, time.monotonic())  # type: ignore[attr-defined]
        except Exception as e:
            errors.append(f"session {n}: first load of /{first}: {type(e).__name__}: {str(e).splitlines()[0]}")
        i = n + 1
        while time.monotonic() < stop_at:
            title, stem = PAGES[i % len(PAGES)]
            i += 1
            try:
                link = page.locator('[data-testid="stSidebar"]').get_by_role("link", name=title, exact=True)
                if await link.count():
                    await link.first.click(timeout=60_000)
                else:  # chair mode hides the sidebar: leave by the address bar
                    await page.goto(f"{base}/{stem}", timeout=120_000, wait_until="commit")
                await page.wait_for_url(f"**/{stem}*" if stem else f"{base}/*", timeout=60_000)
                await settle(page, 120_000)
                if await page.locator('[data-testid="stException"]').count():
                    errors.append(f"session {n}: exception on /{stem}")
                stats["views"] = int(stats["views"]) + 1  # type: ignore[call-overload]
                drawn: dict[str, float] = stats["first_drawn"]  # type: ignore[assignment]
                drawn.setdefault(stem, time.monotonic())
            except Exception as e:
                errors.append(f"session {n}: /{stem}: {type(e).__name__}: {str(e).splitlines()[0]}")
                await page.goto(base + "/", timeout=120_000, wait_until="commit")
    finally:
        await ctx.close()


async def sample_memory(pid: int, start: float, stop_at: float, samples: list[tuple[float, int]]) -> None:
    while time.monotonic() < stop_at:
        samples.append((time.monotonic() - start, rss_bytes(pid)))
        await asyncio.sleep(5)
    samples.append((time.monotonic() - start, rss_bytes(pid)))


async def soak(base: str, pid: int, sessions: int, minutes: float) -> dict[str, object]:
    from playwright.async_api import async_playwright

    stats: dict[str, object] = {"views": 0, "errors": [], "first_drawn": {}}
    samples: list[tuple[float, int]] = []
    async with async_playwright() as p:
        browser = await p.chromium.launch(executable_path=CHROMIUM, headless=True, args=ARGS)
        start = time.monotonic()
        stop_at = start + minutes * 60
        await asyncio.gather(
            sample_memory(pid, start, stop_at, samples),
            *(session(n, browser, base, stop_at, stats) for n in range(sessions)),
        )
        await browser.close()
    first_minute = min(SETTLED_AFTER, minutes * 60 / 5)
    drawn: dict[str, float] = stats["first_drawn"]  # type: ignore[assignment]
    every_page = max(drawn.values()) - start if len(drawn) == len(PAGES) else float("inf")
    after_minute = next(rss for t, rss in samples if t >= first_minute)
    settled = [(t, rss) for t, rss in samples if t >= max(first_minute, every_page)]
    settled_at, base_rss = settled[0] if settled else (float("nan"), 0)
    end_rss = samples[-1][1]
    errors: list[str] = stats["errors"]  # type: ignore[assignment]
    return {
        "sessions": sessions,
        "minutes": minutes,
        "page_views": stats["views"],
        "errors": len(errors),
        "first_errors": errors[:10],
        "rss_start_mb": round(samples[0][1] / 2**20, 1),
        "rss_after_first_minute_mb": round(after_minute / 2**20, 1),
        "every_page_drawn_after_s": round(every_page, 1),
        "settled_at_s": round(settled_at, 1),
        "rss_settled_mb": round(base_rss / 2**20, 1),
        "rss_peak_mb": round(max(r for _, r in samples) / 2**20, 1),
        "rss_end_mb": round(end_rss / 2**20, 1),
        "rss_change_pct": round(100 * (end_rss - base_rss) / base_rss, 1) if base_rss else float("nan"),
    }


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sessions", type=int, default=20, help="concurrent browser sessions (default 20)")
    parser.add_argument("--minutes", type=float, default=5.0, help="how long to soak (default 5)")
    parser.add_argument("--port", type=int, default=0, help="server port on 127.0.0.1 (default: a free one)")
    parser.add_argument("--data-dir", type=Path, help="data directory (default: a copy of the embedded data)")
    args = parser.parse_args(argv)

    work = Path(tempfile.mkdtemp(prefix="soak-"))
    data_dir = args.data_dir or work / "data"
    if not args.data_dir:
        sample.write_sample(data_dir)
    port = args.port or free_port()
    log = work / "streamlit.log"
    with serve(ROOT / "app.py", port, data_dir, log) as server:
        figures = asyncio.run(soak(server.base, server.proc.pid, args.sessions, args.minutes))
    tracebacks = log.read_text(errors="replace").count("Traceback")
    figures["server_tracebacks"] = tracebacks
    figures["ok"] = (
        int(figures["page_views"]) > 0  # type: ignore[call-overload]
        and figures["errors"] == 0
        and tracebacks == 0
        and abs(float(figures["rss_change_pct"])) <= 100 * TOLERANCE  # type: ignore[arg-type]  (nan: never settled)
    )
    print(json.dumps(figures))
    if figures["ok"]:
        shutil.rmtree(work, ignore_errors=True)
    else:
        print(f"server log kept in {log}", file=sys.stderr)
    return 0 if figures["ok"] else 1


if __name__ == "__main__":
    sys.exit(main())

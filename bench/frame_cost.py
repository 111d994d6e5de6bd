"""Where this app's own floor lies: the floor page's content inside this app, bare and under the frame.

    python -m bench.frame_cost [--views 20] [--rounds 3]

The CPU target compares every page with the floor page (bench/floor_app: a one-file app). A page of this app pays
two costs before its content: Streamlit's classic multipage run (a `pages/` folder: every page made a `st.Page`
and the navigation sent, at every run) and the frame every page starts with (mhhs_dashboard/frame.py: sign-in,
the sidebar's filters and links, the as-at stamp, the new-data poll). Both are measured here, with the floor
page's own content (a title, a metric, a chart) on two scratch pages added to a copy of the tree, served beside
the floor app in the same rounds (bench.cpu.views). The copy has two pages more than the app (14, not 12).
"""

from __future__ import annotations

import argparse
import shutil
import sys
import tempfile
from dataclasses import dataclass
from pathlib import Path

from bench import browser, crowd, scaled
from bench.cpu import FLOOR, PageCpu, views

ROOT = browser.ROOT
FLOOR_CONTENT = (browser.FLOOR_APP.read_text(encoding="utf-8").split("import streamlit as st\n", 1)[1]).replace(
    'st.set_page_config(page_title="Floor", layout="wide")\n', ""
)
HEAD = "import plotly.graph_objects as go\nimport streamlit as st\n"
# scratch page -> (what it is, its source)
PAGES = {
    "zz_bare": (
        "the floor page's content in this app (no frame)",
        HEAD + 'st.set_page_config(page_title="Floor", layout="wide")\n' + FLOOR_CONTENT,
    ),
    "zz_framed": (
        "the same under the frame (every page's start: release and group filters)",
        HEAD + 'from mhhs_dashboard.frame import frame\n\nframe("Floor")\n' + FLOOR_CONTENT,
    ),
}


def scratch_tree(into: Path) -> Path:
    """A copy of the app's pages (app.py and pages/) with the scratch pages added; its app.py. The library, the
    queries and the configuration are the tree's own (the server runs with the tree as its working directory and
    on its path, bench.browser.serve)."""
    shutil.copytree(ROOT / "pages", into / "pages", ignore=shutil.ignore_patterns("__pycache__"))
    shutil.copy2(ROOT / "app.py", into / "app.py")
    for stem, (_, source) in PAGES.items():
        (into / "pages" / f"{stem}.py").write_text(source, encoding="utf-8")
    return into / "app.py"


@dataclass
class FrameCost:
    floor: PageCpu
    pages: dict[str, PageCpu]  # scratch page stem -> its figures
    views: int
    rounds: int


def run(big: Path, logs: Path, n: int, rounds: int) -> FrameCost:
    """The floor app and the scratch pages on their own servers, interleaved in each round."""
    with tempfile.TemporaryDirectory(prefix="mhhs-frame-cost-") as tmp:
        app = scratch_tree(Path(tmp))
        with (
            browser.serve(app, browser.free_port(), big, logs / "frame-cost.log") as scratch,
            browser.serve(browser.FLOOR_APP, browser.free_port(), big, logs / "frame-cost-floor.log") as flo,
        ):
            targets = [(flo, crowd.Visit(FLOOR, "", {})), *((scratch, crowd.Visit(s, s, {})) for s in PAGES)]
            got = {visit.name: PageCpu(visit.name) for _, visit in targets}
            for server, visit in targets:
                crowd.run_all([server.base], [visit], 1, timeout=300)  # warm, uncounted
            for _ in range(rounds):
                for server, visit in targets:
                    cpu, wall, errors = views(server, visit, n)
                    got[visit.name].rounds.append(cpu)
                    got[visit.name].wall.append(wall)
                    got[visit.name].errors += errors
    return FrameCost(got[FLOOR], {s: got[s] for s in PAGES}, n, rounds)


def section(r: FrameCost) -> list[str]:
    """Markdown: the floor page, its content in this app and under the frame, with their ratios to the floor."""
    ms, floor = 1000, r.floor.per_view
    lines = [
        "## This app's own floor (`bench/frame_cost.py`)",
        "",
        "What a page of this app costs the server before its own content: the floor page's content (a title, a "
        "metric, a chart) on scratch pages added to a copy of the tree, beside the floor app in the same rounds "
        f"({r.views} views a round, the median of {r.rounds} rounds). The first pays Streamlit's classic multipage "
        "run (every page of `pages/` made a page and the navigation sent at every run); the second the frame too.",
        "",
        "| page | ms per view | rounds (ms) | / floor | errors |",
        "|---|---:|---|---:|---:|",
        f"| floor page (`bench/floor_app`) | {floor * ms:.1f} | "
        f"{', '.join(f'{x * ms:.1f}' for x in r.floor.rounds)} | 1.00 | {len(r.floor.errors)} |",
    ]
    for stem, got in r.pages.items():
        lines.append(
            f"| {PAGES[stem][0]} | {got.per_view * ms:.1f} | {', '.join(f'{x * ms:.1f}' for x in got.rounds)} | "
            f"{got.per_view / floor:.2f} | {len(got.errors)} |"
        )
    framed = r.pages["zz_framed"].per_view
    lines += [
        "",
        f"Under the 2.5x target a page of this app has {max(0.0, 2.5 * floor - framed) * ms:.1f} ms for its content "
        f"beyond the floor page's own ({2.5 * floor * ms:.1f} ms less {framed * ms:.1f} ms).",
        "",
    ]
    return lines


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m bench.frame_cost", description=__doc__.splitlines()[0])
    parser.add_argument("--scale", type=int, default=100)
    parser.add_argument("--weeks", type=int, default=52)
    parser.add_argument("--views", type=int, default=20)
    parser.add_argument("--rounds", type=int, default=3)
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory(prefix="mhhs-frame-cost-data-") as tmp:
        big = Path(tmp) / "big"
        scaled.write_scaled(big, args.scale, args.weeks)
        print("\n".join(section(run(big, Path(tmp), args.views, args.rounds))))
    return 0


if __name__ == "__main__":
    sys.exit(main())

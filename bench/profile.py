"""Renders one page over and over for a sampling profiler (AppTest runs the page in another thread).

py-spy record --format raw -o /tmp/prof.txt -- python -m bench.profile app.py --renders 20 [--cold]
python -m bench.profile --summary /tmp/prof.txt        # the frames that take most time, inclusive and self
"""

from __future__ import annotations

import argparse
import collections
import os
import tempfile
from pathlib import Path


def summary(raw: Path, top: int = 30, under: str = "code_to_exec") -> str:
    """Inclusive and self shares per frame from py-spy's raw (collapsed-stack) output, in stacks through `under`.

    The default keeps the page script's own run (AppTest's bookkeeping and the data build are left out).
    """
    inclusive: collections.Counter[str] = collections.Counter()
    self_: collections.Counter[str] = collections.Counter()
    total = 0
    for line in raw.read_text().splitlines():
        stack, _, n = line.rpartition(" ")
        if under not in stack:
            continue
        frames = stack.split(";")
        total += int(n)
        for f in set(frames):
            inclusive[f] += int(n)
        self_[frames[-1]] += int(n)
    lines = [f"{total} samples", "", "inclusive:"]
    lines += [f"{n / total:6.1%}  {f}" for f, n in inclusive.most_common(top)]
    lines += ["", "self:"]
    lines += [f"{n / total:6.1%}  {f}" for f, n in self_.most_common(top)]
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m bench.profile", description=__doc__)
    parser.add_argument("page", nargs="?", default="app.py", help="app.py or pages/<name>.py")
    parser.add_argument("--scale", type=int, default=100)
    parser.add_argument("--weeks", type=int, default=52)
    parser.add_argument("--renders", type=int, default=20)
    parser.add_argument("--cold", action="store_true", help="clear the data cache before every render")
    parser.add_argument("--summary", type=Path, help="summarise a py-spy raw profile instead")
    args = parser.parse_args(argv)
    if args.summary:
        print(summary(args.summary))
        return 0
    from bench import render, scaled
    from mhhs_dashboard import data

    with tempfile.TemporaryDirectory(prefix="mhhs-profile-") as tmp:
        scaled.write_scaled(Path(tmp), args.scale, args.weeks)
        os.environ["MHHS_DATA_DIR"] = tmp
        at = render.open_at(args.page)
        for _ in range(args.renders):
            if args.cold:
                data.forget()
            at.run()
    return 0


if __name__ == "__main__":
    raise SystemExit(main())

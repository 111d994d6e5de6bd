"""Elements per page, in the main area and the sidebar, by type: what a view sends, which its server CPU follows.

    python -m bench.elements            # every page on the embedded data ($MHHS_DATA_DIR if set)

Each element is one delta message (built, serialized and written to the websocket), about a millisecond of the
server's CPU per view on this machine, whatever it shows: the count, not the data, sets most of a warm view's cost.
"""

from __future__ import annotations

import argparse
import collections
import sys

from streamlit.testing.v1 import AppTest

from bench import render


def counts(at: AppTest) -> dict[str, collections.Counter[str]]:
    """Elements under the main area and the sidebar of a rendered page, by type (blocks count as elements)."""

    def walk(node: object, into: collections.Counter[str]) -> collections.Counter[str]:
        for child in getattr(node, "children", {}).values():  # a block's children; an element has none
            into[child.type] += 1  # as the delta names it: "metric", "page_link", "flex_container" (a block)
            walk(child, into)
        return into

    return {"main": walk(at.main, collections.Counter()), "sidebar": walk(at.sidebar, collections.Counter())}


def table(pages: list[str]) -> list[str]:
    """Markdown: per page, the main area's and the sidebar's element counts and the commonest types."""
    lines = ["| page | main | sidebar | commonest in main |", "|---|---:|---:|---|"]
    for page in pages:
        at = render.open_at(page)
        c = counts(at)
        top = ", ".join(f"{t} {n}" for t, n in c["main"].most_common(5))
        lines.append(f"| {page} | {c['main'].total()} | {c['sidebar'].total()} | {top} |")
    return lines


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m bench.elements", description=__doc__.splitlines()[0])
    parser.parse_args(argv)
    print("\n".join(table(render.page_scripts())))
    return 0


if __name__ == "__main__":
    sys.exit(main())

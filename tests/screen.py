"""What a page shows, read from an AppTest run: its metric tiles, as a viewer reads them."""

from __future__ import annotations

import html
import re

from streamlit.testing.v1 import AppTest

_TILE = re.compile(r'<div class="mhhs-tile"[^>]*><dt[^>]*>(.*?)</dt><dd[^>]*>(.*?)</dd></div>', re.S)


def tiles(at: AppTest) -> list[tuple[str, str]]:
    """(label, value) of every tile on the page: its st.metric elements, then the tiles of its tile rows
    (mhhs_dashboard/elements.py tile_row, one st.html each), in page order within each; Markdown escapes of
    data text (inert) and HTML entities taken off."""
    shown = [(re.sub(r"\\(.)", r"\1", m.label), m.value) for m in at.metric]
    for block in at.get("html"):
        shown += [(html.unescape(label), html.unescape(value)) for label, value in _TILE.findall(block.proto.body)]
    return shown

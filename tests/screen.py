"""What a page shows, read from an AppTest run as a viewer reads it: its metric tiles, its links."""

from __future__ import annotations

import html
import re

from streamlit.testing.v1 import AppTest

_TILE = re.compile(r'<div class="mhhs-tile"[^>]*><dt[^>]*>(.*?)</dt><dd[^>]*>(.*?)</dd></div>', re.S)


def tiles(at: AppTest) -> list[tuple[str, str]]:
    """(label, value) of every tile on the page: its st.metric elements, then the tiles of its tile rows
    (mhhs_dashboard/blocks.py tiles, one st.html each), in page order within each; Markdown escapes of
    data text (inert) and HTML entities taken off."""
    shown = [(re.sub(r"\\(.)", r"\1", m.label), m.value) for m in at.metric]
    for block in at.get("html"):
        shown += [(html.unescape(label), html.unescape(value)) for label, value in _TILE.findall(block.proto.body)]
    return shown


_LINK = re.compile(r'<a href="([^"]*)"[^>]*>(.*?)</a>', re.S)


def links(at: AppTest) -> list[tuple[str, str, str]]:
    """(text, page, query string) of every link to a view of the dashboard in the main area: its st.page_link
    elements (Markdown escapes taken off), then the links of its blocks of links and cards (mhhs_dashboard/
    blocks.py, one st.html each; tags and HTML entities taken off), in page order within each."""
    shown = [
        (re.sub(r"\\(.)", r"\1", e.proto.label), e.proto.page, e.proto.query_string) for e in at.main.get("page_link")
    ]
    for block in at.main.get("html"):
        for href, text in _LINK.findall(block.proto.body):
            page, _, query = html.unescape(href).partition("?")
            shown.append((html.unescape(re.sub(r"<[^>]+>", "", text)), page, query))
    return shown


def html_text(at: AppTest) -> str:
    """The text of the main area's blocks of HTML (tiles, cards, links), a line break where the HTML breaks one,
    tags and HTML entities taken off."""
    bodies = [re.sub(r"<br>|</li>|</p>", "\n", block.proto.body) for block in at.main.get("html")]
    return "\n".join(html.unescape(re.sub(r"<[^>]+>", "", body)) for body in bodies)

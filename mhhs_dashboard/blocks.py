"""Pieces of a page sent as one st.html each: a titled panel of tiles and notes, a row of tiles, a grid of cards,
a row of links, a table's column widths. No Streamlit.

Every element a page sends costs the server a hand-over to its event loop and a websocket write per viewer, so a
piece made of many small parts (a tile per figure, a card per group, a link per milestone) goes as one block of
HTML. Inline styles (Streamlit's sanitiser keeps them), in the sizes of the elements they replace; chair mode's
CSS (frame.PRESENT_CSS) enlarges the tiles by class. Every text is escaped: labels often carry data text.
"""

from __future__ import annotations

import html
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

TILE_CLASS = "mhhs-tile"
# How a browser finds the tiles on screen: these, and st.metric's (chair mode's, which carry their change since
# the last meeting)
TILE_SELECTOR = {
    "tile": f'.{TILE_CLASS}, [data-testid="stMetric"]',
    "label": f'.{TILE_CLASS}-label, [data-testid="stMetricLabel"]',
    "value": f'.{TILE_CLASS}-value, [data-testid="stMetricValue"]',
}
_TILES = '<dl class="mhhs-tiles" style="display:flex;flex-wrap:wrap;gap:0.5rem 2rem;margin:0 0 0.5rem 0;padding:0">'
_TILE = (
    f'<div class="{TILE_CLASS}" style="min-width:5rem">'
    f'<dt class="{TILE_CLASS}-label" style="font-size:0.875rem;font-weight:400;margin:0">{{label}}</dt>'
    f'<dd class="{TILE_CLASS}-value" style="font-size:2.25rem;line-height:1.2;margin:0;overflow-wrap:anywhere">'
    "{value}</dd></div>"
)
# a link to another view of the dashboard: in the same tab (a Markdown link opens a new one)
_LINK = '<a href="{href}" target="_self">{label}</a>'
_BORDER = "border:1px solid rgba(49,51,63,0.2);border-radius:0.5rem"


# st.subheader's and st.caption's sizes, for a heading and notes sent inside a block (captions are the body text at
# 60% opacity: the theme's black text gives #666666 on white, 5.7:1)
_HEADING = '<h3 style="font-size:1.5rem;font-weight:600;line-height:1.2;margin:0;padding:0.25rem 0 1rem 0">{}</h3>'
_NOTE = (  # mhhs-note: chair mode's style sheet sets it at 20 px (frame.PRESENT_CSS)
    '<p class="mhhs-note" style="font-size:0.875rem;color:rgba(0,0,0,0.6);line-height:1.5;margin:0 0 0.5rem 0">{}</p>'
)


NO_TILES = "No rows in the data for this view."  # what stands for a row of tiles with none in it


Part = str | Sequence[tuple[str, object]]  # of a panel: a note, or a row of tiles ((label, value) pairs)
Panel = tuple[str, *tuple[Part, ...]]  # what `panel` takes: a title, then its parts


def panel(title: str, *parts: Part) -> str:
    """A titled piece of a page as one block: its heading (drawn as st.subheader draws one; none if `title` is
    empty), then `parts` in order, each a note (a string, drawn as st.caption) or a row of tiles ((label, value)
    pairs, as `tiles`; NO_TILES as a note when it has none). Empty notes are left out."""
    body = [_HEADING.format(html.escape(title))] if title else []
    for part in parts:
        if isinstance(part, str):
            body += [_NOTE.format(html.escape(part))] if part else []
        else:
            body.append(tiles(part) if part else _NOTE.format(NO_TILES))
    return "<div>" + "".join(body) + "</div>"


def tiles_in(body: str) -> int:
    """How many tiles the HTML of one st.html element (tiles) holds."""
    return body.count(f'<div class="{TILE_CLASS}"')


def tiles(shown: Sequence[tuple[str, object]]) -> str:
    """A row of metric tiles, (label, value) each: a description list, label over value, wrapping on a narrow
    screen; numbers get thousands separators."""
    cells = (
        _TILE.format(
            label=html.escape(label),
            value=html.escape(
                f"{int(value):,}" if isinstance(value, int) or hasattr(value, "__index__") else str(value)
            ),
        )
        for label, value in shown
    )
    return _TILES + "".join(cells) + "</dl>"


@dataclass(frozen=True)
class Link:
    """A link to a view: its text (`strong` first, in bold, where given) and its relative URL."""

    text: str
    href: str
    strong: str = ""

    def tag(self) -> str:
        label = (f"<strong>{html.escape(self.strong)}</strong>" if self.strong else "") + html.escape(self.text)
        return _LINK.format(href=html.escape(self.href), label=label)


@dataclass(frozen=True)
class Card:
    """A bordered card: a title (`code` in bold, then a name), facts (label -> value, the value in bold) and a
    link under them."""

    code: str
    name: str
    facts: Mapping[str, str]
    link: Link | None = None


def links(shown: Sequence[Link], name: str) -> str:
    """Links in one wrapping row, as a list named `name` for screen readers."""
    items = "".join(f'<li style="margin:0;padding:0">{link.tag()}</li>' for link in shown)
    return (
        f'<ul aria-label="{html.escape(name)}" style="display:flex;flex-wrap:wrap;gap:0.25rem 1.5rem;'
        f'list-style:none;margin:0 0 1rem 0;padding:0">{items}</ul>'
    )


def cards(shown: Sequence[Card], name: str) -> str:
    """Cards in a grid of as many columns as fit (three on a laptop, one on a phone), as a list named `name`."""

    def card(c: Card) -> str:
        facts = "".join(f"<br>{html.escape(k)}: <strong>{html.escape(v)}</strong>" for k, v in c.facts.items())
        link = f'<p style="margin:0.75rem 0 0 0">{c.link.tag()}</p>' if c.link else ""
        return (
            f'<li style="{_BORDER};padding:1rem;margin:0">'
            f'<p style="margin:0"><strong>{html.escape(c.code)}</strong> · {html.escape(c.name)}{facts}</p>'
            f"{link}</li>"
        )

    return (
        f'<ul aria-label="{html.escape(name)}" style="display:grid;'
        "grid-template-columns:repeat(auto-fill,minmax(min(100%,18rem),1fr));gap:1rem;list-style:none;"
        f'margin:0 0 1rem 0;padding:0">{"".join(card(c) for c in shown)}</ul>'
    )


def column_widths(table: str, shares: Sequence[float]) -> str:
    """A style sheet fixing the columns of the table named `table` (its aria-label, st.table's `alt`) to
    `shares` of its width, in order: chair mode counts the lines a row wraps to from them."""
    named = f'[data-testid="stMain"] table[aria-label="{_css_string(table)}"]'
    rules = [f"{named} {{ table-layout: fixed; width: 100%; }}"]
    rules += [f"{named} th:nth-child({i}) {{ width: {share:.2%}; }}" for i, share in enumerate(shares, 1)]
    return "<style>" + "\n".join(rules) + "</style>"


def _css_string(text: str) -> str:
    """`text` as the inside of a double-quoted CSS string in a <style> element: anything but letters, digits,
    spaces and plain punctuation escaped by its code point (a table's name can be data text)."""
    return "".join(c if c.isalnum() or c in " -_.,:;()&'" else f"\\{ord(c):x} " for c in text)

"""Accessibility in a real browser: every page opens by its deep link without an error, and axe-core finds nothing
serious or critical on it, in the default view and in chair mode; the keyboard alone reaches every filter; every
chart keeps to the one colour-blind-safe palette.
"""

from __future__ import annotations

import ast
from pathlib import Path

import pytest
from axe_playwright_python.sync_playwright import Axe

from mhhs_dashboard import charts
from tests.fixtures import ROOT, layout_files
from tests.test_browser import settle
from tests.test_hostile import ALL_PAGES

BLOCKING = {"serious", "critical"}


def url(base: str, script: str, query: str = "") -> str:
    return f"{base}/{'' if script == 'app.py' else Path(script).stem}{query}"


def blocking_violations(page: object) -> list[str]:
    """axe-core's serious and critical violations on the page as drawn, one line each."""
    results = Axe().run(page, options={"resultTypes": ["violations"]})
    return [
        f"{v['id']} ({v['impact']}): {v['help']} -- {[n['target'] for n in v['nodes']][:5]}"
        for v in results.response["violations"]
        if v["impact"] in BLOCKING
    ]


@pytest.mark.browser
@pytest.mark.parametrize("query", ["", "?present=1"], ids=["default", "chair"])
@pytest.mark.parametrize("script", ALL_PAGES)
def test_every_page_opens_by_deep_link_and_axe_finds_nothing_serious(
    page, server: str, script: str, query: str
) -> None:
    page.goto(url(server, script, query))
    settle(page)
    assert page.locator('[data-testid="stException"]').count() == 0
    assert page.errors == []
    assert blocking_violations(page) == []
    assert page.evaluate(UNNAMED) == {"grids": 0, "charts": 0, "tables": 0}


# A data grid given a name (elements.grid's `alt`) draws a region labelled with it, and its toolbar buttons say which
# grid they belong to ("Search: The DINs in view"); a chart given one (elements.chart) is a figure labelled with it,
# a plain table (elements.plain_table) a labelled table.
# axe does not ask for either, so this does.
UNNAMED = """() => ({
  grids: [...document.querySelectorAll('[data-testid=stDataFrame]')]
    .filter(g => !g.querySelector('[role=region][aria-label]')).length,
  charts: [...document.querySelectorAll('[data-testid=stPlotlyChart]')]
    .filter(c => !(c.getAttribute('role') === 'figure' && c.getAttribute('aria-label'))).length,
  tables: [...document.querySelectorAll('[data-testid=stTable]')]
    .filter(t => !t.querySelector('table[aria-label]')).length,
})"""


@pytest.mark.browser
def test_axe_check_would_catch_a_violation(page, server: str) -> None:
    page.goto(server + "/")
    settle(page)
    page.evaluate(
        "document.querySelector('[data-testid=stMainBlockContainer]').insertAdjacentHTML('beforeend',"
        " '<img src=\"data:,\"><button></button>')"
    )
    found = " ".join(blocking_violations(page))
    assert "image-alt" in found
    assert "button-name" in found


FILTER_WIDGETS = '[data-testid="stSidebar"] input, [data-testid="stMain"] [data-testid="stMultiSelect"] input'
# chair mode has no filters (the link fixes the view); its controls are the agenda's Previous/Next buttons
CHAIR_CONTROLS = '[data-testid="stMain"] button'
# pages whose content no filter changes draw none (frame.py: a filter is drawn only where it changes the page);
# what the keyboard must reach there is the sidebar's page links
NO_FILTERS = {"pages/data_quality.py", "pages/principles.py", "pages/workspace.py"}
NAV_LINKS = '[data-testid="stSidebar"] a'
NAME = "e.getAttribute('aria-label') || e.id || e.getAttribute('href')"


@pytest.mark.browser
@pytest.mark.parametrize("script", ALL_PAGES)
def test_keyboard_alone_reaches_every_filter(page, server: str, script: str) -> None:
    page.goto(url(server, script))
    settle(page)
    if script.endswith("present.py"):
        widgets = CHAIR_CONTROLS
    else:
        filters = page.evaluate(f"() => document.querySelectorAll('{FILTER_WIDGETS}').length")
        assert bool(filters) == (script not in NO_FILTERS), f"{filters} filters"
        widgets = NAV_LINKS if script in NO_FILTERS else FILTER_WIDGETS
    wanted = page.evaluate(
        f"() => Array.from(document.querySelectorAll('{widgets}')).filter(e => e.offsetParent !== null)"
        f".map(e => {NAME})"
    )
    page.evaluate("() => document.activeElement && document.activeElement.blur()")  # start from the top
    reached: set[str] = set()
    for _ in range(150):
        page.keyboard.press("Tab")
        focused = page.evaluate(f"() => {{ const e = document.activeElement; return e ? ({NAME}) : null }}")
        if focused in wanted:
            reached.add(focused)
        if reached == set(wanted):
            break
    assert wanted, "every page has at least one filter or page link"
    assert reached == set(wanted)


@pytest.mark.browser
def test_a_filter_can_be_set_with_the_keyboard_alone(page, server: str) -> None:
    page.goto(server + "/")
    settle(page)
    page.evaluate("() => document.activeElement && document.activeElement.blur()")
    for _ in range(60):
        page.keyboard.press("Tab")
        if page.evaluate("() => (document.activeElement.getAttribute('aria-label') || '').includes('Target release')"):
            break
    page.keyboard.type("Interim Release 7.1")
    page.keyboard.press("Enter")
    page.keyboard.press("Escape")
    page.wait_for_url("**release=Interim*", timeout=60_000)
    settle(page)
    assert "release=Interim+Release+7.1" in page.url or "release=Interim%20Release%207.1" in page.url


# --- one palette; no state by colour alone ------------------------------------------------------------------------


def test_the_palette_is_okabe_ito_and_every_state_colour_comes_from_it() -> None:
    assert charts.OKABE_ITO[:8] == [
        "#0072B2",
        "#E69F00",
        "#009E73",
        "#CC79A7",
        "#56B4E9",
        "#D55E00",
        "#F0E442",
        "#000000",
    ]
    assert charts.TEMPLATE.layout.colorway == tuple(charts.OKABE_ITO)
    assert set(charts.STATE_COLOURS) == set(charts.STATE_PATTERNS)
    # every state differs from every other by its pattern, not only by its colour
    assert len(set(charts.STATE_PATTERNS.values())) == len(charts.STATE_PATTERNS)


def test_every_chart_builder_uses_the_shared_template_and_palette() -> None:
    """Charts are built by _figure() (the template) and colours come from the palette constants, never literals."""
    tree = ast.parse((ROOT / "mhhs_dashboard" / "charts.py").read_text(encoding="utf-8"))
    named = [*charts.OKABE_ITO, *charts.STATE_COLOURS.values(), *charts.STATE_TINTS.values(), *charts.SEQUENTIAL]
    allowed = {c.lower() for c in [*named, charts.MUTED_TEXT]}
    # background, grid and text greys (#7f7f7f: 4:1 on white, for lines)
    allowed |= {"#ffffff", "white", "#e6e6e6", "#bdbdbd", "#1f1f1f", "#999999", "#7f7f7f"}
    for node in ast.walk(tree):
        if isinstance(node, ast.Constant) and isinstance(node.value, str) and node.value.startswith("#"):
            assert node.value.lower() in allowed, f"charts.py:{node.lineno} colour {node.value} is off the palette"
    builders = [
        n
        for n in tree.body
        if isinstance(n, ast.FunctionDef)
        and not n.name.startswith("_")
        and n.name != "plain"
        and n.returns is not None
        and "Figure" in ast.unparse(n.returns)
        # a builder takes rows; a function taking a figure (for_screen) restyles one already built
        and not (n.args.args and "Figure" in ast.unparse(n.args.args[0].annotation or ast.Constant("")))
    ]
    assert builders
    for fn in builders:
        called = {getattr(c.func, "id", getattr(c.func, "attr", "")) for c in ast.walk(fn) if isinstance(c, ast.Call)}
        assert "_figure" in called, f"{fn.name} does not start from _figure() (template and palette)"


def test_pages_colour_nothing_themselves() -> None:
    """Pages hand figures from charts.* to elements.chart (which names each chart for screen readers); no page
    builds a figure, picks a colour or calls st.plotly_chart itself."""
    for path in layout_files():
        text = path.read_text(encoding="utf-8")
        assert ".plotly_chart(" not in text, f"{path.name}: use elements.chart"
        assert "import plotly" not in text, f"{path.name} imports plotly: charts belong in charts.py"
        assert "from plotly" not in text, f"{path.name} imports plotly: charts belong in charts.py"
        assert "color_discrete" not in text, path.name
        assert "marker_color" not in text, path.name

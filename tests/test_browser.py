"""In a real browser: the overview shows 1029; links and expanders do what they say. (Every page opening by its
deep link without an error is checked with its accessibility, in tests/test_a11y.py.)"""

from __future__ import annotations

import pytest

from mhhs_dashboard.blocks import TILE_SELECTOR

pytestmark = pytest.mark.browser


def wait_for_metric(page, value: str, timeout: int = 90_000) -> None:
    """Wait until a metric tile shows exactly `value` (charts and collapsed tables may hold the text hidden)."""
    page.wait_for_function(
        "([v, values]) => [...document.querySelectorAll(values)].some(e => e.textContent.trim() === v)",
        arg=[value, TILE_SELECTOR["value"]],
        timeout=timeout,
    )


def goto(page, url: str) -> None:
    """Open `url` and wait until Streamlit has drawn the page's title."""
    page.goto(url)
    page.wait_for_selector('[data-testid="stApp"]')
    page.locator('[data-testid="stMainBlockContainer"] h1').first.wait_for(timeout=90_000)


def settle(page: object) -> None:
    """Wait until the page has its title, Streamlit has finished running the script and every chart is drawn."""
    page.locator('[data-testid="stMainBlockContainer"] h1').first.wait_for(timeout=120_000)  # type: ignore[attr-defined]
    page.wait_for_function(  # type: ignore[attr-defined]
        "() => document.querySelector('[data-testid=stApp]')?.dataset.testScriptState === 'notRunning'"
        " && !document.querySelector('[data-testid=stSkeleton]')"
        " && Array.from(document.querySelectorAll('[data-testid=stPlotlyChart]'))"
        "    .every(c => c.querySelector('.main-svg'))",
        timeout=120_000,
    )


def test_overview_shows_the_pack_total(page, server: str) -> None:
    goto(page, server + "/")
    wait_for_metric(page, "1,029")
    page.locator('[data-testid="stPlotlyChart"] .main-svg').first.wait_for(timeout=90_000)
    assert page.locator('[data-testid="stException"]').count() == 0
    page.get_by_role("link", name="DIN log").first.wait_for(timeout=90_000)  # the page draws its links as it goes
    assert page.errors == []


def test_sidebar_link_keeps_the_release_filter(page, server: str) -> None:
    goto(page, server + "/?release=Interim+Release+7.1")
    wait_for_metric(page, "20")
    page.get_by_role("link", name="DIN log").first.click()
    page.wait_for_url("**/dins?*", timeout=90_000)
    assert "release=Interim+Release+7.1" in page.url or "release=Interim%20Release%207.1" in page.url


def test_an_expander_lists_its_table_once_it_is_opened(page, server: str) -> None:
    goto(page, server + "/")
    wait_for_metric(page, "1,029")
    box = page.locator('[data-testid="stExpander"]').filter(has_text="What changed, item by item")
    assert box.locator('[data-testid="stDataFrame"]').count() == 0  # not worked out, not sent
    box.get_by_text("What changed, item by item").click()
    box.locator('[data-testid="stDataFrame"]').first.wait_for(timeout=90_000)
    assert box.get_by_text("'(new)' and '(gone)' mark items in one snapshot only.").count() == 1
    assert page.locator('[data-testid="stException"]').count() == 0
    assert page.errors == []

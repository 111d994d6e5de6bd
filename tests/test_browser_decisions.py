"""In a real browser: from an action's view to its CR's view, by the related-item link and by a link in its text."""

from __future__ import annotations

import pytest

from tests.test_browser import goto

pytestmark = pytest.mark.browser


def test_action_view_links_to_its_cr(page, server: str) -> None:
    goto(page, server + "/actions?action=DAG35-02")
    page.get_by_role("heading", name="Action DAG35-02").wait_for(timeout=30_000)
    page.get_by_role("link", name="Change request CR044").click()
    page.wait_for_url("**/change_requests?cr=CR044*", timeout=30_000)
    page.get_by_role("heading", name="CR044: Implementation of 'Data Refresh' Message IF-051").wait_for(timeout=30_000)
    page.get_by_role("link", name="R856 (Open)", exact=False).first.wait_for(timeout=30_000)
    assert page.locator('[data-testid="stException"]').count() == 0
    assert page.errors == []


def test_reference_in_an_actions_text_opens_the_crs_view(page, server: str) -> None:
    goto(page, server + "/actions?action=DAG35-03")
    page.get_by_role("heading", name="Action DAG35-03").wait_for(timeout=30_000)
    text_link = page.locator('[data-testid="stMarkdownContainer"] a', has_text="CR045").first
    assert text_link.get_attribute("href") == "change_requests?cr=CR045"
    with page.context.expect_page() as opened:  # Markdown links open in a new tab
        text_link.click()
    cr_page = opened.value
    cr_page.wait_for_load_state()
    assert cr_page.url.endswith("/change_requests?cr=CR045")
    cr_page.get_by_role("heading", name="CR045: Supply Start Date (SSD) Correction Tool").wait_for(timeout=30_000)
    assert cr_page.locator('[data-testid="stException"]').count() == 0

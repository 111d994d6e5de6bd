"""In a real browser: from an action's view to its CR's view, by the related-item link and by a link in its text;
the action log's downloads."""

from __future__ import annotations

import io
from pathlib import Path

import openpyxl
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


def download(page, button: str) -> tuple[str, bytes]:
    """Click a download button: the file name the browser was given, and the file (built by the server on the
    click)."""
    target = page.get_by_role("button", name=button)
    target.wait_for(timeout=120_000)
    with page.expect_download(timeout=120_000) as got:
        target.click()
    return got.value.suggested_filename, Path(got.value.path()).read_bytes()


def test_the_action_log_downloads_as_csv_and_as_excel_with_what_is_in_view(page, server: str) -> None:
    goto(page, server + "/actions?status=ONGOING")
    name, csv = download(page, "Download CSV")
    assert name == "actions_as-at-2024-05-01_status-ONGOING.csv"
    assert len(csv.decode("utf-8-sig").splitlines()) == 1 + 4  # a header and the 4 ongoing actions
    name, xlsx = download(page, "Download Excel")
    assert name == "actions_as-at-2024-05-01_status-ONGOING.xlsx"
    book = openpyxl.load_workbook(io.BytesIO(xlsx), read_only=True)
    assert book.sheetnames == ["About", "Actions"]
    about = dict(book["About"].iter_rows(min_row=2, values_only=True))
    assert (about["table"], about["as at"], about["status"]) == ("action log", "2024-05-01", "ONGOING")
    assert book["Actions"].max_row == 1 + 4


def test_decisions_log_and_the_cr045_record_lead_with_psgs_decision(page, server: str) -> None:
    goto(page, server + "/decisions?ref=CR045")
    page.get_by_role("heading", name="Decisions").wait_for(timeout=30_000)
    link = page.locator('[data-testid="stMarkdownContainer"] a', has_text="CR045").first
    assert link.get_attribute("href") == "change_requests?cr=CR045"
    goto(page, server + "/change_requests?cr=CR045")
    page.get_by_role("heading", name="CR045: Supply Start Date (SSD) Correction Tool").wait_for(timeout=30_000)
    page.get_by_text("PSG agreed CR045 in principle on 1 May 2024").wait_for(timeout=30_000)
    page.get_by_role("link", name="Open the decision").click()
    page.wait_for_url("**/decisions?decision=PSG-2024-05-01-*", timeout=30_000)
    page.get_by_role("heading", name="CR045: Supply Start Date (SSD) Correction Tool").wait_for(timeout=30_000)
    assert page.locator('[data-testid="stException"]').count() == 0
    assert page.errors == []

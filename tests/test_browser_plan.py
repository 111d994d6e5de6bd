"""In a real browser: a release link on /milestones opens the DIN log filtered to that release; a milestone's view."""

from __future__ import annotations

import csv
import io

import pytest

from tests.test_browser import goto
from tests.test_browser_decisions import download

pytestmark = pytest.mark.browser


def test_a_release_link_opens_the_din_log_filtered_to_that_release(page, server: str) -> None:
    goto(page, server + "/milestones")
    link = page.get_by_role("link", name="IR7.1: 20 implemented")
    link.wait_for(timeout=120_000)
    link.click(timeout=120_000)
    page.wait_for_url("**/dins?*", timeout=120_000)
    assert "release=Interim+Release+7.1" in page.url or "release=Interim%20Release%207.1" in page.url
    sidebar = page.locator('[data-testid="stSidebar"]')
    sidebar.get_by_text("Interim Release 7.1").first.wait_for(timeout=120_000)  # the chosen release in the filter
    assert page.locator('[data-testid="stException"]').count() == 0
    assert page.errors == []


def test_a_milestone_link_opens_its_view_and_the_address_bar_says_so(page, server: str) -> None:
    # generous timeouts: on a loaded machine headless chromium draws a few frames a second
    # the later plan (after CR055), where M10 is at risk, reached through as_at
    goto(page, server + "/milestones?release=Interim+Release+7.1&as_at=2024-12-20")
    link = page.get_by_role("link", name="M10 ▲ at risk")
    link.wait_for(timeout=120_000)
    link.click(timeout=120_000)
    page.get_by_role("heading", name="M10: Central systems ready for migrating MPANs").wait_for(timeout=120_000)
    page.get_by_role("link", name="R856").first.wait_for(timeout=120_000)
    page.wait_for_function("() => location.search.includes('milestone=M10')", timeout=120_000)
    assert "release=Interim+Release+7.1" in page.url  # the global filter is carried
    assert "as_at=2024-12-20" in page.url  # and the view's as-at date
    assert page.locator('[data-testid="stException"]').count() == 0
    assert page.errors == []


def test_the_plan_and_the_releases_download_as_their_grids_head_them(page, server: str) -> None:
    goto(page, server + "/milestones?release=Interim+Release+7.1")
    name, plan = download(page, "Download the plan (CSV)")
    assert name == "milestone_plan_as-at-2024-05-01.csv"
    rows = list(csv.reader(io.StringIO(plan.decode("utf-8-sig"))))
    assert rows[0][:3] == ["Milestone", "Name", "Status"]  # the plan, headed as on screen
    assert len(rows) > 5
    name, releases = download(page, "Download the releases (CSV)")
    rows = list(csv.reader(io.StringIO(releases.decode("utf-8-sig"))))
    assert rows[0][:2] == ["Code", "Release"]
    assert [r[1] for r in rows[1:]] == ["Interim Release 7.1"]  # the release the view is filtered to

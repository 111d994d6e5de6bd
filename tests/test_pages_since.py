"""'Since the last meeting' means the meeting: named for it, only earlier dates offered, a later one refused."""

from __future__ import annotations

from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from tests.test_pages import ROOT, open_page, unescape
from tests.test_pages_present import STEPS

# they read the data and change none of it: they share the caches the first of them fills
pytestmark = pytest.mark.shared_caches

PRESENT = "pages/present.py"


@pytest.mark.parametrize("page", ["app.py", "pages/dins.py"])
@pytest.mark.parametrize("since", ["2099-01-01", "2024-05-02"])  # the future; a day after the view's 1 May
def test_a_since_after_the_as_at_date_is_ignored_with_the_notice(page: str, since: str, sample_env: Path) -> None:
    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=60).run()
    at.query_params["since"] = since  # the link lands on `page` itself
    (at.run() if page == "app.py" else at.switch_page(page).run())
    assert not at.exception, [e.value for e in at.exception]
    assert "since" not in at.query_params
    notices = [unescape(i.value) for i in at.info]
    assert any(n.startswith("Ignored what this link asked for") and f"since={since}" in n for n in notices), notices


def test_a_frozen_view_refuses_a_since_after_its_own_date(sample_env: Path) -> None:
    at = open_page(as_at="2024-04-20", since="2024-04-30")  # before the data's 1 May, after the view's date
    assert "since" not in at.query_params
    assert any("since=2024-04-30" in unescape(i.value) for i in at.info)


def test_compare_with_offers_only_dates_before_the_as_at_date(sample_env: Path) -> None:
    at = open_page()
    box = next(s for s in at.selectbox if s.label == "Compare with (since)")
    offered = [o for o in box.options if o != "Nothing (no comparison)"]
    assert "10 Apr 2024 (DAG #35)" in offered
    assert not [o for o in offered if "DAG #36" in o or "DAG #37" in o or "May 2024" in o], offered


def test_the_overview_names_the_meeting_it_compares_with(sample_env: Path) -> None:
    at = open_page(since="2024-04-10")
    assert "Since DAG \\#35, 10 Apr 2024" in [h.value for h in at.subheader]


def test_chair_mode_names_the_meeting_and_the_snapshot_that_stands_for_it(sample_env: Path) -> None:
    step = str(STEPS.index("Summary and Next Steps") + 1)
    at = open_page(PRESENT, step=step)
    assert not at.exception, [e.value for e in at.exception]
    assert "Since DAG #35, 10 Apr 2024" in [unescape(h.value) for h in at.subheader]
    assert "changes since DAG #35, 10 Apr 2024 (the snapshots as at 02 Apr 2024)" in unescape(at.caption[0].value)
    parts = [at, *(open_page(PRESENT, step=step, part=str(p)) for p in (2, 3))]  # the summary's screens
    steps = unescape(" ".join(m.value for screen in parts for m in screen.markdown))
    # future DAG meetings: DAG #37, not DAG #36, the meeting in progress
    assert "Future DAG meetings: Wednesday 12 June 2024 (DAG #37)" in steps
    assert "DAG #36" not in steps


def test_the_overview_lists_only_meetings_after_the_as_at_date(sample_env: Path) -> None:
    at = open_page()
    meetings = [t for t in at.table if "Date" in t.value.columns]  # next meetings, not the decisions since
    shown = " ".join(str(v) for t in meetings for v in t.value.to_numpy().ravel())
    assert "PSG" not in shown  # held on 1 May, the view's as-at date
    assert "DWG" in shown  # 2 May


def test_compare_with_is_drawn_only_where_it_changes_the_page_and_its_date_follows_the_links(sample_env: Path) -> None:
    overview = open_page(since="2024-04-10")
    assert [s.label for s in overview.selectbox if s.label == "Compare with (since)"]
    crs = open_page("pages/change_requests.py", since="2024-04-10")
    assert not crs.exception, [e.value for e in crs.exception]
    assert "Compare with (since)" not in [s.label for s in crs.selectbox]  # the register reads no comparison
    assert crs.query_params["since"] == "2024-04-10"  # kept for the pages that do
    overview_link = next(p for p in crs.sidebar.get("page_link") if p.proto.label == "Overview")
    assert "since=2024-04-10" in overview_link.proto.query_string

"""Browser: the .ics download on /meetings, for one group and for all, parsed back with icalendar."""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
from icalendar import Calendar

from tests.test_browser import goto

pytestmark = pytest.mark.browser
LONDON = ZoneInfo("Europe/London")


def download_ics(page, url: str) -> tuple[str, dict[str, object]]:
    """Open `url`, click the calendar download; (suggested file name, events by UID)."""
    goto(page, url)
    button = page.get_by_role("button", name=re.compile(r"Download calendar \(\.ics\)"))
    button.wait_for(timeout=120_000)  # a loaded CI machine can take a while
    with page.expect_download(timeout=120_000) as info:
        button.click()
    download = info.value
    cal = Calendar.from_ical(Path(download.path()).read_bytes())
    return download.suggested_filename, {str(e["uid"]): e for e in cal.walk("VEVENT")}


def test_ics_download_for_one_group(page, server: str) -> None:
    name, events = download_ics(page, f"{server}/meetings?group=DAG")
    assert name.endswith(".ics")
    assert "group-DAG" in name
    assert {str(e["categories"].cats[0]) for e in events.values()} == {"DAG"}
    dag37 = events["DAG-20240612@mhhs-dashboard"]
    assert str(dag37["summary"]) == "DAG #37 (Design Advisory Group)"
    assert dag37.decoded("dtstart") == dt.datetime(2024, 6, 12, 10, 0, tzinfo=LONDON)
    assert dag37.decoded("dtend") == dt.datetime(2024, 6, 12, 12, 0, tzinfo=LONDON)
    assert events["DAG-20240710@mhhs-dashboard"].decoded("dtstart").date() == dt.date(2024, 7, 10)  # from the rule
    assert not page.errors


def test_ics_download_for_all_groups(page, server: str) -> None:
    _, events = download_ics(page, f"{server}/meetings")
    groups = {str(e["categories"].cats[0]) for e in events.values()}
    assert {"DAG", "SITAG", "MCAG", "QAG", "PSG", "CCAG", "NFTWG"} <= groups
    moved = events["MCAG-20240528@mhhs-dashboard"]  # the fourth Tuesday it moved from keeps its UID
    assert moved.decoded("dtstart") == dt.date(2024, 5, 8)  # all-day: MCAG has no times in the data
    assert "Moved from Tue 28 May 2024" in str(moved["description"])
    assert "NFTWG-20240507-x@mhhs-dashboard" in events  # the extraordinary meeting
    assert not page.errors

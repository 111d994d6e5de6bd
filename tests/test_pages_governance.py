"""AppTest for /groups and /meetings: the group filter narrows seats, cards and the calendar; bad rules never raise."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from mhhs_dashboard import cadence, data, sample
from mhhs_dashboard.store import write_snapshot
from tests import pack, screen
from tests.test_pages import metrics, open_page, tables

# what they write goes to a directory of their own (a new cache key): they share the caches
pytestmark = pytest.mark.shared_caches


def text_of(at) -> str:
    """The page's Markdown (escapes taken off) and the text of its cards (tests/screen.py html_text)."""
    return "\n".join(m.value for m in at.markdown).replace("\\", "") + "\n" + screen.html_text(at)


def test_a_chosen_group_lists_its_vacant_seats_at_once(sample_env: Path) -> None:
    at = open_page("pages/groups.py", group="QAG")
    assert not at.exception
    assert list(at.dataframe[0].value["group_code"]) == ["QAG", "QAG"]


def test_groups_page_shows_the_packs_seat_fill_and_vacancy_notes(sample_env: Path) -> None:
    at = open_page("pages/groups.py")
    assert not at.exception
    m = metrics(at)
    for group, (filled, total) in pack.SEATS.items():
        assert m[f"{group} seats filled"] == f"{filled} of {total}"
    assert not at.dataframe  # the vacant seats sit one click away under the charts
    at.session_state["groups_vacant"] = True  # what a click on the expander does
    at.run()
    vacant = at.dataframe[0].value
    assert len(vacant) == (13 - 9) + (13 - 9) + (11 - 9)
    assert "I&C constituency has advised" in " ".join(c.value for c in at.caption).replace("\\", "")
    notes = " ".join(vacant["note"].dropna())
    assert "I&C constituency has advised" in notes
    assert "Consumer constituency has advised" in notes
    text = text_of(at)
    assert "Third Wednesday of the month" in text
    assert "Tue 27 Feb 2024" in text


def test_group_filter_from_the_url_narrows_the_groups_page(sample_env: Path) -> None:
    at = open_page("pages/groups.py", group="SITAG")
    assert not at.exception
    assert metrics(at) == {"SITAG seats filled": "9 of 13"}
    assert set(at.dataframe[0].value["group_code"]) == {"SITAG"}
    text = text_of(at)
    assert "System Integration & Testing Advisory Group" in text
    assert "Next meeting: Wed 15 May 2024" in text  # third Wednesday after the 1 May as-at date
    assert "Migration & Cutover" not in text


def test_choosing_a_group_in_the_sidebar_narrows_and_writes_the_url(sample_env: Path) -> None:
    at = open_page("pages/groups.py")
    at.multiselect(key="filter_group").set_value(["QAG"]).run()
    assert metrics(at) == {"QAG seats filled": "9 of 11"}
    assert at.query_params["group"] in ("QAG", ["QAG"])


def test_meetings_page_for_mcag_shows_the_moved_meeting_first(sample_env: Path) -> None:
    at = open_page("pages/meetings.py", group="MCAG")
    assert not at.exception
    upcoming = tables(at)[0]  # a plain table: read whole on a shared screen
    assert " " not in at.table[0].value.iloc[0, 0]  # a date is kept on one line (no-break spaces)
    assert set(upcoming["Group"]) == {"MCAG"}
    first = upcoming.iloc[0]
    assert (first["Date"], first["Kind"], first["Moved from"]) == ("Wed 08 May 2024", "moved", "Tue 28 May 2024")
    assert first["Notes"] == "Held on Wednesday 8 May instead of the fourth Tuesday"
    then = upcoming.iloc[1]  # then the rule: fourth Tuesday of June, with no times, move or notes (blank, not None)
    assert (then["Date"], then["Kind"]) == ("Tue 25 Jun 2024", "scheduled")
    assert (then["From"], then["To"], then["Moved from"], then["Notes"]) == ("", "", "", "")
    text = text_of(at)
    assert "MCAG (held)" in text
    assert "DAG #35" not in text


def test_meetings_page_links_past_meetings_to_actions_and_crs(sample_env: Path) -> None:
    at = open_page("pages/meetings.py", group="DAG")
    assert not at.exception
    raw = "\n".join(m.value for m in at.markdown)
    assert "(actions?action=DAG35-02)" in raw
    assert "(change_requests?cr=CR044)" in raw
    text = text_of(at)
    assert "DAG #37" in text
    assert "Summary and Next Steps" in text
    assert "Top Programme Risks related to DAG" in text


def test_past_meetings_list_the_most_recent_and_the_rest_once_asked_for(tmp_path: Path, monkeypatch) -> None:
    from bench import scaled

    scaled.write_scaled(tmp_path, scale=3, weeks=1)  # three times the pack's meetings: more past than are listed
    monkeypatch.setenv("MHHS_DATA_DIR", str(tmp_path))
    day = re.compile(r"\*\*\w{3} \d{2} \w{3} \d{4}\*\* · ")  # each past meeting starts with its day, in bold

    def listed(at: AppTest) -> list[int]:
        return [len(day.findall(m.value)) for m in at.markdown if day.search(m.value)]

    at = open_page("pages/meetings.py")
    assert not at.exception, [e.value for e in at.exception]
    assert listed(at) == [12]  # one block of text, not an element per meeting
    (earlier,) = [e for e in at.expander if e.label.startswith("Earlier meetings")]
    hidden = int(re.search(r"\(([\d,]+)\)", earlier.label).group(1).replace(",", ""))
    at.session_state["meetings_earlier"] = True  # what a click on "Earlier meetings" does
    at.run()
    assert listed(at) == [12, hidden]
    past = cadence.past_meetings(data.meetings_log(data.source(), ()), data.meetings_as_at(data.source()))
    assert 12 + hidden == len(past)


def test_the_whole_calendar_is_listed_once_opened_with_blanks_for_what_a_meeting_lacks(sample_env: Path) -> None:
    at = open_page("pages/meetings.py")
    assert not at.dataframe  # the grid is sent only once its expander is opened
    at.session_state["meetings_calendar"] = True  # what a click on "The whole calendar" does
    at.run()
    (grid,) = at.dataframe
    src = data.source()
    calendar = cadence.meeting_calendar(data.group_cards(src, ()), data.meetings_log(src, ()), data.meetings_as_at(src))
    shown = grid.value
    assert len(shown) == len(calendar)
    assert set(shown["source"]) == {"meetings log", "cadence rule"}
    scheduled = shown[shown["source"] == "cadence rule"]
    assert not scheduled.empty
    assert scheduled["notes"].isna().all()
    assert shown[["start_time", "end_time", "notes"]].isna().any().all()  # each column has meetings without one
    assert grid.proto.placeholder == ""  # which the grid shows blank, never "None"


@pytest.fixture
def bad_rule_env(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """The embedded data with SITAG's cadence replaced by text no parser knows."""
    sample.write_sample(tmp_path)
    groups = sample.groups()
    groups.loc[groups["group_code"] == "SITAG", "cadence"] = "Every **other** blue moon"
    write_snapshot(tmp_path, "groups", sample.PACK_AS_AT, groups, replace=True)
    monkeypatch.setenv("MHHS_DATA_DIR", str(tmp_path))
    return tmp_path


@pytest.mark.parametrize("page", ["pages/groups.py", "pages/meetings.py"])
def test_an_unknown_cadence_shows_a_notice_not_a_traceback(bad_rule_env: Path, page: str) -> None:
    at = open_page(page, group="SITAG")
    assert not at.exception
    warning = " ".join(w.value for w in at.warning)
    assert "unknown cadence rule" in warning
    assert "blue moon" in warning
    assert "\\*\\*other\\*\\*" in warning  # data text is made inert

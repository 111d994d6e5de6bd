"""AppTest: the decisions log (/decisions) and one decision (?decision=), the latest decision heading each record a
decision names (CR, risk, action, milestone), the overview's "Asked of participants" and "Decisions since the last
meeting", the design principles page and the governance structure chart on /groups."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from tests.screen import tiles
from tests.test_pages import open_page, tables

# they read the data and change none of it: they share the caches the first of them fills
pytestmark = pytest.mark.shared_caches

DECISIONS = "pages/decisions.py"


def text(at: AppTest) -> str:
    """Every Markdown and caption of the main area, unescaped, in order."""
    parts = [m.value for m in at.main.get("markdown")] + [c.value for c in at.main.get("caption")]
    return re.sub(r"\\(.)", r"\1", " ".join(parts))


def links(at: AppTest) -> list[tuple[str, str, str]]:
    """(label, page, query string) of every st.page_link in the main area."""
    return [
        (re.sub(r"\\(.)", r"\1", e.proto.label), e.proto.page, e.proto.query_string) for e in at.main.get("page_link")
    ]


def notices(at: AppTest) -> str:
    return " ".join(i.value for i in at.info).replace("\\", "")


def test_the_cr045_record_leads_with_psgs_decision_of_1_may(sample_env: Path) -> None:
    at = open_page("pages/change_requests.py", cr="CR045")
    assert not at.exception
    first = at.main.get("markdown")[0].value.replace("\\", "")
    assert first == "**Latest decision:** PSG agreed CR045 in principle on 1 May 2024"
    said = text(at)
    assert "revisit implementation with participants in Autumn 2024" in said
    assert said.index("PSG agreed CR045 in principle") < said.index("Key detail")  # above the record and history
    decision = [q for label, page, q in links(at) if label == "Open the decision"]
    assert len(decision) == 1
    assert decision[0].startswith("decision=PSG-2024-05-01-")
    assert ("Every decision naming CR045", "decisions", "ref=CR045") in links(at)


def test_a_milestones_record_and_a_ratified_crs_lead_with_their_latest_decision(sample_env: Path) -> None:
    at = open_page("pages/milestones.py", milestone="M10")
    assert not at.exception
    assert "**Latest decision:** PSG " in at.main.get("markdown")[0].value.replace("\\", "")
    at = open_page("pages/change_requests.py", cr="CR047")
    assert "**Latest decision:** SRO ratified CR047 on 1 May 2024" in text(at)  # after the Change Board, 12 Apr


def test_a_record_no_decision_names_has_no_decision_heading(sample_env: Path) -> None:
    at = open_page("pages/change_requests.py", cr="CR043")
    assert not at.exception
    assert "Latest decision" not in text(at)


def meetings(at) -> list[tuple[str, str]]:
    """The decisions log's blocks, one per meeting: (its heading line, its outcomes as a Markdown list); the log is
    one Markdown element, a rule between its meetings."""
    blocks = [b for m in at.main.get("markdown") for b in m.value.split("\n\n---\n\n") if "\n\n- " in b]
    return [(b.partition("\n\n")[0], b.partition("\n\n")[2]) for b in blocks]


def test_the_decisions_log_lists_every_meeting_newest_first_with_linked_references(sample_env: Path) -> None:
    at = open_page(DECISIONS)
    assert not at.exception
    said = text(at)
    assert said.index("01 May 2024") < said.index("10 Apr 2024") < said.index("26 Mar 2024")
    blocks = [outcomes for _, outcomes in meetings(at)]
    assert "on the agenda" in said  # DAG #36's own items, 8 May: after the view's date, 1 May
    psg = next(b for b in blocks if "decisions?decision=PSG-2024-05-01-" in b)
    assert "[CR045](change_requests?cr=CR045)" in psg
    assert "[M10](milestones?milestone=M10)" in psg
    assert "(decisions?decision=PSG-2024-05-01-" in psg


def test_a_filtered_url_narrows_the_log(sample_env: Path) -> None:
    at = open_page(DECISIONS, group="DAG", kind="escalation", ref="CR044")
    assert not at.exception
    blocks = [outcomes for _, outcomes in meetings(at)]
    assert len(blocks) == 1
    assert blocks[0].count("\n- ") == 0  # one outcome: DAG's escalation of CR044 on 10 Apr
    assert "CR044 Decision" in blocks[0]
    assert "1 outcome, newest meeting first." in text(at)


def test_a_date_range_narrows_the_log_and_a_bad_date_is_dropped_with_the_notice(sample_env: Path) -> None:
    at = open_page(DECISIONS, **{"from": "2024-04-11", "to": "2024-04-20"})
    assert not at.exception
    heads = [head for head, _ in meetings(at)]
    assert [h.split(" · ")[1] for h in heads] == ["Thu 18 Apr 2024", "Wed 17 Apr 2024", "Fri 12 Apr 2024"]
    at = open_page(DECISIONS, **{"from": "soon"})
    assert not at.exception
    assert "soon" in notices(at)


def test_a_filter_that_matches_nothing_says_so(sample_env: Path) -> None:
    at = open_page(DECISIONS, ref="CR999")
    assert not at.exception
    assert "No decisions match these filters." in notices(at)


def test_a_decision_link_opens_one_decision(sample_env: Path) -> None:
    at = open_page(DECISIONS, ref="CR045", kind="approval in principle")
    decision_id = re.search(
        r"decision=(PSG-2024-05-01-[0-9]+)", text(at) + " ".join(m.value for m in at.main.get("markdown"))
    ).group(1)
    at = open_page(DECISIONS, decision=decision_id)
    assert not at.exception
    assert at.title[0].value.replace("\\", "") == "CR045: Supply Start Date (SSD) Correction Tool"
    assert dict(tiles(at)) == {
        "Group": "PSG",
        "Meeting": "01 May 2024",
        "Kind": "approval in principle",
        "Decided by": "PSG",
    }
    assert ("Change request CR045", "change_requests", "cr=CR045") in links(at)
    assert ("Milestone M10", "milestones", "milestone=M10") in links(at)


def test_an_unknown_decision_id_goes_to_the_one_notice_and_the_log_shows(sample_env: Path) -> None:
    at = open_page(DECISIONS, decision="PSG-2099-01-01-99")
    assert not at.exception
    assert "Ignored what this link asked for" in notices(at)
    assert "PSG-2099-01-01-99" in notices(at)
    assert at.title[0].value == "Decisions"
    assert "decision" not in at.query_params


def test_the_overview_lists_what_participants_are_asked_soonest_first(sample_env: Path) -> None:
    at = open_page()
    assert not at.exception
    asked = next(t for t in tables(at) if "Deadline" in t.columns)
    assert list(asked["Deadline"])[:3] == ["Fri 03 May 2024", "Fri 03 May 2024", "Tue 07 May 2024"]
    assert "M10/M11 Cutover Plan Consultation" in list(asked["What"])
    assert list(asked["Days left"])[:3] == [2, 2, 6]


def test_the_overview_lists_the_decisions_since_the_last_dag(sample_env: Path) -> None:
    at = open_page()
    decided = next(t for t in tables(at) if "On" in t.columns)
    assert set(decided["Group"]) >= {"PSG", "CB"}
    assert "information" not in set(decided["Kind"])
    assert "approval in principle" in set(decided["Kind"])
    assert ("The decisions log", "decisions", "from=2024-04-11") in links(at)


def test_the_principles_page_lists_the_sixteen_principles(sample_env: Path) -> None:
    at = open_page("pages/principles.py")
    assert not at.exception
    shown = tables(at)[0]
    assert list(shown["Ref"]) == list(range(16))
    assert "PRI017" in list(shown["References"])


def test_the_groups_page_draws_the_governance_structure(sample_env: Path) -> None:
    at = open_page("pages/groups.py")
    assert not at.exception
    titles = [c.proto.spec for c in at.get("plotly_chart")]
    assert any("MHHS governance and decision-making structure" in spec for spec in titles)

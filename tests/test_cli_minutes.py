"""`mhhs-dashboard minutes`: the Headline Report drafted from a published record, as HTML and as Word."""

from __future__ import annotations

import zipfile
from pathlib import Path

import docx
import pytest

from mhhs_dashboard import record
from tests.test_cli import cli

pytestmark = pytest.mark.slow  # each test runs the CLI in a fresh process (`make test`, not test-fast)


@pytest.fixture
def published(live_dir: Path) -> Path:
    m = record.meeting_of(live_dir, "DAG36")
    decision = {"kind": "recommendation", "outcome": "DAG recommended CR052 <for> approval", "refs": "CR052"}
    record.capture(live_dir, m, "decision", 3, "Change Requests Update", decision, "sec@example.org")
    action = {"action": "Programme to circulate the CR052 impact assessment", "owner": "Programme (PMO)"}
    record.capture(live_dir, m, "action", 2, "Minutes and Actions", {**action, "due_date": "2024-06-12"}, "sec@x")
    closing = {"action_ref": "DAG35-02", "status": "CLOSED", "update": "DAG agreed to close: risk R856 raised"}
    record.capture(live_dir, m, "action_update", 2, "Minutes and Actions", closing, "sec@x")
    record.capture(live_dir, m, "note", 4, "Design Updates", {"text": "Members asked for the DIN-1066 timeline"}, "s")
    record.publish(live_dir, m, "sec@example.org")
    return live_dir


def test_minutes_writes_the_headline_report_as_html(published: Path, tmp_path: Path) -> None:
    out = tmp_path / "dag36.html"
    run = cli("minutes", "--meeting", "DAG36", "--html", str(out), "--data-dir", str(published))
    assert run.returncode == 0, run.stderr
    assert "1 actions raised, 1 closed" in run.stdout
    page = out.read_text(encoding="utf-8")
    assert "<h1>DAG #36 Headline Report</h1>" in page
    assert "<h3>3. Change Requests Update</h3>" in page
    assert 'data-decision="DAG-2024-05-08-05">Recommendation (DAG) [CR052]: DAG recommended CR052 &lt;for&gt;' in page
    raised = page.split('id="raised"')[1].split("</section>")[0]
    assert (
        "<td>DAG36-01</td><td>Programme to circulate the CR052 impact assessment</td><td>Programme (PMO)</td>" in raised
    )
    assert "12 Jun 2024" in raised
    closed = page.split('id="closed"')[1].split("</section>")[0]
    assert "DAG35-02" in closed
    assert "DAG36: DAG agreed to close: risk R856 raised" in closed
    assert "Members asked for the DIN-1066 timeline" in page
    assert "DAG #37: Wednesday 12 June 2024" in page
    assert "color: #0b5394" in page  # the pack's house style
    assert "<script" not in page
    assert "http" not in page.split("<body>")[1]


def test_minutes_writes_an_editable_word_document(published: Path, tmp_path: Path) -> None:
    out = tmp_path / "dag36.docx"
    run = cli("minutes", "--meeting", "DAG36", "--docx", str(out), "--data-dir", str(published))
    assert run.returncode == 0, run.stderr
    assert zipfile.is_zipfile(out)
    doc = docx.Document(str(out))
    text = [p.text for p in doc.paragraphs]
    assert text[0] == "DAG #36 Headline Report"
    assert "3. Change Requests Update" in text
    assert "Recommendation (DAG) [CR052]: DAG recommended CR052 <for> approval" in text
    assert "DAG #37: Wednesday 12 June 2024" in text
    raised, closed = doc.tables
    assert [c.text for c in raised.rows[1].cells] == [
        "DAG36-01",
        "Programme to circulate the CR052 impact assessment",
        "Programme (PMO)",
        "12 Jun 2024",
    ]
    assert closed.rows[1].cells[0].text == "DAG35-02"
    assert str(doc.styles["Heading 1"].font.color.rgb) == "0B5394"


def test_minutes_of_an_unpublished_meeting_is_one_line(live_dir: Path, tmp_path: Path) -> None:
    run = cli("minutes", "--meeting", "DAG36", "--html", str(tmp_path / "x.html"), "--data-dir", str(live_dir))
    assert run.returncode == 2
    assert run.stderr.strip() == (
        "mhhs-dashboard minutes: DAG36 has no published record: capture it in chair mode and publish it from the "
        "workspace first"
    )
    assert not (tmp_path / "x.html").exists()


def test_minutes_of_an_unknown_meeting_or_no_output_is_one_line(live_dir: Path) -> None:
    run = cli("minutes", "--meeting", "DAG99", "--html", "x.html", "--data-dir", str(live_dir))
    assert run.returncode == 2
    assert "DAG99" in run.stderr
    assert "Traceback" not in run.stderr
    assert len(run.stderr.strip().splitlines()) == 1
    run = cli("minutes", "--meeting", "DAG36", "--data-dir", str(live_dir))
    assert run.returncode == 2
    assert "nothing to write" in run.stderr


def test_the_registers_own_outcomes_go_under_the_item_their_title_names(published: Path, tmp_path: Path) -> None:
    """The decisions log's rows for DAG #36 name their agenda item by title (their item_order is their order among
    the meeting's outcomes, 1 to 4): the approvals of past Headline Reports are Minutes and Actions business, the
    CR050 update is under Change Requests, none under Welcome; the decision captured on item 3 stays there."""
    out = tmp_path / "dag36.html"
    assert cli("minutes", "--meeting", "DAG36", "--html", str(out), "--data-dir", str(published)).returncode == 0
    page = out.read_text(encoding="utf-8")
    by_item = {h.split("</h3>")[0]: h for h in page.split("<h3>")[1:]}
    assert "1. Welcome" not in by_item  # nothing was decided on it
    assert "Headline Report of DAG held 14 February 2024" in by_item["2. Minutes and Actions"]
    assert "Headline Report of DAG held 13 March 2024" in by_item["2. Minutes and Actions"]
    assert "CR050: Amendments to the MHHS Change Control Approach" in by_item["3. Change Requests Update"]
    assert "DAG recommended CR052" in by_item["3. Change Requests Update"]
    assert "4. Design Updates" not in by_item or "CR050" not in by_item["4. Design Updates"]

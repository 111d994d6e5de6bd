"""Ingest of the registers of issue 22 (decisions, checklist, principles, the agenda's new columns): good .csv and
.xlsx files load; a missing required column, an unknown kind or a bad date exits 2 with one line and writes nothing."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pandas as pd
import pytest

from mhhs_dashboard.store import open_store
from tests.test_cli_ingest import assert_refused, csv_file, run, tree_digest, xlsx

D = dt.date
DECISION_ROWS = [
    ["Decision ID", "Group", "Meeting Date", "Kind", "Decided By", "References", "Title", "Outcome", "Order"],
    ["PSG-2024-05-01-09", "PSG", "01/05/2024", "Approval in principle", "PSG", "CR045, M10", "CR045", "Agreed.", 9],
    ["dag-2024-04-10-02 ", "DAG", dt.datetime(2024, 4, 10), "escalation", "DAG", "cr045 m10", "CR045", "Up.", 2],
]
CHECKLIST_ROWS = [
    ["Item ID", "Type", "Title", "Detail", "Opened", "Deadline", "Owner"],
    ["PC-1", "Consultation", "Annex 1", "REMINDER", None, "03/05/2024", None],
    ["GD-1", "guidance", "PIT guidance", "Updated", "2024-05-01", None, "Programme"],
]
PRINCIPLE_ROWS = [
    ["Ref", "Principle", "Scope", "Sub-Principle", "References"],
    [0, "The solution will be designed to support timely and accurate settlement.", "System Wide", None, None],
    [3, "The DIP solution will remain stateless.", "DIP", "Sending parties ... (PRI026)", "PRI024.PRI025"],
]
# the pack's own agenda table headers (the Page column is not the dashboard's: reported and ignored)
AGENDA_ROWS = [
    ["Group", "Meeting Date", "#", "Item", "Objective", "Type", "Lead", "Start", "Minutes", "Page"],
    ["DAG", "08/05/2024", 1, "Welcome", "Introduction to meeting", "Information", "Chair", "10:00", 5, 1],
    [
        "DAG",
        "08/05/2024",
        2,
        "Minutes and Actions",
        "Approval of headline report",
        "Decision",
        "Secretariat",
        "10:05",
        15,
        3,
    ],
]


def as_csv(rows: list[list[object]]) -> str:
    def cell(v: object) -> str:
        if v is None:
            return ""
        if isinstance(v, dt.datetime):
            return v.strftime("%d/%m/%Y")
        text = str(v)
        return f'"{text}"' if "," in text else text

    return "\n".join(",".join(cell(v) for v in r) for r in rows) + "\n"


GOOD = {
    "decisions": DECISION_ROWS,
    "checklist": CHECKLIST_ROWS,
    "principles": PRINCIPLE_ROWS,
    "agenda_items": AGENDA_ROWS,
}


@pytest.mark.parametrize("suffix", [".csv", ".xlsx"])
@pytest.mark.parametrize("table", list(GOOD))
def test_a_good_file_loads(table: str, suffix: str, tmp_path: Path) -> None:
    data = tmp_path / "data"
    src = tmp_path / f"{table}{suffix}"
    if suffix == ".csv":
        csv_file(src, as_csv(GOOD[table]))
    else:
        xlsx(src, GOOD[table], title=table)
    assert run("ingest", table.replace("_", "-"), str(src), "--as-at", "2024-05-01", "--data-dir", str(data)) == 0
    store = open_store(data, strict=True)
    got = store.con.execute(f"select * from {table}").df()  # noqa: S608 - the table name is the test's own
    assert len(got) == 2
    if table == "decisions":
        assert list(got["decision_id"]) == ["PSG-2024-05-01-09", "DAG-2024-04-10-02"]  # ids trimmed, upper case
        assert list(got["kind"]) == ["approval in principle", "escalation"]  # the vocabulary's own spelling
        assert [pd.Timestamp(d).date() for d in got["meeting_date"]] == [D(2024, 5, 1), D(2024, 4, 10)]
        refs = store.con.execute("select refs from decision_outcomes order by item_order").fetchall()
        assert refs == [(["CR045", "M10"],), (["CR045", "M10"],)]  # comma- or space-separated, any case
    elif table == "checklist":
        assert list(got["kind"]) == ["consultation", "guidance"]
        assert pd.Timestamp(got["deadline"].iloc[0]).date() == D(2024, 5, 3)  # day first
    elif table == "principles":
        assert list(got["principle_ref"]) == [0, 3]
        assert got["sub_principles"].iloc[1] == "Sending parties ... (PRI026)"
    else:
        assert list(got["item_type"]) == ["Information", "Decision"]  # the pack's "Type"
        assert list(got["minutes"]) == [5, 15]
        assert list(got["item_order"]) == [1, 2]


def test_an_agenda_extract_without_the_new_columns_still_loads(tmp_path: Path) -> None:
    src = csv_file(tmp_path / "roadmap.csv", "Group,Item,Kind,Order\nDAG,Design Updates,standing,1\n")
    data = tmp_path / "data"
    assert run("ingest", "agenda-items", str(src), "--as-at", "2024-05-01", "--data-dir", str(data)) == 0
    got = open_store(data, strict=True).con.execute("select item, objective, minutes from agenda_items").fetchall()
    assert got == [("Design Updates", None, None)]


BAD = {
    "missing required column": (
        "decisions",
        "decisions.csv",
        "Decision ID,Group,Meeting Date,Kind\nPSG-1,PSG,01/05/2024,decision\n",
        ("decisions.csv", "row 1", "'Outcome'", "required column missing"),
    ),
    "unknown kind": (
        "decisions",
        "kinds.csv",
        "Decision ID,Group,Meeting Date,Kind,Outcome\nPSG-1,PSG,01/05/2024,decision,a\nPSG-2,PSG,01/05/2024,vote,b\n",
        ("kinds.csv", "row 3", "column 'Kind'", "unknown kind 'vote'", "approval in principle"),
    ),
    "bad date": (
        "decisions",
        "dates.csv",
        "Decision ID,Group,Meeting Date,Kind,Outcome\nPSG-1,PSG,31/02/2024,decision,a\n",
        ("dates.csv", "row 2", "column 'Meeting Date'", "expected a date", "'31/02/2024'"),
    ),
    "checklist unknown kind": (
        "checklist",
        "checklist.csv",
        "Item ID,Kind,Title\nPC-1,rumour,x\n",
        ("checklist.csv", "row 2", "column 'Kind'", "unknown kind 'rumour'", "consultation"),
    ),
    "checklist bad deadline": (
        "checklist",
        "deadline.csv",
        "Item ID,Kind,Title,Deadline\nPC-1,consultation,x,Friday soon\n",
        ("deadline.csv", "row 2", "column 'Deadline'", "expected a date"),
    ),
    "checklist missing title": (
        "checklist",
        "notitle.csv",
        "Item ID,Kind\nPC-1,consultation\n",
        ("notitle.csv", "row 1", "'Title'", "required column missing"),
    ),
    "principles missing principle": (
        "principles",
        "principles.csv",
        "Ref,Scope\n0,System Wide\n",
        ("principles.csv", "row 1", "'Principle'", "required column missing"),
    ),
    "principles bad ref": (
        "principles",
        "pref.csv",
        "Ref,Principle\nzero,Timely settlement\n",
        ("pref.csv", "row 2", "column 'Ref'", "whole number"),
    ),
    "agenda bad minutes": (
        "agenda_items",
        "agenda.csv",
        "Group,Item,Minutes\nDAG,Welcome,five\n",
        ("agenda.csv", "row 2", "column 'Minutes'", "whole number"),
    ),
}


@pytest.mark.parametrize("case", list(BAD))
def test_bad_input_exits_2_with_one_line_and_writes_nothing(
    case: str, sample_dir: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    import shutil

    table, name, text, expected = BAD[case]
    data = tmp_path / "data"
    shutil.copytree(sample_dir, data)
    bad = csv_file(tmp_path / name, text)
    before = tree_digest(data)
    status = run("ingest", table.replace("_", "-"), str(bad), "--as-at", "2024-05-08", "--data-dir", str(data))
    assert_refused(status, capsys.readouterr().err, expected, data, before)


@pytest.mark.parametrize("table", ["decisions", "checklist", "principles", "agenda-items"])
def test_template_headers_read_back(table: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    dest = tmp_path / f"{table}.xlsx"
    assert run("template", table, str(dest)) == 0
    assert run("ingest", table, str(dest), "--as-at", "2024-05-08", "--data-dir", str(tmp_path / "d")) == 2
    assert "no data rows" in capsys.readouterr().err

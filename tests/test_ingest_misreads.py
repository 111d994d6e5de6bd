"""Issue 23, items 1-9: inputs that were misread are refused with one line naming the place, or read with a warning
in the summary and on the data-quality page; the data directory is byte-identical after every refusal."""

from __future__ import annotations

import datetime as dt
import shutil
from collections.abc import Callable
from pathlib import Path

import pandas as pd
import pytest

from mhhs_dashboard import cli, ingest
from tests.test_cli_ingest import assert_refused, book, csv_file, tree_digest

HEAD = ["DIN ID", "Title", "Current Status", "Date Raised"]


@pytest.fixture
def data_dir(sample_dir: Path, tmp_path: Path) -> Path:
    dest = tmp_path / "data"
    shutil.copytree(sample_dir, dest)
    return dest


ROW = ["DIN-1", "x", "Closed", "08/05/2024"]
REFUSED: dict[str, tuple[Callable[[Path], Path], tuple[str, ...], tuple[str, ...]]] = {
    "1 ragged row": (
        lambda t: csv_file(t / "r.csv", "DIN ID;Title;Current Status\nDIN-1;x;Closed;extra;cells;here\n"),
        (),
        ("r.csv", "row 2", "6 cells against the header row's 3", "3 cells past the last header"),
    ),
    "2 a date of another century": (
        lambda t: csv_file(t / "y.csv", "DIN ID,Current Status,Date Raised\nDIN-1,Closed,08/05/1924\n"),
        (),
        ("y.csv", "row 2", "column 'Date Raised'", "outside 2015 to 2040"),
    ),
    "2 day and month without a year": (
        lambda t: csv_file(t / "ny.csv", "DIN ID,Current Status,Date Raised\nDIN-1,Closed,25-Sep\n"),
        (),
        ("ny.csv", "row 2", "column 'Date Raised'", "gives no year"),
    ),
    "3 month-first dates": (
        lambda t: csv_file(
            t / "us.csv", "DIN ID,Current Status,Date Raised\nDIN-1,Closed,05/06/2024\nDIN-2,Closed,05/13/2024\n"
        ),
        (),
        ("us.csv", "row 3", "column 'Date Raised'", "cannot be day first", "month first", "dd/mm/yyyy"),
    ),
    "4 two candidate sheets": (
        lambda t: book(t / "two.xlsx", {"Open": [HEAD, ROW], "Closed": [HEAD, ["DIN-2", "y", "Closed", None]]}),
        (),
        ("two.xlsx", "2 sheets", "'Open', 'Closed'", "--sheet NAME"),
    ),
    "4 only a hidden sheet": (
        lambda t: book(t / "h.xlsx", {"Old": [HEAD, ROW], "Notes": [["nothing here"]]}, hidden=("Old",)),
        (),
        ("h.xlsx", "'Old', is hidden", "--sheet 'Old'"),
    ),
    "4 no such sheet": (
        lambda t: book(t / "n.xlsx", {"DINs": [HEAD, ROW]}),
        ("--sheet", "Nope"),
        ("n.xlsx", "no sheet named 'Nope'", "'DINs'"),
    ),
    "5 formula without a saved value": (
        lambda t: book(t / "f.xlsx", {"DINs": [HEAD, ["DIN-1", '=A2&"x"', "Closed", None]]}),
        (),
        ("f.xlsx", "sheet 'DINs', row 2, column 'Title' (cell B2)", "formula", "no saved value"),
    ),
    "5 error cell": (
        lambda t: book(t / "e.xlsx", {"DINs": [HEAD, ["DIN-1", "#N/A", "Closed", None]]}),
        (),
        ("e.xlsx", "sheet 'DINs', row 2, column 'Title' (cell B2)", "the error #N/A"),
    ),
    "6 merged header": (
        lambda t: book(
            t / "m.xlsx", {"DINs": [[*HEAD[:2], None, *HEAD[2:]], ["DIN-1", "x", "y", "Closed", None]]}, merge="B1:C1"
        ),
        (),
        ("m.xlsx", "sheet 'DINs', row 2, column C", "'Title' is merged across B1:C1", "unmerge"),
    ),
    "6 data under a blank header": (
        lambda t: csv_file(t / "b.csv", "DIN ID,,Current Status\nDIN-1,lost,Closed\n"),
        (),
        ("b.csv", "row 2, cell 2", "no header", "'lost'"),
    ),
    "8 one id spelt two ways": (
        lambda t: csv_file(t / "d.csv", "DIN ID,Current Status\nDIN-0042,Closed\n din-0042 ,Closed\n"),
        (),
        ("d.csv", "row 3", "duplicate id 'DIN-0042'", "first on row 2", "without outer spaces and case"),
    ),
}


@pytest.mark.parametrize("case", list(REFUSED))
def test_misreads_are_refused_with_one_line_and_nothing_written(
    case: str, data_dir: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    make, extra, expected = REFUSED[case]
    bad = make(tmp_path)
    before = tree_digest(data_dir)
    status = cli.main(["ingest", "din-log", str(bad), "--as-at", "2024-05-08", "--data-dir", str(data_dir), *extra])
    assert_refused(status, capsys.readouterr().err, expected, data_dir, before)


def _ingest(data_dir: Path, f: Path, capsys: pytest.CaptureFixture[str], *extra: str) -> str:
    # a few rows over the pack's 1,029 DINs: past the shrink guard on purpose
    args = ["ingest", "din-log", str(f), "--as-at", "2024-05-09", "--data-dir", str(data_dir), "--allow-shrink"]
    status = cli.main([*args, *extra])
    out = capsys.readouterr()
    assert status == 0, out.err
    return out.out


def test_month_year_text_is_the_first_of_the_month_flagged_approximate(
    data_dir: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    f = csv_file(
        tmp_path / "my.csv", "DIN ID,Current Status,Date Raised\nDIN-1,Closed,Sep-25\nDIN-2,Closed,September 2025\n"
    )
    out = _ingest(data_dir, f, capsys)
    assert "2 cells give a month and year only ('Sep-25', 'September 2025'), read as the 1st" in out
    assert ingest.parse_date("Sep-25") == dt.date(2025, 9, 1)  # never 25 September 2000
    findings = ingest.ingest_findings(data_dir)
    approx = findings[findings["problem"] == "date approximate: month and year only"]
    assert sorted(approx["row_key"]) == ["DIN-1", "DIN-2"]
    assert any("month and year only" in d for d in findings[findings["problem"] == "ingest warning"]["detail"])


def test_visible_sheet_is_read_over_a_hidden_copy_and_sheet_chooses(
    data_dir: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    f = book(
        tmp_path / "w.xlsx", {"Old": [HEAD, ["DIN-9", "old", "Closed", None]], "DINs": [HEAD, ROW]}, hidden=("Old",)
    )
    out = _ingest(data_dir, f, capsys)
    assert "read:           Excel workbook, sheet 'DINs' (hidden sheet 'Old' not read), headers on row 1" in out
    two = book(tmp_path / "two.xlsx", {"Open": [HEAD, ROW], "Closed": [HEAD, ["DIN-2", "y", "Closed", None]]})
    out = _ingest(data_dir, two, capsys, "--sheet", "Closed", "--replace")
    assert "sheet 'Closed'" in out
    assert "rows stored:    1" in out


def test_ids_are_normalised_and_counted(data_dir: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    f = csv_file(tmp_path / "ids.csv", "DIN ID,Current Status\ndin-0042 ,Closed\nDIN-0043,Closed\n")
    out = _ingest(data_dir, f, capsys)
    assert "ids normalised: 1" in out
    assert "din_id: 'din-0042 ' -> 'DIN-0042' (1 row)" in out
    findings = ingest.ingest_findings(data_dir)
    assert "DIN-0042" in set(findings[findings["problem"] == "id normalised at ingest"]["row_key"])


def test_a_cell_past_excels_limit_is_warned(data_dir: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    f = csv_file(tmp_path / "long.csv", f"DIN ID,Title,Current Status\nDIN-1,{'x' * 40_000},Closed\n")
    out = _ingest(data_dir, f, capsys)
    assert "column 'Title': 1 cell over Excel's 32,767-character cell limit (up to 40,000)" in out
    assert "(first on row 2)" in out


@pytest.mark.parametrize(
    ("name", "encoding", "sep", "kind"),
    [
        ("unicode.txt", "utf-16", "\t", "UTF-16 text, tab-separated text (Excel's 'Unicode Text')"),
        ("tabs.tsv", "utf-8", "\t", "UTF-8 text, tab-separated text"),
        ("semi.csv", "utf-16-le", ";", "UTF-16 text, semicolon-separated text"),
    ],
)
def test_utf16_and_tab_separated_text_is_read(
    name: str, encoding: str, sep: str, kind: str, data_dir: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    rows = [HEAD, ["DIN-1", "café", "Closed", "08/05/2024"], ["DIN-2", "two", "Closed", ""]]
    f = csv_file(tmp_path / name, "\r\n".join(sep.join(r) for r in rows) + "\r\n", encoding)
    out = _ingest(data_dir, f, capsys)
    assert f"read:           {kind}, headers on row 1" in out
    assert "rows stored:    2" in out


def test_the_data_quality_page_shows_the_ingest_warnings(
    data_dir: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    from tests.test_pages import open_page

    f = csv_file(tmp_path / "plan.csv", "DIN ID,Current Status,Date Raised\nDIN-1,Closed,Sep-25\n")
    _ingest(data_dir, f, capsys)
    monkeypatch.setenv("MHHS_DATA_DIR", str(data_dir))
    at = open_page("pages/data_quality.py")
    assert not at.exception
    assert any("1 warning" in c.value for c in at.caption)
    shown = [df for df in (g.value for g in at.dataframe) if "problem" in df.columns]
    problems = set(pd.concat(shown)["problem"])
    assert {"ingest warning", "date approximate: month and year only"} <= problems
    details = " ".join(pd.concat(shown)["detail"])
    assert "give a month and year only ('Sep-25'), read as the 1st of the month: approximate" in details

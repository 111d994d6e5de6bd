"""Ingest, piece by piece: header matching, dates, booleans, normalisation, the pack's own layouts, the report."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pandas as pd
import pytest
from openpyxl import Workbook

from mhhs_dashboard import ingest
from mhhs_dashboard.ingest import headers
from mhhs_dashboard.store import open_store

D = dt.date
SEED = Path("/work/shared/seeds/000_e15b2c5a7c6bea07.txt")
CR_PACK_HEADERS = (
    "Ref.\tKey Detail\tChange Raiser(s)\tChange Type\tLatest Action\tApproval Status\t"
    "Current Stage in Change Control\tAction <i>If approved</i>\tImplementation date/milestone\t"
    "Change Owner(s) <i>If approved</i>"
)


@pytest.mark.parametrize(
    ("table", "given", "column"),
    [
        ("change_requests", "Ref.", "cr_ref"),
        ("change_requests", "Key Detail", "title"),
        ("change_requests", "change raiser(s)", "raisers"),
        ("change_requests", "CURRENT STAGE IN CHANGE CONTROL", "current_stage"),
        ("change_requests", "Action <i>If approved</i>", "action_if_approved"),
        ("change_requests", " Implementation  date/milestone ", "implementation"),
        ("change_requests", "Change Owner(s)\u00a0If approved", "owners"),
        ("change_requests", "current_stage", "current_stage"),
        ("din_log", "DIN Ref", "din_id"),
        ("din_log", "DIN ID", "din_id"),
        ("din_log", "Status", "status"),
        ("din_log", "Target Release", "target_release"),
        ("actions", "Latest update", "latest_update"),
        ("actions", "Due", "due_date"),
        ("seats", "Representative", "constituency"),
        ("seats", "Seat Filled", "filled"),
    ],
)
def test_headers_match_case_space_and_the_packs_names(table: str, given: str, column: str) -> None:
    cols, extra = headers.match(table, [given])
    assert cols == {0: column}
    assert extra == []


def test_extra_and_duplicate_headers_are_reported_not_used() -> None:
    cols, extra = headers.match("din_log", ["Status", "DIN ID", "Colour", "Current Status", ""])
    assert cols == {1: "din_id", 3: "status"}  # "Current Status" is the preferred name for status
    assert extra == ["Colour", "Status"]


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        (dt.datetime(2024, 5, 8, 0, 0), D(2024, 5, 8)),  # a real Excel date
        (pd.Timestamp("2024-05-08"), D(2024, 5, 8)),
        (45420, D(2024, 5, 8)),  # an Excel serial number
        (45420.0, D(2024, 5, 8)),
        ("45420", D(2024, 5, 8)),  # a serial number that went through CSV
        ("2024-05-08", D(2024, 5, 8)),  # ISO
        ("2024-05-08 00:00:00", D(2024, 5, 8)),
        ("08/05/2024", D(2024, 5, 8)),  # UK day first: 8 May, never 5 August
        ("8/5/2024", D(2024, 5, 8)),
        ("08-05-2024", D(2024, 5, 8)),
        ("13/03/2024", D(2024, 3, 13)),
        ("13-Mar-24", D(2024, 3, 13)),  # as the CR register's Latest Action writes it
        ("8 May 2024", D(2024, 5, 8)),
        ("Wed 21 Feb 2024", D(2024, 2, 21)),
        (" 08/05/2024\u00a0", D(2024, 5, 8)),
        (None, None),
        ("", None),
        (float("nan"), None),
    ],
)
def test_dates_in_every_form_the_pmo_uses(value: object, expected: D | None) -> None:
    assert ingest.parse_date(value) == expected


@pytest.mark.parametrize("value", ["31/02/2024", "TBC", "soon", "2024-13-01", -5, "99999999"])
def test_unreadable_dates_raise(value: object) -> None:
    with pytest.raises(ValueError):  # noqa: PT011 - the value is the message
        ingest.parse_date(value)


@pytest.mark.parametrize(
    ("value", "expected"),
    [("Yes", (True, None)), ("No", (False, None)), ("No*", (False, "*")), ("No**", (False, "**")),
     ("yes ", (True, None)), (True, (True, None)), (1, (True, None)), ("N", (False, None)), (None, (None, None))],
)  # fmt: skip
def test_seat_filled_yes_no_with_footnotes(value: object, expected: tuple[bool | None, str | None]) -> None:
    assert ingest.parse_bool(value) == expected


def _seed_block(first: str, count: int) -> list[list[str]]:
    lines = SEED.read_text(encoding="utf-8").splitlines()
    i = next(n for n, line in enumerate(lines) if line.startswith(first))
    return [line.split("\t") for line in lines[i : i + count]]


def test_the_packs_cr_table_reads_as_it_is(tmp_path: Path) -> None:
    rows = _seed_block("Ref.\tKey Detail", 9)
    assert "\t".join(rows[0]) == CR_PACK_HEADERS
    wb = Workbook()
    ws = wb.active
    ws.append(["Change Control"])
    ws.append(["Updated to 01/05/2024"])
    for r in rows:
        ws.append([c or None for c in r])
    wb.save(tmp_path / "crs.xlsx")
    report = ingest.ingest("change-requests", tmp_path / "crs.xlsx", tmp_path / "data")
    assert report.as_at == "2024-05-01"
    assert report.header_row == 3
    assert (report.rows_read, report.rows_stored) == (8, 8)
    got = open_store(tmp_path / "data", strict=True).con.execute(
        "select cr_ref, approval_status, current_stage, implementation from change_requests order by cr_ref"
    )
    assert got.fetchall()[3] == ("CR046", "Approved", "Implementation", "TBC")


def test_the_packs_action_log_takes_status_from_the_update(tmp_path: Path) -> None:
    rows = _seed_block("Ref\tAction\tOwner\tDue\tLatest update", 8)
    text = "\n".join(";".join(c.replace(";", ",") for c in r) for r in rows)
    f = tmp_path / "actions.csv"
    f.write_bytes(b"\xef\xbb\xbf" + text.encode())  # Excel's "CSV UTF-8" starts with a BOM
    report = ingest.ingest("actions", f, tmp_path / "data", as_at=D(2024, 5, 1))
    assert report.rows_stored == 7
    df = pd.read_parquet(report.snapshot).set_index("action_ref")
    assert df.loc["DAG32-06", "status"] == "ONGOING"
    assert df.loc["DAG34-04", "status"] == "RECOMMEND CLOSED"
    assert df.loc["DAG32-06", "latest_update"].startswith("To be discussed")
    assert df.loc["DAG34-04", "due_date"] == D(2024, 4, 10)  # 10/04/2024, day first


def test_the_packs_seat_list_with_a_group_column(tmp_path: Path) -> None:
    rows = _seed_block("Representative\tSeat Filled", 14)
    f = tmp_path / "seats.csv"
    f.write_text("\n".join(",".join(["Group" if i == 0 else "SITAG", *r]) for i, r in enumerate(rows)))
    report = ingest.ingest("seats", f, tmp_path / "data", as_at=D(2024, 5, 1))
    df = pd.read_parquet(report.snapshot)
    assert (int(df["filled"].sum()), len(df)) == (9, 13)  # the pack: SITAG 9 of 13
    assert list(df["seat_order"])[:3] == [1, 2, 3]
    marked = {(n.before, n.after): n.count for n in report.normalisations}
    assert marked == {("No*", "No"): 1, ("No**", "No"): 1}


def test_labels_are_normalised_and_every_normalisation_counted(tmp_path: Path) -> None:
    f = tmp_path / "dins.csv"
    f.write_text(
        "DIN ID,Current Status,Target Release\n"
        "DIN-1,closed,Interim Release 5.2 \n"
        "DIN-2,CLOSED,Interim Release 5.2\n"
        "DIN-3,\u00a0Ready for internal review,Interim Release 5.2 \n"
        "DIN-4,Closed,\n",
        encoding="utf-8",
    )
    report = ingest.ingest("din_log", f, tmp_path / "data", as_at=D(2024, 5, 1))
    got = {(n.column, n.before, n.after): (n.count, n.rows) for n in report.normalisations}
    assert got == {
        ("status", "closed", "Closed"): (1, ["DIN-1"]),
        ("status", "CLOSED", "Closed"): (1, ["DIN-2"]),
        ("status", "\u00a0Ready for internal review", "Ready for Internal Review"): (1, ["DIN-3"]),
        ("target_release", "Interim Release 5.2 ", "Interim Release 5.2"): (2, ["DIN-1", "DIN-3"]),
    }
    assert report.normalised == 5
    df = pd.read_parquet(report.snapshot)
    assert set(df["target_release"].dropna()) == {"Interim Release 5.2"}
    assert not df["illustrative"].any()


def test_the_report_is_kept_and_feeds_the_data_quality_view(tmp_path: Path) -> None:
    f = tmp_path / "dins.csv"
    f.write_text("DIN ID,Current Status,Colour\nDIN-1, closed,red\nDIN-2,Closed,blue\n")
    data = tmp_path / "data"
    ingest.ingest("din-log", f, data, as_at=D(2024, 5, 1))
    kept = ingest.load_report(data, "din_log", D(2024, 5, 1))  # carried in the snapshot's own footer
    assert kept is not None
    assert kept["rows_stored"] == 2
    assert kept["extra_columns"] == ["Colour"]
    found = ingest.ingest_findings(data)
    assert list(found.columns) == ["table_name", "row_key", "problem", "detail"]
    rows = set(found.itertuples(index=False, name=None))
    detail = f"status: ' closed' read as 'Closed' (1 row in {f})"
    assert ("din_log", "DIN-1", "label normalised at ingest", detail) in rows
    assert ("din_log", "", "column ignored at ingest", f"'Colour' in {f}") in rows
    assert ingest.ingest_findings(data, as_at=D(2024, 4, 1)).empty  # before that snapshot: nothing


def test_the_embedded_data_has_no_ingest_findings(sample_dir: Path) -> None:
    assert ingest.ingest_findings(sample_dir).empty


def test_the_header_of_each_sheet_is_found_under_a_title(tmp_path: Path) -> None:
    wb = Workbook()
    wb.active.title = "Cover"
    wb.active.append(["MHHS DIN log export"])
    ws = wb.create_sheet("Log")
    ws.append(["DIN Log Stats as at 30 April 2024"])
    ws.append(["DIN Ref", "Status", "Notes"])
    ws.append(["DIN-1066", "Closed", "x"])
    wb.save(tmp_path / "dins.xlsx")
    report = ingest.ingest("din_log", tmp_path / "dins.xlsx", tmp_path / "data")
    assert (report.sheet, report.header_row, report.as_at) == ("Log", 2, "2024-04-30")
    assert report.extra_columns == ["Notes"]


def test_data_readme_documents_every_tables_headers() -> None:
    readme = (Path(__file__).resolve().parent.parent / "data" / "README.md").read_text(encoding="utf-8")
    assert headers.markdown() in readme, (
        "paste `python -c 'from mhhs_dashboard.ingest import headers; print(headers.markdown())'`"
    )


@pytest.mark.parametrize(
    "cell",
    [
        "plain",
        "  outer  ",
        "in\u00a0side",
        "tab\there",
        "thin\u2009space",
        "ideo\u3000graphic",
        "nnbsp\u202fx",
        "line\u2028sep",
        "   ",
        "",
        "a \u00a0 \t b",
    ],
)
def test_free_text_fast_path_tidies_as_tidy_does(cell: str) -> None:
    """The column-wise (Arrow) tidy of free text gives exactly what the per-value tidy gives."""
    from mhhs_dashboard.ingest.cells import arrow_text, arrow_tidy, tidy

    expected = tidy(cell) or None
    assert arrow_tidy(arrow_text(pd.Series([cell], dtype=object))).to_pylist() == [expected]

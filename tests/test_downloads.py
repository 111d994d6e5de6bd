"""Downloads neutralise formula injection and say what they hold."""

from __future__ import annotations

import datetime as dt
import io

import pandas as pd
import pytest
from openpyxl import load_workbook

from mhhs_dashboard.downloads import csv_bytes, file_name, headed, neutralise, xlsx_bytes


@pytest.mark.parametrize(
    ("cell", "safe"),
    [
        ('=HYPERLINK("http://x")', '\'=HYPERLINK("http://x")'),
        ("+1+1", "'+1+1"),
        ("-2+3", "'-2+3"),
        ("@SUM(A1)", "'@SUM(A1)"),
        ("Open - awaiting assessment", "Open - awaiting assessment"),  # a dash inside is harmless
        ("DIN-1066", "DIN-1066"),
        (42, 42),
        (None, None),
    ],
)
def test_neutralise(cell: object, safe: object) -> None:
    assert neutralise(cell) == safe


def test_csv_and_xlsx_carry_neutralised_cells_and_an_about_sheet() -> None:
    df = pd.DataFrame({"din_id": ["DIN-0001"], "title": ["=cmd|' /C calc'!A0"], "n": [3]})
    text = csv_bytes(df).decode("utf-8-sig")
    assert "'=cmd" in text
    wb = load_workbook(io.BytesIO(xlsx_bytes(df, {"as at": "2024-04-30", "release": "=bad"})))
    assert wb.sheetnames == ["About", "Rows"]
    assert wb["About"]["B2"].value == "2024-04-30"
    assert wb["About"]["B3"].value == "'=bad"
    assert wb["Rows"]["B2"].value == "'=cmd|' /C calc'!A0"
    assert wb["Rows"]["C2"].value == 3


def test_file_name_names_the_as_at_date_and_filters() -> None:
    name = file_name("dins", "2024-04-30", {"release": ["Interim Release 5.2"], "status": []}, ext="xlsx")
    assert name == "dins_as-at-2024-04-30_release-IR5.2.xlsx"
    assert "/" not in file_name("x", "d", {"q": "../../etc/passwd"})


ROWS = pd.DataFrame(
    {
        "din_id": ["DIN-0001", "DIN-1066"],
        "title": ["Short", "A much longer title that a reader wants to see whole in the spreadsheet column"],
        "raised_date": pd.to_datetime(["2024-01-05", "2024-04-15"]),
        "closed_date": pd.to_datetime(["2024-02-10", None]),
        "state": ["closed", "open"],
        "n": [3, 12],
    }
)
ON_SCREEN = {"din_id": "DIN", "title": "Title", "raised_date": "Raised", "closed_date": "Closed"}


def test_headed_names_columns_as_the_screen_then_as_the_register_then_in_words() -> None:
    got = headed(ROWS.assign(raised_by="DCC", days_in_stage=1), ON_SCREEN, "din_log")
    assert list(got.columns) == ["DIN", "Title", "Raised", "Closed", "State", "N", "Raised By", "Days in stage"]
    # the register's own template headers where the screen gives none
    assert list(headed(ROWS[["din_id", "raised_date"]], None, "din_log").columns) == ["DIN ID", "Date Raised"]
    # two columns never read alike
    assert list(headed(ROWS[["din_id", "title"]], {"din_id": "Ref", "title": "Ref"}).columns) == [
        "Ref (din_id)",
        "Ref (title)",
    ]


def test_csv_headers_are_the_words_on_screen_and_dates_carry_no_time() -> None:
    text = csv_bytes(headed(ROWS, ON_SCREEN, "din_log")).decode("utf-8-sig")
    header, first, second = text.splitlines()[:3]
    assert header == "DIN,Title,Raised,Closed,State,N"
    assert first == "DIN-0001,Short,2024-01-05,2024-02-10,closed,3"
    assert "00:00:00" not in text
    assert second.startswith("DIN-1066,")
    assert second.endswith(",2024-04-15,,open,12")


def test_xlsx_dates_are_dates_and_columns_fit_their_contents() -> None:
    book = load_workbook(io.BytesIO(xlsx_bytes(headed(ROWS, ON_SCREEN, "din_log"), {"as at": "2024-04-30"}, "DINs")))
    sheet = book["DINs"]
    assert [c.value for c in sheet[1]] == ["DIN", "Title", "Raised", "Closed", "State", "N"]
    raised = sheet["C2"]
    assert raised.is_date
    assert raised.value.date() == dt.date(2024, 1, 5)
    assert raised.number_format == "d mmm yyyy"  # shown as 5 Jan 2024, never 2024-01-05 00:00:00
    assert sheet["D2"].number_format == "d mmm yyyy"
    assert sheet["D3"].value is None
    widths = {col: sheet.column_dimensions[col].width for col in "ABCDEF"}
    assert widths["A"] == 10  # "DIN-1066" and room either side
    assert widths["B"] == 60  # the long title, up to a bound
    assert 12 <= widths["C"] <= 16  # a date as "30 Apr 2024"
    assert widths["F"] == 10  # a narrow number column is never narrower than the bound
    assert sheet.freeze_panes == "A2"
    assert sheet.auto_filter.ref == "A1:F3"
    about = book["About"]
    assert about.column_dimensions["A"].width >= len("as at")


def test_xlsx_keeps_a_time_of_day_where_one_is_held() -> None:
    df = pd.DataFrame({"written": pd.to_datetime(["2024-05-01 09:30", "2024-05-02 00:00"])})
    sheet = load_workbook(io.BytesIO(xlsx_bytes(df, {}, "Rows")))["Rows"]
    assert sheet["A2"].number_format == "d mmm yyyy hh:mm"

"""Downloads neutralise formula injection and say what they hold."""

from __future__ import annotations

import io

import pandas as pd
import pytest
from openpyxl import load_workbook

from mhhs_dashboard.downloads import csv_bytes, file_name, neutralise, xlsx_bytes


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

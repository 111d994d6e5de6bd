"""Downloads of what is on screen: CSV and XLSX bytes, safe to open in a spreadsheet, with where they came from."""

from __future__ import annotations

import io
import re
from collections.abc import Mapping

import pandas as pd
from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.worksheet import Worksheet

from mhhs_dashboard import schema
from mhhs_dashboard.ingest import headers

FORMULA_START = ("=", "+", "-", "@", "\t", "\r")
# Excel number formats: a date as the screen shows it ("1 May 2024"), and a time of day only where one is held
DATE_FORMAT = "d mmm yyyy"
DATETIME_FORMAT = "d mmm yyyy hh:mm"
# column widths in characters: room for the heading or the longest value, within these bounds
MIN_WIDTH, MAX_WIDTH = 8, 60


def neutralise(value: object) -> object:
    """A cell a spreadsheet would run as a formula (=, +, -, @ first) gets a leading apostrophe; others unchanged."""
    if isinstance(value, str) and value.startswith(FORMULA_START):
        return "'" + value
    return value


def safe_frame(df: pd.DataFrame) -> pd.DataFrame:
    """The frame with every text cell neutralised (dates and numbers untouched)."""
    out = df.copy()
    for col in out.columns:
        if pd.api.types.is_string_dtype(out[col]) or out[col].dtype == object:
            out[col] = out[col].map(neutralise)
    return out


def _xlsx_cell(value: object) -> object:
    """A neutralised cell without the control characters an .xlsx cannot hold (openpyxl refuses them)."""
    return neutralise(ILLEGAL_CHARACTERS_RE.sub("", value) if isinstance(value, str) else value)


def headed(df: pd.DataFrame, headings: Mapping[str, str] | None = None, table: str | None = None) -> pd.DataFrame:
    """The frame with its columns named in words: as the screen heads them (`headings`, column -> heading), else as
    the register `table`'s own extracts head them (ingest/headers.py: the header `mhhs-dashboard template` writes), else
    the column's name in words ("days_in_stage" -> "Days in stage"). A heading two columns would share keeps the
    column's name beside it, so no two columns read alike."""
    own = headers.accepted(table) if table in schema.TABLES else {}
    names: dict[str, str] = {}
    for col in df.columns:
        name = (headings or {}).get(col) or (own[col][0] if col in own else str(col).replace("_", " ").capitalize())
        names[col] = name
    taken = list(names.values())
    return df.rename(columns={c: n if taken.count(n) == 1 else f"{n} ({c})" for c, n in names.items()})


def csv_bytes(df: pd.DataFrame) -> bytes:
    """UTF-8 CSV with a BOM (so Excel reads the encoding right), formula cells neutralised.

    CRLF line ends (RFC 4180) make the writer quote any cell holding a bare CR, which a spreadsheet would
    otherwise take as the start of a new row (whose first cell could be a formula).
    """
    return safe_frame(df).to_csv(index=False, lineterminator="\r\n").encode("utf-8-sig")


XLSX_MIME = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def _width(values: pd.Series, heading: object) -> float:
    """A column's width in characters: its heading or its longest value (a date as "30 Apr 2024"), bounded."""
    if pd.api.types.is_datetime64_any_dtype(values):
        longest = 12
    else:
        shown = values.dropna().astype(str)
        longest = int(shown.str.len().max()) if len(shown) else 0
    return float(min(max(len(str(heading)), longest, MIN_WIDTH) + 2, MAX_WIDTH))


def _lay_out(ws: Worksheet, df: pd.DataFrame) -> None:
    """Widths that fit, dates without a midnight time, the heading row frozen and filterable."""
    for i, col in enumerate(df.columns, start=1):
        letter = get_column_letter(i)
        ws.column_dimensions[letter].width = _width(df[col], col)
        values = df[col]
        if pd.api.types.is_datetime64_any_dtype(values):  # openpyxl writes "yyyy-mm-dd h:mm:ss" on every one
            held = values.dropna()
            shown = (
                DATETIME_FORMAT if (held.dt.normalize() != held).any() else DATE_FORMAT
            )  # a time of day only if held
            for (cell,) in ws.iter_rows(min_row=2, max_row=len(df) + 1, min_col=i, max_col=i):
                cell.number_format = shown
    ws.freeze_panes = "A2"
    if len(df.columns):
        ws.auto_filter.ref = f"A1:{get_column_letter(len(df.columns))}{len(df) + 1}"


def xlsx_bytes(df: pd.DataFrame, about: Mapping[str, str], sheet: str = "Rows") -> bytes:
    """An .xlsx with the rows on one sheet and an "About" sheet (as-at date, filters, source) first: dates as dates
    (no 00:00:00), columns wide enough to read, the heading row frozen."""
    buf = io.BytesIO()
    with pd.ExcelWriter(buf, engine="openpyxl") as xl:
        header = pd.DataFrame({"field": list(about), "value": [_xlsx_cell(v) for v in about.values()]})
        header.to_excel(xl, sheet_name="About", index=False)
        rows = df.copy()
        for col in rows.columns:
            if pd.api.types.is_string_dtype(rows[col]) or rows[col].dtype == object:
                rows[col] = rows[col].map(_xlsx_cell)
        rows.to_excel(xl, sheet_name=sheet[:31], index=False)
        _lay_out(xl.sheets["About"], header)
        _lay_out(xl.sheets[sheet[:31]], rows)
    return buf.getvalue()


def file_name(stem: str, as_at: object, filters: Mapping[str, object] | None = None, ext: str = "csv") -> str:
    """A file name that says what is in it: `dins_as-at-2024-04-30_release-IR5.2.csv`."""
    parts = [stem, f"as-at-{as_at}"]
    for key, value in (filters or {}).items():
        if value:
            text = "+".join(map(str, value)) if isinstance(value, list | tuple) else str(value)
            parts.append(f"{key}-{text}")
    name = "_".join(parts).replace("Interim Release ", "IR")
    return re.sub(r"[^A-Za-z0-9._+-]+", "-", name)[:150] + f".{ext}"

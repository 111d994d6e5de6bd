"""Downloads of what is on screen: CSV and XLSX bytes, safe to open in a spreadsheet, with where they came from."""

from __future__ import annotations

import io
import re
from collections.abc import Mapping

import pandas as pd
from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE

FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


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


def csv_bytes(df: pd.DataFrame) -> bytes:
    """UTF-8 CSV with a BOM (so Excel reads the encoding right), formula cells neutralised.

    CRLF line ends (RFC 4180) make the writer quote any cell holding a bare CR, which a spreadsheet would
    otherwise take as the start of a new row (whose first cell could be a formula).
    """
    return safe_frame(df).to_csv(index=False, lineterminator="\r\n").encode("utf-8-sig")


XLSX_MIME = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def xlsx_bytes(df: pd.DataFrame, about: Mapping[str, str], sheet: str = "Rows") -> bytes:
    """An .xlsx with the rows on one sheet and an "About" sheet (as-at date, filters, source) first."""
    buf = io.BytesIO()
    with pd.ExcelWriter(buf, engine="openpyxl") as xl:
        header = pd.DataFrame({"field": list(about), "value": [_xlsx_cell(v) for v in about.values()]})
        header.to_excel(xl, sheet_name="About", index=False)
        rows = df.copy()
        for col in rows.columns:
            if pd.api.types.is_string_dtype(rows[col]) or rows[col].dtype == object:
                rows[col] = rows[col].map(_xlsx_cell)
        rows.to_excel(xl, sheet_name=sheet[:31], index=False)
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

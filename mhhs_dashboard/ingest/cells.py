"""Cell parsing: a raw cell as text, a date, a boolean or a number, and tidied text column-wise in Arrow."""

from __future__ import annotations

import calendar
import datetime as dt
import re

import numpy as np
import pandas as pd
import pyarrow as pa
import pyarrow.compute as pc
from dateutil import parser as dateparser

TRUE_WORDS = {"yes", "y", "true", "1", "x", "filled"}
FALSE_WORDS = {"no", "n", "false", "0", "", "vacant"}
SPACES = re.compile(r"[\s\u00a0\u2007\u202f]+")
# the same set in RE2 syntax (Arrow): every character Python's str.isspace() counts, listed, since \s in RE2 is
# [\t\n\f\r ] only (tests/test_ingest_fast.py checks all of Unicode)
_ODD_SPACES = r"\t\n\f\r\x0B\x1C-\x1F\x{0085}\x{00A0}\x{1680}\x{2000}-\x{200A}\x{2028}\x{2029}\x{202F}\x{205F}\x{3000}"
ARROW_SPACES = f"[ {_ODD_SPACES}]+"
# a cell tidy() changes: a space at either end, two in a row, or any space that is not a plain one
ARROW_UNTIDY = f"^[ {_ODD_SPACES}]|[ {_ODD_SPACES}]$|[ {_ODD_SPACES}]{{2}}|[{_ODD_SPACES}]"
UK_DATE = re.compile(r"([0-9]{1,2})/([0-9]{1,2})/([0-9]{4})")  # 08/05/2024: the PMO's usual form, read at once
# every other all-number date: day first, always (never dateutil's guess, which reads 05/13 as 13 May, 05/06 as 5 June)
_CLOCK = r"(?:[ T][0-9]{1,2}[:.][0-9]{2}(?:[:.][0-9]{2}(?:\.[0-9]+)?)?(?: ?[AaPp][Mm])?)?"
DAY_FIRST = re.compile(rf"([0-9]{{1,2}}) ?([/.\- ]) ?([0-9]{{1,2}}) ?\2 ?([0-9]{{4}}|[0-9]{{2}}){_CLOCK}")
YEAR_FIRST = re.compile(r"([0-9]{4}) ?([/.\-]) ?([0-9]{1,2}) ?\2 ?([0-9]{1,2})(?:[ T].*)?")
# a month and year only: "Sep-25" (Excel's mmm-yy saved as CSV text), "September 2025", "09/2025", "2025-09"
MONTH_YEAR = re.compile(r"([A-Za-z]{3,9})\.?[ \-/'\u2019]*([0-9]{4}|[0-9]{2})")
MONTH_YEAR_NUMBERS = re.compile(r"([0-9]{1,2}) ?[/.\-] ?([0-9]{4})|([0-9]{4})-([0-9]{1,2})")
MONTHS = {
    **{calendar.month_name[m].lower(): m for m in range(1, 13)},
    **{calendar.month_abbr[m].lower(): m for m in range(1, 13)},
    "sept": 9,
}
PROGRAMME_YEARS = (2015, 2040)  # a date outside these years is a slip (a lost century, a missing year), not the plan
EXCEL_EPOCH = dt.date(1899, 12, 30)
SERIAL_RANGE = (1, 2958465)  # Excel's serial dates: 1900-01-01 to 9999-12-31


# id columns: compared and stored trimmed and in upper case ('din-0042 ' is DIN-0042), before the duplicate check
IDS: dict[str, tuple[str, ...]] = {
    "din_log": ("din_id",),
    "change_requests": ("cr_ref",),
    "actions": ("action_ref", "group_code"),
    "seats": ("group_code",),
    "groups": ("group_code", "parent_group"),
    "meetings": ("group_code",),
    "agenda_items": ("group_code",),
    "milestones": ("milestone_id",),
    "releases": ("release_code",),
    "risks": ("risk_id", "linked_cr"),
    "decisions": ("decision_id", "group_code", "refs"),
    "checklist": ("item_id",),
    "principles": ("refs",),
}


class CellError(ValueError):
    """A cell that cannot be read as its column's type, with the reason in words (the message names no place)."""


def is_blank(v: object) -> bool:
    """Whether a cell is empty: None, NaN, NaT or only spaces."""
    if v is None:
        return True
    if isinstance(v, float) and np.isnan(v):
        return True
    return v is pd.NaT or (isinstance(v, str) and not v.strip())  # str.strip() drops non-breaking spaces too


def tidy(text: str) -> str:
    """Outer spaces dropped; runs of spaces, tabs and non-breaking spaces made one plain space."""
    return SPACES.sub(" ", text).strip()


def as_text(v: object) -> str | None:
    """A cell as text: None for empty; whole numbers without '.0'; dates as YYYY-MM-DD."""
    if is_blank(v):
        return None
    if isinstance(v, bool):
        return "Yes" if v else "No"
    if isinstance(v, float) and v.is_integer():
        return str(int(v))
    if isinstance(v, dt.datetime):
        return v.date().isoformat() if v.time() == dt.time() else v.isoformat(sep=" ")
    if isinstance(v, dt.date):
        return v.isoformat()
    return str(v)


def parse_date(v: object) -> dt.date | None:
    """A date from an Excel date, an Excel serial number, ISO text, day-first text (08/05/2024, '8 May 2024') or a
    month and year ('Sep-25': the 1st of the month); ValueError otherwise (CellError saying why, where it can).

    All-number text is read day first, always: one that cannot be (05/13/2024) is refused as month first, so one
    column never mixes the two orders. A date outside PROGRAMME_YEARS is refused.
    """
    if is_blank(v):
        return None
    if isinstance(v, dt.datetime | pd.Timestamp):
        return _in_programme(v.date(), v)
    if isinstance(v, dt.date):
        return _in_programme(v, v)
    if isinstance(v, int | float) and not isinstance(v, bool):
        return _in_programme(_serial(float(v)), v)
    text = tidy(str(v))
    return _in_programme(_text_date(text), text)


def _text_date(text: str) -> dt.date:
    if re.fullmatch(r"\d+(\.\d+)?", text):
        return _serial(float(text))
    iso = YEAR_FIRST.fullmatch(text)
    if iso:  # ISO is year-first whatever dayfirst says
        return dt.date(int(iso.group(1)), int(iso.group(3)), int(iso.group(4)))
    uk = UK_DATE.fullmatch(text) or DAY_FIRST.fullmatch(text)
    if uk:
        day, month = int(uk.group(1)), int(uk.group(uk.re.groups - 1))
        year = int(uk.group(uk.re.groups)) + (2000 if len(uk.group(uk.re.groups)) == 2 else 0)
        if month > 12 and 1 <= day <= 12:
            raise CellError(
                f"{text!r} cannot be day first (there is no month {month}): the column's dates are month first "
                "(US order), so 05/06 would be read wrongly; save them as dd/mm/yyyy (Excel: Format Cells, Date, "
                "English (United Kingdom)) or yyyy-mm-dd and export again"
            )
        return dt.date(year, month, day)
    month_only = month_year(text)
    if month_only is not None:
        return month_only
    if not re.search(r"[A-Za-z]", text):  # numbers in no form above: never left to dateutil's guess of the order
        raise ValueError(text)
    return _dateutil_date(text)


def month_year(text: str) -> dt.date | None:
    """The 1st of the month for text giving a month and year only ('Sep-25', 'September 2025', '09/2025')."""
    m = MONTH_YEAR.fullmatch(text)
    if m and m.group(1).lower() in MONTHS:
        month, year = MONTHS[m.group(1).lower()], m.group(2)
    else:
        m = MONTH_YEAR_NUMBERS.fullmatch(text)
        if not m:
            return None
        month, year = (int(m.group(1)), m.group(2)) if m.group(1) else (int(m.group(4)), m.group(3))
        if not 1 <= month <= 12:
            return None
    return dt.date(int(year) + (2000 if len(year) == 2 else 0), month, 1)


def _in_programme(day: dt.date, shown: object) -> dt.date:
    lo, hi = PROGRAMME_YEARS
    if not lo <= day.year <= hi:
        raise CellError(
            f"{as_text(shown)!r} reads as {day.isoformat()}, outside {lo} to {hi} (the programme's years): "
            "check the year in the cell"
        )
    return day


def _dateutil_date(text: str) -> dt.date:
    """Day-first date text in any form dateutil reads ('8 May 2024', '08-05-24'); ValueError otherwise, and
    CellError for text that gives no year ('25-Sep'), which dateutil would fill in."""
    if not re.search(r"\d", text):
        raise ValueError(text)
    try:
        one = dateparser.parse(text, dayfirst=True, default=dt.datetime(2000, 1, 1)).date()
        other = dateparser.parse(text, dayfirst=True, default=dt.datetime(2004, 1, 1)).date()
    except (ValueError, OverflowError):
        raise ValueError(text) from None
    if one != other:
        raise CellError(f"{text!r} gives no year: write the whole date (25/09/2025) or a month and year (Sep-2025)")
    return one


def _serial(n: float) -> dt.date:
    if not SERIAL_RANGE[0] <= n <= SERIAL_RANGE[1]:
        raise ValueError(str(n))
    return EXCEL_EPOCH + dt.timedelta(days=int(n))


def parse_bool(v: object) -> tuple[bool | None, str | None]:
    """(value, footnote marker) from Yes/No/True/False/Y/N/1/0 with a trailing '*' footnote ('No*'); ValueError."""
    if is_blank(v):
        return None, None
    if isinstance(v, bool):
        return v, None
    text = tidy(str(as_text(v)))
    m = re.fullmatch(r"(.*?)\s*(\*+)", text)
    word, marker = (m.group(1), m.group(2)) if m else (text, None)
    if word.lower() in TRUE_WORDS:
        return True, marker
    if word.lower() in FALSE_WORDS and word:
        return False, marker
    raise ValueError(text)


def blank_cells(column: pd.Series) -> np.ndarray:
    """Which cells are empty or hold only spaces (Python's str.strip() and Arrow's utf8_trim_whitespace agree)."""
    text = arrow_text(column)
    if text is not None:
        trimmed = pc.utf8_trim_whitespace(text)
        return pc.equal(trimmed, "").fill_null(True).to_numpy(zero_copy_only=False)
    spaces = column.astype(str).str.strip().eq("").to_numpy(dtype=bool, na_value=False)
    return column.isna().to_numpy() | spaces


def arrow_text(series: pd.Series) -> pa.ChunkedArray | None:
    """The column in Arrow (null for an empty Excel cell) when every cell is text or empty; else None (numbers and
    dates from Excel, which as_text formats value by value)."""
    if isinstance(series.dtype, pd.StringDtype) and series.dtype.storage == "pyarrow":
        return pa.chunked_array(series.array.__arrow_array__())
    cells = series.to_numpy(dtype=object)
    if pd.api.types.infer_dtype(cells, skipna=True) not in ("string", "empty"):
        return None
    try:
        return pa.chunked_array([pa.array(cells, pa.string(), from_pandas=True)])
    except (pa.ArrowException, UnicodeError):  # pd.NaT and the like among the text, lone surrogates
        return None


def arrow_tidy(text: pa.ChunkedArray) -> pa.ChunkedArray:
    """tidy() column-wise, with None for a cell that tidies to nothing (as `tidy(...) or None`).

    Only the cells tidy() would change are rewritten: a regex match is cheaper than a regex replace on every cell.
    """
    text = text.combine_chunks() if text.num_chunks != 1 else text.chunk(0)
    untidy = pc.match_substring_regex(text, ARROW_UNTIDY).fill_null(False)
    if pc.any(untidy).as_py():
        fixed = pc.utf8_trim(pc.replace_substring_regex(pc.filter(text, untidy), ARROW_SPACES, " "), " ")
        text = pc.replace_with_mask(text, untidy, fixed)  # every space is a plain one now, so trim " " is strip()
    return pa.chunked_array([pc.if_else(pc.equal(text, ""), pa.scalar(None, pa.string()), text)])

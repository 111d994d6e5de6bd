"""Ingest of the PMO's Excel (.xlsx) and CSV extracts: read, match headers, parse, normalise, validate, store.

Everything is checked before anything is written; a snapshot then appears whole, its ingest report inside it
(snapshots.publish: locked, guarded against shrinking and far-future dates, logged), and the data-quality view
reads the report through `ingest_findings`.
"""

from __future__ import annotations

import calendar
import csv
import datetime as dt
import html
import io
import itertools
import os
import re
import zipfile
import zlib
from collections import Counter
from collections.abc import Callable
from dataclasses import asdict, dataclass, field
from pathlib import Path

import numpy as np
import pandas as pd
import pyarrow as pa
import pyarrow.compute as pc
import pyarrow.csv as pacsv
from dateutil import parser as dateparser
from python_calamine import CalamineWorkbook, SheetTypeEnum, SheetVisibleEnum

from mhhs_dashboard import headers, schema
from mhhs_dashboard.files import DataDir, first_line, folder
from mhhs_dashboard.snapshots import publish
from mhhs_dashboard.store import all_snapshots, list_snapshots, snapshot_path, snapshot_report
from mhhs_dashboard.text import counted

HEADER_SEARCH_ROWS = 20  # the header row may sit under a title ("Change Control / Updated to 01/05/2024")
CSV_HEAD_RECORDS = HEADER_SEARCH_ROWS  # CSV records read by csv.reader before Arrow reads the rest (tests lower it)
MAX_KEYS_KEPT = 50  # row keys kept per normalisation in the report
OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"  # password-protected .xlsx and old .xls files
ZIP_MAGIC = b"PK\x03\x04"
# the closed vocabularies: (table, column) -> canonical labels
VOCABULARIES: dict[tuple[str, str], tuple[str, ...]] = {
    ("din_log", "status"): tuple(schema.DIN_STATUSES),
    ("change_requests", "approval_status"): schema.CR_APPROVAL_STATUSES,
    ("change_requests", "current_stage"): schema.CR_STAGES,
    ("actions", "status"): tuple(schema.ACTION_STATUSES),
}
# label columns whose spacing fixes are counted and reported (free text is tidied silently)
LABELS: dict[str, tuple[str, ...]] = {
    "din_log": ("din_id", "status", "target_release", "raised_by", "artefact"),
    "change_requests": ("cr_ref", "change_type", "approval_status", "current_stage", "decision_body"),
    "actions": ("action_ref", "group_code", "meeting", "owner", "status"),
    "seats": ("group_code", "constituency"),
    "groups": ("group_code", "level", "parent_group", "state"),
    "meetings": ("group_code", "kind"),
    "milestones": ("milestone_id",),
    "releases": ("release_code", "label"),
    "risks": ("risk_id", "linked_cr", "status"),
}
TRUE_WORDS = {"yes", "y", "true", "1", "x", "filled"}
FALSE_WORDS = {"no", "n", "false", "0", "", "vacant"}
UPDATE_PREFIX = re.compile(r"^\s*([A-Za-z][A-Za-z ]*?)\s*:\s*(.*)$", re.DOTALL)
AS_AT_TEXT = re.compile(r"(?i)\b(?:as at|updated to|as of)\s+(.+)$")
ISO_IN_NAME = re.compile(r"(\d{4}-\d{2}-\d{2})")
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
EXCEL_CELL_LIMIT = 32_767  # characters an Excel cell holds; Excel cuts longer text without a word
TEXT_SUFFIXES = (".csv", ".txt", ".tsv", ".tab")
CSV_EOL = re.compile(r"\r\n|\r|\n")  # where csv.reader ends a physical line (the text is opened with newline="")
TEXT_DTYPE = pd.StringDtype("pyarrow", na_value=np.nan)  # pandas 3's `str`: a CSV grid's cells, kept in Arrow
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
}


class IngestError(Exception):
    """Bad input: the message is one line naming the file, the row and the column, and what was expected."""


class CellError(ValueError):
    """A cell that cannot be read as its column's type, with the reason in words (the message names no place)."""


@dataclass
class Normalisation:
    """One label rewritten the same way in `count` rows (the first few row keys kept)."""

    column: str
    before: str
    after: str
    count: int
    rows: list[str]


@dataclass
class IngestReport:
    """What an ingest read, changed and stored; printed after the ingest and kept beside the snapshot."""

    table: str
    file: str
    as_at: str
    as_at_source: str
    sheet: str | None
    header_row: int
    rows_read: int = 0
    rows_stored: int = 0
    normalisations: list[Normalisation] = field(default_factory=list)
    extra_columns: list[str] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
    snapshot: str = ""
    ingested_at: str = ""
    notes: list[str] = field(default_factory=list)  # what the publish did besides (set aside, cleaned up)
    read_as: str = ""  # what the file is: "Excel workbook, sheet 'DIN log'", "UTF-16 text, tab-separated (...)"
    ids_normalised: int = 0  # id cells trimmed or upper-cased before the duplicate check
    approximate_dates: list[Normalisation] = field(default_factory=list)  # month-year text read as the 1st

    @property
    def normalised(self) -> int:
        """How many cells were normalised in all."""
        return sum(n.count for n in self.normalisations)

    def summary(self) -> str:
        """The lines printed after a successful ingest."""
        lines = [
            f"ingested {self.file} into {self.table} as at {self.as_at} ({self.as_at_source})",
            f"  read:           {self.read_as}, headers on row {self.header_row}",
            f"  rows read:      {self.rows_read}",
            f"  rows stored:    {self.rows_stored}",
            f"  ids normalised: {self.ids_normalised} (outer spaces and case, before the duplicate check)",
            f"  normalisations: {self.normalised}",
        ]
        lines += [
            f"    {n.column}: {n.before!r} -> {n.after!r} ({counted(n.count, 'row')})" for n in self.normalisations
        ]
        lines.append(f"  warnings:       {len(self.warnings)}")
        lines += [f"    {w}" for w in self.warnings]
        lines.append(f"  snapshot:       {self.snapshot}")
        lines += [f"  {n}" for n in self.notes]
        return "\n".join(lines)


@dataclass
class Sheet:
    """A grid of raw cells (header=None) and where it came from."""

    name: str | None
    grid: pd.DataFrame | None  # None: a hidden sheet, not read unless asked for (`load` reads it)
    hidden: bool = False
    merged: list[tuple[tuple[int, int], tuple[int, int]]] = field(default_factory=list)  # ((row, col), (row, col))
    member: str | None = None  # the worksheet's part in the .xlsx (xl/worksheets/sheet1.xml)
    load: Callable[[], pd.DataFrame] | None = None  # reads a grid left unread (a hidden sheet not asked for)
    marked: bool = False  # its XML holds a formula or an error cell, looked at once the columns are known
    kind: str = ""  # what the file is, for the summary: "CSV text, comma-separated, UTF-8"


def _fail(path: Path, where: str, what: str) -> IngestError:
    return IngestError(f"{path.name}: {where}: {what}" if where else f"{path.name}: {what}")


# ---------------------------------------------------------------- reading


def read_sheets(path: Path, sheet: str | None = None) -> list[Sheet]:
    """The file's sheets as raw grids (every cell as read); IngestError for a file that is not a spreadsheet.

    A hidden sheet's grid is read only when `sheet` names it (else it is left None, with `load` to read it).
    """
    try:
        with path.open("rb") as fh:
            head = fh.read(8)
    except FileNotFoundError:
        raise _fail(path, "", "no such file") from None
    except PermissionError:
        raise _fail(path, "", "cannot be opened: it is locked or not readable (close it in Excel and retry)") from None
    except IsADirectoryError:
        raise _fail(path, "", "is a folder, expected a .xlsx or .csv file") from None
    if path.stat().st_size == 0:
        raise _fail(path, "", "the file is empty (0 bytes), expected a .xlsx or .csv extract")
    suffix = path.suffix.lower()
    if head.startswith(OLE_MAGIC):
        raise _fail(path, "", "is locked (password-protected) or an old .xls workbook: save it as an unprotected .xlsx")
    if suffix in (".xlsx", ".xlsm") or head.startswith(ZIP_MAGIC):
        return _read_xlsx(path, head, sheet)
    if suffix in TEXT_SUFFIXES:
        if sheet is not None:
            raise _fail(path, "", f"--sheet {sheet!r} was given, but a text file has no sheets: leave --sheet out")
        grid, kind = _read_csv(path)
        return [Sheet(None, grid, kind=kind)]
    raise _fail(path, "", f"not a spreadsheet: expected a .xlsx or .csv file, got {suffix or 'no extension'}")


def _read_xlsx(path: Path, head: bytes, wanted: str | None) -> list[Sheet]:
    if not head.startswith(ZIP_MAGIC):
        raise _fail(path, "", "not a spreadsheet: the file is not an Excel .xlsx workbook")
    marked, members = _scan_zip(path)
    try:
        book = CalamineWorkbook.from_path(str(path))
        every = [m for m in book.sheets_metadata if m.typ == SheetTypeEnum.WorkSheet]
    except Exception as e:  # calamine raises its own error types for damaged workbooks
        raise _fail(path, "", f"not a readable .xlsx workbook ({first_line(e)})") from None
    if wanted is not None and wanted not in {m.name for m in every}:
        listed = ", ".join(
            f"{m.name!r}" + ("" if m.visible == SheetVisibleEnum.Visible else " (hidden)") for m in every
        )
        raise _fail(path, "", f"no sheet named {wanted!r} (--sheet): the workbook has {listed}")
    sheets = []
    for meta in every:
        if wanted is not None and meta.name != wanted:
            continue
        hidden = meta.visible != SheetVisibleEnum.Visible
        member = members.get(meta.name)
        sheet = Sheet(str(meta.name), None, hidden=hidden, member=member, marked=marked.get(member or "", False))  # type: ignore[arg-type]
        sheet.kind = f"Excel workbook, sheet {sheet.name!r}" + (" (hidden, named by --sheet)" if hidden else "")
        sheet.load = lambda s=sheet: _load_sheet(path, s)  # type: ignore[misc]
        if not hidden or wanted is not None:
            _load_sheet(path, sheet)
        sheets.append(sheet)
    return sheets


def _load_sheet(path: Path, sheet: Sheet) -> pd.DataFrame:
    """Read the sheet's cells (calamine: '' for an empty cell) and merged ranges into `sheet`; returns the grid."""
    try:
        found = CalamineWorkbook.from_path(str(path)).get_sheet_by_name(sheet.name or "")
        rows = found.to_python(skip_empty_area=False)
    except Exception as e:  # calamine raises its own error types for damaged sheets
        raise _fail(path, "", f"not a readable .xlsx workbook ({first_line(e)})") from None
    sheet.merged = list(found.merged_cell_ranges or [])
    sheet.grid = pd.DataFrame(rows, dtype=object) if rows else pd.DataFrame(dtype=object)
    return sheet.grid


_SHEET_MARKS = (b"<f>", b"<f ", b"<f/", b":f>", b":f ", b't="e"')  # a formula or an error value in a worksheet


def _scan_zip(path: Path) -> tuple[dict[str, bool], dict[str, str]]:
    """Read every part of the workbook once, as zipfile.testzip does (so a damaged part is found before calamine
    meets it): which worksheet parts hold a formula or an error cell, and each sheet's part by sheet name."""
    marked: dict[str, bool] = {}
    try:
        zf = zipfile.ZipFile(path)
    except (zipfile.BadZipFile, EOFError, OSError):
        raise _fail(path, "", "the workbook is truncated or damaged (not a complete .xlsx); export it again") from None
    with zf:
        for info in zf.infolist():
            sheet_part = info.filename.startswith("xl/worksheets/")
            flag, tail = False, b""
            try:
                with zf.open(info) as fh:  # reading to the end checks the part's CRC
                    while chunk := fh.read(1 << 20):
                        if sheet_part and not flag:
                            window = tail + chunk
                            flag = any(m in window for m in _SHEET_MARKS)
                            tail = chunk[-8:]
            except (zipfile.BadZipFile, zlib.error, EOFError, OSError, NotImplementedError):
                raise _fail(
                    path, "", f"the workbook is damaged ({info.filename} is corrupt); export it again"
                ) from None
            marked[info.filename] = flag
        try:
            book = zf.read("xl/workbook.xml").decode("utf-8", "replace")
            rels = zf.read("xl/_rels/workbook.xml.rels").decode("utf-8", "replace")
        except KeyError:
            return marked, {}
    targets = {}
    for tag in re.findall(r"<(?:\w+:)?Relationship\b[^>]*>", rels):
        attrs = dict(re.findall(r'([\w:]+)="([^"]*)"', tag))
        target = attrs.get("Target", "")
        targets[attrs.get("Id")] = target.lstrip("/") if target.startswith("/") else "xl/" + target
    members = {}
    for tag in re.findall(r"<(?:\w+:)?sheet\b[^>]*>", book):
        attrs = dict(re.findall(r'([\w:]+)="([^"]*)"', tag))
        rid = next((v for k, v in attrs.items() if k.endswith(":id")), None)
        if "name" in attrs and rid in targets:
            members[html.unescape(attrs["name"])] = targets[rid]
    return marked, members


_CELL_REF = re.compile(rb'\br="([A-Z]{1,3})([0-9]+)"')
_CELL_TYPE = re.compile(rb'\bt="(\w+)"')
_CELL_VALUE = re.compile(rb"<(?:\w+:)?v>(.*?)</(?:\w+:)?v>", re.DOTALL)
_CELL_FORMULA = re.compile(rb"<(?:\w+:)?f\b[^>]*?(?:/>|>(.*?)</(?:\w+:)?f>)", re.DOTALL)


def column_letters(pos: int) -> str:
    """A 0-based column position as Excel names it: 0 -> A, 26 -> AA."""
    out = ""
    pos += 1
    while pos:
        pos, r = divmod(pos - 1, 26)
        out = chr(65 + r) + out
    return out


def _column_pos(letters: bytes) -> int:
    n = 0
    for ch in letters:
        n = n * 26 + ch - 64
    return n - 1


def cell_problems(path: Path, sheet: Sheet, columns: set[int]) -> list[tuple[int, int, str, str]]:
    """(row, column, cell, what) for each error value, and each formula without a saved value, in `columns` of the
    sheet (0-based positions): calamine reads both as empty cells. Only the cells the quick scan marked are read."""
    if not sheet.marked or sheet.member is None:
        return []
    with zipfile.ZipFile(path) as zf:
        xml = zf.read(sheet.member)
    found: dict[tuple[int, int], tuple[int, int, str, str]] = {}
    for mark in _SHEET_MARKS:
        pos = xml.find(mark)
        while pos != -1:
            start = max(xml.rfind(b"<c ", 0, pos), xml.rfind(b":c ", 0, pos))
            tag_end = xml.find(b">", start)
            if start == -1 or tag_end == -1:
                break
            end = tag_end if xml[tag_end - 1 : tag_end] == b"/" else xml.find(b"c>", tag_end)
            end = len(xml) if end == -1 else end
            if start < pos < end + 2:
                _cell_problem(xml[start : tag_end + 1], xml[tag_end + 1 : end], columns, found)
            pos = xml.find(mark, max(end, pos + 1))
    return sorted(found.values())


def _cell_problem(
    tag: bytes, body: bytes, columns: set[int], found: dict[tuple[int, int], tuple[int, int, str, str]]
) -> None:
    ref = _CELL_REF.search(tag)
    if ref is None:
        return
    row, col = int(ref.group(2)) - 1, _column_pos(ref.group(1))
    if col not in columns or (row, col) in found:
        return
    kind = _CELL_TYPE.search(tag)
    kind_name = kind.group(1) if kind else b"n"
    value = _CELL_VALUE.search(body)
    cell = (ref.group(1) + ref.group(2)).decode()
    if kind_name == b"e":
        shown = html.unescape(value.group(1).decode("utf-8", "replace")) if value else "an error"
        found[(row, col)] = (row, col, cell, f"the error {shown}: fix the formula or the data behind it, or clear it")
        return
    formula = _CELL_FORMULA.search(body)
    if formula is None:
        return
    saved = value is not None and (value.group(1) != b"" or kind_name in (b"str", b"s", b"inlineStr"))
    if not saved:
        text = html.unescape((formula.group(1) or b"").decode("utf-8", "replace"))
        what = f"a formula (={text[:60]})" if text else "a formula"
        found[(row, col)] = (
            row,
            col,
            cell,
            f"{what} with no saved value (the workbook was written by a program that does not calculate): "
            "open it in Excel and save it, or paste the values in",
        )


def _read_csv(path: Path) -> tuple[pd.DataFrame, str]:
    raw = path.read_bytes()
    text, encoding = _decode_text(path, raw)
    if "\x00" in text[:4096]:
        raise _fail(path, "", "not a spreadsheet: the file is binary, expected CSV text")
    if not text.strip():
        raise _fail(path, "", "the file has no rows, expected a header row and data rows")
    sample = "\n".join(_first_lines(text, HEADER_SEARCH_ROWS))
    try:
        delimiter = csv.Sniffer().sniff(sample, delimiters=",;\t").delimiter
    except csv.Error:  # a single column, or too little to tell: count instead
        delimiter = max(",;\t", key=sample.count) if any(d in sample for d in ",;\t") else ","
    kind = f"{encoding}, {DELIMITER_NAMES[delimiter]}"
    if encoding.startswith("UTF-16") and delimiter == "\t":
        kind += " (Excel's 'Unicode Text')"
    grid = _csv_grid_arrow(text, delimiter)
    if grid is not None:
        return grid, kind
    # csv.reader, not read_csv: title rows above the headers are shorter than the table ("ragged")
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter, strict=True)
    try:
        rows = list(reader)
    except csv.Error as e:
        raise _fail(path, f"row {reader.line_num}", f"not a well-formed CSV ({e})") from None
    return _csv_grid(rows), kind


DELIMITER_NAMES = {",": "comma-separated text", ";": "semicolon-separated text", "\t": "tab-separated text"}


def _decode_text(path: Path, raw: bytes) -> tuple[str, str]:
    """The file's text and its encoding in words: UTF-8 (with or without a BOM), or UTF-16 as Excel's 'Unicode
    Text' saves it (a BOM, or every other byte zero)."""
    encoding = None
    if raw.startswith((b"\xff\xfe", b"\xfe\xff")):
        encoding = "utf-16"
    else:
        head = raw[:4096]
        even, odd = head[0::2], head[1::2]
        if odd and odd.count(0) > len(odd) // 3 and not even.count(0):
            encoding = "utf-16-le"
        elif even and even.count(0) > len(even) // 3 and not odd.count(0):
            encoding = "utf-16-be"
    if encoding is not None:
        try:
            return raw.decode(encoding), "UTF-16 text"
        except UnicodeDecodeError:
            raise _fail(path, "", "not valid UTF-16 text: save the file as 'CSV UTF-8' instead") from None
    try:
        return raw.decode("utf-8-sig"), "UTF-8 text"
    except UnicodeDecodeError as e:
        line = raw[: e.start].count(b"\n") + 1
        raise _fail(path, f"row {line}", "not UTF-8 text: save the CSV as 'CSV UTF-8'") from None


_FIRST_LINES_PREFIX = 4096


def _first_lines(text: str, n: int) -> list[str]:
    """text.splitlines()[:n] without splitting the whole text: from a prefix long enough to hold n + 1 lines."""
    size = _FIRST_LINES_PREFIX
    while size < len(text):
        lines = text[:size].splitlines()
        if len(lines) > n:  # line n + 1 has begun, so the first n are whole
            return lines[:n]
        size *= 4
    return text.splitlines()[:n]


def _csv_grid(rows: list[list[str]]) -> pd.DataFrame:
    """The grid csv.reader's records make: short rows (titles, blank lines) padded with empty cells."""
    width = max(len(r) for r in rows)
    return pd.DataFrame([r + [""] * (width - len(r)) for r in rows], dtype=object)


def _csv_quoting_strict(text: str, delimiter: str) -> bool:
    """Whether csv.reader(strict=True) reads `text` without error: every quoted field closed, and followed by a
    delimiter or a line end. Arrow's reader is lenient there ('"ab"c' is 'abc'), so it is only used after this.

    One RE2 match over the whole text (linear time, in Arrow): fields are quoted ("a ""b"" c", newlines allowed)
    or unquoted (not starting with a quote; a quote inside one is literal, as in csv.reader).
    """
    d = "\\t" if delimiter == "\t" else re.escape(delimiter)  # RE2 takes no backslash before a tab
    fld = f'(?:"(?:[^"]|"")*"|(?:[^"{d}\\r\\n][^{d}\\r\\n]*)?)'
    rec = f"{fld}(?:{d}{fld})*"
    try:
        return bool(pc.match_substring_regex(pa.array([text]), f"^(?:{rec}(?:\\r\\n|\\r|\\n))*{rec}$")[0].as_py())
    except pa.ArrowException:  # a text beyond Arrow's 2 GB string: csv.reader reads it
        return False


def _csv_grid_arrow(text: str, delimiter: str) -> pd.DataFrame | None:
    """The grid _csv_grid(csv.reader(text)) makes, with the body read by Arrow's CSV reader; None when it cannot be
    sure of giving exactly that grid (malformed quoting, rows of another width, NULs, huge fields), and the caller
    then reads the text with csv.reader.

    The first CSV_HEAD_RECORDS records (title rows, the header: often ragged) and the first body record are read by
    csv.reader; the body from there on by Arrow, every cell as text, in one go.
    """
    if "\x00" in text:
        return None
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter, strict=True)
    try:
        top = list(itertools.islice(reader, CSV_HEAD_RECORDS))
        lines = reader.line_num
        first = next(reader, None)
    except csv.Error:
        return None
    if first is None:  # a short file: csv.reader read it all
        return _csv_grid(top) if top else None
    if not first:  # a blank line where the body starts: leave it to csv.reader
        return None
    start = 0
    for _ in range(lines):
        m = CSV_EOL.search(text, start)
        if m is None:
            return None
        start = m.end()
    body = text[start:]
    if '"' in body and not _csv_quoting_strict(body, delimiter):
        return None
    names = [str(k) for k in range(len(first))]
    try:
        table = pacsv.read_csv(
            io.BytesIO(body.encode("utf-8")),
            read_options=pacsv.ReadOptions(column_names=names),
            parse_options=pacsv.ParseOptions(
                delimiter=delimiter,
                quote_char='"',
                double_quote=True,
                escape_char=False,
                newlines_in_values=True,
                ignore_empty_lines=False,  # a blank line is a row of empty cells, as csv.reader pads it
            ),
            convert_options=pacsv.ConvertOptions(
                column_types=dict.fromkeys(names, pa.string()),
                strings_can_be_null=False,
                quoted_strings_can_be_null=False,
            ),
        )
    except pa.ArrowException:  # a row of another width (ragged rows below the header): csv.reader pads those
        return None
    limit = csv.field_size_limit()  # csv.reader refuses a longer field; Arrow does not
    if table.num_rows and any(pc.max(pc.utf8_length(c)).as_py() >= limit for c in table.columns):
        return None
    width = max([len(first), *(len(r) for r in top)])
    blank = pa.array([""] * table.num_rows, pa.string())
    cols: dict[int, pd.Series] = {}
    for k in range(width):
        above = pa.array([r[k] if k < len(r) else "" for r in top], pa.string())
        below = table.column(k).chunks if k < len(first) else [blank]
        cells = pa.chunked_array([above, *below], pa.string())
        cols[k] = pd.Series(pd.array(cells, dtype=TEXT_DTYPE), copy=False)
    return pd.DataFrame(cols)


# ---------------------------------------------------------------- cells


def _blank(v: object) -> bool:
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
    if _blank(v):
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
    if _blank(v):
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
    if _blank(v):
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


def _blank_cells(column: pd.Series) -> np.ndarray:
    """Which cells are empty or hold only spaces (Python's str.strip() and Arrow's utf8_trim_whitespace agree)."""
    text = _arrow_text(column)
    if text is not None:
        trimmed = pc.utf8_trim_whitespace(text)
        return pc.equal(trimmed, "").fill_null(True).to_numpy(zero_copy_only=False)  # type: ignore[no-any-return]
    spaces = column.astype(str).str.strip().eq("").to_numpy(dtype=bool, na_value=False)
    return column.isna().to_numpy() | spaces  # type: ignore[no-any-return]


def _arrow_text(series: pd.Series) -> pa.ChunkedArray | None:
    """The column in Arrow (null for an empty Excel cell) when every cell is text or empty; else None (numbers and
    dates from Excel, which as_text formats value by value)."""
    if isinstance(series.dtype, pd.StringDtype) and series.dtype.storage == "pyarrow":
        return pa.chunked_array(series.array.__arrow_array__())  # type: ignore[attr-defined]
    cells = series.to_numpy(dtype=object)
    if pd.api.types.infer_dtype(cells, skipna=True) not in ("string", "empty"):
        return None
    try:
        return pa.chunked_array([pa.array(cells, pa.string(), from_pandas=True)])
    except (pa.ArrowException, UnicodeError):  # pd.NaT and the like among the text, lone surrogates
        return None


def _arrow_tidy(text: pa.ChunkedArray) -> pa.ChunkedArray:
    """tidy() column-wise, with None for a cell that tidies to nothing (as `tidy(...) or None`).

    Only the cells tidy() would change are rewritten: a regex match is cheaper than a regex replace on every cell.
    """
    text = text.combine_chunks() if text.num_chunks != 1 else text.chunk(0)
    untidy = pc.match_substring_regex(text, ARROW_UNTIDY).fill_null(False)
    if pc.any(untidy).as_py():
        fixed = pc.utf8_trim(pc.replace_substring_regex(pc.filter(text, untidy), ARROW_SPACES, " "), " ")
        text = pc.replace_with_mask(text, untidy, fixed)  # every space is a plain one now, so trim " " is strip()
    return pa.chunked_array([pc.if_else(pc.equal(text, ""), pa.scalar(None, pa.string()), text)])


# ---------------------------------------------------------------- the table


@dataclass
class _Located:
    sheet: Sheet
    header_row: int  # 0-based position in the grid
    columns: dict[int, str]  # grid column position -> schema column
    extra: list[str]
    header_text: dict[str, str]  # schema column -> the header as the file writes it


def _locate(path: Path, table: schema.Table, sheets: list[Sheet]) -> _Located:
    """The sheet and row holding the headers: the one visible sheet whose top rows name every required column.

    More than one such sheet is refused (listing them: --sheet chooses); a hidden sheet is read only when --sheet
    names it (`sheets` then holds that one), and when it is the only match it is named in the refusal.
    """
    required = _required(table)
    best: _Located | None = None
    best_score = -1
    matches: list[_Located] = []
    for sheet in (s for s in sheets if s.grid is not None):
        found_here, best, best_score = _header_row(table, sheet, required, best, best_score)
        if found_here is not None:
            matches.append(found_here)
    if len(matches) > 1:
        names = ", ".join(repr(m.sheet.name) for m in matches)
        raise _fail(
            path,
            "",
            f"{len(matches)} sheets hold {table.title} headers ({names}): pass --sheet NAME to choose one, "
            "or put the rows on one sheet",
        )
    if matches:
        return matches[0]
    for sheet in (s for s in sheets if s.grid is None and s.load is not None):
        sheet.load()
        hit, _, _ = _header_row(table, sheet, required, None, -1)
        if hit is not None:
            raise _fail(
                path,
                "",
                f"the only sheet with {table.title} headers, {sheet.name!r}, is hidden (an old copy?): "
                f"unhide it, or pass --sheet {sheet.name!r} to read it",
            )
    if best is None or not any(len(s.grid) for s in sheets if s.grid is not None):
        raise _fail(path, "", "the file has no rows, expected a header row and data rows")
    missing = [c for c in required if c not in best.columns.values()]
    where = _where(best.sheet, best.header_row + 1)
    col = missing[0]
    names = headers.accepted(table.name)[col]
    if not best.columns:
        return_msg = (
            f"no header row found in the first {HEADER_SEARCH_ROWS} rows: "
            f"expected headers such as {', '.join(repr(headers.accepted(table.name)[c][0]) for c in required)}"
        )
        raise _fail(path, _where(best.sheet, None), return_msg)
    raise _fail(
        path, f"{where}, column {names[0]!r}", f"required column missing (accepted headers: {', '.join(names)})"
    )


def _header_row(
    table: schema.Table, sheet: Sheet, required: tuple[str, ...], best: _Located | None, best_score: int
) -> tuple[_Located | None, _Located | None, int]:
    """(the first row of the sheet's top rows naming every required column, or None; the best row so far, its score)."""
    assert sheet.grid is not None  # noqa: S101 - only read sheets are searched
    top = sheet.grid.head(HEADER_SEARCH_ROWS)
    for r in range(len(top)):
        cells = [as_text(v) or "" for v in top.iloc[r].tolist()]
        cols, extra = headers.match(table.name, cells)
        found = set(cols.values())
        score = len(found & set(required)) * 1000 + len(found)
        here = _Located(sheet, r, cols, extra, {c: cells[p] for p, c in cols.items()})
        if score > best_score:
            best, best_score = here, score
        if set(required) <= found:
            return here, best, best_score
    return None, best, best_score


def _required(table: schema.Table) -> tuple[str, ...]:
    # the action log writes its status as the prefix of the latest update ("ONGOING: ...")
    if table.name == "actions":
        return tuple(c for c in table.required if c != "status")
    return table.required


def _where(sheet: Sheet, row: int | None) -> str:
    parts = [f"sheet {sheet.name!r}"] if sheet.name else []
    if row is not None:
        parts.append(f"row {row}")
    return ", ".join(parts)


def _file_as_at(sheet: Sheet, header_row: int, path: Path) -> tuple[dt.date | None, str]:
    """A date the file gives for itself: a title row above the headers ('Updated to 01/05/2024'), else its name."""
    for r in range(header_row):
        for v in sheet.grid.iloc[r].tolist():
            text = as_text(v)
            m = AS_AT_TEXT.search(text or "")
            if m:
                try:
                    return parse_date(m.group(1)), f"from the file's title row: {tidy(text or '')!r}"
                except ValueError:
                    continue
    m = ISO_IN_NAME.search(path.stem)
    if m:
        try:
            return dt.date.fromisoformat(m.group(1)), "from the file name"
        except ValueError:
            pass
    return None, ""


def _check_headed(path: Path, loc: _Located, body: pd.DataFrame, empty: list[np.ndarray]) -> None:
    """Refuse data under no header, which would be dropped: cells past the header row's last (a ragged row), under a
    header merged across columns, or in a column with a blank header; the first such cell is named."""
    assert loc.sheet.grid is not None  # noqa: S101 - a located sheet has been read
    heads = [as_text(v) for v in loc.sheet.grid.iloc[loc.header_row].tolist()]
    headed = [k for k, h in enumerate(heads) if h is not None and tidy(h)]
    width = headed[-1] + 1 if headed else 0
    first: tuple[int, int] | None = None
    for pos, blank in enumerate(empty):
        if pos in headed or blank.all():
            continue
        at = (int(np.argmax(~blank)), pos)
        first = at if first is None or at < first else first
    if first is None:
        return
    i, pos = first
    row = int(body.index[i]) + 1
    xlsx = loc.sheet.name is not None
    column = f"column {column_letters(pos)}" if xlsx else f"cell {pos + 1}"
    if pos >= width:
        cells = [k for k in range(len(empty)) if not empty[k][i]]
        raise _fail(
            path,
            _where(loc.sheet, row),
            f"the row has {cells[-1] + 1} cells against the header row's {width} (row {loc.header_row + 1}): "
            f"{counted(sum(k >= width for k in cells), 'cell')} past the last header would be dropped; remove them "
            "or give them headers",
        )
    for (r0, c0), (r1, c1) in loc.sheet.merged:
        if r0 <= loc.header_row <= r1 and c0 < pos <= c1:
            head = heads[c0] or ""
            span = f"{column_letters(c0)}{r0 + 1}:{column_letters(c1)}{r1 + 1}"
            raise _fail(
                path,
                f"{_where(loc.sheet, row)}, {column}",
                f"the header {tidy(head)!r} is merged across {span}, so this column has no header of its own and "
                "its data would be dropped: unmerge the header cells and give each column its header",
            )
    value = as_text(body.iloc[i, pos]) or ""
    raise _fail(
        path,
        f"{_where(loc.sheet, row)}, {column}",
        f"data ({value[:40]!r}) in a column with no header (row {loc.header_row + 1}), which would be dropped: "
        "give the column a header, or delete it",
    )


class _Builder:
    """Turns the located grid into the schema's frame, counting every normalisation."""

    def __init__(self, path: Path, table: schema.Table, loc: _Located) -> None:
        self.path, self.table, self.loc = path, table, loc
        assert loc.sheet.grid is not None  # noqa: S101 - a located sheet has been read
        body = loc.sheet.grid.iloc[loc.header_row + 1 :]
        blank = np.ones(len(body), dtype=bool)  # rows left empty in Excel, or holding only spaces
        empty: list[np.ndarray] = []
        for _, column in body.items():
            empty.append(_blank_cells(column))
            blank &= empty[-1]
        _check_headed(path, loc, body, empty)
        self.body = body[~blank]
        self.rownum = (self.body.index.to_numpy() + 1).tolist()  # 1-based rows as the spreadsheet numbers them
        self.changes: Counter[tuple[str, str, str]] = Counter()
        self.change_rows: dict[tuple[str, str, str], list[int]] = {}
        self.approximate: dict[tuple[str, str, str], list[int]] = {}  # (column, text, date) -> rows: month-year
        self.warnings: list[str] = []

    def raw(self, col: str) -> pd.Series | None:
        pos = next((p for p, c in self.loc.columns.items() if c == col), None)
        return None if pos is None else self.body.iloc[:, pos]

    def where(self, i: int, col: str) -> str:
        head = self.loc.header_text.get(col, col)
        return f"{_where(self.loc.sheet, self.rownum[i])}, column {head!r}"

    @staticmethod
    def _codes(series: pd.Series) -> tuple[np.ndarray, list[object]]:
        """Each cell's code into the distinct values (blank cells -1): every value is parsed once, not per row.

        The distinct values come in the order they first appear (so the first bad one found is on the first bad row).
        """
        text = _arrow_text(series)
        if text is not None:
            enc = pc.dictionary_encode(text.combine_chunks(), null_encoding="mask")
            codes, values = enc.indices.fill_null(-1).to_numpy().astype(np.intp), enc.dictionary.to_pylist()
        else:
            codes, uniq = pd.factorize(series.to_numpy(dtype=object), use_na_sentinel=True)
            values = list(uniq)
        blank = [k for k, v in enumerate(values) if _blank(v)]
        if blank:
            codes = np.where(np.isin(codes, blank), -1, codes)
        return codes, values

    @staticmethod
    def _spread(codes: np.ndarray, per_value: list[object]) -> list[object]:
        table = np.empty(len(per_value) + 1, dtype=object)  # the last slot (code -1) is a blank cell
        for k, v in enumerate(per_value):
            table[k] = v
        return table[codes].tolist()  # type: ignore[no-any-return]

    def _map(self, col: str, series: pd.Series, fn: object, expected: str) -> tuple[np.ndarray, list[object]]:
        codes, values = self._codes(series)
        self._values = values  # the distinct values _map last read, for the caller to look at again
        out: list[object] = []
        for k, v in enumerate(values):
            try:
                out.append(None if _blank(v) else fn(v))  # type: ignore[operator]
            except ValueError as e:
                first = int(np.argmax(codes == k))
                what = str(e) if isinstance(e, CellError) else f"expected {expected}, got {as_text(v)!r}"
                raise _fail(self.path, self.where(first, col), what) from None
        return codes, out

    def _long_cells(self, col: str, lengths: np.ndarray) -> None:
        """Warn of cells at or past Excel's limit: Excel cut the one at it, and will cut the one past it."""
        at = np.flatnonzero(lengths >= EXCEL_CELL_LIMIT)
        if not len(at):
            return
        head = self.loc.header_text.get(col, col)
        longest = int(lengths[at].max())
        if longest > EXCEL_CELL_LIMIT:
            what = (
                f"over Excel's {EXCEL_CELL_LIMIT:,}-character cell limit (up to {longest:,}): kept whole here, "
                "but Excel cuts them short if the file is opened and saved there"
            )
        else:
            what = f"exactly {EXCEL_CELL_LIMIT:,} characters, Excel's cell limit: probably cut short; check the source"
        self.warnings.append(
            f"column {head!r}: {counted(len(at), 'cell')} {what} (first on row {self.rownum[int(at[0])]})"
        )

    def _note(self, col: str, before: str, after: str, rows: list[int]) -> None:
        key = (col, before, after)
        self.changes[key] += len(rows)
        self.change_rows.setdefault(key, []).extend(rows)

    def text(self, col: str) -> list[str | None]:
        series = self.raw(col)
        if series is None:
            return [None] * len(self.body)
        vocab = VOCABULARIES.get((self.table.name, col))
        is_id = col in IDS.get(self.table.name, ())
        counted = col in LABELS.get(self.table.name, ()) or vocab is not None or is_id
        text = _arrow_text(series)
        if text is not None:
            lengths = pc.utf8_length(text)
            if (pc.max(lengths).as_py() or 0) >= EXCEL_CELL_LIMIT:
                self._long_cells(col, lengths.fill_null(0).to_numpy())
            return self._text_arrow(col, text, vocab, counted, is_id)
        canonical = {c.lower(): c for c in vocab or ()}
        codes, values = self._codes(series)
        sizes = [len(t) if (t := as_text(v)) is not None else 0 for v in values]
        if sizes and max(sizes) >= EXCEL_CELL_LIMIT:
            self._long_cells(col, np.append(np.array(sizes), 0)[codes])
        out: list[object] = []
        for k, v in enumerate(values):
            raw = as_text(v)
            clean = (tidy(raw) or None) if raw is not None else None
            if is_id and clean is not None:
                clean = clean.upper()
            if vocab is not None and clean is not None:
                if clean.lower() not in canonical:
                    allowed = ", ".join(repr(c) for c in vocab)
                    first = int(np.argmax(codes == k))
                    raise _fail(
                        self.path, self.where(first, col), f"unknown status {clean!r}, expected one of {allowed}"
                    )
                clean = canonical[clean.lower()]
            out.append(clean)
            if counted and raw is not None and clean is not None and raw != clean:
                self._note(col, raw, clean, np.flatnonzero(codes == k).tolist())
        return self._spread(codes, out)  # type: ignore[return-value]

    def _text_arrow(
        self, col: str, text: pa.ChunkedArray, vocab: tuple[str, ...] | None, counted: bool, is_id: bool = False
    ) -> list[str | None]:
        """`text` for a column whose cells are all text, column-wise: what the per-value loop above gives, in Arrow.

        A text cell is its own as_text, so the loop's (raw, clean) pairs are (cell, tidied cell); only the changed
        cells (usually few) are visited one by one, to count them.
        """
        clean = _arrow_tidy(text)
        if is_id:
            clean = pc.utf8_upper(clean)
        if vocab is not None:
            canonical = {c.lower(): c for c in vocab}
            seen = [v for v in pc.unique(clean).to_pylist() if v is not None]
            unknown = [v for v in seen if v.lower() not in canonical]
            if unknown:
                first = int(np.argmax(pc.is_in(clean, value_set=pa.array(unknown)).to_numpy(zero_copy_only=False)))
                allowed = ", ".join(repr(c) for c in vocab)
                bad = clean[first].as_py()
                raise _fail(self.path, self.where(first, col), f"unknown status {bad!r}, expected one of {allowed}")
            wanted = [canonical[v.lower()] for v in seen]
            clean = pc.take(pa.array(wanted, pa.string()), pc.index_in(clean, value_set=pa.array(seen, pa.string())))
        out = clean.to_numpy(zero_copy_only=False)
        if counted:
            changed = np.flatnonzero(pc.not_equal(text, clean).fill_null(False).to_numpy(zero_copy_only=False))
            if len(changed):
                raw = text.take(pa.array(changed)).to_pylist()
                rows: dict[str, list[int]] = {}
                for i, before in zip(changed.tolist(), raw, strict=True):
                    rows.setdefault(before, []).append(i)
                for before, at in rows.items():
                    self._note(col, before, out[at[0]], at)
        return out.tolist()  # type: ignore[no-any-return]

    def dates(self, col: str) -> list[dt.date | None]:
        series = self.raw(col)
        if series is None:
            return [None] * len(self.body)
        expected = "a date (an Excel date, 2024-05-08 or 08/05/2024, day first)"
        codes, days = self._map(col, series, parse_date, expected)
        for k, v in enumerate(self._values):
            if isinstance(v, str) and days[k] is not None and month_year(tidy(v)) is not None:
                key = (col, tidy(v), days[k].isoformat())  # type: ignore[union-attr]
                self.approximate.setdefault(key, []).extend(np.flatnonzero(codes == k).tolist())
        return self._spread(codes, days)  # type: ignore[return-value]

    def booleans(self, col: str) -> list[bool | None]:
        series = self.raw(col)
        if series is None:
            return [None] * len(self.body)
        codes, pairs = self._map(col, series, parse_bool, "Yes or No (a trailing * footnote is allowed)")
        _, values = self._codes(series)
        for k, pair in enumerate(pairs):
            if pair is not None and pair[1]:  # type: ignore[index]
                after = "Yes" if pair[0] else "No"  # type: ignore[index]
                self._note(col, str(as_text(values[k])), after, np.flatnonzero(codes == k).tolist())
        return self._spread(codes, [p[0] if p is not None else None for p in pairs])  # type: ignore[return-value,index]

    def integers(self, col: str) -> list[int | None]:
        series = self.raw(col)
        if series is None:
            return [None] * len(self.body)

        def to_int(v: object) -> int | None:
            t = as_text(v)
            return None if t is None else int(float(tidy(t)))

        return self._spread(*self._map(col, series, to_int, "a whole number"))  # type: ignore[return-value]


def build_frame(path: Path, table: schema.Table, loc: _Located) -> tuple[pd.DataFrame, _Builder]:
    """The schema's frame from the located grid; IngestError naming the row and column at fault."""
    b = _Builder(path, table, loc)
    if b.body.empty:
        raise _fail(path, _where(loc.sheet, loc.header_row + 1), "the headers are there but no data rows follow them")
    cols: dict[str, list[object]] = {}
    for col, typ in table.columns.items():
        if typ == "DATE":
            cols[col] = b.dates(col)  # type: ignore[assignment]
        elif typ == "BOOLEAN":
            cols[col] = b.booleans(col)  # type: ignore[assignment]
        elif typ in ("INTEGER", "BIGINT"):
            cols[col] = b.integers(col)  # type: ignore[assignment]
        else:
            cols[col] = b.text(col)  # type: ignore[assignment]
    if table.name == "actions" and "status" not in loc.columns.values():
        _status_from_update(b, cols)
    if "illustrative" in cols:
        cols["illustrative"] = [bool(v) for v in cols["illustrative"]]
    if table.name == "seats" and "seat_order" not in loc.columns.values():
        seen: Counter[object] = Counter()
        order = []
        for g in cols["group_code"]:
            seen[g] += 1
            order.append(seen[g])
        cols["seat_order"] = order  # type: ignore[assignment]
    for col in table.required:
        if None in cols[col]:
            i = cols[col].index(None)
            raise _fail(path, b.where(i, col), "expected a value, got an empty cell")
    _check_unique(b, table, cols)
    frame = pd.DataFrame({c: pd.Series(cols[c], dtype=object) for c in table.columns})
    return frame, b


def _status_from_update(b: _Builder, cols: dict[str, list[object]]) -> None:
    """The action log's status is the prefix of its latest update ('ONGOING: DRG to be scheduled.')."""
    vocab = VOCABULARIES[("actions", "status")]
    statuses, updates = [], []
    for i, upd in enumerate(cols["latest_update"]):
        m = UPDATE_PREFIX.match(str(upd or ""))
        canon = next((c for c in vocab if m and c.lower() == tidy(m.group(1)).lower()), None)
        if canon is None or m is None:
            expected = f"a 'Status' column, or the update to start with one of {', '.join(c + ':' for c in vocab)}"
            raise _fail(b.path, b.where(i, "latest_update"), f"expected {expected}, got {str(upd or '')[:40]!r}")
        statuses.append(canon)
        updates.append(tidy(m.group(2)) or None)
    cols["status"], cols["latest_update"] = statuses, updates  # type: ignore[assignment]
    b.warnings.append(f"status read from the prefix of {b.loc.header_text.get('latest_update', 'latest_update')!r}")


def _check_unique(b: _Builder, table: schema.Table, cols: dict[str, list[object]]) -> None:
    keys = cols[table.key[0]] if len(table.key) == 1 else list(zip(*(cols[c] for c in table.key), strict=True))
    if len(set(keys)) == len(keys):  # the usual case, at set speed; the loop below finds the first repeat
        return
    first: dict[tuple[object, ...], int] = {}
    for i, key in enumerate(zip(*(cols[c] for c in table.key), strict=True)):
        if key in first:
            heads = ", ".join(repr(b.loc.header_text.get(c, c)) for c in table.key)
            label = "column" if len(table.key) == 1 else "columns"
            shown = key[0] if len(key) == 1 else " / ".join(str(k) for k in key)
            spelt = [_raw_text(b, c, j) for c in table.key for j in (first[key], i)]
            how = ""
            if spelt[0::2] != spelt[1::2]:
                how = (
                    f", spelt {' / '.join(spelt[0::2])!r} there and {' / '.join(spelt[1::2])!r} here: ids are "
                    "compared without outer spaces and case"
                )
            raise _fail(
                b.path,
                f"{_where(b.loc.sheet, b.rownum[i])}, {label} {heads}",
                f"duplicate id {shown!r} (first on row {b.rownum[first[key]]}{how}); expected each id once",
            )
        first[key] = i


def _raw_text(b: _Builder, col: str, i: int) -> str:
    series = b.raw(col)
    return "" if series is None else as_text(series.iloc[i]) or ""


def _row_keys(table: schema.Table, frame: pd.DataFrame, positions: list[int]) -> list[str]:
    keys = frame.iloc[positions[:MAX_KEYS_KEPT]][list(table.key)]
    return [" / ".join(str(v) for v in row) for row in keys.itertuples(index=False)]


# ---------------------------------------------------------------- the command


@dataclass
class Checked:
    """An extract read and validated, not yet stored: the schema's frame and the report an ingest would keep."""

    table: schema.Table
    as_at: dt.date
    frame: pd.DataFrame
    report: IngestReport
    path: Path
    defaulted_as_at: bool  # no date given nor found in the file: today's


def check(
    table_name: str,
    file: str | os.PathLike[str],
    data_dir: DataDir,
    *,
    as_at: dt.date | None = None,
    replace: bool = False,
    today: dt.date | None = None,
    sheet: str | None = None,
    shown_as: str | None = None,
) -> Checked:
    """Read and validate `file` as `table_name` would be ingested under `data_dir`, writing nothing;
    IngestError on bad input. `ingest` is this, then the write; the workspace page shows it before publishing.

    `sheet` names the workbook's sheet to read (a hidden one included); without it, the one visible sheet with the
    table's headers. `shown_as` names the file in the report (an upload's own name).
    """
    path = Path(file)
    try:
        table = schema.table_for(table_name)
    except ValueError as e:
        raise IngestError(str(e)) from None
    sheets = read_sheets(path, sheet)
    loc = _locate(path, table, sheets)
    for row, col, cell, what in cell_problems(path, loc.sheet, set(loc.columns)):
        if row > loc.header_row:
            head = loc.header_text[loc.columns[col]]
            raise _fail(path, f"{_where(loc.sheet, row + 1)}, column {head!r} (cell {cell})", what)
    frame, b = build_frame(path, table, loc)
    source = "--as-at"
    if as_at is None:
        as_at, source = _file_as_at(loc.sheet, loc.header_row, path)
    if as_at is None:
        as_at, source = today or dt.date.today(), "today: the file gives no date; pass --as-at for the extract's date"
    where = folder(data_dir)
    dest = snapshot_path(data_dir, table.name, as_at)
    if not replace and where.exists(dest):
        raise _fail(
            path,
            "",
            f"a snapshot of {table.name} as at {as_at} already exists ({where.shown(dest)}); "
            "pass --replace to overwrite it",
        )
    newer = [s.as_at for s in list_snapshots(data_dir, table.name) if s.as_at > as_at]
    if newer:
        b.warnings.append(f"older than the newest {table.name} snapshot ({max(newer)}): it becomes history, not 'now'")
    if loc.extra:
        b.warnings.append(f"ignored {len(loc.extra)} column(s) the {table.title} does not use: {', '.join(loc.extra)}")
    approximate = [
        Normalisation(col, before, after, len(rows), _row_keys(table, frame, rows))
        for (col, before, after), rows in sorted(b.approximate.items())
    ]
    for col in dict.fromkeys(n.column for n in approximate):
        these = [n for n in approximate if n.column == col]
        shown = ", ".join(repr(n.before) for n in these[:3]) + (", ..." if len(these) > 3 else "")
        b.warnings.append(
            f"column {loc.header_text.get(col, col)!r}: {counted(sum(n.count for n in these), 'cell')} give a month "
            f"and year only ({shown}), read as the 1st of the month: approximate"
        )
    ids = IDS.get(table.name, ())
    read_as = loc.sheet.kind
    skipped = [s.name for s in sheets if s.hidden and s is not loc.sheet]
    if skipped:
        read_as += f" (hidden {'sheets' if len(skipped) > 1 else 'sheet'} {', '.join(map(repr, skipped))} not read)"
    report = IngestReport(
        table=table.name,
        file=str(path),
        as_at=as_at.isoformat(),
        as_at_source=source,
        sheet=loc.sheet.name,
        header_row=loc.header_row + 1,
        rows_read=len(b.body),
        rows_stored=len(frame),
        normalisations=[
            Normalisation(col, before, after, n, _row_keys(table, frame, b.change_rows[(col, before, after)]))
            for (col, before, after), n in sorted(b.changes.items())
        ],
        extra_columns=list(loc.extra),
        warnings=b.warnings,
        ingested_at=dt.datetime.now(dt.UTC).isoformat(timespec="seconds"),
        read_as=read_as,
        ids_normalised=sum(n for (col, _, _), n in b.changes.items() if col in ids),
        approximate_dates=approximate,
    )
    if shown_as:
        report.file = shown_as
    return Checked(table, as_at, frame, report, path, source.startswith("today"))


def ingest(
    table_name: str,
    file: str | os.PathLike[str],
    data_dir: DataDir,
    *,
    as_at: dt.date | None = None,
    replace: bool = False,
    allow_shrink: bool = False,
    allow_future: bool = False,
    today: dt.date | None = None,
    sheet: str | None = None,
    shown_as: str | None = None,
    who: str = "",
    via: str = "cli",
) -> IngestReport:
    """Read `file` into a new snapshot of `table_name` under `data_dir`; IngestError (nothing written) on bad input.

    `sheet` names the workbook's sheet to read (a hidden one included); without it, the one visible sheet with the
    table's headers. `shown_as` names the file in the report and the audit log (the workspace: the name the upload had);
    `who` and `via` say who loaded it and through which door (default: the operating-system user, the CLI).
    """
    checked = check(
        table_name, file, data_dir, as_at=as_at, replace=replace, today=today, sheet=sheet, shown_as=shown_as
    )
    table, as_at, frame, report = checked.table, checked.as_at, checked.frame, checked.report
    report.snapshot = folder(data_dir).shown(snapshot_path(data_dir, table.name, as_at))
    done = publish(
        data_dir,
        table.name,
        as_at,
        frame,
        asdict(report),
        source=checked.path,
        replace=replace,
        allow_shrink=allow_shrink,
        allow_future=allow_future,
        defaulted_as_at=checked.defaulted_as_at,
        shown_as=shown_as,
        who=who,
        via=via,
    )
    if done.set_aside:
        report.notes.append(
            f"replaced:       the snapshot it replaced is set aside ({done.set_aside}); undo: "
            f"mhhs-dashboard snapshots restore {table.cli_name} {as_at}"
        )
    if done.cleaned:
        report.notes.append(f"cleaned up:     {counted(done.cleaned, 'leftover')} of a writer that was killed")
    return report


def load_report(data_dir: DataDir, table: str, as_at: dt.date) -> dict[str, object] | None:
    """The ingest report a snapshot carries, or None (the embedded data has none)."""
    return snapshot_report(data_dir, snapshot_path(data_dir, table, as_at))


FINDING_COLUMNS = ["table_name", "row_key", "problem", "detail"]


def ingest_findings(data_dir: DataDir, as_at: dt.date | None = None) -> pd.DataFrame:
    """Data-quality rows (table_name, row_key, problem, detail) from the ingest report of each table's newest snapshot.

    One row per normalised cell (the first few row keys of each normalisation), per ignored column and per warning.
    """
    rows: list[tuple[str, str, str, str]] = []
    for name, every in all_snapshots(data_dir).items():
        snaps = [s for s in every if as_at is None or s.as_at <= as_at]
        if not snaps:
            continue
        report = load_report(data_dir, name, snaps[-1].as_at)
        if not report:
            continue
        ids = IDS.get(name, ())
        for n in report.get("normalisations", []):  # type: ignore[union-attr]
            where = f"{counted(n['count'], 'row')} in {report['file']}"
            detail = f"{n['column']}: {n['before']!r} read as {n['after']!r} ({where})"
            problem = "id normalised at ingest" if n["column"] in ids else "label normalised at ingest"
            for key in n["rows"]:
                rows.append((name, key, problem, detail))
        for n in report.get("approximate_dates", []):  # type: ignore[union-attr]
            detail = f"{n['column']}: {n['before']!r} read as {n['after']}, the 1st of the month ({report['file']})"
            for key in n["rows"]:
                rows.append((name, key, "date approximate: month and year only", detail))
        for col in report.get("extra_columns", []):  # type: ignore[union-attr]
            rows.append((name, "", "column ignored at ingest", f"{col!r} in {report['file']}"))
        source = f" ({report['file']}, {report['read_as']})" if report.get("read_as") else f" ({report['file']})"
        for w in report.get("warnings", []):  # type: ignore[union-attr]
            if not str(w).startswith("ignored "):
                rows.append((name, "", "ingest warning", str(w) + source))
    return pd.DataFrame(rows, columns=FINDING_COLUMNS, dtype="str")


def write_template(table_name: str, dest: Path) -> Path:
    """An empty workbook with the table's expected headers (one sheet named after the table), written atomically."""
    from openpyxl import Workbook
    from openpyxl.styles import Font

    table = schema.table_for(table_name)
    wb = Workbook()
    ws = wb.active
    assert ws is not None  # noqa: S101 - a new workbook has a sheet
    ws.title = table.name
    ws.append(headers.template_headers(table.name))
    for cell in ws[1]:
        cell.font = Font(bold=True)
    ws.freeze_panes = "A2"
    book = io.BytesIO()
    wb.save(book)
    dest = dest.resolve()
    folder(dest.parent).write_atomically(str(dest), book.getvalue())
    return dest

"""Reading an extract into raw grids: file kinds, workbook sheets, text encodings and delimiters."""

from __future__ import annotations

import csv
import html
import io
import itertools
import re
import zipfile
import zlib
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np
import pandas as pd
import pyarrow as pa
import pyarrow.compute as pc
import pyarrow.csv as pacsv
from python_calamine import CalamineWorkbook, SheetTypeEnum, SheetVisibleEnum

from mhhs_dashboard.files import first_line

HEADER_SEARCH_ROWS = 20  # the header row may sit under a title ("Change Control / Updated to 01/05/2024")
CSV_HEAD_RECORDS = HEADER_SEARCH_ROWS  # CSV records read by csv.reader before Arrow reads the rest (tests lower it)
OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"  # password-protected .xlsx and old .xls files
ZIP_MAGIC = b"PK\x03\x04"
TEXT_SUFFIXES = (".csv", ".txt", ".tsv", ".tab")
CSV_EOL = re.compile(r"\r\n|\r|\n")  # where csv.reader ends a physical line (the text is opened with newline="")
TEXT_DTYPE = pd.StringDtype("pyarrow", na_value=np.nan)  # pandas 3's `str`: a CSV grid's cells, kept in Arrow


class IngestError(Exception):
    """Bad input: the message is one line naming the file, the row and the column, and what was expected."""


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


def fail(path: Path, where: str, what: str) -> IngestError:
    return IngestError(f"{path.name}: {where}: {what}" if where else f"{path.name}: {what}")


def place(sheet: Sheet, row: int | None) -> str:
    """Where in the file, in words: "sheet 'Log', row 5" (a text file has no sheet)."""
    parts = [f"sheet {sheet.name!r}"] if sheet.name else []
    if row is not None:
        parts.append(f"row {row}")
    return ", ".join(parts)


def read_sheets(path: Path, sheet: str | None = None) -> list[Sheet]:
    """The file's sheets as raw grids (every cell as read); IngestError for a file that is not a spreadsheet.

    A hidden sheet's grid is read only when `sheet` names it (else it is left None, with `load` to read it).
    """
    try:
        with path.open("rb") as fh:
            head = fh.read(8)
    except FileNotFoundError:
        raise fail(path, "", "no such file") from None
    except PermissionError:
        raise fail(path, "", "cannot be opened: it is locked or not readable (close it in Excel and retry)") from None
    except IsADirectoryError:
        raise fail(path, "", "is a folder, expected a .xlsx or .csv file") from None
    if path.stat().st_size == 0:
        raise fail(path, "", "the file is empty (0 bytes), expected a .xlsx or .csv extract")
    suffix = path.suffix.lower()
    if head.startswith(OLE_MAGIC):
        raise fail(path, "", "is locked (password-protected) or an old .xls workbook: save it as an unprotected .xlsx")
    if suffix in (".xlsx", ".xlsm") or head.startswith(ZIP_MAGIC):
        return _read_xlsx(path, head, sheet)
    if suffix in TEXT_SUFFIXES:
        if sheet is not None:
            raise fail(path, "", f"--sheet {sheet!r} was given, but a text file has no sheets: leave --sheet out")
        grid, kind = _read_csv(path)
        return [Sheet(None, grid, kind=kind)]
    raise fail(path, "", f"not a spreadsheet: expected a .xlsx or .csv file, got {suffix or 'no extension'}")


def _read_xlsx(path: Path, head: bytes, wanted: str | None) -> list[Sheet]:
    if not head.startswith(ZIP_MAGIC):
        raise fail(path, "", "not a spreadsheet: the file is not an Excel .xlsx workbook")
    marked, members = _scan_zip(path)
    try:
        book = CalamineWorkbook.from_path(str(path))
        every = [m for m in book.sheets_metadata if m.typ == SheetTypeEnum.WorkSheet]
    except Exception as e:  # calamine raises its own error types for damaged workbooks
        raise fail(path, "", f"not a readable .xlsx workbook ({first_line(e)})") from None
    if wanted is not None and wanted not in {m.name for m in every}:
        listed = ", ".join(
            f"{m.name!r}" + ("" if m.visible == SheetVisibleEnum.Visible else " (hidden)") for m in every
        )
        raise fail(path, "", f"no sheet named {wanted!r} (--sheet): the workbook has {listed}")
    sheets = []
    for meta in every:
        if wanted is not None and meta.name != wanted:
            continue
        hidden = meta.visible != SheetVisibleEnum.Visible
        member = members.get(meta.name)
        sheet = Sheet(str(meta.name), None, hidden=hidden, member=member, marked=marked.get(member or "", False))
        sheet.kind = f"Excel workbook, sheet {sheet.name!r}" + (" (hidden, named by --sheet)" if hidden else "")
        sheet.load = lambda s=sheet: _load_sheet(path, s)
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
        raise fail(path, "", f"not a readable .xlsx workbook ({first_line(e)})") from None
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
        raise fail(path, "", "the workbook is truncated or damaged (not a complete .xlsx); export it again") from None
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
                raise fail(path, "", f"the workbook is damaged ({info.filename} is corrupt); export it again") from None
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
        raise fail(path, "", "not a spreadsheet: the file is binary, expected CSV text")
    if not text.strip():
        raise fail(path, "", "the file has no rows, expected a header row and data rows")
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
        raise fail(path, f"row {reader.line_num}", f"not a well-formed CSV ({e})") from None
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
            raise fail(path, "", "not valid UTF-16 text: save the file as 'CSV UTF-8' instead") from None
    try:
        return raw.decode("utf-8-sig"), "UTF-8 text"
    except UnicodeDecodeError as e:
        line = raw[: e.start].count(b"\n") + 1
        raise fail(path, f"row {line}", "not UTF-8 text: save the CSV as 'CSV UTF-8'") from None


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

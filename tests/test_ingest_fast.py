"""The ingest's fast paths (Arrow's CSV reader, column-wise text, UK dates without dateutil) against the per-value
paths they stand in for: every case must give the same grid, frame, report and error, or decline to the slow path."""

from __future__ import annotations

import contextlib
import csv
import dataclasses
import datetime as dt
import io
import re
import tempfile
from collections.abc import Iterator
from pathlib import Path
from unittest import mock

import pandas as pd
import pyarrow as pa
import pyarrow.compute as pc
import pyarrow.parquet as pq
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from mhhs_dashboard import ingest, schema
from mhhs_dashboard.ingest import cells, read

pytestmark = pytest.mark.slow  # property tests over many generated extracts (`make test`, not test-fast)

SPACE_CHARS = [chr(c) for c in range(0x110000) if cells.SPACES.fullmatch(chr(c))]
ODD = " \t\n\r\x0b\x0c\x1c\x1f\x85\xa0\u1680\u2007\u2009\u2028\u202f\u3000\u200b"  # \u200b is not a space


# ---------------------------------------------------------------- spaces and tidy


def test_arrow_space_class_is_pythons_in_all_of_unicode() -> None:
    """ARROW_SPACES (RE2) matches exactly the characters SPACES (Python) matches, over every code point."""
    cps = [chr(c) for c in range(0x110000) if not 0xD800 <= c <= 0xDFFF]
    hits = pc.match_substring_regex(pa.array(cps), f"^{cells.ARROW_SPACES}$").to_numpy(zero_copy_only=False)
    arrow = {c for c, hit in zip(cps, hits, strict=True) if hit}
    assert arrow == set(SPACE_CHARS)
    assert {c for c in cps if c.isspace()} == set(SPACE_CHARS)  # so blank (str.strip) and tidy agree


@settings(max_examples=300, deadline=None)
@given(st.lists(st.text(alphabet=ODD + "ab,é", max_size=8), min_size=1, max_size=20))
def test_arrow_tidy_is_tidy(texts: list[str]) -> None:
    """Column-wise tidy (only the cells ARROW_UNTIDY flags rewritten) gives `tidy(cell) or None` for every cell."""
    got = cells.arrow_tidy(pa.chunked_array([pa.array(texts, pa.string())])).to_pylist()
    assert got == [ingest.tidy(c) or None for c in texts]


@pytest.mark.parametrize("cell", ["a\x0bb", "\x1cx\x1f", " a", "a ", "a  b", "a\u2007b", "a b", "", "\u200b"])
def test_free_text_fast_path_tidies_the_control_spaces_too(cell: str) -> None:
    """Vertical tab and the file/group/record/unit separators are spaces to Python; the Arrow class once missed them."""
    text = cells.arrow_text(pd.Series([cell], dtype=object))
    assert cells.arrow_tidy(text).to_pylist() == [ingest.tidy(cell) or None]


# ---------------------------------------------------------------- dates


def _outcome(fn: object, arg: object) -> object:
    try:
        return fn(arg)  # type: ignore[operator]
    except ValueError:
        return ValueError


def _day_first(d: int, m: int, year: str) -> object:
    """What every all-number d/m/y text must read as: that date day first, inside the programme's years, or refused."""
    y = int(year) + (2000 if len(year) == 2 else 0)
    try:
        day = dt.date(y, m, d)
    except ValueError:
        return ValueError
    return day if cells.PROGRAMME_YEARS[0] <= y <= cells.PROGRAMME_YEARS[1] else ValueError


@pytest.mark.parametrize("year", ["0000", "0001", "0999", "1900", "2024", "2023", "2041", "9999", "24"])
def test_number_dates_read_day_first_only_without_dateutil(year: str) -> None:
    """Every d/m/y text (valid or not, padded or not) reads day first or is refused: never 05/13 as 13 May."""
    with mock.patch.object(cells, "_dateutil_date", side_effect=AssertionError("dateutil for numbers")):
        for d in range(41):
            for m in range(16):
                for text in (f"{d}/{m}/{year}", f"{d:02d}/{m:02d}/{year}", f"{d:02d}-{m:02d}-{year}"):
                    assert _outcome(ingest.parse_date, text) == _day_first(d, m, year), text


DATE_TEXT = st.one_of(
    st.builds(
        lambda d, m, y, sep, pad: f"{d:0{pad}d}{sep}{m:0{pad}d}{sep}{y}",
        st.integers(0, 35),
        st.integers(0, 14),
        st.sampled_from(["2024", "24", "0000", "1999", "20245"]),
        st.sampled_from(["/", "-", ".", " / "]),
        st.sampled_from([1, 2]),
    ),
    st.sampled_from(
        ["2024-05-08", "2024-5-8 10:00", "2024-02-30", "45420", "8 May 2024", "n/a", "", "  ", "08/05/2024*"]
    ),
    st.text(alphabet="0123456789/ -.:٠١٢", max_size=12),
)
DAY_MONTH_YEAR = re.compile(r"([0-9]{1,2}) ?([/.\- ]) ?([0-9]{1,2}) ?\2 ?([0-9]{4}|[0-9]{2})")


@settings(max_examples=400, deadline=None)
@given(DATE_TEXT, st.sampled_from(["", " ", "\u00a0", "\t"]))
def test_number_dates_never_swap_order_or_leave_the_programme(text: str, pad: str) -> None:
    """Any all-number text is read day first, in the programme's years, or refused; never by dateutil's guess."""
    cell = pad + text + pad
    if re.search(r"[^\W\d_]", cell):  # a month's name: dateutil may read it ("8 May 2024"), in the years still
        out = _outcome(ingest.parse_date, cell)
    else:
        with mock.patch.object(cells, "_dateutil_date", side_effect=AssertionError("dateutil for numbers")):
            out = _outcome(ingest.parse_date, cell)
    m = DAY_MONTH_YEAR.fullmatch(ingest.tidy(cell))
    if m:
        assert out == _day_first(int(m.group(1)), int(m.group(3)), m.group(4))
    elif isinstance(out, dt.date):
        assert cells.PROGRAMME_YEARS[0] <= out.year <= cells.PROGRAMME_YEARS[1]


# ---------------------------------------------------------------- the CSV grid


def _reference_grid(text: str, delimiter: str) -> list[list[str]] | type[csv.Error]:
    try:
        rows = list(csv.reader(io.StringIO(text, newline=""), delimiter=delimiter, strict=True))
    except csv.Error:
        return csv.Error
    return read._csv_grid(rows).to_numpy().tolist() if rows else []


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet="ab\r\n\x0b\x1c\x85\u2028", max_size=40), st.integers(0, 6))
def test_first_lines_are_splitlines(text: str, n: int) -> None:
    """The delimiter sniffer's sample is the same as from splitting the whole text."""
    with mock.patch.object(read, "_FIRST_LINES_PREFIX", 3):
        assert read._first_lines(text, n) == text.splitlines()[:n]


@contextlib.contextmanager
def _head(records: int) -> Iterator[None]:
    with mock.patch.object(read, "CSV_HEAD_RECORDS", records):
        yield


CSV_TEXT = st.text(alphabet='ab é,;"\n\r\t\x0b\x85\u2028', max_size=60)


@settings(max_examples=600, deadline=None)
@given(CSV_TEXT, st.sampled_from([",", ";"]), st.integers(0, 3))
def test_arrow_csv_grid_is_csv_readers_or_declines(text: str, delimiter: str, head: int) -> None:
    """For any text (well-formed or not), Arrow's grid is csv.reader's padded grid, or None (csv.reader then reads)."""
    expected = _reference_grid(text, delimiter)
    with _head(head):
        got = read._csv_grid_arrow(text, delimiter)
    if got is None:
        return
    assert expected is not csv.Error, "Arrow read text csv.reader refuses"
    assert got.astype(object).to_numpy().tolist() == expected
    assert list(got.columns) == list(range(got.shape[1]))


@pytest.mark.parametrize(
    ("text", "head"),
    [
        ("Title only\nUpdated to 01/05/2024\nDIN ID,Current Status\nDIN-1,Closed\nDIN-2,Implemented\n", 2),
        ('DIN ID,Title\nDIN-1,"a, quoted\ntitle with ""quotes"""\nDIN-2,plain\n', 1),
        ('DIN ID,Title\nDIN-1,x\nDIN-2,"a, quoted\r\ntitle with ""quotes"""\nDIN-3,plain\n', 1),
        ("DIN ID,Title\r\nDIN-1,x\r\n\r\nDIN-2,y\r\n\r\n", 1),  # blank rows between and after
        ("DIN ID;Title\nDIN-1;x\nDIN-2;y", 1),  # semicolons, no final newline
        ("DIN ID,Title,,\nDIN-1,x\nDIN-2,y\n", 1),  # a header wider than the rows below it
        ("DIN ID,Title\rDIN-1,x\rDIN-2,y\r", 0),  # old Mac line ends
    ],
)
def test_arrow_csv_grid_is_used_for_the_usual_shapes(text: str, head: int) -> None:
    """The fast reader does not decline the files it is for (titles, quotes, blank rows, ; and , delimiters)."""
    delimiter = ";" if ";" in text else ","
    with _head(head):
        got = read._csv_grid_arrow(text, delimiter)
    assert got is not None
    assert got.astype(object).to_numpy().tolist() == _reference_grid(text, delimiter)


@pytest.mark.parametrize(
    "text",
    [
        'DIN ID,Title\nDIN-1,"ab"c\n',  # text after a closing quote: csv.reader(strict) refuses, Arrow would not
        'DIN ID,Title\nDIN-1,"open\n',  # a quote never closed
        "DIN ID,Title\nDIN-1,x\nDIN-2\n",  # a short row below the header (csv.reader pads it)
        "DIN ID,Title\nDIN-1,x\nDIN-2,y,extra\n",  # a long row
        "DIN ID,Title\nDIN-1,x\x00\n",
    ],
)
def test_arrow_csv_grid_declines_what_it_would_read_differently(text: str) -> None:
    with _head(1):
        assert read._csv_grid_arrow(text, ",") is None


# ---------------------------------------------------------------- whole ingests, fast and per-value


@contextlib.contextmanager
def _per_value_only() -> Iterator[None]:
    """Every fast path off: csv.reader, value-by-value text, dateutil for UK dates (the reference behaviour)."""
    with (
        mock.patch.object(read, "_csv_grid_arrow", return_value=None),
        mock.patch.object(cells, "arrow_text", return_value=None),
        mock.patch.object(cells, "UK_DATE", re.compile(r"(?!)")),
    ):
        yield


def _ingest(path: Path, data_dir: Path) -> object:
    try:
        report = ingest.ingest("din-log", path, data_dir, today=dt.date(2024, 6, 1))
    except ingest.IngestError as e:
        return str(e)
    stored = pq.read_table(report.snapshot).to_pylist()
    kept = {k: v for k, v in dataclasses.asdict(report).items() if k not in ("snapshot", "ingested_at")}
    return stored, kept


IDS = st.builds(lambda n, pad: f"{pad}DIN-{n}{pad[:1]}", st.integers(1, 12), st.sampled_from(["", " ", "\u00a0\t"]))
SPACEY = st.sampled_from(["", " ", "  ", "\u00a0", "\t", "\x0b"])
STATUS = st.builds(
    lambda s, case, pad: pad + (s.lower() if case else s) + pad,
    st.sampled_from([*schema.DIN_STATUSES, "Parked", *schema.DIN_STATUSES]),
    st.booleans(),
    st.sampled_from(["", " ", "\u2009"]),
)
CELL = st.one_of(st.text(alphabet='ab ,;"\n\t\u00a0\u2007\x0b\u200b', max_size=10), SPACEY)
ROW = st.tuples(IDS | SPACEY, CELL, STATUS | SPACEY, CELL, DATE_TEXT | SPACEY, CELL, DATE_TEXT | SPACEY, CELL)


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    rows=st.lists(ROW, min_size=1, max_size=8),
    delimiter=st.sampled_from([",", ";"]),
    title=st.sampled_from([[], [["DIN log"], ["Updated to 01/05/2024"]], [["DIN log", "", "x"], []]]),
    blank_every=st.integers(0, 3),
    head=st.integers(0, 4),
    bom=st.booleans(),
)
def test_fast_and_per_value_ingests_agree(
    rows: list[tuple[str, ...]], delimiter: str, title: list[list[str]], blank_every: int, head: int, bom: bool
) -> None:
    """A DIN log CSV with odd cells gives the same stored rows, report (normalisations, rows, warnings, as-at) and
    error message whether read by the fast paths or by csv.reader and the per-value functions."""
    out = io.StringIO()
    w = csv.writer(out, delimiter=delimiter, lineterminator="\r\n")
    for t in title:
        w.writerow(t)
    w.writerow(
        ["DIN ID", "Title", "Current Status", "Target Release", "Date Raised", "Raised By", "Date Closed", "Ref"]
    )
    for i, r in enumerate(rows):
        w.writerow(r)
        if blank_every and i % blank_every == 0:
            out.write("\r\n")
    with tempfile.TemporaryDirectory() as tmp:
        f = Path(tmp) / "dins.csv"
        f.write_bytes((b"\xef\xbb\xbf" if bom else b"") + out.getvalue().encode())
        with _head(head):
            fast = _ingest(f, Path(tmp) / "fast")
        with _per_value_only():
            slow = _ingest(f, Path(tmp) / "slow")
    assert fast == slow


def test_the_benchmark_shape_takes_the_fast_paths(tmp_path: Path) -> None:
    """A plain extract (no odd quoting) is read by Arrow and its text columns are not visited value by value."""
    text = "DIN ID,Title,Current Status,Date Raised\n" + "".join(
        f"DIN-{i}, title {i} ,{'closed' if i % 2 else 'Closed'},{1 + i % 28:02d}/05/2024\n" for i in range(300)
    )
    f = tmp_path / "dins.csv"
    f.write_text(text, encoding="utf-8")
    sheets = ingest.read_sheets(f)
    assert all(isinstance(t, pd.StringDtype) for t in sheets[0].grid.dtypes)
    with (
        mock.patch.object(cells, "as_text", wraps=cells.as_text) as as_text,
        mock.patch.object(cells, "_dateutil_date", side_effect=AssertionError("dateutil for dd/mm/yyyy")),
    ):
        report = ingest.ingest("din-log", f, tmp_path / "data", as_at=dt.date(2024, 6, 1))
    assert as_text.call_count < 50  # the header row's cells, not 300 rows' worth
    assert report.rows_stored == 300
    assert [(n.column, n.before, n.after, n.count) for n in report.normalisations] == [
        ("status", "closed", "Closed", 150)
    ]

"""Locating the header row (which sheet, which row, which columns) and building the schema's frame under it."""

from __future__ import annotations

import datetime as dt
import re
from collections import Counter
from dataclasses import dataclass
from pathlib import Path

import numpy as np
import pandas as pd
import pyarrow as pa
import pyarrow.compute as pc

from mhhs_dashboard import schema
from mhhs_dashboard.ingest import cells, headers
from mhhs_dashboard.ingest.read import HEADER_SEARCH_ROWS, Sheet, column_letters, fail, place
from mhhs_dashboard.text import counted

VOCABULARIES: dict[tuple[str, str], tuple[str, ...]] = {
    ("din_log", "status"): tuple(schema.DIN_STATUSES),
    ("change_requests", "approval_status"): schema.CR_APPROVAL_STATUSES,
    ("change_requests", "current_stage"): schema.CR_STAGES,
    ("actions", "status"): tuple(schema.ACTION_STATUSES),
    ("decisions", "kind"): schema.DECISION_KINDS,
    ("checklist", "kind"): schema.CHECKLIST_KINDS,
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
    "decisions": ("decision_id", "group_code", "decided_by", "refs"),
    "checklist": ("item_id", "owner"),
    "principles": ("scope", "refs"),
    "agenda_items": ("group_code", "item_type", "lead"),
}
UPDATE_PREFIX = re.compile(r"^\s*([A-Za-z][A-Za-z ]*?)\s*:\s*(.*)$", re.DOTALL)
AS_AT_TEXT = re.compile(r"(?i)\b(?:as at|updated to|as of)\s+(.+)$")
ISO_IN_NAME = re.compile(r"(\d{4}-\d{2}-\d{2})")
EXCEL_CELL_LIMIT = 32_767  # characters an Excel cell holds; Excel cuts longer text without a word


@dataclass
class Located:
    sheet: Sheet
    header_row: int  # 0-based position in the grid
    columns: dict[int, str]  # grid column position -> schema column
    extra: list[str]
    header_text: dict[str, str]  # schema column -> the header as the file writes it


def locate(path: Path, table: schema.Table, sheets: list[Sheet]) -> Located:
    """The sheet and row holding the headers: the one visible sheet whose top rows name every required column.

    More than one such sheet is refused (listing them: --sheet chooses); a hidden sheet is read only when --sheet
    names it (`sheets` then holds that one), and when it is the only match it is named in the refusal.
    """
    required = _required(table)
    best: Located | None = None
    best_score = -1
    matches: list[Located] = []
    for sheet in (s for s in sheets if s.grid is not None):
        found_here, best, best_score = _header_row(table, sheet, required, best, best_score)
        if found_here is not None:
            matches.append(found_here)
    if len(matches) > 1:
        names = ", ".join(repr(m.sheet.name) for m in matches)
        raise fail(
            path,
            "",
            f"{len(matches)} sheets hold {table.title} headers ({names}): pass --sheet NAME to choose one, "
            "or put the rows on one sheet",
        )
    if matches:
        return matches[0]
    for sheet in sheets:
        if sheet.grid is not None or sheet.load is None:
            continue
        sheet.load()
        hit, _, _ = _header_row(table, sheet, required, None, -1)
        if hit is not None:
            raise fail(
                path,
                "",
                f"the only sheet with {table.title} headers, {sheet.name!r}, is hidden (an old copy?): "
                f"unhide it, or pass --sheet {sheet.name!r} to read it",
            )
    if best is None or not any(len(s.grid) for s in sheets if s.grid is not None):
        raise fail(path, "", "the file has no rows, expected a header row and data rows")
    missing = [c for c in required if c not in best.columns.values()]
    where = place(best.sheet, best.header_row + 1)
    col = missing[0]
    accepted = headers.accepted(table.name)[col]
    if not best.columns:
        return_msg = (
            f"no header row found in the first {HEADER_SEARCH_ROWS} rows: "
            f"expected headers such as {', '.join(repr(headers.accepted(table.name)[c][0]) for c in required)}"
        )
        raise fail(path, place(best.sheet, None), return_msg)
    raise fail(
        path, f"{where}, column {accepted[0]!r}", f"required column missing (accepted headers: {', '.join(accepted)})"
    )


def _header_row(
    table: schema.Table, sheet: Sheet, required: tuple[str, ...], best: Located | None, best_score: int
) -> tuple[Located | None, Located | None, int]:
    """(the first row of the sheet's top rows naming every required column, or None; the best row so far, its score)."""
    assert sheet.grid is not None  # noqa: S101 - only read sheets are searched
    top = sheet.grid.head(HEADER_SEARCH_ROWS)
    for r in range(len(top)):
        heads = [cells.as_text(v) or "" for v in top.iloc[r].tolist()]
        cols, extra = headers.match(table.name, heads)
        found = set(cols.values())
        score = len(found & set(required)) * 1000 + len(found)
        here = Located(sheet, r, cols, extra, {c: heads[p] for p, c in cols.items()})
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


def file_as_at(sheet: Sheet, header_row: int, path: Path) -> tuple[dt.date | None, str]:
    """A date the file gives for itself: a title row above the headers ('Updated to 01/05/2024'), else its name."""
    assert sheet.grid is not None  # noqa: S101 - a located sheet has been read
    for r in range(header_row):
        for v in sheet.grid.iloc[r].tolist():
            text = cells.as_text(v)
            m = AS_AT_TEXT.search(text or "")
            if m:
                try:
                    return cells.parse_date(m.group(1)), f"from the file's title row: {cells.tidy(text or '')!r}"
                except ValueError:
                    continue
    m = ISO_IN_NAME.search(path.stem)
    if m:
        try:
            return dt.date.fromisoformat(m.group(1)), "from the file name"
        except ValueError:
            pass
    return None, ""


def _check_headed(path: Path, loc: Located, body: pd.DataFrame, empty: list[np.ndarray]) -> None:
    """Refuse data under no header, which would be dropped: cells past the header row's last (a ragged row), under a
    header merged across columns, or in a column with a blank header; the first such cell is named."""
    assert loc.sheet.grid is not None  # noqa: S101 - a located sheet has been read
    heads = [cells.as_text(v) for v in loc.sheet.grid.iloc[loc.header_row].tolist()]
    headed = [k for k, h in enumerate(heads) if h is not None and cells.tidy(h)]
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
        filled = [k for k in range(len(empty)) if not empty[k][i]]
        raise fail(
            path,
            place(loc.sheet, row),
            f"the row has {filled[-1] + 1} cells against the header row's {width} (row {loc.header_row + 1}): "
            f"{counted(sum(k >= width for k in filled), 'cell')} past the last header would be dropped; remove them "
            "or give them headers",
        )
    for (r0, c0), (r1, c1) in loc.sheet.merged:
        if r0 <= loc.header_row <= r1 and c0 < pos <= c1:
            head = heads[c0] or ""
            span = f"{column_letters(c0)}{r0 + 1}:{column_letters(c1)}{r1 + 1}"
            raise fail(
                path,
                f"{place(loc.sheet, row)}, {column}",
                f"the header {cells.tidy(head)!r} is merged across {span}, so this column has no header of its own and "
                "its data would be dropped: unmerge the header cells and give each column its header",
            )
    value = cells.as_text(body.iloc[i, pos]) or ""
    raise fail(
        path,
        f"{place(loc.sheet, row)}, {column}",
        f"data ({value[:40]!r}) in a column with no header (row {loc.header_row + 1}), which would be dropped: "
        "give the column a header, or delete it",
    )


class Builder:
    """Turns the located grid into the schema's frame, counting every normalisation."""

    def __init__(self, path: Path, table: schema.Table, loc: Located) -> None:
        self.path, self.table, self.loc = path, table, loc
        assert loc.sheet.grid is not None  # noqa: S101 - a located sheet has been read
        body = loc.sheet.grid.iloc[loc.header_row + 1 :]
        blank = np.ones(len(body), dtype=bool)  # rows left empty in Excel, or holding only spaces
        empty: list[np.ndarray] = []
        for _, column in body.items():
            empty.append(cells.blank_cells(column))
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
        return f"{place(self.loc.sheet, self.rownum[i])}, column {head!r}"

    @staticmethod
    def _codes(series: pd.Series) -> tuple[np.ndarray, list[object]]:
        """Each cell's code into the distinct values (blank cells -1): every value is parsed once, not per row.

        The distinct values come in the order they first appear (so the first bad one found is on the first bad row).
        """
        text = cells.arrow_text(series)
        if text is not None:
            enc = pc.dictionary_encode(text.combine_chunks(), null_encoding="mask")
            codes, values = enc.indices.fill_null(-1).to_numpy().astype(np.intp), enc.dictionary.to_pylist()
        else:
            codes, uniq = pd.factorize(series.to_numpy(dtype=object), use_na_sentinel=True)
            values = list(uniq)
        blank = [k for k, v in enumerate(values) if cells.is_blank(v)]
        if blank:
            codes = np.where(np.isin(codes, blank), -1, codes)
        return codes, values

    @staticmethod
    def _spread(codes: np.ndarray, per_value: list[object]) -> list[object]:
        table = np.empty(len(per_value) + 1, dtype=object)  # the last slot (code -1) is a blank cell
        for k, v in enumerate(per_value):
            table[k] = v
        return table[codes].tolist()

    def _map(self, col: str, series: pd.Series, fn: object, expected: str) -> tuple[np.ndarray, list[object]]:
        codes, values = self._codes(series)
        self._values = values  # the distinct values _map last read, for the caller to look at again
        out: list[object] = []
        for k, v in enumerate(values):
            try:
                out.append(None if cells.is_blank(v) else fn(v))  # type: ignore[operator]
            except ValueError as e:
                first = int(np.argmax(codes == k))
                what = str(e) if isinstance(e, cells.CellError) else f"expected {expected}, got {cells.as_text(v)!r}"
                raise fail(self.path, self.where(first, col), what) from None
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
        is_id = col in cells.IDS.get(self.table.name, ())
        counted = col in LABELS.get(self.table.name, ()) or vocab is not None or is_id
        text = cells.arrow_text(series)
        if text is not None:
            lengths = pc.utf8_length(text)
            if (pc.max(lengths).as_py() or 0) >= EXCEL_CELL_LIMIT:
                self._long_cells(col, lengths.fill_null(0).to_numpy())
            return self._text_arrow(col, text, vocab, counted, is_id)
        canonical = {c.lower(): c for c in vocab or ()}
        codes, values = self._codes(series)
        sizes = [len(t) if (t := cells.as_text(v)) is not None else 0 for v in values]
        if sizes and max(sizes) >= EXCEL_CELL_LIMIT:
            self._long_cells(col, np.append(np.array(sizes), 0)[codes])
        out: list[object] = []
        for k, v in enumerate(values):
            raw = cells.as_text(v)
            clean = (cells.tidy(raw) or None) if raw is not None else None
            if is_id and clean is not None:
                clean = clean.upper()
            if vocab is not None and clean is not None:
                if clean.lower() not in canonical:
                    allowed = ", ".join(repr(c) for c in vocab)
                    first = int(np.argmax(codes == k))
                    raise fail(
                        self.path, self.where(first, col), f"unknown {noun(col)} {clean!r}, expected one of {allowed}"
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
        clean = cells.arrow_tidy(text)
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
                raise fail(self.path, self.where(first, col), f"unknown {noun(col)} {bad!r}, expected one of {allowed}")
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
        return out.tolist()

    def dates(self, col: str) -> list[dt.date | None]:
        series = self.raw(col)
        if series is None:
            return [None] * len(self.body)
        expected = "a date (an Excel date, 2024-05-08 or 08/05/2024, day first)"
        codes, days = self._map(col, series, cells.parse_date, expected)
        for k, v in enumerate(self._values):
            day = days[k]
            if isinstance(v, str) and isinstance(day, dt.date) and cells.month_year(cells.tidy(v)) is not None:
                key = (col, cells.tidy(v), day.isoformat())
                self.approximate.setdefault(key, []).extend(np.flatnonzero(codes == k).tolist())
        return self._spread(codes, days)  # type: ignore[return-value]

    def booleans(self, col: str) -> list[bool | None]:
        series = self.raw(col)
        if series is None:
            return [None] * len(self.body)
        codes, pairs = self._map(col, series, cells.parse_bool, "Yes or No (a trailing * footnote is allowed)")
        _, values = self._codes(series)
        for k, pair in enumerate(pairs):
            if pair is not None and pair[1]:  # type: ignore[index]
                after = "Yes" if pair[0] else "No"  # type: ignore[index]
                self._note(col, str(cells.as_text(values[k])), after, np.flatnonzero(codes == k).tolist())
        return self._spread(codes, [p[0] if p is not None else None for p in pairs])  # type: ignore[return-value,index]

    def integers(self, col: str) -> list[int | None]:
        series = self.raw(col)
        if series is None:
            return [None] * len(self.body)

        def to_int(v: object) -> int | None:
            t = cells.as_text(v)
            return None if t is None else int(float(cells.tidy(t)))

        return self._spread(*self._map(col, series, to_int, "a whole number"))  # type: ignore[return-value]


def noun(col: str) -> str:
    """What a vocabulary column's value is called in a message: a status (statuses, stages) or a kind."""
    return "kind" if col == "kind" else "status"


def build_frame(path: Path, table: schema.Table, loc: Located) -> tuple[pd.DataFrame, Builder]:
    """The schema's frame from the located grid; IngestError naming the row and column at fault."""
    b = Builder(path, table, loc)
    if b.body.empty:
        raise fail(path, place(loc.sheet, loc.header_row + 1), "the headers are there but no data rows follow them")
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
        # the file's own order, across its groups: each group's seats in order, and the groups in the order listed
        cols["seat_order"] = list(range(1, len(cols["group_code"]) + 1))
    for col in table.required:
        if None in cols[col]:
            i = cols[col].index(None)
            raise fail(path, b.where(i, col), "expected a value, got an empty cell")
    _check_unique(b, table, cols)
    frame = pd.DataFrame({c: pd.Series(cols[c], dtype=object) for c in table.columns})
    return frame, b


def _status_from_update(b: Builder, cols: dict[str, list[object]]) -> None:
    """The action log's status is the prefix of its latest update ('ONGOING: DRG to be scheduled.')."""
    vocab = VOCABULARIES[("actions", "status")]
    statuses, updates = [], []
    for i, upd in enumerate(cols["latest_update"]):
        m = UPDATE_PREFIX.match(str(upd or ""))
        canon = next((c for c in vocab if m and c.lower() == cells.tidy(m.group(1)).lower()), None)
        if canon is None or m is None:
            expected = f"a 'Status' column, or the update to start with one of {', '.join(c + ':' for c in vocab)}"
            raise fail(b.path, b.where(i, "latest_update"), f"expected {expected}, got {str(upd or '')[:40]!r}")
        statuses.append(canon)
        updates.append(cells.tidy(m.group(2)) or None)
    cols["status"], cols["latest_update"] = statuses, updates  # type: ignore[assignment]
    b.warnings.append(f"status read from the prefix of {b.loc.header_text.get('latest_update', 'latest_update')!r}")


def _check_unique(b: Builder, table: schema.Table, cols: dict[str, list[object]]) -> None:
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
            raise fail(
                b.path,
                f"{place(b.loc.sheet, b.rownum[i])}, {label} {heads}",
                f"duplicate id {shown!r} (first on row {b.rownum[first[key]]}{how}); expected each id once",
            )
        first[key] = i


def _raw_text(b: Builder, col: str, i: int) -> str:
    series = b.raw(col)
    return "" if series is None else cells.as_text(series.iloc[i]) or ""

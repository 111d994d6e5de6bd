"""The ingest report: what was read, normalised and warned of; its summary, and the findings /data_quality shows."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pandas as pd

from mhhs_dashboard import schema
from mhhs_dashboard.files import DataDir
from mhhs_dashboard.ingest.build import Builder, Located
from mhhs_dashboard.ingest.cells import IDS
from mhhs_dashboard.ingest.read import Sheet
from mhhs_dashboard.store import all_snapshots, snapshot_path, snapshot_report
from mhhs_dashboard.text import counted

MAX_KEYS_KEPT = 50  # row keys kept per normalisation in the report


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


def row_keys(table: schema.Table, frame: pd.DataFrame, positions: list[int]) -> list[str]:
    keys = frame.iloc[positions[:MAX_KEYS_KEPT]][list(table.key)]
    return [" / ".join(str(v) for v in row) for row in keys.itertuples(index=False)]


def report_of(
    path: Path,
    table: schema.Table,
    loc: Located,
    sheets: list[Sheet],
    frame: pd.DataFrame,
    b: Builder,
    as_at: dt.date,
    source: str,
    shown_as: str | None = None,
) -> IngestReport:
    """The report of a file read and built: what it read, normalised and warned of (the warnings added here last)."""
    if loc.extra:
        b.warnings.append(f"ignored {len(loc.extra)} column(s) the {table.title} does not use: {', '.join(loc.extra)}")
    approximate = [
        Normalisation(col, before, after, len(rows), row_keys(table, frame, rows))
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
        file=shown_as or str(path),
        as_at=as_at.isoformat(),
        as_at_source=source,
        sheet=loc.sheet.name,
        header_row=loc.header_row + 1,
        rows_read=len(b.body),
        rows_stored=len(frame),
        normalisations=[
            Normalisation(col, before, after, n, row_keys(table, frame, b.change_rows[(col, before, after)]))
            for (col, before, after), n in sorted(b.changes.items())
        ],
        extra_columns=list(loc.extra),
        warnings=b.warnings,
        ingested_at=dt.datetime.now(dt.UTC).isoformat(timespec="seconds"),
        read_as=read_as,
        ids_normalised=sum(n for (col, _, _), n in b.changes.items() if col in ids),
        approximate_dates=approximate,
    )
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
        report: dict[str, Any] | None = load_report(data_dir, name, snaps[-1].as_at)  # its lists, as written
        if not report:
            continue
        ids = IDS.get(name, ())
        for n in report.get("normalisations", []):
            where = f"{counted(n['count'], 'row')} in {report['file']}"
            detail = f"{n['column']}: {n['before']!r} read as {n['after']!r} ({where})"
            problem = "id normalised at ingest" if n["column"] in ids else "label normalised at ingest"
            for key in n["rows"]:
                rows.append((name, key, problem, detail))
        for n in report.get("approximate_dates", []):
            detail = f"{n['column']}: {n['before']!r} read as {n['after']}, the 1st of the month ({report['file']})"
            for key in n["rows"]:
                rows.append((name, key, "date approximate: month and year only", detail))
        for col in report.get("extra_columns", []):
            rows.append((name, "", "column ignored at ingest", f"{col!r} in {report['file']}"))
        source = f" ({report['file']}, {report['read_as']})" if report.get("read_as") else f" ({report['file']})"
        for w in report.get("warnings", []):
            if not str(w).startswith("ignored "):
                rows.append((name, "", "ingest warning", str(w) + source))
    return pd.DataFrame(rows, columns=FINDING_COLUMNS, dtype="str")

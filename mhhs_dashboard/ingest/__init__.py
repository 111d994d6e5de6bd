"""The ingest of the PMO's .xlsx and .csv extracts: a file checked stage by stage, then published as a snapshot."""

from __future__ import annotations

import datetime as dt
import os
from dataclasses import asdict, dataclass
from pathlib import Path

import pandas as pd

from mhhs_dashboard import schema
from mhhs_dashboard.files import DataDir, folder
from mhhs_dashboard.ingest.build import build_frame, file_as_at, locate
from mhhs_dashboard.ingest.cells import CellError, as_text, parse_bool, parse_date, tidy
from mhhs_dashboard.ingest.read import OLE_MAGIC, ZIP_MAGIC, IngestError, Sheet, cell_problems, fail, place, read_sheets
from mhhs_dashboard.ingest.report import (
    FINDING_COLUMNS,
    IngestReport,
    Normalisation,
    ingest_findings,
    load_report,
    report_of,
)
from mhhs_dashboard.ingest.template import write_template
from mhhs_dashboard.snapshots import publish
from mhhs_dashboard.store import list_snapshots, snapshot_path
from mhhs_dashboard.text import counted

__all__ = [
    "FINDING_COLUMNS",
    "OLE_MAGIC",
    "ZIP_MAGIC",
    "CellError",
    "Checked",
    "IngestError",
    "IngestReport",
    "Normalisation",
    "Sheet",
    "as_text",
    "check",
    "ingest",
    "ingest_findings",
    "load_report",
    "parse_bool",
    "parse_date",
    "read_sheets",
    "tidy",
    "write_template",
]


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
    loc = locate(path, table, sheets)
    for row, col, cell, what in cell_problems(path, loc.sheet, set(loc.columns)):
        if row > loc.header_row:
            head = loc.header_text[loc.columns[col]]
            raise fail(path, f"{place(loc.sheet, row + 1)}, column {head!r} (cell {cell})", what)
    frame, b = build_frame(path, table, loc)
    source = "--as-at"
    if as_at is None:
        as_at, source = file_as_at(loc.sheet, loc.header_row, path)
    if as_at is None:
        as_at, source = today or dt.date.today(), "today: the file gives no date; pass --as-at for the extract's date"
    where = folder(data_dir)
    dest = snapshot_path(data_dir, table.name, as_at)
    if not replace and where.exists(dest):
        raise fail(
            path,
            "",
            f"a snapshot of {table.name} as at {as_at} already exists ({where.shown(dest)}); "
            "pass --replace to overwrite it",
        )
    newer = [s.as_at for s in list_snapshots(data_dir, table.name) if s.as_at > as_at]
    if newer:
        b.warnings.append(f"older than the newest {table.name} snapshot ({max(newer)}): it becomes history, not 'now'")
    report = report_of(path, table, loc, sheets, frame, b, as_at, source, shown_as)
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

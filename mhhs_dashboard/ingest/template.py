"""The empty workbook `mhhs-dashboard template` writes: one sheet headed with a table's expected headers."""

from __future__ import annotations

import io
from pathlib import Path

from mhhs_dashboard import schema
from mhhs_dashboard.files import folder
from mhhs_dashboard.ingest import headers


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

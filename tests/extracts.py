"""DIN-log extracts built in code from the embedded data, as the PMO would export them (for the workspace tests)."""

from __future__ import annotations

import io
from pathlib import Path

import pandas as pd
import pyarrow.parquet as pq

from mhhs_dashboard import schema
from mhhs_dashboard.ingest import headers
from mhhs_dashboard.store import list_snapshots

DIN_COLUMNS = list(schema.TABLES["din_log"].columns)


def din_log_now(data_dir: Path) -> pd.DataFrame:
    """The DIN log's newest snapshot in `data_dir`."""
    return pq.read_table(list_snapshots(data_dir, "din_log")[-1].path).to_pandas()


def din_extract(data_dir: Path, *, new_open: int = 5, retitled: int = 1, dropped: int = 0) -> pd.DataFrame:
    """The newest DIN log with `new_open` new open DINs, `retitled` DINs retitled and the last `dropped` gone."""
    rows = din_log_now(data_dir).sort_values("din_id").reset_index(drop=True)
    for i in range(retitled):
        rows.loc[i, "title"] = f"{rows.loc[i, 'title']} (retitled)"
    if dropped:
        rows = rows.iloc[:-dropped]
    added = pd.DataFrame(
        [
            {
                "din_id": f"DIN-9{k:03d}",
                "title": f"A new issue {k}",
                "status": "Open - awaiting assessment",
                "target_release": None,
                "raised_date": pd.Timestamp("2024-05-07"),
                "raised_by": "PMO",
                "closed_date": None,
                "artefact": None,
                "illustrative": False,
            }
            for k in range(new_open)
        ]
    )
    return pd.concat([rows, added], ignore_index=True) if new_open else rows


def as_csv(rows: pd.DataFrame) -> bytes:
    """The rows as the PMO's CSV export: the pack's headers, UTF-8, dates day first."""
    out = rows[DIN_COLUMNS].copy()
    for col in ("raised_date", "closed_date"):
        out[col] = pd.to_datetime(out[col]).dt.strftime("%d/%m/%Y")
    out["illustrative"] = out["illustrative"].map({True: "Yes", False: "No"})
    out.columns = headers.template_headers("din_log")
    buf = io.StringIO()
    out.to_csv(buf, index=False)
    return buf.getvalue().encode("utf-8")


def as_xlsx(rows: pd.DataFrame) -> bytes:
    """The rows as an Excel workbook with the pack's headers."""
    out = rows[DIN_COLUMNS].copy()
    out.columns = headers.template_headers("din_log")
    buf = io.BytesIO()
    out.to_excel(buf, index=False, sheet_name="DIN log", engine="openpyxl")
    return buf.getvalue()

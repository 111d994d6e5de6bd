"""A scaled data set built by code: the embedded DAG #36 data multiplied, with weekly DIN-log history."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pandas as pd
import pyarrow.parquet as pq

from mhhs_dashboard import sample
from mhhs_dashboard.store import list_snapshots, write_snapshot

# registers that grow with the programme are multiplied; reference tables (groups, milestones, releases) are not
MULTIPLIED_KEY = {
    "change_requests": "cr_ref",
    "actions": "action_ref",
    "seats": "constituency",
    "meetings": "title",
    "risks": "risk_id",
}


def multiply(frame: pd.DataFrame, key: str, scale: int) -> pd.DataFrame:
    """`scale` copies of `frame`; copy i > 0 has its `key` suffixed `~i` so keys stay unique."""
    if scale <= 1:
        return frame.copy()
    copies = [frame]
    for i in range(1, scale):
        c = frame.copy()
        c[key] = c[key].astype("str") + f"~{i:03d}"
        copies.append(c)
    return pd.concat(copies, ignore_index=True)


def din_as_it_was(now: pd.DataFrame, as_at: dt.date) -> pd.DataFrame:
    """The DIN log as it stood at `as_at`: DINs raised later absent, later closures still open."""
    then = now[now["raised_date"] <= as_at].copy()
    closed_later = then["closed_date"].notna() & (then["closed_date"] > as_at)
    then.loc[closed_later, "status"] = "Initial Assessment/Updating"
    then.loc[closed_later, "closed_date"] = None
    return then.reset_index(drop=True)


def scaled_snapshots(scale: int, weeks: int) -> dict[str, dict[dt.date, pd.DataFrame]]:
    """Every table at `scale` x the pack, with `weeks` weekly snapshots of the DIN log ending at its as-at date."""
    snaps = sample.snapshots()
    din_now, _ = sample.build_din_log(scale=scale)
    end = sample.DIN_AS_AT
    din: dict[dt.date, pd.DataFrame] = {}
    for w in range(weeks - 1, 0, -1):
        when = end - dt.timedelta(days=7 * w)
        din[when] = din_as_it_was(din_now, when)
    din[end] = din_now
    snaps["din_log"] = din
    for table, key in MULTIPLIED_KEY.items():
        snaps[table] = {when: multiply(frame, key, scale) for when, frame in snaps[table].items()}
    return snaps


def write_scaled(data_dir: Path, scale: int = 100, weeks: int = 52) -> dict[str, int]:
    """Write the scaled data set under `data_dir`; returns each table's row count in its latest snapshot."""
    counts: dict[str, int] = {}
    for table, snaps in scaled_snapshots(scale, weeks).items():
        for when, frame in snaps.items():
            write_snapshot(data_dir, table, when, frame, replace=True)
        counts[table] = len(snaps[max(snaps)])
    return counts


def snapshot_count(data_dir: Path, table: str) -> int:
    """How many snapshots of `table` are on disk."""
    return len(list((data_dir / table).glob("as_at=*/*.parquet")))


def add_week(data_dir: Path) -> dt.date:
    """One more weekly DIN-log snapshot, a week after the newest, with the newest's rows (a new data version all
    the same: what a week's extract costs the app to take in); its as-at date."""
    newest = list_snapshots(data_dir, "din_log")[-1]
    as_at = newest.as_at + dt.timedelta(days=7)
    write_snapshot(data_dir, "din_log", as_at, pq.read_table(newest.path).to_pandas(), replace=False)
    return as_at

"""The embedded data: built by code, committed as built, and consistent between its snapshots."""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import pyarrow.parquet as pq

from mhhs_dashboard import sample
from mhhs_dashboard.settings import DEFAULT_DATA_DIR
from mhhs_dashboard.store import list_snapshots


def test_committed_data_is_what_sample_builds(sample_dir: Path) -> None:
    """data/ in the repository must never drift from the code that builds it (`mhhs-dashboard sample`)."""
    for table in sample.snapshots():
        built = list_snapshots(sample_dir, table)
        committed = list_snapshots(DEFAULT_DATA_DIR, table)
        assert [s.as_at for s in committed] == [s.as_at for s in built], table
        for a, b in zip(built, committed, strict=True):
            assert pq.read_table(a.path).equals(pq.read_table(b.path)), f"{b.path} differs; run `make sample`"


def test_the_build_is_deterministic() -> None:
    first, _ = sample.build_din_log()
    second, _ = sample.build_din_log()
    pd.testing.assert_frame_equal(first, second)


def test_din_ids_are_unique_and_end_at_din_1066() -> None:
    now, then = sample.build_din_log()
    assert now["din_id"].is_unique
    assert now["din_id"].iloc[-1] == "DIN-1066"
    assert set(then["din_id"]) <= set(now["din_id"])


def test_row_level_dates_are_consistent() -> None:
    now, _ = sample.build_din_log()
    closed = now[now["closed_date"].notna()]
    assert (closed["closed_date"] >= closed["raised_date"]).all()
    assert (now["raised_date"] <= sample.DIN_AS_AT).all()
    assert now.loc[now["status"].isin(["Implemented", "Closed"]), "closed_date"].notna().all()
    assert now.loc[~now["status"].isin(["Implemented", "Closed"]), "closed_date"].isna().all()


def test_earlier_snapshot_has_nothing_raised_or_closed_after_it() -> None:
    _, then = sample.build_din_log()
    assert (then["raised_date"] <= sample.PREVIOUS_AS_AT).all()
    closed = then["closed_date"].dropna()
    assert (closed <= sample.PREVIOUS_AS_AT).all()


def test_the_trailing_space_variant_is_in_the_raw_data() -> None:
    now, _ = sample.build_din_log()
    assert (now["target_release"] == "Interim Release 5.2 ").sum() == 8
    assert (now["target_release"] == "Interim Release 5.2").sum() == 20


def test_scaled_build_multiplies_every_count() -> None:
    now, _ = sample.build_din_log(scale=3)
    assert len(now) == 3 * 1029

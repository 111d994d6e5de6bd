"""What pages read: one cached function per query. The only module with st.cache_*.

Every cache key carries the data version (a hash of the snapshot files in use), so a new snapshot on
disk is a new key: no restart, no stale figures.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import NamedTuple

import pandas as pd
import streamlit as st

from mhhs_dashboard import settings
from mhhs_dashboard.db import run_query
from mhhs_dashboard.store import Store, data_version, open_store


class Source(NamedTuple):
    """Which data a page reads: the directory, its version and the as-at date it is frozen to (if any)."""

    data_dir: str
    version: str
    as_at: dt.date | None = None


def source(as_at: dt.date | None = None) -> Source:
    """The current data source: $MHHS_DATA_DIR (or data/) at its present version."""
    folder = settings.data_dir()
    return Source(str(folder), data_version(folder, as_at), as_at)


@st.cache_resource(show_spinner=False, max_entries=4)
def _store(data_dir: str, version: str, as_at: dt.date | None) -> Store:
    del version  # part of the cache key only: a new version opens a new store
    return open_store(Path(data_dir), as_at)


def store(src: Source) -> Store:
    """The open store for `src` (snapshot dates, problems, the DuckDB connection)."""
    return _store(src.data_dir, src.version, src.as_at)


@st.cache_data(show_spinner=False, max_entries=512)
def _query(src: Source, name: str, **params: object) -> pd.DataFrame:
    return run_query(store(src).con, name, **params)


def query(src: Source, name: str, **params: object) -> pd.DataFrame:
    """Rows of queries/<name>.sql for `src`; list parameters are passed as lists (tuples are for the cache)."""
    bound = {k: list(v) if isinstance(v, tuple) else v for k, v in params.items()}
    return _query(src, name, **bound)


# One function per query the pages use; named as the query file.
def din_totals(src: Source, releases: tuple[str, ...] = ()) -> pd.Series:
    """One row: total, open, closed, with_release, without_release."""
    return query(src, "din_totals", releases=releases).iloc[0]


def din_by_status(src: Source, releases: tuple[str, ...] = ()) -> pd.DataFrame:
    """status, state, status_order, dins; programme order."""
    return query(src, "din_by_status", releases=releases)


def din_by_release(src: Source, releases: tuple[str, ...] = ()) -> pd.DataFrame:
    """release, release_order, dins, open, closed; natural release order."""
    return query(src, "din_by_release", releases=releases)


def release_options(src: Source) -> list[str]:
    """Every target-release label, natural order, 'No release' last."""
    return list(query(src, "release_options")["release"])


def group_options(src: Source) -> pd.DataFrame:
    """group_code, name, level."""
    return query(src, "group_options")


def snapshot_dates(src: Source) -> list[dt.date]:
    """Every as-at date of the main registers' snapshots, newest first."""
    return [d.date() for d in query(src, "snapshot_dates")["as_at"]]


def cr_by_approval_status(src: Source) -> pd.DataFrame:
    """approval_status, crs."""
    return query(src, "cr_by_approval_status")


def seat_fill_by_group(src: Source, groups: tuple[str, ...] = ()) -> pd.DataFrame:
    """group_code, filled, total."""
    return query(src, "seat_fill_by_group", groups=groups)


def action_totals(src: Source, groups: tuple[str, ...] = ()) -> pd.Series:
    """One row: total, open, recommend_closed, overdue, as_at."""
    return query(src, "action_totals", groups=groups).iloc[0]


def milestones_upcoming(src: Source) -> pd.DataFrame:
    """milestone_id, name, baseline_date, forecast_date, days_to_go, illustrative; soonest first."""
    return query(src, "milestones_upcoming")


def meetings_upcoming(src: Source, groups: tuple[str, ...] = (), limit: int = 5) -> pd.DataFrame:
    """meeting_date, group_code, group_name, title, kind, notes; soonest first."""
    return query(src, "meetings_upcoming", groups=groups, limit=limit)


def cr_register(
    src: Source,
    approval_statuses: tuple[str, ...] = (),
    stages: tuple[str, ...] = (),
    change_types: tuple[str, ...] = (),
    decision_bodies: tuple[str, ...] = (),
) -> pd.DataFrame:
    """One row per CR with every column the pack prints, plus stage_order, decision_body, stage_since, notes."""
    return query(
        src,
        "cr_register",
        approval_statuses=approval_statuses,
        stages=stages,
        change_types=change_types,
        decision_bodies=decision_bodies,
    )


def action_log(
    src: Source, groups: tuple[str, ...] = (), statuses: tuple[str, ...] = (), owners: tuple[str, ...] = ()
) -> pd.DataFrame:
    """One row per action: ref, group, meeting, action, owner, due date, status, state, overdue, latest update."""
    return query(src, "action_log", groups=groups, statuses=statuses, owners=owners)


def risk_register(src: Source) -> pd.DataFrame:
    """One row per risk with its linked CR's title."""
    return query(src, "risk_register")


def milestone_plan(src: Source) -> pd.DataFrame:
    """One row per milestone in the newest plan: dates, status, outcome, slippage vs baseline and previous plan."""
    return query(src, "milestone_plan")


def milestone_slippage(src: Source, milestones: tuple[str, ...] = ()) -> pd.DataFrame:
    """One row per (milestone, plan snapshot): dates and how far they moved; oldest snapshot first."""
    return query(src, "milestone_slippage", milestones=milestones)


def milestone_links(src: Source, milestones: tuple[str, ...] = ()) -> pd.DataFrame:
    """One row per (milestone, CR or risk) naming it: kind, ref, title, status, timing, mentions, found_in."""
    return query(src, "milestone_links", milestones=milestones)


def milestone_replans(src: Source) -> pd.DataFrame:
    """One row per programme replan (CR022, CR055) approved on or before the plan's as-at date."""
    return query(src, "milestone_replans")


def release_list(src: Source, releases: tuple[str, ...] = ()) -> pd.DataFrame:
    """One row per Interim Release, natural order: published date, state, DINs implemented and targeted."""
    return query(src, "release_list", releases=releases)

"""The headline figures (the `stats --json` contract), computed from an open store through the query runner."""

from __future__ import annotations

from typing import Any

import duckdb

from mhhs_dashboard.db import run_query
from mhhs_dashboard.store import Store

ALL: list[str] = []  # an empty filter list means "all"
# the DIN page's other filters, all open: only the release filter applies to the headline figures
NO_DIN_FILTERS: dict[str, object] = {"statuses": [], "raised_by": [], "q": "", "raised_from": None, "raised_to": None}


def _int(v: object) -> int:
    return int(v)  # type: ignore[call-overload]  # numpy ints from DuckDB -> plain ints for JSON


def din_stats(con: duckdb.DuckDBPyConnection, releases: list[str] = ALL) -> dict[str, Any]:
    """DIN totals, by status (vocabulary order) and by normalised release."""
    totals = run_query(con, "dins_totals", releases=releases).iloc[0]
    by_status = run_query(con, "dins_by_status", releases=releases, **NO_DIN_FILTERS)
    by_release = run_query(con, "dins_by_release", releases=releases, **NO_DIN_FILTERS)
    return {
        **{k: _int(totals[k]) for k in ("total", "open", "closed", "with_release", "without_release")},
        "by_status": {r.status: _int(r.dins) for r in by_status.itertuples()},
        "by_release": {r.release: _int(r.dins) for r in by_release.itertuples() if r.release != "No release"},
    }


def headline(store: Store) -> dict[str, Any]:
    """Every register's headline figures, shaped as DESIGN.md's `stats --json` contract (plus `as_at_date`)."""
    con = store.con
    cr_status = run_query(con, "crs_by_approval_status")
    cr_stage = run_query(con, "crs_by_stage")
    seats = run_query(con, "seats_fill_by_group", groups=ALL)
    actions = run_query(con, "actions_totals", groups=ALL).iloc[0]
    action_status = run_query(con, "actions_by_status", groups=ALL, statuses=ALL, owners=ALL)
    return {
        # the one as-at date every table was read on or before, then each table's own snapshot date
        "as_at_date": store.point.isoformat(),
        "as_at": {t: (d.isoformat() if d else None) for t, d in store.as_at.items()},
        "dins": din_stats(con),
        "change_requests": {
            "total": _int(cr_status["crs"].sum()),
            "by_approval_status": {r.approval_status: _int(r.crs) for r in cr_status.itertuples()},
            "by_stage": {r.stage: _int(r.crs) for r in cr_stage.itertuples()},
        },
        "seats": {r.group_code: {"filled": _int(r.filled), "total": _int(r.total)} for r in seats.itertuples()},
        "actions": {
            "total": _int(actions["total"]),
            "open": _int(actions["open"]),
            "by_status": {r.status: _int(r.actions) for r in action_status.itertuples()},
            "overdue": _int(actions["overdue"]),
        },
    }

"""The headline figures (the `stats --json` contract), computed from an open store through its reads."""

from __future__ import annotations

from typing import Any

import duckdb

from mhhs_dashboard import reads
from mhhs_dashboard.store import Store


def _int(v: object) -> int:
    return int(v)  # type: ignore[call-overload]  # numpy ints from DuckDB -> plain ints for JSON


def din_stats(con: duckdb.DuckDBPyConnection, releases: tuple[str, ...] = ()) -> dict[str, Any]:
    """DIN totals, by status (vocabulary order) and by normalised release."""
    run = reads.on(con)
    totals = reads.din_totals(run, releases)
    by_status = reads.din_by_status(run, releases)
    by_release = reads.din_by_release(run, releases)
    return {
        **{k: _int(totals[k]) for k in ("total", "open", "closed", "with_release", "without_release")},
        "by_status": {r.status: _int(r.dins) for r in by_status.itertuples()},
        "by_release": {r.release: _int(r.dins) for r in by_release.itertuples() if r.release != "No release"},
    }


def headline(store: Store) -> dict[str, Any]:
    """Every register's headline figures, shaped as DESIGN.md's `stats --json` contract (plus `as_at_date`)."""
    con = store.con
    run = reads.on(con)
    cr_status = reads.cr_by_approval_status(run)
    cr_stage = reads.cr_by_stage(run)
    seats = reads.seat_fill_by_group(run)
    actions = reads.action_totals(run)
    action_status = reads.actions_by_status(run)
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

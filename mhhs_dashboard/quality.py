"""The data-quality checks: a registry of named checks, each giving the rows at fault (no Streamlit here).

A check is either a SQL file `queries/quality/dq_<name>.sql` or a Python function; either way its result has one
row per row at fault with the columns `table_name`, `row_key`, `problem`, `detail` (no rows = the check
passes). To add one:

- SQL: write `queries/quality/dq_<name>.sql` (header `-- dq_<name>: one row per ...`, `-- params: none`). Any
  `dq_*.sql` file is picked up on its own; `register(Check(...))` it below only to give it a title, a table
  and an explanation.
- Python: `register(Check(name, table, title, explain, func=f))` where `f(run)` returns the frame above;
  `run(query_name, **params)` is the cached query runner, so a function never opens files or connections.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass

import pandas as pd

from mhhs_dashboard import links, schema
from mhhs_dashboard.settings import QUERIES_DIR

CHECKS_DIR = QUERIES_DIR / "quality"  # the SQL checks: queries/quality/dq_*.sql

COLUMNS = ("table_name", "row_key", "problem", "detail")
Runner = Callable[..., pd.DataFrame]  # run(query_name, **params) -> rows


@dataclass(frozen=True)
class Check:
    """One data-quality check: what it looks at, what a failure means, and how to find the rows at fault."""

    name: str
    table: str
    title: str
    explain: str = ""
    query: str | None = None  # queries/quality/<query>.sql; defaults to dq_<name> when func is None
    func: Callable[[Runner], pd.DataFrame] | None = None

    @property
    def source(self) -> str:
        """Where the check's rows come from: its query file or its Python function."""
        if self.func is not None:
            return f"{self.func.__module__}.{self.func.__qualname__}"
        return f"queries/quality/{self.query or 'dq_' + self.name}.sql"


@dataclass(frozen=True)
class Result:
    """A check and the rows it found at fault (empty = passed), or the error that stopped it."""

    check: Check
    rows: pd.DataFrame
    error: str | None = None

    @property
    def passed(self) -> bool:
        """True when the check ran and found nothing at fault."""
        return self.error is None and self.rows.empty


CHECKS: dict[str, Check] = {}
# the kind of reference a row at fault in each table is (refs.py owns where each kind's own view is)
ITEM_KINDS = {"din_log": "din", "change_requests": "cr", "actions": "action", "risks": "risk"}


def item_links(rows: pd.DataFrame) -> pd.Series:
    """A relative link to each row's own view (`dins?din=DIN-1066`), or None where its table has none."""
    return pd.Series(
        [
            links.view_url(ITEM_KINDS[table], key) if table in ITEM_KINDS else None
            for table, key in zip(rows["table_name"], rows["row_key"], strict=True)
        ],
        index=rows.index,
        dtype=object,
    )


def register(check: Check) -> Check:
    """Add (or replace) a check in the registry; returns it."""
    CHECKS[check.name] = check
    return check


def discovered() -> list[Check]:
    """A Check for every queries/quality/dq_*.sql file not registered by name (table and title from the name)."""
    taken = {c.query or f"dq_{c.name}" for c in CHECKS.values() if c.func is None}
    found = []
    for path in sorted(CHECKS_DIR.glob("dq_*.sql")):
        if path.stem in taken:
            continue
        name = path.stem.removeprefix("dq_")
        table = next((t for t in schema.TABLES if name.startswith(t)), "")
        header = path.read_text(encoding="utf-8").splitlines()[0].removeprefix(f"-- {path.stem}:").strip()
        found.append(Check(name, table, name.replace("_", " ").capitalize(), header))
    return found


def all_checks(tables: Iterable[str] | None = None) -> list[Check]:
    """Registered checks first (in registration order), then discovered ones; only `tables` if given."""
    checks = [*CHECKS.values(), *discovered()]
    wanted = set(tables) if tables is not None else None
    return [c for c in checks if wanted is None or c.table in wanted]


def run_check(check: Check, run: Runner) -> Result:
    """Run one check; a check that fails to run gives a Result with the error, never an exception."""
    try:
        rows = check.func(run) if check.func is not None else run(check.query or f"dq_{check.name}")
        missing = [c for c in COLUMNS if c not in rows.columns]
        if missing:
            return Result(check, pd.DataFrame(columns=list(COLUMNS)), f"result lacks columns {missing}")
        return Result(check, rows[list(COLUMNS)].reset_index(drop=True))
    except Exception as e:  # one broken check must not take the page down; its error is shown instead
        return Result(check, pd.DataFrame(columns=list(COLUMNS)), f"{type(e).__name__}: {str(e).splitlines()[0]}")


def run_all(run: Runner, tables: Iterable[str] | None = None) -> list[Result]:
    """Every check (optionally only those on `tables`), each run once."""
    return [run_check(c, run) for c in all_checks(tables)]


# --- Python checks --------------------------------------------------------------------------------------


def din_totals_reconcile(run: Runner) -> pd.DataFrame:
    """One row per breakdown of the DIN log (by status, by release, open + closed) that does not add up to the total."""
    rec = run("dins_reconciliation")
    bad = rec[~rec["reconciles"].astype(bool)]
    return pd.DataFrame(
        {
            "table_name": "din_log",
            "row_key": bad["breakdown"],
            "problem": "does not add up to the total",
            "detail": [
                f"{c:,} counted + {u:,} outside it = {s:,}; total {t:,}"
                for c, u, s, t in zip(bad["counted"], bad["uncounted"], bad["parts_sum"], bad["total"], strict=True)
            ],
        },
        columns=list(COLUMNS),
    )


def group_cadence_rules(run: Runner) -> pd.DataFrame:
    """One row per group whose cadence rule or meeting times cannot be read (the calendar skips its dates)."""
    from mhhs_dashboard.cadence import cadence_problems

    return cadence_problems(run("groups_cards", groups=[]))


def cr_approval_status_outside_vocabulary(run: Runner) -> pd.DataFrame:
    """One row per change request whose approval status is not one of schema.CR_APPROVAL_STATUSES."""
    crs = run("crs_register", approval_statuses=[], stages=[], change_types=[], decision_bodies=[], crs=[])
    known = {s.lower() for s in schema.CR_APPROVAL_STATUSES}
    bad = crs[~crs["approval_status"].fillna("").str.lower().isin(known)]
    return pd.DataFrame(
        {
            "table_name": "change_requests",
            "row_key": bad["cr_ref"].fillna("(blank)"),
            "problem": "approval status outside the vocabulary",
            "detail": bad["approval_status"].map(lambda s: f'"{s}"' if isinstance(s, str) else "blank status"),
        },
        columns=list(COLUMNS),
    )


def vocabulary(
    name: str,
    table: str,
    subject: str,
    noun: str,
    values: Iterable[str],
    func: Callable[[Runner], pd.DataFrame] | None = None,
) -> Check:
    """A check that a column holds only the words of `values` ('<subject> are in the vocabulary'), naming them."""
    return Check(
        name,
        table,
        f"{subject} are in the vocabulary",
        f"{noun} should be one of: " + ", ".join(values) + ".",
        func=func,
    )


def unique(name: str, table: str, subject: str, key: str) -> Check:
    """A check that no two rows share a `key` ('<subject> are unique'): its query lists the repeated keys."""
    return Check(name, table, f"{subject} are unique", f"Two rows with one {key}.")


# --- The registry, in the order the page shows them --------------------------------------------------------

for _check in (
    Check(
        "din_totals_reconcile",
        "din_log",
        "Counts by status and by release add up to the total",
        "The eight statuses must add up to the DINs recorded; so must the releases plus 'No release'.",
        func=din_totals_reconcile,
    ),
    Check(
        "din_label_variants",
        "din_log",
        "Status and release labels in their canonical spelling",
        "A label with a trailing or non-breaking space, or in another case, is counted under its canonical "
        "label here, but a spreadsheet pivot counts it twice.",
    ),
    Check(
        "din_implemented_without_release",
        "din_log",
        "Implemented DINs name their release",
        "An implemented DIN should say which Interim Release carried it; these count under 'No release'.",
    ),
    Check(
        "din_duplicate_ids",
        "din_log",
        "DIN ids are unique",
        "Two rows with one id count twice in every total.",
    ),
    Check(
        "din_status_outside_vocabulary",
        "din_log",
        "DIN statuses are in the vocabulary",
        "A status outside the eight counts in the total but neither as open nor as closed.",
    ),
    Check(
        "din_closed_before_raised",
        "din_log",
        "No DIN is closed before it was raised",
        "A closed date earlier than the raised date is a typing slip; it distorts the month-by-month chart.",
    ),
    Check(
        "din_closed_state_mismatch",
        "din_log",
        "Closed dates agree with statuses",
        "A closed DIN needs a closed date, an open one none, for the 'open at month end' line to be right.",
    ),
    Check(
        "cr_stage_unknown",
        "change_requests",
        "CR stages are in the change-control vocabulary",
        "A stage outside the lifecycle, or none, cannot be placed in the pipeline. A stage spelled another way is "
        "placed here, but a spreadsheet filter on the register misses it.",
    ),
    vocabulary(
        "cr_approval_status_outside_vocabulary",
        "change_requests",
        "CR approval statuses",
        "Approval status",
        schema.CR_APPROVAL_STATUSES,
        func=cr_approval_status_outside_vocabulary,
    ),
    unique("cr_duplicate_refs", "change_requests", "CR references", "reference"),
    Check(
        "risk_cr_missing",
        "risks",
        "Risks link to CRs in the register",
        "A risk's linked CR should be in the CR register, so that the risk can be read beside the CR it is about.",
    ),
    vocabulary("action_status_outside_vocabulary", "actions", "Action statuses", "Statuses", schema.ACTION_STATUSES),
    unique("action_duplicate_refs", "actions", "Action references", "reference"),
    unique("decision_duplicate_ids", "decisions", "Decision ids", "id"),
    vocabulary("decision_kind_outside_vocabulary", "decisions", "Decision kinds", "Kinds", schema.DECISION_KINDS),
    Check(
        "decision_ref_unknown",
        "decisions",
        "Decisions name known CRs, milestones, risks, actions or meetings",
        "A reference no register holds links to nothing, and its record will not carry the decision.",
    ),
    unique("checklist_duplicate_ids", "checklist", "Checklist ids", "id"),
    vocabulary("checklist_kind_outside_vocabulary", "checklist", "Checklist kinds", "Kinds", schema.CHECKLIST_KINDS),
    Check(
        "checklist_deadline_before_opened",
        "checklist",
        "No checklist deadline is before its opening date",
        "A deadline earlier than the date the item opened is a typing slip; its status would read closed.",
    ),
    unique("principle_duplicate_refs", "principles", "Design principle refs", "ref"),
    Check(
        "group_cadence_rules",
        "groups",
        "Cadence rules and meeting times can be read",
        "A rule reads like 'Third Wednesday of the month'; a group whose rule cannot be read gets no generated "
        "meeting dates on the calendar.",
        func=group_cadence_rules,
    ),
):
    register(_check)

"""The dashboard's reads: one function per query, over any runner. No Streamlit.

Each takes `run(query_name, **params) -> rows` first: pages pass the cached runner of their data source
(mhhs_dashboard/data.py binds every function to a `Source`), the CLI's outputs (stats, meeting, report, slides)
pass a store's plain connection (`on(con)`). Dates a query counts from are given, never looked up here.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable

import duckdb
import pandas as pd

from mhhs_dashboard import cadence, schema
from mhhs_dashboard.db import run_query
from mhhs_dashboard.filters import DinView

Runner = Callable[..., pd.DataFrame]  # run(query_name, **params) -> rows


def on(con: duckdb.DuckDBPyConnection) -> Runner:
    """The runner over an open connection (no cache): list parameters, given as tuples, are bound as lists."""

    def run(name: str, **params: object) -> pd.DataFrame:
        return run_query(con, name, **{k: list(v) if isinstance(v, tuple) else v for k, v in params.items()})

    return run


def din_totals(run: Runner, releases: tuple[str, ...] = ()) -> pd.Series:
    """One row: total, open, closed, with_release, without_release."""
    return run("dins_totals", releases=releases).iloc[0]


def din_by_status(run: Runner, releases: tuple[str, ...] = (), view: DinView | None = None) -> pd.DataFrame:
    """status, state, status_order, dins; programme order. `view` (the DIN page's filters) overrides `releases`."""
    return run("dins_by_status", **(view or DinView(releases))._asdict())


def din_by_release(run: Runner, releases: tuple[str, ...] = (), view: DinView | None = None) -> pd.DataFrame:
    """release, release_order, dins, open, closed; natural release order. `view` overrides `releases`."""
    return run("dins_by_release", **(view or DinView(releases))._asdict())


def release_options(run: Runner) -> list[str]:
    """Every target-release label, natural order, 'No release' last."""
    return list(run("releases_options")["release"])


def group_options(run: Runner) -> pd.DataFrame:
    """group_code, name, level."""
    return run("groups_options")


def snapshot_dates(run: Runner) -> list[dt.date]:
    """Every as-at date of the main registers' snapshots, newest first."""
    return [d.date() for d in run("snapshots_by_date")["as_at"]]


def cr_by_approval_status(run: Runner) -> pd.DataFrame:
    """approval_status, crs."""
    return run("crs_by_approval_status")


def cr_by_stage(run: Runner) -> pd.DataFrame:
    """stage, crs."""
    return run("crs_by_stage")


def seat_fill_by_group(run: Runner, groups: tuple[str, ...] = ()) -> pd.DataFrame:
    """group_code, filled, total."""
    return run("seats_fill_by_group", groups=groups)


def action_totals(
    run: Runner, groups: tuple[str, ...] = (), statuses: tuple[str, ...] = (), owners: tuple[str, ...] = ()
) -> pd.Series:
    """One row: total, open, recommend_closed, overdue of the actions the filters keep, and the log's as_at."""
    return run("actions_totals", groups=groups, statuses=statuses, owners=owners).iloc[0]


def milestones_upcoming(run: Runner, day: dt.date) -> pd.DataFrame:
    """milestone_id, name, baseline_date, forecast_date, days_to_go (from `day`, the view's as-at date),
    illustrative; soonest first."""
    return run("milestones_upcoming", as_at=day)


def meetings_upcoming(run: Runner, day: dt.date, groups: tuple[str, ...] = (), limit: int = 5) -> pd.DataFrame:
    """meeting_date, group_code, group_name, title, kind, notes of the meetings after `day` (the view's as-at
    date); soonest first."""
    return run("meetings_upcoming", groups=groups, limit=limit, as_at=day)


def cr_register(
    run: Runner,
    approval_statuses: tuple[str, ...] = (),
    stages: tuple[str, ...] = (),
    change_types: tuple[str, ...] = (),
    decision_bodies: tuple[str, ...] = (),
    crs: tuple[str, ...] = (),
) -> pd.DataFrame:
    """One row per CR with every column the pack prints, plus stage_order, decision_body, stage_since, notes,
    days_in_stage and as_at."""
    return run(
        "crs_register",
        approval_statuses=approval_statuses,
        stages=stages,
        change_types=change_types,
        decision_bodies=decision_bodies,
        crs=crs,
    )


def cr_totals(
    run: Runner,
    approval_statuses: tuple[str, ...] = (),
    stages: tuple[str, ...] = (),
    change_types: tuple[str, ...] = (),
    decision_bodies: tuple[str, ...] = (),
) -> pd.Series:
    """One row: total, open, awaiting_decision, approved of the CRs the filters keep, and the register's as_at."""
    return run(
        "crs_totals",
        approval_statuses=approval_statuses,
        stages=stages,
        change_types=change_types,
        decision_bodies=decision_bodies,
    ).iloc[0]


def action_log(
    run: Runner,
    groups: tuple[str, ...] = (),
    statuses: tuple[str, ...] = (),
    owners: tuple[str, ...] = (),
    refs: tuple[str, ...] = (),
) -> pd.DataFrame:
    """One row per action: ref, group, meeting, action, owner, due date, status, state, overdue, latest update."""
    return run("actions_log", groups=groups, statuses=statuses, owners=owners, refs=refs)


def risk_register(run: Runner, risks: tuple[str, ...] = ()) -> pd.DataFrame:
    """One row per risk with its linked CR's title."""
    return run("risks_register", risks=risks)


# The decisions pages (issue #4): CR pipeline, per-CR and per-action views, action counts.
def cr_pipeline(
    run: Runner,
    approval_statuses: tuple[str, ...] = (),
    stages: tuple[str, ...] = (),
    change_types: tuple[str, ...] = (),
    decision_bodies: tuple[str, ...] = (),
) -> pd.DataFrame:
    """stage, stage_order, set_aside, crs, cr_refs, max_days_in_stage, crs_dated; lifecycle order."""
    return run(
        "crs_pipeline",
        approval_statuses=approval_statuses,
        stages=stages,
        change_types=change_types,
        decision_bodies=decision_bodies,
    )


def cr_options(run: Runner) -> dict[str, list[str]]:
    """Filter choices per field (approval_status, stage, change_type, decision_body): the vocabulary, then any
    other value the register holds."""
    df = run("crs_options")
    vocab = {
        "approval_status": schema.CR_APPROVAL_STATUSES,
        "stage": schema.CR_STAGES,
        "decision_body": schema.CR_DECISION_BODIES,
        "change_type": (),
    }
    return {
        field: list(dict.fromkeys([*known, *df.loc[df["field"] == field, "value"]])) for field, known in vocab.items()
    }


def cr_history(run: Runner, cr: str) -> pd.DataFrame:
    """One row per register snapshot holding `cr`: as_at, the changing fields, and what changed."""
    return run("crs_item_history", cr=cr)


def cr_risks(run: Runner, cr: str) -> pd.DataFrame:
    """risk_id, title, linked_cr, status, raised_date, owner of the risks linked to `cr`."""
    return run("risks_linked_to_cr", cr=cr)


def actions_mentioning(run: Runner, ref: str) -> pd.DataFrame:
    """The actions (other than `ref` itself) whose text or latest update names `ref`, and where."""
    return run("actions_mentioning", ref=ref)


def action_history(run: Runner, ref: str) -> pd.DataFrame:
    """One row per action-log snapshot holding `ref`: as_at, status, due date, owner, latest update, changed."""
    return run("actions_item_history", ref=ref)


def action_owners(run: Runner, groups: tuple[str, ...] = ()) -> list[str]:
    """Every owner named in the action log (of `groups`), alphabetical."""
    return list(run("actions_owners", groups=groups)["owner"])


def actions_by_owner(
    run: Runner, groups: tuple[str, ...] = (), statuses: tuple[str, ...] = (), owners: tuple[str, ...] = ()
) -> pd.DataFrame:
    """owner, open, recommend_closed, closed, other, overdue, total; most open first."""
    return run("actions_by_owner", groups=groups, statuses=statuses, owners=owners)


def actions_by_meeting(
    run: Runner, groups: tuple[str, ...] = (), statuses: tuple[str, ...] = (), owners: tuple[str, ...] = ()
) -> pd.DataFrame:
    """group_code, meeting, meeting_date, raised, open, recommend_closed, closed, overdue; meeting order."""
    return run("actions_by_meeting", groups=groups, statuses=statuses, owners=owners)


def actions_by_status(
    run: Runner, groups: tuple[str, ...] = (), statuses: tuple[str, ...] = (), owners: tuple[str, ...] = ()
) -> pd.DataFrame:
    """status, status_order, actions, overdue; the log's order (open first)."""
    return run("actions_by_status", groups=groups, statuses=statuses, owners=owners)
    return run("risks_register")


def seat_grid(run: Runner, groups: tuple[str, ...] = ()) -> pd.DataFrame:
    """constituency, group_code, filled, seat_state, note, constituency_order; pack order."""
    return run("seats_grid", groups=groups)


def seats_vacant(run: Runner, groups: tuple[str, ...] = ()) -> pd.DataFrame:
    """group_code, constituency, note; one row per vacant seat."""
    return run("seats_vacant", groups=groups)


def group_cards(run: Runner, groups: tuple[str, ...] = ()) -> pd.DataFrame:
    """One row per group: name, level, parent, cadence, first meeting, state, times, seats filled and total."""
    return run("groups_cards", groups=groups)


def meetings_log(run: Runner, groups: tuple[str, ...] = ()) -> pd.DataFrame:
    """One row per logged meeting: kind, notes, meeting_ref, moved_from, actions_raised, crs_named."""
    return run("meetings_log", groups=groups)


def agenda_items(run: Runner, groups: tuple[str, ...] = ()) -> pd.DataFrame:
    """group_code, meeting_date (empty = standing), item, kind, item_order."""
    return run("agenda_items", groups=groups)


def meetings_as_at(run: Runner, day: dt.date) -> dt.date | None:
    """'Now' for the calendar: `day`, the view's as-at date (None when there is no meetings log or groups list)."""
    value = run("meetings_as_at")["as_at"].iloc[0]
    return None if pd.isna(value) else day


def meetings_calendar(run: Runner, day: dt.date, groups: tuple[str, ...] = ()) -> cadence.Calendar:
    """The governance calendar of `groups` around `day` (the view's as-at date): cadence dates and the meetings
    log, with the groups whose cadence rule or times cannot be read."""
    cards = group_cards(run, groups)
    return cadence.calendar_of(cards, meetings_log(run, groups), meetings_as_at(run, day))


# What changed since a date (issue 7): the snapshot nearest on or before `since` against the newest one.
def last_meeting(run: Runner, day: dt.date, group: str = "DAG") -> tuple[dt.date, str] | None:
    """(date, title) of the last meeting of `group` held before `day` (the view's as-at date), or None."""
    df = run("meetings_last", group=group, as_at=day)
    return None if df.empty else (df["meeting_date"].iloc[0].date(), str(df["title"].iloc[0]))


def _register(table: str) -> str:
    title = schema.TABLES[table].title
    return title[:1].upper() + title[1:]


def changes_baselines(run: Runner, since: dt.date) -> pd.DataFrame:
    """table_name, then_as_at (NaT: no snapshot that early), now_as_at, register (title); one row per register."""
    df = run("changes_baselines", since=since)
    return df.assign(register=[_register(t) for t in df["table_name"]])


def changes_by_register(run: Runner, since: dt.date) -> pd.DataFrame:
    """table_name, change, items, register_order, then_as_at, now_as_at, register (the table's title)."""
    df = run("changes_by_register", since=since)
    return df.assign(register=[_register(t) for t in df["table_name"]])


def changes_rows(
    run: Runner, since: dt.date, registers: tuple[str, ...] = (), limit: int | None = None
) -> pd.DataFrame:
    """table_name, item_key, title, change, from_value, to_value, then_as_at, now_as_at, rows_in_view (all of them,
    however many the `limit` returns), register (the table's title); CRs and actions first, DINs last."""
    df = run("changes_rows", since=since, registers=registers, limit=limit)
    return df.assign(register=[_register(t) for t in df["table_name"]])


def changes_status_matrix(run: Runner, since: dt.date, registers: tuple[str, ...] = ()) -> pd.DataFrame:
    """table_name, from_status, to_status, items, register (the table's title): the moves only ('(new)' / '(gone)'
    for items in one snapshot only); CRs and actions first, DINs last."""
    df = run("changes_status_matrix", since=since, registers=registers)
    return df.assign(register=[_register(t) for t in df["table_name"]])


def since_options(run: Runner, day: dt.date, group: str = "DAG") -> pd.DataFrame:
    """since (date), meeting (title or empty), snapshot (bool): the dates before `day` (the view's as-at date) it
    can be compared with, newest first."""
    return run("changes_since_options", group=group, as_at=day)


def meeting_on(run: Runner, day: dt.date, held: dt.date, group: str = "DAG") -> str | None:
    """The title of the `group` meeting held on `held` before `day` ("DAG #35"), if one was."""
    df = since_options(run, day, group)
    titles = [t for d, t in zip(df["since"], df["meeting"], strict=True) if pd.Timestamp(d).date() == held]
    return titles[0] if titles and isinstance(titles[0], str) else None


def meetings_held(run: Runner, day: dt.date, group: str = "DAG") -> dict[dt.date, str]:
    """{date: title} of the `group` meetings held before `day`."""
    held = since_options(run, day, group)
    return {pd.Timestamp(r.since).date(): r.meeting for r in held.itertuples() if isinstance(r.meeting, str)}


def next_meeting(run: Runner, day: dt.date, group: str = "DAG") -> tuple[dt.date, str] | None:
    """(date, title) of the first `group` meeting on or after `day`; None if the calendar has none."""
    df = run("meetings_next", group=group, day=day)
    return None if df.empty else (pd.Timestamp(df["meeting_date"].iloc[0]).date(), str(df["title"].iloc[0]))


def seats_by_group(run: Runner, groups: tuple[str, ...] = ()) -> pd.DataFrame:
    """One row per seat: group_code, constituency, filled, note, seat_order; listed order within each group."""
    return run("seats_by_group", groups=groups)


# --- The DIN page (issue 3) -------------------------------------------------------------------------------


def din_view_totals(run: Runner, view: DinView) -> pd.Series:
    """One row: total, open, closed, raised_since, closed_since, illustrative, as_at, previous_as_at."""
    return run("dins_view_totals", **view._asdict()).iloc[0]


def din_release_status_matrix(run: Runner, view: DinView) -> pd.DataFrame:
    """release, release_order, status, status_order, state, dins; one row per non-empty cell."""
    return run("dins_release_status_matrix", **view._asdict())


def dins_by_month(run: Runner, view: DinView) -> pd.DataFrame:
    """month, month_end, raised, closed, open_at_month_end."""
    return run("dins_by_month", **view._asdict())


def din_list(
    run: Runner,
    view: DinView,
    pick_releases: tuple[str, ...] = (),
    pick_statuses: tuple[str, ...] = (),
    limit: int | None = None,
) -> pd.DataFrame:
    """One row per DIN in the view (narrowed to a chart pick), newest raised first; the first `limit` (None = all).

    `rows_in_view` on every row counts them all, however many are returned.
    """
    return run("dins_list", **view._asdict(), pick_releases=pick_releases, pick_statuses=pick_statuses, limit=limit)


def din_raised_by_options(run: Runner) -> list[str]:
    """Every raiser in the DIN log, alphabetical."""
    return list(run("dins_raised_by_options")["raised_by"])


def din_detail(run: Runner, din_id: str) -> pd.DataFrame:
    """The DIN's row in the latest snapshot (empty if unknown)."""
    return run("dins_item", din_id=din_id)


def din_history(run: Runner, din_id: str) -> pd.DataFrame:
    """as_at, status, state, release, closed_date, changed; one row per snapshot."""
    return run("dins_item_history", din_id=din_id)


def release_publications(run: Runner) -> pd.DataFrame:
    """release_code, release, published_date, illustrative; releases with a date, in date order."""
    return run("releases_published")


def next_release(run: Runner, as_at: dt.date | None = None) -> pd.Series | None:
    """The next Interim Release after `as_at` (None, the live data: the DIN log's date): release, release_code,
    published_date (NaT: TBC), illustrative, notes, as_of, days_to_go, dins_targeted, dins_open; None if none."""
    df = run("releases_next", as_at=as_at)
    return None if df.empty else df.iloc[0]


# --- The data-quality page (issue 3) ----------------------------------------------------------------------


def label_variants(run: Runner) -> pd.DataFrame:
    """table_name, column_name, canonical, raw_label, shown, difference, rows, merged_rows."""
    return run("labels_varying")


def din_reconciliation(run: Runner) -> pd.DataFrame:
    """breakdown, counted, uncounted, parts_sum, total, reconciles."""
    return run("dins_reconciliation")


def milestone_plan(run: Runner) -> pd.DataFrame:
    """One row per milestone in the newest plan: dates, status, outcome, slippage vs baseline and previous plan."""
    return run("milestones_plan")


def milestone_slippage(run: Runner, milestones: tuple[str, ...] = ()) -> pd.DataFrame:
    """One row per (milestone, plan snapshot): dates and how far they moved; oldest snapshot first."""
    return run("milestones_slippage", milestones=milestones)


def milestone_links(run: Runner, milestones: tuple[str, ...] = ()) -> pd.DataFrame:
    """One row per (milestone, CR or risk) naming it: kind, ref, title, status, timing, mentions, found_in."""
    return run("milestones_links", milestones=milestones)


def milestone_replans(run: Runner) -> pd.DataFrame:
    """One row per programme replan (CR022, CR055) approved on or before the plan's as-at date."""
    return run("milestones_replans")


def release_list(run: Runner, releases: tuple[str, ...] = ()) -> pd.DataFrame:
    """One row per Interim Release, natural order: published date, state, DINs implemented and targeted."""
    return run("releases_list", releases=releases)


# The registers of the pack's every section: decisions and updates, the participant checklist, design principles,
# a meeting's agenda. Each reads as at the view's date `as_at`.
def decisions_log(
    run: Runner,
    as_at: dt.date,
    groups: tuple[str, ...] = (),
    kinds: tuple[str, ...] = (),
    date_from: dt.date = dt.date(2000, 1, 1),
    date_to: dt.date = dt.date(2100, 1, 1),
    ref: str = "",
) -> pd.DataFrame:
    """One row per outcome, newest meeting first: group, meeting, kind, decided_by, refs, title, outcome, state."""
    return run("decisions_log", groups=groups, kinds=kinds, date_from=date_from, date_to=date_to, ref=ref, as_at=as_at)


def decisions_item(run: Runner, as_at: dt.date, decision: str) -> pd.DataFrame:
    """The one decision with id `decision` (no rows if there is none), with its state at `as_at`."""
    return run("decisions_item", decision=decision, as_at=as_at)


def decisions_latest_for_refs(run: Runner, as_at: dt.date, refs: tuple[str, ...] = ()) -> pd.DataFrame:
    """One row per reference: the outcome heading its record at `as_at` (heading, outcome, meeting)."""
    return run("decisions_latest_for_refs", refs=refs, as_at=as_at)


def decisions_of_meeting(run: Runner, as_at: dt.date, group: str, meeting_date: dt.date) -> pd.DataFrame:
    """One row per outcome of `group`'s meeting on `meeting_date`, in order, headline lines marked."""
    return run("decisions_of_meeting", group=group, meeting_date=meeting_date, as_at=as_at)


def decisions_since(run: Runner, as_at: dt.date, since: dt.date, groups: tuple[str, ...] = ()) -> pd.DataFrame:
    """One row per outcome (not for information) of a meeting after `since`, up to `as_at`."""
    return run("decisions_since", since=since, as_at=as_at, groups=groups)


def decisions_programme_updates(run: Runner, as_at: dt.date, groups: tuple[str, ...] = ()) -> pd.DataFrame:
    """One row per headline line of each group's latest meeting up to `as_at` (the pack's Programme Updates)."""
    return run("decisions_programme_updates", as_at=as_at, groups=groups)


def decisions_cr_updates(
    run: Runner, as_at: dt.date, since: dt.date, until: dt.date, groups: tuple[str, ...] = ()
) -> pd.DataFrame:
    """One row per detail outcome naming a CR of a meeting in (since, until], in blocks by title."""
    return run("decisions_cr_updates", since=since, until=until, as_at=as_at, groups=groups)


def checklist_items(run: Runner, as_at: dt.date, statuses: tuple[str, ...] = ()) -> pd.DataFrame:
    """One row per checklist item with its status at `as_at`; open ones first, soonest deadline first."""
    return run("checklist_items", as_at=as_at, statuses=statuses)


def principles_list(run: Runner) -> pd.DataFrame:
    """One row per design principle (0 to 15): principle, scope, sub-principles, refs, pri_refs."""
    return run("principles_list")


def agenda_items_of_meeting(run: Runner, group: str, meeting_date: dt.date) -> pd.DataFrame:
    """One row per item of one meeting's agenda: objective, type, lead, start, minutes, end; else standing items."""
    return run("agenda_items_of_meeting", group=group, meeting_date=meeting_date)

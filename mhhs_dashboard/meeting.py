"""The DAG meeting: its agenda, "what changed since the last meeting", and the pack's figures in one place.

Chair mode, the HTML report and the slides all read their figures from here, so they cannot disagree.
No Streamlit: the CLI uses it too.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import functools
import hashlib
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

import pandas as pd

from mhhs_dashboard import reads, schema
from mhhs_dashboard.files import DataDir, folder
from mhhs_dashboard.headings import ACTION_COLUMNS as ACTION_COLUMNS  # re-exported: report and chair read them
from mhhs_dashboard.headings import CR_COLUMNS as CR_COLUMNS
from mhhs_dashboard.stats import headline
from mhhs_dashboard.store import Store, open_store


@dataclass(frozen=True)
class Item:
    """One agenda item of the DAG meeting, as the pack numbers and names it."""

    step: int
    title: str
    objective: str


AGENDA: tuple[Item, ...] = (
    Item(1, "Minutes and Actions", "Approval of headline report and review of actions"),
    Item(2, "Change Requests Update", "Updates on Programme Change Requests"),
    Item(3, "Design Updates", "Updates on Design Issue Notifications (DINs)"),
    Item(4, "Top Programme Risks", "Overview of Programme Risks related to DAG"),
    Item(5, "Programme Updates", "Milestones, upcoming governance meetings and advisory-group seats"),
    Item(6, "Summary and Next Steps", "Summarise key discussions, actions, and next steps"),
)
# the registers whose snapshots define "the last meeting's" figures
REGISTERS = schema.REGISTERS


def clamp_step(value: str | None) -> tuple[int, bool]:
    """The agenda step a URL value asks for, clamped to 1..len(AGENDA); (step, whether it had to be changed)."""
    try:
        asked = int(str(value).strip())
    except (TypeError, ValueError):
        return 1, value is not None
    step = min(max(asked, 1), len(AGENDA))
    return step, step != asked


@dataclass(frozen=True)
class Change:
    """One figure at the last meeting and now."""

    label: str
    before: int | None
    after: int

    @property
    def delta(self) -> int | None:
        """after - before; None when the figure was not known at the last meeting."""
        return None if self.before is None else self.after - self.before

    def text(self) -> str:
        """'DINs recorded: 1017 -> 1029 (+12)'."""
        if self.before is None:
            return f"{self.label}: {self.after:,} (new)"
        return f"{self.label}: {self.before:,} -> {self.after:,} ({self.delta:+,})"


@dataclass(frozen=True)
class Changes:
    """What changed between two as-at dates, per agenda area; empty lists where nothing is known."""

    since: dt.date | None  # the date compared with: the last DAG meeting's, or the one asked for (None: nothing)
    as_at: dt.date
    dins: list[Change] = field(default_factory=list)
    crs: list[Change] = field(default_factory=list)
    actions: list[Change] = field(default_factory=list)
    # item-level news, e.g. "CR050 new: Open, Development", "CR047 now Open, Approved (was Open, Impact Assessment)"
    cr_notes: list[Move] = field(default_factory=list)
    action_notes: list[Move] = field(default_factory=list)
    risk_notes: list[Move] = field(default_factory=list)
    # tables with no earlier snapshot to compare with
    unknown: list[str] = field(default_factory=list)
    meeting: str | None = None  # the meeting held on `since` ("DAG #35"), if one was
    # each register's snapshot that stands for `since`: its newest on or before it (None: none that early)
    then: dict[str, dt.date | None] = field(default_factory=dict)

    @property
    def known(self) -> bool:
        """Whether there was an earlier snapshot to compare with at all."""
        return self.since is not None

    def when(self) -> str:
        """What the figures are compared with, as people name it: 'DAG #35, 10 Apr 2024', else '02 Apr 2024'."""
        if self.since is None:
            return ""
        return f"{self.meeting}, {self.since:%d %b %Y}" if self.meeting else f"{self.since:%d %b %Y}"

    def heading(self) -> str:
        """'Since DAG #35, 10 Apr 2024' ('Since the last meeting' when nothing earlier is known)."""
        return f"Since {self.when()}" if self.since else "Since the last meeting"

    def stands_for(self) -> str:
        """Which snapshots stand for the date compared with: 'the snapshots as at 02 Apr 2024', or register by
        register when their dates differ ('the DIN log as at 30 Apr 2024, the CR register as at ...')."""
        dated = {t: d for t, d in self.then.items() if d}
        if not dated:
            return ""
        if len(set(dated.values())) == 1:
            return f"the snapshots as at {next(iter(dated.values())):%d %b %Y}"
        return ", ".join(f"the {schema.TABLES[t].title} as at {d:%d %b %Y}" for t, d in dated.items())

    def sentence(self) -> str:
        """'Changes since DAG #35, 10 Apr 2024 (the snapshots as at 02 Apr 2024, the newest on or before it).'"""
        if not self.known:
            return "No earlier snapshot: what changed since the last meeting is not known."
        return f"Changes since {self.when()} ({self.stands_for()}, the newest on or before it)."

    def headline(self) -> list[Change]:
        """The headline figures that moved: DIN totals, CRs by approval status, action totals."""
        return [c for c in [*self.dins[:3], *self.crs, *self.actions[:3]] if c.delta]

    def find(self, label: str) -> Change | None:
        """The change of the figure called `label`, in any area."""
        return next((c for c in [*self.dins, *self.crs, *self.actions] if c.label == label), None)


def meeting_for(store: Store, group: str = "DAG") -> tuple[dt.date, str] | None:
    """(date, title) of the meeting the store's figures are for: the first `group` meeting on or after its as-at
    date (the DAG #36 pack's figures, as at 1 May 2024, are for DAG #36 on 8 May); None if the calendar has none."""
    return reads.next_meeting(reads.on(store.con), store.point, group)


def as_at_of(data_dir: DataDir, as_at: dt.date | None = None) -> dt.date:
    """The one as-at date of an output, resolved once: `as_at` if given, else the data's "now" (the registers'
    newest snapshot, store.data_now)."""
    return as_at or open_store(data_dir).point


def previous_snapshot(store: Store) -> dt.date | None:
    """The as-at date of "the last meeting": the newest snapshot of the registers older than all their current ones."""
    current = [d for t in REGISTERS if (d := store.as_at.get(t))]
    if not current:
        return None
    earlier = [s.as_at for t in REGISTERS for s in store.history.get(t, []) if s.as_at < min(current)]
    return max(earlier) if earlier else None


def _figures(counts: dict[str, Any], prefix: str = "") -> dict[str, int]:
    return {f"{prefix}{k}": int(v) for k, v in counts.items()}


def _compare(before: dict[str, int], after: dict[str, int]) -> list[Change]:
    """A Change per figure present now or then (a figure gone to zero is shown as 0)."""
    labels = list(dict.fromkeys([*after, *before]))
    return [Change(k, before.get(k), after.get(k, 0)) for k in labels]


@dataclass(frozen=True)
class Move:
    """One register row that is new, or whose status moved, since the last meeting."""

    key: str
    now: str
    was: str | None = None

    def text(self) -> str:
        """'CR047 now Open, Approved (was Open, Impact Assessment)' or 'CR050 new: Open, Development'."""
        return f"{self.key} new: {self.now}" if self.was is None else f"{self.key} now {self.now} (was {self.was})"

    def short(self) -> str:
        """'CR047 → Open, Approved' for a shared screen."""
        return f"{self.key} new: {self.now}" if self.was is None else f"{self.key} → {self.now}"


def _moves(old: pd.DataFrame, new: pd.DataFrame, key: str, cols: list[str]) -> list[Move]:
    """Rows new since `old`, and rows whose `cols` changed, in key order."""
    was = {r[key]: ", ".join(dict.fromkeys(str(r[c]) for c in cols)) for _, r in old.iterrows()}
    moves = []
    for _, r in new.sort_values(key).iterrows():
        now = ", ".join(dict.fromkeys(str(r[c]) for c in cols))  # "Withdrawn, Withdrawn" says it once
        if r[key] not in was:
            moves.append(Move(r[key], now))
        elif was[r[key]] != now:
            moves.append(Move(r[key], now, was[r[key]]))
    return moves


def _registers(store: Store) -> dict[str, pd.DataFrame]:
    run = reads.on(store.con)
    return {
        "change_requests": reads.cr_register(run),
        "actions": reads.action_log(run),
        "risks": reads.risk_register(run),
    }


def compare(now: Store, then: Store | None, since: dt.date | None) -> Changes:
    """The changes between two open stores (`then` None: nothing to compare with)."""
    as_at = now.point
    if then is None or since is None:
        return Changes(None, as_at, unknown=list(schema.TABLES))
    a, b = headline(then), headline(now)
    dins = _compare(
        _figures({k: a["dins"][k] for k in ("total", "open", "closed")}) | a["dins"]["by_status"],
        _figures({k: b["dins"][k] for k in ("total", "open", "closed")}) | b["dins"]["by_status"],
    )
    crs = _compare(
        {"total": a["change_requests"]["total"], **a["change_requests"]["by_approval_status"]},
        {"total": b["change_requests"]["total"], **b["change_requests"]["by_approval_status"]},
    )
    acts = _compare(
        {k: a["actions"][k] for k in ("total", "open", "overdue")} | a["actions"]["by_status"],
        {k: b["actions"][k] for k in ("total", "open", "overdue")} | b["actions"]["by_status"],
    )
    unknown = [t for t in schema.TABLES if not then.as_at.get(t) or then.as_at.get(t) == now.as_at.get(t)]
    old, new = _registers(then), _registers(now)
    notes = {
        t: ([] if t in unknown else _moves(old[t], new[t], key, cols))
        for t, key, cols in (
            ("change_requests", "cr_ref", ["approval_status", "current_stage"]),
            ("actions", "action_ref", ["status"]),
            ("risks", "risk_id", ["status"]),
        )
    }
    return Changes(
        since,
        as_at,
        dins=[Change(_label("dins", c.label), c.before, c.after) for c in dins],
        crs=[Change(_label("crs", c.label), c.before, c.after) for c in crs],
        actions=[Change(_label("actions", c.label), c.before, c.after) for c in acts],
        cr_notes=notes["change_requests"],
        action_notes=notes["actions"],
        risk_notes=notes["risks"],
        unknown=unknown,
    )


LABELS = {
    "dins": {"total": "DINs recorded", "open": "Open DINs", "closed": "Closed DINs"},
    "crs": {"total": "CRs in the register"},
    "actions": {"total": "Actions in the log", "open": "Actions open", "overdue": "Actions overdue"},
}


def _label(area: str, key: str) -> str:
    if key in LABELS[area]:
        return LABELS[area][key]
    return f"CRs {key.lower()}" if area == "crs" else key


def meetings_held(store: Store, group: str = "DAG") -> dict[dt.date, str]:
    """{date: title} of the `group` meetings held before the store's as-at date."""
    return reads.meetings_held(reads.on(store.con), store.point, group)


def changes(
    data_dir: DataDir,
    as_at: dt.date | None = None,
    since: dt.date | None = None,
    *,
    store_at: Callable[[dt.date | None], Store] | None = None,
) -> Changes:
    """What changed since the last DAG meeting (or since `since`) until `as_at`: each table's newest snapshot on
    or before the meeting's date against its newest on or before `as_at`. Without a DAG meeting in the calendar,
    the last meeting's figures are the previous snapshot's (`previous_snapshot`).

    `store_at(day)` gives the store frozen at `day` (None: the default); by default each is opened afresh.
    """
    store_at = store_at or functools.partial(open_store, data_dir)
    now = store_at(as_at)
    held = meetings_held(now)
    since = since or (max(held) if held else previous_snapshot(now))
    then = store_at(since) if since and since < now.point else None
    if then is None or not any(then.as_at.get(t) for t in REGISTERS):
        return Changes(None, now.point, unknown=list(schema.TABLES))
    found = compare(now, then, since)
    return dataclasses.replace(
        found, meeting=held.get(since) if since else None, then={t: then.as_at.get(t) for t in REGISTERS}
    )


@dataclass(frozen=True)
class Provenance:
    """Where one table's figures came from: its snapshot date, file and content hash."""

    table: str
    as_at: dt.date | None
    file: str
    sha256: str


def provenance(store: Store) -> list[Provenance]:
    """Each table's snapshot in use, with a content hash (empty file and hash for a table with no snapshot)."""
    out = []
    for table, snap in store.latest.items():
        if snap is None:
            out.append(Provenance(table, None, "", ""))
        else:
            digest = hashlib.sha256(folder(store.data_dir).read_bytes(snap.path)).hexdigest()
            out.append(Provenance(table, snap.as_at, snap.name, digest))
    return out


@dataclass(frozen=True)
class Pack:
    """Everything the meeting pack shows, frozen at one as-at date."""

    as_at: dt.date
    meeting: tuple[dt.date, str] | None  # (date, title) of the DAG meeting the pack is for
    figures: dict[str, Any]
    changes: Changes
    actions: pd.DataFrame
    crs: pd.DataFrame
    risks: pd.DataFrame
    din_by_status: pd.DataFrame
    din_by_release: pd.DataFrame
    seat_fill: pd.DataFrame
    seats: pd.DataFrame
    milestones: pd.DataFrame
    meetings: pd.DataFrame
    future_dags: pd.DataFrame
    provenance: list[Provenance]


def build_pack(data_dir: DataDir, as_at: dt.date | None = None, since: dt.date | None = None) -> Pack:
    """The pack's figures and tables at one as-at date, resolved once (`as_at`, else the registers' newest
    snapshot) and passed to every query: every table at its newest snapshot on or before it, days to go and next
    meetings counted from it; changes since `since` (default: the last DAG meeting before it)."""
    store = open_store(data_dir, as_at, strict=True)
    day, run = store.point, reads.on(store.con)
    meeting = meeting_for(store)
    return Pack(
        as_at=day,
        meeting=meeting,
        figures=headline(store),
        changes=changes(data_dir, day, since),
        actions=reads.action_log(run),
        crs=reads.cr_register(run),
        risks=reads.risk_register(run),
        din_by_status=reads.din_by_status(run),
        din_by_release=reads.din_by_release(run),
        seat_fill=reads.seat_fill_by_group(run),
        seats=reads.seats_by_group(run),
        milestones=reads.milestones_upcoming(run, day),
        meetings=reads.meetings_upcoming(run, day, limit=8),
        # "Future DAG meetings": after the one the pack is for, which is no future meeting in it
        future_dags=reads.meetings_upcoming(run, meeting[0] if meeting else day, ("DAG",), limit=3),
        provenance=provenance(store),
    )

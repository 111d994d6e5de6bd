"""The DAG meeting: its agenda, "what changed since the last meeting", and the pack's figures in one place.

Chair mode, the HTML report and the slides all read their figures from here, so they cannot disagree.
No Streamlit: the CLI uses it too.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import functools
import hashlib
import re
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
    """One item of a meeting's agenda, as the pack numbers and names it: its objective, type (Information,
    Decision), lead and time slot where the agenda gives them. `kind` is 'agenda' (the meeting's own agenda),
    'standing' (the group's standing items, for a meeting with no agenda of its own) or 'appendix'."""

    step: int
    title: str
    objective: str
    type: str | None = None
    lead: str | None = None
    start: str | None = None
    end: str | None = None
    minutes: int | None = None
    kind: str = "agenda"

    @property
    def heading(self) -> str:
        """'2. Minutes and Actions'; an appendix's title alone."""
        return self.title if self.kind == "appendix" else f"{self.step}. {self.title}"

    @property
    def time(self) -> str:
        """'10:05-10:20 (15 mins)', '15 mins', or '' when the agenda gives no time."""
        mins = f"{self.minutes} mins" if self.minutes else ""
        if self.start and self.end:
            return f"{self.start}-{self.end} ({mins})" if mins else f"{self.start}-{self.end}"
        return f"{self.start} ({mins})" if self.start and mins else self.start or mins

    @property
    def purpose(self) -> str:
        """'DECISION: Approval of headline report and review of actions' (the pack's opener), else the objective."""
        kind = (self.type or "").strip()
        return f"{kind.upper()}: {self.objective}" if kind and self.objective else self.objective

    @property
    def topic(self) -> str | None:
        """What the item is, from its title (TOPICS): which content the pack builds for it; None: none."""
        return topic(self.title)


# What an agenda item is, read from its title's words, in this order (the first match wins): the pack builds its
# content by this, never by the group. An item matching none (a welcome, a group's own decision item) still gets
# its heading, objective, lead and time, and the meeting's decisions on it.
TOPICS: tuple[tuple[str, str], ...] = (
    ("summary", r"\bsummary\b|\bnext steps?\b|\bwrap[- ]up\b"),
    ("actions", r"\bminutes\b|\bactions?\b"),
    ("change_requests", r"\bchange requests?\b|\bcrs?\b"),
    ("risks", r"\brisks?\b|\braid\b"),
    ("milestones", r"\bmilestones?\b"),
    ("design", r"\bdesign\b|\bdins?\b"),
    ("programme_updates", r"\bprogramme updates?\b|\bgovernance updates?\b|\bwider programme\b"),
)


def topic(title: str) -> str | None:
    """The topic of an agenda item called `title` (TOPICS), or None."""
    text = " ".join(str(title).split())
    return next((name for name, words in TOPICS if re.search(words, text, re.IGNORECASE)), None)


# The pack's sections when the data holds no agenda for the meeting (nor standing items for the group): the DAG
# pack's standing sections, and chair mode's steps (pages/present.py walks these).
AGENDA: tuple[Item, ...] = (
    Item(1, "Minutes and Actions", "Approval of headline report and review of actions"),
    Item(2, "Change Requests Update", "Updates on Programme Change Requests"),
    Item(3, "Design Updates", "Updates on Design Issue Notifications (DINs)"),
    Item(4, "Top Programme Risks", "Overview of Programme Risks related to DAG"),
    Item(5, "Programme Updates", "Milestones, upcoming governance meetings and advisory-group seats"),
    Item(6, "Summary and Next Steps", "Summarise key discussions, actions, and next steps"),
)


@dataclass(frozen=True)
class Agenda:
    """The agenda of the meeting a pack is for: its items in order and its attachments line(s)."""

    group: str
    meeting: dt.date | None
    items: tuple[Item, ...]
    attachments: tuple[str, ...] = ()
    source: str = "agenda"  # 'agenda' (the meeting's own), 'standing' (the group's standing items), 'default'


def _text(value: object) -> str | None:
    if value is None or (not isinstance(value, str) and bool(pd.isna(value))):
        return None
    text = " ".join(str(value).split())
    return text or None


def agenda(run: reads.Runner, group: str, meeting_date: dt.date | None) -> Agenda:
    """The agenda of `group`'s meeting on `meeting_date` (agenda_items_of_meeting: the items dated for it, else the
    group's standing items), numbered as the pack numbers them; attachments apart. With none in the data, the
    default sections (AGENDA)."""
    rows = reads.agenda_items_of_meeting(run, group, meeting_date) if meeting_date else pd.DataFrame()
    if rows.empty and meeting_date is None:
        # no meeting: the group's standing items still say what its pack holds (any date reads them)
        rows = reads.agenda_items_of_meeting(run, group, dt.date(1900, 1, 1))
    items: list[Item] = []
    attachments: list[str] = []
    for r in rows.itertuples(index=False):
        title = _text(r.item) or ""
        if str(r.kind) == "attachment":
            text = _text(r.objective) or title
            attachments += [a.strip() for a in re.split(r"\s+(?=Attachment \d)", text) if a.strip()]
            continue
        minutes = None if pd.isna(r.minutes) else int(r.minutes)
        items.append(
            Item(
                len(items) + 1,
                title,
                _text(r.objective) or "",
                _text(r.item_type),
                _text(r.lead),
                _text(r.start_time),
                _text(r.end_time),
                minutes,
                "standing" if bool(r.standing) else "agenda",
            )
        )
    if not items:
        return Agenda(group, meeting_date, AGENDA, tuple(attachments), "default")
    source = "standing" if all(i.kind == "standing" for i in items) else "agenda"
    return Agenda(group, meeting_date, tuple(items), tuple(attachments), source)


# the registers whose snapshots define "the last meeting's" figures
REGISTERS = schema.REGISTERS


def clamp_step(value: str | None, steps: int = len(AGENDA)) -> tuple[int, bool]:
    """The agenda step a URL value asks for, clamped to 1..steps (default: the default sections'); (step, whether it
    had to be changed)."""
    try:
        asked = int(str(value).strip())
    except (TypeError, ValueError):
        return 1, value is not None
    step = min(max(asked, 1), steps)
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


def _registers(store: Store, groups: tuple[str, ...] = ()) -> dict[str, pd.DataFrame]:
    run = reads.on(store.con)
    return {
        "change_requests": reads.cr_register(run),
        "actions": reads.action_log(run, groups),
        "risks": reads.risk_register(run),
    }


def action_figures(store: Store, groups: tuple[str, ...] = ()) -> dict[str, Any]:
    """total, open, overdue and by_status of the actions of `groups` (all: empty), as `stats --json` counts them."""
    run = reads.on(store.con)
    totals, by_status = reads.action_totals(run, groups), reads.actions_by_status(run, groups)
    return {
        "total": int(totals["total"]),
        "open": int(totals["open"]),
        "overdue": int(totals["overdue"]),
        "by_status": {r.status: int(r.actions) for r in by_status.itertuples()},
    }


def compare(now: Store, then: Store | None, since: dt.date | None, actions_of: tuple[str, ...] = ()) -> Changes:
    """The changes between two open stores (`then` None: nothing to compare with); the actions' of the groups
    `actions_of` only, when given (a group's pack)."""
    as_at = now.point
    if then is None or since is None:
        return Changes(None, as_at, unknown=list(schema.TABLES))
    a, b = headline(then), headline(now)
    if actions_of:
        a["actions"], b["actions"] = action_figures(then, actions_of), action_figures(now, actions_of)
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
    old, new = _registers(then, actions_of), _registers(now, actions_of)
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
    group: str = "DAG",
    actions_of: tuple[str, ...] = (),
) -> Changes:
    """What changed since `group`'s last meeting (or since `since`) until `as_at`: each table's newest snapshot on
    or before the meeting's date against its newest on or before `as_at`. Without a meeting of the group in the
    calendar, the last meeting's figures are the previous snapshot's (`previous_snapshot`).

    `store_at(day)` gives the store frozen at `day` (None: the default); by default each is opened afresh.
    """
    store_at = store_at or functools.partial(open_store, data_dir)
    now = store_at(as_at)
    held = meetings_held(now, group)
    since = since or (max(held) if held else previous_snapshot(now))
    then = store_at(since) if since and since < now.point else None
    if then is None or not any(then.as_at.get(t) for t in REGISTERS):
        return Changes(None, now.point, unknown=list(schema.TABLES))
    found = compare(now, then, since, actions_of)
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
    """Everything the meeting pack shows, frozen at one as-at date, for one group's meeting."""

    as_at: dt.date
    meeting: tuple[dt.date, str] | None  # (date, title) of the group's meeting the pack is for
    figures: dict[str, Any]  # the programme's headline figures (`stats --json`)
    changes: Changes
    actions: pd.DataFrame  # the group's actions
    crs: pd.DataFrame
    risks: pd.DataFrame
    din_by_status: pd.DataFrame
    din_by_release: pd.DataFrame
    seat_fill: pd.DataFrame
    seats: pd.DataFrame
    milestones: pd.DataFrame
    meetings: pd.DataFrame  # the governance meetings after the as-at date, up to the pack's meeting
    future_dags: pd.DataFrame  # the group's meetings after the one the pack is for
    provenance: list[Provenance]
    group: str = "DAG"
    group_name: str = "Design Advisory Group"
    number: str | None = None  # the meeting's number ("36": meetings.meeting_ref DAG36, else its title's "#36")
    agenda: Agenda = field(default_factory=lambda: Agenda("DAG", None, AGENDA, (), "default"))
    action_figures: dict[str, Any] = field(default_factory=dict)  # total, open, overdue, by_status of the group's
    decisions: pd.DataFrame = field(default_factory=pd.DataFrame)  # the pack's meeting's own outcomes
    last_meeting: tuple[dt.date, str] | None = None  # the group's meeting before the as-at date
    cr_updates: pd.DataFrame = field(default_factory=pd.DataFrame)  # CR outcomes since the last meeting
    programme_updates: pd.DataFrame = field(default_factory=pd.DataFrame)  # each group's latest headlines
    checklist: pd.DataFrame = field(default_factory=pd.DataFrame)
    principles: pd.DataFrame = field(default_factory=pd.DataFrame)
    releases: pd.DataFrame = field(default_factory=pd.DataFrame)
    groups: pd.DataFrame = field(default_factory=pd.DataFrame)  # group_cards: names, parents, cadence, state
    roadmap: pd.DataFrame = field(default_factory=pd.DataFrame)  # cadence.roadmap after the pack's meeting

    @property
    def name(self) -> str:
        """'Design Advisory Group #36': the group's name and the meeting's number (the pack's cover)."""
        return f"{self.group_name} #{self.number}" if self.number else self.group_name

    @property
    def day(self) -> dt.date:
        """The date the pack is for: its meeting's, else its as-at date."""
        return self.meeting[0] if self.meeting else self.as_at

    def name_of(self, code: str) -> str:
        """A group's name and code, 'Programme Steering Group (PSG)'; the code alone if the data has no name."""
        names = dict(zip(self.groups.get("group_code", []), self.groups.get("name", []), strict=True))
        name = _text(names.get(code))
        return f"{name} ({code})" if name and name != code else code


def _number(group: str, ref: object, title: object) -> str | None:
    """The meeting's number: 'DAG36' -> '36', 'SITAG04' -> '4'; else a '#36' in its title; else None."""
    found = re.fullmatch(rf"{re.escape(group)}\W*0*(\d+)", _text(ref) or "", re.IGNORECASE)
    found = found or re.search(r"#\s*0*(\d+)", _text(title) or "")
    return found.group(1) if found else None


def _next_scheduled(run: reads.Runner, group: str, day: dt.date) -> tuple[dt.date, str] | None:
    """The group's first meeting on or after `day` in its calendar (the log, else its cadence rule)."""
    from mhhs_dashboard import cadence  # dateutil only when the log names no meeting

    cal = cadence.meeting_calendar(reads.group_cards(run, (group,)), reads.meetings_log(run, (group,)), day)
    if cal.empty:
        return None
    mine = cal[(cal["meeting_date"] >= day) & ~cal["kind"].isin(cadence.NOT_HELD)]
    return None if mine.empty else (mine["meeting_date"].iloc[0], str(mine["title"].iloc[0]))


def _future(run: reads.Runner, group: str, after: dt.date, limit: int = 3) -> pd.DataFrame:
    """The group's next meetings after `after` (the pack's meeting): the log's, else its cadence rule's (titled
    "SITAG, scheduled"): meeting_date, group_code, title."""
    logged = reads.meetings_upcoming(run, after, (group,), limit=limit)
    if not logged.empty:
        return logged
    from mhhs_dashboard import cadence

    cal = cadence.meeting_calendar(reads.group_cards(run, (group,)), reads.meetings_log(run, (group,)), after)
    upcoming = cadence.next_meetings(cal).head(limit) if not cal.empty else cal
    titles = [f"{t}, {k}" if k == "scheduled" else t for t, k in zip(upcoming["title"], upcoming["kind"], strict=True)]
    return upcoming[["meeting_date", "group_code"]].assign(title=titles).reset_index(drop=True)


def _roadmap(run: reads.Runner, group: str, after: dt.date) -> pd.DataFrame:
    """The group's agenda roadmap: its next meeting after `after` (the pack's meeting), its items by kind."""
    from mhhs_dashboard import cadence

    cal = cadence.meeting_calendar(reads.group_cards(run, (group,)), reads.meetings_log(run, (group,)), after)
    items = reads.agenda_items(run, (group,))
    return cadence.roadmap(cal, items, meetings=1) if not cal.empty else pd.DataFrame()


def build_pack(
    data_dir: DataDir, as_at: dt.date | None = None, since: dt.date | None = None, group: str = "DAG"
) -> Pack:
    """The pack of `group`'s meeting (the first on or after the as-at date) at one as-at date, resolved once
    (`as_at`, else the registers' newest snapshot) and passed to every query: every table at its newest snapshot
    on or before it, days to go and next meetings counted from it; changes since `since` (default: the group's
    last meeting before it). The sections follow the meeting's agenda in the data (`agenda`)."""
    store = open_store(data_dir, as_at, strict=True)
    day, run = store.point, reads.on(store.con)
    group = group.strip().upper()
    meeting = meeting_for(store, group) or _next_scheduled(run, group, day)
    on = meeting[0] if meeting else day
    cards = reads.group_cards(run)
    mine = cards[cards["group_code"] == group]
    parent = _text(mine["parent_group"].iloc[0]) if not mine.empty else None
    log = reads.meetings_log(run, (group,))
    this = log[[pd.Timestamp(d).date() == on for d in log["meeting_date"]]] if meeting else log.iloc[:0]
    last = reads.last_meeting(run, day, group)
    upcoming = reads.meetings_upcoming(run, day, limit=100)
    if meeting:  # the meetings between the figures' date and the pack's meeting, as the pack lists them
        upcoming = upcoming[[pd.Timestamp(d).date() <= on for d in upcoming["meeting_date"]]]
    return Pack(
        as_at=day,
        meeting=meeting,
        figures=headline(store),
        changes=changes(data_dir, day, since, group=group, actions_of=(group,)),
        actions=reads.action_log(run, (group,)),
        crs=reads.cr_register(run),
        risks=reads.risk_register(run),
        din_by_status=reads.din_by_status(run),
        din_by_release=reads.din_by_release(run),
        seat_fill=reads.seat_fill_by_group(run),
        seats=reads.seats_by_group(run),
        milestones=reads.milestones_upcoming(run, day),
        meetings=upcoming.head(8 if not meeting else len(upcoming)).reset_index(drop=True),
        # "Future DAG meetings": after the one the pack is for, which is no future meeting in it
        future_dags=_future(run, group, on),
        provenance=provenance(store),
        group=group,
        group_name=_text(mine["name"].iloc[0]) or group if not mine.empty else group,
        number=_number(group, this["meeting_ref"].iloc[0] if not this.empty else None, meeting and meeting[1]),
        agenda=agenda(run, group, meeting[0] if meeting else None),
        action_figures=action_figures(store, (group,)),
        decisions=reads.decisions_of_meeting(run, day, group, on) if meeting else pd.DataFrame(),
        last_meeting=last,
        cr_updates=reads.decisions_cr_updates(
            run, day, last[0] if last else dt.date(1900, 1, 1), on, tuple(g for g in (parent, group) if g)
        ),
        programme_updates=reads.decisions_programme_updates(run, day),
        checklist=reads.checklist_items(run, day),
        principles=reads.principles_list(run),
        releases=reads.release_list(run),
        groups=cards,
        roadmap=_roadmap(run, group, on),
    )

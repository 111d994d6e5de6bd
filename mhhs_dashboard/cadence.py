"""Meeting cadences: the rule text of each group ("Third Wednesday of the month"), its dates, the calendar, .ics.

The rule is written once per group in the data (groups.cadence); dateutil's rrule turns it into dates.
Explicit rows of the meetings log (held, planned, extraordinary, moved, cancelled) override the rule.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from typing import NamedTuple
from zoneinfo import ZoneInfo

import pandas as pd
from dateutil.rrule import FR, MO, MONTHLY, SA, SU, TH, TU, WE, rrule, weekday

ORDINALS: dict[str, int] = {"first": 1, "second": 2, "third": 3, "fourth": 4, "last": -1}
WEEKDAYS: dict[str, weekday] = {
    "monday": MO,
    "tuesday": TU,
    "wednesday": WE,
    "thursday": TH,
    "friday": FR,
    "saturday": SA,
    "sunday": SU,
}
# "[Monthly[ cadence][:]] <ordinal> <weekday> of the|each month[.]", any case, any spacing
RULE = re.compile(
    r"^(?:monthly(?:\s+cadence)?\s*:?\s+)?"
    rf"(?P<ordinal>{'|'.join(ORDINALS)})\s+(?P<weekday>{'|'.join(WEEKDAYS)})\s+of\s+(?:the|each)\s+month\.?$",
    re.IGNORECASE,
)
TIME = re.compile(r"^([01]\d|2[0-3]):[0-5]\d$")
LONDON = ZoneInfo("Europe/London")
# the generated part of the calendar: this far back and ahead of the meetings log's as-at date
LOOK_BACK = dt.timedelta(days=120)
LOOK_AHEAD = dt.timedelta(days=183)
# log kinds that are not a meeting taking place
NOT_HELD = frozenset({"cancelled"})

CALENDAR_COLUMNS = [
    "meeting_date",
    "group_code",
    "group_name",
    "title",
    "kind",
    "source",
    "moved_from",
    "start_time",
    "end_time",
    "meeting_ref",
    "notes",
    "upcoming",
    "uid",
]
PROBLEM_COLUMNS = ["table_name", "row_key", "problem", "detail"]


class CadenceError(ValueError):
    """Rule text the parser does not accept; the message quotes it and says what is accepted."""


@dataclass(frozen=True)
class Cadence:
    """A monthly rule: the nth (1-4, or -1 for last) given weekday of every month."""

    nth: int
    weekday: weekday

    def dates(self, start: dt.date, end: dt.date) -> list[dt.date]:
        """The rule's dates from `start` to `end`, both inclusive."""
        if end < start:
            return []
        rule = rrule(MONTHLY, byweekday=self.weekday(self.nth), dtstart=_midnight(start), until=_midnight(end))
        return [d.date() for d in rule]


def _midnight(day: dt.date) -> dt.datetime:
    return dt.datetime.combine(day, dt.time())


def parse_cadence(text: str | None) -> Cadence:
    """The Cadence a rule text says ("Third Wednesday of the month"); CadenceError for anything else."""
    cleaned = " ".join((text or "").replace("\u00a0", " ").split())
    m = RULE.match(cleaned)
    if not m:
        raise CadenceError(
            f"unknown cadence {cleaned[:80]!r}: expected e.g. 'Third Wednesday of the month' "
            "(First, Second, Third, Fourth or Last, then a weekday, then 'of the month')"
        )
    return Cadence(ORDINALS[m["ordinal"].lower()], WEEKDAYS[m["weekday"].lower()])


def parse_time(text: str | None) -> dt.time | None:
    """A 'HH:MM' meeting time; None when empty; CadenceError when not a time."""
    if _missing(text) or not str(text).strip():
        return None
    if not TIME.match(str(text).strip()):
        raise CadenceError(f"unknown time {str(text)[:20]!r}: expected HH:MM")
    return dt.time.fromisoformat(str(text).strip())


def _missing(value: object) -> bool:
    return value is None or (not isinstance(value, str | list) and bool(pd.isna(value)))  # NaT is a datetime


def _text(value: object) -> str | None:
    return None if _missing(value) else str(value)


def _day(value: object) -> dt.date | None:
    if _missing(value):
        return None
    return value.date() if isinstance(value, dt.datetime) else value  # type: ignore[return-value]


def cadence_problems(groups: pd.DataFrame) -> pd.DataFrame:
    """One row per group whose cadence or meeting times cannot be read: table_name, row_key, problem, detail."""
    rows = []
    for g in groups.itertuples(index=False):
        cadence = _text(g.cadence)
        if cadence and cadence.strip():
            try:
                parse_cadence(cadence)
            except CadenceError as e:
                rows.append(("groups", g.group_code, "unknown cadence rule", str(e)))
        for column in ("start_time", "end_time"):
            try:
                parse_time(_text(getattr(g, column, None)))
            except CadenceError as e:
                rows.append(("groups", g.group_code, f"bad {column.replace('_', ' ')}", str(e)))
    return pd.DataFrame(rows, columns=PROBLEM_COLUMNS)


def dq_cadence_rules(con: object) -> pd.DataFrame:
    """The data-quality check for the groups table: unknown cadence rules and bad meeting times."""
    from mhhs_dashboard.db import run_query  # late: keeps this module free of DuckDB for the pages' helpers

    return cadence_problems(run_query(con, "groups_cards", groups=[]))  # type: ignore[arg-type]


def _group_times(g: object) -> tuple[str | None, str | None]:
    """Start and end 'HH:MM' if both are readable and in order; otherwise none (an all-day event)."""
    try:
        start, end = parse_time(_text(g.start_time)), parse_time(_text(g.end_time))  # type: ignore[attr-defined]
    except CadenceError:
        return None, None
    if start and end and start < end:
        return start.strftime("%H:%M"), end.strftime("%H:%M")
    return None, None


def meeting_calendar(groups: pd.DataFrame, log: pd.DataFrame, as_at: dt.date) -> pd.DataFrame:
    """Every meeting around `as_at`: the log's rows, plus each group's cadence dates the log does not cover.

    `groups` has the columns of groups_cards.sql, `log` those of meetings_log.sql. A log row on a rule date
    takes its place; a row with `moved_from` removes the rule date it moved from; a 'cancelled' row stays
    (shown as cancelled, never as a next meeting). Groups whose rule cannot be read add no generated dates
    (cadence_problems reports them). Rule dates start at the group's first meeting, which is itself a meeting.
    """
    start, end = as_at - LOOK_BACK, as_at + LOOK_AHEAD
    names = {g.group_code: g.name for g in groups.itertuples(index=False)}
    times = {g.group_code: _group_times(g) for g in groups.itertuples(index=False)}
    taken: set[tuple[str, dt.date]] = set()
    rows: list[dict[str, object]] = []
    for m in log.itertuples(index=False):
        day, moved = _day(m.meeting_date), _day(m.moved_from)
        if day is None:
            continue
        taken.add((m.group_code, day))
        if moved:
            taken.add((m.group_code, moved))
        begin, finish = times.get(m.group_code, (None, None))
        rows.append(
            {
                "meeting_date": day,
                "group_code": m.group_code,
                "group_name": names.get(m.group_code, m.group_code),
                "title": _text(m.title) or m.group_code,
                "kind": _text(m.kind) or "planned",
                "source": "meetings log",
                "moved_from": moved,
                "start_time": begin,
                "end_time": finish,
                "meeting_ref": _text(m.meeting_ref),
                "notes": _text(m.notes),
                "uid_day": moved or day,
                "uid_tag": "" if (_text(m.kind) or "") in ("held", "planned", "moved", "cancelled") else "-x",
            }
        )
    for g in groups.itertuples(index=False):
        text = _text(g.cadence)
        if not text or (_text(g.state) or "").lower() == "stood down":
            continue
        try:
            rule = parse_cadence(text)
        except CadenceError:
            continue
        first = _day(g.first_meeting)
        dates = set(rule.dates(max(start, first or start), end))
        if first and start <= first <= end:
            dates.add(first)
        begin, finish = times[g.group_code]
        for day in sorted(dates):
            if (g.group_code, day) in taken:
                continue
            rows.append(
                {
                    "meeting_date": day,
                    "group_code": g.group_code,
                    "group_name": g.name,
                    "title": g.group_code,
                    "kind": "first meeting" if day == first else "scheduled",
                    "source": "cadence rule",
                    "moved_from": None,
                    "start_time": begin,
                    "end_time": finish,
                    "meeting_ref": None,
                    "notes": None,
                    "uid_day": day,
                    "uid_tag": "",
                }
            )
    if not rows:
        return pd.DataFrame({c: pd.Series(dtype="object") for c in CALENDAR_COLUMNS})
    out = pd.DataFrame(rows)
    # after the as-at date only: a meeting on it is held that day (PSG, 1 May 2024) or in progress
    out["upcoming"] = [d > as_at and k != "held" for d, k in zip(out["meeting_date"], out["kind"], strict=True)]
    # stable: the same meeting gets the same UID in every export; a moved meeting keeps its original date's
    out["uid"] = [
        f"{g}-{d:%Y%m%d}{t}@mhhs-dashboard"
        for g, d, t in zip(out["group_code"], out["uid_day"], out["uid_tag"], strict=True)
    ]
    out = out.sort_values(["meeting_date", "group_code", "title"], kind="stable").reset_index(drop=True)
    return out[CALENDAR_COLUMNS]


class Calendar(NamedTuple):
    """A view's governance calendar, as the groups and meetings pages show it."""

    as_at: dt.date | None  # "now" for the calendar (None: no meetings log or groups list to read)
    meetings: pd.DataFrame  # meeting_calendar's rows (none without an as-at date)
    problems: pd.DataFrame  # cadence_problems of the groups shown: their rule dates are not generated


def calendar_of(groups: pd.DataFrame, log: pd.DataFrame, as_at: dt.date | None) -> Calendar:
    """The calendar of `groups` and the meetings `log` around `as_at`, and the groups whose cadence cannot be read."""
    meetings = meeting_calendar(groups, log, as_at) if as_at else pd.DataFrame(columns=CALENDAR_COLUMNS)
    return Calendar(as_at, meetings, cadence_problems(groups))


def next_meetings(calendar: pd.DataFrame) -> pd.DataFrame:
    """Upcoming meetings that take place (cancelled ones left out), soonest first."""
    if calendar.empty:
        return calendar
    keep = calendar["upcoming"].astype(bool) & ~calendar["kind"].isin(NOT_HELD)
    return calendar[keep].reset_index(drop=True)


def next_meeting_by_group(calendar: pd.DataFrame) -> dict[str, dt.date]:
    """Each group's next meeting date (cancelled ones skipped)."""
    upcoming = next_meetings(calendar)
    found: dict[str, dt.date] = {}
    for group, day in zip(upcoming["group_code"], upcoming["meeting_date"], strict=True):
        found.setdefault(group, day)  # the calendar is sorted by date
    return found


def card_facts(card: object, next_meeting: dt.date | None) -> dict[str, str]:
    """What a group's card says (a row of groups_cards.sql): level, parent, cadence, meetings, seats."""
    first, total = _day(card.first_meeting), card.seats_total  # type: ignore[attr-defined]
    parent = _text(card.parent_group)  # type: ignore[attr-defined]
    return {
        "Level": _text(card.level) or "not given",  # type: ignore[attr-defined]
        "Parent group": f"{parent} ({_text(card.parent_name) or parent})" if parent else "none",  # type: ignore[attr-defined]
        "Cadence": _text(card.cadence) or "none recorded",  # type: ignore[attr-defined]
        "First meeting": f"{first:%a %d %b %Y}" if first else "not given",
        "Next meeting": f"{next_meeting:%a %d %b %Y}" if next_meeting else "none scheduled",
        "State": _text(card.state) or "not given",  # type: ignore[attr-defined]
        "Seats filled": "no seat list" if _missing(total) else f"{card.seats_filled} of {total}",  # type: ignore[attr-defined]
    }


def past_meetings(log: pd.DataFrame, as_at: dt.date) -> pd.DataFrame:
    """The log's meetings before `as_at` (and any marked held), newest first: what was decided where."""
    if log.empty:
        return log
    days = [_day(d) for d in log["meeting_date"]]
    past = [d is not None and (d < as_at or k == "held") for d, k in zip(days, log["kind"], strict=True)]
    return log[past].sort_values("meeting_date", ascending=False, kind="stable").reset_index(drop=True)


def roadmap(calendar: pd.DataFrame, items: pd.DataFrame, meetings: int = 3) -> pd.DataFrame:
    """The agenda roadmap: for each group's next `meetings` meetings, its standing and planned items.

    `items` has the columns of agenda_items.sql; an item with no meeting_date is a standing item of every
    meeting of its group. Groups with no items in the data are left out.
    """
    columns = ["meeting_date", "group_code", "title", "kind", "item", "item_order"]
    upcoming = next_meetings(calendar)
    with_items = set(items["group_code"]) if not items.empty else set()
    rows = []
    for group in sorted(with_items):
        mine = items[items["group_code"] == group]
        standing = mine[mine["meeting_date"].isna()]
        for m in upcoming[upcoming["group_code"] == group].head(meetings).itertuples(index=False):
            assert isinstance(m.meeting_date, dt.date)  # noqa: S101 - the calendar's dates are dates
            planned = mine[[_day(d) == m.meeting_date for d in mine["meeting_date"]]]
            # a meeting with its own full agenda lists its standing items there: each item once
            again = standing[~standing["item"].isin(planned["item"])]
            for i in pd.concat([planned, again]).itertuples(index=False):
                rows.append((m.meeting_date, group, m.title, i.kind, i.item, i.item_order))
            if planned.empty:
                rows.append((m.meeting_date, group, m.title, "planned", "None planned yet", 0))
    out = pd.DataFrame(rows, columns=columns)
    kind_order = {"milestone": 0, "planned": 1, "agenda": 1, "standing": 2}
    out["_k"] = out["kind"].map(kind_order).fillna(3)
    return out.sort_values(["meeting_date", "group_code", "_k", "item_order"]).drop(columns="_k").reset_index(drop=True)


def ics_bytes(calendar: pd.DataFrame, *, stamp: dt.date, name: str = "MHHS governance meetings") -> bytes:
    """An iCalendar file of the calendar's meetings: timed (Europe/London) where times are known, else all-day."""
    from icalendar import Calendar, Event  # late: only the export needs it

    cal = Calendar()
    cal.add("prodid", "-//MHHS DAG dashboard//meeting calendar//EN")
    cal.add("version", "2.0")
    cal.add("calscale", "GREGORIAN")
    cal.add("x-wr-calname", name)
    dtstamp = dt.datetime.combine(stamp, dt.time(), tzinfo=dt.UTC)
    for m in calendar.itertuples(index=False):
        ev = Event()
        ev.add("uid", m.uid)
        ev.add("dtstamp", dtstamp)
        ev.add("summary", m.title if m.group_name == m.title else f"{m.title} ({m.group_name})")
        begin, finish = _text(m.start_time), _text(m.end_time)
        if begin and finish:
            ev.add("dtstart", dt.datetime.combine(m.meeting_date, dt.time.fromisoformat(begin), LONDON))
            ev.add("dtend", dt.datetime.combine(m.meeting_date, dt.time.fromisoformat(finish), LONDON))
        else:
            ev.add("dtstart", m.meeting_date)
            ev.add("dtend", m.meeting_date + dt.timedelta(days=1))
        ev.add("status", "CANCELLED" if m.kind in NOT_HELD else "CONFIRMED")
        ev.add("categories", [m.group_code])
        ev.add("description", _description(m))
        cal.add_component(ev)
    cal.add_missing_timezones()
    return cal.to_ical()


def _description(m: object) -> str:
    parts = [f"Kind: {m.kind}", f"Source: {m.source}"]  # type: ignore[attr-defined]
    moved, notes = _day(m.moved_from), _text(m.notes)  # type: ignore[attr-defined]
    if moved:
        parts.append(f"Moved from {moved:%a %d %b %Y}")
    if notes:
        parts.append(notes)
    return "\n".join(parts)

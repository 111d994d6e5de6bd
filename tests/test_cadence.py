"""Cadence rules: the strict parser, rrule dates, the calendar merge with the log, roadmap, .ics."""

from __future__ import annotations

import datetime as dt

import pandas as pd
import pytest
from dateutil.rrule import TH, TU, WE
from icalendar import Calendar

from mhhs_dashboard import cadence
from mhhs_dashboard.cadence import Cadence, CadenceError, parse_cadence

D = dt.date


@pytest.mark.parametrize(
    ("text", "nth", "day"),
    [
        ("Third Wednesday of the month", 3, WE),
        ("Fourth Tuesday of the month", 4, TU),
        ("First Wednesday of the month", 1, WE),
        ("Third Thursday of the month", 3, TH),
        ("Last Wednesday of the month", -1, WE),
        ("second wednesday of each month", 2, WE),
        ("Monthly cadence: Third Wednesday of the month", 3, WE),
        ("Monthly: Fourth Tuesday of the month.", 4, TU),
        ("  Third\u00a0Wednesday   of the month ", 3, WE),
    ],
)
def test_parse_accepts_the_programmes_wording(text: str, nth: int, day: object) -> None:
    assert parse_cadence(text) == Cadence(nth, day)  # type: ignore[arg-type]


@pytest.mark.parametrize(
    "text",
    [
        "",
        None,
        "Fortnightly",
        "Fifth Wednesday of the month",  # not every month has one: a rule the programme never uses
        "Third Wednesday",
        "Third Wed of the month",
        "Third Wednesday of the month; and Friday",
        "3rd Wednesday of the month",
        "Weekly on Wednesday",
    ],
)
def test_parse_rejects_anything_else(text: str | None) -> None:
    with pytest.raises(CadenceError, match="unknown cadence"):
        parse_cadence(text)


@pytest.mark.parametrize(
    ("rule", "start", "end", "expected"),
    [
        # May 2024 has five Wednesdays (1, 8, 15, 22, 29): the fourth is the 22nd, the last the 29th
        ("Fourth Wednesday of the month", D(2024, 5, 1), D(2024, 5, 31), [D(2024, 5, 22)]),
        ("Last Wednesday of the month", D(2024, 5, 1), D(2024, 5, 31), [D(2024, 5, 29)]),
        # April 2024 has four: the last is the fourth
        ("Last Wednesday of the month", D(2024, 4, 1), D(2024, 4, 30), [D(2024, 4, 24)]),
        ("Fourth Wednesday of the month", D(2024, 4, 1), D(2024, 4, 30), [D(2024, 4, 24)]),
        # the pack's rules land on its dates
        (
            "Third Wednesday of the month",
            D(2024, 2, 1),
            D(2024, 4, 30),
            [D(2024, 2, 21), D(2024, 3, 20), D(2024, 4, 17)],
        ),
        ("Fourth Tuesday of the month", D(2024, 2, 1), D(2024, 3, 31), [D(2024, 2, 27), D(2024, 3, 26)]),
        ("Third Thursday of the month", D(2024, 2, 1), D(2024, 2, 29), [D(2024, 2, 15)]),
        ("Second Wednesday of the month", D(2024, 5, 1), D(2024, 6, 30), [D(2024, 5, 8), D(2024, 6, 12)]),
        # a start mid-month skips that month's date if it has passed; both ends are inclusive
        ("Second Wednesday of the month", D(2024, 5, 9), D(2024, 7, 10), [D(2024, 6, 12), D(2024, 7, 10)]),
        ("First Wednesday of the month", D(2024, 5, 1), D(2024, 5, 1), [D(2024, 5, 1)]),
        ("First Wednesday of the month", D(2024, 5, 2), D(2024, 5, 1), []),
    ],
)
def test_rule_dates(rule: str, start: dt.date, end: dt.date, expected: list[dt.date]) -> None:
    assert parse_cadence(rule).dates(start, end) == expected


def groups(*rows: dict[str, object]) -> pd.DataFrame:
    base = {
        "name": None,
        "level": "L3",
        "parent_group": None,
        "parent_name": None,
        "cadence": None,
        "first_meeting": None,
        "state": "mobilised",
        "start_time": None,
        "end_time": None,
        "seats_filled": None,
        "seats_total": None,
    }
    return pd.DataFrame([{**base, "name": r["group_code"] + " group", **r} for r in rows])


def log(*rows: dict[str, object]) -> pd.DataFrame:
    base = {"title": None, "kind": "held", "notes": None, "meeting_ref": None, "moved_from": None}
    cols = ["group_code", "meeting_date", *base, "actions_raised", "crs_named"]
    return pd.DataFrame([{**base, "actions_raised": [], "crs_named": [], **r} for r in rows], columns=cols)


AS_AT = D(2024, 5, 1)


def dates_of(cal: pd.DataFrame, group: str) -> list[tuple[dt.date, str]]:
    part = cal[cal["group_code"] == group]
    return list(zip(part["meeting_date"], part["kind"], strict=True))


def test_first_meeting_mid_month_starts_the_rule_there() -> None:
    # first meeting Thu 22 Feb: February's second Wednesday (14th) is before it, so March's is the first rule date
    g = groups({"group_code": "NEW", "cadence": "Second Wednesday of the month", "first_meeting": D(2024, 2, 22)})
    cal = cadence.meeting_calendar(g, log(), AS_AT)
    assert dates_of(cal, "NEW")[:4] == [
        (D(2024, 2, 22), "first meeting"),
        (D(2024, 3, 13), "scheduled"),
        (D(2024, 4, 10), "scheduled"),
        (D(2024, 5, 8), "scheduled"),
    ]


def test_the_log_overrides_the_rule_moved_cancelled_and_extraordinary() -> None:
    g = groups(
        {"group_code": "MCAG", "cadence": "Fourth Tuesday of the month", "first_meeting": D(2024, 2, 27)},
        {"group_code": "DAG", "cadence": "Second Wednesday of the month", "start_time": "10:00", "end_time": "12:00"},
    )
    given = log(
        {"group_code": "MCAG", "meeting_date": D(2024, 3, 26), "title": "MCAG", "kind": "held"},
        {
            "group_code": "MCAG",
            "meeting_date": D(2024, 5, 8),
            "title": "MCAG",
            "kind": "moved",
            "moved_from": D(2024, 5, 28),
        },
        {"group_code": "MCAG", "meeting_date": D(2024, 6, 25), "title": "MCAG", "kind": "cancelled"},
        {"group_code": "DAG", "meeting_date": D(2024, 5, 8), "title": "DAG #36", "kind": "planned"},
        {"group_code": "DAG", "meeting_date": D(2024, 5, 20), "title": "DAG #36.1", "kind": "extraordinary"},
    )
    cal = cadence.meeting_calendar(g, given, AS_AT)
    mcag = dates_of(cal, "MCAG")
    assert (D(2024, 5, 28), "scheduled") not in mcag  # moved to 8 May
    assert (D(2024, 5, 8), "moved") in mcag
    assert (D(2024, 6, 25), "cancelled") in mcag
    assert [d for d, _ in mcag].count(D(2024, 3, 26)) == 1  # the held row took the rule date's place
    assert (D(2024, 7, 23), "scheduled") in mcag
    dag = cal[cal["group_code"] == "DAG"].set_index("meeting_date")
    assert dag.loc[D(2024, 5, 8), "title"] == "DAG #36"
    assert dag.loc[D(2024, 5, 20), "kind"] == "extraordinary"
    assert (dag["start_time"] == "10:00").all()
    # uids: stable, unique; a moved meeting keeps the uid of the date it moved from
    assert cal["uid"].is_unique
    moved = cal[(cal["group_code"] == "MCAG") & (cal["kind"] == "moved")]
    assert moved["uid"].item() == "MCAG-20240528@mhhs-dashboard"
    assert cal.equals(cadence.meeting_calendar(g, given, AS_AT))
    nxt = cadence.next_meeting_by_group(cal)
    assert nxt == {"MCAG": D(2024, 5, 8), "DAG": D(2024, 5, 8)}
    upcoming = cadence.next_meetings(cal)
    assert "cancelled" not in set(upcoming["kind"])
    assert upcoming["meeting_date"].min() >= AS_AT


def test_a_bad_rule_adds_no_dates_and_is_reported() -> None:
    g = groups(
        {"group_code": "ODD", "cadence": "Every other blue moon"},
        {"group_code": "OK", "cadence": "Third Wednesday of the month", "start_time": "25:00", "end_time": "12:00"},
        {"group_code": "L4", "cadence": None},
        {"group_code": "OLD", "cadence": "Third Wednesday of the month", "state": "stood down"},
    )
    cal = cadence.meeting_calendar(g, log({"group_code": "ODD", "meeting_date": D(2024, 5, 2), "title": "ODD"}), AS_AT)
    assert dates_of(cal, "ODD") == [(D(2024, 5, 2), "held")]  # the log still counts
    assert len(dates_of(cal, "OK")) > 5
    assert cal[cal["group_code"] == "OK"]["start_time"].isna().all()  # bad time: all-day
    assert dates_of(cal, "OLD") == []
    problems = cadence.cadence_problems(g)
    assert list(problems.columns) == ["table_name", "row_key", "problem", "detail"]
    assert list(zip(problems["row_key"], problems["problem"], strict=True)) == [
        ("ODD", "unknown cadence rule"),
        ("OK", "bad start time"),
    ]
    assert "Every other blue moon" in problems["detail"].iloc[0]


def test_empty_inputs_give_an_empty_calendar() -> None:
    cal = cadence.meeting_calendar(groups({"group_code": "X"}).iloc[:0], log(), AS_AT)
    assert cal.empty
    assert list(cal.columns) == cadence.CALENDAR_COLUMNS
    assert cadence.next_meeting_by_group(cal) == {}


def test_calendar_of_gives_the_pages_calendar_and_problems_with_or_without_a_log_date() -> None:
    g = groups(
        {"group_code": "DAG", "cadence": "Second Wednesday of the month"},
        {"group_code": "ODD", "cadence": "Every other blue moon"},
    )
    got = cadence.calendar_of(g, log(), AS_AT)
    assert got.as_at == AS_AT
    assert got.meetings.equals(cadence.meeting_calendar(g, log(), AS_AT))
    assert list(got.problems["row_key"]) == ["ODD"]
    undated = cadence.calendar_of(g, log(), None)  # no meetings log or groups list to date "now" by
    assert undated.as_at is None
    assert undated.meetings.empty
    assert list(undated.meetings.columns) == cadence.CALENDAR_COLUMNS
    assert cadence.next_meeting_by_group(undated.meetings) == {}
    assert list(undated.problems["row_key"]) == ["ODD"]  # still reported


def test_ics_round_trip_timed_and_all_day_with_status() -> None:
    g = groups(
        {"group_code": "DAG", "cadence": "Second Wednesday of the month", "start_time": "10:00", "end_time": "12:00"},
        {"group_code": "SITAG", "cadence": "Third Wednesday of the month"},
    )
    given = log({"group_code": "SITAG", "meeting_date": D(2024, 6, 19), "title": "SITAG", "kind": "cancelled"})
    cal = cadence.meeting_calendar(g, given, AS_AT)
    parsed = Calendar.from_ical(cadence.ics_bytes(cal, stamp=AS_AT))
    events = {str(e["uid"]): e for e in parsed.walk("VEVENT")}
    assert len(events) == len(cal)
    dag = events["DAG-20240612@mhhs-dashboard"]
    assert dag.decoded("dtstart") == dt.datetime(2024, 6, 12, 10, 0, tzinfo=cadence.LONDON)
    assert dag.decoded("dtend") == dt.datetime(2024, 6, 12, 12, 0, tzinfo=cadence.LONDON)
    sitag = events["SITAG-20240619@mhhs-dashboard"]
    assert sitag.decoded("dtstart") == D(2024, 6, 19)  # all-day
    assert str(sitag["status"]) == "CANCELLED"
    assert str(events["SITAG-20240515@mhhs-dashboard"]["status"]) == "CONFIRMED"


def test_roadmap_standing_items_for_each_next_meeting() -> None:
    g = groups({"group_code": "DAG", "cadence": "Second Wednesday of the month"})
    items = pd.DataFrame(
        [
            {
                "group_code": "DAG",
                "meeting_date": pd.NaT,
                "item": "Minutes and Actions",
                "kind": "standing",
                "item_order": 1,
            },
            {
                "group_code": "DAG",
                "meeting_date": pd.NaT,
                "item": "Design Updates",
                "kind": "standing",
                "item_order": 2,
            },
            {
                "group_code": "DAG",
                "meeting_date": pd.Timestamp(2024, 6, 12),
                "item": "IR7.3",
                "kind": "agenda",
                "item_order": 1,
            },
        ]
    )
    road = cadence.roadmap(cadence.meeting_calendar(g, log(), AS_AT), items, meetings=2)
    assert list(zip(road["meeting_date"], road["item"], strict=True)) == [
        (D(2024, 5, 8), "None planned yet"),
        (D(2024, 5, 8), "Minutes and Actions"),
        (D(2024, 5, 8), "Design Updates"),
        (D(2024, 6, 12), "IR7.3"),
        (D(2024, 6, 12), "Minutes and Actions"),
        (D(2024, 6, 12), "Design Updates"),
    ]


def test_card_facts_and_past_meetings() -> None:
    card = groups(
        {
            "group_code": "MCAG",
            "parent_group": "PSG",
            "parent_name": "Programme Steering Group",
            "cadence": "Fourth Tuesday of the month",
            "first_meeting": pd.Timestamp(2024, 2, 27),
            "seats_filled": 9,
            "seats_total": 13,
        }
    ).iloc[0]
    facts = cadence.card_facts(card, D(2024, 5, 8))
    assert facts["Parent group"] == "PSG (Programme Steering Group)"
    assert facts["First meeting"] == "Tue 27 Feb 2024"
    assert facts["Next meeting"] == "Wed 08 May 2024"
    assert facts["Seats filled"] == "9 of 13"
    bare = cadence.card_facts(groups({"group_code": "DRG", "level": None}).iloc[0], None)
    assert (bare["Level"], bare["Seats filled"], bare["Next meeting"]) == (
        "not given",
        "no seat list",
        "none scheduled",
    )
    given = log(
        {"group_code": "DAG", "meeting_date": pd.Timestamp(2024, 4, 10), "title": "DAG #35"},
        {"group_code": "DAG", "meeting_date": pd.Timestamp(2024, 5, 8), "title": "DAG #36", "kind": "planned"},
        {"group_code": "DAG", "meeting_date": pd.Timestamp(2024, 3, 13), "title": "DAG #34"},
    )
    assert list(cadence.past_meetings(given, AS_AT)["title"]) == ["DAG #35", "DAG #34"]

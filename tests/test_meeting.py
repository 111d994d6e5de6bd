"""The meeting: agenda steps, "what changed since the last meeting" and the pack's figures."""

from __future__ import annotations

import datetime as dt
import hashlib
from pathlib import Path

import pytest

from mhhs_dashboard import meeting
from mhhs_dashboard.store import open_store
from tests import pack
from tests.registers import SITAG_MEETING, SITAG_TABLES

D = dt.date
THEN, NOW = D(2024, 4, 2), D(2024, 5, 1)


@pytest.mark.parametrize(
    ("value", "expect"),
    [
        (None, (1, False)),
        ("1", (1, False)),
        ("3", (3, False)),
        (" 6 ", (6, False)),
        ("0", (1, True)),
        ("-4", (1, True)),
        ("7", (6, True)),
        ("99999999999999999999", (6, True)),
        ("three", (1, True)),
        ("", (1, True)),
    ],
)
def test_clamp_step(value: str | None, expect: tuple[int, bool]) -> None:
    assert meeting.clamp_step(value) == expect


def test_the_agenda_is_the_packs_order() -> None:
    assert [i.title for i in meeting.AGENDA] == [
        "Minutes and Actions",
        "Change Requests Update",
        "Design Updates",
        "Top Programme Risks",
        "Programme Updates",
        "Summary and Next Steps",
    ]


def registers(make_store):
    """Two snapshots of the DIN log, the CR register and the action log, hand-written."""
    return make_store(
        din_log={
            THEN: [
                {"din_id": "DIN-1", "status": "Open - awaiting assessment"},
                {"din_id": "DIN-2", "status": "Implemented"},
            ],
            D(2024, 4, 30): [
                {"din_id": "DIN-1", "status": "Implemented"},
                {"din_id": "DIN-2", "status": "Implemented"},
                {"din_id": "DIN-3", "status": "Ready for Internal Review"},
            ],
        },
        change_requests={
            THEN: [{"cr_ref": "CR047", "approval_status": "Open", "current_stage": "Impact Assessment"}],
            NOW: [
                {"cr_ref": "CR047", "approval_status": "Open", "current_stage": "Approved"},
                {"cr_ref": "CR050", "approval_status": "Open", "current_stage": "Development"},
            ],
        },
        actions={
            THEN: [{"action_ref": "DAG34-04", "status": "ONGOING", "due_date": D(2024, 4, 10)}],
            NOW: [
                {"action_ref": "DAG34-04", "status": "RECOMMEND CLOSED", "due_date": D(2024, 4, 10)},
                {"action_ref": "DAG35-01", "status": "ONGOING", "due_date": D(2024, 4, 20)},
            ],
        },
        risks=[{"risk_id": "R856", "title": "CR044 not approved pre-M10", "status": "Open"}],
    )


def test_previous_snapshot_is_older_than_every_registers_current_one(make_store) -> None:
    store = registers(make_store)
    # the DIN log's current snapshot is 30 Apr, the others' 1 May: the last meeting's figures are 2 Apr
    assert meeting.previous_snapshot(store) == THEN
    assert meeting.previous_snapshot(open_store(store.data_dir, THEN)) is None


def test_changes_since_the_previous_snapshot(make_store) -> None:
    store = registers(make_store)
    ch = meeting.changes(store.data_dir)
    assert (ch.since, ch.as_at, ch.known) == (THEN, NOW, True)
    got = {c.label: (c.before, c.after, c.delta) for c in [*ch.dins, *ch.crs, *ch.actions]}
    assert got["DINs recorded"] == (2, 3, 1)
    assert got["Open DINs"] == (1, 1, 0)
    assert got["Closed DINs"] == (1, 2, 1)
    assert got["Ready for Internal Review"] == (0, 1, 1)
    assert got["CRs in the register"] == (1, 2, 1)
    assert got["CRs open"] == (1, 2, 1)
    assert got["Actions open"] == (1, 1, 0)
    assert got["RECOMMEND CLOSED"] == (None, 1, None)  # not a status then: new, no delta
    assert [m.text() for m in ch.cr_notes] == [
        "CR047 now Open, Approved (was Open, Impact Assessment)",
        "CR050 new: Open, Development",
    ]
    assert [m.short() for m in ch.action_notes] == ["DAG34-04 → RECOMMEND CLOSED", "DAG35-01 new: ONGOING"]
    assert ch.risk_notes == []
    assert "risks" in ch.unknown  # one snapshot only: its changes are not known
    assert "change_requests" not in ch.unknown
    assert got["Actions overdue"] == (0, 1, 1)  # DAG35-01 was due 20 Apr and is still open on 1 May
    assert [c.label for c in ch.headline()] == [
        "DINs recorded",
        "Closed DINs",
        "CRs in the register",
        "CRs open",
        "Actions in the log",
        "Actions overdue",
    ]


def test_changes_with_nothing_earlier_are_unknown(make_store) -> None:
    store = registers(make_store)
    ch = meeting.changes(store.data_dir, THEN)
    assert (ch.since, ch.known, ch.dins, ch.cr_notes) == (None, False, [], [])
    assert ch.find("DINs recorded") is None


def test_since_chooses_the_baseline(make_store) -> None:
    store = registers(make_store)
    # since a date after every snapshot but the newest CR/action one: the DIN log has not moved
    ch = meeting.changes(store.data_dir, since=D(2024, 4, 30))
    assert ch.find("DINs recorded").delta == 0
    assert ch.find("CRs in the register").delta == 1


def test_changes_on_the_embedded_data(sample_dir: Path) -> None:
    ch = meeting.changes(sample_dir)
    # compared with the last DAG meeting, DAG #35 on 10 Apr, which the 2 Apr snapshots stand for
    assert (ch.since, ch.meeting, ch.as_at) == (D(2024, 4, 10), "DAG #35", NOW)
    assert set(ch.then.values()) == {THEN}
    assert ch.heading() == "Since DAG #35, 10 Apr 2024"
    assert ch.sentence() == (
        "Changes since DAG #35, 10 Apr 2024 (the snapshots as at 02 Apr 2024, the newest on or before it)."
    )
    assert ch.find("DINs recorded").text() == "DINs recorded: 1,017 -> 1,029 (+12)"
    assert (ch.find("Open DINs").before, ch.find("Open DINs").after) == (116, 86)
    assert (ch.find("CRs approved").before, ch.find("CRs approved").after) == (1, 2)
    assert ch.find("CRs withdrawn").before is None
    assert "CR050 new: Open, Development" in [m.text() for m in ch.cr_notes]
    assert (ch.find("Actions in the log").before, ch.find("Actions in the log").after) == (3, 7)


def test_build_pack_holds_the_packs_figures_and_provenance(sample_dir: Path) -> None:
    p = meeting.build_pack(sample_dir)
    assert p.as_at == NOW
    assert (p.figures["dins"]["total"], p.figures["dins"]["open"], p.figures["dins"]["closed"]) == (1029, 86, 943)
    assert list(p.crs["cr_ref"]) == pack.CR_REFS
    assert sorted(p.actions["action_ref"]) == pack.ACTION_REFS
    assert {
        g: (int(f), int(t)) for g, f, t in p.seat_fill[["group_code", "filled", "total"]].itertuples(index=False)
    } == pack.SEATS
    assert len(p.seats) == 13 + 13 + 11
    prov = {x.table: x for x in p.provenance}
    assert prov["din_log"].as_at == D(2024, 4, 30)
    assert prov["din_log"].file == "din_log/as_at=2024-04-30/din_log.parquet"
    assert prov["din_log"].sha256 == hashlib.sha256((sample_dir / prov["din_log"].file).read_bytes()).hexdigest()
    assert len(prov["din_log"].sha256) == 64


# ---- the agenda, from data (issue 22) -----------------------------------------------------------------------


def test_the_packs_agenda_is_its_meetings_agenda_in_the_data(sample_dir: Path) -> None:
    p = meeting.build_pack(sample_dir)
    assert p.meeting == (D(2024, 5, 8), "DAG #36")  # the first DAG meeting on or after 1 May
    assert (p.name, p.group, p.agenda.source) == ("Design Advisory Group #36", "DAG", "agenda")
    assert [(i.step, i.title, i.type, i.lead, i.time) for i in p.agenda.items] == [
        (1, "Welcome", "Information", "Chair", "10:00-10:05 (5 mins)"),
        (2, "Minutes and Actions", "Decision", "Secretariat", "10:05-10:20 (15 mins)"),
        (3, "Change Requests Update", "Information", "Programme (PMO)", "10:20-10:30 (10 mins)"),
        (4, "Design Updates", "Information", "Programme (Paul Pettitt)", "10:30-10:35 (5 mins)"),
        (5, "Top Programme Risks related to DAG", "Information", "Programme (PMO)", "10:35-10:40 (5 mins)"),
        (6, "Programme Updates", "Information", "Programme (PMO)", "10:40-10:45 (5 mins)"),
        (7, "Summary and Next Steps", "Information", "Chair & Secretariat", "10:45-10:50 (5 mins)"),
    ]
    assert p.agenda.items[1].purpose == "DECISION: Approval of headline report and review of actions"
    assert [i.topic for i in p.agenda.items] == [
        None,
        "actions",
        "change_requests",
        "design",
        "risks",
        "programme_updates",
        "summary",
    ]
    assert p.agenda.attachments == (
        "Attachment 1 \u2013 DAG 14 February 2024 Headline Report v1.1 (change marked)",
        "Attachment 2 \u2013 DAG 13 March 2024 Headline Report v1.1 (change marked)",
    )


@pytest.mark.parametrize(
    ("title", "topic"),
    [
        ("Minutes and Actions", "actions"),
        ("Review of actions", "actions"),
        ("Change Requests Update", "change_requests"),
        ("CR updates", "change_requests"),
        ("Design Updates", "design"),
        ("DIN log", "design"),
        ("Top Programme Risks related to DAG", "risks"),
        ("Upcoming Programme Milestones related to DAG", "milestones"),
        ("Programme Updates", "programme_updates"),
        ("Summary and Next Steps", "summary"),
        ("Welcome", None),
        ("SIT Cycle 2 entry", None),
        ("Crosswords", None),  # a word, not a letter run: "cr" in "Crosswords" is no change request
    ],
)
def test_an_items_content_is_chosen_by_what_it_is(title: str, topic: str | None) -> None:
    assert meeting.topic(title) == topic


def test_a_meeting_without_an_agenda_of_its_own_gets_the_groups_standing_items(make_store) -> None:
    store = make_store(
        meetings=[{"group_code": "DAG", "meeting_date": D(2024, 6, 12), "title": "DAG #37", "meeting_ref": "DAG37"}],
        agenda_items=[
            {"group_code": "DAG", "item": "Minutes and Actions", "kind": "standing", "item_order": 1},
            {"group_code": "DAG", "item": "Upcoming Programme Milestones related to DAG", "kind": "standing"}
            | {"item_order": 2},
        ],
    )
    p = meeting.build_pack(store.data_dir)
    assert (p.meeting, p.name, p.agenda.source) == ((D(2024, 6, 12), "DAG #37"), "DAG #37", "standing")
    assert [(i.heading, i.kind, i.time) for i in p.agenda.items] == [
        ("1. Minutes and Actions", "standing", ""),
        ("2. Upcoming Programme Milestones related to DAG", "standing", ""),
    ]


def test_no_agenda_in_the_data_gives_the_default_sections(make_store) -> None:
    store = make_store(din_log=[{"din_id": "DIN-1", "status": "Closed"}])
    p = meeting.build_pack(store.data_dir)
    assert p.meeting is None
    assert (p.agenda.source, p.agenda.items) == ("default", meeting.AGENDA)


def test_another_groups_pack_reads_its_own_meeting_agenda_actions_and_decisions(make_store) -> None:
    store = make_store(**SITAG_TABLES)
    p = meeting.build_pack(store.data_dir, group="sitag")
    assert (p.group, p.meeting, p.number) == ("SITAG", (SITAG_MEETING, "SITAG #4"), "4")
    assert p.name == "System Integration & Testing Advisory Group #4"  # groups.name and meetings.meeting_ref
    assert [(i.title, i.type, i.time) for i in p.agenda.items] == [
        ("Welcome", "Information", "13:00-13:05 (5 mins)"),
        ("SIT Cycle 2 entry", "Decision", "13:05-13:25 (20 mins)"),
    ]
    assert list(p.actions["action_ref"]) == ["SITAG03-01"]
    assert p.action_figures["total"] == 1
    assert list(p.decisions["decision_id"]) == ["SITAG-2024-05-15-01"]
    assert p.last_meeting == (D(2024, 4, 17), "SITAG #3")
    assert list(p.meetings["group_code"]) == ["SITAG"]  # the meetings up to the pack's, no later

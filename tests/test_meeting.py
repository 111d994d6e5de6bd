"""The meeting: agenda steps, "what changed since the last meeting" and the pack's figures."""

from __future__ import annotations

import datetime as dt
import hashlib
from pathlib import Path

import pytest

from mhhs_dashboard import meeting
from mhhs_dashboard.store import open_store
from tests import pack

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

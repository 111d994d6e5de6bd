"""Given/expect tests for the registers of issue 22: decisions, participant checklist, design principles, a
meeting's agenda; their data-quality checks; old agenda snapshots without the new columns."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pyarrow as pa
import pyarrow.parquet as pq
import pytest

from mhhs_dashboard import quality
from mhhs_dashboard.db import run_query
from mhhs_dashboard.store import open_store, snapshot_path
from tests.registers import SITAG_MEETING, SITAG_TABLES
from tests.test_queries import rows

D = dt.date
AS_AT = D(2024, 5, 1)
EVER = {"date_from": D(2000, 1, 1), "date_to": D(2100, 1, 1)}

DECISIONS = [
    {
        "decision_id": "DAG-2024-04-10-01",
        "group_code": "DAG",
        "meeting_date": D(2024, 4, 10),
        "kind": "Escalation",
        "decided_by": "DAG",
        "refs": "CR045, m10",
        "title": "CR045 Decision",
        "outcome": "Escalated to PSG.",
        "item_order": 1,
        "headline": True,
    },
    {
        "decision_id": "PSG-2024-05-01-01",
        "group_code": "PSG",
        "meeting_date": D(2024, 5, 1),
        "kind": "decision",
        "decided_by": "PSG",
        "refs": "CR045",
        "title": "CR045: SSD Correction Tool",
        "outcome": "PSG accepted DAG's recommendation.",
        "item_order": 1,
        "headline": False,
    },
    {
        "decision_id": "PSG-2024-05-01-02",
        "group_code": "PSG",
        "meeting_date": D(2024, 5, 1),
        "kind": "approval in principle",
        "decided_by": "PSG",
        "refs": "CR045 M10",
        "title": "CR045: SSD Correction Tool",
        "outcome": "PSG agreed the change in principle.",
        "item_order": 2,
        "headline": False,
    },
    {
        "decision_id": "PSG-2024-05-01-03",
        "group_code": "PSG",
        "meeting_date": D(2024, 5, 1),
        "kind": "approval in principle",
        "decided_by": "PSG",
        "refs": "CR044 & CR045",
        "title": "CR044 & CR045",
        "outcome": "Approved in principle.",
        "item_order": 3,
        "headline": True,
    },
    {
        "decision_id": "DAG-2024-05-08-01",
        "group_code": "DAG",
        "meeting_date": D(2024, 5, 8),
        "kind": "decision",
        "decided_by": "DAG",
        "refs": "DAG33",
        "title": "Minutes and Actions",
        "outcome": "Approval of the 14 February headline report.",
        "item_order": 1,
        "headline": False,
    },
    {
        "decision_id": "DAG-2024-05-08-02",
        "group_code": "DAG",
        "meeting_date": D(2024, 5, 8),
        "kind": "information",
        "decided_by": "Programme (PMO)",
        "refs": "CR050",
        "title": "Other CR Updates",
        "outcome": "CR050 will be issued to Impact Assessment.",
        "item_order": 2,
        "headline": False,
    },
]
MEETINGS = [
    {"group_code": "PSG", "meeting_date": D(2024, 5, 1), "title": "PSG", "kind": "held"},
    {"group_code": "DAG", "meeting_date": D(2024, 4, 10), "title": "DAG #35", "kind": "held", "meeting_ref": "DAG35"},
    {"group_code": "DAG", "meeting_date": D(2024, 2, 14), "title": "DAG #33", "kind": "held", "meeting_ref": "DAG33"},
]
GROUPS = [
    {"group_code": "PSG", "name": "Programme Steering Group", "level": "L2"},
    {"group_code": "DAG", "name": "Design Advisory Group", "level": "L3", "parent_group": "PSG"},
]


@pytest.fixture
def decided(make_store):
    return make_store(decisions=DECISIONS, meetings=MEETINGS, groups=GROUPS)


def test_decision_log_filters_by_group_kind_dates_and_exact_reference(decided) -> None:
    every = run_query(decided.con, "decisions_log", groups=[], kinds=[], ref="", as_at=AS_AT, **EVER)
    assert list(every["decision_id"]) == [
        "DAG-2024-05-08-01",
        "DAG-2024-05-08-02",
        "PSG-2024-05-01-01",
        "PSG-2024-05-01-02",
        "PSG-2024-05-01-03",
        "DAG-2024-04-10-01",
    ]
    assert list(every["state"]) == ["on the agenda"] * 2 + ["recorded"] * 4  # 8 May is after the as-at date
    first = every.set_index("decision_id").loc["DAG-2024-04-10-01"]
    assert (first["kind"], list(first["refs"]), first["meeting_title"]) == ("escalation", ["CR045", "M10"], "DAG #35")
    by_ref = run_query(decided.con, "decisions_log", groups=[], kinds=[], ref=" m10", as_at=AS_AT, **EVER)
    assert list(by_ref["decision_id"]) == ["PSG-2024-05-01-02", "DAG-2024-04-10-01"]
    assert run_query(decided.con, "decisions_log", groups=[], kinds=[], ref="CR04", as_at=AS_AT, **EVER).empty
    kinds = run_query(
        decided.con, "decisions_log", groups=["PSG"], kinds=["Approval in principle"], ref="", as_at=AS_AT, **EVER
    )
    assert list(kinds["decision_id"]) == ["PSG-2024-05-01-02", "PSG-2024-05-01-03"]
    april = run_query(
        decided.con,
        "decisions_log",
        groups=[],
        kinds=[],
        ref="",
        as_at=AS_AT,
        date_from=D(2024, 4, 1),
        date_to=D(2024, 4, 30),
    )
    assert list(april["decision_id"]) == ["DAG-2024-04-10-01"]


def test_decision_detail_by_id_any_case(decided) -> None:
    got = run_query(decided.con, "decisions_item", decision="psg-2024-05-01-02 ", as_at=AS_AT)
    assert rows(got[["decision_id", "kind", "state"]]) == [("PSG-2024-05-01-02", "approval in principle", "recorded")]
    assert run_query(decided.con, "decisions_item", decision="NOPE", as_at=AS_AT).empty


def test_latest_decision_for_a_ref_is_the_most_settled_outcome_of_its_latest_meeting(decided) -> None:
    got = run_query(decided.con, "decisions_latest_for_refs", refs=["cr045", "M10", "CR050", "R999"], as_at=AS_AT)
    assert rows(got[["ref", "decision_id", "heading"]]) == [
        ("CR045", "PSG-2024-05-01-02", "PSG: approval in principle, 1 May 2024"),  # not the earlier 'decision'
        ("M10", "PSG-2024-05-01-02", "PSG: approval in principle, 1 May 2024"),
    ]  # CR050's only outcome is on 8 May, after the as-at date; R999 is named by none
    before = run_query(decided.con, "decisions_latest_for_refs", refs=["CR045"], as_at=D(2024, 4, 30))
    assert rows(before[["ref", "decision_id", "heading"]]) == [
        ("CR045", "DAG-2024-04-10-01", "DAG: escalation, 10 April 2024")
    ]
    every = run_query(decided.con, "decisions_latest_for_refs", refs=[], as_at=AS_AT)
    assert list(every["ref"]) == ["CR044", "CR045", "M10"]


def test_decision_meeting_lists_one_meeting_in_order(decided) -> None:
    got = run_query(decided.con, "decisions_of_meeting", group="psg", meeting_date=D(2024, 5, 1), as_at=AS_AT)
    assert rows(got[["decision_id", "headline", "state"]]) == [
        ("PSG-2024-05-01-01", False, "recorded"),
        ("PSG-2024-05-01-02", False, "recorded"),
        ("PSG-2024-05-01-03", True, "recorded"),
    ]
    own = run_query(decided.con, "decisions_of_meeting", group="DAG", meeting_date=D(2024, 5, 8), as_at=AS_AT)
    assert list(own["state"]) == ["on the agenda", "on the agenda"]


def test_decision_since_leaves_out_information_and_what_is_after_as_at(decided) -> None:
    got = run_query(decided.con, "decisions_since", since=D(2024, 4, 10), as_at=D(2024, 5, 8), groups=[])
    assert list(got["decision_id"]) == [
        "PSG-2024-05-01-01",
        "PSG-2024-05-01-02",
        "PSG-2024-05-01-03",
        "DAG-2024-05-08-01",
    ]
    assert run_query(decided.con, "decisions_since", since=D(2024, 4, 10), as_at=AS_AT, groups=["DAG"]).empty


def test_programme_updates_are_each_groups_latest_headlines(decided) -> None:
    got = run_query(decided.con, "decisions_programme_updates", as_at=AS_AT, groups=[])
    assert rows(got[["group_code", "meeting_date", "decision_id"]]) == [
        ("PSG", D(2024, 5, 1), "PSG-2024-05-01-03"),
        ("DAG", D(2024, 4, 10), "DAG-2024-04-10-01"),
    ]
    assert list(
        run_query(decided.con, "decisions_programme_updates", as_at=D(2024, 4, 30), groups=[])["group_code"]
    ) == ["DAG"]


def test_cr_updates_in_blocks_by_title_up_to_this_meeting(decided) -> None:
    got = run_query(
        decided.con, "decisions_cr_updates", since=D(2024, 4, 10), until=D(2024, 5, 8), as_at=AS_AT, groups=[]
    )
    assert rows(got[["decision_id", "title", "state"]]) == [
        ("PSG-2024-05-01-01", "CR045: SSD Correction Tool", "recorded"),
        ("PSG-2024-05-01-02", "CR045: SSD Correction Tool", "recorded"),
        ("DAG-2024-05-08-02", "Other CR Updates", "on the agenda"),
    ]  # headlines and outcomes naming no CR (DAG33) left out
    psg = run_query(
        decided.con, "decisions_cr_updates", since=D(2024, 4, 10), until=D(2024, 5, 8), as_at=AS_AT, groups=["PSG"]
    )
    assert list(psg["decision_id"]) == ["PSG-2024-05-01-01", "PSG-2024-05-01-02"]


CHECKLIST = [
    {"item_id": "PC-1", "kind": "Consultation", "title": "Annex 1", "deadline": D(2024, 5, 3), "item_order": 1},
    {"item_id": "PC-2", "kind": "consultation", "title": "Cutover", "deadline": D(2024, 5, 7), "item_order": 2},
    {"item_id": "PC-3", "kind": "consultation", "title": "Old one", "deadline": D(2024, 4, 3), "item_order": 3},
    {"item_id": "PC-4", "kind": "publication", "title": "IR7.3", "opened_date": D(2024, 5, 8), "item_order": 4},
    {"item_id": "GD-1", "kind": "guidance", "title": "PIT guidance", "item_order": 5},
    {"item_id": "PC-0", "kind": "consultation", "title": "Due first", "deadline": D(2024, 5, 2), "item_order": 6},
]


def test_checklist_status_is_judged_at_as_at_open_soonest_first(make_store) -> None:
    store = make_store(checklist=CHECKLIST)
    got = run_query(store.con, "checklist_items", as_at=AS_AT, statuses=[])
    assert rows(got[["item_id", "kind", "status"]]) == [
        ("PC-0", "consultation", "open"),
        ("PC-1", "consultation", "open"),
        ("PC-2", "consultation", "open"),
        ("PC-4", "publication", "upcoming"),
        ("GD-1", "guidance", "for information"),
        ("PC-3", "consultation", "closed"),
    ]
    assert list(got["days_left"][:3]) == [1, 2, 6]
    later = run_query(store.con, "checklist_items", as_at=D(2024, 5, 8), statuses=["open", "upcoming"])
    assert later.empty  # every deadline passed; IR7.3 is published on the day
    on_deadline = run_query(store.con, "checklist_items", as_at=D(2024, 5, 3), statuses=["open"])
    assert list(on_deadline["item_id"]) == ["PC-1", "PC-2"]  # open on its deadline day


def test_principle_list_in_ref_order_with_cited_refs(make_store) -> None:
    store = make_store(
        principles=[
            {
                "principle_ref": 3,
                "principle": "Stateless DIP",
                "scope": " DIP ",
                "sub_principles": "(PRI026)",
                "refs": "PRI024.PRI025",
            },
            {"principle_ref": 0, "principle": "Timely settlement", "scope": "System Wide"},
        ]
    )
    got = run_query(store.con, "principles_list")
    assert list(got["principle_ref"]) == [0, 3]
    assert [list(r) for r in got["pri_refs"]] == [[], ["PRI024", "PRI025", "PRI026"]]
    assert list(got["scope"]) == ["System Wide", "DIP"]


def test_agenda_meeting_gives_the_full_agenda_else_the_standing_items(make_store) -> None:
    store = make_store(**SITAG_TABLES)
    got = run_query(store.con, "agenda_items_of_meeting", group="sitag", meeting_date=SITAG_MEETING)
    assert rows(got[["item", "item_type", "lead", "start_time", "minutes", "end_time", "standing"]]) == [
        ("Welcome", "Information", "Chair", "13:00", 5, "13:05", False),
        ("SIT Cycle 2 entry", "Decision", "Programme (SIT)", "13:05", 20, "13:25", False),
    ]
    standing = make_store(
        agenda_items=[
            {"group_code": "DAG", "item": "Minutes and Actions", "kind": "standing", "item_order": 1},
            {"group_code": "DAG", "item": "Design Updates", "kind": "standing", "item_order": 2},
        ]
    )
    got = run_query(standing.con, "agenda_items_of_meeting", group="DAG", meeting_date=D(2024, 6, 12))
    assert rows(got[["item", "standing", "end_time"]]) == [
        ("Minutes and Actions", True, None),
        ("Design Updates", True, None),
    ]


def test_a_second_group_reads_like_dag(make_store) -> None:
    """SITAG's own meeting, decisions and latest outcome per reference come out as DAG's do (for the pack helpers)."""
    store = make_store(**SITAG_TABLES)
    meeting = run_query(store.con, "decisions_of_meeting", group="SITAG", meeting_date=SITAG_MEETING, as_at=AS_AT)
    assert rows(meeting[["decision_id", "state"]]) == [("SITAG-2024-05-15-01", "on the agenda")]
    latest = run_query(store.con, "decisions_latest_for_refs", refs=["SITAG03-01"], as_at=AS_AT)
    assert list(latest["heading"]) == ["SRO: decision, 17 April 2024"]
    updates = run_query(store.con, "decisions_programme_updates", as_at=AS_AT, groups=["SITAG"])
    assert list(updates["decision_id"]) == ["SITAG-2024-04-17-01"]
    results = quality.run_all(lambda name, **p: run_query(store.con, name, **p), ["decisions"])
    assert [r.check.name for r in results if not r.passed] == []  # SITAG03-01 and M10 are known


BAD_DECISIONS = [
    {"decision_id": "X-1", "group_code": "DAG", "meeting_date": D(2024, 4, 10), "kind": "decision", "refs": "CR045"},
    {"decision_id": "x-1 ", "group_code": "DAG", "meeting_date": D(2024, 4, 10), "kind": "vote", "refs": "CR999 DAG35"},
    {"decision_id": None, "group_code": "DAG", "meeting_date": D(2024, 4, 10), "kind": "information"},
]
BAD_CHECKLIST = [
    {"item_id": "PC-1", "kind": "consultation", "title": "t", "opened_date": D(2024, 5, 3), "deadline": D(2024, 5, 1)},
    {"item_id": "PC-1", "kind": "rumour", "title": "u"},
]


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        (
            "dq_decision_duplicate_ids",
            [("(blank)", "blank id"), ("X-1", "duplicate id"), ("X-1", "duplicate id")],
        ),
        ("dq_decision_kind_outside_vocabulary", [("X-1", "kind outside the vocabulary")]),
        ("dq_decision_ref_unknown", [("X-1", "reference names nothing known")]),
        ("dq_checklist_duplicate_ids", [("PC-1", "duplicate id"), ("PC-1", "duplicate id")]),
        ("dq_checklist_kind_outside_vocabulary", [("PC-1", "kind outside the vocabulary")]),
        ("dq_checklist_deadline_before_opened", [("PC-1", "deadline before it opened")]),
        ("dq_principle_duplicate_refs", [("2", "duplicate ref"), ("2", "duplicate ref")]),
    ],
)
def test_each_register_check_finds_exactly_the_rows_at_fault(make_store, query: str, expected) -> None:
    store = make_store(
        decisions=BAD_DECISIONS,
        checklist=BAD_CHECKLIST,
        principles=[{"principle_ref": 2, "principle": "a"}, {"principle_ref": 2, "principle": "b"}],
        change_requests=[{"cr_ref": "CR045", "approval_status": "Open", "current_stage": "Approval decision"}],
        meetings=[{"group_code": "DAG", "meeting_date": D(2024, 4, 10), "meeting_ref": "DAG35"}],
    )
    got = run_query(store.con, query)
    assert list(got.columns) == list(quality.COLUMNS)
    assert sorted(zip(got["row_key"], got["problem"], strict=True)) == sorted(expected)
    if query == "dq_decision_ref_unknown":
        assert list(got["detail"]) == ['"CR999" is no CR, milestone, risk, action or meeting']  # DAG35 is a meeting


def test_an_agenda_snapshot_written_before_the_new_columns_still_opens(tmp_path: Path) -> None:
    """A snapshot without objective, item_type, lead, start_time, minutes (schema.Table.later) reads them empty."""
    old = pa.table(
        {
            "group_code": ["DAG"],
            "meeting_date": pa.array([None], pa.date32()),
            "item": ["Design Updates"],
            "kind": ["standing"],
            "item_order": pa.array([1], pa.int32()),
        }
    )
    path = Path(snapshot_path(tmp_path, "agenda_items", D(2024, 5, 1)))
    path.parent.mkdir(parents=True)
    pq.write_table(old, path)
    store = open_store(tmp_path, strict=True)
    assert store.problems == []
    got = run_query(store.con, "agenda_items_of_meeting", group="DAG", meeting_date=D(2024, 6, 12))
    assert rows(got[["item", "standing"]]) == [("Design Updates", True)]
    assert got[["objective", "item_type", "lead", "start_time", "minutes"]].isna().all(axis=None)


def test_a_snapshot_lacking_an_original_column_is_still_refused(tmp_path: Path) -> None:
    old = pa.table({"group_code": ["DAG"], "kind": ["standing"]})
    path = Path(snapshot_path(tmp_path, "agenda_items", D(2024, 5, 1)))
    path.parent.mkdir(parents=True)
    pq.write_table(old, path)
    store = open_store(tmp_path)
    assert any("column 'meeting_date' is missing" in p for p in store.problems)


def test_the_embedded_data_carries_the_packs_decisions_checklist_principles_and_agenda(sample_dir: Path) -> None:
    store = open_store(sample_dir, strict=True)
    heads = run_query(store.con, "decisions_latest_for_refs", refs=["CR044", "CR045", "CR047", "CR046"], as_at=AS_AT)
    by_ref = heads.set_index("ref")
    assert by_ref.loc["CR045", "heading"] == "PSG: approval in principle, 1 May 2024"
    assert by_ref.loc["CR045", "outcome"].startswith("PSG agreed a pragmatic approach would be to agree the change")
    assert "in Autumn 2024" in by_ref.loc["CR045", "outcome"]
    assert "by Autumn 2024" in by_ref.loc["CR044", "outcome"]
    assert by_ref.loc["CR047", "heading"] == "SRO: ratification, 1 May 2024"
    assert by_ref.loc["CR046", "heading"] == "SRO: decision, 10 April 2024"
    updates = run_query(store.con, "decisions_programme_updates", as_at=AS_AT, groups=[])
    meetings = updates.drop_duplicates("group_code")
    assert sorted(zip(meetings["group_code"], [str(d)[:10] for d in meetings["meeting_date"]], strict=True)) == [
        ("CCAG", "2024-04-24"),
        ("DAG", "2024-04-10"),
        ("MCAG", "2024-03-26"),
        ("PSG", "2024-05-01"),
        ("QAG", "2024-04-18"),
        ("SITAG", "2024-04-17"),
    ]
    assert updates["group_code"].iloc[0] == "PSG"
    own = run_query(store.con, "decisions_of_meeting", group="DAG", meeting_date=D(2024, 5, 8), as_at=AS_AT)
    assert list(own[own["kind"] == "decision"]["outcome"]) == [
        "Approval of change marked Headline Report of DAG held 14 February 2024",
        "Approval of change marked Headline Report of DAG held 13 March 2024",
    ]
    crs = run_query(
        store.con, "decisions_cr_updates", since=D(2024, 4, 10), until=D(2024, 5, 8), as_at=AS_AT, groups=["PSG", "DAG"]
    )
    assert list(dict.fromkeys(crs["title"])) == [
        "CR044: Implementation of 'Data Refresh' Message IF-051",
        "CR045: Supply Start Date (SSD) Correction Tool",
        "Other CR Updates",
    ]
    asked = run_query(store.con, "checklist_items", as_at=AS_AT, statuses=["open"])
    assert [(d.date(), n) for d, n in zip(asked["deadline"], asked["days_left"], strict=True)] == [
        (D(2024, 5, 3), 2),
        (D(2024, 5, 3), 2),
        (D(2024, 5, 7), 6),
        (D(2024, 5, 17), 16),
    ]
    principles = run_query(store.con, "principles_list")
    assert list(principles["principle_ref"]) == list(range(16))
    assert list(principles["pri_refs"].iloc[1]) == ["PRI017"]
    agenda = run_query(store.con, "agenda_items_of_meeting", group="DAG", meeting_date=D(2024, 5, 8))
    assert rows(agenda[["item_order", "item", "item_type", "start_time", "end_time", "minutes"]])[:3] == [
        (1, "Welcome", "Information", "10:00", "10:05", 5),
        (2, "Minutes and Actions", "Decision", "10:05", "10:20", 15),
        (3, "Change Requests Update", "Information", "10:20", "10:30", 10),
    ]
    assert agenda["minutes"].sum() == 50  # 10:00 to 10:50, as the pack's agenda runs

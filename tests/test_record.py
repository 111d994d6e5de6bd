"""The meeting's record (record.py): capture, version conflicts, two writers, numbering, publish, undo."""

from __future__ import annotations

import datetime as dt
import json
import threading
from pathlib import Path

import pytest

from mhhs_dashboard import audit, reads, record, snapshots, store

DAG36 = dt.date(2024, 5, 8)


@pytest.fixture
def dag36(live_dir: Path) -> record.Meeting:
    return record.meeting_of(live_dir, "DAG36")


def _action(data: Path, m: record.Meeting, text: str, who: str = "sec@example.org", step: int = 2) -> record.Entry:
    fields = {"action": text, "owner": "Programme (PMO)", "due_date": "2024-06-12"}
    return record.capture(data, m, "action", step, "Minutes and Actions", fields, who)


def _decision(data: Path, m: record.Meeting, who: str = "sec@example.org") -> record.Entry:
    fields = {
        "kind": "recommendation",
        "title": "CR052",
        "outcome": "DAG recommended CR052 for approval",
        "refs": "CR052",
    }
    return record.capture(data, m, "decision", 3, "Change Requests Update", fields, who)


def test_the_meeting_is_found_in_the_log_with_its_next(dag36: record.Meeting) -> None:
    assert (dag36.ref, dag36.group, dag36.date, dag36.title) == ("DAG36", "DAG", DAG36, "DAG #36")
    assert dag36.next == (dt.date(2024, 6, 12), "DAG #37")


def test_an_unknown_meeting_is_one_line_naming_those_logged(live_dir: Path) -> None:
    with pytest.raises(record.RecordError, match=r"DAG99.*not in the meetings log.*DAG35"):
        record.meeting_of(live_dir, "DAG99")


def test_capture_saves_one_file_per_entry_read_back(live_dir: Path, dag36: record.Meeting) -> None:
    a = _action(live_dir, dag36, "Programme to circulate the CR052 impact assessment")
    d = _decision(live_dir, dag36)
    files = sorted((live_dir / "record" / "DAG36").glob("*.json"))
    assert [f.stem for f in files] == sorted([a.entry_id, d.entry_id])
    kept = json.loads((live_dir / "record" / "DAG36" / f"{a.entry_id}.json").read_text())
    assert kept["fields"]["owner"] == "Programme (PMO)"
    assert kept["version"] == 1
    assert kept["author"] == "sec@example.org"
    back = record.entries(live_dir, "DAG36")
    assert [e.kind for e in back] == ["action", "decision"]  # by agenda item: step 2 before step 3
    assert back[0] == a


def test_new_actions_are_numbered_in_the_groups_scheme(live_dir: Path, dag36: record.Meeting) -> None:
    refs = [_action(live_dir, dag36, f"action {i}").ref for i in range(3)]
    assert refs == ["DAG36-01", "DAG36-02", "DAG36-03"]
    # decisions follow the register's own ids for the meeting (the embedded data holds DAG-2024-05-08-01 to -04)
    assert _decision(live_dir, dag36).ref == "DAG-2024-05-08-05"


def test_a_withdrawn_reference_is_never_given_again(live_dir: Path, dag36: record.Meeting) -> None:
    first = _action(live_dir, dag36, "a mistake")
    record.edit(live_dir, "DAG36", first.entry_id, 1, "sec@example.org", withdrawn=True)
    assert _action(live_dir, dag36, "the real one").ref == "DAG36-02"
    assert [e.ref for e in record.entries(live_dir, "DAG36", withdrawn=False)] == ["DAG36-02"]


def test_bad_fields_are_refused_in_one_line_and_nothing_is_written(live_dir: Path, dag36: record.Meeting) -> None:
    with pytest.raises(record.RecordError, match="due date 'next week' is not a date"):
        record.capture(live_dir, dag36, "action", 2, "x", {"action": "a", "owner": "b", "due_date": "next week"}, "s")
    with pytest.raises(record.RecordError, match="owner must be given"):
        record.capture(live_dir, dag36, "action", 2, "x", {"action": "a", "due_date": "2024-06-01"}, "s")
    with pytest.raises(record.RecordError, match="DAG99-01 is not in the action log"):
        record.capture(live_dir, dag36, "action_update", 2, "x", {"action_ref": "DAG99-01", "status": "CLOSED"}, "s")
    with pytest.raises(record.RecordError, match="signed-in"):
        _action(live_dir, dag36, "anonymous", who="")
    assert record.entries(live_dir, "DAG36") == []


def test_an_edit_against_an_old_version_is_refused(live_dir: Path, dag36: record.Meeting) -> None:
    a = _action(live_dir, dag36, "first words")
    chair = record.edit(live_dir, "DAG36", a.entry_id, 1, "chair@example.org", fields={"owner": "Programme (SC)"})
    assert chair.version == 2
    with pytest.raises(record.Conflict, match=r"DAG36-01 was changed by chair@example.org .*version 2.*version 1"):
        record.edit(live_dir, "DAG36", a.entry_id, 1, "sec@example.org", fields={"action": "other words"})
    (kept,) = record.entries(live_dir, "DAG36")
    assert kept.fields["owner"] == "Programme (SC)"
    assert kept.fields["action"] == "first words"
    assert kept.ref == "DAG36-01"  # an edit never renumbers


def test_two_writers_at_once_lose_nothing_and_share_no_number(live_dir: Path, dag36: record.Meeting) -> None:
    made: list[record.Entry] = []
    errors: list[BaseException] = []

    def write(who: str) -> None:
        try:
            for i in range(5):
                made.append(_action(live_dir, dag36, f"{who} {i}", who=who))
        except BaseException as e:
            errors.append(e)

    threads = [threading.Thread(target=write, args=(w,)) for w in ("chair@x", "sec@x")]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert not errors
    back = record.entries(live_dir, "DAG36")
    assert len(back) == 10
    assert sorted(e.ref for e in back) == [f"DAG36-{n:02d}" for n in range(1, 11)]


def _open(data: Path, as_at: dt.date | None = None) -> store.Store:
    store.forget(data)
    return store.open_store(data, as_at)


def test_publish_writes_new_snapshots_of_both_registers(live_dir: Path, dag36: record.Meeting) -> None:
    _action(live_dir, dag36, "Programme to circulate the CR052 impact assessment")
    _action(live_dir, dag36, "Programme to brief the PSG on CR045")
    _decision(live_dir, dag36)
    update = {"action_ref": "DAG35-02", "status": "CLOSED", "update": "DAG agreed to close: risk R856 raised"}
    record.capture(live_dir, dag36, "action_update", 2, "Minutes and Actions", update, "sec@example.org")
    pub = record.publish(live_dir, dag36, "sec@example.org")
    assert pub.actions_added == ["DAG36-01", "DAG36-02"]
    assert pub.actions_updated == ["DAG35-02"]
    assert [s.as_at for s in store.list_snapshots(live_dir, "actions")][-1] == DAG36
    assert [s.as_at for s in store.list_snapshots(live_dir, "decisions")][-1] == DAG36
    con = _open(live_dir).con
    actions = con.sql("select action_ref, meeting, status, latest_update from actions order by 1").df()
    assert len(actions) == 9  # the 7 before and two new, no duplicate
    new = actions[actions["action_ref"] == "DAG36-01"].iloc[0]
    assert (new["meeting"], new["status"]) == ("DAG36", "OPEN")
    closed = actions[actions["action_ref"] == "DAG35-02"].iloc[0]
    assert closed["status"] == "CLOSED"
    assert "risk R856 raised" in closed["latest_update"]
    decided = con.sql("select * from decisions where decision_id = 'DAG-2024-05-08-05'").df().iloc[0]
    assert (decided["kind"], decided["refs"], decided["item_order"]) == ("recommendation", "CR052", 3)
    events = [(e.action, e.outcome, e.table, e.who) for e in audit.entries(live_dir)]
    assert ("ingest", "loaded", "actions", "sec@example.org") in events
    assert ("ingest", "loaded", "decisions", "sec@example.org") in events
    assert ("publish", "published", "record", "sec@example.org") in events
    assert record.published(live_dir, "DAG36").state == "published"  # type: ignore[union-attr]


def test_a_second_publish_is_refused_and_a_correction_never_duplicates(live_dir: Path, dag36: record.Meeting) -> None:
    a = _action(live_dir, dag36, "first words")
    record.publish(live_dir, dag36, "sec@example.org")
    with pytest.raises(record.RecordError, match=r"DAG36 was published by sec@example\.org.*correction"):
        record.publish(live_dir, dag36, "chair@example.org")
    record.edit(live_dir, "DAG36", a.entry_id, 1, "sec@example.org", fields={"action": "corrected words"})
    pub = record.publish(live_dir, dag36, "sec@example.org", correction=True)
    assert pub.corrections == 1
    rows = _open(live_dir).con.sql("select action from actions where action_ref = 'DAG36-01'").fetchall()
    assert rows == [("corrected words",)]
    assert len(snapshots.set_asides(live_dir, "actions")) == 1  # the first publish's snapshot, restorable


def test_a_publication_is_undone_like_any_load(live_dir: Path, dag36: record.Meeting) -> None:
    _action(live_dir, dag36, "to be undone")
    record.publish(live_dir, dag36, "sec@example.org")
    message = record.unpublish(live_dir, dag36, "sec@example.org")
    assert "action log" in message
    assert "decisions log" in message
    assert [s.as_at for s in store.list_snapshots(live_dir, "actions")][-1] == dt.date(2024, 5, 1)
    assert {a.as_at for a in snapshots.set_asides(live_dir)} == {DAG36}  # restorable from the workspace
    assert record.published(live_dir, "DAG36") is None
    refs = {r[0] for r in _open(live_dir).con.sql("select action_ref from actions").fetchall()}
    assert "DAG36-01" not in refs
    assert record.publish(live_dir, dag36, "sec@example.org").actions_added == ["DAG36-01"]  # the same reference


def test_publish_refuses_with_nothing_captured_or_a_date_already_loaded(live_dir: Path, dag36: record.Meeting) -> None:
    with pytest.raises(record.RecordError, match="nothing has been captured"):
        record.publish(live_dir, dag36, "sec@example.org")
    _action(live_dir, dag36, "x")
    frame = store.open_store(live_dir).con.sql("select * from actions").df()
    store.write_snapshot(live_dir, "actions", DAG36, frame, replace=False)
    with pytest.raises(record.RecordError, match="action log snapshot as at 2024-05-08 is already loaded"):
        record.publish(live_dir, dag36, "sec@example.org")
    assert record.published(live_dir, "DAG36") is None


def test_the_next_pack_reads_the_published_actions(live_dir: Path, dag36: record.Meeting) -> None:
    _action(live_dir, dag36, "Programme to circulate the CR052 impact assessment")
    record.publish(live_dir, dag36, "sec@example.org")
    run = reads.on(_open(live_dir).con)
    log = reads.meetings_log(run, ("DAG",))
    raised = log[log["meeting_ref"] == "DAG36"]["actions_raised"].iloc[0]
    assert list(raised) == ["DAG36-01"]

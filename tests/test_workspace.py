"""The workspace's steps without a browser: type by content, the CLI's check, the preview, publish, undo, audit."""

from __future__ import annotations

import datetime as dt
import hashlib
from pathlib import Path

import pandas as pd
import pytest

from mhhs_dashboard import audit, schema, store, workspace
from mhhs_dashboard.workspace import Refusal, Upload
from tests.extracts import as_csv, as_xlsx, din_extract, din_log_now

AS_AT = dt.date(2024, 5, 8)
PMO = "pmo@example.org"


def files_under(folder: Path) -> dict[str, str]:
    """Every file under `folder` (the audit log aside) with a hash of its content."""
    return {
        str(p.relative_to(folder)): hashlib.sha256(p.read_bytes()).hexdigest()
        for p in sorted(folder.rglob("*"))
        if p.is_file() and "_audit" not in p.parts
    }


@pytest.mark.parametrize(
    ("name", "data", "kind"),
    [("dins.xlsx", b"PK\x03\x04rest", ".xlsx"), ("dins.CSV", "DIN ID,Title\nDIN-1,é\n".encode(), ".csv")],
)
def test_the_type_comes_from_the_content(name: str, data: bytes, kind: str) -> None:
    assert workspace.content_kind(Upload(name, data)) == kind


@pytest.mark.parametrize(
    ("name", "data", "says"),
    [
        ("dins.csv", b"", "dins.csv: the file is empty (0 bytes)"),
        ("dins.csv", b"PK\x03\x04rest", "dins.csv: the name says CSV text but the content is an Excel workbook"),
        ("dins.xlsx", b"DIN ID,Title\n", "dins.xlsx: the name says an Excel workbook (.xlsx) but the content is CSV"),
        ("dins.csv", b"\x89PNG\r\n\x1a\n\x00\x00", "dins.csv: not a spreadsheet"),
        ("dins.csv", b"DIN ID\n\xff\xfe\n", "dins.csv: not a spreadsheet"),
        ("dins.pdf", b"DIN ID\n", "dins.pdf: expected a .xlsx or .csv file, got .pdf"),
        ("book.xlsx", b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1rest", "book.xlsx: is locked (password-protected)"),
        ("../../etc/x.csv", b"", "x.csv: the file is empty"),
    ],
)
def test_a_file_whose_content_is_not_what_it_says_is_refused(name: str, data: bytes, says: str) -> None:
    with pytest.raises(Refusal) as e:
        workspace.content_kind(Upload(name, data))
    assert str(e.value).startswith(says)
    assert "\n" not in str(e.value)


def test_a_file_over_the_cap_is_refused(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(workspace, "MAX_BYTES", 10)
    with pytest.raises(Refusal, match=r"over the 25 MB limit"):
        workspace.content_kind(Upload("dins.csv", b"a" * 11))


def test_the_temporary_copy_has_a_plain_name_and_is_removed() -> None:
    with workspace.staged(Upload("../DIN log; rm -rf.csv", b"DIN ID\n")) as path:
        assert path.name == "DIN log_ rm -rf.csv"
        assert path.read_bytes() == b"DIN ID\n"
    assert not path.exists()
    assert not path.parent.exists()


def test_a_refused_check_is_logged_and_writes_nothing(live_dir: Path) -> None:
    before = files_under(live_dir)
    bad = as_csv(din_extract(live_dir)).replace(b"Open - awaiting assessment", b"Opened", 1)
    result = workspace.run_check("din_log", Upload("dins.csv", bad), live_dir, as_at=AS_AT, replace=False, who=PMO)
    assert result.refusal.startswith("dins.csv: row ")
    assert "column 'Current Status': unknown status 'Opened'" in result.refusal
    assert files_under(live_dir) == before
    (entry,) = audit.entries(live_dir)
    facts = (entry.action, entry.outcome, entry.who, entry.via, entry.file)
    assert facts == ("check", "refused", PMO, "web", "dins.csv")
    assert entry.sha256 == hashlib.sha256(bad).hexdigest()
    assert entry.detail == result.refusal


def test_the_preview_counts_rows_and_the_overview_figures_that_move(live_dir: Path) -> None:
    upload = Upload("dins.xlsx", as_xlsx(din_extract(live_dir, new_open=5, retitled=2, dropped=1)))
    result = workspace.run_check("din_log", upload, live_dir, as_at=AS_AT, replace=False, who=PMO)
    assert not result.refusal, result.refusal
    p = result.preview
    assert (p.count("new"), p.count("gone")) == (5, 1)
    first_two = set(sorted(din_log_now(live_dir)["din_id"])[:2])  # din_extract retitles the first ids
    retitled = p.rows[(p.rows["change"] == "changed") & p.rows["columns"].str.contains("title")]
    assert set(retitled["row_key"]) == first_two
    moved = {c.label: (c.before, c.after) for c in p.figures}
    assert moved["DINs recorded"] == (1029, 1033)
    assert moved["Open DINs"][0] == 86
    assert p.compared_with == dt.date(2024, 4, 30)
    assert p.becomes_now
    assert not result.shrink


def test_a_shrinking_extract_is_warned_and_refused_unless_allowed(live_dir: Path) -> None:
    upload = Upload("open only.csv", as_csv(din_extract(live_dir, new_open=0, retitled=0, dropped=500)))
    result = workspace.run_check("din_log", upload, live_dir, as_at=AS_AT, replace=False, who=PMO)
    assert result.shrink.startswith("500 of 1,029 DINs would vanish")
    done = workspace.run_publish(result, live_dir, allow_shrink=False, who=PMO)
    assert not done.ok
    assert "would vanish" in done.message
    assert [s.as_at for s in store.list_snapshots(live_dir, "din_log")][-1] == dt.date(2024, 4, 30)
    assert workspace.run_publish(result, live_dir, allow_shrink=True, who=PMO).ok


def test_publish_then_remove_then_restore_each_logged_as_the_pmo(live_dir: Path) -> None:
    upload = Upload("din log.csv", as_csv(din_extract(live_dir)))
    result = workspace.run_check("din_log", upload, live_dir, as_at=AS_AT, replace=False, who=PMO)
    done = workspace.run_publish(result, live_dir, allow_shrink=False, who=PMO)
    assert done.ok, done.message
    assert [s.as_at for s in store.list_snapshots(live_dir, "din_log")][-1] == AS_AT
    rows = workspace.snapshot_rows(live_dir, "din_log")
    assert rows.iloc[0][["as_at", "state", "rows", "source"]].tolist() == ["2024-05-08", "now", 1034, "din log.csv"]
    assert workspace.run_undo(live_dir, "din_log", f"live:{AS_AT}", who=PMO).ok
    assert AS_AT not in [s.as_at for s in store.list_snapshots(live_dir, "din_log")]
    assert "aside:2024-05-08" in workspace.undo_choices(workspace.snapshot_rows(live_dir, "din_log"))
    assert workspace.run_undo(live_dir, "din_log", f"aside:{AS_AT}", who=PMO).ok
    assert [s.as_at for s in store.list_snapshots(live_dir, "din_log")][-1] == AS_AT
    log = workspace.audit_rows(live_dir)
    assert log[["action", "outcome", "who", "via"]].to_numpy().tolist() == [
        ["restore", "restored", PMO, "web"],
        ["remove", "removed", PMO, "web"],
        ["ingest", "loaded", PMO, "web"],
        ["check", "checked", PMO, "web"],
    ]
    assert log.iloc[2]["file"] == "din log.csv"
    assert log.iloc[2]["rows"] == 1034


def test_row_changes_given_and_expected() -> None:
    spec = schema.TABLES["din_log"]
    base = {c: None for c in spec.columns} | {"illustrative": False}
    before = pd.DataFrame([base | {"din_id": "D1", "title": "a"}, base | {"din_id": "D2", "title": "b"}])
    after = pd.DataFrame([base | {"din_id": "D1", "title": "a2", "status": "Closed"}, base | {"din_id": "D3"}])
    arrow = lambda f: store.pa.Table.from_pandas(f[list(spec.columns)], schema=store.arrow_schema(spec))  # noqa: E731
    out = workspace.row_changes(spec, arrow(before), arrow(after))
    assert out.fillna("").to_numpy().tolist() == [
        ["new", "D3", ""],
        ["changed", "D1", "status, title"],
        ["gone", "D2", ""],
    ]

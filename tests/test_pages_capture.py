"""Chair mode's capture panel (AppTest): only the signed-in PMO gets it; what it saves is on disk, not in a session."""

from __future__ import annotations

from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from mhhs_dashboard import record
from tests.test_pages import unescape
from tests.test_pages_workspace import PMO, SECRETS, open_as, open_workspace, texts

PRESENT = "pages/present.py"
VIEWER = {"is_logged_in": True, "email": "member@example.org", "email_verified": True}


def open_present(user: dict[str, object] | None, step: str = "1", **params: str) -> AppTest:
    return open_as(PRESENT, user, SECRETS, timeout=90, step=step, **params)


def panel_widgets(at: AppTest) -> list[object]:
    inputs = [*at.sidebar.selectbox, *at.sidebar.button, *at.sidebar.text_area, *at.sidebar.text_input]
    return [w for w in inputs if str(w.key or "").startswith("rec_")] + [
        s for s in at.sidebar.subheader if "Record of" in str(s.value)
    ]


@pytest.mark.parametrize("user", [None, VIEWER, {"email": "pmo@example.org"}], ids=["signed out", "viewer", "unsigned"])
def test_a_viewer_sees_no_capture_panel(live_dir: Path, user: dict[str, object] | None) -> None:
    at = open_present(user)
    assert panel_widgets(at) == []  # no input to type an entry into, no Save to post it
    assert not (live_dir / "record").exists()


def test_the_pmo_captures_an_action_saved_to_the_data_directory(live_dir: Path) -> None:
    at = open_present(PMO, step="2")
    assert [unescape(s.value) for s in at.sidebar.subheader] == ["Record of DAG #36"]
    at.sidebar.selectbox(key="rec_kind").set_value("action").run()
    at.sidebar.text_area(key="rec_new_action_2_action").input("Programme to circulate the CR052 impact assessment")
    at.sidebar.text_input(key="rec_new_action_2_owner").input("Programme (PMO)")
    at.sidebar.date_input(key="rec_new_action_2_due").set_value("2024-06-12")
    at.sidebar.button(key="rec_new_action_2_save").click().run()
    assert not at.exception, [e.value for e in at.exception]
    assert "Saved DAG36-01." in [s.value.replace("\\", "") for s in at.sidebar.success]  # Markdown made inert
    (kept,) = record.entries(live_dir, "DAG36")
    assert (kept.kind, kept.ref, kept.author, kept.item) == (
        "action",
        "DAG36-01",
        "pmo@example.org",
        "Minutes and Actions",
    )
    assert kept.item_order == 2  # chair mode's step 2 is item 2 of DAG #36's own agenda (after Welcome)
    again = open_present(PMO, step="2")  # a new session (a reload, another replica): the entry is still there
    assert any("DAG36-01 Programme to circulate" in str(m.value).replace("\\", "") for m in again.sidebar.markdown)
    assert again.sidebar.text_area(key="rec_new_decision_2_outcome").value == ""  # saved: no draft left behind


def drafts(data: Path) -> list[Path]:
    return sorted((data / "record" / "DAG36").glob("_draft-*.json"))


def test_what_the_pmo_types_is_kept_before_save_and_an_entry_after(live_dir: Path) -> None:
    at = open_present(PMO, step="3")
    at.sidebar.text_area(key="rec_new_decision_3_outcome").input("DAG noted CR045's funding route").run()
    at.sidebar.text_input(key="rec_new_decision_3_refs").input("CR045").run()
    assert not at.exception, [e.value for e in at.exception]
    assert len(drafts(live_dir)) == 1  # kept as typed,
    assert record.entries(live_dir, "DAG36") == []  # not yet an entry
    again = open_present(PMO, step="3")  # a reload, a restart, another replica: what was typed is back
    assert again.sidebar.text_area(key="rec_new_decision_3_outcome").value == "DAG noted CR045's funding route"
    assert again.sidebar.text_input(key="rec_new_decision_3_refs").value == "CR045"
    assert again.sidebar.text_input(key="rec_new_decision_3_by").value == "DAG"
    other = open_present(PMO, step="2")  # another item's form starts empty: a draft is the item's own
    assert other.sidebar.text_area(key="rec_new_decision_2_outcome").value == ""
    again.sidebar.button(key="rec_new_decision_3_save").click().run()
    (kept,) = record.entries(live_dir, "DAG36")
    assert (kept.kind, kept.fields["outcome"], kept.fields["refs"]) == (
        "decision",
        "DAG noted CR045's funding route",
        "CR045",
    )
    assert drafts(live_dir) == []
    assert again.sidebar.text_area(key="rec_new_decision_3_outcome").value == ""


def test_the_record_is_of_the_group_the_link_names(live_dir: Path) -> None:
    """`?group=MCAG`: MCAG's coming meeting (8 May 2024) has no reference in the meetings log, so chair mode offers
    no capture and the workspace no review, rather than DAG #36's record under MCAG's pack."""
    at = open_present(PMO, step="2", group="MCAG")
    assert panel_widgets(at) == []
    ws = open_workspace(PMO, SECRETS, group="MCAG")
    assert "no coming MCAG meeting" in texts(ws)
    assert "DAG36" not in " ".join(str(c.value) for c in ws.caption)
    dag = open_workspace(PMO, SECRETS)  # no group named: DAG's coming meeting, DAG #36
    assert any("DAG #36 (DAG36) on 08 May 2024" in str(c.value) for c in dag.caption)

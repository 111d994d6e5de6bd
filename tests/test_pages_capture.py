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
    return [w for w in [*at.sidebar.selectbox, *at.sidebar.button] if str(w.key or "").startswith("rec_")] + [
        s for s in at.sidebar.subheader if "Record of" in str(s.value)
    ]


@pytest.mark.parametrize("user", [None, VIEWER, {"email": "pmo@example.org"}], ids=["signed out", "viewer", "unsigned"])
def test_a_viewer_sees_no_capture_panel(live_dir: Path, user: dict[str, object] | None) -> None:
    at = open_present(user)
    assert panel_widgets(at) == []
    assert not at.get("form")  # no form to post an entry through
    assert not (live_dir / "record").exists()


def test_the_pmo_captures_an_action_saved_to_the_data_directory(live_dir: Path) -> None:
    at = open_present(PMO, step="2")
    assert [unescape(s.value) for s in at.sidebar.subheader] == ["Record of DAG #36"]
    at.sidebar.selectbox(key="rec_kind").set_value("action").run()
    at.sidebar.text_area(key="rec_new_action_action").input("Programme to circulate the CR052 impact assessment")
    at.sidebar.text_input(key="rec_new_action_owner").input("Programme (PMO)")
    at.sidebar.date_input(key="rec_new_action_due").set_value("2024-06-12")
    at.sidebar.button[0].click().run()  # the form's Save
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

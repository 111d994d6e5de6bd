"""The server configuration is the safe one (no telemetry, XSRF on, uploads only on the PMO's workspace page,
minimal toolbar, no error details)
and the fast one (no garbage collection after every run)."""

from __future__ import annotations

import ast
import subprocess
import sys
import tomllib
from pathlib import Path

import pytest
import streamlit as st
from streamlit.testing.v1 import AppTest

from mhhs_dashboard import settings, workspace
from tests.fixtures import ROOT, SCREENS, layout_files

CONFIG = ROOT / ".streamlit" / "config.toml"
# option -> the value the dashboard must run with, and why
REQUIRED = {
    "browser.gatherUsageStats": False,  # no usage statistics: no outbound calls
    "browser.serverAddress": "localhost",  # set by hand, so a headless start never looks up its external IP
    "server.enableXsrfProtection": True,
    "server.enableCORS": True,
    "server.enableStaticServing": False,
    "server.enableAgentApi": False,
    "server.maxUploadSize": workspace.MAX_UPLOAD_MB,  # the workspace's one extract, checked again there
    "client.toolbarMode": "minimal",
    "client.showErrorDetails": "none",  # a viewer sees a generic message, never a traceback
    "client.showErrorLinks": False,
    "client.disableDataExport": True,  # the grid's own CSV export does not neutralise formulas
    "client.showSidebarNavigation": False,
    "runner.magicEnabled": False,
    "runner.postScriptGC": False,  # a full collection after every run was 23% of server time under load
}


def code_files() -> list[Path]:
    """Every Python file of the app: app.py, pages/, the screens they call and the rest of the package."""
    return [*layout_files(), *sorted((ROOT / "mhhs_dashboard").glob("*.py"))]


def test_config_file_sets_every_required_option() -> None:
    config = tomllib.loads(CONFIG.read_text(encoding="utf-8"))
    for option, want in REQUIRED.items():
        section, name = option.split(".")
        assert config.get(section, {}).get(name) == want, option


@pytest.mark.parametrize("option", sorted(REQUIRED))
def test_streamlit_reads_the_option_as_set(option: str) -> None:
    # pytest runs from the repository root, where Streamlit reads .streamlit/config.toml
    assert st.get_option(option) == REQUIRED[option]


def test_show_error_details_is_a_value_streamlit_knows() -> None:
    # 1.67 takes "full", "stacktrace", "type" or "none" (True/False are deprecated aliases)
    assert st.get_option("client.showErrorDetails") in ("full", "stacktrace", "type", "none")
    assert st.get_option("client.showErrorDetails") == "none"


def test_a_running_app_sees_the_same_options(sample_env: Path) -> None:
    at = AppTest.from_string(
        "import streamlit as st\n"
        "for o in ('client.showErrorDetails', 'browser.gatherUsageStats', 'server.enableXsrfProtection',"
        " 'client.toolbarMode'):\n"
        "    st.text(f'{o}={st.get_option(o)}')\n"
    ).run()
    shown = {t.value for t in at.text}
    assert shown == {
        "client.showErrorDetails=none",
        "browser.gatherUsageStats=False",
        "server.enableXsrfProtection=True",
        "client.toolbarMode=minimal",
    }


def calls_named(source: str, names: set[str]) -> list[tuple[int, str]]:
    """(line, name) of every call of a function or method named in `names` in `source`."""
    found = []
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.Call):
            fn = node.func
            name = fn.attr if isinstance(fn, ast.Attribute) else fn.id if isinstance(fn, ast.Name) else ""
            if name in names:
                found.append((node.lineno, name))
    return sorted(found)


UPLOADS = {"file_uploader", "camera_input", "audio_input"}


UPLOAD_PAGE = SCREENS / "workspace.py"


def test_a_file_uploader_only_on_the_workspace_page() -> None:
    """The app accepts files only on the PMO's workspace page (behind sign-in: tests/test_pages_workspace.py), and
    no camera pictures or recordings anywhere."""
    found = [(p.name, hit) for p in code_files() for hit in calls_named(p.read_text(encoding="utf-8"), UPLOADS)]
    assert [(name, call) for name, (_, call) in found] == [("workspace.py", "file_uploader")]
    assert [p for p in code_files() if "file_uploader" in p.read_text(encoding="utf-8")] == [UPLOAD_PAGE]


def test_the_uploader_is_drawn_after_the_pmo_gate() -> None:
    """On the workspace page, nothing calls the uploader before signin.require_pmo has stopped anyone else."""
    calls = calls_named(UPLOAD_PAGE.read_text(encoding="utf-8"), {"require_pmo", *UPLOADS})
    assert [name for _, name in calls] == ["require_pmo", "file_uploader"]


def test_the_scan_finds_an_uploader() -> None:
    source = "import streamlit as st\nwith st.sidebar:\n    st.sidebar.file_uploader('x')\nst.camera_input('y')\n"
    assert calls_named(source, UPLOADS) == [(3, "file_uploader"), (4, "camera_input")]


def test_page_config_sets_no_menu_items_that_link_out() -> None:
    """With toolbarMode minimal, menu_items would bring the menu back, with links out of the app."""
    for path in code_files():
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Call) and getattr(node.func, "attr", "") == "set_page_config":
                assert "menu_items" not in {k.arg for k in node.keywords}, path


@pytest.mark.slow
def test_a_server_that_draws_a_page_switches_threads_every_millisecond() -> None:
    """Every page's frame shortens Python's switch interval (5 ms by default) for the server; importing a module
    of the dashboard changes nothing."""
    code = (
        "import sys; from mhhs_dashboard import frame, settings; before = sys.getswitchinterval(); "
        "settings.tune_server(); print(before, sys.getswitchinterval(), settings.SWITCH_INTERVAL_SECONDS)"
    )
    out = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, check=True)
    before, shown, wanted = map(float, out.stdout.split())
    assert before == 0.005
    assert shown == wanted == 0.001
    frame_code = (ROOT / "mhhs_dashboard" / "frame.py").read_text(encoding="utf-8")
    assert "settings.tune_server()" in frame_code


@pytest.mark.parametrize(("given", "polls"), [("", 15.0), ("3", 3.0), ("0.5", 15.0), ("soon", 15.0), ("1e9", 15.0)])
def test_the_poll_for_new_data_is_set_by_the_environment_within_bounds(
    given: str, polls: float, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("MHHS_POLL_SECONDS", given)
    assert settings.poll_seconds() == polls

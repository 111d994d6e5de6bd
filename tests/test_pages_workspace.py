"""The workspace in AppTest: only a signed-in PMO session gets an uploader, however the URL or session is crafted."""

from __future__ import annotations

from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from tests.fixtures import APP
from tests.screen import tiles

WORKSPACE = "pages/workspace.py"
AUTH = {
    "redirect_uri": "http://localhost:8501/oauth2callback",
    "cookie_secret": "c" * 43,
    "client_id": "dashboard",
    "client_secret": "test-only",
    "server_metadata_url": "http://127.0.0.1:9/.well-known/openid-configuration",
}
SECRETS = {"auth": AUTH, "roles": {"pmo_emails": ["pmo@example.org"], "pmo_groups": ["mhhs-pmo"]}}
PMO = {"is_logged_in": True, "email": "pmo@example.org", "email_verified": True}


def open_as(
    page: str,
    user: dict[str, object] | None,
    secrets: dict[str, object] | None = None,
    timeout: int = 60,
    **params: str,
) -> AppTest:
    """`page` as `user` (None: AppTest's default, not signed in) with `secrets` (None: none) and the URL's `params`."""
    at = AppTest.from_file(str(APP), default_timeout=timeout)
    if secrets is not None:
        at.secrets = secrets
    if user is not None:
        at.user = user
    for k, v in params.items():
        at.query_params[k] = v
    at.run()
    at.switch_page(page).run()
    assert not at.exception, [e.value for e in at.exception]
    return at


def open_workspace(user: dict[str, object] | None, secrets: dict[str, object] | None = None, **params: str) -> AppTest:
    """The workspace page as `user` with `secrets`, as `open_as` opens it."""
    return open_as(WORKSPACE, user, secrets, **params)


def uploaders(at: AppTest) -> int:
    return len(at.get("file_uploader"))


def texts(at: AppTest) -> str:
    return " ".join(str(e.value) for e in [*at.info, *at.warning, *at.error])


def test_without_sign_in_configured_loading_is_switched_off(sample_env: Path) -> None:
    at = open_workspace(PMO)  # even a session that says it is signed in: sign-in is off, so it is no one
    assert uploaders(at) == 0
    assert "Loading extracts from the browser is switched off" in texts(at)
    assert "secrets.example.toml" in texts(at)
    assert not [b for b in at.button if b.label in ("Check", "Publish")]


@pytest.mark.parametrize(
    "user",
    [
        {},  # signed out
        {"email": "pmo@example.org"},  # AppTest's default shape: an e-mail, no sign-in
        {"is_logged_in": False, "email": "pmo@example.org"},
        {"is_logged_in": "True", "email": "pmo@example.org"},  # a string is not Streamlit's True
    ],
)
def test_a_session_not_signed_in_gets_the_sign_in_only(user: dict[str, object], sample_env: Path) -> None:
    at = open_workspace(user, SECRETS)
    assert uploaders(at) == 0
    assert "sign in to load extracts" in texts(at)
    assert [b.label for b in at.button if b.label.startswith("Sign in")]


@pytest.mark.parametrize(
    "user",
    [
        {"is_logged_in": True, "email": "someone@example.org"},
        {"is_logged_in": True, "email": "pmo@example.org", "email_verified": False},
        {"is_logged_in": True, "email": "x@example.org", "groups": ["mhhs-pmo-readers"]},
    ],
)
def test_a_signed_in_viewer_is_refused(user: dict[str, object], sample_env: Path) -> None:
    at = open_workspace(user, SECRETS)
    assert uploaders(at) == 0
    assert "not on the PMO's list" in texts(at)
    assert not any(b.label == "Publish" for b in at.button)


@pytest.mark.parametrize("params", [{}, {"present": "1"}, {"as_at": "2024-05-01"}, {"role": "pmo", "pmo": "1"}])
def test_a_crafted_url_does_not_open_it(params: dict[str, str], sample_env: Path) -> None:
    at = open_workspace({"is_logged_in": True, "email": "someone@example.org"}, SECRETS, **params)
    assert uploaders(at) == 0


def test_crafted_session_state_does_not_open_it(sample_env: Path) -> None:
    at = AppTest.from_file(str(APP), default_timeout=60)
    at.secrets = SECRETS
    at.user = {"is_logged_in": True, "email": "someone@example.org"}
    at.run()
    at.session_state["ws_result"] = "crafted"  # a state no widget of this session set
    at.session_state["ws_pending"] = "live:2024-04-30"
    at.switch_page(WORKSPACE).run()
    assert uploaders(at) == 0
    assert not at.exception


def test_the_pmo_by_e_mail_or_group_gets_the_uploader(sample_env: Path) -> None:
    at = open_workspace(PMO, SECRETS)
    assert uploaders(at) == 1
    assert any(b.label == "Check" and b.disabled for b in at.button)  # nothing dropped yet
    at = open_workspace({"is_logged_in": True, "email": "y@example.org", "groups": ["MHHS-PMO"]}, SECRETS)
    assert uploaders(at) == 1


def test_the_sidebar_links_the_workspace_for_the_pmo_only(sample_env: Path) -> None:
    def linked(user: dict[str, object]) -> bool:
        at = AppTest.from_file(str(APP), default_timeout=60)
        at.secrets, at.user = SECRETS, user
        at.run()
        return any("workspace" in str(link.proto.page) for link in at.get("page_link"))

    assert linked(PMO)
    assert not linked({"is_logged_in": True, "email": "someone@example.org"})
    assert not linked({})


def test_viewers_must_sign_in_when_the_configuration_says_so(sample_env: Path) -> None:
    secrets = {**SECRETS, "roles": {**SECRETS["roles"], "viewers_must_sign_in": True}}
    at = AppTest.from_file(str(APP), default_timeout=60)
    at.secrets, at.user = secrets, {}
    at.run()
    assert not tiles(at)  # no figure for a session that has not signed in
    assert "Sign in to read the dashboard." in texts(at)
    at = AppTest.from_file(str(APP), default_timeout=60)
    at.secrets, at.user = secrets, {"is_logged_in": True, "email": "someone@example.org"}
    at.run()
    assert tiles(at)


@pytest.mark.slow  # a CLI process
def test_the_data_quality_page_shows_the_audit_log(live_dir: Path, tmp_path: Path) -> None:
    """A refused CLI load is logged (as the operating-system user) and the data-quality page lists it."""
    from tests.test_cli import cli
    from tests.test_pages import open_page

    bad = tmp_path / "dins.csv"
    bad.write_text("DIN ID,Title,Status\nDIN-1,x,Not a status\n", encoding="utf-8")
    done = cli("ingest", "din-log", str(bad), "--as-at", "2024-05-08", "--data-dir", str(live_dir))
    assert done.returncode == 2
    at = open_page("pages/data_quality.py")
    assert not at.exception, [e.value for e in at.exception]
    (log,) = [t.value for t in at.table if t.proto.alt == "The newest entries of the audit log"]
    first = log.iloc[0].str.replace("\\", "")  # cells come back as the Markdown sent (data text made inert)
    assert (first["Step"], first["Outcome"], first["Register"], first["Via"]) == ("ingest", "refused", "din_log", "cli")
    assert first["File"].startswith("dins.csv")


def test_the_data_quality_page_says_when_nothing_is_logged(sample_env: Path) -> None:
    from tests.test_pages import open_page

    at = open_page("pages/data_quality.py")
    assert "No load has been logged in this data directory yet." in [m.value for m in at.markdown]

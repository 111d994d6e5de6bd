"""In a real browser, signed in through a local OpenID Connect provider: the PMO refuses a bad extract, previews,
publishes and undoes a good one, each step in the audit log as the PMO; an ordinary user gets no uploader."""

from __future__ import annotations

import contextlib
import hashlib
import json
import os
import re
import secrets
import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest

from mhhs_dashboard import audit
from mhhs_dashboard.blocks import TILE_SELECTOR
from tests.extracts import as_csv, din_extract
from tests.fixtures import APP, ROOT
from tests.serving import free_port, serve

pytestmark = pytest.mark.browser

PMO = "pmo.lead@example.org"
VIEWER = "dag.member@example.org"
SHOTS = Path(os.environ["MHHS_SHOTS"]) if os.environ.get("MHHS_SHOTS") else None  # screenshots, when asked for
AS_AT = "2024-05-08"
EXAMPLE_SECRETS = ROOT / ".streamlit" / "secrets.example.toml"  # what the README tells the PMO to copy


@contextlib.contextmanager
def identity_provider(people: dict[str, str]) -> Iterator[str]:
    """A local OpenID Connect provider on loopback that knows `people` (verified e-mail: name); its issuer URL."""
    import oidc_provider_mock

    users = [
        oidc_provider_mock.User(sub=email, claims={"email": email, "email_verified": True, "name": name})
        for email, name in people.items()
    ]
    with oidc_provider_mock.run_server_in_thread(user_claims=users) as server:
        yield f"http://localhost:{server.server_port}"


def secrets_file(place: Path, oidc: str, pmo_emails: list[str]) -> Path:
    """The example sign-in configuration (.streamlit/secrets.example.toml) as a PMO would fill it in, written to
    `place`: its provider is the test provider `oidc`, its client the one that provider accepts, a fresh cookie
    secret, and `pmo_emails` as the PMO; every other line as the example has it."""
    filled = {
        "redirect_uri": "http://127.0.0.1:{port}/oauth2callback",
        "cookie_secret": secrets.token_urlsafe(32),
        "client_id": "mhhs-dashboard",
        "client_secret": "test-only",
        "server_metadata_url": f"{oidc}/.well-known/openid-configuration",
    }
    text = EXAMPLE_SECRETS.read_text(encoding="utf-8")
    for key, value in [*((k, json.dumps(v)) for k, v in filled.items()), ("pmo_emails", json.dumps(pmo_emails))]:
        text, n = re.subn(rf"(?m)^{key} = .*$", lambda _, key=key, value=value: f"{key} = {value}", text)
        assert n == 1, f"{EXAMPLE_SECRETS} has no one line for {key}"
    toml = place / "secrets.toml"
    toml.write_text(text, encoding="utf-8")
    return toml


@pytest.fixture(scope="module")
def oidc() -> Iterator[str]:
    """A local OpenID Connect provider on loopback that knows the PMO and a DAG member; its issuer URL."""
    with identity_provider({PMO: "PMO Lead", VIEWER: "DAG member"}) as issuer:
        yield issuer


@pytest.fixture(scope="module")
def signed_server(oidc: str, sample_dir: Path, tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[str, Path]]:
    """The app served with sign-in on (a secrets file of its own pointed at the test provider) over a writable
    copy of the embedded data; (base URL, data directory)."""
    place = tmp_path_factory.mktemp("signed")
    data = place / "data"
    shutil.copytree(sample_dir, data)
    toml = secrets_file(place, oidc, [PMO])
    with serve(APP, free_port(), data, place / "streamlit.log", ["--secrets.files", str(toml)]) as running:
        yield running.base, data


def shot(page: object, name: str, size: tuple[int, int] = (1400, 1000)) -> None:
    """A screenshot of the whole page into MHHS_SHOTS (Streamlit scrolls inside its own container), at `size`
    (width, height) grown as tall as the page's content; the page is put back to `size` afterwards."""
    if SHOTS is None:
        return
    SHOTS.mkdir(parents=True, exist_ok=True)
    width, height = size
    tall = int(page.evaluate("document.querySelector('[data-testid=stMain]').scrollHeight"))  # type: ignore[attr-defined]
    page.set_viewport_size({"width": width, "height": tall + 40 if tall > height else height})  # type: ignore[attr-defined]
    page.screenshot(path=str(SHOTS / f"{name}.png"))  # type: ignore[attr-defined]
    page.set_viewport_size({"width": width, "height": height})  # type: ignore[attr-defined]


def idle(page: object) -> None:
    page.wait_for_function(  # type: ignore[attr-defined]
        "() => document.querySelector('[data-testid=stApp]')?.dataset.testScriptState === 'notRunning'",
        timeout=120_000,
    )


def sign_in(page: object, base: str, who: str) -> None:
    """Open the workspace, press Sign in, choose `who` at the provider, and come back signed in."""
    page.goto(base + "/workspace")  # type: ignore[attr-defined]
    page.get_by_text("sign in to load extracts").wait_for(timeout=90_000)  # type: ignore[attr-defined]
    page.get_by_role("button", name="Sign in", exact=True).click()  # type: ignore[attr-defined]
    page.get_by_role("button", name=who).click(timeout=60_000)  # type: ignore[attr-defined]  # the provider's form
    page.wait_for_url(base + "/**", timeout=60_000)  # type: ignore[attr-defined]
    page.locator('[data-testid="stApp"]').wait_for(timeout=90_000)  # type: ignore[attr-defined]
    page.goto(base + "/workspace")  # type: ignore[attr-defined]
    page.get_by_text(f"Signed in as {who}").first.wait_for(timeout=90_000)  # type: ignore[attr-defined]
    idle(page)


def files_under(folder: Path) -> dict[str, str]:
    return {
        str(p.relative_to(folder)): hashlib.sha256(p.read_bytes()).hexdigest()
        for p in sorted(folder.rglob("*"))
        if p.is_file() and "_audit" not in p.parts
    }


def drop(page: object, name: str, data: bytes) -> None:
    """Set the as-at date, drop `data` as `name` on the uploader and press Check."""
    date = page.locator('[data-testid="stDateInput"] input')  # type: ignore[attr-defined]
    date.fill(AS_AT)
    date.press("Enter")
    date.press("Escape")  # close the calendar
    idle(page)
    old = page.locator('[data-testid="stFileChipDeleteBtn"] button')  # type: ignore[attr-defined]
    if old.count():  # the file dropped before: take it away first
        old.first.click()
        idle(page)
    page.locator('[data-testid="stFileUploaderDropzoneInput"]').set_input_files(  # type: ignore[attr-defined]
        files=[{"name": name, "mimeType": "text/csv", "buffer": data}]
    )
    # the uploader shows the file (a long name cut in the middle), with its size
    page.locator('[data-testid="stFileUploader"]').filter(has_text="KB").wait_for(timeout=60_000)  # type: ignore[attr-defined]
    idle(page)
    page.get_by_role("button", name="Check").click()  # type: ignore[attr-defined]
    page.get_by_text(f"2. Check: {name}").wait_for(timeout=120_000)  # type: ignore[attr-defined]
    idle(page)


def open_dins(page: object, base: str) -> str:
    """The overview's 'Open DINs' tile as shown."""
    page.goto(base + "/")  # type: ignore[attr-defined]
    tile = page.locator(TILE_SELECTOR["tile"]).filter(has_text="Open DINs")  # type: ignore[attr-defined]
    tile.locator(TILE_SELECTOR["value"]).wait_for(timeout=90_000)
    idle(page)
    return str(tile.locator(TILE_SELECTOR["value"]).inner_text()).strip()


def test_the_pmo_refuses_previews_publishes_and_undoes(browser: object, signed_server: tuple[str, Path]) -> None:
    base, data = signed_server
    ctx = browser.new_context(viewport={"width": 1400, "height": 1000})  # type: ignore[attr-defined]
    page = ctx.new_page()
    errors: list[str] = []
    page.on("pageerror", lambda e: errors.append(str(e)))
    try:
        assert open_dins(page, base) == "86"
        sign_in(page, base, PMO)
        shot(page, "01-pmo-signed-in")

        before = files_under(data)
        bad = as_csv(din_extract(data)).replace(b"Open - awaiting assessment", b"Opened", 1)
        drop(page, "din log bad.csv", bad)
        refusal = page.locator('[data-testid="stAlert"]').filter(has_text="Refused:")
        assert "column 'Current Status': unknown status 'Opened'" in refusal.inner_text()
        assert files_under(data) == before  # nothing written
        shot(page, "02-refused")

        good = as_csv(din_extract(data, new_open=5, retitled=1))
        drop(page, "din log 2024-05-08.csv", good)
        # the preview's tiles come after the check's heading: wait for the last one drawn
        page.locator(TILE_SELECTOR["tile"]).filter(has_text="Rows gone").wait_for(timeout=120_000)
        idle(page)
        shot(page, "03-preview")
        counts = {
            m.locator(TILE_SELECTOR["label"]).inner_text().strip(): m.locator(TILE_SELECTOR["value"])
            .inner_text()
            .strip()
            for m in page.locator(TILE_SELECTOR["tile"]).all()
        }
        assert counts["Rows new"] == "5"
        assert counts["Rows gone"] == "0"
        assert counts["Rows changed"] == "9"  # one retitled, eight 'Interim Release 5.2 ' labels tidied
        assert page.get_by_text("Open DINs: 86 → 91 (+5)").count() == 1  # Markdown draws -> as an arrow
        assert files_under(data) == before  # a preview writes nothing either

        page.get_by_role("button", name="Publish", exact=True).click()
        page.get_by_text("Published din log 2024-05-08.csv").wait_for(timeout=120_000)
        idle(page)
        shot(page, "04-published")
        assert open_dins(page, base) == "91"
        shot(page, "05-overview-after-publish")

        page.goto(base + "/workspace")
        page.get_by_text("5. Snapshots of the register: undo").wait_for(timeout=90_000)
        idle(page)
        page.get_by_role("button", name=f"Remove the snapshot as at {AS_AT}").click()
        page.get_by_text(f"Remove the snapshot as at {AS_AT}: are you sure?").wait_for(timeout=60_000)
        idle(page)
        shot(page, "06-undo-confirm")
        page.get_by_role("button", name="Yes, do it").click()
        page.get_by_text(f"Removed the snapshot as at {AS_AT}").wait_for(timeout=60_000)
        idle(page)
        shot(page, "07-undone")
        table = page.locator('[data-testid="stTable"]').filter(has_text="Who").inner_text()
        for step in ("remove", "ingest", "check"):
            assert step in table
        assert table.count(PMO) == 4  # remove, publish (ingest), the good check, the refused check
        assert open_dins(page, base) == "86"
        shot(page, "08-overview-after-undo")
    finally:
        ctx.close()
    logged = [(e.action, e.outcome, e.who, e.via) for e in audit.entries(data)]
    assert logged == [
        ("check", "refused", PMO, "web"),
        ("check", "checked", PMO, "web"),
        ("ingest", "loaded", PMO, "web"),
        ("remove", "removed", PMO, "web"),
    ]
    assert errors == []


def test_an_ordinary_user_gets_no_uploader(browser: object, signed_server: tuple[str, Path]) -> None:
    base, _ = signed_server
    ctx = browser.new_context(viewport={"width": 1400, "height": 1000})  # type: ignore[attr-defined]
    page = ctx.new_page()
    try:
        page.goto(base + "/workspace")
        page.get_by_text("sign in to load extracts").wait_for(timeout=90_000)
        assert page.locator('[data-testid="stFileUploader"]').count() == 0
        shot(page, "09-signed-out")
        sign_in(page, base, VIEWER)
        assert page.get_by_text("who is not on the PMO's list").count() == 1
        assert page.locator('[data-testid="stFileUploader"]').count() == 0
        assert page.locator('[data-testid="stFileUploaderDropzoneInput"]').count() == 0
        assert page.get_by_role("link", name="Workspace").count() == 0
        shot(page, "10-viewer-refused")
        for crafted in ("/workspace?role=pmo", "/workspace?present=1", "/workspace?as_at=2024-05-01"):
            page.goto(base + crafted)
            page.get_by_text("who is not on the PMO's list").wait_for(timeout=90_000)
            idle(page)
            assert page.locator('[data-testid="stFileUploader"]').count() == 0
    finally:
        ctx.close()

"""Fixtures every test shares (a plugin the root conftest.py loads): data built in code, fresh caches, a server."""

from __future__ import annotations

import datetime as dt
import functools
import logging
import shutil
import uuid
from collections.abc import Callable, Iterator
from pathlib import Path

import pandas as pd
import pytest
import streamlit as st
from streamlit.components.v2 import manifest_scanner

from mhhs_dashboard import data, sample, schema
from mhhs_dashboard.store import Store, open_store, write_snapshot
from tests.serving import CHROMIUM, CHROMIUM_ARGS, free_port, serve  # one recipe for tests and benchmarks

ROOT = Path(__file__).resolve().parent.parent
APP = ROOT / "app.py"
SCREENS = ROOT / "mhhs_dashboard" / "screens"


def layout_files() -> list[Path]:
    """Every file that lays a page out: app.py and pages/*.py, and the screens/ modules whose show() they call."""
    return [APP, *sorted((ROOT / "pages").glob("*.py")), *sorted(SCREENS.glob("*.py"))]


AS_AT = dt.date(2024, 5, 1)

# Every new AppTest scans the metadata of each installed distribution for custom components: 0.2 s on an idle
# machine, over 1 s on a busy one, before its first run. What is installed does not change while the tests
# run, so it is scanned once (the dashboard uses no custom components; the scan finds none either way).
manifest_scanner.scan_component_manifests = functools.cache(manifest_scanner.scan_component_manifests)


SERVED = {"server", "page", "browser"}  # fixtures that start a real `streamlit run` or chromium


@pytest.hookimpl(tryfirst=True)  # before -m deselects
def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    """Mark `browser` every test that uses a real server or chromium, so `make test-fast` leaves it out."""
    for item in items:
        if SERVED & set(getattr(item, "fixturenames", ())):
            item.add_marker(pytest.mark.browser)


def _forget_all() -> None:
    st.cache_data.clear()
    st.cache_resource.clear()
    data.forget()  # and the plain-dict caches in front of st.cache_resource


@pytest.fixture(autouse=True)
def _fresh_caches(request: pytest.FixtureRequest) -> Iterator[None]:
    """Every test starts and ends with empty Streamlit caches, unless it is marked `shared_caches`.

    A test so marked only reads data directories it does not change (the data directory and its version are in
    every cache key, so a hit is what a second viewer of a server gets): such tests share what the first of them
    worked out, as the viewers of one server do, where each working out the meeting pack again cost 5-15 s. The
    others (those counting queries, patching what a query returns, or timing a cold page) clear the caches before
    and after themselves, so nothing they leave reaches a shared test."""
    shared = request.node.get_closest_marker("shared_caches") is not None
    if not shared:
        _forget_all()
    yield
    if not shared:
        _forget_all()


@pytest.fixture(scope="session")
def sample_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The embedded default data, built by code into a temporary directory (read-only by convention)."""
    folder = tmp_path_factory.mktemp("sample")
    sample.write_sample(folder)
    return folder


@pytest.fixture(scope="session")
def s3_server() -> Iterator[str]:
    """A local S3 server (moto) for the test session, on loopback: its host:port."""
    from moto.server import ThreadedMotoServer

    logging.getLogger("werkzeug").setLevel(logging.WARNING)  # not a line on stderr per request
    server = ThreadedMotoServer(ip_address="127.0.0.1", port=0, verbose=False)
    server.start()
    host, port = server.get_host_and_port()
    yield f"{host}:{port}"
    server.stop()


@pytest.fixture
def s3_dir(s3_server: str, monkeypatch: pytest.MonkeyPatch) -> str:
    """An empty data directory of its own in the local S3 server, as the URL MHHS_DATA_DIR would hold, with the
    server's (made-up) credentials in the environment, where the AWS SDK looks and servers started here inherit."""
    monkeypatch.setenv("AWS_ACCESS_KEY_ID", "testing")
    monkeypatch.setenv("AWS_SECRET_ACCESS_KEY", "testing")
    monkeypatch.setenv("AWS_EC2_METADATA_DISABLED", "true")
    options = f"endpoint_override={s3_server}&scheme=http&region=eu-west-2&allow_bucket_creation=true"
    return f"s3://mhhs-test/{uuid.uuid4().hex}?{options}"


@pytest.fixture
def sample_env(sample_dir: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """MHHS_DATA_DIR pointed at the embedded data."""
    monkeypatch.setenv("MHHS_DATA_DIR", str(sample_dir))
    return sample_dir


@pytest.fixture
def live_dir(sample_dir: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A writable copy of the embedded data, with MHHS_DATA_DIR pointed at it."""
    dest = tmp_path / "data"
    shutil.copytree(sample_dir, dest)
    monkeypatch.setenv("MHHS_DATA_DIR", str(dest))
    return dest


@pytest.fixture
def runs(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """The name of every query that reaches DuckDB from now on (cache hits do not)."""
    ran: list[str] = []
    real = data.run_query

    def counted(con: object, name: str, **params: object) -> pd.DataFrame:
        ran.append(name)
        return real(con, name, **params)  # type: ignore[arg-type]

    monkeypatch.setattr(data, "run_query", counted)
    return ran


def rows_frame(table: str, rows: list[dict[str, object]]) -> pd.DataFrame:
    """Hand-written rows as a frame with every column of `table` (missing ones empty)."""
    cols = schema.TABLES[table].columns
    return pd.DataFrame([{c: r.get(c) for c in cols} for r in rows], columns=list(cols))


StoreMaker = Callable[..., Store]


@pytest.fixture
def make_store(tmp_path: Path) -> StoreMaker:
    """Given tables of hand-written rows ({table: rows} or {table: {as_at: rows}}), an open store over them."""

    def make(**tables: list[dict[str, object]] | dict[dt.date, list[dict[str, object]]]) -> Store:
        for table, given in tables.items():
            snaps = given if isinstance(given, dict) else {AS_AT: given}
            for as_at, rows in snaps.items():
                write_snapshot(tmp_path, table, as_at, rows_frame(table, rows), replace=True)
        return open_store(tmp_path, strict=True)

    return make


def start_server(data: Path, tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """Run `streamlit run` of the app on a free loopback port over `data`; yield its base URL, then stop it."""
    log = tmp_path_factory.mktemp("server-log") / "streamlit.log"
    with serve(APP, free_port(), data, log) as running:  # the benchmark's way to serve the app, one recipe
        yield running.base


@pytest.fixture(scope="session")
def server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """A real `streamlit run` of the app on a loopback port, over the embedded data; yields its base URL."""
    data = tmp_path_factory.mktemp("server-data")
    sample.write_sample(data)
    yield from start_server(data, tmp_path_factory)


@pytest.fixture(scope="session")
def _playwright() -> Iterator[object]:
    """Playwright for the session; its sync API runs one at a time in a thread, so fixtures share this one."""
    if not Path(CHROMIUM).exists():
        pytest.fail(f"{CHROMIUM} is missing: install Debian's chromium (apt-get install chromium)")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        yield p


@pytest.fixture(scope="session")
def browser(_playwright: object) -> Iterator[object]:
    """Debian's chromium, headless, driven by Playwright (never a downloaded browser): for a test that wants
    contexts of its own (a second viewer, another screen size, offline)."""
    b = _playwright.chromium.launch(executable_path=CHROMIUM, headless=True, args=CHROMIUM_ARGS)  # type: ignore[attr-defined]
    yield b
    b.close()


@pytest.fixture(scope="session")
def _profile(_playwright: object, tmp_path_factory: pytest.TempPathFactory) -> Iterator[object]:
    """One chromium profile on disk for every `page`, as a viewer's own browser keeps one: the app's scripts
    stay in its cache, compiled, so a page is drawn about 1 s sooner than in a new (empty) context. Each page
    is still a session of its own on the server."""
    ctx = _playwright.chromium.launch_persistent_context(  # type: ignore[attr-defined]
        tmp_path_factory.mktemp("chromium-profile"),
        executable_path=CHROMIUM,
        headless=True,
        args=CHROMIUM_ARGS,
        viewport={"width": 1400, "height": 1000},
        accept_downloads=True,
    )
    yield ctx
    ctx.close()


@pytest.fixture
def page(_profile: object) -> Iterator[object]:
    """A new browser page at 1400x1000 that records console errors and page errors in `page.errors`; it and any
    tab it opened are closed afterwards."""
    before = set(_profile.pages)  # type: ignore[attr-defined]
    pg = _profile.new_page()  # type: ignore[attr-defined]
    pg.errors = []
    # deep links always probe <page>/_stcore/health and host-config first (STACK.md gotcha 4)
    pg.on("console", lambda m: pg.errors.append(m.text) if m.type == "error" and "404" not in m.text else None)
    pg.on("pageerror", lambda e: pg.errors.append(str(e)))
    yield pg
    for opened in set(_profile.pages) - before:  # type: ignore[attr-defined]
        opened.close()

"""In a real browser, signed in through a local OpenID Connect provider: DAG #36 records itself (#27). The chair
captures a decision naming CR045 and actions on chair mode's steps; they survive a reload and a server restart;
the chair and the secretary capture at the same moment without loss; an ordinary member gets no capture panel;
the record is published from the workspace and lands in the action log, on CR045's record, in the audit log, in
the drafted Headline Report and in the next meeting's pack."""

from __future__ import annotations

import contextlib
import re
import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest
from playwright.sync_api import expect

from mhhs_dashboard import audit, record
from mhhs_dashboard.blocks import TILE_SELECTOR
from tests.fixtures import APP
from tests.serving import Server, free_port, serve
from tests.test_browser_workspace import SHOTS, identity_provider, idle, secrets_file, shot, sign_in

pytestmark = pytest.mark.browser

CHAIR = "dag.chair@example.org"
SECRETARY = "dag.secretary@example.org"
MEMBER = "dag.member@example.org"
SCREEN = {"width": 1280, "height": 720}  # the shared meeting screen chair mode is made for
SAVED = re.compile(r"^Saved ")
DECISION = "DAG agreed CR045 (faster switching of settlement data) in principle, subject to funding by the PSG"
FIRST = "Programme to circulate the CR045 impact assessment to DAG members"
SECOND = "Design team to publish the updated interface catalogue"
THIRD = "Secretariat to book the DAG #37 design walkthrough"
DUE = "2024-06-12"
AFTER = "2024-05-20"  # a date after DAG #36 (8 May 2024) and before DAG #37 (12 June 2024)


class Room:
    """The app served with sign-in on over a writable copy of the embedded data: stopped and started again on the
    same port, secrets file and data directory, as a restart or a redeploy does."""

    def __init__(self, place: Path, data: Path, toml: Path) -> None:
        self.place, self.data, self.toml = place, data, toml
        self.port = free_port()
        self.starts = 0
        self._running: contextlib.AbstractContextManager[Server] | None = None
        self.base = f"http://127.0.0.1:{self.port}"

    def start(self) -> None:
        self.starts += 1
        log = self.place / f"streamlit-{self.starts}.log"
        running = serve(APP, self.port, self.data, log, ["--secrets.files", str(self.toml)])
        running.__enter__()
        self._running = running

    def stop(self) -> None:
        running, self._running = self._running, None
        if running is not None:
            running.__exit__(None, None, None)


@pytest.fixture(scope="module")
def people() -> Iterator[str]:
    """The test provider, knowing the chair and the secretary (both the PMO) and an ordinary DAG member."""
    with identity_provider({CHAIR: "DAG Chair", SECRETARY: "DAG Secretary", MEMBER: "DAG member"}) as issuer:
        yield issuer


@pytest.fixture
def room(people: str, sample_dir: Path, tmp_path: Path) -> Iterator[Room]:
    data = tmp_path / "data"
    shutil.copytree(sample_dir, data)
    served = Room(tmp_path, data, secrets_file(tmp_path, people, [CHAIR, SECRETARY]))
    served.start()
    try:
        yield served
    finally:
        served.stop()


def chair_mode(page: object, base: str, step: int, *, as_at: str = "", part: int = 0, panel: bool = True) -> None:
    """Open chair mode at `step` (and `part`) and wait until it is drawn; with `panel`, open the capture panel as
    the chair does (chair mode starts with the sidebar folded away, off the shared screen)."""
    query = f"step={step}" + (f"&part={part}" if part else "") + (f"&as_at={as_at}" if as_at else "")
    page.goto(f"{base}/present?{query}")  # type: ignore[attr-defined]
    page.locator('[data-testid="stMainBlockContainer"] h1').first.wait_for(timeout=90_000)  # type: ignore[attr-defined]
    idle(page)
    if panel:
        open_panel(page)


def open_panel(page: object) -> None:
    """Unfold the sidebar, if it is folded (the browser remembers the chair's choice), to the capture panel."""
    heading = sidebar(page).get_by_role("heading", name=re.compile(r"^Record of "))  # type: ignore[attr-defined]
    heading.wait_for(state="attached", timeout=60_000)
    unfold = page.locator('[data-testid="stExpandSidebarButton"]')  # type: ignore[attr-defined]
    if unfold.is_visible():
        unfold.click()
    heading.wait_for(timeout=60_000)


def sidebar(page: object) -> object:
    return page.locator('[data-testid="stSidebar"]')  # type: ignore[attr-defined]


def choose(page: object, label: str, option: str) -> None:
    """Pick `option` in the capture panel's selectbox `label`."""
    sidebar(page).locator('[data-testid="stSelectbox"]').filter(has_text=label).click()  # type: ignore[attr-defined]
    page.get_by_role("option", name=option, exact=True).click()  # type: ignore[attr-defined]
    idle(page)


def fill_decision(page: object, outcome: str, refs: str) -> None:
    side = sidebar(page)
    side.get_by_label("Outcome (the meeting's words)").fill(outcome)  # type: ignore[attr-defined]
    side.get_by_label("References (CR045, M10)").fill(refs)  # type: ignore[attr-defined]


def fill_action(page: object, action: str, owner: str, due: str) -> None:
    choose(page, "Capture", record.KINDS["action"])
    side = sidebar(page)
    side.get_by_label("Action", exact=True).fill(action)  # type: ignore[attr-defined]
    side.get_by_label("Owner", exact=True).fill(owner)  # type: ignore[attr-defined]
    date = side.locator('[data-testid="stDateInput"] input')  # type: ignore[attr-defined]
    date.fill(due)
    date.press("Enter")
    date.press("Escape")  # close the calendar


def press_save(page: object) -> None:
    sidebar(page).get_by_role("button", name="Save").click()  # type: ignore[attr-defined]


def saved(page: object) -> str:
    """Wait for the panel's confirmation and return it ('Saved DAG36-01.')."""
    said = sidebar(page).get_by_text(SAVED)  # type: ignore[attr-defined]
    said.wait_for(timeout=90_000)
    idle(page)
    return str(said.inner_text()).strip()


def captured_here(page: object) -> str:
    """The panel's list of what is captured on this item, with its heading."""
    side = sidebar(page)
    side.get_by_text(re.compile(r"^Captured on this item \(\d+\)")).wait_for(timeout=90_000)  # type: ignore[attr-defined]
    return str(side.inner_text())  # type: ignore[attr-defined]


def test_dag36_records_itself_from_capture_to_the_next_pack(browser: object, room: Room, tmp_path: Path) -> None:
    base = room.base
    new = browser.new_context  # type: ignore[attr-defined]
    chair = new(viewport=SCREEN, accept_downloads=True).new_page()
    errors: list[str] = []
    chair.on("pageerror", lambda e: errors.append(str(e)))
    contexts = [chair.context]
    try:
        sign_in(chair, base, CHAIR)

        # a decision on the Change Requests step, naming CR045
        chair_mode(chair, base, 3)
        sidebar(chair).get_by_text("Record of DAG #36").wait_for(timeout=60_000)
        fill_decision(chair, DECISION, "CR045")
        press_save(chair)
        decided = saved(chair)
        assert re.fullmatch(r"Saved DAG-2024-05-08-\d+\.", decided), decided
        assert "CR045" in captured_here(chair)
        # chair mode's 20 px is for the shared screen's main area: the panel's small print stays the sidebar's
        small = sidebar(chair).locator('[data-testid="stCaptionContainer"]').first  # type: ignore[attr-defined]
        assert small.evaluate("e => parseFloat(getComputedStyle(e).fontSize)") < 20
        shot(chair, "01-chair-mode-decision", (SCREEN["width"], SCREEN["height"]))

        # an action on the Minutes and Actions step
        chair_mode(chair, base, 2)
        fill_action(chair, FIRST, "Programme (PMO)", DUE)
        press_save(chair)
        assert saved(chair) == "Saved DAG36-01."
        assert f"DAG36-01 {FIRST}" in captured_here(chair)
        sidebar(chair).get_by_text(SAVED).scroll_into_view_if_needed()
        shot(chair, "02-chair-mode-action", (SCREEN["width"], SCREEN["height"]))

        # a reload keeps both: each is a file in the data directory, not a thing of the session
        chair.reload()
        chair.locator('[data-testid="stMainBlockContainer"] h1').first.wait_for(timeout=90_000)
        idle(chair)
        open_panel(chair)
        assert f"DAG36-01 {FIRST}" in captured_here(chair)
        chair_mode(chair, base, 3)
        assert "Captured on this item (1)" in captured_here(chair)
        assert DECISION in captured_here(chair)

        # so does a restart of the server on the same data directory (the chair's sign-in cookie outlives it)
        room.stop()
        room.start()
        chair_mode(chair, base, 3)
        assert DECISION in captured_here(chair)
        chair_mode(chair, base, 2)
        assert f"DAG36-01 {FIRST}" in captured_here(chair)

        # the chair and the secretary, each signed in in a browser of their own, save at the same moment
        secretary = new(viewport=SCREEN).new_page()
        secretary.on("pageerror", lambda e: errors.append(str(e)))
        contexts.append(secretary.context)
        sign_in(secretary, base, SECRETARY)
        for pg in (chair, secretary):
            chair_mode(pg, base, 4)
        fill_action(chair, SECOND, "Design team", DUE)
        fill_action(secretary, THIRD, "Secretariat", DUE)
        press_save(chair)
        press_save(secretary)  # both forms posted before either answer is waited for
        chair_said, secretary_said = saved(chair), saved(secretary)
        assert {chair_said, secretary_said} == {"Saved DAG36-02.", "Saved DAG36-03."}  # one each, none twice
        for pg in (chair, secretary):
            chair_mode(pg, base, 4)
            listed = captured_here(pg)
            assert "Captured on this item (2)" in listed
            assert SECOND in listed
            assert THIRD in listed
        kept = record.entries(room.data, "DAG36")
        actions = {e.ref: (e.author, e.item_order) for e in kept if e.kind == "action"}
        assert sorted(actions) == ["DAG36-01", "DAG36-02", "DAG36-03"]
        assert actions["DAG36-01"] == (CHAIR, 2)
        assert actions[chair_said.split()[1].rstrip(".")] == (CHAIR, 4)  # each browser told the number it got
        assert actions[secretary_said.split()[1].rstrip(".")] == (SECRETARY, 4)
        (decision,) = [e for e in kept if e.kind == "decision"]
        assert (decision.fields["refs"], decision.author, decision.item_order) == ("CR045", CHAIR, 3)
        sidebar(secretary).get_by_text(re.compile(r"^Captured on this item")).scroll_into_view_if_needed()
        shot(secretary, "03-secretary-captured", (SCREEN["width"], SCREEN["height"]))

        # an ordinary member signed in sees the same step with no panel and no form to post through
        member = new(viewport=SCREEN).new_page()
        contexts.append(member.context)
        sign_in(member, base, MEMBER)
        chair_mode(member, base, 4, panel=False)
        member.get_by_role("button", name="Next").wait_for(timeout=60_000)  # the step's widgets are drawn, so an
        member.locator(TILE_SELECTOR["value"]).first.wait_for(timeout=60_000)  # absence below is real
        assert not member.locator('[data-testid="stExpandSidebarButton"]').is_visible()
        assert member.get_by_text("Record of DAG #36").count() == 0
        assert member.locator('[data-testid="stForm"]').count() == 0
        assert member.get_by_role("button", name="Save").count() == 0
        assert member.get_by_text(SECOND).count() == 0
        shot(member, "04-member-no-panel", (SCREEN["width"], SCREEN["height"]))

        # the workspace: review, publish
        chair.set_viewport_size({"width": 1400, "height": 1000})
        chair.goto(base + "/workspace")
        review = chair.get_by_role("heading", name="Meeting record: review and publish")
        review.wait_for(timeout=90_000)
        idle(chair)
        for drawn in ('[data-testid="stFileUploaderDropzone"]', '[data-testid="stTable"]'):  # lazily loaded widgets
            chair.locator(drawn).first.wait_for(timeout=60_000)
        assert chair.locator('[data-testid="stExpander"]').filter(has_text="DAG36-0").count() == 3
        review.scroll_into_view_if_needed()
        shot(chair, "05-workspace-review")
        chair.get_by_role("button", name="Publish the record").click()
        chair.get_by_text("Published DAG36: actions DAG36-01, DAG36-02, DAG36-03.").wait_for(timeout=120_000)
        idle(chair)
        assert chair.get_by_role("button", name="Undo the publication").count() == 1
        audit_table = chair.locator('[data-testid="stTable"]').filter(has_text="Who").inner_text()
        assert "meeting record DAG36" in audit_table
        assert CHAIR in audit_table
        shot(chair, "06-workspace-published")

        # the drafted Headline Report, downloaded as the PMO would
        with chair.expect_download(timeout=120_000) as got:
            chair.get_by_role("button", name="Headline Report (HTML)").click()
        report = tmp_path / got.value.suggested_filename
        got.value.save_as(report)
        assert report.name == "dag36_headline_report.html"
        html = report.read_text(encoding="utf-8")
        assert DECISION in html
        assert "DAG36-01" in html
        assert FIRST in html
        reader = new(viewport={"width": 1400, "height": 1000}).new_page()
        contexts.append(reader.context)
        reader.goto(report.as_uri())
        reader.get_by_text("DAG36-01").first.wait_for(timeout=30_000)
        assert "CR045" in reader.inner_text("body")
        if SHOTS is not None:  # a plain page: it scrolls as a whole
            reader.screenshot(path=str(SHOTS / "07-headline-report.png"), full_page=True)

        # the action log has DAG36-01
        chair.goto(base + "/actions?action=DAG36-01")
        chair.get_by_text(FIRST).first.wait_for(timeout=90_000)
        idle(chair)
        assert chair.get_by_text("Programme (PMO)").count() >= 1
        shot(chair, "08-action-log-dag36-01")

        # CR045's record opens with the decision
        chair.goto(base + "/change_requests?cr=CR045")
        latest = chair.get_by_text("Latest decision:")
        latest.wait_for(timeout=90_000)
        idle(chair)
        record_text = chair.locator('[data-testid="stMain"]').inner_text()
        head = record_text.index("Latest decision:")
        assert record_text[head:].startswith("Latest decision: DAG decided on CR045 on 8 May 2024"), record_text
        assert head < record_text.index(DECISION) < record_text.index("The record")  # at the top of the record
        shot(chair, "09-cr045-record")

        # the next pack's Minutes and Actions, in chair mode as at a date before DAG #37
        chair.set_viewport_size(SCREEN)
        chair_mode(chair, base, 1, as_at=AFTER, panel=False)  # DAG #37's standing items open on it
        title = chair.locator('[data-testid="stMainBlockContainer"] h1').first
        for _ in range(20):  # its screens, walked with Next as the chair does
            heading = title.inner_text()
            assert "Minutes and Actions" in heading, "DAG36-01 is on none of the next pack's Minutes and Actions"
            main = chair.locator('[data-testid="stMain"]').inner_text()
            if "DAG36-01" in main:
                break
            chair.get_by_role("button", name="Next").click()
            expect(title).not_to_have_text(heading, timeout=60_000)
            idle(chair)
        assert FIRST in main
        assert "DAG #37" in main  # the pack of the next meeting, not DAG #36's again
        shot(chair, "10-next-pack-minutes-and-actions", (SCREEN["width"], SCREEN["height"]))
    finally:
        for ctx in contexts:
            ctx.close()
    published = [(e.action, e.outcome, e.who, e.via) for e in audit.entries(room.data) if e.table == "record"]
    assert published == [("publish", "published", CHAIR, "web")]
    assert errors == []

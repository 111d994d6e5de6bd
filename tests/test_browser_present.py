"""In chromium: chair mode fits a 1280x720 screen with no sidebar; Next moves on; the HTML pack works offline."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path

import pytest
from pptx import Presentation

from mhhs_dashboard import charts
from tests.test_cli import cli
from tests.test_pages_present import PARTS, SCREENS, STEPS
from tests.test_report import flatten

pytestmark = pytest.mark.browser


@pytest.fixture
def screen(browser) -> Iterator[object]:
    """A page the size of a shared meeting screen, 1280x720."""
    ctx = browser.new_context(viewport={"width": 1280, "height": 720}, accept_downloads=True)
    pg = ctx.new_page()
    yield pg
    ctx.close()


DRAWN = """() => [...document.querySelectorAll('[data-testid=stPlotlyChart]')]
  .every(c => c.querySelector('.main-svg text'))"""  # drawn down to its labels, not only its frame
# true once the charts' labels have been the same for three polls in a row (a redraw empties them meanwhile)
STILL = """() => {
  const now = [...document.querySelectorAll('[data-testid=stPlotlyChart] .main-svg text')].length;
  const seen = (window.__labels = [...(window.__labels || []), now].slice(-3));
  return seen.length === 3 && seen.every(n => n === now);
}"""
CHARTS = "() => document.querySelectorAll('[data-testid=stPlotlyChart]').length"


def settle(pg, screen: str = "") -> None:
    """Wait until the script has finished and the screen's charts (whichever it has) have drawn."""
    pg.wait_for_selector('[data-testid="stMainBlockContainer"] h1', timeout=60_000)
    pg.wait_for_selector('[data-testid="stApp"][data-test-script-state="notRunning"]', timeout=60_000)
    pg.wait_for_function(DRAWN, timeout=60_000)
    pg.wait_for_function(STILL, timeout=60_000, polling=500)  # Plotly redraws a chart once its width is known
    pg.wait_for_timeout(1000)  # let the layout settle after the last element arrived


SIZES = """() => {
  const main = document.querySelector('[data-testid=stMain]');
  const doc = document.scrollingElement;
  const caption = document.querySelector('[data-testid=stCaptionContainer] p');
  const visible = (sel) => [...document.querySelectorAll(sel)].some(e => e.offsetWidth > 0 && e.offsetHeight > 0);
  return {main: [main.scrollHeight, main.clientHeight], doc: [doc.scrollHeight, doc.clientHeight],
          sidebar: visible('[data-testid=stSidebar]') || visible('[data-testid=stSidebarCollapsedControl]'),
          header: visible('[data-testid=stHeader]') || visible('[data-testid=stToolbar]'),
          caption_px: parseFloat(getComputedStyle(caption).fontSize)};
}"""


@pytest.mark.parametrize(("step", "title"), list(enumerate(STEPS, start=1)), ids=STEPS)
def test_each_step_fits_the_screen_without_sidebar_or_chrome(
    screen, server: str, step: int, title: str, tmp_path: Path
) -> None:
    screen.goto(f"{server}/present?step={step}")
    settle(screen)
    assert screen.locator("h1").first.inner_text().endswith(title)
    got = screen.evaluate(SIZES)
    if got["main"][0] > got["main"][1]:
        screen.screenshot(path=str(tmp_path / "overflow.png"))
    assert got["main"][0] <= got["main"][1], f"step {step} scrolls: {got['main']}, see {tmp_path}"
    assert got["doc"][0] <= got["doc"][1], f"step {step} scrolls the document: {got['doc']}"
    assert not got["sidebar"]
    assert not got["header"]
    assert got["caption_px"] >= 20
    assert screen.locator('[data-testid="stException"]').count() == 0


# Every piece of text on screen, HTML and SVG (chart labels) alike: its computed font size; every element whose
# content is wider or taller than its box and is cut (overflow not visible; an ellipsis is one such cut); and
# the colour of every chart text.
TEXTS = """() => {
  const main = document.querySelector('[data-testid=stMain]');
  const walk = document.createTreeWalker(main, NodeFilter.SHOW_TEXT);
  const small = [], colours = [];
  let n, count = 0;
  while ((n = walk.nextNode())) {
    const e = n.parentElement, text = n.textContent.trim();
    if (!text) continue;
    const box = e.getBoundingClientRect();
    if (box.width === 0 || box.height === 0 || getComputedStyle(e).visibility === 'hidden') continue;
    if (e.closest('.modebar, .hoverlayer')) continue;  // the chart toolbar (icons, on hover) and hover labels
    count++;
    const px = parseFloat(getComputedStyle(e).fontSize);
    if (px < 20) small.push([px, e.tagName, text.slice(0, 40)]);
    if (e.closest('svg') && !e.closest('.bartext-inside')) colours.push([getComputedStyle(e).fill, text.slice(0, 20)]);
  }
  const cut = [];
  for (const e of main.querySelectorAll('*')) {
    const cs = getComputedStyle(e);
    if (!(e instanceof HTMLElement) || e.offsetWidth === 0) continue;
    const clips = cs.overflowX !== 'visible' || cs.textOverflow === 'ellipsis';
    if (clips && e !== main && (e.scrollWidth > e.clientWidth + 1 || e.scrollHeight > e.clientHeight + 1))
      cut.push([e.tagName, e.getAttribute('data-testid'), e.scrollWidth, e.clientWidth, e.textContent.slice(0, 40)]);
  }
  // a table's cells and headings are Markdown to Streamlit: none may come out as a heading, list or quote
  const blocks = [...main.querySelectorAll('[data-testid=stTable] :is(h1, h2, h3, h4, h5, h6, ul, ol, blockquote)')]
    .map(e => e.closest('td, th').innerText.slice(0, 40));
  return {count, small, cut, colours, blocks, scroll: [main.scrollHeight, main.clientHeight]};
}"""


@pytest.mark.parametrize("number", SCREENS)
def test_every_screen_has_all_text_at_20px_nothing_cut_and_no_scroll(screen, server: str, number: str) -> None:
    step, _, part = number.partition(".")
    screen.goto(f"{server}/present?step={step}" + (f"&part={part}" if part else ""))
    settle(screen, number)
    assert screen.locator("h1").first.inner_text().startswith(f"{number} · ")
    got = screen.evaluate(TEXTS)
    assert got["count"] > 1  # it read the screen's text: the title and what is under it
    assert got["small"] == []
    assert got["cut"] == [], got["cut"]
    assert got["blocks"] == []
    assert got["scroll"][0] <= got["scroll"][1]
    assert screen.locator('[data-testid="stDataFrame"]').count() == 0  # no canvas grid on a shared screen
    weak = [(fill, text) for fill, text in got["colours"] if charts.contrast_ratio(fill) < 4.5]
    assert weak == []  # chart axis labels, ticks, legends, titles: 4.5:1 or more on white
    if screen.evaluate(CHARTS):
        assert len(got["colours"]) > 10


@pytest.mark.parametrize(("asked", "shows"), [("NOPE", "Design Advisory Group #36"), ("sitag", "System Integration")])
def test_the_group_of_a_link_opens_its_meeting_an_unknown_one_is_dropped(
    screen, server: str, asked: str, shows: str
) -> None:
    screen.goto(f"{server}/present?group={asked}")
    settle(screen)
    caption = screen.locator('[data-testid="stCaptionContainer"]').first.inner_text()
    assert caption.startswith(shows)
    notice = screen.locator('[data-testid="stAlert"]')
    if asked == "NOPE":
        assert "Ignored what this link asked for" in notice.first.inner_text()
        assert "group=NOPE" in notice.first.inner_text()
        assert "group=" not in screen.url
    else:
        assert notice.count() == 0
        assert "group=SITAG" in screen.url


def test_pagedown_after_a_click_in_a_table_moves_on_and_pageup_back(screen, server: str) -> None:
    screen.goto(f"{server}/present?step=2&part=2")
    settle(screen, "2.2")
    screen.locator('[data-testid="stTable"] td').nth(1).click()
    screen.keyboard.press("PageDown")
    screen.wait_for_url("**part=3**", timeout=60_000)
    screen.get_by_role("heading", name="2.3 · Minutes and Actions").wait_for(timeout=60_000)
    settle(screen, "2.3")
    screen.locator('[data-testid="stTable"] th').first.click()
    screen.keyboard.press("PageUp")
    screen.get_by_role("heading", name="2.2 · Minutes and Actions").wait_for(timeout=60_000)
    assert "part=2" in screen.url


def test_leave_chair_mode_opens_the_dashboard_at_the_same_as_at(screen, server: str) -> None:
    # on 2 April 2024 no agenda is in the data yet: the pack's standing sections, the CRs second
    screen.goto(f"{server}/present?step=2&part=2&as_at=2024-04-02")
    settle(screen)
    screen.get_by_role("link", name="Leave chair mode").click()
    screen.wait_for_url("**/change_requests?**", timeout=60_000)
    assert "as_at=2024-04-02" in screen.url
    screen.wait_for_selector('[data-testid="stSidebar"]', timeout=60_000)  # the normal dashboard, sidebar and all


def test_next_moves_to_the_next_step_and_the_url_follows(screen, server: str) -> None:
    last = PARTS[3]
    screen.goto(f"{server}/present?step=3&part={last}&as_at=2024-05-01")
    settle(screen)
    screen.get_by_role("button", name="Next").click()
    screen.wait_for_url("**step=4**", timeout=60_000)
    screen.get_by_role("heading", name="4.1 · Design Updates").wait_for(timeout=60_000)
    assert "as_at=2024-05-01" in screen.url
    screen.get_by_role("button", name="Previous").click()
    screen.wait_for_url("**step=3**", timeout=60_000)
    screen.get_by_role("heading", name=f"3.{last} · Change Requests Update").wait_for(timeout=60_000)


def test_the_html_pack_opens_offline_with_its_charts_and_the_stats_figures(
    browser, sample_dir: Path, tmp_path: Path
) -> None:
    out = tmp_path / "pack.html"
    done = cli("report", "--out", str(out), "--data-dir", str(sample_dir))
    assert done.returncode == 0, done.stderr
    stats = cli("stats", "--json", "--data-dir", str(sample_dir))
    want = flatten(json.loads(stats.stdout))

    ctx = browser.new_context(offline=True)
    blocked: list[str] = []

    def only_the_file(route) -> None:
        if route.request.url.startswith("file:"):
            route.continue_()
        else:
            blocked.append(route.request.url)
            route.abort()

    ctx.route("**/*", only_the_file)
    pg = ctx.new_page()
    errors: list[str] = []
    pg.on("pageerror", lambda e: errors.append(str(e)))
    pg.goto(out.as_uri())
    pg.locator(".main-svg").first.wait_for(timeout=60_000)
    assert pg.locator(".plotly-graph-div .main-svg").count() >= 3
    assert pg.locator(".plotly-graph-div .bars path").count() > 10  # bars drawn, not just an empty frame
    got = pg.evaluate(
        "() => Object.fromEntries([...document.querySelectorAll('[data-figure]')]"
        ".map(e => [e.dataset.figure, e.textContent.trim()]))"
    )
    ctx.close()
    assert {k: got.get(k) for k in want} == want
    assert blocked == []  # it asked for nothing beyond itself
    assert errors == []


def test_the_summary_step_downloads_the_pack_and_the_slides(screen, server: str) -> None:
    screen.goto(f"{server}/present?step=7&part={PARTS[7]}")
    settle(screen)
    with screen.expect_download(timeout=120_000) as got:
        screen.get_by_role("button", name="Meeting pack (HTML)").click()
    html = Path(got.value.path()).read_text(encoding="utf-8")
    assert got.value.suggested_filename == "dag_pack_as-at-2024-05-01.html"
    assert 'data-figure="dins.total">1029<' in html
    with screen.expect_download(timeout=120_000) as got:
        screen.get_by_role("button", name="Data slides (PowerPoint)").click()
    assert got.value.suggested_filename.endswith(".pptx")
    titles = [s.shapes.title.text for s in Presentation(got.value.path()).slides]
    assert "4. Design Updates" in titles  # the pack numbers its sections as DAG #36's agenda does (1. Welcome)
    assert "DINs by status" in titles


def test_any_page_in_chair_mode_writes_its_notes_at_20px(screen, server: str) -> None:
    """present=1 makes any page chair mode: the notes a card or a row of tiles sends in its block (blocks.panel)
    are 20 px, as captions are."""
    screen.goto(f"{server}/dins?present=1")
    settle(screen)
    sizes = screen.evaluate(
        "() => [...document.querySelectorAll('[data-testid=stMain] .mhhs-note')]"
        ".map(e => parseFloat(getComputedStyle(e).fontSize))"
    )
    assert len(sizes) >= 2  # the note under the tiles, the next release's
    assert min(sizes) >= 20

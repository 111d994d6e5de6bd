"""Hostile input: whatever a URL or a data cell carries, no page shows a traceback, runs it, or changes the data.

Generic over pages: every test discovers app.py + pages/*.py, so it covers each real page as it is merged in.
"""

from __future__ import annotations

import ast
import csv
import datetime as dt
import hashlib
import io
from collections.abc import Iterator
from pathlib import Path

import pandas as pd
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from openpyxl import load_workbook
from streamlit.testing.v1 import AppTest

from mhhs_dashboard import blocks
from mhhs_dashboard.downloads import FORMULA_START, csv_bytes, neutralise, xlsx_bytes
from mhhs_dashboard.filters import MAX_PARAM_LEN
from mhhs_dashboard.text import inert, shorten
from tests.fixtures import APP, ROOT
from tests.test_browser import settle
from tests.test_config import calls_named, code_files
from tests.test_pages import PAGES

ALL_PAGES = ["app.py", *PAGES]
NOTICE = "Ignored what this link asked for"
SQL = ["' OR 1=1 --", "'; DROP TABLE din_log; --", "1; DROP TABLE actions", '" OR ""="', "$releases", "?"]
MARKUP = [
    "<script>alert(1)</script>",
    "<img src=x onerror=alert(1)>",
    "[x](javascript:alert(1))",
    "javascript:alert(1)",
    "**bold** _it_ `code` $x^2$ :red[red]",
]
ODD = [
    "",
    " ",
    "Interim Release 5.2 ",
    "interim release 5.2",
    "DAG\x00",
    "IR7.3",
    "Ünïcødé ✓ 日本語 🚀",
    "\u202e\u200b",
]
KNOWN_KEYS = ["release", "group", "status", "since", "as_at", "present", "din", "cr", "risk", "action", "milestone"]

hostile_text = st.one_of(
    st.sampled_from(SQL + MARKUP + ODD),
    st.text(st.characters(exclude_categories=("Cs",)), max_size=30),
    st.text(alphabet="ab<>'\";-=", min_size=MAX_PARAM_LEN - 5, max_size=MAX_PARAM_LEN + 300),  # very long
    st.dates().map(lambda d: d.isoformat()),
)
params = st.dictionaries(
    st.one_of(st.sampled_from(KNOWN_KEYS), st.text(st.characters(exclude_categories=("Cs",)), min_size=1, max_size=12)),
    st.lists(hostile_text, min_size=1, max_size=3),  # more than one value: a repeated key
    max_size=4,
)


def digest(folder: Path) -> str:
    """One hash over every file's path and bytes under `folder`."""
    h = hashlib.sha256()
    for p in sorted(folder.rglob("*")):
        if p.is_file():
            h.update(str(p.relative_to(folder)).encode())
            h.update(p.read_bytes())
    return h.hexdigest()


def open_deep(page: str, **query: str | list[str]) -> AppTest:
    """`page` opened as a deep link carrying `query` (open_page would let app.py clean the URL first)."""
    at = AppTest.from_file(str(APP), default_timeout=120).run()
    if page != "app.py":
        at.switch_page(page)
    for k, v in query.items():
        at.query_params[k] = v
    return at.run()


def notice_text(at: object) -> str:
    return " ".join(i.value for i in at.info if NOTICE in i.value)  # type: ignore[attr-defined]


def check_page(page: str, query: dict[str, list[str]]) -> None:
    """Open `page` with `query`; assert no exception, and every unknown filter value named in the notice."""
    at = open_deep(page, **{k: v if len(v) > 1 else v[0] for k, v in query.items()})
    assert not at.exception, [e.value for e in at.exception]
    notice = notice_text(at)
    for param in ("release", "group", "status"):
        widget = [w for w in at.multiselect if w.key == f"filter_{param}"]
        if not widget or param not in query:
            continue  # this page does not filter on it
        options = set(widget[0].options)
        for value in query[param]:
            if value[: MAX_PARAM_LEN + 1] not in options:
                assert inert(f"{param}={shorten(value[: MAX_PARAM_LEN + 1])}").strip() in notice, (param, value)
        # the widget holds only known values, and the URL was rewritten to match it
        assert set(widget[0].value) <= options
        in_url = at.query_params.get(param, [])
        assert set([in_url] if isinstance(in_url, str) else in_url) <= options, (param, in_url)
    for param in ("since", "as_at"):
        if param in query:
            last = query[param][-1]
            try:
                dt.date.fromisoformat(last)
                valid = len(last) <= MAX_PARAM_LEN
            except ValueError:
                valid = False
            if last and not valid:
                assert inert(f"{param}={shorten(last)}").strip() in notice, (param, last)
    for info in at.info:  # a notice never echoes markup: every special character arrives escaped
        assert "<script>" not in info.value
        assert "](javascript:" not in info.value


@pytest.mark.parametrize("page", ALL_PAGES)
def test_hostile_query_parameters_never_break_a_page(page: str, sample_env: Path) -> None:
    before = digest(sample_env)

    # 6 examples a page (a second or more each, on every page): the named cases below cover the known payloads;
    # this explores the shapes around them, different ones at each run
    @settings(max_examples=6, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
    @given(query=params)
    def run(query: dict[str, list[str]]) -> None:
        check_page(page, query)

    run()
    assert digest(sample_env) == before, "opening pages must never write to the data directory"


@pytest.mark.parametrize("page", ALL_PAGES)
def test_named_hostile_values_are_dropped_with_a_notice(page: str, sample_env: Path) -> None:
    """Every named SQL fragment and markup payload at once, as repeated keys (one run per page keeps it quick)."""
    hostile = [*SQL, *MARKUP]
    check_page(page, {"release": hostile, "group": [*hostile, *hostile], "status": hostile})
    for value in (SQL[0], MARKUP[0]):
        check_page(page, {"since": [value], "as_at": [value]})
        at = open_deep(page, as_at=value)
        assert inert(f"as_at={shorten(value)}").strip() in notice_text(at)


# --- no query is ever built by formatting, and nothing data-supplied reaches raw HTML ---------------------------

SQL_CALLS = {"execute", "executemany", "sql", "query_df", "from_query"}


def test_sql_runs_only_in_the_query_runner() -> None:
    """Only db.py hands text to DuckDB (and it reads that text from queries/*.sql); ruff's S608 guards the rest."""
    found = [
        (p.relative_to(ROOT).as_posix(), hit)
        for p in code_files()
        if p.name != "db.py"
        for hit in calls_named(p.read_text(encoding="utf-8"), SQL_CALLS)
    ]
    assert found == []


def test_the_query_runner_passes_only_file_text_and_bound_params() -> None:
    tree = ast.parse((ROOT / "mhhs_dashboard" / "db.py").read_text(encoding="utf-8"))
    for node in ast.walk(tree):
        if isinstance(node, ast.Call) and getattr(node.func, "attr", "") == "execute":
            first = node.args[0]
            # the statement is a name bound to load_sql(...), never an f-string, % or .format
            assert isinstance(first, ast.Name | ast.Call), ast.unparse(node)
            assert not isinstance(first, ast.JoinedStr | ast.BinOp)


def constant_text(node: ast.expr) -> bool:
    """True when `node` is literal text: a string constant, or an f-string with no {fields}."""
    if isinstance(node, ast.Constant) and isinstance(node.value, str):
        return True
    return isinstance(node, ast.JoinedStr) and all(isinstance(v, ast.Constant) for v in node.values)  # noqa: PD011 - an AST node, not pandas


def raw_html_calls(source: str) -> list[tuple[int, str]]:
    """(line, code) of each call that renders raw HTML from text that is not a constant.

    A module-level name bound once to literal text (`PRESENT_CSS = "<style>..."`) counts as constant, and so does
    what a builder of mhhs_dashboard/blocks.py returns (`st.html(blocks.tiles(...))`): it escapes every text it is
    given (test_blocks_escape_every_text below).
    """
    tree = ast.parse(source)
    bound = [
        (t.id, n.value) for n in tree.body if isinstance(n, ast.Assign) for t in n.targets if isinstance(t, ast.Name)
    ]
    names = [name for name, _ in bound]
    constants = {name for name, value in bound if constant_text(value) and names.count(name) == 1}
    bad = []
    for node in ast.walk(tree):
        if not isinstance(node, ast.Call):
            continue
        name = getattr(node.func, "attr", getattr(node.func, "id", ""))
        unsafe = any(
            k.arg == "unsafe_allow_html" and not (isinstance(k.value, ast.Constant) and k.value.value is False)
            for k in node.keywords
        )
        first = node.args[0] if node.args else None
        built = (
            isinstance(first, ast.Call)
            and isinstance(first.func, ast.Attribute)
            and isinstance(first.func.value, ast.Name)
            and first.func.value.id == "blocks"
        )
        literal = first is not None and (
            constant_text(first) or (isinstance(first, ast.Name) and first.id in constants) or built
        )
        if (unsafe or name in ("html", "iframe")) and not literal:
            bad.append((node.lineno, ast.unparse(node)))
    return bad


def test_raw_html_is_only_ever_constant_text() -> None:
    found = [(p.name, hit) for p in code_files() for hit in raw_html_calls(p.read_text(encoding="utf-8"))]
    assert found == []


def test_the_raw_html_scan_catches_data_text() -> None:
    source = (
        "st.markdown(title, unsafe_allow_html=True)\n"
        "st.markdown('<hr>', unsafe_allow_html=True)\n"
        "st.html(f'<b>{name}</b>')\n"
        "st.html('<hr>')\n"
        "components.html(page)\n"
        "st.html(blocks.tiles(shown))\n"
        "st.html(other.tiles(shown))\n"
    )
    assert [line for line, _ in raw_html_calls(source)] == [1, 3, 5, 7]


@settings(max_examples=100, deadline=None)
@given(text=st.text(max_size=30), value=st.one_of(st.integers(), st.text(max_size=10)))
def test_blocks_escape_every_text(text: str, value: object) -> None:
    """Whatever data text a block is given, its HTML holds no tag or attribute of the text's own."""
    hostile = f'{text}<img src=x onerror="alert(1)"></a><script>'
    link = blocks.Link(hostile, f'dins?q="{hostile}', strong=hostile)
    built = {  # the HTML -> the links it makes itself
        blocks.tiles([(hostile, value), ("n", hostile)]): 0,
        blocks.links([link], hostile): 1,
        blocks.cards([blocks.Card(hostile, hostile, {hostile: hostile}, link)], hostile): 1,
        blocks.column_widths(hostile, [0.5, 0.5]): 0,
    }
    for body, links in built.items():
        assert "<img" not in body
        assert "<script" not in body
        assert 'onerror="' not in body
        assert (body.count("<a "), body.count("</a>")) == (links, links)


# --- downloads neutralise formula injection ------------------------------------------------------------------

cells = st.one_of(
    st.text(max_size=20),
    st.sampled_from(
        ["=1+1", "+1", "-1", "@SUM(A1)", "\t=1", "\r=1", '=HYPERLINK("http://x","y")', "=cmd|'/C calc'!A0"]
    ),
    st.tuples(st.sampled_from(FORMULA_START), st.text(max_size=10)).map("".join),
    st.tuples(st.sampled_from(["\x01", "\x1f", "\x0b"]), st.sampled_from(FORMULA_START), st.text(max_size=5)).map(
        "".join
    ),  # a control character an .xlsx cannot hold, then a formula
)


@settings(max_examples=200, deadline=None)
@given(value=cells)
def test_neutralise_leaves_no_cell_a_spreadsheet_would_run(value: str) -> None:
    out = neutralise(value)
    assert isinstance(out, str)
    assert not out.startswith(FORMULA_START)
    assert out == value or out == "'" + value  # nothing else changes


@settings(max_examples=30, deadline=None)
@given(rows=st.lists(st.tuples(cells, cells), min_size=1, max_size=5))
def test_csv_and_xlsx_downloads_carry_no_live_formula(rows: list[tuple[str, str]]) -> None:
    df = pd.DataFrame(rows, columns=["title", "notes"]).astype("str")
    for row in list(csv.reader(io.StringIO(csv_bytes(df).decode("utf-8-sig"), newline="")))[1:]:
        assert not any(c.startswith(FORMULA_START) for c in row), row
    wb = load_workbook(io.BytesIO(xlsx_bytes(df, {"filter": rows[0][0]})))
    for ws in wb.worksheets:
        for row in ws.iter_rows():
            for c in row:
                assert c.data_type != "f", (ws.title, c.coordinate, c.value)
                assert not (isinstance(c.value, str) and c.value.startswith(FORMULA_START))


# --- hostile data: markup and script in data cells render as inert text on every page ----------------------------

PAYLOADS = [
    "<script>alert(1)</script>",
    "<img src=x onerror=alert(1)>",
    "[x](javascript:alert(1))",
    '<a href="javascript:alert(1)">click</a>',
    "**not bold** <b>not bold</b>",
    '=HYPERLINK("http://example.invalid","x")',
]
# free-text columns of each table (keys and vocabularies stay as they are, so the pages still have data to show)
FREE_TEXT = {
    "din_log": ("title", "raised_by", "artefact"),
    "change_requests": ("title", "raisers", "latest_action", "action_if_approved", "implementation", "owners", "notes"),
    "actions": ("meeting", "action", "owner", "latest_update"),
    "seats": ("constituency", "note"),
    "groups": ("name", "cadence"),
    "meetings": ("title", "notes"),
    "milestones": ("name", "source"),
    "releases": ("notes",),
    "risks": ("title", "owner"),
    "agenda_items": ("item", "objective", "lead"),
    "decisions": ("decided_by", "title", "outcome"),
    "checklist": ("title", "detail", "owner"),
    "principles": ("principle", "sub_principles"),
}
HOSTILE_RELEASE = "<img src=x onerror=alert(1)> IR"


def write_hostile_data(folder: Path) -> Path:
    """The embedded data with a hostile payload in every free-text cell, and a release label that is markup."""
    from mhhs_dashboard import sample
    from mhhs_dashboard.store import write_snapshot

    for table, snaps in sample.snapshots().items():
        for as_at, frame in snaps.items():
            df = frame.copy()
            for j, col in enumerate(FREE_TEXT.get(table, ())):
                # each column starts at a different payload, so a table of two rows still carries Markdown ones
                df[col] = [f"{PAYLOADS[(i + 4 * j) % len(PAYLOADS)]} #{i}" for i in range(len(df))]
            if table == "agenda_items":  # an item's kind is read from its title's words: keep them after the payload
                df["item"] = df["item"] + " " + frame["item"]
            if table == "din_log":
                df.loc[df.index[:3], "target_release"] = HOSTILE_RELEASE
            write_snapshot(folder, table, as_at, df, replace=True)
    return folder


# what the DOM must never hold, whatever the data says: inline handlers, script links, scripts or bold from data
LIVE_MARKUP = """() => ({
  handlers: Array.from(document.querySelectorAll('*'))
    .filter(e => Array.from(e.attributes).some(a => a.name.toLowerCase().startsWith('on')))
    .map(e => e.outerHTML.slice(0, 120)),
  script_links: Array.from(document.querySelectorAll('a, [href], [*|href]'))
    .map(e => e.getAttribute('href') || e.getAttribute('xlink:href') || '')
    .filter(h => h.replace(/\\s/g, '').toLowerCase().startsWith('javascript:')),
  scripts: Array.from(document.querySelectorAll('script')).filter(s => s.textContent.includes('alert(1)')).length,
  images: Array.from(document.querySelectorAll('img')).filter(i => i.getAttribute('src') === 'x').length,
  // the payload's own emphasis taking effect (page-made bold around literal data text is fine)
  bold: Array.from(document.querySelectorAll('strong, b')).filter(e => e.textContent.trim() === 'not bold').length,
  text: document.body.innerText + ' '
    + Array.from(document.querySelectorAll('svg text')).map(t => t.textContent).join(' '),
})"""


@pytest.fixture(scope="module")
def hostile_server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """A real server over the hostile data set."""
    from tests.fixtures import start_server

    yield from start_server(write_hostile_data(tmp_path_factory.mktemp("hostile")), tmp_path_factory)


@pytest.mark.browser
@pytest.mark.parametrize("present", ["", "?present=1"])
@pytest.mark.parametrize("script", ALL_PAGES)
def test_markup_in_data_renders_as_inert_text(page, hostile_server: str, script: str, present: str) -> None:
    dialogs: list[str] = []
    page.on("dialog", lambda d: (dialogs.append(d.message), d.dismiss()))
    stem = "" if script == "app.py" else Path(script).stem
    page.goto(f"{hostile_server}/{stem}{present}")
    settle(page)
    dom = page.evaluate(LIVE_MARKUP)
    assert dialogs == []
    assert dom["handlers"] == []
    assert dom["script_links"] == []
    assert (dom["scripts"], dom["images"], dom["bold"]) == (0, 0, 0)
    assert page.locator('[data-testid="stException"]').count() == 0
    # whatever data text the page shows, it shows as typed: a fragment of a payload never appears without the rest
    text = dom["text"]
    if "alert(1)" in text:
        assert any(p in text for p in PAYLOADS), text[:500]
    if script == "app.py" and not present:
        assert sum(p in text for p in PAYLOADS) >= 2  # milestone names, meeting titles: shown as typed
        assert HOSTILE_RELEASE.replace("Interim Release ", "IR") in text  # a release label on the chart's axis


@pytest.mark.browser
def test_markup_in_a_plain_table_renders_as_inert_text(page, hostile_server: str) -> None:
    """Chair mode's risks step: a plain table, whose cells Streamlit renders as Markdown."""
    from tests.test_pages_present import STEPS

    page.goto(f"{hostile_server}/present?step={STEPS.index('Top Programme Risks related to DAG') + 1}")
    settle(page)
    page.get_by_role("table").first.wait_for(timeout=60_000)
    dom = page.evaluate(LIVE_MARKUP)
    assert (dom["handlers"], dom["script_links"], dom["scripts"], dom["images"], dom["bold"]) == ([], [], 0, 0, 0)
    assert f"{PAYLOADS[0]} #0" in dom["text"]  # the first risk's title, as typed
    assert f"{PAYLOADS[4]} #0" in dom["text"]  # and its owner: Markdown emphasis, shown as typed


def strings_in(obj: object) -> Iterator[str]:
    """Every string anywhere in a nested structure of dicts, lists and tuples."""
    if isinstance(obj, str):
        yield obj
    elif isinstance(obj, dict):
        for v in obj.values():
            yield from strings_in(v)
    elif isinstance(obj, list | tuple):
        for v in obj:
            yield from strings_in(v)


def test_chart_builders_hand_plotly_no_markup_from_data() -> None:
    from mhhs_dashboard import charts

    bad = HOSTILE_RELEASE
    figures = [
        charts.din_by_status_bar(pd.DataFrame({"status": [bad], "state": ["open"], "status_order": [1], "dins": [2]})),
        charts.din_by_release_bar(
            pd.DataFrame({"release": [bad], "release_order": [1], "dins": [3], "open": [1], "closed": [2]})
        ),
        charts.seat_fill_bar(pd.DataFrame({"group_code": [bad], "filled": [1], "total": [2]})),
    ]
    for fig in figures:
        texts = list(strings_in(fig.to_plotly_json()))
        assert not any("<img" in t for t in texts), fig.layout.title.text
        assert any("&lt;img src=x onerror=alert(1)&gt;" in t for t in texts)  # still there, as text

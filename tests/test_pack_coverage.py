"""The HTML pack, the slides and chair mode carry every section of the DAG #36 pack, in its order, with its figures and
sentences, read from the data (issue 22): the sections as the pack prints them (seeds/000_e15b2c5a7c6bea07.txt),
each with what it must carry; then the same words changed in a copy of the data, and the pack following them;
then another group's meeting (SITAG, tests/registers.py) getting the same pack and chair mode from its own agenda."""

from __future__ import annotations

import datetime as dt
import io
import re
import shutil
from html.parser import HTMLParser
from pathlib import Path

import pandas as pd
import pytest
from pptx import Presentation

from mhhs_dashboard import meeting, report, slides
from mhhs_dashboard.store import open_store, write_snapshot
from tests.fixtures import rows_frame
from tests.registers import SITAG_MEETING, SITAG_TABLES
from tests.test_cli import cli
from tests.test_pages import metrics, open_page, tables, unescape

D = dt.date
AS_AT = D(2024, 5, 1)

# The pack's sections in its order: (the heading its HTML section and its first slide carry, what it must show).
SECTIONS: list[tuple[str, list[str]]] = [
    ("Design Advisory Group #36", ["Design Advisory Group #36", "Wednesday 8 May 2024"]),
    (
        "Agenda",
        [
            "Introduction to meeting and member apologies",
            "10:00-10:05 (5 mins)",
            "Approval of headline report and review of actions",
            "10:05-10:20 (15 mins)",
            "Updates from other MHHS governance groups and wider Programme updates",
            "Chair & Secretariat",
            "10:45-10:50 (5 mins)",
            "Programme (Paul Pettitt)",
            "Attachment 1 \u2013 DAG 14 February 2024 Headline Report v1.1 (change marked)",
            "Attachment 2 \u2013 DAG 13 March 2024 Headline Report v1.1 (change marked)",
        ],
    ),
    ("1. Welcome", ["INFORMATION: Introduction to meeting and member apologies", "Chair \u00b7 10:00-10:05 (5 mins)"]),
    (
        "2. Minutes and Actions",
        [
            "DECISION: Approval of headline report and review of actions",
            "Secretariat \u00b7 10:05-10:20 (15 mins)",
            "On the agenda of DAG #36, 08 May 2024",
            "Approval of change marked Headline Report of DAG held 14 February 2024 (DECISION)",
            "Approval of change marked Headline Report of DAG held 13 March 2024 (DECISION)",
            "Headline Report of DAG held 10 April 2024",
            *["DAG32-06", "DAG34-04", "DAG34-08", "DAG35-01", "DAG35-02", "DAG35-03", "DAG35-04"],
            "Programme (Smitha Pichrikat)",
            "DRG to be scheduled.",
            "Risk R856 has been raised.",
        ],
    ),
    (
        "3. Change Requests Update",
        [
            "INFORMATION: Updates on Programme Change Requests",
            "Programme (PMO) \u00b7 10:20-10:30 (10 mins)",
            "Updates from Programme Steering Group (PSG) held 01 May 2024",
            "Implementation of 'Data Refresh' Message IF-051",
            "PSG accepted DAG's recommendation that change to the MHHS Design is required",
            "The Programme advised the solution has already been developed and is awaiting implementation",
            "PSG agreed a pragmatic approach would be to agree the change in principle and revisit implementation with "
            "participants by Autumn 2024",
            "The Programme will hold an implementation discussion group for CR044 to consider arrangements",
            "Supply Start Date (SSD) Correction Tool",
            "The Programme will progress detailed design development via the Design Resolution Group (DRG)",
            "(and noting CR045 is considered a higher priority than CR044)",
            "Other CR Updates",
            "were both approved by the Change Board. This approval decision was ratified by the SRO at PSG on 01 May "
            "2024.",
            "CR050: Amendments to the MHHS Change Control Approach and Form will require Ofgem approval and will be "
            "issued to Impact Assessment.",
            "Change Request Status",
            "Updated to 01 May 2024",
            *["Ref.", "Key detail", "Change raiser(s)", "Latest action", "Approval status", "Current stage"],
            *["CR043", "CR046", "CR047", "CR048", "CR049", "CR050"],
            "Awaiting Change Board approval (30-Apr-24)",
            "Implement in IR8.X",
        ],
    ),
    (
        "4. Design Updates",
        [
            "Programme (Paul Pettitt) \u00b7 10:30-10:35 (5 mins)",
            "DIN Log Stats as at 30 April 2024",
            "Total recorded DINs: 1,029",
            "Open: 86; closed: 943",
            *["Total DINs by status", "Total DINs by release", "Total open DINs", "Total closed DINs"],
            *["Open - awaiting assessment", "Requires Industry Work Group review", "Post Go-live Release TBC"],
            "Design Interim Releases (IRs)",
            "IR7.3 \u2013 Published 08 May 2024",
            "IR8.1 \u2013 Publishing date TBC",
        ],
    ),
    (
        "5. Top Programme Risks related to DAG",
        [
            "R856",
            "CR044 (Data Refresh message IF-051) not approved for implementation pre-M10",
            "R857",
            "Impacts of not implementing CR045 (Supply Start Date Correction Tool) pre-M10",
        ],
    ),
    (
        "6. Programme Updates",
        [
            "Governance group updates",
            "Programme Steering Group (PSG)",
            "PSG 01 May 2024",
            "CR047 & CR048: SRO approved CRs to add/amend Qualification milestones within the Programme Plan.",
            "DBT2 (Consequential Change) Risks",
            "SITAG 17 April 2024",
            "SIT Delivery Plans: Overview of plans and deliverable dates for future SIT stages.",
            "DAG 10 April 2024",
            "CR046 Decision: SRO approved CR046",
            "QAG 18 April 2024",
            "CCAG 24 April 2024",
            "CCAG is on track for M6 delivery in August 2024.",
            "MCAG 26 March 2024",
            "Programme Milestones: No changes to milestones.",
            "Participant Checklist",
            "Qualification Approach & Plan Annex 1 Consultation \u2013 the deadline is Friday 3 May 2024",
            "M10/M11 Cutover Plan Consultation \u2013 the deadline is Tuesday 7 May 2024",
            "Placing Reliance Policy \u2013 the deadline is Friday 17 May 2024",
            "Unmetered Supplies (UMS) Exemption Decision",
            "Upcoming Governance Meetings",
            "Thursday 2 May 2024: Data Working Group (DWG)",
            "Thursday 2 May 2024: Systems Integration Testing Working Group (SITWG)",
            "Tuesday 7 May 2024: Environments and Configuration Working Group (EWG)",
            "Tuesday 7 May 2024: Extraordinary Non-Functional Testing Working Group (NFTWG)",
            "Wednesday 8 May 2024: Design Advisory Group (DAG)",
            "Wednesday 8 May 2024: Migration & Cutover Advisory Group (MCAG)",
            "Guidance Documents",
            "Pre-Integration Testing (PIT) Guidance",
            "ISD Participant Guidance Note",
            "Participant Defect Logging",
            "MHHS DateTime",
            "Data Integration Platform (DIP) Message Tracker",
        ],
    ),
    (
        "7. Summary and Next Steps",
        [
            "Chair & Secretariat \u00b7 10:45-10:50 (5 mins)",
            "Next steps",
            "Confirm actions and decisions from the meeting: 2 for decision, 4 actions open",
            "Future DAG meetings: Wednesday 12 June 2024 (DAG #37)",
            "DAG agenda roadmap",
            "DAG #37, Wednesday 12 June 2024",
            "Relevant milestones or activities: None",
            "Agenda items: None",
            "Standing items: Minutes and Actions; Programme Updates; Design Updates; Upcoming Programme Milestones "
            "related to DAG; Top Programme Risks related to DAG; Summary and Next Steps",
        ],
    ),
    (
        "Appendix: High Level Design Principles",
        [
            *["Ref", "Principle", "Scope", "Sub-Principle", "References"],
            "The solution will be designed to support timely and accurate settlement.",
            "All market participants, operating under MHHS Target Operating Model, will be afforded the ability to "
            "deliver the same level of service for the same MHHS service.",
            "Sending parties are responsible for any follow up for business processes requiring completion (PRI026)",
            "PRI024.PRI025",
            "PRI015.PRI028",
        ],
    ),
    (
        "Appendix: Advisory Groups Update",
        [
            "System Integration & Testing Advisory Group (SITAG)",
            "Monthly cadence: Third Wednesday of the month",
            "First meeting: Wed 21 Feb 2024",
            "9 of 13 seats filled",
            "Monthly cadence: Fourth Tuesday of the month",
            "Monthly cadence: Third Thursday of the month",
            "9 of 11 seats filled",
            "Elexon (as central systems provider)",
            "No*",
            "No**",
            "owing to the technical nature of these meetings",
            "owing to there being no I&C Suppliers undertaking SIT",
        ],
    ),
    (
        "Appendix: MHHS Governance and Decision-Making Structure",
        [
            *["Mobilised", "Mobilisation in progress", "To be mobilised in future", "May be mobilised"],
            "Available for any ad hoc meetings",
            *["PSG", "LDSOQT", "SAQT", "DRG", "TMAG"],
        ],
    ),
]


class _Text(HTMLParser):
    """The text a reader sees (no scripts or styles), and the headings in order."""

    def __init__(self) -> None:
        super().__init__()
        self.parts: list[str] = []
        self.headings: list[str] = []
        self._skip = 0
        self._heading: list[str] | None = None

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in ("script", "style"):
            self._skip += 1
        if tag in ("h1", "h2"):
            self._heading = []
        if tag in ("p", "li", "td", "th", "h1", "h2", "h3", "div", "tr"):
            self.parts.append("\n")

    def handle_endtag(self, tag: str) -> None:
        if tag in ("script", "style"):
            self._skip -= 1
        if tag in ("h1", "h2") and self._heading is not None:
            self.headings.append(" ".join("".join(self._heading).split()))
            self._heading = None

    def handle_data(self, data: str) -> None:
        if not self._skip:
            self.parts.append(data)
            if self._heading is not None:
                self._heading.append(data)


def html_text(html: str) -> tuple[str, list[str]]:
    """(the pack's visible text, whitespace normalised within each element; its h1/h2 headings in order)."""
    p = _Text()
    p.feed(html)
    lines = (" ".join(line.split()) for line in "".join(p.parts).split("\n"))
    return "\n".join(line for line in lines if line), p.headings


def deck_text(deck: bytes) -> tuple[str, list[str]]:
    """(every text of the deck: text frames, groups' shapes, table cells; the slides' titles in order)."""
    prs = Presentation(io.BytesIO(deck))
    out: list[str] = []

    def shapes(items) -> None:  # python-pptx's shape collections
        for shape in items:
            if shape.shape_type == 6:  # a group (the governance structure)
                shapes(shape.shapes)
            if shape.has_text_frame:
                out.extend(p.text for p in shape.text_frame.paragraphs)
            if getattr(shape, "has_table", False) and shape.has_table:
                out.extend(c.text for row in shape.table.rows for c in row.cells)

    for slide in prs.slides:
        shapes(slide.shapes)
    titles = [s.shapes.title.text for s in prs.slides]
    return "\n".join(out).replace("\u00a0", " "), titles


def _unescaped(text: str) -> str:
    return unescape(text).replace("\N{NO-BREAK SPACE}", " ")


def chair_text(data: Path, monkeypatch: pytest.MonkeyPatch, **params: str) -> tuple[str, list[str]]:
    """(every text chair mode shows, walking every step and sub-step of /present with Next: titles, captions,
    headings, bullets, tiles and table cells; the sections' headings in order, "2. Minutes and Actions" from the
    screen titled "2.3 · Minutes and Actions", an appendix's title alone)."""
    monkeypatch.setenv("MHHS_DATA_DIR", str(data))
    at = open_page("pages/present.py", step="1", **params)
    out: list[str] = []
    headings: list[str] = []
    while True:
        assert not at.exception, [e.value for e in at.exception]
        number, _, title = _unescaped(at.title[0].value).partition(" · ")
        caption = at.caption[0].value
        headings.append(title if " · appendix" in caption else f"{number.split('.')[0]}. {title}")
        out += [at.title[0].value, *(c.value for c in at.caption), *(h.value for h in at.subheader)]
        out += [line.removeprefix("- ").strip("*") for md in at.markdown for line in md.value.split("\n")]
        out += [f"{k}\n{v}" for k, v in metrics(at).items()]
        for t in tables(at):
            out += [str(c) for c in t.columns] + [str(v) for row in t.itertuples(index=False) for v in row]
        forward = next(b for b in at.button if b.label == "Next")
        if forward.disabled:
            return _unescaped("\n".join(out)), headings
        forward.click().run()


@pytest.fixture(scope="module")
def pack(sample_dir: Path) -> meeting.Pack:
    """DAG #36's pack from the embedded data, built once for the tests that read it (a Pack is frozen)."""
    return meeting.build_pack(sample_dir)


@pytest.fixture(scope="module")
def outputs(sample_dir: Path, pack: meeting.Pack) -> dict[str, tuple[str, list[str]]]:
    with pytest.MonkeyPatch.context() as mp:
        chair = chair_text(sample_dir, mp)
    return {"html": html_text(report.render(pack)), "slides": deck_text(slides.build(pack)), "chair": chair}


@pytest.mark.parametrize("output", ["html", "slides", "chair"])
@pytest.mark.parametrize(("section", "carries"), SECTIONS, ids=[s for s, _ in SECTIONS])
def test_every_section_carries_its_figures_and_sentences(outputs, output: str, section: str, carries) -> None:
    text, _ = outputs[output]
    missing = [c for c in carries if c not in text]
    assert missing == [], f"{output}: {section}"


@pytest.mark.parametrize("output", ["html", "slides", "chair"])
def test_the_sections_come_in_the_packs_order(outputs, output: str) -> None:
    _, headings = outputs[output]
    wanted = [s for s, _ in SECTIONS]
    if output == "chair":  # its steps are the agenda's items and the appendix; the first opens on the cover+agenda
        text, _ = outputs[output]
        opening = re.split(r"\n2(?:\.\d+)? · ", text)[0]
        assert "Design Advisory Group #36, Wednesday 8 May 2024 · item 1 of 7" in opening
        assert re.search(r"\nAgenda(: rows [^\n]*)?\n", opening)
        wanted = wanted[2:]
    found = [h for h in dict.fromkeys(headings) if h in wanted]
    assert found == wanted


def test_the_charts_are_in_both(pack: meeting.Pack, outputs) -> None:
    """Each chart, by its title: in the HTML a Plotly figure (its title drawn from its JSON), on the slides a native
    chart or diagram (its heading a text)."""
    html = report.render(pack)
    titles = [f.layout.title.text for s in report.sections(pack) for f in s["charts"]]
    assert "MHHS governance and decision-making structure" in titles
    for title in titles:
        assert f'"text":"{title}"' in html.replace(": ", ":"), title
        assert title in outputs["slides"][0], title


def test_the_blocks_carry_the_registers_bullets_whole(pack: meeting.Pack) -> None:
    """CR044's six bullets and CR045's five, as the decisions register holds them; the seven checklist items."""
    blocks = {b["title"]: b for s in report.sections(pack) for b in s["blocks"]}
    assert (blocks["CR044"]["subtitle"], len(blocks["CR044"]["lines"])) == (
        "Implementation of 'Data Refresh' Message IF-051",
        6,
    )
    assert (blocks["CR045"]["subtitle"], len(blocks["CR045"]["lines"])) == (
        "Supply Start Date (SSD) Correction Tool",
        5,
    )
    assert len(blocks["Other CR Updates"]["lines"]) == 2
    assert len(blocks["Participant Checklist"]["lines"]) == 7
    assert [b["subtitle"] for b in blocks.values() if b["subtitle"] and b["subtitle"][-4:] == "2024"][:6] == [
        "PSG 01 May 2024",
        "SITAG 17 April 2024",
        "DAG 10 April 2024",
        "QAG 18 April 2024",
        "CCAG 24 April 2024",
        "MCAG 26 March 2024",
    ]  # each group's latest meeting, in the pack's order: PSG first (level), then the groups' list_order
    # the groups that replaced TMAG marked, and the note saying so last in the section and under the structure's key
    tmag = "*SITAG, MCAG, QAG replaced the Testing and Migration Advisory Group (TMAG) in Q1 2024."
    assert [t for t in blocks if t.endswith("*")] == [
        "System Integration & Testing Advisory Group (SITAG)*",
        "Qualification Advisory Group (QAG)*",
        "Migration & Cutover Advisory Group (MCAG)*",
    ]
    updates = next(s for s in report.sections(pack) if s["item"].title == "Programme Updates")
    assert updates["blocks"][-1] == report.block("Notes", [tmag])
    structure = next(s for s in report.sections(pack) if "Structure" in s["item"].title)
    assert structure["tables"][0]["note"] == tmag


def test_the_seat_tables_and_their_markers_follow_the_seat_list(pack: meeting.Pack) -> None:
    """SITAG, MCAG, QAG as the pack lists them; its I&C seat 'No*' and the Consumer seats 'No**', as printed."""
    appendix = next(s for s in report.sections(pack) if s["item"].title == "Appendix: Advisory Groups Update")
    tables = appendix["tables"]
    assert [t["title"] for t in tables] == [
        "System Integration & Testing Advisory Group (SITAG)",
        "Migration & Cutover Advisory Group (MCAG)",
        "Qualification Advisory Group (QAG)",
        "Notes",
    ]
    sitag = {r[0]["text"]: r[1]["text"] for r in tables[0]["rows"]}
    assert (sitag["I&C Supplier"], sitag["Consumer"]) == ("No*", "No**")
    notes = {r[0]["text"]: r[1]["text"] for r in tables[-1]["rows"]}
    assert notes["*"].startswith("I&C constituency has advised")
    assert notes["**"].startswith("Consumer constituency has advised")


# ---- the words come from the data: change them, and the pack follows ------------------------------------------


def _edit(data: Path, table: str, change) -> None:  # `change`: frame -> frame
    """Rewrite `table`'s snapshot as at 1 May 2024 in a copy of the data with `change(frame)`."""
    store = open_store(data, AS_AT)
    snap = store.latest[table]
    assert snap is not None
    frame = pd.read_parquet(data / snap.path)
    write_snapshot(data, table, snap.as_at, change(frame.copy()), replace=True)


def _set(frame: pd.DataFrame, where: pd.Series, **values: object) -> pd.DataFrame:
    assert where.sum() == 1
    for col, value in values.items():
        frame.loc[where, col] = value
    return frame


def test_the_pack_follows_the_data(sample_dir: Path, tmp_path: Path) -> None:
    data = tmp_path / "data"
    shutil.copytree(sample_dir, data)
    new_bullet = "PSG agreed to revisit CR044 with participants by Winter 2024 (an edited outcome)"
    old_bullet = "PSG agreed a pragmatic approach would be to agree the change in principle and revisit implementation "
    old_bullet += "with participants by Autumn 2024"
    new_principle = "Every participant will be offered the same service for the same MHHS service (edited)."
    old_principle = "All market participants, operating under MHHS Target Operating Model, will be afforded"
    _edit(data, "decisions", lambda f: _set(f, f["decision_id"] == "PSG-2024-05-01-04", outcome=new_bullet))
    _edit(data, "principles", lambda f: _set(f, f["principle_ref"] == 15, principle=new_principle))
    _edit(
        data,
        "agenda_items",
        lambda f: _set(
            f, (f["item"] == "Welcome") & f["meeting_date"].notna(), lead="Vice-Chair", minutes=10, objective="Hello"
        ),
    )
    _edit(
        data,
        "agenda_items",
        lambda f: _set(f, (f["item"] == "Design Updates") & f["meeting_date"].notna(), item="DIN Log"),
    )
    _edit(data, "checklist", lambda f: _set(f, f["item_id"] == "PC-2024-05-01", deadline=pd.Timestamp("2024-05-10")))
    _edit(data, "releases", lambda f: _set(f, f["release_code"] == "IR8.1", published_date=pd.Timestamp("2024-06-19")))
    _edit(data, "meetings", lambda f: _set(f, f["meeting_ref"] == "DAG36", meeting_ref="DAG99"))
    _edit(data, "groups", lambda f: _set(f, f["group_code"] == "SITAG", cadence="Last Friday of the month"))
    _edit(data, "groups", lambda f: _set(f, f["group_code"] == "DRG", state="may be mobilised"))
    pack = meeting.build_pack(data)
    html, headings = html_text(report.render(pack))
    deck, titles = deck_text(slides.build(pack))
    for text, heads in ((html, headings), (deck, titles)):
        assert new_bullet in text
        assert old_bullet not in text
        assert new_principle in text
        assert old_principle not in text
        assert "Design Advisory Group #99" in heads
        assert "Design Advisory Group #36" not in text
        assert "Vice-Chair \u00b7 10:00-10:10 (10 mins)" in text  # the end time follows the minutes
        assert "INFORMATION: Hello" in text
        assert "4. DIN Log" in heads  # renamed, still a design item: its content follows it
        assert "DIN Log Stats as at 30 April 2024" in text
        assert "Qualification Approach & Plan Annex 1 Consultation \u2013 the deadline is Friday 10 May 2024" in text
        assert "IR8.1 \u2013 Publishing 19 June 2024" in text
        assert "Monthly cadence: Last Friday of the month" in text
        assert "May be mobilised\nDRG" in text


# ---- another group's meeting: the same pack from its own agenda, actions and decisions --------------------------

SITAG_EXTRA_ITEMS = [  # SITAG #4's agenda in tests/registers.py, with the standing items a real one has
    {"item": "Minutes and Actions", "item_type": "Decision", "lead": "Secretariat", "start_time": "13:25"},
    {"item": "Change Requests Update", "item_type": "Information", "lead": "Programme (PMO)", "start_time": "13:35"},
    {"item": "Summary and Next Steps", "item_type": "Information", "lead": "Chair", "start_time": "13:45"},
]


def _with_sitag(sample_dir: Path, data: Path) -> None:
    """The embedded data with the second group's tables of tests/registers.py added (its rows replace the embedded
    ones they share a key with), and three more items on SITAG #4's agenda."""
    shutil.copytree(sample_dir, data)
    extra = [
        {"group_code": "SITAG", "meeting_date": SITAG_MEETING, "kind": "agenda", "item_order": 3 + k, "minutes": 10}
        | {"objective": f"{i['item']} of SITAG #4"}
        | i
        for k, i in enumerate(SITAG_EXTRA_ITEMS)
    ]
    tables = SITAG_TABLES | {"agenda_items": [*SITAG_TABLES["agenda_items"], *extra]}
    keys = {
        "groups": ["group_code"],
        "milestones": ["milestone_id"],
        "meetings": ["group_code", "meeting_date"],
        "decisions": ["decision_id"],
    }
    for table, rows in tables.items():
        new = rows_frame(table, rows)

        def merged(old: pd.DataFrame, table: str = table, new: pd.DataFrame = new) -> pd.DataFrame:
            if table in ("groups", "milestones"):  # the embedded rows already describe them
                return pd.concat([old, new[~new[keys[table][0]].isin(old[keys[table][0]])]], ignore_index=True)
            if table in keys:
                key = keys[table]
                both = old.merge(new[key].astype(old[key].dtypes.to_dict()), on=key, how="left", indicator=True)
                old = old[(both["_merge"] == "left_only").to_numpy()]
            return pd.concat([old, new.astype(old.dtypes.to_dict(), errors="ignore")], ignore_index=True)

        _edit(data, table, merged)


@pytest.fixture(scope="module")
def sitag_data(sample_dir: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    data = tmp_path_factory.mktemp("sitag") / "data"
    _with_sitag(sample_dir, data)
    return data


@pytest.fixture(scope="module")
def sitag(sitag_data: Path) -> dict[str, tuple[str, list[str]]]:
    """SITAG #4's pack as the CLI's `report --group SITAG` and `slides --group SITAG` write it (in this process:
    test_the_cli_writes_another_groups_pack runs the commands themselves)."""
    pack = meeting.build_pack(sitag_data, group="SITAG")
    return {"html": html_text(report.render(pack)), "slides": deck_text(slides.build(pack))}


@pytest.mark.slow  # two CLI processes
def test_the_cli_writes_another_groups_pack(sitag_data: Path) -> None:
    out = sitag_data.parent
    html = cli("report", "--group", "SITAG", "--out", str(out / "pack.html"), "--data-dir", str(sitag_data))
    assert html.returncode == 0, html.stderr
    assert "for System Integration & Testing Advisory Group #4 on 2024-05-15" in html.stdout
    deck = cli("slides", "--group", "sitag", "--out", str(out / "slides.pptx"), "--data-dir", str(sitag_data))
    assert deck.returncode == 0, deck.stderr
    title = "System Integration & Testing Advisory Group #4"
    assert html_text((out / "pack.html").read_text(encoding="utf-8"))[1][0] == title
    assert deck_text((out / "slides.pptx").read_bytes())[1][0] == title


SITAG_ITEMS = [  # SITAG #4's agenda, as its pack and its chair mode number it
    "1. Welcome",
    "2. SIT Cycle 2 entry",
    "3. Minutes and Actions",
    "4. Change Requests Update",
    "5. Summary and Next Steps",
]


@pytest.mark.parametrize("output", ["html", "slides"])
def test_another_groups_pack_comes_from_its_own_agenda_actions_and_decisions(sitag, output: str) -> None:
    text, headings = sitag[output]
    assert headings[0] == "System Integration & Testing Advisory Group #4"
    assert "Wednesday 15 May 2024" in text
    sections = [h for h in headings if h[:1].isdigit() and not h.endswith("(continued)")]
    assert list(dict.fromkeys(sections)) == SITAG_ITEMS
    for carried in [
        "Introductions and apologies",
        "Chair \u00b7 13:00-13:05 (5 mins)",
        "DECISION: Agree the entry criteria for SIT Cycle 2",
        "Programme (SIT) \u00b7 13:05-13:25 (20 mins)",
        "On the agenda of SITAG #4, 15 May 2024",  # its own decision, on the item it is titled for
        "Approval of the SIT Cycle 2 entry criteria. (DECISION)",
        "SITAG03-01",  # its own action
        "Programme to circulate the environments plan v2.13",
        "Updates from Programme Steering Group (PSG) held 01 May 2024",  # its parent's CR outcomes since 17 Apr
        "Supply Start Date (SSD) Correction Tool",
        "Future SITAG meetings: Wednesday 19 June 2024 (SITAG, scheduled)",  # its cadence rule's next date
        "SITAG agenda roadmap",
    ]:
        assert carried in text, carried
    for not_ours in [
        "DAG32-06",  # DAG's actions, in the table or in what changed
        "DAG34-04",
        "Design Advisory Group #36",
        "Approval of change marked Headline Report of DAG held 14 February 2024",  # DAG #36's own decisions
        "CR050: Amendments to the MHHS Change Control Approach",  # DAG #36's own CR update
        "Top Programme Risks related to DAG",  # DAG's agenda
        "DIN Log Stats",  # no design item on SITAG's agenda
    ]:
        assert not_ours not in text, not_ours


def test_the_changes_are_since_the_groups_own_last_meeting(sitag) -> None:
    html, _ = sitag["html"]
    assert "Changes are since SITAG #3, 17 Apr 2024, compared with the snapshots as at 02 Apr 2024" in html


@pytest.mark.slow  # a CLI process
def test_an_unknown_group_is_refused(sample_dir: Path, tmp_path: Path) -> None:
    done = cli("report", "--group", "NOPE", "--out", str(tmp_path / "x.html"), "--data-dir", str(sample_dir))
    assert done.returncode == 2
    assert "--group NOPE: no such group" in done.stderr
    assert "SITAG" in done.stderr
    assert not (tmp_path / "x.html").exists()


def test_the_actions_and_din_tables_read_as_the_pack_prints_them(pack: meeting.Pack) -> None:
    """The actions in reference order (DAG32-06 first, DAG34-04 before DAG34-08); the DIN tables' Grand Totals:
    1029 by status, 762 by release (those with one), 86 open, 943 closed."""
    tables = {t["title"]: t for s in report.sections(pack) for t in s["tables"]}
    refs = [r[0]["text"] for r in tables["Minutes and Actions review"]["rows"]]
    assert refs == ["DAG32-06", "DAG34-04", "DAG34-08", "DAG35-01", "DAG35-02", "DAG35-03", "DAG35-04"]
    totals = {
        title: [c["text"] for c in tables[title]["rows"][-1] if c["text"]]
        for title in ("Total DINs by status", "Total DINs by release", "Total open DINs", "Total closed DINs")
    }
    assert totals == {
        "Total DINs by status": ["Grand total", "1029"],
        "Total DINs by release": ["Grand total (with a target release)", "762", "27", "735"],
        "Total open DINs": ["Grand total", "86"],
        "Total closed DINs": ["Grand total", "943"],
    }


def test_another_groups_chair_mode_comes_from_its_own_agenda(
    sample_dir: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    data = tmp_path / "data"
    _with_sitag(sample_dir, data)
    text, headings = chair_text(data, monkeypatch, group="SITAG")
    assert list(dict.fromkeys(h for h in headings if h[:1].isdigit())) == SITAG_ITEMS
    for carried in [
        "System Integration & Testing Advisory Group #4, Wednesday 15 May 2024 · item 1 of 5",
        "Introductions and apologies",
        "DECISION: Agree the entry criteria for SIT Cycle 2 · Programme (SIT) · 13:05-13:25 (20 mins)",
        "Approval of the SIT Cycle 2 entry criteria. (DECISION)",
        "SITAG03-01",
        "Programme to circulate the environments plan v2.13",
        "Updates from Programme Steering Group (PSG) held 01 May 2024",
        "Future SITAG meetings: Wednesday 19 June 2024 (SITAG, scheduled)",
    ]:
        assert carried in text, carried
    for not_ours in ["DAG32-06", "Design Advisory Group #36", "Top Programme Risks related to DAG", "DIN Log Stats"]:
        assert not_ours not in text, not_ours

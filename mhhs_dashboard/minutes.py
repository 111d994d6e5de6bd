"""The meeting's Headline Report drafted from its published record: decisions and recommendations by agenda item,
actions raised, actions closed, notes and the next meeting, as self-contained HTML and as an editable Word file.

Every line comes from the registers as the publication left them (the decisions of the meeting, the actions it
raised, the actions it updated) and from the record's notes; the house style is the meeting pack's own
(report.TEMPLATE's stylesheet, read from it rather than copied).
"""

from __future__ import annotations

import datetime as dt
import io
import re
from dataclasses import dataclass, field
from typing import Any

import jinja2
import pandas as pd

from mhhs_dashboard import reads, record, store
from mhhs_dashboard.files import DataDir
from mhhs_dashboard.meeting import Item, agenda, topic


@dataclass(frozen=True)
class Outcome:
    """One decision or recommendation: its id, kind, by whom, what it names, its words."""

    decision_id: str
    kind: str
    decided_by: str
    refs: str
    title: str
    outcome: str


@dataclass
class Section:
    """An agenda item of the meeting with its outcomes and notes."""

    step: int
    title: str
    outcomes: list[Outcome] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)


@dataclass
class Minutes:
    """The drafted Headline Report of one meeting."""

    meeting: record.Meeting
    published_by: str
    published_at: str
    sections: list[Section]
    raised: pd.DataFrame  # action_ref, action, owner, due_date
    closed: pd.DataFrame  # action_ref, action, latest_update
    updated: pd.DataFrame  # action_ref, action, status, latest_update (other updates)

    @property
    def heading(self) -> str:
        return f"{self.meeting.title} Headline Report"

    @property
    def day(self) -> str:
        return f"{self.meeting.date:%A %d %B %Y}"

    @property
    def next_line(self) -> str:
        nxt = self.meeting.next
        return f"{nxt[1]}: {nxt[0]:%A %d %B %Y}" if nxt else "Not yet in the meetings log."


def _text(value: object) -> str:
    if isinstance(value, list | tuple) or hasattr(value, "tolist"):  # a list column (decisions_at's refs)
        return ", ".join(str(v) for v in list(value))  # type: ignore[call-overload]
    return "" if value is None or (not isinstance(value, str) and bool(pd.isna(value))) else str(value)


def _step(d: Any, items: tuple[Item, ...], *, recorded: bool) -> int:
    """The agenda item a decision of the meeting goes under. A decision captured in chair mode (`recorded`) keeps
    the item it was captured on (its item_order). A row loaded with the register names its item by title (its
    item_order is its order among the meeting's outcomes): the item of that title, else of the same topic
    ("Other CR Updates" under "Change Requests Update"), else its item_order as a step."""
    order = int(d.item_order) if not pd.isna(d.item_order) else 0
    title = " ".join(_text(d.title).split()).casefold()
    if recorded or not title:
        return order
    same = [i.step for i in items if " ".join(i.title.split()).casefold() == title]
    kind = topic(title)
    alike = [i.step for i in items if kind is not None and i.topic == kind]
    return (same or alike or [order])[0]


def build(data_dir: DataDir, ref: str) -> Minutes:
    """The Headline Report of meeting `ref` from its published record; RecordError if it is not published."""
    meeting = record.meeting_of(data_dir, ref)
    pub = record.published(data_dir, meeting.ref)
    if pub is None or pub.state != "published":
        raise record.RecordError(
            f"{meeting.ref} has no published record: capture it in chair mode and publish it from the workspace first"
        )
    run = reads.on(store.open_store(data_dir, meeting.date).con)
    items = agenda(run, meeting.group, meeting.date).items
    sections = {i.step: Section(i.step, i.title) for i in items}
    for d in reads.decisions_of_meeting(run, meeting.date, meeting.group, meeting.date).itertuples():
        step = _step(d, items, recorded=str(d.decision_id) in pub.decisions)
        sec = sections.setdefault(step, Section(step, _text(d.title) or "Other business"))
        sec.outcomes.append(
            Outcome(
                str(d.decision_id), _text(d.kind), _text(d.decided_by), _text(d.refs), _text(d.title), _text(d.outcome)
            )
        )
    for e in pub.published_entries():
        if e.kind == "note":
            sections.setdefault(e.item_order, Section(e.item_order, e.item)).notes.append(e.fields["text"])
    log = reads.action_log(run, groups=(meeting.group,))
    raised = log[log["meeting"] == meeting.ref].sort_values("action_ref")
    touched = log[log["action_ref"].isin(pub.actions_updated)].sort_values("action_ref")
    closed = touched[touched["status"] == "CLOSED"]
    return Minutes(
        meeting,
        pub.who,
        pub.when,
        [sections[k] for k in sorted(sections) if sections[k].outcomes or sections[k].notes],
        raised[["action_ref", "action", "owner", "due_date"]].reset_index(drop=True),
        closed[["action_ref", "action", "latest_update"]].reset_index(drop=True),
        touched[touched["status"] != "CLOSED"][["action_ref", "action", "status", "latest_update"]].reset_index(
            drop=True
        ),
    )


def _due(value: object) -> str:
    return f"{pd.Timestamp(value):%d %b %Y}" if _text(value) else "-"


def _rows(frame: pd.DataFrame, cols: list[str]) -> list[list[str]]:
    return [[_due(r[c]) if c == "due_date" else _text(r[c]) or "-" for c in cols] for _, r in frame.iterrows()]


RAISED = (["Ref", "Action", "Owner", "Due"], ["action_ref", "action", "owner", "due_date"])
CLOSED = (["Ref", "Action", "Closed with"], ["action_ref", "action", "latest_update"])
UPDATED = (["Ref", "Action", "Status", "Update"], ["action_ref", "action", "status", "latest_update"])


def _outcome_line(o: Outcome) -> str:
    by = f" ({o.decided_by})" if o.decided_by else ""
    names = f" [{o.refs}]" if o.refs else ""
    return f"{o.kind.capitalize()}{by}{names}: {o.outcome}"


def house_css() -> str:
    """The meeting pack's stylesheet, as report.py's template holds it."""
    from mhhs_dashboard import report  # Plotly only when a report is drafted

    found = re.search(r"<style>(.*?)</style>", report.TEMPLATE, re.S)
    return found.group(1) if found else ""


def _colour(selector: str, prop: str, fallback: str) -> str:
    """A colour of the pack's stylesheet (`h2` `color`), for the Word document."""
    found = re.search(rf"(?m)^{re.escape(selector)} \{{[^}}]*?{prop}: (#[0-9A-Fa-f]{{6}})", house_css())
    return found.group(1) if found else fallback


HTML = """<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'">
<title>{{ m.heading }}</title>
<style>{{ css }}</style>
</head>
<body>
<header id="cover"><h1>{{ m.heading }}</h1><p class="date">{{ m.day }}</p>
<p class="note">Drafted from the meeting's record as published by {{ m.published_by }} at {{ published }}.
Attendance is not recorded here.</p></header>
<section id="decisions"><h2>Decisions and recommendations</h2>
{% for s in m.sections %}<div class="block"><h3>{{ s.step }}. {{ s.title }}</h3>
{% if s.outcomes %}<ul>{% for o in s.outcomes %}<li data-decision="{{ o.decision_id }}">{{ line(o) }}</li>{% endfor %}
</ul>{% endif %}
{% for n in s.notes %}<p class="opener">{{ n }}</p>{% endfor %}</div>
{% else %}<p>No decisions or recommendations were recorded.</p>{% endfor %}
</section>
{% for id, title, t, empty in tables %}<section id="{{ id }}"><h2>{{ title }}</h2>
{% if t.rows %}<table><thead><tr>{% for c in t.columns %}<th>{{ c }}</th>{% endfor %}</tr></thead><tbody>
{% for row in t.rows %}<tr>{% for cell in row %}<td>{{ cell }}</td>{% endfor %}</tr>{% endfor %}
</tbody></table>{% else %}<p>{{ empty }}</p>{% endif %}</section>
{% endfor %}
<section id="next"><h2>Next meeting</h2><p>{{ m.next_line }}</p></section>
</body>
</html>
"""


def _tables(m: Minutes) -> list[tuple[str, str, dict[str, object], str]]:
    out = [
        ("raised", "Actions raised", RAISED, m.raised, "No actions were raised."),
        ("closed", "Actions closed", CLOSED, m.closed, "No actions were closed."),
    ]
    if not m.updated.empty:
        out.append(("updated", "Other action updates", UPDATED, m.updated, ""))
    return [(i, t, {"columns": spec[0], "rows": _rows(f, spec[1])}, e) for i, t, spec, f, e in out]


def _published(m: Minutes) -> str:
    return dt.datetime.fromisoformat(m.published_at).strftime("%d %b %Y %H:%M UTC")


def as_html(m: Minutes) -> str:
    """The Headline Report as one self-contained HTML file (no scripts, autoescaped)."""
    env = jinja2.Environment(autoescape=True, undefined=jinja2.StrictUndefined)
    return env.from_string(HTML).render(
        m=m,
        css=jinja2.utils.markupsafe.Markup(house_css()),
        line=_outcome_line,
        tables=_tables(m),
        published=_published(m),
    )


def as_docx(m: Minutes) -> bytes:
    """The Headline Report as an editable Word document, in the pack's colours and font."""
    import docx as word  # python-docx only when asked for
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn
    from docx.shared import Pt, RGBColor

    doc = word.Document()
    base = doc.styles["Normal"]
    base.font.name = "Arial"
    base.font.size = Pt(10.5)
    blue = RGBColor.from_string(_colour("h2", "color", "#0b5394").lstrip("#").upper())
    for name in ("Title", "Heading 1", "Heading 2"):
        style = doc.styles[name]
        style.font.name = "Arial"
        style.font.color.rgb = blue
    fill = _colour("th", "background", "#eef3f8").lstrip("#")
    doc.add_heading(m.heading, level=0)
    doc.add_paragraph(m.day)
    doc.add_paragraph(f"Drafted from the meeting's record as published by {m.published_by} at {_published(m)}.")
    doc.add_heading("Decisions and recommendations", level=1)
    if not m.sections:
        doc.add_paragraph("No decisions or recommendations were recorded.")
    for s in m.sections:
        doc.add_heading(f"{s.step}. {s.title}", level=2)
        for o in s.outcomes:
            doc.add_paragraph(_outcome_line(o), style="List Bullet")
        for n in s.notes:
            doc.add_paragraph(n)
    for _, title, t, empty in _tables(m):
        doc.add_heading(title, level=1)
        rows: list[list[str]] = t["rows"]  # type: ignore[assignment]
        if not rows:
            doc.add_paragraph(empty)
            continue
        columns: list[str] = t["columns"]  # type: ignore[assignment]
        table = doc.add_table(rows=1, cols=len(columns))
        table.style = "Table Grid"
        for cell, text in zip(table.rows[0].cells, columns, strict=True):
            cell.text = text
            cell.paragraphs[0].runs[0].bold = True
            shade = OxmlElement("w:shd")
            shade.set(qn("w:val"), "clear")
            shade.set(qn("w:fill"), fill)
            cell._tc.get_or_add_tcPr().append(shade)
        for row in rows:
            for cell, text in zip(table.add_row().cells, row, strict=True):
                cell.text = text
    doc.add_heading("Next meeting", level=1)
    doc.add_paragraph(m.next_line)
    out = io.BytesIO()
    doc.save(out)
    return out.getvalue()

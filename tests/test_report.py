"""The HTML meeting pack: self-contained, the figures of `stats --json`, every data text escaped."""

from __future__ import annotations

import datetime as dt
import hashlib
from html.parser import HTMLParser
from pathlib import Path

import pytest

from mhhs_dashboard import meeting, report
from mhhs_dashboard.stats import headline
from mhhs_dashboard.store import open_store
from tests.test_cli import cli

HOSTILE = "<script>alert('x')</script>"


class Figures(HTMLParser):
    """Collects {data-figure key: text} and the script tags with a src."""

    def __init__(self) -> None:
        super().__init__()
        self.figures: dict[str, str] = {}
        self.remote: list[str] = []
        self._key: str | None = None

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        a = dict(attrs)
        if tag == "script" and a.get("src"):
            self.remote.append(str(a["src"]))
        if "data-figure" in a:
            self._key = a["data-figure"]
            self.figures[self._key] = ""

    def handle_data(self, data: str) -> None:
        if self._key:
            self.figures[self._key] += data

    def handle_endtag(self, tag: str) -> None:
        self._key = None


def parse(html: str) -> Figures:
    p = Figures()
    p.feed(html)
    return p


def flatten(stats: dict) -> dict[str, str]:
    """`stats --json` as {dotted key: text as the pack prints it}; seats as 'n of m'."""
    out: dict[str, str] = {}
    for area in ("dins", "change_requests", "actions"):
        for k, v in stats[area].items():
            if isinstance(v, dict):
                out |= {f"{area}.{k}.{label}": str(n) for label, n in v.items()}
            else:
                out[f"{area}.{k}"] = str(v)
    out |= {f"seats.{g}": f"{s['filled']} of {s['total']}" for g, s in stats["seats"].items()}
    return out


def test_the_report_shows_every_figure_of_stats(sample_dir: Path) -> None:
    html = report.render(meeting.build_pack(sample_dir))
    got = parse(html).figures
    want = flatten(headline(open_store(sample_dir)))
    assert want["dins.total"] == "1029"
    assert {k: got.get(k) for k in want} == want
    for title in [i.title for i in meeting.AGENDA] + ["Provenance"]:
        assert title in html


def test_the_report_is_self_contained(sample_dir: Path) -> None:
    html = report.render(meeting.build_pack(sample_dir))
    assert html.count("plotly.js v") == 1  # the library inlined once, not once per chart
    assert html.count('class="plotly-graph-div"') == 4  # DINs by status, by release, seats, the structure
    assert parse(html).remote == []  # no <script src=...>: nothing to fetch
    assert "default-src 'none'" in html  # and the browser is told to fetch nothing


def test_the_report_shows_changes_and_provenance(sample_dir: Path) -> None:
    html = report.render(meeting.build_pack(sample_dir))
    since = "Changes are since <strong>DAG #35, 10 Apr 2024</strong>, compared with the snapshots as at 02 Apr 2024"
    assert since in html
    assert "DINs recorded: 1,017 -&gt; 1,029 (+12)" in html
    assert "CR050 new: Open, Development" in html
    digest = hashlib.sha256((sample_dir / "din_log" / "as_at=2024-04-30" / "din_log.parquet").read_bytes()).hexdigest()
    assert digest in html
    assert "din_log/as_at=2024-04-30/din_log.parquet" in html


def test_every_data_text_is_escaped(make_store) -> None:
    store = make_store(
        din_log=[{"din_id": "DIN-1", "status": HOSTILE, "target_release": "<b>IR9</b>"}],
        change_requests=[{"cr_ref": "CR9<i>", "title": HOSTILE, "approval_status": "Open", "current_stage": "x"}],
        actions=[{"action_ref": "DAG1-01", "action": "<img src=x onerror=alert(1)>", "status": "OPEN"}],
        risks=[{"risk_id": "R1", "title": HOSTILE}],
        seats=[{"group_code": "QAG", "constituency": "<svg onload=alert(1)>", "filled": True}],
        # the blocks' text: a governance group's update, a checklist item, a design principle
        decisions=[
            {
                "decision_id": "DAG-1",
                "group_code": "DAG",
                "meeting_date": dt.date(2024, 4, 10),
                "kind": "decision",
                "title": "<u>title</u>",
                "outcome": "<iframe src=x>",
                "item_order": 1,
                "headline": True,
            }
        ],
        checklist=[{"item_id": "PC-1", "kind": "guidance", "title": "<marquee>", "detail": "<object>"}],
        principles=[{"principle_ref": 0, "principle": "<embed src=x>", "scope": "System Wide"}],
    )
    html = report.render(meeting.build_pack(store.data_dir))
    for raw in ("<script>alert", "<img src=x", "<svg onload", "<b>IR9", "CR9<i>", "<u>", "<iframe", "<marquee"):
        assert raw not in html, raw
    for raw in ("<object>", "<embed"):
        assert raw not in html, raw
    assert "&lt;u&gt;title&lt;/u&gt;: &lt;iframe src=x&gt;" in html  # the update, in its block, escaped
    assert "&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt;" in html
    assert "&lt;img src=x onerror=alert(1)&gt;" in html


def test_a_store_with_no_history_renders_without_changes(make_store) -> None:
    store = make_store(din_log=[{"din_id": "DIN-1", "status": "Closed"}])
    html = report.render(meeting.build_pack(store.data_dir))
    assert "what changed since the last meeting is not known" in html
    assert parse(html).figures["dins.total"] == "1"


@pytest.mark.slow
def test_cli_report_writes_the_file(sample_dir: Path, tmp_path: Path) -> None:
    out = tmp_path / "pack.html"
    done = cli("report", "--out", str(out), "--as-at", "2024-04-02", "--data-dir", str(sample_dir))
    assert done.returncode == 0, done.stderr
    figures = parse(out.read_text(encoding="utf-8")).figures
    assert figures["dins.total"] == "1017"  # frozen to the earlier snapshot
    assert "not known" in out.read_text(encoding="utf-8")
    since = cli("report", "--out", str(out), "--since", "2024-04-02", "--data-dir", str(sample_dir))
    assert since.returncode == 0, since.stderr
    assert "Changes are since <strong>02 Apr 2024</strong>" in out.read_text(encoding="utf-8")
    assert dt.date(2024, 5, 1).isoformat() in since.stdout


@pytest.mark.slow  # a CLI process
def test_cli_report_rejects_a_bad_date(sample_dir: Path, tmp_path: Path) -> None:
    done = cli("report", "--out", str(tmp_path / "x.html"), "--since", "yesterday", "--data-dir", str(sample_dir))
    assert done.returncode == 2
    assert "not a date" in done.stderr
    assert not (tmp_path / "x.html").exists()

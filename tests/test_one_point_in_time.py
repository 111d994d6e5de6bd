"""One point in time: the pack, the slides, chair mode and `stats --json --as-at D` agree, table by table, at D."""

from __future__ import annotations

import datetime as dt
import io
import json
from pathlib import Path

import pandas as pd
import pytest
from pptx import Presentation
from streamlit.testing.v1 import AppTest

from mhhs_dashboard import meeting, report, slides
from tests.test_cli import cli
from tests.test_pages import metrics, open_page, unescape
from tests.test_pages_present import PARTS, STEPS

# they read the data and change none of it: they share the caches the first of them fills
pytestmark = pytest.mark.shared_caches

D = dt.date
# the meeting's date; a date between the two plan snapshots (1 May and 20 Dec 2024); the later plan's date
DATES = [D(2024, 5, 1), D(2024, 9, 2), D(2024, 12, 20)]


def stats_at(data: Path, day: dt.date) -> dict:
    done = cli("stats", "--json", "--as-at", day.isoformat(), "--data-dir", str(data))
    assert done.returncode == 0, done.stderr
    return json.loads(done.stdout)


def chair_step(step: int, day: dt.date, part: int = 1) -> AppTest:
    at = open_page("pages/present.py", step=str(step), part=str(part), as_at=day.isoformat())
    assert not at.exception, [e.value for e in at.exception]
    return at


def step_titled(title: str, day: dt.date, missing_ok: bool = False) -> int:
    """The chair step of that title on that day: which steps a meeting has depends on its agenda."""
    for step in range(1, len(STEPS) + 1):
        if unescape(chair_step(step, day).title[0].value).split(" · ", 1)[1] == title:
            return step
    if missing_ok:
        return 0
    raise AssertionError(f"no chair step titled {title!r} on {day}")


def shown_rows(at: AppTest) -> list[pd.DataFrame]:
    """Every table a page drew, grids and plain tables alike."""
    return [t.value for t in [*at.dataframe, *at.table]]


def slide_text(deck: bytes) -> str:
    prs = Presentation(io.BytesIO(deck))
    texts = []
    for s in prs.slides:
        for shape in s.shapes:
            if shape.has_text_frame:
                texts.append(shape.text_frame.text)
            if shape.has_table:
                texts += [c.text for row in shape.table.rows for c in row.cells]
    return "\n".join(texts)


@pytest.mark.slow
@pytest.mark.parametrize("day", DATES, ids=str)
def test_every_output_reads_every_table_on_or_before_its_one_date(day: dt.date, sample_env: Path) -> None:
    stats = stats_at(sample_env, day)
    assert stats["as_at_date"] == day.isoformat()
    assert all(d is None or d <= day.isoformat() for d in stats["as_at"].values()), stats["as_at"]

    pack = meeting.build_pack(sample_env, day)
    assert pack.as_at == day
    assert {p.table: p.as_at.isoformat() for p in pack.provenance} == {
        t: d for t, d in stats["as_at"].items() if d
    }  # the pack names the same snapshot of each table as stats
    assert pack.figures["dins"] == stats["dins"]
    assert pack.figures["actions"] == stats["actions"]
    plan = pack.milestones
    # days to go are counted from the output's date, on the plan as it stood then
    first = plan.iloc[0]
    forecast = pd.Timestamp(first["forecast_date"]).date()
    assert int(first["days_to_go"]) == (forecast - day).days

    html = report.render(pack)
    assert f"Figures as at <strong>{day:%d %B %Y}</strong>: every table at its newest snapshot on or before" in html
    assert f"{first['milestone_id']}" in html

    deck = slide_text(slides.build(pack))
    assert f"Figures as at {day:%d %B %Y}" in deck
    assert pack.changes.sentence() in deck  # the same comparison, named for the same meeting
    assert f"{int(first['days_to_go'])}" in deck

    dins = metrics(chair_step(step_titled("Design Updates", day), day))
    assert dins["DINs recorded"] == f"{stats['dins']['total']:,}"
    assert dins["Open DINs"] == f"{stats['dins']['open']:,}"
    # the plan is on the meeting's milestones item if its agenda has one, else at the end of the programme updates
    titles = ("Upcoming Programme Milestones related to DAG", "Programme Updates")
    updates = next(s for title in titles if (s := step_titled(title, day, missing_ok=True)))
    plans = [
        t
        for part in range(1, max(PARTS.values()) + 1)
        for t in shown_rows(chair_step(updates, day, part))
        if t.columns[0] == "Milestone"
    ]
    assert plans, "no chair screen of the programme updates shows the milestone plan"
    assert str(first["milestone_id"]) in {str(v) for t in plans for v in t.iloc[:, 0]}


@pytest.mark.slow  # two CLI processes
def test_a_date_between_plan_snapshots_reads_the_earlier_plan(sample_env: Path) -> None:
    mid, later = stats_at(sample_env, D(2024, 9, 2)), stats_at(sample_env, D(2024, 12, 20))
    assert mid["as_at"]["milestones"] == "2024-05-01"
    assert later["as_at"]["milestones"] == "2024-12-20"
    # and the default (no --as-at) is the registers' date, whose plan is May's, not December's
    default = json.loads(cli("stats", "--json", "--data-dir", str(sample_env)).stdout)
    assert default["as_at_date"] == "2024-05-01"
    assert default["as_at"]["milestones"] == "2024-05-01"

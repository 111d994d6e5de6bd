"""The data slides: a .pptx that python-pptx opens, with the pack's figures in native charts and tables."""

from __future__ import annotations

import io
from pathlib import Path

import pytest
from pptx import Presentation
from pptx.enum.shapes import MSO_SHAPE_TYPE

from mhhs_dashboard import meeting, slides
from tests import pack
from tests.test_cli import cli


def contents(data: bytes) -> dict[str, object]:
    """Per slide title: its table cells, chart categories and chart values; and the count of pictures."""
    prs = Presentation(io.BytesIO(data))
    out: dict[str, object] = {"pictures": 0, "slides": {}}
    for slide in prs.slides:
        title = slide.shapes.title.text if slide.shapes.title else ""
        got = {"cells": [], "categories": [], "values": {}}
        for shape in slide.shapes:
            if shape.shape_type == MSO_SHAPE_TYPE.PICTURE:
                out["pictures"] += 1
            if shape.has_table:
                got["cells"] += [c.text for row in shape.table.rows for c in row.cells]
            if shape.has_chart:
                plot = shape.chart.plots[0]
                got["categories"] += list(plot.categories)
                got["values"] |= {s.name: list(s.values) for s in plot.series}
        out["slides"][title] = got
    return out


@pytest.fixture(scope="module")
def deck(sample_dir: Path) -> dict[str, object]:
    return contents(slides.build(meeting.build_pack(sample_dir)))


def slide(deck: dict, starts: str) -> dict:
    found = [v for k, v in deck["slides"].items() if k.startswith(starts)]
    assert len(found) == 1, (starts, list(deck["slides"]))
    return found[0]


def test_no_pictures_only_native_charts_and_tables(deck: dict) -> None:
    assert deck["pictures"] == 0
    assert sum(bool(s["values"]) for s in deck["slides"].values()) == 3  # status, release and seat charts


def test_actions_slide_has_every_action(deck: dict) -> None:
    cells = slide(deck, "Minutes and Actions Review")["cells"]
    assert [c for c in cells if c in pack.ACTION_REFS] == sorted(pack.ACTION_REFS, key=cells.index)
    assert set(pack.ACTION_REFS) <= set(cells)


def test_cr_slide_has_the_cr_table(deck: dict) -> None:
    cells = slide(deck, "Change Request Status")["cells"]
    assert [c for c in cells if c.startswith("CR0") and len(c) == 5] == pack.CR_REFS
    assert "Supply Start Date (SSD) Correction Tool" in cells
    assert "Withdrawn by Change Raiser" in cells


def test_din_slides_hold_the_packs_figures(deck: dict) -> None:
    s = slide(deck, "DIN Log Stats as at 2024-04-30: Total Recorded DINs 1029")
    assert dict(zip(s["categories"], s["values"]["DINs"], strict=True)) == pack.BY_STATUS
    assert s["cells"][-3:] == ["Grand Total", "", "1029"]
    r = slide(deck, "Total DINs by Release")
    closed_open = zip(r["values"]["Closed"], r["values"]["Open"], strict=True)
    by_release = {c: int(a + b) for c, (a, b) in zip(r["categories"], closed_open, strict=True)}
    assert by_release["IR5.2"] == 28
    assert sum(by_release.values()) == 1029  # with the 267 that have no release
    assert r["cells"][-2:] == ["Grand Total (with a release)", "762"]
    oc = slide(deck, "Total Open and Closed DINs")["cells"]
    assert oc.count("Grand Total") == 2
    assert oc[oc.index("Grand Total") + 1] == "86"
    assert oc[len(oc) - 1] == "943"
    for status, n in pack.OPEN_BY_STATUS.items():
        assert oc[oc.index(status) + 1] == str(n)


def test_seat_slide_has_the_seat_counts(deck: dict) -> None:
    s = slide(deck, "New Advisory Groups Update")
    fill = {
        g: (int(f), int(f + v))
        for g, f, v in zip(s["categories"], s["values"]["Filled"], s["values"]["Vacant"], strict=True)
    }
    assert fill == pack.SEATS
    for group, (filled, total) in pack.SEATS.items():
        assert f"{filled} of {total}" in s["cells"]
        assert f"{group}: filled" in s["cells"]
    assert s["cells"].count("Yes") == 27  # 9 + 9 + 9 seats filled


def test_cli_slides_writes_a_pptx(sample_dir: Path, tmp_path: Path) -> None:
    out = tmp_path / "slides.pptx"
    done = cli("slides", "--out", str(out), "--data-dir", str(sample_dir))
    assert done.returncode == 0, done.stderr
    s = contents(out.read_bytes())
    assert any(t.startswith("DIN Log Stats") and t.endswith("1029") for t in s["slides"])

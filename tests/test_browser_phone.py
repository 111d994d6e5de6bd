"""On a 390 px phone: the release x status matrix's numbers do not overlap, and no chart toolbar covers a chart's
title or legend; the DIN page's downloads carry the words on screen and dates as dates."""

from __future__ import annotations

import csv
import io

import openpyxl
import pytest

from tests.test_browser import goto, settle
from tests.test_browser_decisions import download

pytestmark = pytest.mark.browser

OVERLAPS = """() => {
  const chart = [...document.querySelectorAll('[data-testid=stPlotlyChart]')]
    .find(c => c.querySelector('.gtitle')?.textContent === 'DINs by target release and status');
  const boxes = [...chart.querySelectorAll('.scatterlayer text')].map(t => t.getBoundingClientRect());
  let overlaps = 0;
  for (let i = 0; i < boxes.length; i++) for (let j = i + 1; j < boxes.length; j++) {
    const a = boxes[i], b = boxes[j];
    if (a.left < b.right && b.left < a.right && a.top < b.bottom && b.top < a.bottom) overlaps++;
  }
  const inside = boxes.every(b => b.left >= 0 && b.right <= window.innerWidth);
  return {cells: boxes.length, overlaps, inside};
}"""


def test_the_din_page_reads_on_a_phone(browser, server: str) -> None:
    ctx = browser.new_context(viewport={"width": 390, "height": 844}, is_mobile=True, has_touch=True)
    try:
        page = ctx.new_page()
        goto(page, server + "/dins")
        settle(page)
        got = page.evaluate(OVERLAPS)
        assert got["cells"] == 28, got  # every non-empty cell of the embedded log writes its count
        assert got["overlaps"] == 0, got
        assert got["inside"], got
        charts = page.locator('[data-testid="stPlotlyChart"]')
        charts.first.tap()  # a tap is what shows Plotly's toolbar on a phone
        page.wait_for_timeout(300)
        shown = page.evaluate(
            "() => [...document.querySelectorAll('[data-testid=stPlotlyChart] .modebar-btn')]"
            ".filter(b => b.getBoundingClientRect().width > 0).length"
        )
        assert shown == 0
    finally:
        ctx.close()


def test_the_din_downloads_read_as_on_screen(page, server: str) -> None:
    goto(page, server + "/dins?release=Interim+Release+5.2")
    settle(page)
    _, text = download(page, "Download CSV")
    header = next(csv.reader(io.StringIO(text.decode("utf-8-sig"))))
    assert header[:5] == ["DIN", "Title", "Status", "Open or closed", "Target release"]
    assert "Raised" in header
    assert not [h for h in header if "_" in h]
    _, xlsx = download(page, "Download Excel")
    sheet = openpyxl.load_workbook(io.BytesIO(xlsx))["DINs"]
    heads = [c.value for c in sheet[1]]
    raised = sheet.cell(row=2, column=heads.index("Raised") + 1)
    assert raised.is_date
    assert raised.number_format == "d mmm yyyy"
    assert sheet.column_dimensions["B"].width > 30  # titles get room to be read

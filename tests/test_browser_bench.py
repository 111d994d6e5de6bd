"""Two app servers on two ports over one data directory in an object store serve the same figures (the replica
design), and the benchmark's new-data step."""

from __future__ import annotations

from pathlib import Path

import pytest

from bench import browser as bench_browser
from bench import render
from mhhs_dashboard import sample
from tests.conftest import ROOT, free_port

pytestmark = pytest.mark.browser


def test_two_replicas_over_one_object_store_show_the_same_figures(
    sample_env: Path, s3_dir: str, tmp_path: Path, browser: object
) -> None:
    """The embedded data written to a local S3 server, and two servers reading it from there (that a folder and
    the object store give the same figures is tests/test_object_store.py)."""
    want = render.expected_on_screen("app.py")  # what the overview draws on this data (the folder), by AppTest
    sample.write_sample(s3_dir)
    with (
        bench_browser.serve(ROOT / "app.py", free_port(), s3_dir, tmp_path / "a.log") as a,
        bench_browser.serve(ROOT / "app.py", free_port(), s3_dir, tmp_path / "b.log") as b,
    ):
        first, second = bench_browser.overview_metrics([a.base + "/", b.base + "/"], want, browser)
        assert a.peak_rss > 0
    assert len(first) == want["metrics"]
    assert first["DINs recorded"] == "1,029"
    assert first == second


def test_new_data_reaches_an_open_page_and_the_benchmark_times_it(
    live_dir: Path, tmp_path: Path, browser: object, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("MHHS_POLL_SECONDS", "3")  # the server's page polls every 3 s, not 15
    want = render.expected_on_screen("pages/dins.py")
    with bench_browser.serve(ROOT / "app.py", free_port(), live_dir, tmp_path / "app.log") as app:
        drawn, (arrival,) = bench_browser.new_data_while_open(app, app.base + "/dins", want, live_dir, 1, browser)
    assert arrival.as_at == "2024-05-07"  # a week after the newest DIN log (30 Apr)
    assert arrival.shown_after is not None
    assert arrival.shown_after < 15  # polls every 3 s: seen, prepared, then shown at the next poll
    assert arrival.busy < arrival.shown_after
    assert drawn > 0
    assert arrival.rss > 0

"""Two app servers on two ports over one data directory serve the same figures (the replica design)."""

from __future__ import annotations

from pathlib import Path

import pytest

from bench import browser as bench_browser
from bench import render
from tests.conftest import ROOT, free_port

pytestmark = pytest.mark.browser


def test_two_replicas_over_one_data_directory_show_the_same_figures(
    sample_env: Path, tmp_path: Path, browser: object
) -> None:
    want = render.expected_on_screen("app.py")  # what the overview draws on this data, counted by AppTest
    with (
        bench_browser.serve(ROOT / "app.py", free_port(), sample_env, tmp_path / "a.log") as a,
        bench_browser.serve(ROOT / "app.py", free_port(), sample_env, tmp_path / "b.log") as b,
    ):
        first, second = bench_browser.overview_metrics([a.base + "/", b.base + "/"], want, browser)
        assert a.peak_rss > 0
    assert len(first) == want["metrics"]
    assert first["DINs recorded"] == "1,029"
    assert first == second

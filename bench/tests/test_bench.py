"""The benchmark's building blocks (no timings asserted): scaled data, page discovery, the query floor."""

from __future__ import annotations

import itertools
from pathlib import Path

import pytest

from bench import elements, render, scaled
from mhhs_dashboard import data, sample, schema
from mhhs_dashboard.store import open_store
from tests.fixtures import ROOT
from tests.screen import tiles


def test_scaled_data_has_the_scaled_row_counts_and_weekly_history(tmp_path: Path) -> None:
    counts = scaled.write_scaled(tmp_path, scale=3, weeks=4)
    base = {t: len(s[max(s)]) for t, s in sample.snapshots().items()}
    assert counts["din_log"] == 3 * base["din_log"]
    for table in scaled.MULTIPLIED_KEY:
        assert counts[table] == 3 * base[table], table
    for table in ("groups", "milestones", "releases"):
        assert counts[table] == base[table], table
    assert scaled.snapshot_count(tmp_path, "din_log") == 4
    store = open_store(tmp_path, strict=True)
    dates = store.con.sql("select distinct as_at from din_log_history order by 1").fetchall()
    assert [(b[0] - a[0]).days for a, b in itertools.pairwise(dates)] == [7, 7, 7]
    for table, snaps in scaled.scaled_snapshots(scale=3, weeks=2).items():
        for frame in snaps.values():
            assert not frame.duplicated(list(schema.TABLES[table].key)).any(), f"{table} keys repeat"


def test_din_history_never_has_a_dins_closure_before_its_snapshot() -> None:
    now, _ = sample.build_din_log()
    then = scaled.din_as_it_was(now, sample.PREVIOUS_AS_AT)
    assert (then["raised_date"] <= sample.PREVIOUS_AS_AT).all()
    closed = then["closed_date"].dropna()
    assert (closed <= sample.PREVIOUS_AS_AT).all()
    assert len(then) < len(now)


def test_every_page_is_discovered() -> None:
    scripts = render.page_scripts()
    assert scripts[0] == "app.py"
    assert set(scripts[1:]) == {p.relative_to(ROOT).as_posix() for p in (ROOT / "pages").glob("*.py")}


def test_the_floor_answers_every_query_without_duckdb(sample_env: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    tap = render.QueryTap()
    with tap.installed():
        real = render.open_at("app.py")
    assert tap.calls > 0
    assert tap.recorded
    expected = tiles(real)

    def refuse(*args: object, **kwargs: object) -> None:
        raise AssertionError("the floor reached DuckDB")

    monkeypatch.setattr(data, "run_query", refuse)
    data.forget()
    with render.floor(tap.recorded) as misses:
        at = render.open_at("app.py")
    assert not at.exception, [e.value for e in at.exception]
    assert misses == []
    assert tiles(at) == expected != []


def test_a_page_is_timed_cold_warm_warmed_and_at_its_floor(sample_env: Path) -> None:
    timing = render.time_page("pages/groups.py", 1)
    assert timing.page == "pages/groups.py"  # not "(failed: ...)"
    times = [timing.cold, timing.warm, timing.floor, timing.warmed]
    assert all(0 < t < 60 for t in times), times
    assert timing.queries > 0
    assert timing.misses == 0


def test_the_query_tap_times_and_records_and_then_lets_go(sample_env: Path) -> None:
    real = data.run_query
    tap = render.QueryTap()
    with tap.installed():
        assert data.run_query is not real
        render.open_at("pages/actions.py")
    assert data.run_query is real
    assert tap.seconds > 0
    assert any(key[0] == "releases_options" for key in tap.recorded)
    assert set(tap.longest) == {key[0] for key in tap.recorded}
    name, took = max(tap.longest.items(), key=lambda kv: kv[1])
    assert render._slowest(tap) == f"{name} ({took:.3f} s)"


def test_the_store_benchmark_counts_every_snapshot_row_and_the_rows_kept(tmp_path: Path) -> None:
    from bench import store_bench

    scaled.write_scaled(tmp_path, scale=2, weeks=3)
    got = store_bench.measure(tmp_path)
    din = got["tables"]["din_log"]
    snaps = scaled.scaled_snapshots(scale=2, weeks=3)["din_log"]
    on_disk = sum(len(f) for f in snaps.values())
    assert din["snapshots"] == 3
    assert din["rows_in_all_snapshots"] == on_disk
    assert len(snaps[max(snaps)]) <= din["rows_kept"] < on_disk  # at least the newest snapshot, less than all
    assert got["open_seconds"] > 0
    assert got["peak_rss_mib"] >= got["rss_after_open_mib"] > 0
    assert got["next_version_seconds"] > 0
    # the new snapshot went into a copy: the directory benchmarked is as it was
    assert sorted(p.name for p in (tmp_path / "din_log").iterdir()) == [f"as_at={d}" for d in sorted(snaps)]


def test_element_counts_match_what_the_page_draws(sample_env: Path) -> None:
    at = render.open_at("app.py")
    got = elements.counts(at)
    assert got["main"]["html"] == len(at.main.get("html")) > 0  # the tile rows
    assert got["main"]["plotly_chart"] == len(at.get("plotly_chart")) > 0
    assert got["main"]["page_link"] == len(at.main.get("page_link")) > 0
    assert got["sidebar"]["page_link"] == len(at.sidebar.get("page_link")) > 0
    assert got["main"].get("metric", 0) + got["sidebar"].get("metric", 0) == len(at.metric)
    assert "html" in elements.table(["pages/milestones.py"])[2]  # its link rows


def test_the_frame_cost_pages_draw_the_floor_content_bare_and_under_the_frame(sample_env: Path, tmp_path: Path) -> None:
    from streamlit.testing.v1 import AppTest

    from bench import frame_cost

    app = frame_cost.scratch_tree(tmp_path / "tree")
    assert (tmp_path / "tree" / "pages" / "dins.py").read_bytes() == (ROOT / "pages" / "dins.py").read_bytes()
    drawn = {}
    for stem in frame_cost.PAGES:
        at = AppTest.from_file(str(app), default_timeout=60)
        at.switch_page(f"pages/{stem}.py")
        at.run()
        assert not at.exception, stem
        assert [m.label for m in at.metric] == ["DINs recorded"], stem
        assert len(at.get("plotly_chart")) == 1, stem
        drawn[stem] = [link.proto.label for link in at.sidebar.get("page_link")]
    assert drawn["zz_bare"] == []  # no frame: no sidebar
    assert "DIN log" in drawn["zz_framed"]  # the frame's navigation

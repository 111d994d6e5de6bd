"""The command line: `stats --json` gives the pack's figures; `sample` and --data-dir; bad input exits 2."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from tests import pack

pytestmark = pytest.mark.slow  # each test runs the CLI in a fresh process (`make test`, not test-fast)

ROOT = Path(__file__).resolve().parent.parent


def cli(*args: str, env: dict[str, str] | None = None) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "mhhs_dashboard", *args],
        capture_output=True,
        text=True,
        cwd=ROOT,
        env=env,
        timeout=120,
        check=False,
    )


@pytest.fixture(scope="module")
def stats(sample_dir: Path) -> dict:
    out = cli("stats", "--json", "--data-dir", str(sample_dir))
    assert out.returncode == 0, out.stderr
    return json.loads(out.stdout)


def test_stats_has_the_contract_keys(stats: dict) -> None:
    assert set(stats) >= {"as_at", "dins", "change_requests", "seats", "actions"}
    assert set(stats["dins"]) >= {
        "total",
        "open",
        "closed",
        "by_status",
        "by_release",
        "with_release",
        "without_release",
    }
    assert set(stats["change_requests"]) >= {"total", "by_approval_status", "by_stage"}
    assert set(stats["actions"]) >= {"total", "by_status", "overdue"}
    assert stats["as_at"]["din_log"] == "2024-04-30"
    assert stats["as_at"]["change_requests"] == "2024-05-01"


def test_stats_reproduce_the_pack(stats: dict) -> None:
    d = stats["dins"]
    assert {k: d[k] for k in pack.DINS} == pack.DINS
    assert d["by_status"] == pack.BY_STATUS
    assert d["by_release"] == pack.BY_RELEASE
    assert sum(d["by_release"].values()) == d["with_release"] == 762
    assert {g: (v["filled"], v["total"]) for g, v in stats["seats"].items()} == pack.SEATS
    assert stats["change_requests"]["by_approval_status"] == pack.CR_APPROVAL
    assert stats["change_requests"]["total"] == 8
    assert stats["actions"]["total"] == len(pack.ACTION_REFS)
    assert stats["actions"]["overdue"] == 0  # judged at the log's as-at date (1 May 2024), not today


def test_status_order_is_the_programmes(stats: dict) -> None:
    assert list(stats["dins"]["by_status"])[:1] == ["Open - awaiting assessment"]
    assert list(stats["dins"]["by_status"])[-2:] == ["Implemented", "Closed"]


def test_stats_as_at_an_earlier_snapshot(sample_dir: Path) -> None:
    out = cli("stats", "--json", "--as-at", "2024-04-02", "--data-dir", str(sample_dir))
    assert out.returncode == 0, out.stderr
    earlier = json.loads(out.stdout)
    assert earlier["as_at"]["din_log"] == "2024-04-02"
    assert earlier["dins"]["total"] < 1029
    assert earlier["as_at"]["seats"] is None  # no seat list that early


def test_data_dir_comes_from_the_environment(sample_dir: Path) -> None:
    import os

    out = cli("stats", "--json", env={**os.environ, "MHHS_DATA_DIR": str(sample_dir)})
    assert out.returncode == 0, out.stderr
    assert json.loads(out.stdout)["dins"]["total"] == 1029


def test_sample_rebuilds_into_a_data_dir(tmp_path: Path) -> None:
    out = cli("sample", "--data-dir", str(tmp_path))
    assert out.returncode == 0, out.stderr
    assert (tmp_path / "din_log" / "as_at=2024-04-30" / "din_log.parquet").is_file()
    again = cli("stats", "--json", "--data-dir", str(tmp_path))
    assert json.loads(again.stdout)["dins"]["total"] == 1029


def test_a_broken_snapshot_exits_2_naming_table_and_column(tmp_path: Path) -> None:
    import pandas as pd

    bad = tmp_path / "din_log" / "as_at=2024-05-01"
    bad.mkdir(parents=True)
    pd.DataFrame({"din_id": ["DIN-0001"], "title": ["x"]}).to_parquet(bad / "din_log.parquet")
    out = cli("stats", "--json", "--data-dir", str(tmp_path))
    assert out.returncode == 2
    assert "din_log" in out.stderr
    assert "'status'" in out.stderr
    assert "Traceback" not in out.stderr


def test_a_bad_date_is_a_usage_error() -> None:
    out = cli("stats", "--as-at", "30/04/2024")
    assert out.returncode == 2
    assert "YYYY-MM-DD" in out.stderr


def test_slides_take_a_group_in_any_case_and_refuse_an_unknown_one(sample_dir: Path, tmp_path: Path) -> None:
    out = tmp_path / "slides.pptx"
    done = cli("slides", "--group", "dag", "--out", str(out), "--data-dir", str(sample_dir))
    assert done.returncode == 0, done.stderr
    assert "for Design Advisory Group #36 on 2024-05-08" in done.stdout
    bad = cli("slides", "--group", "XAG", "--out", str(tmp_path / "x.pptx"), "--data-dir", str(sample_dir))
    assert bad.returncode == 2
    assert bad.stderr.startswith("mhhs-dashboard slides: --group XAG: no such group in the groups list (groups: ")
    assert not (tmp_path / "x.pptx").exists()

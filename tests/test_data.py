"""What pages read (mhhs_dashboard/data.py): a query runs once per data version, and what a page does to the rows
it was handed never reaches the next page that asks."""

from __future__ import annotations

from pathlib import Path

from mhhs_dashboard import data


def test_a_caller_that_changes_its_rows_leaves_the_cache_as_it_was(sample_env: Path, runs: list[str]) -> None:
    src = data.source()
    first = data.din_by_status(src)
    shown = first.copy()
    first.loc[first.index[0], "dins"] = -1  # a cell changed in place
    first["status"] = "changed"  # a column replaced
    del first["state"]  # a column removed
    again = data.din_by_status(src)
    assert runs == ["dins_by_status"]  # the second came from the cache...
    assert again.equals(shown)  # ...as it was first worked out
    assert again is not first


def test_what_a_read_derives_from_its_rows_is_worked_out_once(sample_env: Path, runs: list[str]) -> None:
    """A read's own work on its rows (here the CR filters' option lists) is kept per data version, as the rows
    are: a second view hands out what the first worked out."""
    src = data.source()
    options = data.cr_options(src)
    assert data.cr_options(src) is options
    assert runs == ["crs_options"]
    assert options["approval_status"][:2] == ["Open", "Approved"]

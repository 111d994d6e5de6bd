"""The query runner and the query files: bound parameters only, a header on every file, one naming scheme."""

from __future__ import annotations

from pathlib import Path

import pytest

from mhhs_dashboard.db import SCRIPTS, QueryError, load_sql, query_files, query_params, run_query
from mhhs_dashboard.settings import QUERIES_DIR

QUERY_FILES = sorted(p for p in QUERIES_DIR.rglob("*.sql"))
# queries/<domain>/: one folder per domain, as tests/test_queries_<domain>.py split the tests
DOMAINS = {"dins", "decisions", "governance", "plan", "changes", "quality", "preview"}
# a query is named for what it returns, the plural entity first: dins_by_release, actions_by_owner, seats_vacant
ENTITIES = (
    "dins", "crs", "actions", "risks", "milestones", "releases", "seats", "groups", "meetings", "agenda_items",
    "changes", "snapshots", "labels", "rows", "decisions", "checklist", "principles",
)  # fmt: skip


@pytest.mark.parametrize(
    ("sql", "expected"),
    [
        ("select $a, $b_2", {"a", "b_2"}),
        ("select 1 -- uses $not_a_param in a comment", set()),
        ("select '$' || x", set()),
        ("select $releases::varchar[]", {"releases"}),
        ("select $$literal$$", set()),
    ],
)
def test_query_params(sql: str, expected: set[str]) -> None:
    assert query_params(sql) == expected


def test_values_are_bound_not_formatted(make_store) -> None:
    store = make_store(din_log=[{"din_id": "DIN-0001", "status": "Closed"}])
    hostile = ["' OR 1=1 --", "x'); drop table din_log; --"]
    totals = run_query(store.con, "dins_totals", releases=hostile)
    assert int(totals["total"].iloc[0]) == 0
    assert store.con.sql("select count(*) from din_log").fetchall() == [(1,)]


def test_missing_and_unexpected_parameters_are_refused(make_store) -> None:
    store = make_store(din_log=[{"din_id": "DIN-0001", "status": "Closed"}])
    with pytest.raises(QueryError, match=r"needs \$releases"):
        run_query(store.con, "dins_totals")
    with pytest.raises(QueryError, match=r"takes no \$typo"):
        run_query(store.con, "dins_totals", releases=[], typo=1)
    with pytest.raises(QueryError, match="no query file"):
        load_sql("does_not_exist")


@pytest.mark.parametrize("path", QUERY_FILES, ids=lambda p: str(p.relative_to(QUERIES_DIR)))
def test_every_query_file_has_a_header_with_grain_and_params(path: Path) -> None:
    lines = path.read_text().splitlines()
    assert lines[0].startswith(f"-- {path.stem}: "), "first line: '-- <name>: <grain>'"
    header = [line for line in lines if line.startswith("--")]
    assert any(line.startswith("-- params:") for line in header), "a '-- params:' line"
    declared = " ".join(line for line in header if line.startswith("-- params:"))
    for param in query_params(path.read_text()):
        assert f"${param}" in declared, f"${param} is used but not declared in the header"


@pytest.mark.parametrize("path", QUERY_FILES, ids=lambda p: str(p.relative_to(QUERIES_DIR)))
def test_every_query_sits_in_its_domain_and_is_named_entity_first(path: Path) -> None:
    where = path.relative_to(QUERIES_DIR)
    if where.parent.name == SCRIPTS:
        return  # the staging scripts: views and macros every query stands on
    assert len(where.parts) == 2, "in a domain's folder: queries/<domain>/<name>.sql"
    assert where.parts[0] in DOMAINS, f"a domain of {sorted(DOMAINS)}"
    if where.parts[0] == "quality" and path.stem.startswith("dq_"):
        return  # a data-quality check: dq_<the check's name on /data_quality>
    named = path.stem in ENTITIES or path.stem.startswith(tuple(f"{e}_" for e in ENTITIES))
    assert named, f"named <entity>[_<what>], the entity one of {ENTITIES}"


def test_the_runner_finds_a_query_in_its_folder_by_name_alone(make_store) -> None:
    assert len(query_files()) == len([p for p in QUERY_FILES if p.parent.name != SCRIPTS])  # no name twice
    assert query_files()["dins_totals"] == QUERIES_DIR / "dins" / "dins_totals.sql"
    store = make_store(din_log=[{"din_id": "DIN-0001", "status": "Closed"}])
    assert int(run_query(store.con, "dins_totals", releases=[])["total"].iloc[0]) == 1
    with pytest.raises(QueryError, match=r"queries/dins/dins_totals.sql needs \$releases"):
        run_query(store.con, "dins_totals")

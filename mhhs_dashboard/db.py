"""The one runner for SQL: every statement is a file in queries/, and every value is bound, never formatted."""

from __future__ import annotations

import functools
import re
from pathlib import Path

import duckdb
import pandas as pd

from mhhs_dashboard import runs
from mhhs_dashboard.settings import QUERIES_DIR

PARAM = re.compile(r"(?<![\w$:])\$([a-z_][a-z0-9_]*)")
COMMENT = re.compile(r"--[^\n]*")


class QueryError(Exception):
    """A query that could not run: the message names the query file and what was wrong."""


SCRIPTS = "setup"  # the folder of scripts (views and macros), run by path: setup/macros


@functools.cache
def _query_files() -> dict[str, Path]:
    return query_files()


def query_files() -> dict[str, Path]:
    """Every query by name: queries/<domain>/<name>.sql; a name is one file, whatever its folder."""
    found: dict[str, Path] = {}
    for path in sorted(QUERIES_DIR.rglob("*.sql")):
        if path.parent.name == SCRIPTS:
            continue
        if path.stem in found:
            raise QueryError(f"queries/{shown(found[path.stem])} and queries/{shown(path)} share one name")
        found[path.stem] = path
    return found


def shown(path: Path) -> str:
    """A query file's place under queries/ (`dins/dins_list.sql`)."""
    return path.relative_to(QUERIES_DIR).as_posix()


def query_path(name: str) -> Path:
    """The file of the query `name` (found in its domain's folder), or of the script `setup/<name>`."""
    if "/" in name:
        return QUERIES_DIR / f"{name}.sql"
    path = _query_files().get(name)
    if path is None or not path.is_file():  # a query added or moved since: look again
        _query_files.cache_clear()
        path = _query_files().get(name)
    return path if path is not None else QUERIES_DIR / f"{name}.sql"


def load_sql(name: str) -> str:
    """The text of the query or script `name` (read every time, so edits show on the next rerun)."""
    path = query_path(name)
    if not path.is_file():
        raise QueryError(f"no query file {name}.sql in queries/")
    return path.read_text(encoding="utf-8")


def query_params(sql: str) -> set[str]:
    """The `$name` parameters a query uses (comments ignored)."""
    return set(PARAM.findall(COMMENT.sub("", sql)))


def run_query(con: duckdb.DuckDBPyConnection, name: str, **params: object) -> pd.DataFrame:
    """Run the query `name` (queries/<domain>/<name>.sql) with its $parameters bound; exactly the parameters it
    uses must be given."""
    sql = load_sql(name)
    wanted = query_params(sql)
    if missing := wanted - params.keys():
        raise QueryError(f"queries/{shown(query_path(name))} needs ${', $'.join(sorted(missing))}")
    if extra := params.keys() - wanted:
        raise QueryError(f"queries/{shown(query_path(name))} takes no ${', $'.join(sorted(extra))}")
    # one cursor per call: a DuckDB 2 connection refuses concurrent use; a page run lets another go meanwhile
    with con.cursor() as cur, runs.released():
        return cur.execute(sql, params).df() if params else cur.execute(sql).df()


def run_script(con: duckdb.DuckDBPyConnection, name: str) -> None:
    """Run queries/<name>.sql (setup/macros) as a script of statements with no parameters (views and macros)."""
    con.execute(load_sql(name))

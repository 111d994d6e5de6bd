"""The one runner for SQL: every statement is a file in queries/, and every value is bound, never formatted."""

from __future__ import annotations

import re

import duckdb
import pandas as pd

from mhhs_dashboard.settings import QUERIES_DIR

PARAM = re.compile(r"(?<![\w$:])\$([a-z_][a-z0-9_]*)")
COMMENT = re.compile(r"--[^\n]*")


class QueryError(Exception):
    """A query that could not run: the message names the query file and what was wrong."""


def load_sql(name: str) -> str:
    """The text of queries/<name>.sql (read every time, so edits show on the next rerun)."""
    path = QUERIES_DIR / f"{name}.sql"
    if not path.is_file():
        raise QueryError(f"no query file queries/{name}.sql")
    return path.read_text(encoding="utf-8")


def query_params(sql: str) -> set[str]:
    """The `$name` parameters a query uses (comments ignored)."""
    return set(PARAM.findall(COMMENT.sub("", sql)))


def run_query(con: duckdb.DuckDBPyConnection, name: str, **params: object) -> pd.DataFrame:
    """Run queries/<name>.sql with its $parameters bound; exactly the parameters it uses must be given."""
    sql = load_sql(name)
    wanted = query_params(sql)
    if missing := wanted - params.keys():
        raise QueryError(f"queries/{name}.sql needs ${', $'.join(sorted(missing))}")
    if extra := params.keys() - wanted:
        raise QueryError(f"queries/{name}.sql takes no ${', $'.join(sorted(extra))}")
    with con.cursor() as cur:  # one cursor per call: a DuckDB 2 connection refuses concurrent use
        return cur.execute(sql, params).df() if params else cur.execute(sql).df()


def run_script(con: duckdb.DuckDBPyConnection, name: str) -> None:
    """Run queries/<name>.sql as a script of statements with no parameters (views and macros)."""
    con.execute(load_sql(name))

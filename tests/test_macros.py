"""Label normalisation and release order: the macros every query takes them from (queries/setup/macros.sql)."""

from __future__ import annotations

import duckdb
import pytest

from mhhs_dashboard.db import run_script


@pytest.fixture(scope="module")
def con() -> duckdb.DuckDBPyConnection:
    c = duckdb.connect()
    run_script(c, "setup/macros")
    return c


@pytest.mark.parametrize(
    ("raw", "label"),
    [
        ("Interim Release 5.2", "Interim Release 5.2"),
        ("Interim Release 5.2 ", "Interim Release 5.2"),  # the pack's trailing-space variant
        ("Interim Release\u00a05.2", "Interim Release 5.2"),  # non-breaking space
        ("  interim release 5.2", "Interim Release 5.2"),  # case and leading space
        ("INTERIM  RELEASE 7", "Interim Release 7"),
        ("IR7.3", "Interim Release 7.3"),
        ("Post Go-live Release TBC ", "Post Go-live Release TBC"),
        ("post go-live release tbc", "Post Go-live Release TBC"),
        ("", None),
        ("   ", None),
        (None, None),
        ("Something else ", "Something else"),
        ("Interim Release 5.2.1", "Interim Release 5.2.1"),  # not a release label: left as written
    ],
)
def test_norm_release(con: duckdb.DuckDBPyConnection, raw: str | None, label: str | None) -> None:
    assert con.execute("select norm_release($x::varchar)", {"x": raw}).fetchone() == (label,)


@pytest.mark.parametrize(
    ("label", "code"),
    [("Interim Release 7.3", "IR7.3"), ("interim release 8 ", "IR8"), ("Post Go-live Release TBC", None), (None, None)],
)
def test_release_code(con: duckdb.DuckDBPyConnection, label: str | None, code: str | None) -> None:
    assert con.execute("select release_code($x::varchar)", {"x": label}).fetchone() == (code,)


def test_release_order_is_natural(con: duckdb.DuckDBPyConnection) -> None:
    shuffled = [
        None,
        "Post Go-live Release TBC",
        "Interim Release 8.1",
        "Interim Release 10",
        "Interim Release 2.10",
        "Interim Release 2.2",
        "Interim Release 8",
        "Interim Release 2",
        "Interim Release 2.3 ",
        "Interim Release 1",
        "Something else",
    ]
    got = [
        r[0]
        for r in con.execute(
            "select x from unnest($xs::varchar[]) as t(x) order by release_order(x), x", {"xs": shuffled}
        ).fetchall()
    ]
    assert got == [
        "Interim Release 1",
        "Interim Release 2",
        "Interim Release 2.2",
        "Interim Release 2.3 ",
        "Interim Release 2.10",
        "Interim Release 8",
        "Interim Release 8.1",
        "Interim Release 10",
        "Something else",
        "Post Go-live Release TBC",
        None,
    ]

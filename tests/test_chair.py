"""Chair mode's screens: word-wrap estimates, rows split into screens that fit, sub-step numbers from the URL."""

from __future__ import annotations

import datetime as dt

import pandas as pd
import pytest

from mhhs_dashboard import chair


@pytest.mark.parametrize(
    ("text", "width", "want"),
    [
        ("", 100, 1),  # an empty cell still takes a line
        ("short", 400, 1),
        ("aaaa bbbb", 8 * 9.6 + 5, 1),  # two 4-letter words and a space fit exactly
        ("aaaa bbbb", 8 * 9.6 + 4, 2),  # ... and a pixel less wraps the second
        ("x" * 30, 100, 3),  # a word wider than the box is broken across lines (288 px in 100 px boxes)
        ("RECOMMEND CLOSED", 140, 2),  # capitals count wide: one word a line
        ("word " * 40, 200, 10),  # 40 words of 38.4 px, 4 to a 200 px line (4 * 38.4 + 3 * 5 = 168.6)
    ],
)
def test_lines_wraps_words_as_a_browser_does(text: str, width: float, want: int) -> None:
    assert chair.lines(text, width) == want


def test_a_row_is_as_tall_as_its_longest_cell() -> None:
    table = chair.Table("t", {"a": "A", "b": "B"}, {"a": 0.5, "b": 0.5})
    half = chair.SCREEN_WIDTH_PX / 2 - chair.CELL_PAD_X_PX
    long = "word " * 100
    assert chair.row_height(["x", "y"], table) == chair.LINE_PX + chair.CELL_PAD_Y_PX
    assert chair.row_height(["x", long], table) == chair.lines(long, half) * chair.LINE_PX + chair.CELL_PAD_Y_PX


def test_a_table_that_shares_the_screen_is_narrower() -> None:
    shared = chair.Table("t", {"a": "A"}, {"a": 1.0}, share=0.75)
    assert shared.width_px == pytest.approx((chair.SCREEN_WIDTH_PX - chair.GAP_PX) * 0.75)
    assert chair.Table("t", {"a": "A"}, {"a": 1.0}).width_px == chair.SCREEN_WIDTH_PX


def test_widths_must_cover_every_column_and_sum_to_one() -> None:
    with pytest.raises(ValueError, match="summing to 1"):
        chair.Table("t", {"a": "A", "b": "B"}, {"a": 0.5, "b": 0.4})
    with pytest.raises(ValueError, match="a width per column"):
        chair.Table("t", {"a": "A", "b": "B"}, {"b": 0.5, "a": 0.5})


def test_a_pack_table_gets_widths_by_its_text_prose_wide_codes_narrow() -> None:
    table = {
        "title": "T",
        "columns": ["Ref", "Text"],
        "rows": [[{"text": "R1"}, {"text": "a long sentence of prose " * 6}], [{"text": "R2"}, {"text": "short"}]],
        "note": "Updated to 01 May 2024",
    }
    g = chair.grid(table)
    assert list(g.table.columns.values()) == ["Ref", "Text"]
    assert sum(g.table.widths.values()) == pytest.approx(1)
    ref, text = g.table.widths.values()
    assert ref < 0.15 < text
    assert ref * chair.SCREEN_WIDTH_PX >= chair._width("Ref") + chair.CELL_PAD_X_PX  # its longest word fits
    assert g.rows.iloc[1].tolist() == ["R2", "short"]
    assert g.note == "Updated to 01 May 2024"


def test_too_many_columns_still_share_the_screen_exactly() -> None:
    shares = chair.widths([f"Heading{i}" for i in range(20)], [["Implementation" * 3] * 20])
    assert sum(shares) == pytest.approx(1)
    assert all(s > 0 for s in shares)


def test_a_steps_pieces_split_into_screens_that_each_fit_in_order() -> None:
    section = {
        "tiles": [{"label": f"T{i}", "value": "1", "delta": None} for i in range(7)],  # two rows: 5 and 2
        "news": ["moved"],
        "blocks": [{"title": "Block", "subtitle": "", "lines": [f"line {i} " * 20 for i in range(30)]}],
        "charts": [],
        "tables": [{"title": "T", "columns": ["A"], "rows": [[{"text": str(i)}] for i in range(40)], "note": ""}],
    }
    step = chair.content(section, "Since DAG #35")
    assert step.order == (("tiles", 0), ("tiles", 1), ("list", 0), ("list", 1), ("table", 0))
    assert [len(t) for t in step.tiles] == [5, 2]
    parts = chair.screens(step, "caption", "1 · Title")
    pieces = [p for part in parts for p in part.pieces]
    assert [(p.kind, p.index) for p in pieces][:4] == [("tiles", 0), ("tiles", 1), ("list", 0), ("list", 1)]
    for kind, index, total in (("list", 1, 30), ("table", 0, 40)):
        runs = [p.rows for p in pieces if (p.kind, p.index) == (kind, index)]
        assert len(runs) > 1  # too long for one screen
        assert [i for r in runs for i in range(r.start, r.stop)] == list(range(total))  # each row once, in order
        assert [p.more for p in pieces if (p.kind, p.index) == (kind, index)][1:] == [True] * (len(runs) - 1)
    room = chair.room("caption", "1 · Title")
    for part in parts:  # each screen's estimated height fits the room
        used = 0.0
        for p in part.pieces:
            if p.kind == "tiles":
                used += chair.tiles_height(step.tiles[p.index])
            elif p.kind == "list":
                b = step.lists[p.index]
                used += chair.HEADING_PX + sum(chair.item_height(x) for x in b.lines[p.rows]) + chair.GAP_PX
            elif p.kind == "table":
                g = step.grids[p.index]
                used += chair.HEADING_PX + chair.row_height(["A"], g.table) + chair.GAP_PX
                used += sum(chair.row_height([str(v)], g.table) for v in g.rows["c0"].iloc[p.rows])
        assert used - chair.GAP_PX <= room  # the gap under the screen's last piece may run past it


def test_a_long_title_leaves_less_room() -> None:
    assert chair.room("c", "10.1 · Appendix: MHHS Governance and Decision-Making Structure") < chair.room("c", "1 · A")


def rows_of(texts: list[str]) -> pd.DataFrame:
    return pd.DataFrame({"ref": [f"R{i}" for i in range(len(texts))], "text": texts})


TABLE = chair.Table("t", {"ref": "Ref", "text": "Text"}, {"ref": 0.2, "text": 0.8})


def test_table_screens_cover_every_row_once_in_order_and_each_fits() -> None:
    texts = ["word " * n for n in (1, 80, 5, 150, 3, 3, 3, 60, 1, 200)]
    rows = rows_of(texts)
    screens = chair.table_screens(rows, TABLE, height_px=400)
    assert [i for s in screens for i in range(len(rows))[s]] == list(range(len(rows)))
    head = chair.row_height(["Ref", "Text"], TABLE)
    for s in screens:
        heights = [chair.row_height([r.ref, r.text], TABLE) for r in rows.iloc[s].itertuples()]
        assert len(heights) == 1 or head + sum(heights) <= 400  # a row taller than the screen stands alone
    assert len(screens) > 1


def test_rows_that_fit_stay_on_one_screen_and_no_rows_is_one_empty_screen() -> None:
    assert chair.table_screens(rows_of(["a", "b", "c"]), TABLE) == [slice(0, 3)]
    assert chair.table_screens(rows_of([]), TABLE) == [slice(0, 0)]


def test_dates_and_blanks_are_measured_as_shown() -> None:
    assert chair.cell_text(dt.date(2024, 5, 8)) == "Wed 08 May 2024"
    assert chair.cell_text(pd.Timestamp("2024-05-08")) == "Wed 08 May 2024"
    assert chair.cell_text(None) == ""
    assert chair.cell_text(float("nan")) == ""
    assert chair.cell_text(pd.NaT) == ""
    assert chair.cell_text(7) == "7"


def test_list_screens_split_a_long_list() -> None:
    assert chair.list_screens(["one", "two"]) == [slice(0, 2)]
    assert chair.list_screens([]) == [slice(0, 0)]
    many = [f"DAG35-{i:02} new: RECOMMEND CLOSED" for i in range(30)]
    screens = chair.list_screens(many)
    assert len(screens) > 1
    assert [i for s in screens for i in range(30)[s]] == list(range(30))


@pytest.mark.parametrize(
    ("asked", "parts", "want"),
    [(None, 3, (1, False)), ("2", 3, (2, False)), ("9", 3, (3, True)), ("0", 3, (1, True)), ("x", 3, (1, True))],
)
def test_clamp_part(asked: str | None, parts: int, want: tuple[int, bool]) -> None:
    assert chair.clamp_part(asked, parts) == want


def test_shown_says_which_rows_a_screen_holds() -> None:
    assert chair.shown(slice(0, 2), 7, "action") == "actions 1\N{EN DASH}2 of 7"
    assert chair.shown(slice(2, 7), 7, "action") == "actions 3\N{EN DASH}7 of 7"
    assert chair.shown(slice(0, 7), 7, "action") == "all 7 actions"
    assert chair.shown(slice(0, 1), 1, "risk") == "1 risk"
    assert chair.shown(slice(6, 7), 7, "action") == "action 7 of 7"

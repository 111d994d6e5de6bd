"""Filter state without Streamlit (mhhs_dashboard/filters.py): chart picks kept in the URL, and the one notice of
what a link asked for that the data does not have."""

from __future__ import annotations

from typing import Any

from mhhs_dashboard.filters import ChartPicks, Dropped, known

OPTIONS = {"release": ["IR1", "IR2"], "status": ["Raised", "Closed"]}


class Params(dict[str, list[str]]):
    """Query parameters as st.query_params holds them: repeated keys as lists."""

    def get_all(self, key: str) -> list[str]:
        return list(self.get(key, []))

    def __setitem__(self, key: str, value: str | list[str]) -> None:
        super().__setitem__(key, [value] if isinstance(value, str) else list(value))


def event(*points: dict[str, Any]) -> dict[str, Any]:
    return {"selection": {"points": list(points)}}


def test_picks_come_from_the_url_and_unknown_ones_are_dropped() -> None:
    dropped = Dropped()
    picks = ChartPicks("dins", OPTIONS, Params(pick_status=["Closed", "Nope", "Raised"]), {}, dropped)
    assert picks.picks == {"release": (), "status": ("Raised", "Closed")}  # the options' order
    assert picks.active
    assert dropped.values == ["pick_status=Nope"]


def test_a_fresh_page_keeps_the_urls_picks_until_a_chart_is_selected() -> None:
    params, state = Params(pick_release=["IR2"]), {}
    picks = ChartPicks("dins", OPTIONS, params, state)
    picks.update("release", event(), {"release": "x"})  # first run, nothing selected: the URL holds
    assert picks.picks["release"] == ("IR2",)
    picks.update("release", event({"x": "IR1"}, {"x": "IR9"}), {"release": "x"})
    assert picks.picks["release"] == ("IR1",)  # a value outside the options is never picked
    assert params["pick_release"] == ["IR1"]
    picks.update("release", event({"x": "IR1"}), {"release": "x"})  # the same selection again: nothing moves
    assert params["pick_release"] == ["IR1"]


def test_a_heatmap_cell_picks_both_fields_from_customdata() -> None:
    params = Params()
    picks = ChartPicks("dins", OPTIONS, params, {})
    picks.update(
        "matrix", event({"customdata": ["IR2", "Closed"]}), {"release": "customdata.0", "status": "customdata.1"}
    )
    assert picks.picks == {"release": ("IR2",), "status": ("Closed",)}
    assert params == {"pick_release": ["IR2"], "pick_status": ["Closed"]}


def test_an_emptied_selection_clears_the_picks() -> None:
    params, state = Params(), {}
    picks = ChartPicks("dins", OPTIONS, params, state)
    picks.update("status", event({"y": "Raised"}), {"status": "y"})
    assert params == {"pick_status": ["Raised"]}
    picks.update("status", event(), {"status": "y"})
    assert not picks.active
    assert params == {}


def test_clear_forgets_the_picks_and_starts_the_charts_afresh() -> None:
    params, state = Params(pick_status=["Raised"]), {}
    picks = ChartPicks("dins", OPTIONS, params, state)
    before = picks.key("status")
    picks.clear()
    assert params == {}
    again = ChartPicks("dins", OPTIONS, params, state)  # the rerun the button's click starts
    assert again.key("status") != before  # a new widget key: the chart's selection is reset
    assert not again.active


def test_dropped_values_make_one_inert_notice_shown_again_as_they_come() -> None:
    shown: list[str] = []
    dropped = Dropped()
    dropped.add("as_at", ["soon"])
    dropped.show_in(shown.append)
    dropped.add("cr", ["[x](javascript:alert(1))"])
    dropped.add("owner", [])
    assert len(shown) == 2
    assert shown[-1].startswith("Ignored what this link asked for but the data does not have: as\\_at=soon, cr=")
    assert shown[-1].endswith("cr=\\[x\\]\\(javascript\\:alert\\(1\\)\\)")


def test_known_keeps_the_options_order_and_names_the_rest_once() -> None:
    assert known(["b", "x", "a", "x", "b"], ["a", "b", "c"]) == (("a", "b"), ("x",))

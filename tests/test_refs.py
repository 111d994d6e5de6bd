"""The one reference-linking function: a table of cases, including text that merely looks like a reference."""

from __future__ import annotations

import datetime as dt

import pytest

from mhhs_dashboard.filters import Dropped, Filters
from mhhs_dashboard.links import link_params, link_view, view_url
from mhhs_dashboard.refs import fields_markdown, linkify, references, targets
from mhhs_dashboard.source import Source

CASES = [
    # (raw text, safe Markdown out)
    ("CR045", "[CR045](change_requests?cr=CR045)"),
    ("See CR044.", "See [CR044](change_requests?cr=CR044)\\."),
    ("CR047 & CR048", "[CR047](change_requests?cr=CR047) & [CR048](change_requests?cr=CR048)"),
    ("DAG35-02", "[DAG35\\-02](actions?action=DAG35-02)"),
    ("outcome of ACTION DAG35-04.", "outcome of ACTION [DAG35\\-04](actions?action=DAG35-04)\\."),
    ("Risk R856 has been raised", "Risk [R856](change_requests?risk=R856) has been raised"),
    ("IR7.3", "[IR7\\.3](dins?release=Interim+Release+7.3)"),
    ("IR7", "[IR7](dins?release=Interim+Release+7)"),
    ("Implement in IR8.X", "Implement in [IR8\\.X](milestones)"),  # not yet numbered: the release plan
    ("a future IR8.x release", "a future [IR8\\.x](milestones) release"),
    ("pre-M10", "pre\\-[M10](milestones?milestone=M10)"),
    ("M10/M11 Cutover", "[M10](milestones?milestone=M10)/[M11](milestones?milestone=M11) Cutover"),
    ("DIN-1066", "[DIN\\-1066](dins?din=DIN-1066)"),
    ("(CR050)", "\\([CR050](change_requests?cr=CR050)\\)"),
    # text that merely looks like a reference stays text (escaped)
    ("SCRUM and MICRO", "SCRUM and MICRO"),
    ("SCR044 is not a CR", "SCR044 is not a CR"),
    ("CR alone, CR45 too short", "CR alone, CR45 too short"),
    ("R856x", "R856x"),
    ("R0062 is a REC change", "R0062 is a REC change"),
    ("M10s", "M10s"),
    ("DIN- without digits", "DIN\\- without digits"),
    ("ADIN-1066", "ADIN\\-1066"),
    ("lowercase cr045", "lowercase cr045"),
    ("IR8.1.2", "IR8\\.1\\.2"),
    ("email PMO@mhhsprogramme.co.uk", "email PMO@mhhsprogramme\\.co\\.uk"),
    ("mail CR045@example.org", "mail CR045@example\\.org"),
    ("https://x.org/CR045?r=R856", "https\\://x\\.org/CR045?r=R856"),
    ("www.example.com/DIN-1066", "www\\.example\\.com/DIN\\-1066"),
    # Markdown and HTML in the data stay inert
    ("**CR045** <b>x</b>", "\\*\\*[CR045](change_requests?cr=CR045)\\*\\* \\<b\\>x\\</b\\>"),
    ("[CR045](javascript:alert(1))", "\\[[CR045](change_requests?cr=CR045)\\]\\(javascript\\:alert\\(1\\)\\)"),
    ("$x$ `code`", "\\$x\\$ \\`code\\`"),
    ("", ""),
]


@pytest.mark.parametrize(("text", "expected"), CASES, ids=[c[0][:30] or "empty" for c in CASES])
def test_linkify(text: str, expected: str) -> None:
    assert linkify(text) == expected


@pytest.mark.parametrize("value", [None, float("nan"), 45])
def test_non_text_is_empty(value: object) -> None:
    assert linkify(value) == ""
    assert references(value) == []


def test_links_carry_extra_parameters() -> None:
    assert linkify("CR045 IR8.X", carry={"as_at": "2024-04-02"}) == (
        "[CR045](change_requests?cr=CR045&as_at=2024-04-02) [IR8\\.X](milestones?as_at=2024-04-02)"
    )


def test_references_in_order_with_kinds() -> None:
    text = "DAG35-02: raise risk if CR044 is not approved pre-M10; see R856, DIN-0012 and IR8.1"
    assert [(r.kind, r.text) for r in references(text)] == [
        ("action", "DAG35-02"),
        ("cr", "CR044"),
        ("milestone", "M10"),
        ("risk", "R856"),
        ("din", "DIN-0012"),
        ("release", "IR8.1"),
    ]


@pytest.mark.parametrize(
    ("texts", "expected"),
    [
        (("Implement in IR8.X", "TBC", None), [("release", "IR8.X", "Release IR8.X")]),
        (("IR8.X", "a future IR8.x release"), [("release", "IR8.X", "Release IR8.X")]),  # one release, any case
        (
            ("implementation pre-M10 to be revisited, otherwise as soon after M10 as possible",),
            [("milestone", "M10", "M10: pre-M10, after M10")],
        ),
        (("Post-M10 handover; M6 delivery",), [("milestone", "M10", "M10: post-M10")]),  # M6 named, not targeted
        (("premium M10s", "nothing here"), []),
    ],
)
def test_targets(texts: tuple[object, ...], expected: list[tuple[str, str, str]]) -> None:
    assert targets(*texts) == expected


def test_fields_markdown_links_values_and_escapes_labels() -> None:
    assert fields_markdown([("Notes (raw)", "see CR045"), ("Owner", None), ("Blank", float("nan"))]) == (
        "**Notes \\(raw\\):** see [CR045](change_requests?cr=CR045)  \n**Owner:** —  \n**Blank:** —"
    )


@pytest.mark.parametrize(
    ("kind", "ref", "url"),
    [
        ("cr", "CR045", "change_requests?cr=CR045"),
        ("risk", "R856", "change_requests?risk=R856"),
        ("action", "DAG35-02", "actions?action=DAG35-02"),
        ("din", "DIN-1066", "dins?din=DIN-1066"),
        ("milestone", "M10", "milestones?milestone=M10"),
        ("release", "IR5.2", "dins?release=Interim+Release+5.2"),
        ("release", "IR8.X", "milestones"),
        ("cr", None, None),
        ("cr", float("nan"), None),
    ],
)
def test_view_url(kind: str, ref: object, url: str | None) -> None:
    assert view_url(kind, ref) == url


def test_a_link_view_keys_what_links_keep_and_nothing_of_the_run() -> None:
    src = Source("data", "v1", dt.date(2024, 5, 1))
    noted = Dropped()
    noted.add("group", ["NOPE"])
    f = Filters(src, ("Interim Release 5.2",), ("DAG",), ("Open",), dt.date(2024, 4, 10), True, noted)
    view = link_view(f)
    assert link_params(view, milestone="M10") == link_params(f, milestone="M10")
    assert view == link_view(Filters(src, ("Interim Release 5.2",), ("DAG",), since=dt.date(2024, 4, 10)))
    assert hash(view) == hash(link_view(f))
    assert view.dropped.values == []  # the page's notice is not in the key
    assert link_view(Filters(src, groups=("SITAG",))) != view

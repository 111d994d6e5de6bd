"""References inside free text (CR045, DAG35-02, R856, IR7.3, IR8.X, M10, DIN-1066) as links to their own views."""

from __future__ import annotations

import re
from dataclasses import dataclass

from mhhs_dashboard.links import target, with_query
from mhhs_dashboard.text import inert

# A reference stands alone: no letter, digit or underscore right before or after it ("SCR044", "R856x",
# "M10s" are not references). A hyphen before is fine ("pre-M10"); a hyphen and digit after is not.
_BEFORE = r"(?<![A-Za-z0-9_])"
_AFTER = r"(?![A-Za-z0-9_]|[-.][0-9])"
_KINDS = {
    "cr": r"CR\d{3,4}",
    "action": r"[A-Z]{2,6}\d{1,3}-\d{1,3}",  # DAG35-02, SITAG03-01
    "din": r"DIN-\d{1,6}",
    "risk": r"R[1-9]\d{2,3}",  # R856; REC change proposals are written R0062 and are not risks
    "release": r"IR\d{1,2}(?:\.(?:\d{1,2}|[Xx]))?",
    "milestone": r"M\d{1,2}",
}
# URLs and e-mail addresses are kept whole and never linked inside (a reference in a URL is part of the URL).
_OPAQUE = r"(?P<opaque>(?:https?://|www\.)[^\s<>]+|[\w.+-]+@[\w-]+(?:\.[\w-]+)+)"
_PATTERN = re.compile(
    _OPAQUE + "|" + _BEFORE + "(?:" + "|".join(f"(?P<{k}>{p})" for k, p in _KINDS.items()) + ")" + _AFTER
)


@dataclass(frozen=True)
class Ref:
    """One reference found in text: its kind (cr, action, risk, release, milestone, din) and its link target."""

    kind: str
    text: str
    url: str | None


def references(text: object) -> list[Ref]:
    """Every reference in `text`, in order of appearance (repeats kept)."""
    if not isinstance(text, str):
        return []
    found = []
    for m in _PATTERN.finditer(text):
        if m.lastgroup and m.lastgroup != "opaque":
            found.append(Ref(m.lastgroup, m.group(), target(m.lastgroup, m.group())))
    return found


def linkify(text: object, carry: dict[str, str] | None = None) -> str:
    """Safe Markdown for `text`: each reference a link to its own view, everything else escaped (inert).

    `carry` adds query parameters to every link (e.g. {"as_at": "2024-04-02"} keeps a frozen view frozen).
    Non-text (None, NaN) gives "".
    """
    if not isinstance(text, str):
        return ""
    out, last = [], 0
    for m in _PATTERN.finditer(text):
        out.append(inert(text[last : m.start()]))
        kind, ref = m.lastgroup, m.group()
        url = target(kind, ref) if kind and kind != "opaque" else None
        out.append(f"[{inert(ref)}]({with_query(url, carry)})" if url else inert(ref))
        last = m.end()
    out.append(inert(text[last:]))
    return "".join(out)


def fields_markdown(fields: list[tuple[str, object]], carry: dict[str, str] | None = None) -> str:
    """`**Label:** linked text` lines for a detail panel; empty values show as an em dash."""
    lines = [f"**{inert(label)}:** {linkify(value, carry) or '—'}" for label, value in fields]
    return "  \n".join(lines)


_TIMING = re.compile(r"(?i)(?<![A-Za-z0-9])(pre|post)-(M\d{1,2})(?![A-Za-z0-9])|\b(before|after)\s+(M\d{1,2})\b")


def milestone_timing(text: object) -> dict[str, list[str]]:
    """For each milestone the text places something against, how: {"M10": ["pre-M10", "after M10"]}."""
    if not isinstance(text, str):
        return {}
    found: dict[str, list[str]] = {}
    for m in _TIMING.finditer(text):
        milestone = (m.group(2) or m.group(4)).upper()
        phrase = f"{m.group(1).lower()}-{milestone}" if m.group(1) else f"{m.group(3).lower()} {milestone}"
        found.setdefault(milestone, [])
        if phrase not in found[milestone]:
            found[milestone].append(phrase)
    return found


def targets(*texts: object) -> list[tuple[str, str, str]]:
    """The releases and milestones a record aims at, as (kind, ref, label): "IR8.X" -> ("release", "IR8.X",
    "Release IR8.X"); "pre-M10 ... after M10" -> ("milestone", "M10", "M10: pre-M10, after M10")."""
    text = " ".join(t for t in texts if isinstance(t, str))
    found = [
        ("release", r, f"Release {r}")
        for r in dict.fromkeys(x.text.upper() for x in references(text) if x.kind == "release")
    ]
    found += [("milestone", m, f"{m}: {', '.join(how)}") for m, how in milestone_timing(text).items()]
    return found

"""References inside free text (CR045, DAG35-02, R856, IR7.3, IR8.X, M10, DIN-1066) as links to their own views."""

from __future__ import annotations

import re
import urllib.parse
from dataclasses import dataclass

from mhhs_dashboard.filters import inert

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


def _target(kind: str, ref: str) -> str | None:
    """The relative URL of a reference's own view; None where there is no view to go to."""
    if kind == "cr":
        return f"change_requests?cr={ref}"
    if kind == "action":
        return f"actions?action={ref}"
    if kind == "risk":
        return f"change_requests?risk={ref}"
    if kind == "din":
        return f"dins?din={ref}"
    if kind == "milestone":
        return f"milestones?milestone={ref}"
    if ref[-1] in "xX":
        # "IR8.X" is a release not yet numbered: no DIN targets it, so it goes to the release plan itself
        return "milestones"
    return "dins?" + urllib.parse.urlencode({"release": "Interim Release " + ref[2:]})


def references(text: object) -> list[Ref]:
    """Every reference in `text`, in order of appearance (repeats kept)."""
    if not isinstance(text, str):
        return []
    found = []
    for m in _PATTERN.finditer(text):
        if m.lastgroup and m.lastgroup != "opaque":
            found.append(Ref(m.lastgroup, m.group(), _target(m.lastgroup, m.group())))
    return found


def _with(url: str, carry: dict[str, str] | None) -> str:
    if not carry:
        return url
    return url + ("&" if "?" in url else "?") + urllib.parse.urlencode(carry)


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
        url = _target(kind, ref) if kind and kind != "opaque" else None
        out.append(f"[{inert(ref)}]({_with(url, carry)})" if url else inert(ref))
        last = m.end()
    out.append(inert(text[last:]))
    return "".join(out)

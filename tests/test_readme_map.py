"""README's layout map against the tree: it names every module and query folder, and nothing that is not there."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
# folders whose modules the map names in a list, not a line each
LISTED = ("pages", "mhhs_dashboard/ingest", "mhhs_dashboard/screens", "bench")


def layout_map() -> dict[str, str]:
    """The map's entries, path (as 'mhhs_dashboard/db.py' or 'queries/dins/') -> its text, continuation lines
    joined; a line of two folders side by side (queries' domains) gives two entries."""
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    block = readme.split("## Layout\n", 1)[1].split("```\n", 1)[1].split("```", 1)[0]
    entries: dict[str, str] = {}
    top = last = ""
    for line in block.splitlines():
        if not line.strip():
            continue
        if not line.startswith(" "):
            top = last = line.split()[0]
            entries[last] = line[len(last) :].strip()
        elif not line.startswith("   "):
            names = [line.split()[0], *re.findall(r"\s{2,}(\w+/)\s", line)]
            for name in names:
                last = top + name
                entries[last] = line.split(name, 1)[1].strip()
        else:
            entries[last] += " " + line.strip()
    return entries


def listed(text: str) -> list[str]:
    """The names a list entry gives after its first colon, its parenthesised glosses left out."""
    bare = re.sub(r"\([^()]*\)", "", text).split(":", 1)[1]
    return [n.strip() for n in re.split(r",|;| and ", bare) if n.strip()]


def words(text: str) -> set[str]:
    return set(re.findall(r"\w+", text))


MAP = layout_map()


def test_the_map_is_read_whole() -> None:
    # the parse itself: a broken one would pass the tests below with nothing to check
    assert {"app.py", "pages/", "queries/", "queries/quality/", "mhhs_dashboard/db.py", "bench/"} <= set(MAP)
    assert "DIN log" in MAP["queries/dins/"]


@pytest.mark.parametrize("path", sorted(MAP))
def test_every_entry_names_something_in_the_tree(path: str) -> None:
    assert (ROOT / path).exists(), f"README's layout map names {path}, which is not in the tree"


def test_every_top_level_library_module_and_package_has_a_line() -> None:
    lib = ROOT / "mhhs_dashboard"
    modules = {f"mhhs_dashboard/{p.name}" for p in lib.glob("*.py")}
    packages = {f"mhhs_dashboard/{p.parent.name}/" for p in lib.glob("*/__init__.py")}
    assert len(modules) > 10
    assert sorted((modules | packages) - set(MAP)) == []


def test_every_query_folder_has_a_line() -> None:
    folders = {f"queries/{p.name}/" for p in (ROOT / "queries").iterdir() if p.is_dir()}
    assert folders, "no query folders found"
    assert sorted(folders - set(MAP)) == []


@pytest.mark.parametrize("folder", LISTED)
def test_a_listed_folder_names_every_module_in_it(folder: str) -> None:
    text = MAP[folder + "/"]
    modules = sorted((ROOT / folder).rglob("*.py"))
    assert modules
    named = words(text)
    missing = [
        str(p.relative_to(ROOT))
        for p in modules
        if p.stem not in named and not (p.stem == "__init__" and p.parent != ROOT / folder)
    ]
    assert missing == [], f"README's layout map does not name {missing} in its {folder}/ entry"


@pytest.mark.parametrize("folder", LISTED)
def test_a_listed_folder_names_nothing_that_is_not_there(folder: str) -> None:
    names = listed(MAP[folder + "/"])
    assert len(names) >= 4, names
    absent = [n for n in names if not ((ROOT / folder / f"{n}.py").exists() or (ROOT / folder / n).is_dir())]
    assert absent == [], f"README's {folder}/ entry names {absent}, which are not in {folder}/"

"""The data slides drawn as a person sees them: LibreOffice renders the deck to PDF, poppler to one PNG a slide.

Checks that the render succeeds, gives one page a slide, that no page is blank, and that no text is drawn off
its page (pdftotext's word boxes). `.ci/run` installs libreoffice-impress and poppler-utils.
"""

from __future__ import annotations

import io
import re
import shutil
import subprocess
from pathlib import Path
from typing import Any

import pytest
from PIL import Image
from pptx import Presentation

from mhhs_dashboard import meeting, slides

TOOLS = ("soffice", "pdftoppm", "pdftotext")
missing = [t for t in TOOLS if shutil.which(t) is None]
pytestmark = [
    pytest.mark.skipif(
        bool(missing),
        reason=f"{', '.join(missing)} not installed (apt-get install libreoffice-impress poppler-utils; .ci/run does)",
    ),
    pytest.mark.slow,  # LibreOffice renders: `make test` runs them, `make test-fast` not
]


@pytest.fixture(scope="module")
def rendered(sample_dir: Path, tmp_path_factory: pytest.TempPathFactory) -> tuple[Any, Path, list[Path]]:
    """(the deck, its PDF, its PNGs) for the embedded data."""
    folder = tmp_path_factory.mktemp("render")
    deck = slides.build(meeting.build_pack(sample_dir))
    (folder / "slides.pptx").write_bytes(deck)
    done = subprocess.run(
        [
            shutil.which("soffice") or "soffice",
            f"-env:UserInstallation={(folder / 'profile').as_uri()}",  # its own profile: soffice runs side by side
            "--headless",
            "--convert-to",
            "pdf",
            "--outdir",
            str(folder),
            str(folder / "slides.pptx"),
        ],
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    pdf = folder / "slides.pdf"
    assert pdf.exists(), done.stdout + done.stderr
    subprocess.run(
        [shutil.which("pdftoppm") or "pdftoppm", "-png", "-r", "30", str(pdf), str(folder / "slide")],
        check=True,
        timeout=120,
    )
    return Presentation(io.BytesIO(deck)), pdf, sorted(folder.glob("slide*.png"))


def test_every_slide_renders_to_one_page(rendered) -> None:
    prs, _, pngs = rendered
    assert len(prs.slides) > 10
    assert len(pngs) == len(prs.slides)


def test_no_rendered_slide_is_blank(rendered) -> None:
    for png in rendered[2]:
        with Image.open(png) as img:
            low, _ = img.convert("L").getextrema()
        assert low < 128, png.name  # some dark ink: text was drawn


def test_no_text_is_drawn_off_its_page(rendered) -> None:
    _, pdf, _ = rendered
    done = subprocess.run(
        [shutil.which("pdftotext") or "pdftotext", "-bbox", str(pdf), "-"],
        capture_output=True,
        text=True,
        timeout=120,
        check=True,
    )
    pages = re.findall(r'<page width="([\d.]+)" height="([\d.]+)">(.*?)</page>', done.stdout, flags=re.DOTALL)
    assert len(pages) == len(rendered[0].slides)
    for k, (width, height, body) in enumerate(pages, start=1):
        words = re.findall(r'xMin="([\d.-]+)" yMin="([\d.-]+)" xMax="([\d.-]+)" yMax="([\d.-]+)">([^<]*)<', body)
        assert words, k
        for x0, y0, x1, y1, word in words:
            assert min(float(x0), float(y0)) >= 0, (k, word)
            assert float(x1) <= float(width), (k, word)
            assert float(y1) <= float(height), (k, word)


def test_every_tables_last_row_and_every_foot_is_drawn(rendered) -> None:
    """LibreOffice leaves text that falls off a page out of the PDF: a cut table would lose its last row."""
    prs, pdf, _ = rendered
    count = len(prs.slides)
    done = subprocess.run(
        [shutil.which("pdftotext") or "pdftotext", str(pdf), "-"],
        capture_output=True,
        text=True,
        timeout=120,
        check=True,
    )
    pages = done.stdout.split("\f")  # pdftotext ends each page with a form feed
    for k, slide in enumerate(prs.slides, start=1):
        # pdftotext drops a hyphen inside a word ("pre-M10" reads "preM10"), and LibreOffice may break a line
        # after one ("pre-" / "M10"): a cell's last word is found whole without its hyphens, or as its last piece
        words = set(pages[k - 1].replace("\u00a0", " ").replace("-", " - ").split())
        words |= set(pages[k - 1].replace("\u00a0", " ").replace("-", "").split())
        assert {"of", str(k), str(count)} <= words, k  # the foot: "... · k of n"
        for shape in (s for s in slide.shapes if s.has_table):
            last = [c.text.replace("\u00a0", " ") for c in list(shape.table.rows)[-1].cells]
            for text in filter(None, last):
                word = text.split()[-1]
                assert {word.replace("-", ""), word.split("-")[-1]} & words, (k, shape.name, text)

"""`extract.pdf.clipping` and `objects`: what a clipping path hides is not read.

Browsers paint a cell cut by a page break with its borders at full height and clip
them at the page's content box; the reader must see the rules end where the page
shows them end, and no text the clip hides."""

from __future__ import annotations

from pathlib import Path

import pdfplumber
from pdf_bytes import one_page_pdf

from extract.pdf.objects import page_objects
from extract.pdf.page import page_tables

# PDF coordinates are y upwards on a 400 pt page: the clip 100 <= y <= 300 is
# 100 <= top <= 300 from the top as well.
CONTENT = b"""
q 0 100 400 200 re W n
10 0 1 400 re f
BT /F1 10 Tf 20 50 Td (Hidden) Tj ET
BT /F1 10 Tf 20 200 Td (Shown) Tj ET
q 0 0 200 400 re W* n
220 150 100 1 re f
Q
220 160 100 1 re f
Q
BT /F1 10 Tf 20 50 Td (Free) Tj ET
30 0 1 400 re f
q 0 0 396 400 re W n
BT /F1 10 Tf 390 200 Td (Cut) Tj ET
Q
"""


def _objects(tmp_path: Path):
    path = one_page_pdf(tmp_path / "clipped.pdf", CONTENT)
    with pdfplumber.open(path) as pdf:
        return page_objects(pdf.pages[0])


def test_rules_end_where_the_clip_ends(tmp_path: Path) -> None:
    rects = _objects(tmp_path).rects
    spans = sorted(
        (round(r["x0"]), round(r["x1"]), round(r["top"]), round(r["bottom"]))
        for r in rects
    )
    # the rule at x 10 is shown from 100 to 300 only; the one at x 30, painted
    # after the clip was restored, whole; of the two horizontal rules, the one
    # under the narrower clip (x <= 200) is hidden, the one after its Q shown.
    assert spans == [(10, 11, 100, 300), (30, 31, 0, 400), (220, 320, 239, 240)]


def test_text_the_clip_hides_is_not_read(tmp_path: Path) -> None:
    """Hidden characters stay in the stream, marked (the stream's order is
    evidence of how lines wrap), and the page's text leaves them out."""
    chars = _objects(tmp_path).chars
    hidden = "".join(c["text"] for c in chars if c["hidden"])
    shown = "".join(c["text"] for c in chars if not c["hidden"])
    assert hidden == "Hiddenut"  # and the "ut" of "Cut", past its clip
    assert shown == "ShownFreeC"
    path = tmp_path / "clipped.pdf"
    with pdfplumber.open(path) as pdf:
        text = "".join(c["text"] for c in page_tables(pdf.pages[0], 1, []).chars)
    assert text == "ShownFreeC"


def test_a_glyph_cut_through_is_read_as_far_as_shown(tmp_path: Path) -> None:
    """ "Cut" set at x 390 under a clip ending at 396: most of the "C" shows, cut
    at the clip."""
    chars = [c for c in _objects(tmp_path).chars if c["x0"] >= 389 and not c["hidden"]]
    assert [c["text"] for c in chars] == ["C"]
    assert chars[0]["x1"] == 396


def test_a_border_rounded_just_past_the_clip_is_kept(tmp_path: Path) -> None:
    """A table's right border, rounded onto the pixel past the content box
    (0.2 pt outside a clip, itself 0.6 pt thick), is the table's border; a
    shading 0.2 pt outside is hidden."""
    content = b"q 0 0 300 400 re W n 300.2 0 0.6 400 re f 300.2 0 50 50 re f Q"
    path = one_page_pdf(tmp_path / "border.pdf", content)
    with pdfplumber.open(path) as pdf:
        rects = page_objects(pdf.pages[0]).rects
    assert [round(r["x0"], 1) for r in rects] == [300.2]

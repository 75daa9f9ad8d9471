"""Bold from evidence other than the font's name (issue 13 cause 7): the font
descriptor's weight, ForceBold flag and stem width, and advance widths compared
with another font of the same family; judged once per document."""

from __future__ import annotations

from pathlib import Path

from pdf_bytes import one_page_pdf

from extract.pdf.font_weight import FontFacts, judge
from extract.pdf.reader import read_pdf
from extract.pdf.text import group_lines
from schemas.blocks import Paragraph

# Advance widths (thousandths of the size) of Helvetica and Helvetica-Bold, as
# their AFM files give them: the bold face is wider in some letters, never narrower.
LETTERS = "abcdefghilmnorstuFT :."
REGULAR = dict(zip(LETTERS, (
    556, 556, 500, 556, 556, 278, 556, 556, 222, 222, 833, 556, 556, 333, 500, 278,
    556, 611, 611, 278, 278, 278), strict=True))  # fmt: skip
BOLD = dict(zip(LETTERS, (
    556, 611, 556, 611, 556, 333, 611, 611, 278, 278, 889, 611, 611, 389, 556, 333,
    611, 611, 611, 278, 333, 278), strict=True))  # fmt: skip


def _em(widths: dict[str, int]) -> dict[str, float]:
    return {c: w / 1000 for c, w in widths.items() if c.isalnum()}


def _bold(*fonts: FontFacts) -> dict[str, bool]:
    judged = judge(list(fonts))
    return {font.name: judged[font.name] for font in fonts}


def test_a_name_that_says_bold_is_bold_whatever_else() -> None:
    assert _bold(FontFacts("ABCDEF+Arial-BoldMT"), FontFacts("ABCDEF+ArialMT")) == {
        "ABCDEF+Arial-BoldMT": True,
        "ABCDEF+ArialMT": False,
    }
    assert judge([])["Frutiger-Black"]  # a font not seen before the parse: its name


def test_the_descriptor_weight_decides_when_given() -> None:
    heavy = FontFacts("Plainface-W7", "Plainface", weight=700, widths=_em(BOLD))
    light = FontFacts("Plainface-W4", "Plainface", weight=400, widths=_em(REGULAR))
    assert _bold(heavy, light) == {"Plainface-W7": True, "Plainface-W4": False}
    # A weight below bold settles it, even where the widths would say bold.
    said = FontFacts("Plainface-W5", "Plainface", weight=500, widths=_em(BOLD))
    assert not _bold(said, light)["Plainface-W5"]


def test_the_force_bold_flag_is_bold() -> None:
    assert _bold(FontFacts("F1", force_bold=True), FontFacts("F2")) == {
        "F1": True,
        "F2": False,
    }


def test_a_stem_well_above_the_lightest_of_its_family_is_bold() -> None:
    stems = FontFacts("Corp-A", "Corp", stem=140), FontFacts("Corp-B", "Corp", stem=84)
    assert _bold(*stems) == {"Corp-A": True, "Corp-B": False}
    # One fixed StemV for every font (LibreOffice writes 80) tells nothing.
    fixed = FontFacts("Corp-A", "Corp", stem=80), FontFacts("Corp-B", "Corp", stem=80)
    assert _bold(*fixed) == {"Corp-A": False, "Corp-B": False}
    # Another family's thin stems are no measure.
    other = FontFacts("Hair-A", "Hair", stem=40)
    assert not _bold(FontFacts("Corp-B", "Corp", stem=84), other)["Corp-B"]


def test_the_same_letters_wider_in_the_same_family_are_bold() -> None:
    bold = FontFacts("X-2", "X", widths=_em(BOLD))
    regular = FontFacts("X-1", "X", widths=_em(REGULAR))
    assert _bold(bold, regular) == {"X-2": True, "X-1": False}
    # No family known (a nameless Type3 font without descriptor): compared anyway.
    assert _bold(
        FontFacts("unnamed-5", widths=_em(BOLD)),
        FontFacts("unnamed-6", widths=_em(REGULAR)),
    ) == {"unnamed-5": True, "unnamed-6": False}


def test_wider_letters_of_another_family_or_width_are_not_bold() -> None:
    regular = FontFacts("X-1", "X", widths=_em(REGULAR))
    assert not _bold(FontFacts("Y-1", "Y", widths=_em(BOLD)), regular)["Y-1"]
    # A condensed face is narrower throughout: kept apart by its stretch.
    wide = FontFacts("X-1", "X", widths=_em(BOLD))
    narrow = FontFacts("X-C", "X Condensed", widths=_em(REGULAR))
    assert not _bold(wide, narrow)["X-1"]


def test_widths_that_go_both_ways_or_too_few_letters_are_no_evidence() -> None:
    regular = FontFacts("X-1", "X", widths=_em(REGULAR))
    mixed = {**_em(BOLD), "m": 0.778}  # one letter narrower: another design
    assert not _bold(FontFacts("X-2", "X", widths=mixed), regular)["X-2"]
    few = {c: w for c, w in _em(BOLD).items() if c in "bdfh"}
    assert not _bold(FontFacts("X-2", "X", widths=few), regular)["X-2"]


def test_fonts_of_one_name_are_judged_as_one() -> None:
    """A producer may split a face's glyphs over several font objects."""
    letters = _em(BOLD)
    half = dict(list(letters.items())[:3]), dict(list(letters.items())[3:])
    parts = [FontFacts("X-2", "X", widths=part) for part in half]
    regular = FontFacts("X-1", "X", widths=_em(REGULAR))
    assert judge([*parts, regular])["X-2"]


def test_a_character_carries_its_fonts_judgement() -> None:
    def char(text: str, x0: float, **font: object) -> dict[str, object]:
        box = {"x0": x0, "x1": x0 + 5, "top": 0, "bottom": 10}
        return {"text": text, "size": 10, **box, **font}

    marked = [
        char(c, 5 * i, fontname="unnamed-5", bold=True) for i, c in enumerate("AB")
    ]
    assert group_lines(marked)[0].bold
    # A record made without the judgement (a test's, say): the font's name.
    assert group_lines([char("A", 0, fontname="Helvetica-Bold")])[0].bold
    assert not group_lines([char("A", 0, fontname="Helvetica")])[0].bold


def _type3(widths: dict[str, int], descriptor: bytes = b"") -> bytes:
    """A Type3 font dictionary printing `widths`' characters: no name, no glyph
    procedures needed (the reader never draws them), text from glyph names."""
    glyph = {" ": b"space", ":": b"colon", ".": b"period"}
    codes = sorted(ord(c) for c in widths)
    table = b" ".join(
        b"%d" % widths.get(chr(code), 0) for code in range(codes[0], codes[-1] + 1)
    )
    names = b" ".join(
        b"%d /%s" % (code, glyph.get(chr(code), chr(code).encode())) for code in codes
    )
    return (
        b"<< /Type /Font /Subtype /Type3 /FontBBox [0 -200 1000 800]"
        b" /FontMatrix [0.001 0 0 0.001 0 0] /CharProcs << >>"
        b" /FirstChar %d /LastChar %d /Widths [%s]"
        b" /Encoding << /Type /Encoding /Differences [%s] >> %s >>"
        % (codes[0], codes[-1], table, names, descriptor)
    )


def _heading_pdf(path: Path, bold: bytes, regular: bytes) -> Path:
    content = (
        b"BT /F1 10 Tf 40 340 Td (Finding one: the heading) Tj ET\n"
        b"BT /F2 10 Tf 40 310 Td (Its narrative starts here.) Tj ET\n"
        b"BT /F2 10 Tf 40 298 Td (And it runs on.) Tj ET"
    )
    return one_page_pdf(path, content, bold, regular)


def _paragraphs(path: Path) -> list[tuple[str, bool]]:
    return [
        (block.text, block.bold)
        for block in read_pdf(path).blocks
        if isinstance(block, Paragraph)
    ]


def test_nameless_type3_fonts_are_told_apart_by_their_widths(tmp_path: Path) -> None:
    pdf = _heading_pdf(tmp_path / "t3.pdf", _type3(BOLD), _type3(REGULAR))
    assert _paragraphs(pdf) == [
        ("Finding one: the heading", True),
        ("Its narrative starts here.", False),
        ("And it runs on.", False),
    ]


def test_type3_fonts_named_without_weight_are_told_by_descriptor(
    tmp_path: Path,
) -> None:
    """As Chromium prints a font that may not be embedded: the same widths
    (the widths alone would say nothing), the weight in the descriptor."""

    def described(name: bytes, weight: int) -> bytes:
        return (
            b"/FontDescriptor << /Type /FontDescriptor /FontName /%s /Flags 32"
            b" /FontWeight %d /FontBBox [0 -200 1000 800] /ItalicAngle 0 >>"
            % (name, weight)
        )

    pdf = _heading_pdf(
        tmp_path / "t3.pdf",
        _type3(REGULAR, described(b"AAAAAA+Plainface-W7", 700)),
        _type3(REGULAR, described(b"BAAAAA+Plainface-W4", 400)),
    )
    assert [bold for _, bold in _paragraphs(pdf)] == [True, False]

"""Which of a document's fonts are bold, judged once per document from evidence
every producer leaves, not only the font's name.

Bold paragraphs are findings headings and sub-headings, so the judgement matters.
A name that says bold (`Arial-BoldMT`, `Helvetica-Black`) is the plainest
evidence, but fonts printed as Type3 glyph procedures (Chromium does so for a font
whose licence forbids embedding; other producers for bitmap or converted fonts)
may have no name at all, or a name that does not say the weight (`Plainface-W7`).
So each font the document's pages use is read from its dictionary before any page
is parsed, and is bold when any of these holds:

1. its name says bold, black or heavy;
2. its descriptor's `FontWeight` is at least `PdfSettings.bold_weight` (700 is
   bold on the PDF scale; a descriptor that gives a lower weight settles it:
   not bold), or its `ForceBold` flag is set;
3. its descriptor's stem width (`StemV`) is at least `bold_stem_ratio` times that
   of the lightest font of its family in the document (producers that write one
   fixed `StemV` for every font give no evidence this way);
4. the same characters are wider in it than in another font of its family: every
   character both fonts print (at least `bold_width_shared` unaccented letters and
   digits) is
   at least as wide, and together they are `bold_width_ratio` wider. Widths come
   from the font's own width table, in shares of the font size, so the size the
   text is set in does not matter; a bold face widens some letters and never
   narrows one, while another family's widths go both ways.

The family is the descriptor's `FontFamily`, else the name without its subset
prefix and style suffix, with the descriptor's `FontStretch` if not normal (a
condensed face is narrower throughout, as a regular one is beside a bold: widths
cannot tell those apart, so they are compared within a family only); fonts
without a family are compared with every font.
Limits: with neither name, weight, stems nor a regular face of the same family in
the document, bold is not seen; nor is synthetic bold, a regular face drawn
heavier (Chromium, given only a regular face, prints it as a Type3 copy with the
regular's name, weight, stems and widths: only the glyph outlines differ); a
nameless font without a descriptor compared with a condensed face of its family
would read as bold.
"""

from __future__ import annotations

import re
import string
import weakref
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field, replace
from typing import Any

from pdfminer.pdffont import PDFFont, PDFFontError
from pdfminer.pdftypes import PDFObjRef, resolve1
from pdfminer.psparser import PSLiteral
from pdfplumber import PDF

from extract.pdf.settings import SETTINGS

_BOLD_NAME = re.compile(r"bold|black|heavy", re.IGNORECASE)
_BOLD_WEIGHT_NAMES = re.compile(
    r"bold|black|heavy|semi|demi|extra|ultra", re.IGNORECASE
)
_FORCE_BOLD = 1 << 18  # font descriptor flag 19
_NAMELESS = ("", "unknown")
# The characters compared: unaccented letters and digits (producers give unused
# codes of a subset some placeholder width, often in the accented range).
_LETTERS_DIGITS = frozenset(string.ascii_letters + string.digits)


def bold_by_name(fontname: str) -> bool:
    """Whether a font's name says it is bold."""
    return bool(_BOLD_NAME.search(fontname))


class BoldFonts(dict[str, bool]):
    """Font name -> bold, for the document's fonts; a font not seen before the
    pages were parsed (inside an annotation, say) is judged by its name."""

    def __missing__(self, fontname: str) -> bool:
        value = self[fontname] = bold_by_name(fontname)
        return value


@dataclass(frozen=True, slots=True)
class FontFacts:
    """What tells a font's weight: its name, family, descriptor and widths."""

    name: str
    family: str | None = None
    weight: float | None = None  # descriptor FontWeight, None if not given
    force_bold: bool = False
    stem: float | None = None  # StemV in thousandths of the font size
    widths: dict[str, float] = field(default_factory=dict)  # char -> advance (em)


_JUDGED: weakref.WeakKeyDictionary[PDF, BoldFonts] = weakref.WeakKeyDictionary()


def bold_fonts(pdf: PDF) -> BoldFonts:
    """The document's fonts judged bold or not, computed on the first call."""
    judged = _JUDGED.get(pdf)
    if judged is None:
        judged = _JUDGED[pdf] = judge(list(_document_fonts(pdf)))
    return judged


def judge(fonts: list[FontFacts]) -> BoldFonts:
    """Each font's weight, against the document's other fonts (rules above)."""
    fonts = _merged(fonts)
    return BoldFonts((font.name, _is_bold(font, fonts)) for font in fonts)


def _merged(fonts: list[FontFacts]) -> list[FontFacts]:
    """Fonts of the same name as one (producers split a face's glyphs over
    several font objects of 256 codes each): their widths together."""
    by_name: dict[str, FontFacts] = {}
    for font in fonts:
        seen = by_name.get(font.name)
        by_name[font.name] = (
            font
            if seen is None
            else replace(
                seen,
                family=seen.family or font.family,
                weight=font.weight if seen.weight is None else seen.weight,
                force_bold=seen.force_bold or font.force_bold,
                stem=seen.stem or font.stem,
                widths={**font.widths, **seen.widths},
            )
        )
    return list(by_name.values())


def _is_bold(font: FontFacts, fonts: list[FontFacts]) -> bool:
    if bold_by_name(font.name) or font.force_bold:
        return True
    if font.weight is not None:
        return font.weight >= SETTINGS.bold_weight
    kin = [f for f in fonts if f is not font and _same_family(font, f)]
    stems = [f.stem for f in kin if f.stem]
    if font.stem and stems and font.stem >= SETTINGS.bold_stem_ratio * min(stems):
        return True
    return any(_wider(font, other) for other in kin)


def _same_family(a: FontFacts, b: FontFacts) -> bool:
    return a.family is None or b.family is None or a.family == b.family


def _wider(font: FontFacts, other: FontFacts) -> bool:
    """Whether `font` sets the characters both print uniformly wider."""
    shared = [c for c in font.widths if c in other.widths]
    if len(shared) < SETTINGS.bold_width_shared:
        return False
    # A width table rounds to thousandths: allow that much narrower.
    if any(font.widths[c] < other.widths[c] - 0.002 for c in shared):
        return False
    ours = sum(font.widths[c] for c in shared)
    theirs = sum(other.widths[c] for c in shared)
    return ours >= SETTINGS.bold_width_ratio * theirs


def _document_fonts(pdf: PDF) -> Iterator[FontFacts]:
    """The facts of every font the pages' resources (and their forms') name.

    The fonts are created through the document's own resource manager, which
    caches them, so the page parse uses these same objects; a font without a
    name gets one of its own (`unnamed-<object>`), so that two nameless fonts
    are not taken for one."""
    seen: set[int] = set()
    for page in pdf.pages:
        for objid, spec in _font_specs(page.page_obj.resources, seen):
            try:
                font = pdf.rsrcmgr.get_font(objid, spec)
            except Exception:  # a damaged font: the page parse reports it
                continue
            name = font.fontname
            if not isinstance(name, str) or name in _NAMELESS:
                font.fontname = f"unnamed-{objid}"
            yield facts(font)


def _font_specs(
    resources: Any, seen: set[int], depth: int = 0
) -> Iterator[tuple[int, dict[str, Any]]]:
    """(object id, font dictionary) of fonts referenced as objects, each once,
    in `resources` and the forms it draws (a few levels deep)."""
    resources = resolve1(resources)
    if not isinstance(resources, dict) or depth > 3:
        return
    for ref in _values(resources.get("Font")):
        if isinstance(ref, PDFObjRef) and ref.objid not in seen:
            seen.add(ref.objid)
            spec = resolve1(ref)
            if isinstance(spec, dict):
                yield ref.objid, spec
    for ref in _values(resources.get("XObject")):
        if isinstance(ref, PDFObjRef) and ref.objid not in seen:
            seen.add(ref.objid)
            form = resolve1(ref)
            attrs = getattr(form, "attrs", {})
            if _literal(attrs.get("Subtype")) == "Form":
                yield from _font_specs(attrs.get("Resources"), seen, depth + 1)


def _values(mapping: Any) -> Iterable[Any]:
    mapping = resolve1(mapping)
    return mapping.values() if isinstance(mapping, dict) else ()


def facts(font: PDFFont) -> FontFacts:
    """A pdfminer font's name, family, descriptor weight and stems, and widths."""
    descriptor = resolve1(font.descriptor) or {}
    flags = resolve1(descriptor.get("Flags"))
    stem = resolve1(descriptor.get("StemV"))
    return FontFacts(
        name=font.fontname,
        family=_family(
            font.fontname,
            resolve1(descriptor.get("FontFamily")),
            _literal(resolve1(descriptor.get("FontStretch"))),
        ),
        weight=_weight(resolve1(descriptor.get("FontWeight"))),
        force_bold=isinstance(flags, int) and bool(flags & _FORCE_BOLD),
        stem=stem * font.hscale * 1000 if isinstance(stem, int | float) else None,
        widths=_widths(font),
    )


def _family(name: str, family: Any, stretch: str) -> str | None:
    """The family the font belongs to, its width (`Condensed`) included: a
    condensed face is narrower throughout, as a regular one is beside a bold."""
    family = _literal(family).strip()
    if not family and not name.startswith("unnamed-"):
        family = re.split(r"[-,]", name.split("+", 1)[-1], maxsplit=1)[0]
    if not family:
        return None
    return f"{family} {stretch}" if stretch and stretch != "Normal" else family


def _weight(value: Any) -> float | None:
    """FontWeight as a number: numbers as given; the names of the standard
    fonts' metrics (`Bold`, `Medium`) as 700 for bold names, else 400."""
    if isinstance(value, int | float):
        return float(value)
    if isinstance(value, PSLiteral | str | bytes):
        text = _literal(value)
        return 700.0 if _BOLD_WEIGHT_NAMES.search(text) else 400.0
    return None


def _literal(value: Any) -> str:
    if isinstance(value, PSLiteral):
        value = value.name
    if isinstance(value, bytes):
        value = value.decode("latin-1")
    return value if isinstance(value, str) else ""


def _widths(font: PDFFont) -> dict[str, float]:
    """Advance widths (shares of the font size) of the letters and digits the
    font can print (`_LETTERS_DIGITS`), read from its width table through its
    text mapping."""
    codes = {c for c in font.widths if isinstance(c, int)}
    if not font.is_multibyte():
        codes |= set(range(256))
    out: dict[str, float] = {}
    for code in sorted(codes):
        try:
            text = font.to_unichr(code)
        except (PDFFontError, KeyError):  # a code without a text mapping
            continue
        if len(text) == 1 and text in _LETTERS_DIGITS and text not in out:
            width = font.char_width(code)
            if width > 0:
                out[text] = width
    return out

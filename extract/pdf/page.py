"""One page as the reader sees it: its characters decoded, and its tables.

`page_tables` is the one place that picks a page's characters (visible ones and
printed spaces), decodes symbol fonts, measures the body size, judges whether the
producer prints spaces at wraps, and finds the ruled and unruled tables. The
reader and `inspect` both call it, so the picture shows exactly what extraction
saw.

Symbol fonts: a standard symbol font without a text mapping prints codes, which
pdfminer reads as Latin letters (ZapfDingbats' ◆ as "u") or as "(cid:N)". The
codes are read through the font's own built-in encoding (`symbol_fonts`);
ligature characters ("ﬁ", "ﬀ") are spelt out as their letters. A
character no mapping decodes is left out and counted, so the reader can report
the page, and "(cid:N)" never reaches the output.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field

from pdfplumber.page import Page

from extract.pdf.objects import page_objects
from extract.pdf.settings import SETTINGS, PdfSettings
from extract.pdf.symbol_fonts import SYMBOL, ZAPF_DINGBATS
from extract.pdf.tables import PageTable, TableFinderFailed, find_page_tables
from extract.pdf.text import Char, prints_wrap_spaces
from extract.pdf.unruled import UnruledFinder
from schemas.blocks import ReaderNote

_CID = re.compile(r"^\(cid:(\d+)\)$")
# Fonts that set "fi", "ff" ... as one glyph map it to one ligature character.
LIGATURES = str.maketrans(
    {"ﬀ": "ff", "ﬁ": "fi", "ﬂ": "fl", "ﬃ": "ffi", "ﬄ": "ffl", "ﬅ": "st", "ﬆ": "st"}
)
# Base font names (subset prefix and style suffix removed) of the symbol fonts.
_SYMBOL_FONTS = {"zapfdingbats": ZAPF_DINGBATS, "dingbats": ZAPF_DINGBATS}
_SYMBOL_FONTS["symbol"] = SYMBOL


@dataclass(slots=True)
class PageTables:
    """A page's characters (visible ones and printed spaces), what they say
    about the page, and its tables."""

    chars: list[Char] = field(default_factory=list)
    visible: int = 0
    body_size: float = 0.0
    spaces: bool = False  # the producer prints a space at a line wrap
    undecoded: int = 0  # characters no encoding could read (left out)
    tables: list[PageTable] = field(default_factory=list)


def page_tables(
    page: Page,
    number: int,
    notes: list[ReaderNote],
    unruled: UnruledFinder | None = None,
    settings: PdfSettings = SETTINGS,
) -> PageTables:
    """The page's decoded characters and its tables; a page whose table finder
    fails is read without tables and noted."""
    objects = page_objects(page)
    found = PageTables()
    for char in objects.chars:
        text = _decoded(char)
        if text is None:
            found.undecoded += 1
        elif (text and not text.isspace()) or text == " ":
            found.chars.append(char if text == char["text"] else {**char, "text": text})
    found.spaces = prints_wrap_spaces(found.chars)  # hidden ones are in the stream
    found.chars = [c for c in found.chars if not c.get("hidden")]
    visible = [c for c in found.chars if c["text"].strip()]
    found.visible = len(visible)
    if not visible:
        found.spaces = False
        return found
    sizes = Counter(round(float(c["size"]), 1) for c in visible)
    found.body_size = sizes.most_common(1)[0][0]
    chars, body, spaces = found.chars, found.body_size, found.spaces
    try:
        tables = find_page_tables(page, objects, chars, number, body, spaces, settings)
    except TableFinderFailed as exc:
        reason = f"its tables could not be found ({exc}); read as text"
        notes.append(ReaderNote("page_without_tables", reason, number))
        tables = []
    unruled = unruled or UnruledFinder()
    found.tables = unruled.page_tables(
        objects, chars, number, body, spaces, tables, notes, float(page.height)
    )
    return found


def _decoded(char: Char) -> str | None:
    """The character's text, symbol-font codes read through the font's own
    encoding, typographic ligatures ("ﬁ") as their letters; None when it is a
    code nothing decodes."""
    text = char["text"].translate(LIGATURES)
    table = _SYMBOL_FONTS.get(_base_font(char.get("fontname", "")))
    cid = _CID.match(text)
    if table is not None:
        code = int(cid.group(1)) if cid else (ord(text) if len(text) == 1 else -1)
        if 0 <= code < len(table) and table[code] != "\x00":
            return table[code]
    return None if cid else text


def _base_font(name: str) -> str:
    """A font name without its subset tag and style: "ABCDEF+ZapfDingbats-Bold"
    -> "zapfdingbats"."""
    return name.rsplit("+", 1)[-1].split("-", 1)[0].split(",", 1)[0].lower()

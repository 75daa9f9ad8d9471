"""A page's characters, rules and fills, read straight from pdfminer's layout.

pdfplumber turns every layout object into a dict of about twenty keys, resolving
and decoding each attribute (`Page.process_object`); on a text-heavy plan that is
about half the time of reading the file. The reader needs seven keys of a
character and five of a rectangle, so this module walks the same layout objects
(`Page.layout`, pdfminer's own result, which pdfplumber caches) and builds only
those. pdfplumber stays the engine: the coordinates are its own (points from the
top-left of the page, the MediaBox offset applied as `Page.process_object` does).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from pdfminer.layout import LTChar, LTContainer, LTCurve, LTLine, LTRect
from pdfplumber.page import Page

from extract.pdf.font_weight import BoldFonts, bold_fonts

PdfObject = dict[str, Any]


@dataclass(slots=True)
class PageObjects:
    """What the reader uses of one page, in content-stream order."""

    chars: list[PdfObject] = field(default_factory=list)
    lines: list[PdfObject] = field(default_factory=list)
    rects: list[PdfObject] = field(default_factory=list)


def page_objects(page: Page) -> PageObjects:
    """The page's characters (text, box, size, font, bold), lines and rectangles."""
    found = PageObjects()
    frame = _Frame.of(page)  # first: the fonts are judged (and named) before the parse
    _walk(page.layout._objs, frame, found)
    return found


@dataclass(frozen=True, slots=True)
class _Frame:
    """What turns pdfminer's coordinates into pdfplumber's: points from the top
    left of the page, the MediaBox offset added."""

    page: Page
    x_offset: float
    top_offset: float
    height: float
    bold: BoldFonts  # the document's fonts judged bold or not (font_weight)

    @classmethod
    def of(cls, page: Page) -> _Frame:
        x_offset, top_offset = float(page.mediabox[0]), float(page.mediabox[1])
        bold = bold_fonts(page.pdf)
        return cls(page, x_offset, top_offset, float(page.height), bold)

    def box(self, obj: Any) -> PdfObject:
        return {
            "x0": obj.x0 + self.x_offset,
            "x1": obj.x1 + self.x_offset,
            "top": self.height - obj.y1 + self.top_offset,
            "bottom": self.height - obj.y0 + self.top_offset,
        }


def _walk(objs: list[Any], frame: _Frame, found: PageObjects) -> None:
    """`objs` in content-stream order, a container's objects where it stands.

    The character record is built inline, not through `_Frame.box`: a page holds
    thousands of characters and a call per character is a tenth of the walk."""
    x_offset, top_offset, height = frame.x_offset, frame.top_offset, frame.height
    chars, bold = found.chars, frame.bold
    for obj in objs:
        if isinstance(obj, LTChar):
            name = obj.fontname
            name = name if isinstance(name, str) else _font_name(name)
            chars.append(
                {
                    "x0": obj.x0 + x_offset,
                    "x1": obj.x1 + x_offset,
                    "top": height - obj.y1 + top_offset,
                    "bottom": height - obj.y0 + top_offset,
                    "text": obj.get_text(),
                    "size": obj.size,
                    "fontname": name,
                    "bold": bold[name],
                }
            )
        elif isinstance(obj, LTRect):
            found.rects.append(_shape(frame.box(obj), obj, "rect", frame.page))
        elif isinstance(obj, LTLine):
            found.lines.append(_shape(frame.box(obj), obj, "line", frame.page))
        elif isinstance(obj, LTContainer) and not isinstance(obj, LTCurve):
            _walk(obj._objs, frame, found)


def _shape(record: PdfObject, obj: LTCurve, kind: str, page: Page) -> PdfObject:
    """A rule or fill with the keys pdfplumber's edge helpers (`obj_to_edges`,
    used by `TableFinder` on explicit lines) read, besides the reader's own."""
    record["object_type"] = kind
    record["y0"], record["y1"] = obj.y0, obj.y1
    record["width"] = record["x1"] - record["x0"]
    record["height"] = record["bottom"] - record["top"]
    record["doctop"] = page.initial_doctop + record["top"]
    record["fill"] = obj.fill
    record["stroke"] = obj.stroke
    record["non_stroking_color"] = obj.non_stroking_color
    return record


def _font_name(name: str | bytes) -> str:
    """A font name as text (pdfminer may hand over the raw bytes)."""
    if isinstance(name, bytes):
        return name.decode("utf-8", errors="replace")
    return name

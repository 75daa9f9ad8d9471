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

PdfObject = dict[str, Any]


@dataclass(slots=True)
class PageObjects:
    """What the reader uses of one page, in content-stream order."""

    chars: list[PdfObject] = field(default_factory=list)
    lines: list[PdfObject] = field(default_factory=list)
    rects: list[PdfObject] = field(default_factory=list)


def page_objects(page: Page) -> PageObjects:
    """The page's characters (text, box, size, font), lines and rectangles."""
    x_offset, top_offset = float(page.mediabox[0]), float(page.mediabox[1])
    height = float(page.height)
    found = PageObjects()

    def box(obj: Any) -> PdfObject:
        return {
            "x0": obj.x0 + x_offset,
            "x1": obj.x1 + x_offset,
            "top": height - obj.y1 + top_offset,
            "bottom": height - obj.y0 + top_offset,
        }

    stack: list[Any] = list(reversed(page.layout._objs))
    while stack:
        obj = stack.pop()
        if isinstance(obj, LTChar):
            char = box(obj)
            char["text"] = obj.get_text()
            char["size"] = obj.size
            char["fontname"] = _font_name(obj.fontname)
            found.chars.append(char)
        elif isinstance(obj, LTRect):
            found.rects.append(_shape(box(obj), obj, "rect", page))
        elif isinstance(obj, LTLine):
            found.lines.append(_shape(box(obj), obj, "line", page))
        elif isinstance(obj, LTContainer) and not isinstance(obj, LTCurve):
            stack.extend(reversed(obj._objs))
    return found


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

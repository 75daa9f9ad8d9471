"""A page's characters, rules and fills, read straight from pdfminer's layout.

pdfplumber turns every layout object into a dict of about twenty keys, resolving
and decoding each attribute (`Page.process_object`); on a text-heavy plan that is
about half the time of reading the file. The reader needs seven keys of a
character and five of a rectangle, so this module walks the same layout objects
(`Page.layout`, pdfminer's own result, which pdfplumber caches) and builds only
those. pdfplumber stays the engine: the coordinates are its own (points from the
top-left of the page, the MediaBox offset applied as `Page.process_object` does).
The layout is pdfplumber's with the clipping paths kept (`extract.pdf.clipping`):
what was painted outside them is left out, and a rule is cut where they end.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from pdfminer.layout import LTChar, LTContainer, LTCurve, LTLine, LTRect
from pdfplumber.page import Page

from extract.pdf.clipping import Box, clip_of, clipped_layout
from extract.pdf.font_weight import BoldFonts, bold_fonts

PdfObject = dict[str, Any]
# A rule lying along a clip's edge is shown: rounding puts it this far (points)
# outside as often as inside.
_EDGE = 0.01
# A shape at most this share as thick as it is long is a rule (a border), not a
# fill, for where a clip cuts it.
_RULE_SHAPE = 0.1


@dataclass(slots=True)
class PageObjects:
    """What the reader uses of one page, in content-stream order; characters a
    clipping path hides are kept, marked `hidden` (the stream's order is evidence
    of how the producer wraps lines, `text.prints_wrap_spaces`), but are no text."""

    chars: list[PdfObject] = field(default_factory=list)
    lines: list[PdfObject] = field(default_factory=list)
    rects: list[PdfObject] = field(default_factory=list)


def page_objects(page: Page) -> PageObjects:
    """The page's characters (text, box, size, font, bold), lines and rectangles."""
    found = PageObjects()
    frame = _Frame.of(page)  # first: the fonts are judged (and named) before the parse
    _walk(clipped_layout(page)._objs, frame, found)
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
            left, right = obj.x0, obj.x1
            clip = clip_of(obj.graphicstate)
            hidden = clip is not None and not _centre_in(obj, clip)
            if clip is not None and not hidden:
                left, right = max(left, clip[0]), min(right, clip[2])  # as shown
            name = obj.fontname
            name = name if isinstance(name, str) else _font_name(name)
            chars.append(
                {
                    "x0": left + x_offset,
                    "x1": right + x_offset,
                    "top": height - obj.y1 + top_offset,
                    "bottom": height - obj.y0 + top_offset,
                    "text": obj.get_text(),
                    "size": obj.size,
                    "fontname": name,
                    "bold": bold[name],
                    "hidden": hidden,
                }
            )
        elif isinstance(obj, (LTRect, LTLine)):
            _add_shape(obj, frame, found)
        elif isinstance(obj, LTContainer) and not isinstance(obj, LTCurve):
            _walk(obj._objs, frame, found)


def _centre_in(obj: LTChar, clip: Box) -> bool:
    """Whether a character's centre lies inside the clip: a glyph is shown
    where most of it is (a glyph's box reaches past its ink, so a line just
    under a page's content box overlaps it, unseen)."""
    x, y = (obj.x0 + obj.x1) / 2, (obj.y0 + obj.y1) / 2
    return clip[0] <= x <= clip[2] and clip[1] <= y <= clip[3]


@dataclass(frozen=True, slots=True)
class _Extent:
    """The shown part of a rule or fill, in pdfminer's coordinates."""

    x0: float
    y0: float
    x1: float
    y1: float


def _add_shape(obj: LTRect | LTLine, frame: _Frame, found: PageObjects) -> None:
    """A rule or fill, as far as its clip shows it: a rule painted past the
    page's content box ends there, and a box cut by it is closed by it, as a
    page end closes a cell."""
    rect = isinstance(obj, LTRect)
    into, kind = (found.rects, "rect") if rect else (found.lines, "line")
    clip = clip_of(obj)
    shown = obj if clip is None else _inside(obj, clip)
    if shown is not None:
        into.append(_shape(frame.box(shown), obj, shown, kind, frame))


def _inside(obj: LTCurve, clip: Box) -> _Extent | None:
    """The part of a rule or fill inside the clip; None when none of it is. Across
    a rule (a shape at most `_RULE_SHAPE` as thick as it is long), the clip
    reaches out by the rule's thickness: producers round a border onto the pixel
    next to the content box it should lie on, just outside the clip."""
    across_x = obj.width if obj.width <= _RULE_SHAPE * obj.height else 0.0
    across_y = obj.height if obj.height <= _RULE_SHAPE * obj.width else 0.0
    x0, x1 = max(obj.x0, clip[0] - across_x), min(obj.x1, clip[2] + across_x)
    y0, y1 = max(obj.y0, clip[1] - across_y), min(obj.y1, clip[3] + across_y)
    if x0 > x1 + _EDGE or y0 > y1 + _EDGE:
        return None
    return _Extent(x0, y0, max(x0, x1), max(y0, y1))


def _shape(
    record: PdfObject,
    obj: LTCurve,
    shown: LTCurve | _Extent,
    kind: str,
    frame: _Frame,
) -> PdfObject:
    """A rule or fill (its shown part) with the keys pdfplumber's edge helpers
    (`obj_to_edges`, used by `TableFinder` on explicit lines) read, besides the
    reader's own."""
    record["object_type"] = kind
    record["y0"], record["y1"] = shown.y0, shown.y1
    record["width"] = record["x1"] - record["x0"]
    record["height"] = record["bottom"] - record["top"]
    record["doctop"] = frame.page.initial_doctop + record["top"]
    record["fill"] = obj.fill
    record["stroke"] = obj.stroke
    record["non_stroking_color"] = obj.non_stroking_color
    return record


def _font_name(name: str | bytes) -> str:
    """A font name as text (pdfminer may hand over the raw bytes)."""
    if isinstance(name, bytes):
        return name.decode("utf-8", errors="replace")
    return name

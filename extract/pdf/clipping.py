"""Clipping paths: what a producer painted but did not show.

pdfminer reads a clipping path (`W n`) and forgets it, so a rule painted past a
page's printable area, or text cut off by its box, reaches the reader as if it
were printed. Browsers paint a cell split by a page break with its borders at the
cell's full height and clip them at the page's content box: read without the
clip, the cell seems to run on below the page end, and its text seems to stop far
short of its lower edge.

So the page is interpreted here as pdfplumber does (`Page.layout`, the same
device and parameters), with the clipping paths kept: each painted object carries
the bounding box of the clipping paths in force when it was painted (their
intersection; a path that is no rectangle counts by its bounding box, which can
only keep too much, never hide what was shown). `extract.pdf.objects` keeps only
what lies inside. Coordinates are pdfminer's: points, y upwards.
"""

from __future__ import annotations

from typing import Any

from pdfminer.layout import LTPage
from pdfminer.pdfinterp import PDFGraphicState, PDFPageInterpreter
from pdfminer.utils import Matrix, apply_matrix_pt
from pdfplumber.page import Page, PDFPageAggregatorWithMarkedContent
from pdfplumber.utils.exceptions import PdfminerException

Box = tuple[float, float, float, float]  # x0, y0, x1, y1


class _ClipState(PDFGraphicState):
    """A graphics state that also keeps the clip (saved by `q`, restored by `Q`,
    and handed to each character painted)."""

    clip: Box | None = None

    def copy(self) -> _ClipState:
        state = _ClipState.__new__(_ClipState)
        state.__dict__.update(self.__dict__)
        return state


class _Interpreter(PDFPageInterpreter):
    """pdfminer's interpreter, with `W` and `W*` narrowing the clip."""

    outer: Box | None = None  # the clip a form XObject is painted under

    def init_state(self, ctm: Matrix) -> None:
        super().init_state(ctm)
        state = _ClipState()
        state.clip = self.outer
        self.graphicstate = state

    def subinterp(self) -> PDFPageInterpreter:
        interp = super().subinterp()
        if isinstance(interp, _Interpreter):
            interp.outer = clip_of(self.graphicstate)
        return interp

    def do_W(self) -> None:
        self._narrow()

    def do_W_a(self) -> None:  # W*, as pdfminer names operators
        self._narrow()

    def _narrow(self) -> None:
        """Intersect the clip with the current path's bounding box (all its
        points, control points too: a curve lies inside their hull)."""
        points = [
            apply_matrix_pt(self.ctm, (float(seg[i]), float(seg[i + 1])))
            for seg in self.curpath
            for i in range(1, len(seg) - 1, 2)
        ]
        if not points:
            return
        xs = [p[0] for p in points]
        ys = [p[1] for p in points]
        box = (min(xs), min(ys), max(xs), max(ys))
        state = self.graphicstate.copy()
        known = clip_of(state)
        state.clip = box if known is None else _intersection(known, box)
        self.graphicstate = state


class _Aggregator(PDFPageAggregatorWithMarkedContent):
    """pdfplumber's device, marking each path it lays out with the clip."""

    def paint_path(self, gstate: PDFGraphicState, *args: Any) -> None:
        objs = self.cur_item._objs
        start = len(objs)
        super().paint_path(gstate, *args)
        clip = clip_of(gstate)
        if clip is not None:
            for obj in objs[start:]:
                obj.clip = clip


def clip_of(state: Any) -> Box | None:
    """The clip a graphics state (or a painted path) carries, if any."""
    return getattr(state, "clip", None)


def _intersection(a: Box, b: Box) -> Box:
    """Two boxes' common part; an empty one where they do not meet."""
    x0, y0 = max(a[0], b[0]), max(a[1], b[1])
    return (x0, y0, max(x0, min(a[2], b[2])), max(y0, min(a[3], b[3])))


def clipped_layout(page: Page) -> LTPage:
    """The page's layout as `Page.layout` builds it, clips kept; cached on the
    page where pdfplumber caches its own, so every later reader shares it."""
    cached = getattr(page, "_layout", None)
    if isinstance(cached, LTPage):
        return cached
    device = _Aggregator(
        page.pdf.rsrcmgr, pageno=page.page_number, laparams=page.pdf.laparams
    )
    interpreter = _Interpreter(page.pdf.rsrcmgr, device)
    try:
        interpreter.process_page(page.page_obj)
    except Exception as exc:  # pdfminer raises anything; pdfplumber wraps it so
        raise PdfminerException(exc) from exc
    layout: LTPage = device.get_result()
    page._layout = layout
    return layout

"""Cell boxes on a row grid, when the boxes need not tile the table exactly.

With separate borders (`border-collapse: separate`) every cell is its own box of
four rules, a border spacing inside its neighbours' boxes; the reader merges each
double rule into one boundary (`extract.pdf.rules`). The boxes then tile the table,
except where a producer draws a box short of its rows: Chromium draws a cell
merged down rows that a page break cuts shorter than those rows, by a few points
or by most of a row. Three rules, resting only on that geometry, keep such a box
the cell of all its rows:

- the space under (or beside) a short box is no cell: the finder sees a cell there
  only because its neighbours' rules close it, but a cell has rules of its own,
  drawn on its side of each boundary; found cells with no text and no rule of
  their own on two opposite sides are not cells (`CellRules.is_hole`);
- a row boundary is a level where one cell ends and another starts (or the
  table's top or bottom), so the end of a short box bounds no row (`row_edges`);
- a box covers each band it reaches into by more than the double-rule gap
  (`band_span`), so a box ending inside a band still covers it.

A cell keeps the box its own rules draw (`CellRules.drawn`), half a spacing inside
the boundaries between boxes, so its padding, and so where its lines wrap, is
measured the same on both sides; it was cut by the page end when no rule of its
own closes it there, only the rule the reader added (`CellRules.cut`), even where
that rule merged with its neighbours' drawn rules just above.

In a table whose boxes do tile (collapsed borders, any single-ruled grid) every
cell has its own rules, drawn on the boundaries, every level both ends and starts
cells, and the grid is what the rules draw.
"""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from collections.abc import Sequence

from extract.pdf.rules import DRAWN_AT, PAGE_EDGE, Rule
from extract.pdf.settings import PdfSettings
from extract.pdf.text import Char
from schemas.blocks import BBox


def row_edges(
    boxes: list[BBox], tolerance: float, page_ends: Sequence[float] = ()
) -> list[float]:
    """The row boundaries of a table of cell boxes: its top, its bottom and the
    levels between that bound a row (`_bounds_rows`); `page_ends` are the levels
    where the reader closed cells at a page end."""
    if not boxes:
        return []
    levels = cluster([y for b in boxes for y in (b[1], b[3])], tolerance)
    inner = [
        y
        for y in levels[1:-1]
        if not _near(y, page_ends, tolerance)  # a box cut short of the foot
        and _bounds_rows(y, boxes, tolerance, page_ends)
    ]
    return [levels[0], *inner, levels[-1]]


def _near(y: float, levels: Sequence[float], tolerance: float) -> bool:
    return any(abs(y - level) <= tolerance for level in levels)


def _bounds_rows(
    y: float, boxes: list[BBox], tolerance: float, page_ends: Sequence[float]
) -> bool:
    """Whether a level where boxes end or start is a row boundary: one cell ends
    and another starts there; or cells only end there, no other box lies below
    them in their columns and the cells beside them run on past the page end
    (the last row of a column while merged cells run on to the next page), and
    the same upwards for cells that only start there. A box that ends with
    another box lower in its column, or beside cells that end at a drawn rule,
    or beside a box that started lower and goes on past it (a cell merged down
    rows that WeasyPrint draws short at a page break, beside the row it spans
    going on), was drawn short of its rows: its end bounds no row."""
    ending = [b for b in boxes if abs(b[3] - y) <= tolerance]
    starting = [b for b in boxes if abs(b[1] - y) <= tolerance]
    if ending and starting:
        return True
    past = [b for b in boxes if b[1] < y - tolerance and b[3] > y + tolerance]
    if ending and any(b[1] > min(e[1] for e in ending) + tolerance for b in past):
        return False  # a box beside started lower yet goes on: this one was short
    if ending:
        beyond = [b for b in boxes if b[1] >= y - tolerance]
        runs_on = [b[3] for b in past]
    else:
        beyond = [b for b in boxes if b[3] <= y + tolerance]
        runs_on = [b[1] for b in past]
    if _share_column(ending or starting, beyond):
        return False
    return all(_near(e, page_ends, tolerance) for e in runs_on)


def _share_column(boxes: list[BBox], others: list[BBox]) -> bool:
    """Whether one of `others` overlaps one of `boxes` across."""
    return any(min(b[2], o[2]) > max(b[0], o[0]) for b in boxes for o in others)


def band_span(
    edges: list[float], top: float, bottom: float, reach: float
) -> tuple[int, int]:
    """The first and last band a box from `top` to `bottom` covers (of the bands
    between `edges`): an edge within `reach` of a boundary is at it, one further
    inside a band covers that band. Every box covers at least one band."""
    last = len(edges) - 2
    first = min(max(_band_of(edges, top, reach, below=True), 0), last)
    return first, min(max(_band_of(edges, bottom, reach, below=False), first), last)


def _band_of(edges: list[float], y: float, reach: float, below: bool) -> int:
    """The band an edge at `y` opens (`below`) or closes."""
    i = bisect_left(edges, y)
    near = min((j for j in (i - 1, i) if 0 <= j < len(edges)),
               key=lambda j: abs(edges[j] - y))  # fmt: skip
    if abs(edges[near] - y) <= reach:
        return near if below else near - 1
    return i - 1


class CellRules:
    """A table's rules as its cells' sides: which rules are a cell's own (drawn
    on its side of a double rule, or single) and where they were drawn."""

    def __init__(
        self,
        horizontal: list[Rule],
        vertical: list[Rule],
        settings: PdfSettings,
        tolerance: float,
    ) -> None:
        cover = settings.own_rule_cover
        self.rows = _Side(horizontal, "top", tolerance, cover)
        self.cols = _Side(vertical, "x0", tolerance, cover)

    def is_hole(self, box: BBox, chars: list[Char]) -> bool:
        """Whether a found cell is the space beside a box drawn short: no text,
        and on two opposite sides no rule of its own (only its neighbours' rules
        close it). A cell the page end closes at both its head and its foot is
        none: a cell merged down from the page before on to the next, its text
        elsewhere (Chromium leaves it open at both ends)."""
        if self.cut(box) == (True, True):
            return False
        x0, top, x1, bottom = box
        cols, rows = self.cols, self.rows
        open_sides = not (
            cols.own(x0, top, bottom, 1.0) or cols.own(x1, top, bottom, -1.0)
        ) or not (rows.own(top, x0, x1, 1.0) or rows.own(bottom, x0, x1, -1.0))
        return open_sides and not _holds_text(box, chars)

    def cut(self, box: BBox) -> tuple[bool, bool]:
        """Whether the cell was closed by the page end (a rule the reader added
        there) rather than by a rule of its own, at its foot and at its head."""
        x0, top, x1, bottom = box
        return (
            self.rows.cut(bottom, x0, x1, -1.0),
            self.rows.cut(top, x0, x1, 1.0),
        )

    def drawn(self, box: BBox) -> BBox:
        """The cell's own box where it was drawn: under separate borders half a
        border spacing inside the boundaries, so its padding is the same on
        both sides (the table's outer rules are single, its inner ones double)."""
        x0, top, x1, bottom = box
        return (
            self.cols.drawn_at(x0, top, bottom, 1.0),
            self.rows.drawn_at(top, x0, x1, 1.0),
            self.cols.drawn_at(x1, top, bottom, -1.0),
            self.rows.drawn_at(bottom, x0, x1, -1.0),
        )


class _Side:
    """Parallel rules by position across them, for looking up a cell's side."""

    def __init__(
        self, rules: list[Rule], at: str, tolerance: float, cover: float
    ) -> None:
        self.at, self.tolerance, self.cover = at, tolerance, cover
        self.lo, self.hi = ("x0", "x1") if at == "top" else ("top", "bottom")
        self.rules = sorted(rules, key=lambda r: r[at])
        self.positions = [r[at] for r in self.rules]

    def _along(
        self, place: float, start: float, stop: float
    ) -> list[tuple[Rule, float, float, float]]:
        """The rules at the boundary at `place` along the side from `start` to
        `stop`: each with where it was drawn and the part of the side it covers."""
        first = bisect_left(self.positions, place - self.tolerance)
        last = bisect_right(self.positions, place + self.tolerance)
        out = []
        for r in self.rules[first:last]:
            a, b = max(r[self.lo], start), min(r[self.hi], stop)
            if b > a:
                out.append((r, r.get(DRAWN_AT, r[self.at]), a, b))
        return out

    def _own(
        self, place: float, start: float, stop: float, inward: float
    ) -> list[tuple[Rule, float, float, float]]:
        """The rules drawn on the cell's side (`inward` from the boundary, or on
        it)."""
        return [
            rule
            for rule in self._along(place, start, stop)
            if (rule[1] - rule[0][self.at]) * inward >= 0
        ]

    def _covers(self, rules: list[tuple[Rule, float, float, float]], start: float,
                stop: float) -> bool:  # fmt: skip
        covered, reach = 0.0, start
        for _, _, a, b in sorted(rules, key=_span):
            if b > max(a, reach):
                covered += b - max(a, reach)
                reach = b
        return covered >= self.cover * (stop - start)

    def own(self, place: float, start: float, stop: float, inward: float) -> bool:
        """Whether the cell's own rules cover most of the side."""
        return self._covers(self._own(place, start, stop, inward), start, stop)

    def cut(self, place: float, start: float, stop: float, inward: float) -> bool:
        """Whether the page end closes the side: no drawn rule of the cell's own
        covers it, a rule the reader added at the page end does."""
        along = self._along(place, start, stop)
        drawn = [
            r for r in self._own(place, start, stop, inward) if not r[0].get(PAGE_EDGE)
        ]
        return not self._covers(drawn, start, stop) and any(
            r[0].get(PAGE_EDGE) for r in along
        )

    def drawn_at(self, place: float, start: float, stop: float, inward: float) -> float:
        """Where the cell's own rule along the side was drawn (the one covering
        most of it), or the page end closing it, or the boundary itself."""
        own = self._own(place, start, stop, inward) or [
            r for r in self._along(place, start, stop) if r[0].get(PAGE_EDGE)
        ]
        return max(own, key=lambda r: r[3] - r[2])[1] if own else place


def _span(rule: tuple[Rule, float, float, float]) -> tuple[float, float]:
    return rule[2], rule[3]


def _holds_text(box: BBox, chars: list[Char]) -> bool:
    return any(
        box[0] <= (c["x0"] + c["x1"]) / 2 <= box[2]
        and box[1] <= (c["top"] + c["bottom"]) / 2 <= box[3]
        for c in chars
    )


def cluster(values: list[float], tolerance: float) -> list[float]:
    """The distinct levels among `values`, those within `tolerance` of the one
    before being the same."""
    out: list[float] = []
    for value in sorted(values):
        if not out or value - out[-1] > tolerance:
            out.append(value)
    return out

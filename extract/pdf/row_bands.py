"""Rows of a table printed without a full grid: where one row ends and the next starts.

A producer that draws no vertical rules still separates rows somehow, and each
way leaves its own evidence on the page, used in this order:

- **horizontal rules** (a rule under each row, or top and bottom cell borders):
  a rule across most of the table's width, lying in the white space between lines;
- **shading bands** (zebra rows, shaded section rows): the top and bottom edges of
  filled rectangles that together cover most of the table's width;
- **white space alone**: cells are top-aligned, so a row starts where, after a
  vertical gap wider than the gap between the lines of one cell, text starts again
  in the action columns, or a new block starts in a key column (a new question,
  number or agency) while the action columns are blank.

Rules and bands, where the body has any, are trusted over white space (a cell may
hold a blank line; a rule is never inside a cell). A rule that stops short of a
column (a merged cell, whose borders skip the rows it covers) leaves that column
open across the boundary.
"""

from __future__ import annotations

import itertools
from collections.abc import Callable
from dataclasses import dataclass
from statistics import median

from extract.pdf.gutters import Segment
from extract.pdf.objects import PageObjects, PdfObject


@dataclass(frozen=True, slots=True)
class Rule:
    """A horizontal rule (or the edge of a filled band) at height `y`."""

    y: float
    x0: float
    x1: float


@dataclass(frozen=True, slots=True)
class Marks:
    """What the page draws that can bound rows: horizontal rules, filled shapes."""

    rules: tuple[Rule, ...]
    fills: tuple[PdfObject, ...]


def page_marks(objects: PageObjects, thin: float) -> Marks:
    """Horizontal rules (lines, thin rectangles, edges of stroked boxes) and fills."""
    rules: list[Rule] = []
    fills: list[PdfObject] = []
    for shape in [*objects.lines, *objects.rects]:
        width, height = shape["x1"] - shape["x0"], shape["bottom"] - shape["top"]
        if height <= thin and width > height:
            rules.append(
                Rule((shape["top"] + shape["bottom"]) / 2, shape["x0"], shape["x1"])
            )
            continue
        if shape.get("fill") and width > thin and height > thin:
            fills.append(shape)
        if shape.get("stroke") and width > thin and height > thin:
            rules += [
                Rule(shape["top"], shape["x0"], shape["x1"]),
                Rule(shape["bottom"], shape["x0"], shape["x1"]),
            ]
    return Marks(tuple(rules), tuple(fills))


def covering(
    rules: list[Rule], x0: float, x1: float, share: float, snap: float
) -> list[Rule]:
    """Rules at heights where the rules there cover `share` of x0..x1: each such
    height once, spanning the union of its pieces."""
    inside = sorted((r for r in rules if r.x1 > x0 and r.x0 < x1), key=lambda r: r.y)
    groups: list[list[Rule]] = []
    for rule in inside:
        if groups and rule.y - groups[-1][-1].y <= snap:
            groups[-1].append(rule)
        else:
            groups.append([rule])
    out: list[Rule] = []
    for group in groups:
        covered = _union_length([(max(r.x0, x0), min(r.x1, x1)) for r in group])
        if covered >= share * (x1 - x0):
            y = median(r.y for r in group)
            out.append(Rule(y, min(r.x0 for r in group), max(r.x1 for r in group)))
    return out


def band_edges(fills: tuple[PdfObject, ...], x0: float, x1: float) -> list[Rule]:
    """The top and bottom edges of filled shapes inside x0..x1, as rules."""
    out: list[Rule] = []
    for fill in fills:
        if fill["x1"] <= x0 or fill["x0"] >= x1:
            continue
        out.append(Rule(fill["top"], fill["x0"], fill["x1"]))
        out.append(Rule(fill["bottom"], fill["x0"], fill["x1"]))
    return out


def _union_length(spans: list[tuple[float, float]]) -> float:
    total, reach = 0.0, float("-inf")
    for a, b in sorted(spans):
        if b <= reach:
            continue
        total += b - max(a, reach)
        reach = b
    return total


def in_gaps(rules: list[Rule], segments: list[Segment], slack: float) -> list[Rule]:
    """Rules that cross no printed text under them (a shading edge behind a line
    is no boundary; text beside a rule that stops short is a merged cell's)."""
    return [
        rule
        for rule in rules
        if not any(
            s.top + slack < rule.y < s.bottom - slack
            and rule.x0 <= (s.line.x0 + s.line.x1) / 2 <= rule.x1
            for s in segments
        )
    ]


def in_cell_gap(segments: list[Segment], size: float) -> float:
    """The usual white space between two lines of one cell, measured on the body:
    the median gap between consecutive lines of the same column."""
    by_col: dict[int, list[Segment]] = {}
    for segment in segments:
        by_col.setdefault(segment.first_col, []).append(segment)
    gaps: list[float] = []
    for column in by_col.values():
        column.sort(key=lambda s: s.top)
        for above, below in itertools.pairwise(column):
            gap = below.top - above.bottom
            if -0.5 * size < gap < size:
                gaps.append(max(gap, 0.0))
    return median(gaps) if gaps else 0.2 * size


def white_space_starts(
    segments: list[Segment],
    key_cols: frozenset[int],
    threshold: float,
    opens: Callable[[Segment, Segment | None], bool],
) -> list[float]:
    """Where rows start in a table with neither rules nor bands (cells are
    top-aligned, so a row starts where cells start):

    - the top of each block of action-column text after a gap wider than
      `threshold` across all the action columns (rows with padding between them);
    - where two or more action columns start a new cell after a blank stretch in
      their own column (rows with no padding: the tallest cell runs straight on
      into the next row, the shorter ones leave a gap);
    - the top of a new key-column block (after a gap, or a line that `opens` a
      group by its text: a label, an agency's name) that stands where the
      action columns are blank or start a line.
    """
    action = sorted(
        (s for s in segments if s.first_col not in key_cols), key=lambda s: s.top
    )
    blocks: list[list[float]] = []  # [top, bottom]
    for segment in action:
        if blocks and segment.top - blocks[-1][1] <= threshold:
            blocks[-1][1] = max(blocks[-1][1], segment.bottom)
        else:
            blocks.append([segment.top, segment.bottom])
    starts = [top for top, _ in blocks]
    opened = _cell_starts(action, threshold)
    starts += [
        y for y in opened if sum(abs(y - o) <= threshold / 2 for o in opened) >= 2
    ]
    line_tops = [s.top for s in action]
    keys = [s for s in segments if s.first_col in key_cols]
    for segment in _cell_starts(keys, threshold, keep=True) + _opened(keys, opens):
        blank = not any(
            top - threshold <= segment.top <= bottom for top, bottom in blocks
        )
        aligned = any(abs(segment.top - top) <= threshold / 2 for top in line_tops)
        if blank or aligned:
            starts.append(segment.top)
    return _cluster(sorted(starts), threshold)


def _opened(
    segments: list[Segment], opens: Callable[[Segment, Segment | None], bool]
) -> list[Segment]:
    """The segments that `opens` says open a group, each judged after the one
    above it in its column."""
    out: list[Segment] = []
    by_col: dict[int, list[Segment]] = {}
    for segment in segments:
        by_col.setdefault(segment.first_col, []).append(segment)
    for column in by_col.values():
        column.sort(key=lambda s: s.top)
        above: Segment | None = None
        for segment in column:
            if opens(segment, above):
                out.append(segment)
            above = segment
    return out


def _cell_starts(segments, threshold, keep=False):  # type: ignore[no-untyped-def]
    """Per column, the segments (or their tops) that follow a blank stretch in
    their own column; a column's first segment counts only with `keep`."""
    by_col: dict[int, list[Segment]] = {}
    for segment in segments:
        by_col.setdefault(segment.first_col, []).append(segment)
    out = []
    for column in by_col.values():
        column.sort(key=lambda s: s.top)
        for index, segment in enumerate(column):
            gap = segment.top - column[index - 1].bottom if index else None
            if (gap is None and keep) or (gap is not None and gap > threshold):
                out.append(segment if keep else segment.top)
    return out


def _cluster(values: list[float], tolerance: float) -> list[float]:
    out: list[float] = []
    for value in values:
        if not out or value - out[-1] > tolerance:
            out.append(value)
    return out

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
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from statistics import median

from extract.pdf.gutters import Segment
from extract.pdf.objects import PageObjects, PdfObject
from extract.pdf.text import Line


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


def shaded_cell_starts(
    fills: tuple[PdfObject, ...],
    edges: tuple[float, ...],
    segments: list[Segment],
    slack: float,
    share: float,
) -> list[float]:
    """Row starts under the edges of shaded cells (a RAG cell's colour): a
    fill at least `share` of a column wide is a cell's background, so its top and
    bottom edges are row boundaries, wherever they stand inside the body and
    cross no text. The start is the top of the first line under the edge."""
    if not segments:
        return []
    first = min(s.top for s in segments)
    last = max(s.bottom for s in segments)
    out: list[float] = []
    for fill in fills:
        centre = (fill["x0"] + fill["x1"]) / 2
        column = next(
            (b - a for a, b in itertools.pairwise(edges) if a <= centre < b), None
        )
        if column is None or fill["x1"] - fill["x0"] < share * column:
            continue
        rules = [Rule(y, fill["x0"], fill["x1"]) for y in (fill["top"], fill["bottom"])]
        for rule in in_gaps(rules, segments, slack):
            if first + slack < rule.y < last - slack:
                tops = [s.top for s in segments if s.top >= rule.y - slack]
                out += [min(tops)] if tops else []
    return out


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


@dataclass(frozen=True, slots=True)
class Start:
    """Where a row starts. `doubt` says why when the evidence is thin (one
    column's new paragraph, nothing else), so the reader reports the row."""

    y: float
    doubt: str | None = None


# Whether a key-column segment opens a group (see `unruled_cells.Opener`).
Opens = Callable[[Segment, Sequence[Line], Sequence[Line]], bool]
# Whether the first segment ended its paragraph before the second, under it.
EndsParagraph = Callable[[Segment, Segment], bool]


def white_space_starts(
    segments: list[Segment],
    key_cols: frozenset[int],
    threshold: float,
    opens: Opens,
    ends: EndsParagraph,
    shaded: list[float],
) -> list[Start]:
    """Where rows start in a table with neither rules nor bands (cells are
    top-aligned, so a row starts where cells start):

    - the top of each block of action-column text after a gap wider than
      `threshold` across all the action columns (rows with padding between them);
    - where two or more action columns start a new cell after a blank stretch in
      their own column (rows with no padding: the tallest cell runs straight on
      into the next row, the shorter ones leave a gap); a column blank from the
      body's first line down has such a stretch too;
    - the top of a new key-column block (after a gap, or a line that `opens` a
      group by its text: a label, an agency's name) that stands where the
      action columns are blank or start a line;
    - the first line under the edge of a shaded cell (`shaded`, see
      `shaded_cell_starts`);
    - a first-column line that runs across a column boundary right under one
      that does not, or the other way round (a heading across the table and
      the row before or after it, `_span_changes`);
    - in a table whose rows follow one another at the line pitch, with no extra
      gap (`_paragraph_starts`), a line at which every action column with text
      starts a new cell or paragraph.
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
    starts = [top for top, _ in blocks] + shaded
    first = min((s.top for s in segments), default=0.0)
    opened = [s.top for s in _cell_starts(action, threshold, first)]
    starts += [
        y for y in opened if sum(abs(y - o) <= threshold / 2 for o in opened) >= 2
    ]
    line_tops = [s.top for s in action]
    keys = [s for s in segments if s.first_col in key_cols]
    for segment in _cell_starts(keys, threshold, None) + _opened(
        keys, opens, threshold
    ):
        blank = not any(
            top - threshold <= segment.top <= bottom for top, bottom in blocks
        )
        aligned = any(abs(segment.top - top) <= threshold / 2 for top in line_tops)
        if blank or aligned:
            starts.append(segment.top)
    starts += _span_changes(segments)
    found = [Start(y) for y in _cluster(sorted(starts), threshold)]
    if _tight(found, segments, threshold):
        found += _paragraph_starts(action, threshold, ends, found)
    return sorted(found, key=lambda start: start.y)


def _span_changes(segments: list[Segment]) -> list[float]:
    """Tops of first-column segments that run across a column boundary where
    the one above them does not, or the other way round: text crossing a
    gutter is a cell merged across columns (a heading row), and a column's
    own cell never does that for only some of its lines."""
    column = _by_column(segments).get(min((s.first_col for s in segments), default=0))
    return [
        lower.top
        for upper, lower in itertools.pairwise(column or [])
        if spans(upper) != spans(lower)
    ]


def spans(segment: Segment) -> bool:
    """Whether a segment runs across a column boundary."""
    return segment.last_col > segment.first_col


def _tight(starts: list[Start], segments: list[Segment], threshold: float) -> bool:
    """Whether the rows follow one another with no extra gap: most row starts
    found lie right under the lowest line of the row above (a table with cell
    padding leaves white space across the whole table at every row start)."""
    tight = gapped = 0
    for start in starts[1:]:
        above = [s.bottom for s in segments if s.bottom <= start.y + threshold / 4]
        if above and start.y - max(above) <= threshold:
            tight += 1
        else:
            gapped += 1
    return tight > 0 and tight >= gapped


def _paragraph_starts(
    action: list[Segment], threshold: float, ends: EndsParagraph, known: list[Start]
) -> list[Start]:
    """Row starts told by text alone, where nothing else tells them: a line at
    which every action column that has text starts afresh, after a blank
    stretch in its column or right under a line that ended its paragraph. Two
    columns or more at once are a row. One column alone may as well be a new
    paragraph in one cell, and so may columns whose lines only open with a
    capital (a title wrapped over lines, "Early Help" / "Coordinator"), so such
    a start carries a doubt."""
    above = _above_in_column(action)
    first = action[0].bottom if action else 0.0
    out: list[Start] = []
    for line in _line_groups(action, threshold / 2):
        y = line[0].top
        if y <= first or any(abs(y - k.y) <= threshold for k in known):
            continue
        states = [_fresh(s, above.get(id(s)), threshold, ends) for s in line]
        if None in states or (False in states and len(line) < 2):
            continue
        if True not in states:
            continue
        text = line[0].line.text.strip()[:40]
        doubt = None
        if len(line) == 1:
            doubt = (
                f"the row starting {text!r} is told from the row above only by"
                " one column starting afresh; it may be a new paragraph of the"
                " cell above"
            )
        elif False in states:
            doubt = (
                f"the row starting {text!r} is told from the row above only by"
                " its lines opening with capitals; they may go on in the row above"
            )
        out.append(Start(y, doubt))
    return out


def _fresh(
    segment: Segment, above: Segment | None, threshold: float, ends: EndsParagraph
) -> bool | None:
    """Whether a segment starts a cell in its column: True after a blank
    stretch, or as a new paragraph that opens as a cell's text does, with a
    capital or a digit; False for a line that opens with a capital but may go
    on the line above; None for one that goes on in the cell above (a list
    item or a lower-case line)."""
    if above is None or segment.top - above.bottom > threshold:
        return True
    head = segment.line.text.strip()[:1]
    if not (head.isupper() or head.isdigit()):
        return None
    return ends(above, segment)


def _above_in_column(segments: list[Segment]) -> dict[int, Segment]:
    """Each segment's neighbour above it in its column (by object id)."""
    out: dict[int, Segment] = {}
    for column in _by_column(segments).values():
        for upper, lower in itertools.pairwise(column):
            out[id(lower)] = upper
    return out


def _line_groups(segments: list[Segment], tolerance: float) -> list[list[Segment]]:
    """Segments grouped into printed lines by their tops."""
    groups: list[list[Segment]] = []
    for segment in sorted(segments, key=lambda s: s.top):
        if groups and segment.top - groups[-1][0].top <= tolerance:
            groups[-1].append(segment)
        else:
            groups.append([segment])
    return groups


def _by_column(segments: list[Segment]) -> dict[int, list[Segment]]:
    by_col: dict[int, list[Segment]] = {}
    for segment in segments:
        by_col.setdefault(segment.first_col, []).append(segment)
    for column in by_col.values():
        column.sort(key=lambda s: s.top)
    return by_col


def _opened(segments: list[Segment], opens: Opens, threshold: float) -> list[Segment]:
    """The segments that `opens` says open a group, each judged after the lines
    of its column's block above it (back to a blank stretch or the last opening)
    and with the lines that follow it without a break."""
    out: list[Segment] = []
    for column in _by_column(segments).values():
        block: list[Line] = []
        for index, segment in enumerate(column):
            if index and segment.top - column[index - 1].bottom > threshold:
                block = []
            below = []
            for lower in column[index + 1 :]:
                if (
                    lower.top - (below[-1] if below else segment.line).bottom
                    > threshold
                ):
                    break
                below.append(lower.line)
            if opens(segment, block, below):
                out.append(segment)
                block = []
            block.append(segment.line)
    return out


def _cell_starts(
    segments: list[Segment], threshold: float, first: float | None
) -> list[Segment]:
    """Per column, the segments that follow a blank stretch in their own column.
    A column's first segment counts when `first` is None, or when it stands
    more than `threshold` below `first` (the top of the body's first line: the
    column was blank from there down)."""
    out = []
    for column in _by_column(segments).values():
        for index, segment in enumerate(column):
            if index:
                gap: float | None = segment.top - column[index - 1].bottom
            else:
                gap = None if first is None else segment.top - first
            if gap is None or gap > threshold:
                out.append(segment)
    return out


def _cluster(values: list[float], tolerance: float) -> list[float]:
    out: list[float] = []
    for value in values:
        if not out or value - out[-1] > tolerance:
            out.append(value)
    return out

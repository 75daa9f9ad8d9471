"""Columns of a table printed without vertical rules: header phrases and gutters.

Without rules, what says where a column is? Two things every producer prints: the
header row's words, one phrase per column, with white space between phrases; and
the white-space gutters that run down through the body, where no line of text
crosses from one column into the next. The header gives the number and meaning of
the columns (the same header-meaning rules as ruled tables, `normalise.columns`);
the body's gutters give the exact boundaries, so a centred header or a header
narrower than its column does not move them.

Once the boundaries are known, each printed line is cut at every boundary where
white space as wide as a gutter stands: a run of text that crosses a boundary
without such a gap is one cell spanning several columns (a horizontal merge).
"""

from __future__ import annotations

import itertools
from dataclasses import dataclass

from extract.pdf.text import Char, Line, join_lines
from extract.pdf.word_breaks import unmarked
from normalise.columns import ColumnMap, header_map
from schemas.blocks import Cell, Row


@dataclass(slots=True)
class Segment:
    """The part of one printed line inside one cell: columns first..last."""

    line: Line
    first_col: int
    last_col: int

    @property
    def top(self) -> float:
        """Top of the segment's text."""
        return self.line.top

    @property
    def bottom(self) -> float:
        """Bottom of the segment's text."""
        return self.line.bottom


@dataclass(frozen=True, slots=True)
class Header:
    """A header row found on the page: its lines, phrases and column meanings."""

    top: float
    bottom: float
    phrases: tuple[tuple[Line, ...], ...]  # per column, its header lines
    columns: ColumnMap

    @property
    def spans(self) -> list[tuple[float, float]]:
        """Each phrase's horizontal extent."""
        return [
            (min(ln.x0 for ln in phrase), max(ln.x1 for ln in phrase))
            for phrase in self.phrases
        ]


def make_line(chars: list[Char]) -> Line:
    """A Line of these characters (spaces kept), boxed by its visible ones."""
    visible = [c for c in chars if c["text"].strip()] or chars
    return Line(
        list(chars),
        min(c["x0"] for c in visible),
        max(c["x1"] for c in visible),
        min(c["top"] for c in visible),
        max(c["bottom"] for c in visible),
    )


def chunks(line: Line, gutter: float) -> list[Line]:
    """A line cut wherever white space at least `gutter` wide stands.

    A space printed right after a chunk's last character stays with it (it says
    the line wrapped there); a space standing for the gap itself (one the line
    builder inserted, or one printed out in the gutter) belongs to no chunk.
    """
    out: list[list[Char]] = [[]]
    pending: list[Char] = []
    last_x1: float | None = None
    for char in line.chars:
        if not char["text"].strip():
            pending.append(char)
            continue
        if last_x1 is not None and char["x0"] - last_x1 >= gutter:
            out[-1] += _trailing(pending, last_x1, gutter)
            out.append([])
        else:
            out[-1] += pending
        pending = []
        out[-1].append(char)
        last_x1 = char["x1"]
    if last_x1 is not None:
        out[-1] += _trailing(pending, last_x1, gutter)
    return [make_line(part) for part in out if part]


def _trailing(spaces: list[Char], after: float, gutter: float) -> list[Char]:
    """The printed spaces that stand right after a chunk's last character."""
    return [
        c for c in spaces if not c.get("synthetic") and c["x0"] - after < gutter / 2
    ]


def find_header(
    lines: list[Line],
    pieces: list[list[Line]],
    max_pitch: float,
    depth: int,
    spaces: bool,
) -> Header | None:
    """The best header row starting at `lines[0]`: up to `depth` lines close
    together whose phrases map to an action table's columns. `pieces` are the
    lines' chunks (`chunks`); a header's first line names two columns or more."""
    best: Header | None = None
    best_found = 0
    if len(pieces[0]) < 2:
        return None
    for count in range(1, min(depth, len(lines)) + 1):
        band = lines[:count]
        if count > 1 and (
            band[-1].top - band[-2].top > max_pitch or band[-1].bold != band[0].bold
        ):
            break  # a header's lines are close together and set alike
        phrases = _phrases(pieces[:count])
        if len(phrases) < 3:
            continue
        row = Row(
            cells=[
                Cell(text=header_text(p, spaces), first_col=i, last_col=i)
                for i, p in enumerate(phrases)
            ]
        )
        columns = header_map(row, len(phrases))
        if columns is None or not columns.is_action_table:
            continue
        found = sum(1 for name in columns.slots if name)
        if found >= best_found:
            best_found = found
            best = Header(
                top=min(ln.top for ln in band),
                bottom=max(ln.bottom for ln in band),
                phrases=tuple(tuple(p) for p in phrases),
                columns=columns,
            )
    return best


def _phrases(band: list[list[Line]]) -> list[list[Line]]:
    """The band's chunks grouped by horizontal overlap: one phrase per column."""
    groups: list[list[Line]] = []
    for chunk in sorted((c for line in band for c in line), key=lambda c: c.x0):
        if groups and chunk.x0 < max(c.x1 for c in groups[-1]):
            groups[-1].append(chunk)
        else:
            groups.append([chunk])
    return [sorted(group, key=lambda c: c.top) for group in groups]


def header_text(phrase: list[Line], spaces: bool) -> str:
    """A header phrase's text, a word broken over its lines glued back (a
    header is a few words: "Responsibl" / "e Officer" is one word broken)."""
    right = max(line.x1 for line in phrase) + 0.5
    ordered = sorted(phrase, key=lambda line: (line.top, line.x0))
    text = join_lines(ordered, right, spaces)
    return unmarked(text)


def column_edges(header: Header, body: list[Line], gutter: float) -> list[float]:
    """Column boundaries: one per gap between header phrases, placed in the
    white-space gutter the body leaves there; the outer edges are the header's
    (the same on every page that prints it, where the body's text is not).

    Text that reaches over two header phrases (a heading row, a merged cell) is
    left out: it crosses gutters by design.
    """
    spans = header.spans
    pieces = [c for line in body for c in chunks(line, gutter)]
    pieces = [c for c in pieces if _phrases_under(c, spans) < 2]
    words = [w for piece in pieces for w in _word_extents(piece, gutter)]
    edges = [spans[0][0] - gutter / 2]
    for (_, x1), (x0, _) in itertools.pairwise(spans):
        edges.append(_gutter_in(words, x1, x0, gutter))
    edges.append(spans[-1][1] + gutter / 2)
    return edges


def _phrases_under(piece: Line, spans: list[tuple[float, float]]) -> int:
    return sum(1 for x0, x1 in spans if piece.x0 < x1 and piece.x1 > x0)


def _word_extents(line: Line, gutter: float) -> list[tuple[float, float]]:
    """Horizontal extents of a line's words (runs between spaces or gaps)."""
    return [(c.x0, c.x1) for c in chunks(line, gutter / 3)]


def _gutter_in(
    words: list[tuple[float, float]], low: float, high: float, gutter: float
) -> float:
    """The boundary between two header phrases: in the stretch of [low, high]
    crossed by the fewest body words, nearest the right phrase (whose column's
    text starts there), half a gutter left of where that text starts."""
    if high <= low:
        return (low + high) / 2
    step = 0.5
    count = int((high - low) / step) + 1
    cover = [0] * count
    for x0, x1 in words:
        if x1 <= low or x0 >= high:
            continue
        first = max(0, int((x0 - low) / step))
        last = min(count - 1, int((x1 - low) / step))
        for index in range(first, last + 1):
            cover[index] += 1
    least = min(cover)
    end = max(i for i, value in enumerate(cover) if value == least)
    start = end
    while start > 0 and cover[start - 1] == least:
        start -= 1
    run_low, run_high = low + start * step, low + end * step
    return max(run_low + (run_high - run_low) / 2, run_high - gutter / 2)


def segments(line: Line, edges: list[float], gutter: float) -> list[Segment]:
    """A body line cut into cells: at each boundary where a gutter-wide gap
    stands; text running across a boundary without one is a spanning cell."""
    out: list[Segment] = []
    for chunk in chunks(line, gutter):
        first = _column_of(chunk.x0 + 0.5, edges)
        last = _column_of(chunk.x1 - 0.5, edges)
        if out and out[-1].last_col >= first:
            # Two chunks in one column (a wide gap inside a cell, a justified
            # line's stretched word space): one segment, a space between.
            prev = out[-1]
            gap = [] if prev.line.text.endswith(" ") else [_space_after(prev.line)]
            prev.line = make_line(prev.line.chars + gap + chunk.chars)
            prev.last_col = max(prev.last_col, last)
            continue
        out.append(Segment(chunk, first, last))
    return out


def _space_after(line: Line) -> Char:
    """A space standing right after the line's last character (one the line
    builder inserts where words stand apart, `synthetic`)."""
    last = line.chars[-1]
    return {**last, "text": " ", "x0": last["x1"], "synthetic": True}


def _column_of(x: float, edges: list[float]) -> int:
    for index in range(len(edges) - 1):
        if x < edges[index + 1]:
            return index
    return len(edges) - 2

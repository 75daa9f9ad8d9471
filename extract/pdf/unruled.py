"""Action tables printed without a full grid of rules: found from what the page has.

The grid reader (`extract.pdf.tables`) needs rules on all four sides of every cell.
Many plans are printed with horizontal rules only, with zebra shading, or with
white space alone. This finder runs where the grid reader found no action table:

1. **Header**: a row of phrases, set apart by white space, that the ruled tables'
   header rules (`normalise.columns.header_map`) read as an action table's columns.
2. **Columns**: one per header phrase; the boundaries lie in the white-space
   gutters that run down the body (`extract.pdf.gutters`).
3. **Extent**: the table runs down while lines have text in two or more columns,
   and stops at running text (several full-width lines), a wide empty gap, the
   next header or a ruled table; the last row's cells may run on below its last
   such line.
4. **Rows**: horizontal rules, shading bands or white space (`extract.pdf.row_bands`).
5. **Cells**: the lines of a column inside a row are one cell, however many lines;
   text that runs on without a break across a row boundary where no rule closes
   the column is a vertically merged cell; a row whose only text is in its first
   column, bold or running across columns, is a full-width row (a heading)
   (`extract.pdf.unruled_cells`).

The result has the ruled reader's shapes (`PageTable`, `Row`, `Cell`, with
`continues_above` on the lower parts of merged cells), so continuation across
pages, stitching and normalisation treat both alike. A table that runs on to a
next page that does not repeat its header is read there with the same columns.
Every threshold is a share of the page's body font size (`PdfSettings.unruled_*`).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from functools import cache
from statistics import median
from typing import Any

from pdfplumber.display import PageImage

from extract.pdf.furniture import in_margin, margin_signature
from extract.pdf.gutters import (
    Header,
    Segment,
    chunks,
    column_edges,
    find_header,
    segments,
)
from extract.pdf.objects import PageObjects
from extract.pdf.row_bands import (
    EndsParagraph,
    Marks,
    band_edges,
    covering,
    in_cell_gap,
    in_gaps,
    page_marks,
    shaded_cell_starts,
    white_space_starts,
)
from extract.pdf.settings import SETTINGS, PdfSettings
from extract.pdf.tables import PageTable, in_table
from extract.pdf.text import (
    Char,
    Line,
    group_lines,
    separator,
    space_width,
)
from extract.pdf.unruled_cells import Bound, Grid, InferredTable, Opener, page_table
from normalise.agencies import load_registry
from normalise.columns import header_map
from normalise.questions import split_label
from schemas.blocks import ReaderNote, Table
from schemas.fields import AGENCY, GROUPING_FIELDS, LABEL, QUESTION_KINDS


@dataclass(frozen=True, slots=True)
class _Layout:
    """What a headerless next page needs to read on: the header and the columns."""

    header: Header
    edges: tuple[float, ...]


@dataclass(slots=True)
class _Page:
    """One page's inputs, with the thresholds scaled to its font size."""

    lines: list[Line]
    marks: Marks
    number: int
    size: float
    spaces: bool
    settings: PdfSettings
    height: float = 0.0  # the page's (0: unknown, no margin bands)

    def in_margin(self, line: Line) -> bool:
        """A line in the page's top or bottom band: a running header or
        footer's place, no evidence that a table ends or stops running on."""
        return self.height > 0 and in_margin(line, self.height)

    @property
    def gutter(self) -> float:
        return self.settings.unruled_gutter * self.size


@dataclass(slots=True)
class UnruledFinder:
    """Finds unruled action tables page by page for one document, carrying a
    table's columns to the next page when it runs on there without a header."""

    settings: PdfSettings = SETTINGS
    _carry: _Layout | None = field(default=None)
    # What the page before printed in its top band (`furniture.margin_signature`):
    # a running header, to read a table's rest from under. Not part of the state
    # a helper must agree on (it only narrows what a carried table reads).
    _running_heads: frozenset[str] = field(default=frozenset(), compare=False)

    def page_tables(
        self,
        objects: PageObjects,
        chars: list[Char],
        page_no: int,
        size: float,
        spaces: bool,
        ruled: list[PageTable],
        notes: list[ReaderNote] | None = None,
        height: float = 0.0,
    ) -> list[PageTable]:
        """The page's tables: the ruled ones, with unruled action tables added
        where no ruled action table is (a ruled frame around one is replaced).
        A row told apart from the one above on thin evidence is added to
        `notes` (`uncertain_row`), so the document's issues say which to check."""
        tables, self._carry = _find(
            objects,
            chars,
            page_no,
            size,
            spaces,
            ruled,
            self._carry,
            self.settings,
            height,
            self._running_heads,
        )
        self._running_heads = _top_band(chars, height, self.settings)
        for table in tables:
            if notes is not None and isinstance(table, InferredTable):
                notes += [ReaderNote(UNCERTAIN_ROW, d, page_no) for d in table.doubts]
        return tables


# The issue code of a row whose start rests on thin evidence (see `row_bands`).
UNCERTAIN_ROW = "uncertain_row"


def find_unruled_tables(
    objects: PageObjects,
    chars: list[Char],
    page_no: int,
    size: float,
    spaces: bool,
    ruled: list[PageTable],
) -> list[PageTable]:
    """One page on its own (as `inspect` draws it): ruled and unruled tables."""
    return _find(objects, chars, page_no, size, spaces, ruled, None, SETTINGS)[0]


def _find(
    objects: PageObjects,
    chars: list[Char],
    page_no: int,
    size: float,
    spaces: bool,
    ruled: list[PageTable],
    carry: _Layout | None,
    settings: PdfSettings,
    height: float = 0.0,
    known: frozenset[str] = frozenset(),
) -> tuple[list[PageTable], _Layout | None]:
    actions = [t for t in ruled if _reads_as_action(t.table)]
    free = [c for c in chars if not any(in_table(c, t.bbox) for t in actions)]
    lines = [ln for ln in group_lines(free) if ln.text.strip()]
    page = _Page(lines, Marks((), ()), page_no, size, spaces, settings, height)
    headers = _headers(page)
    if not headers and carry is None:
        return ruled, None
    kept = [
        t
        for t in ruled
        if t in actions or not any(in_table(_centre(h), t.bbox) for h in headers)
    ]
    page.lines = [ln for ln in lines if not any(_line_in(ln, t.bbox) for t in kept)]
    page.marks = page_marks(objects, settings.thin(size))
    stops = sorted([h.top for h in headers] + [t.bbox[1] for t in kept])
    found: list[InferredTable] = []
    first_stop = stops[0] if stops else float("inf")
    if carry is not None and not any(t.bbox[1] < first_stop for t in kept):
        body = [ln for ln in page.lines if ln.bottom <= first_stop]
        if body and margin_signature([body[0]], height) in known:
            # A running header above the table's rest (as on the page before)
            body = [ln for ln in body if margin_signature([ln], height) not in known]
        table = _build(page, carry.header, body, carry.edges, with_header=False)
        if table is not None and body and table.bbox[1] <= body[0].bottom:
            found.append(table)
    for header in headers:
        stop = min((s for s in stops if s > header.top + 0.5), default=float("inf"))
        body = [ln for ln in page.lines if header.bottom < ln.top and ln.bottom <= stop]
        table = _build(page, header, body, None, with_header=True)
        if table is not None:
            found.append(table)
    tables = sorted([*kept, *found], key=lambda t: t.bbox[1])
    carry = _carry_on(tables, page)
    last = tables[-1] if tables else None
    if carry is not None and isinstance(last, InferredTable) and not last.foot_rule:
        # The page's end closed its last row, not a rule: its cells may run on.
        for cell in last.cells:
            cell.cut_at_foot = cell.last_row == len(last.bands) - 1
    return tables, carry


def _top_band(
    chars: list[Char], height: float, settings: PdfSettings
) -> frozenset[str]:
    """What the page's lines in its top band print (`margin_signature`)."""
    if not height:
        return frozenset()
    band = settings.furniture_band * height
    lines = group_lines([c for c in chars if c["bottom"] <= band])
    return frozenset(sig for ln in lines if (sig := margin_signature([ln], height)))


def _carry_on(tables: list[PageTable], page: _Page) -> _Layout | None:
    """The layout a next page may continue: the page's last table, if it is
    unruled and nothing follows it on the page (but a running footer)."""
    last = tables[-1] if tables else None
    if not isinstance(last, InferredTable) or last.header is None:
        return None
    if any(ln.top > last.bbox[3] and not page.in_margin(ln) for ln in page.lines):
        return None
    return _Layout(last.header, last.col_edges)


def _reads_as_action(table: Table) -> bool:
    for row in table.rows[:3]:
        columns = header_map(row, table.n_cols)
        if columns is not None and columns.is_action_table:
            return True
    return False


def _centre(header: Header) -> Char:
    x0, x1 = header.spans[0][0], header.spans[-1][1]
    return {"x0": x0, "x1": x1, "top": header.top, "bottom": header.bottom}


def _line_in(line: Line, bbox: tuple[float, float, float, float]) -> bool:
    cy = (line.top + line.bottom) / 2
    return bbox[1] <= cy <= bbox[3] and line.x0 < bbox[2] and line.x1 > bbox[0]


def _headers(page: _Page) -> list[Header]:
    """Header rows on the page, top to bottom, none overlapping another."""
    settings = page.settings
    lines = page.lines
    pieces = [chunks(line, page.gutter) for line in lines]
    out: list[Header] = []
    index = 0
    while index < len(lines):
        header = find_header(
            lines[index:],
            pieces[index:],
            settings.unruled_header_pitch * page.size,
            settings.unruled_header_lines,
            page.spaces,
        )
        if header is None:
            index += 1
            continue
        out.append(header)
        while index < len(lines) and lines[index].top <= header.bottom:
            index += 1
    return out


def _build(
    page: _Page,
    header: Header,
    body: list[Line],
    edges: tuple[float, ...] | None,
    with_header: bool,
) -> InferredTable | None:
    """The table under `header` (or carried on from the page before)."""
    gutter = page.gutter
    if edges is None:
        edges = tuple(column_edges(header, body, gutter))
    n_cols = len(edges) - 1
    body = [ln for ln in body if ln.x1 > edges[0] and ln.x0 < edges[-1]]
    rows = [segments(ln, list(edges), gutter) for ln in body]
    count = _table_length(rows, n_cols, page)
    if count == 0 and (body or not with_header):
        return None
    segs = [s for row in rows[:count] for s in row]
    key_cols = frozenset(
        i for i, name in enumerate(header.columns.slots) if name in GROUPING_FIELDS
    )
    question_cols = frozenset(
        i for i, name in enumerate(header.columns.slots) if name in QUESTION_KINDS
    )
    threshold = _row_threshold(segs, page)
    top = header.bottom if with_header else min((s.top for s in segs), default=0.0)
    opens = _group_opener(header, page.settings.unruled_name_lines)
    bounds, evidence = _boundaries(page, segs, edges, top, key_cols, threshold, opens)
    grid = Grid(n_cols, edges, bounds, threshold, key_cols, question_cols, opens)
    for band, band_segs in enumerate(_by_band(segs, [b.y for b in bounds])):
        grid.add_band(band, band_segs)
    table = page_table(
        page.number,
        page.spaces,
        page.marks.fills,
        header if with_header else None,
        grid,
        evidence,
    )
    table.header = header
    table.foot_rule = bounds[-1].rule is not None
    table.doubts = tuple(b.doubt for b in bounds if b.doubt)
    return table


def _group_opener(header: Header, name_lines: int) -> Opener:
    """Whether a key-column line opens a new group, and so a row, by its text,
    given the lines of its column's cell above it and the lines that follow it
    without a break:

    - in a question or number column, a label: one with its word
      ("Recommendation 2:"), a dotted or lettered number ("1.2", "1b"), or a
      number closed by ".", ":" or ")"; a bare number ("24 hours") may be the
      tail of a sentence, so it opens nothing;
    - in the agency column, a line that cannot carry on the cell above: that cell
      names a whole agency of the registry, the line starts another (alone or
      with the lines under it), and the two together name none ("Children's" /
      "Social Care" then "CAFCASS"; not "Thurrock" / "CCG").
    """
    slots = header.columns.slots

    def opens(seg: Segment, above: Sequence[Line], below: Sequence[Line]) -> bool:
        name = slots[seg.first_col] if seg.first_col < len(slots) else None
        text = seg.line.text.strip()
        if name in (*QUESTION_KINDS, LABEL):
            return is_label(text)
        if name != AGENCY or not above:
            return False
        upper = " ".join(ln.text.strip() for ln in above)
        lower = [text, *(ln.text.strip() for ln in below[: name_lines - 1])]
        starts = any(
            _agency(" ".join(lower[:count])) for count in range(1, len(lower) + 1)
        )
        return starts and _agency(upper) and not _agency(f"{upper} {text}")

    return opens


@cache
def _agency(text: str) -> bool:
    """Whether the text names an agency of the built-in registry."""
    return load_registry().match(text).canonical is not None


def is_label(text: str) -> bool:
    """A question label at the head of `text`, written so it cannot be a number
    in running text (see `_group_opener`)."""
    label = split_label(text)
    qid = label.question_id
    if not qid:
        return False
    closed = text.startswith(qid) and text[len(qid) : len(qid) + 1] in (".", ":", ")")
    return bool(label.kind) or "." in qid or qid[-1].isalpha() or closed


def _table_length(rows: list[list[Segment]], n_cols: int, page: _Page) -> int:
    """How many of the body's lines belong to the table (see the module doc)."""
    settings = page.settings
    last_multi = -1
    prose = 0
    bottom: float | None = None
    for index, segs in enumerate(rows):
        top = min(s.top for s in segs)
        if bottom is not None and top - bottom > settings.unruled_end_gap * page.size:
            break
        prose = prose + 1 if _full_width(segs, n_cols) else 0
        if prose >= settings.unruled_prose_lines:
            break
        if len({s.first_col for s in segs}) >= 2:
            last_multi = index
        bottom = max(s.bottom for s in segs)
    end = last_multi + 1
    if end == 0:
        return 0
    used = [s for row in rows[:end] for s in row]
    threshold = _row_threshold(used, page)
    while end < len(rows) and _runs_on(rows[end], used, threshold, n_cols, page):
        used += rows[end]
        end += 1
    return end


def _row_threshold(segs: list[Segment], page: _Page) -> float:
    """White space between two lines of a column wider than this is no gap
    inside a cell: the usual gap between a cell's lines plus the row gap."""
    return in_cell_gap(segs, page.size) + page.settings.unruled_row_gap * page.size


def _full_width(segs: list[Segment], n_cols: int) -> bool:
    return len(segs) == 1 and segs[0].first_col == 0 and segs[0].last_col >= n_cols - 2


def _runs_on(
    segs: list[Segment], above: list[Segment], threshold: float, n: int, page: _Page
) -> bool:
    """Whether a line below the last multi-column line is still in the table: it
    continues cells above it (each piece follows text in its column with no
    more than a line's gap), or it stands in a column right of the first (text
    after a table starts at the left margin), close below the table's text."""
    if _full_width(segs, n):
        return False
    lowest = max(s.bottom for s in above)
    if min(s.top for s in segs) - lowest > page.settings.unruled_end_gap * page.size:
        return False
    if all(seg.first_col > 0 for seg in segs):
        return True
    for seg in segs:
        previous = [s.bottom for s in above if s.first_col == seg.first_col]
        if not previous or seg.top - max(previous) > threshold:
            return False
    return True


def _boundaries(
    page: _Page,
    segs: list[Segment],
    edges: tuple[float, ...],
    top: float,
    key_cols: frozenset[int],
    threshold: float,
    opens: Opener,
) -> tuple[list[Bound], str]:
    """Row band edges from the top of the body to its bottom, and the evidence."""
    settings, size = page.settings, page.size
    x0, x1 = edges[0], edges[-1]
    first = min((s.top for s in segs), default=top)
    last = max((s.bottom for s in segs), default=top)
    snap = settings.unruled_snap * size
    drawn = covering(
        [*page.marks.rules, *band_edges(page.marks.fills, x0, x1)],
        x0,
        x1,
        settings.unruled_rule_cover,
        snap,
    )
    drawn = in_gaps(drawn, segs, 0.1 * size)
    head = [r for r in drawn if top - snap <= r.y <= first + snap]
    foot = [r for r in drawn if last - snap <= r.y <= last + 1.5 * size]
    inner = [r for r in drawn if first + snap < r.y < last - snap]
    upper = Bound(head[-1].y, head[-1]) if head else Bound((top + first) / 2)
    pad = first - upper.y
    lower = Bound(foot[0].y, foot[0]) if foot else Bound(last + max(pad, 0.0))
    if inner:
        rules = [r for r in page.marks.rules if r.x1 > x0 and r.x0 < x1]
        evidence = (
            "rules"
            if any(abs(r.y - b.y) <= snap for b in inner for r in rules)
            else "bands"
        )
        return [upper, *(Bound(r.y, r) for r in inner), lower], evidence
    ends = _paragraph_end(segs, page)
    shaded = shaded_cell_starts(
        page.marks.fills, edges, segs, 0.1 * size, settings.unruled_cell_fill
    )
    starts = white_space_starts(segs, key_cols, threshold, opens, ends, shaded)
    middle: list[Bound] = []
    under: list[float] = []
    for start in starts[1:]:
        y = start.y
        above = max((s.bottom for s in segs if s.bottom < y), default=y)
        middle.append(Bound((above + y) / 2, doubt=start.doubt))  # across the gap
        under.append((y - above) / 2)
    if under and not foot:
        # The page's last row ends as the rows above it do.
        lower = Bound(last + median(under))
    return [upper, *middle, lower], "white space"


def _paragraph_end(segs: list[Segment], page: _Page) -> EndsParagraph:
    """Whether a line ended its paragraph before the line under it in its
    column, as cell text is joined (`separator`): the next word would have
    fitted in the column, as wide as its text reaches on the page."""
    reach: dict[int, float] = {}
    for seg in segs:
        if seg.first_col == seg.last_col:
            reach[seg.first_col] = max(reach.get(seg.first_col, 0.0), seg.line.x1)
    space = space_width([seg.line for seg in segs]) if segs else 0.0

    def ends(above: Segment, below: Segment) -> bool:
        right = reach.get(above.first_col, above.line.x1)
        return separator(above.line, below.line, right, page.spaces, space) == "\n"

    return ends


def _by_band(segs: list[Segment], ys: list[float]) -> list[list[Segment]]:
    """Segments sorted into the bands between consecutive edges, by their middle."""
    bands: list[list[Segment]] = [[] for _ in range(len(ys) - 1)]
    for seg in sorted(segs, key=lambda s: (s.top, s.line.x0)):
        middle = (seg.top + seg.bottom) / 2
        index = sum(1 for y in ys[1:-1] if y < middle)
        bands[index].append(seg)
    return bands


# Inferred boundaries as `inspect` draws them (RGBA): dashed, so a picture
# shows at a glance which lines the page drew and which the finder inferred.
INFERRED_COLOUR = (230, 120, 0, 255)
_DASH = 4.0  # points drawn, then as many left blank


def draw_inferred(image: PageImage, table: InferredTable, font: Any) -> None:
    """Draw an unruled table's inferred column boundaries and row edges, dashed,
    with a label saying what the rows were told apart by."""
    x0, top, x1, bottom = table.bbox
    for x in table.col_edges:
        _dashed(image, (x, top), (x, bottom))
    for y in table.row_edges:
        _dashed(image, (x0, y), (x1, y))
    at = (
        round((x0 - image.bbox[0]) * image.scale),
        round((top - image.bbox[1]) * image.scale) - 2,
    )
    label = f"inferred columns and rows ({table.evidence})"
    image.draw.text(at, label, fill=INFERRED_COLOUR, font=font, anchor="lb")


def _dashed(
    image: PageImage, start: tuple[float, float], end: tuple[float, float]
) -> None:
    length = max(abs(end[0] - start[0]), abs(end[1] - start[1]))
    steps = int(length // (2 * _DASH)) + 1
    for step in range(steps):
        a = min(step * 2 * _DASH, length) / (length or 1.0)
        b = min(step * 2 * _DASH + _DASH, length) / (length or 1.0)
        points = [
            (start[0] + (end[0] - start[0]) * t, start[1] + (end[1] - start[1]) * t)
            for t in (a, b)
        ]
        image.draw_line(points, stroke=INFERRED_COLOUR, stroke_width=1)

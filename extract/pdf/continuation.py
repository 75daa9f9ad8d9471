"""Rows and cells cut by a page break, judged from both pages' geometry and text.

When a table runs on at the top of the next page, its first data row (after any
repeated header rows, which are marked here) is either the rest of the last row
above or a row of its own. The evidence, any producer gives it:

- a cell above is *full* when its last line ends within the table's bottom padding
  plus `PdfSettings.full_cell_slack` of a line pitch from its lower edge (a rule, or
  the page end where the producer drew none): no further line fitted;
- a cell the page end left open (no rule drawn under it), or whose last line
  ends with a space the producer prints only where it wraps, goes on when its
  text stops mid-sentence and the text below goes on in lower case (producers
  move lines to the next page to keep two together, so the gap alone does not
  tell);
- a full cell does not go on where its text ended a phrase: its last line
  stopped on a word (no full stop, no "/" or "-") although the next word would
  have fitted, or without the space the producer prints at a wrap although one
  fitted, and the text below starts with a capital ("... through LSCB" /
  "Reviewed under ..."). A cell's own paragraphs end their sentences; a row's
  last phrase often does not;
- where one of the row's own cells (no key, not merged over rows) wraps on
  below (a printed wrap space, and the first word below did not fit), a cell
  beside it with room for one more line but not two goes on too: a line moved
  on to keep two together, whatever its text;
- the row continues only if every cell with text below sits under a cell that
  goes on; text under an empty cell or one that ended with room is a new row;
- a key cell (question, recommendation, number, agency: the table's grouping
  columns, named by its header) with text below is a row of its own unless its text
  carries on the phrase above: its first word did not fit on the line above, and
  some other cell is cut mid-sentence. So a one-line row at a page foot ("Probation")
  is never glued to the next page's first row ("BTUH").

A cell under a vertically merged cell whose text runs on is the tail of that merged
cell, whether or not the row continues; so is one under a key cell whose last line
wrapped (a printed wrap space, and the first word below did not fit): the key cell
ran on over the break. Each judgement is kept as a
`JoinDecision`, so `inspect` can show why a row was or was not joined.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
from math import inf
from typing import NamedTuple

from extract.pdf.settings import SETTINGS, PdfSettings
from extract.pdf.tables import GridCell, PageTable
from extract.pdf.text import (
    filled,
    first_word_width,
    join_lines,
    justified,
    separator,
    space_width,
    would_fit,
)
from extract.pdf.word_breaks import WORD_BREAK, unmarked
from normalise.columns import ColumnMap
from normalise.headers import find_header, repeated_top_rows
from schemas.blocks import Row, Table
from schemas.fields import GROUPING_FIELDS


class PendingJoin(NamedTuple):
    """A cell continued across a page whose joiner is still a WORD_BREAK: the
    row and the cell's index in it, the text of the part it continues, and the
    row and index of that part's cell on the page before (where a word broken
    again at the page foot, "GP" / "safeguardin" / "g", is judged with the
    piece after it)."""

    row: Row
    index: int
    head: str
    upper: tuple[Row, int] | None


# A number labelling a row's key: "3", "2.1", "1.2.a", "7c.", "12)"
_NUMBER_LABEL = re.compile(r"\d+(?:[.-]\d+)*[.-]?[A-Za-z]?[.)]?(?=\s|$)")
SENTENCE_END = (".", "!", "?")  # after ":" or ";" a phrase may go on in lower case


@dataclass(frozen=True, slots=True)
class JoinDecision:
    """Whether the first data row of a page table continues the row above."""

    page: int | None
    band: int  # the lower table's band judged
    joined: bool
    reason: str
    tails: tuple[int, ...] = ()  # columns whose text continues a cell above


def key_columns(table: Table) -> frozenset[int] | None:
    """The grid slots of the table's grouping columns, if it has a header."""
    columns = find_header(table)
    if columns is None:
        return None
    return frozenset(
        i for i, name in enumerate(columns.slots) if name in GROUPING_FIELDS
    )


def mark_continuation(
    upper: PageTable,
    lower: PageTable,
    spaces: bool,
    keys: frozenset[int] = frozenset(),
    settings: PdfSettings = SETTINGS,
) -> tuple[list[PendingJoin], JoinDecision | None]:
    """Mark `lower`'s repeated header rows, and its first data row as the rest of
    `upper`'s last row or its cells as tails of merged cells above; give each
    continued cell the joiner its two parts' line ends call for."""
    if lower.table.n_cols != upper.table.n_cols or not lower.table.rows:
        return [], None
    # a justified table prints no wrap space, even where its producer does
    spaces = spaces and not _set_justified(upper)
    header = find_header(upper.table)
    first = _first_data_band(upper, lower, header)
    if first is None:
        return [], None
    texts = {c.first_col: c for c in lower.cells if c.first_row == first and c.lines}
    if not texts:
        return [], None
    # A header's cells run on below only into a band of their tails alone,
    # each under its own columns, a word split to fill its line ("Target
    # Date/Evidenc" / "e"; not a section row under "Recommendation"), a full
    # cell's printed wrap ("Target " / "Date") or an empty one's text moved on
    # whole ("Constraints/ Problems"), never by what text follows
    # ("Questions" / "1a. Does"): headers are no sentences.
    body = header.header_row + header.header_rows if header else 0
    lowest = _lowest_cells(upper)
    heads = {c for c, cell in lowest.items() if cell.first_row < body}
    tails = all(
        c in heads
        and texts[c].last_col == lowest[c].last_col
        and (
            _split_to_fill(lowest[c], texts[c])
            or (_wraps(lowest[c], spaces) and _is_full(lowest[c], upper, settings))
            or _moved_whole(lowest[c], texts[c], upper, settings)
        )
        for c in texts
    )
    above = {c: cell for c, cell in lowest.items() if tails or c not in heads}
    going, ended = _going_on(above, texts, upper, keys, spaces, settings)
    joined, reason = _judge_row(above, texts, going, keys, spaces, ended)
    row = lower.table.rows[first]
    row.continues_previous = joined
    merged = {col for col in going if _merged(above[col])}
    # a key cell whose last line wrapped runs on below: merged down over the break
    merged |= {
        c
        for c in keys & going & texts.keys()
        if _key_runs_into(above[c], texts[c], spaces)
    }
    tails = [
        c for c in texts if c in going and above[c].lines and (joined or c in merged)
    ]
    pending = _join_cells(row, upper, above, texts, tails, spaces, joined)
    return pending, JoinDecision(lower.table.page, first, joined, reason, tuple(tails))


def _join_cells(
    row: Row,
    upper: PageTable,
    above: dict[int, GridCell],
    texts: dict[int, GridCell],
    tails: list[int],
    spaces: bool,
    joined: bool,
) -> list[PendingJoin]:
    """Give each continued cell its joiner; list those still at a word break."""
    pending: list[PendingJoin] = []
    for index, cell in enumerate(row.cells):
        col = cell.first_col
        if col not in tails:
            continue
        joiner = _joiner(above[col], texts[col], spaces)
        row.cells[index] = replace(
            cell, joiner=joiner, continues_above=cell.continues_above or not joined
        )
        if joiner == WORD_BREAK:
            head = join_lines(above[col].lines, inf, spaces)
            upper_row = upper.table.rows[above[col].first_row]
            cells = enumerate(upper_row.cells)
            at = next((i for i, c in cells if c.first_col == col), None)
            part = None if at is None else (upper_row, at)
            pending.append(PendingJoin(row, index, head, part))
    return pending


def _going_on(
    above: dict[int, GridCell],
    texts: dict[int, GridCell],
    upper: PageTable,
    keys: frozenset[int],
    spaces: bool,
    settings: PdfSettings,
) -> tuple[set[int], set[int]]:
    """The columns whose cell above goes on below (full, or left open by the
    page end or wrapped with the text going on mid-sentence, or left open by the
    page end short of its edge by a line over two lines below; or, where a cell
    of the row's own, neither a key nor merged over rows, wraps on below, one
    short of its lower edge by a line moved on), and those whose full cell
    ended its phrase under a new one."""
    going = {col for col, cell in above.items() if _is_full(cell, upper, settings)}
    ended = {
        c for c in going & texts.keys() if _ends_phrase(above[c], texts[c], spaces)
    }
    going -= ended
    going |= {  # left open, or wrapped, and the text goes on mid-sentence
        col
        for col, cell in above.items()
        if col in texts
        and (cell.cut_at_foot or _wraps(cell, spaces))
        and _mid_sentence(cell, texts[col])
    }
    going |= {  # left open by the page end, over two lines: moved on to keep two
        col  # together (CSS widows and orphans, Word's widow control)
        for col, cell in above.items()
        if col in texts.keys() - ended
        and cell.cut_at_foot
        and len(texts[col].lines) >= settings.kept_lines
        and _is_full(cell, upper, settings, lines=settings.kept_lines - 1)
    }
    going |= {  # empty, cut short of room for two lines: its text moved on whole
        col
        for col, cell in above.items()
        if col in texts and _moved_whole(cell, texts[col], upper, settings)
    }
    row_own = {  # the row's own cells: no key, none merged down over rows
        c for c in texts.keys() - keys if c in above and not _merged(above[c])
    }
    if any(c in going and _wraps_into(above[c], texts[c], spaces) for c in row_own):
        going |= {  # the row goes on: a line moved on to keep two together
            col
            for col in texts.keys() & above.keys() - ended
            if _is_full(above[col], upper, settings, lines=1)
        }
    if any(cell.cut_at_foot for cell in above.values()):
        # The producer leaves a cell that goes on open at the page end (as CSS
        # `box-decoration-break: slice` draws a split box): one beside it that
        # it closed with a rule ended there, full or not.
        going -= {col for col, cell in above.items() if not cell.cut_at_foot}
    return going, ended


def _moved_whole(
    cell: GridCell, lower: GridCell, table: PageTable, settings: PdfSettings
) -> bool:
    """An empty cell the page end left open, over text that could not be split
    there keeping as many lines together on each side as a producer keeps (CSS
    `orphans` and `widows`): room for fewer lines than that, or text too short to
    leave that many on both pages. The row started at the page foot and its
    paragraph was moved on whole, while shorter cells beside it stayed."""
    kept, count = settings.kept_lines, len(lower.lines)
    if cell.lines or not cell.cut_at_foot or count < kept:
        return False
    height = lower.lines[0].bottom - lower.lines[0].top
    free = cell.bbox[3] - cell.bbox[1] - table.padding - height
    room = 1 + int(free // table.pitch) if free >= 0 else 0  # lines that fit
    return room < kept or room < count < 2 * kept


def _judge_row(
    above: dict[int, GridCell],
    texts: dict[int, GridCell],
    going: set[int],
    keys: frozenset[int],
    spaces: bool,
    ended: set[int],
) -> tuple[bool, str]:
    """Whether the row below continues the row above, and the evidence."""
    for col in sorted(texts):
        if col not in above:
            return False, f"column {col + 1}: no cell above ends at the page foot"
        if col not in going | ended:
            return False, f"column {col + 1}: the cell above ended with room to spare"
    for col in sorted(keys & set(texts)):
        if above[col].lines and not _key_goes_on(above, texts, col, keys, spaces):
            return False, f"column {col + 1} starts its own key"
    if ended:
        return False, f"column {min(ended) + 1}: the phrase above ended, a new begins"
    return True, "every cell with text continues a cell cut above"


def _key_goes_on(
    above: dict[int, GridCell],
    texts: dict[int, GridCell],
    col: int,
    keys: frozenset[int],
    spaces: bool,
) -> bool:
    """Whether a key cell's text below goes on with the key above: its first word
    did not fit above, and the text runs on in lower case, or the row below has
    no other text, or another of its cells is cut mid-sentence."""
    upper, lower = above[col], texts[col]
    joiner = _joiner(upper, lower, spaces)
    if joiner == "\n":
        return False
    if _mid_sentence(upper, lower):
        return True  # a phrase going on in lower case
    if all(c in keys for c in texts):
        return True  # no action text of its own: not a row, the key's tail
    return any(
        _mid_sentence(above[c], texts[c])
        for c in texts
        if c not in keys and c in above and above[c].lines
    )


def _ends_phrase(upper: GridCell, lower: GridCell, spaces: bool) -> bool:
    """The upper cell's text ended where one row's phrase ends and the next
    row's begins: its last line ended its paragraph on a word (not a full stop,
    nor a "/" or "-" a word breaks at), and the text below starts with a
    capital. A cell's own paragraphs split by a page break end their sentence
    ("... all SIs." / "All SI's ..."); a row's closing phrase often has no full
    stop ("... through LSCB" / "Reviewed ...")."""
    tail = upper.lines[-1].text.rstrip()
    head = lower.lines[0].text.lstrip()
    return (
        head[:1].isupper()
        and tail[-1:].isalnum()
        and (_unwrapped(upper, spaces) or _joiner(upper, lower, spaces) == "\n")
    )


def _unwrapped(cell: GridCell, spaces: bool) -> bool:
    """The producer prints a space where it wraps, and the cell's last line has
    none although one fitted: the line ended its paragraph (a wrap drops the
    space only where it would stick out of the cell)."""
    last = cell.lines[-1]
    room = _text_right(cell) - last.x1
    return spaces and not last.text.endswith(" ") and room >= space_width(cell.lines)


def _wraps(cell: GridCell, spaces: bool) -> bool:
    """The cell's last line ends with a printed space, which the producer prints
    only where it wraps a line: its text went on past it."""
    return spaces and bool(cell.lines) and cell.lines[-1].text.endswith(" ")


def _merged(cell: GridCell) -> bool:
    return cell.first_row < cell.last_row


def _wraps_into(upper: GridCell, lower: GridCell, spaces: bool) -> bool:
    """The upper cell's last line wrapped into the text below: it ends mid-
    sentence with a printed wrap space, and the first word below would not have
    fitted after it (a space typed at a paragraph's end leaves room)."""
    if not _wraps(upper, spaces) or upper.lines[-1].text.rstrip().endswith(
        SENTENCE_END
    ):
        return False
    return not _next_word_fits(upper, lower, 0.0)


def _key_runs_into(upper: GridCell, lower: GridCell, spaces: bool) -> bool:
    """A key cell's last line wrapped into the text below: as `_wraps_into`,
    or, where the producer prints no space at a wrap, its text stops
    mid-sentence, goes on below in lower case, and the first word below would
    not have fitted after a space."""
    if _numbered(upper) and _numbered(lower):
        return False  # "1.2.a" / "1.2.b", "1a. Does …" / "1b. How …": keys of their own
    if spaces:
        return _wraps_into(upper, lower, spaces)
    gap = space_width(upper.lines) if upper.lines else 0.0
    return _mid_sentence(upper, lower) and not _next_word_fits(upper, lower, gap)


def _numbered(cell: GridCell) -> bool:
    """Whether the cell's text starts with a number label ("1.2.a", "7c.")."""
    return bool(cell.lines and _NUMBER_LABEL.match(cell.lines[0].text.lstrip()))


def _next_word_fits(upper: GridCell, lower: GridCell, gap: float) -> bool:
    """Whether the first word below fitted after the upper cell's last line,
    `gap` (a space, or nothing where one is printed) between."""
    below = lower.lines[0]
    width = first_word_width(below)
    return would_fit(upper.lines[-1].x1 + gap, width, _text_right(upper), below.size)


def _mid_sentence(upper: GridCell, lower: GridCell) -> bool:
    """The upper text stops without ending its sentence and the lower text goes
    on: in lower case, with a number or with "&", "(" or ","."""
    if not upper.lines or not lower.lines:
        return False
    tail = upper.lines[-1].text.rstrip()
    head = lower.lines[0].text.lstrip()
    return not tail.endswith(SENTENCE_END) and (
        head[:1].islower() or head[:1].isdigit() or head[:1] in "&(,"
    )


def _joiner(upper: GridCell, lower: GridCell, spaces: bool) -> str:
    """What stood between the last line of `upper` and the first of `lower`."""
    lines = [upper.lines[-1], lower.lines[0]]
    right, space = _text_right(upper), space_width(lines)
    bare = justified([*upper.lines, lower.lines[0]], right, space)
    return separator(*lines, right, spaces, space, justified=bare)


def _set_justified(table: PageTable) -> bool:
    """Whether a cell of the table was set justified (`text.justified`): its
    cells' last lines at the page end then show no wrap space either, one line
    alone ("Designated" / "Nurse") as much as a justified paragraph's."""
    return any(
        justified(cell.lines, _text_right(cell), space_width(cell.lines))
        for cell in table.cells
        if len(cell.lines) > 1
    )


def _split_to_fill(upper: GridCell, lower: GridCell) -> bool:
    """The upper cell's last line is full (not even the next letter below
    would have fitted) and ends inside a word that goes on below."""
    if not upper.lines:
        return False
    tail, head = upper.lines[-1], lower.lines[0]
    ends = tail.text.rstrip()[-1:].isalnum() and head.text.lstrip()[:1].isalnum()
    return ends and filled(tail, head, _text_right(upper))


def _text_right(cell: GridCell) -> float:
    """Where the cell's lines may reach: its right edge less the padding its
    text keeps on the left."""
    return cell.bbox[2] - (min(ln.x0 for ln in cell.lines) - cell.bbox[0])


def _lowest_cells(table: PageTable) -> dict[int, GridCell]:
    """Each column's lowest cell, by the slot it starts at (a thin last band where
    only a merged cell runs on leaves the others' lowest cells above it); a cell
    with one lower under any of its slots (a full-width section row at the page
    foot) is no column's lowest: the page does not cut it."""
    lowest: dict[int, GridCell] = {}
    under: dict[int, int] = {}  # each slot's lowest band
    for cell in table.cells:
        known = lowest.get(cell.first_col)
        if known is None or cell.last_row > known.last_row:
            lowest[cell.first_col] = cell
        for slot in range(cell.first_col, cell.last_col + 1):
            under[slot] = max(under.get(slot, -1), cell.last_row)
    return {
        col: cell
        for col, cell in lowest.items()
        if all(
            under[slot] == cell.last_row
            for slot in range(cell.first_col, cell.last_col + 1)
        )
    }


def _first_data_band(
    upper: PageTable, lower: PageTable, header: ColumnMap | None
) -> int | None:
    """The first band of `lower` with text that does not print one of the header
    rows of the table above again (`normalise.headers.repeated_top_rows`, the
    one judgement of a repeated header); the repeats are marked
    `repeats_as_header`. Empty slivers (between double rules) are passed over."""
    bands = [b for b in range(len(lower.bands)) if any(_band_texts(lower, b))]
    first, count = (header.header_row, header.header_rows) if header else (0, 0)
    # only a header repeats; compared as printed, whatever each page's evidence
    # made of its line ends ("Target" / "Date" glued on one, spaced on the other)
    tops = [_as_printed(row) for row in upper.table.rows[first : first + count]]
    rows = [_as_printed(lower.table.rows[b]) for b in bands]
    repeats = repeated_top_rows(tops, rows) if tops else 0
    for band in bands[:repeats]:
        lower.table.rows[band].repeats_as_header = True
    return bands[repeats] if repeats < len(bands) else None


def _as_printed(row: Row) -> Row:
    """A copy of the row whose cells hold their printed characters only: no
    white space, no marks of line ends still to settle."""
    cells = [replace(c, text="".join(unmarked(c.text).split())) for c in row.cells]
    return replace(row, cells=cells)


def _band_texts(table: PageTable, band: int) -> tuple[str, ...]:
    return tuple(
        " ".join(cell.text.split()).lower()
        for cell in table.table.rows[band].cells
        if not cell.continues_above
    )


def _is_full(
    cell: GridCell, table: PageTable, settings: PdfSettings, lines: int = 0
) -> bool:
    """The cell's text reaches its lower edge: no room was left for a line (or
    for more than `lines` lines, such as a producer moves on to the next page
    to keep two lines of a paragraph together)."""
    if not cell.lines:
        return False
    gap = cell.bbox[3] - cell.lines[-1].bottom
    padding = max(table.padding, table.bottom_padding)
    return gap < padding + (lines + settings.full_cell_slack) * table.pitch

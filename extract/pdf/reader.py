"""PDF reader: each page's ruled tables and the text around them, in reading order,
with the marks that let the normaliser stitch tables across pages.

A row cut by a page break is recognised from geometry only: the table runs on at
the top of the next page, and every cell with text in the next page's first row
sits under a cell whose text on this page runs down to its bottom edge (no room
was left for another line). A new row, even one with empty key cells, always has
some text under a cell that was closed with room to spare.
"""

from __future__ import annotations

import contextlib
import hashlib
import io
import itertools
import logging
import re
from collections import Counter
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field, replace
from functools import partial
from pathlib import Path

import pdfminer
import pdfplumber
from pdfminer.pdfdocument import PDFPasswordIncorrect

from extract.pdf import forked
from extract.pdf.continuation import (
    JoinDecision,
    PendingJoin,
    key_columns,
    mark_continuation,
)
from extract.pdf.furniture import (
    edge_signatures,
    in_margin,
    is_page_number,
    margin_signature,
    running,
    without_edge_rows,
)
from extract.pdf.page import page_tables
from extract.pdf.settings import SETTINGS
from extract.pdf.tables import PageTable, placed_on_grid
from extract.pdf.text import (
    Char,
    Line,
    group_lines,
    join_lines,
    separator,
    space_width,
)
from extract.pdf.unruled import UnruledFinder
from extract.pdf.word_breaks import WORD_BREAK, load_english, resolve_breaks
from normalise.questions import FINDING
from normalise.text import fold
from schemas.blocks import BBox, Block, ExtractedDocument, Paragraph, ReaderNote, Table
from schemas.errors import (
    DocumentLoadError,
    Encrypted,
    NoTextLayer,
    NoTextMapping,
    one_line,
    raised_inside,
)

# A long PDF's pages may be read in up to this many processes at once (the
# caller says how many cores it may use), each taking at least this many pages:
# a helper pays for its start and for loading the document's fonts again.
MAX_PAGE_PROCESSES = 4
MIN_PAGES_PER_PROCESS = 4
# The part read by the calling process, against an equal share: besides its own
# pages it unpickles the helpers' and finishes the document (word breaks, the
# English word list), about a tenth of the reading time on a long plan.
CALLER_SHARE = 0.8


def read_pdf(path: Path, processes: int = 1) -> ExtractedDocument:
    """Read a PDF into blocks; raise a one-line error if it cannot be read.

    A password prompt becomes `Encrypted`; anything pdfminer or pdfplumber raise
    on a damaged file becomes `DocumentLoadError`; a crash in our own code stays
    a bug and propagates. With `processes` > 1 a long document's pages are read
    in that many processes (`extract.pdf.forked`); the blocks are the same.
    """
    data = path.read_bytes()
    # pdfminer logs a warning per damaged object it skips; the document's outcome
    # (tables, or one error line) is what the user needs, not hundreds of lines.
    logging.getLogger("pdfminer").setLevel(logging.ERROR)
    tally = _Tally()
    try:
        # Parsed from memory, not the file: a forked helper shares the file's
        # read offset, not a copy of the bytes.
        with (
            _quiet_pdfminer(),
            pdfplumber.open(io.BytesIO(data)) as pdf,
            contextlib.closing(_pages(pdf, tally, processes)) as pages,
        ):
            blocks, pending = _reading_order(pages, tally.notes)
    except Exception as exc:
        if _caused_by(exc, PDFPasswordIncorrect):
            raise Encrypted("the PDF needs a password to open") from exc
        if raised_inside(exc, (pdfminer, pdfplumber)):
            raise DocumentLoadError(f"a damaged PDF ({one_line(exc)})") from exc
        raise
    if not tally.pages:  # other readers may still find pages: repair, not OCR
        raise DocumentLoadError(
            "no pages found (a damaged page tree); re-save or repair the PDF"
        )
    if tally.undecoded > tally.visible:
        raise NoTextMapping(
            f"{tally.undecoded} of {tally.undecoded + tally.visible} characters are "
            "in fonts without a text mapping (re-distilled?); OCR the PDF first"
        )
    if not tally.visible:
        raise NoTextLayer("the PDF has no text layer (a scan?); OCR it first")
    blocks = _mark_headings(blocks)
    blocks = _resolve_word_breaks(blocks, pending, tally.spaces)
    return ExtractedDocument(
        source=path,
        format="pdf",
        sha256=hashlib.sha256(data).hexdigest(),
        blocks=blocks,
        pages=tally.pages,
        notes=tally.notes,
    )


# A page's block, by its position: its top, the block, and what its first and
# last parts print in the page's margins (`furniture`): a paragraph's own text,
# a table's first and last rows.
PageItem = tuple[float, Paragraph | PageTable, tuple[str | None, str | None]]
# Per page: visible characters, whether spaces are printed, blocks by position,
# and whether the page's last paragraph runs on past the page end (the last of
# all, and the last outside its margins: running footers may follow it).
PageContent = tuple[int, bool, list[PageItem], tuple[bool, bool]]


@dataclass(slots=True)
class _Tally:
    """What the page stream saw, for the document-level decisions after it."""

    pages: int = 0
    visible: int = 0
    spaces: bool = False
    undecoded: int = 0  # characters no font mapping could read
    notes: list[ReaderNote] = field(default_factory=list)
    unruled: UnruledFinder = field(default_factory=UnruledFinder)


def _pages(
    pdf: pdfplumber.PDF, tally: _Tally, processes: int = 1
) -> Iterator[PageContent]:
    """Each page read in turn and closed, so only one page's characters and
    geometry are held at a time (memory stays flat in the page count).

    Split over processes, the first part is read here while forked helpers read
    the others; their pages are taken in order after it (`_taken`)."""
    pages = pdf.pages
    first, *others = _parts(len(pages), processes)
    helpers: list[forked.ForkedRun[_PageRecord]] = []
    try:
        for part in others:
            work = partial(_page_record, pages, _Tally())
            helpers.append(forked.ForkedRun(work, part))
        breaks = False
        for index in first:
            content = _counted(tally, _read_page(pages[index], index + 1, tally))
            breaks = breaks or _has_break(content)
            yield content
        if helpers and breaks:  # needed at the end; loaded while the helpers read
            load_english()
        for helper in helpers:
            yield from _taken(helper, pages, tally)
    finally:
        for helper in helpers:
            helper.stop()


def _parts(count: int, processes: int) -> list[Sequence[int]]:
    """The page indexes each process reads, in contiguous runs: the first (read
    by the caller) `CALLER_SHARE` of the others' length."""
    parts = min(processes, MAX_PAGE_PROCESSES, count // MIN_PAGES_PER_PROCESS)
    if parts < 2 or not forked.available():
        return [range(count)]
    share = count / (CALLER_SHARE + parts - 1)
    bounds = [0, *(round((CALLER_SHARE + i) * share) for i in range(parts - 1)), count]
    return [range(lo, hi) for lo, hi in itertools.pairwise(bounds)]


def _has_break(content: PageContent) -> bool:
    """Whether a page's text holds a word break to settle."""
    for _, item, _ in content[2]:
        if isinstance(item, Paragraph):
            if WORD_BREAK in item.text:
                return True
        elif any(WORD_BREAK in c.text for row in item.table.rows for c in row.cells):
            return True
    return False


def _counted(tally: _Tally, content: PageContent) -> PageContent:
    tally.pages += 1
    tally.visible += content[0]
    tally.spaces = tally.spaces or content[1]
    return content


@dataclass(frozen=True, slots=True)
class _PageRecord:
    """One page as a helper read it: its content, what it adds to the tally, and
    the unruled finder's state after it (what the next page is read with)."""

    content: PageContent
    undecoded: int
    notes: list[ReaderNote]
    unruled: UnruledFinder


def _page_record(
    pages: list[pdfplumber.page.Page], tally: _Tally, index: int
) -> _PageRecord:
    """A helper's reading of page `index`, `tally` being the helper's own."""
    notes, undecoded = len(tally.notes), tally.undecoded
    content = _read_page(pages[index], index + 1, tally)
    added = tally.notes[notes:]
    return _PageRecord(content, tally.undecoded - undecoded, added, tally.unruled)


def _taken(
    helper: forked.ForkedRun[_PageRecord],
    pages: list[pdfplumber.page.Page],
    tally: _Tally,
) -> Iterator[PageContent]:
    """A helper's pages in order, as if read here.

    A helper starts with a fresh unruled finder; where the pages before handed
    on a table's columns (an unruled table running across the split), its pages
    are read here again until the finder's state agrees with the helper's. Pages
    it did not deliver (it failed or died) are read here too."""
    synced = tally.unruled == UnruledFinder()
    done = 0
    for record in helper.results():
        index = helper.indexes[done]
        done += 1
        if synced:
            tally.undecoded += record.undecoded
            tally.notes += record.notes
            tally.unruled = record.unruled
            yield _counted(tally, record.content)
            continue
        yield _counted(tally, _read_page(pages[index], index + 1, tally))
        synced = tally.unruled == record.unruled
    helper.stop()
    for index in helper.indexes[done:]:
        yield _counted(tally, _read_page(pages[index], index + 1, tally))


@contextlib.contextmanager
def _quiet_pdfminer() -> Iterator[None]:
    """pdfminer's debug messages (some 800,000 calls on a 70-page plan, each
    filtered out by the logging module) skipped at the call: each of its loggers
    that would drop them gets a `debug` that does nothing, until the block ends."""
    manager = logging.Logger.manager
    quiet = [
        logger
        for name, logger in list(manager.loggerDict.items())
        if name.startswith("pdfminer")
        and isinstance(logger, logging.Logger)
        and not logger.isEnabledFor(logging.DEBUG)
        and "debug" not in vars(logger)
    ]
    for logger in quiet:
        logger.debug = "".format  # type: ignore[method-assign]  # a C call, no work
    try:
        yield
    finally:
        for logger in quiet:
            del logger.debug


def _read_page(page: pdfplumber.page.Page, number: int, tally: _Tally) -> PageContent:
    found = page_tables(page, number, tally.notes, tally.unruled)
    tally.undecoded += found.undecoded
    if found.undecoded:
        tally.notes.append(
            ReaderNote(
                "undecodable_text",
                f"{found.undecoded} characters in a font without a text mapping "
                "were left out",
                number,
            )
        )
    if not found.visible:
        page.close()
        return 0, False, [], (False, False)
    tables, spaces = found.tables, found.spaces
    boxes = [t.bbox for t in tables]
    outside = _outside(found.chars, boxes)
    height = float(page.height)
    items: list[PageItem] = [(t.bbox[1], t, edge_signatures(t, height)) for t in tables]
    paragraphs, runs_on = _paragraphs(outside, number, height, spaces, boxes)
    items += paragraphs
    items.sort(key=lambda item: item[0])
    page.close()
    return found.visible, spaces, items, runs_on


def _outside(chars: list[Char], boxes: list[BBox]) -> list[Char]:
    """The characters whose centre lies in none of the boxes (`in_table`, in
    one loop: a page has thousands of characters)."""
    if not boxes:
        return chars
    out = []
    for char in chars:
        cx = (char["x0"] + char["x1"]) / 2
        cy = (char["top"] + char["bottom"]) / 2
        for x0, top, x1, bottom in boxes:
            if x0 <= cx <= x1 and top <= cy <= bottom:
                break
        else:
            out.append(char)
    return out


def _paragraphs(
    chars: list[Char],
    page_no: int,
    height: float,
    spaces: bool,
    tables: list[BBox],
) -> tuple[list[PageItem], tuple[bool, bool]]:
    """Lines outside tables grouped into paragraphs, page numbers left out, each
    in the page's margin with what it prints there; and whether the last one,
    and the last outside the margins, run on (`_runs_on`). The text measure is
    taken from lines in neither margin band nor beside one of the page's
    `tables` (a column cut off at the page's edge)."""
    lines = [ln for ln in group_lines(chars) if ln.text.strip()]
    lines = [ln for ln in lines if not is_page_number(ln, height)]
    inside = [
        ln
        for ln in lines
        if not in_margin(ln, height)
        and not any(box[1] <= (ln.top + ln.bottom) / 2 <= box[3] for box in tables)
    ]
    margin = max((ln.x1 for ln in inside or lines), default=0.0)
    groups: list[list[Line]] = []
    for line in lines:
        prev = groups[-1][-1] if groups else None
        if prev is None or _starts_paragraph(prev, line, margin, spaces):
            groups.append([line])
        else:
            groups[-1].append(line)
    out: list[PageItem] = []
    body: Line | None = None  # the last line outside the margins
    for group in groups:
        size = max(ln.size for ln in group)
        text = join_lines(group, margin, spaces)
        paragraph = Paragraph(
            text=text, size=size, bold=all(ln.bold for ln in group), page=page_no
        )
        signature = margin_signature(group, height)
        out.append((group[0].top, paragraph, (signature, signature)))
        body = body if signature else group[-1]
    last = groups[-1][-1] if groups else None
    return out, (_runs_on(last, margin), _runs_on(body, margin))


def _runs_on(last: Line | None, margin: float) -> bool:
    """A paragraph's last line is full and ends mid-sentence: it goes on past
    the page end."""
    return last is not None and (
        last.x1 >= margin - 2 * space_width([last])
        and not last.text.rstrip().endswith((".", ":", ";", "?", "!"))
    )


def _starts_paragraph(prev: Line, line: Line, margin: float, spaces: bool) -> bool:
    """A new paragraph: a gap, a change of face or size, or a line that ended
    short of the margin although the next word would have fitted."""
    pitch = line.top - prev.top
    larger = max(prev.size, line.size)
    if pitch > SETTINGS.paragraph_gap * larger or prev.bold != line.bold:
        return True
    if abs(prev.size - line.size) > SETTINGS.size_change * larger:
        return True
    return separator(prev, line, margin, spaces, space_width([prev])) == "\n"


def _reading_order(
    pages: Iterable[PageContent], notes: list[ReaderNote]
) -> tuple[list[Block], list[PendingJoin]]:
    """Blocks of all pages in order, with rows cut by a page break marked; text
    between a table and the part of it the next page continues is moved after
    that part, and noted."""
    blocks: list[Block] = []
    pending: list[PendingJoin] = []
    previous: PageTable | None = None
    runs_on = False
    spaces = False  # whether the page above printed spaces (for its line ends)
    keys: frozenset[int] = frozenset()  # the grouping columns of the table above
    pages = list(pages)
    furniture = running(
        [{sig for _, _, edges in page[2] for sig in edges if sig} for page in pages]
    )
    kept = [_without_furniture(page[2], furniture) for page in pages]
    body = _running_size(item for items in kept for _, item, _ in items) or 0.0
    held = 0  # the blocks after `previous`'s table, text that did not end it
    for (_, page_spaces, all_items, page_runs_on), items in zip(
        pages, kept, strict=True
    ):
        last: Block | PageTable | None = None  # the page's last item
        table: tuple[int, PageTable] | None = None  # its last table, as placed
        for index, (_, item, _) in enumerate(items):
            last = item
            if isinstance(item, Paragraph):
                prev = blocks[-1] if blocks else None
                if (
                    index == 0
                    and runs_on
                    and isinstance(prev, Paragraph)
                    and _same_style(prev, item)
                ):
                    blocks[-1] = replace(prev, text=f"{prev.text} {item.text}")
                else:
                    blocks.append(item)
                continue
            at = len(blocks)
            if index == 0 and previous is not None:
                item = placed_on_grid(item, previous.table.col_edges)
                joins, decision = mark_continuation(previous, item, spaces, keys)
                pending += joins
                if held and _continues(item.table, previous.table, decision):
                    at -= held  # the text that did not end it goes after it
                    notes.append(_outside_cells(previous.table.page))
            keys = key_columns(item.table) or keys
            blocks.insert(at, item.table)
            table = (index, item)  # the next page continues the table placed
        previous = _goes_on(items, table, body)
        held = _blocks_after(blocks, previous.table) if previous else 0
        footed = bool(items) and items[-1][1] is not all_items[-1][1]  # furniture after
        runs_on = isinstance(last, Paragraph) and page_runs_on[footed]
        spaces = page_spaces
    return blocks, pending


def _continues(lower: Table, upper: Table, decision: JoinDecision | None) -> bool:
    """Whether a page's first table, placed on the grid of the table before,
    goes on with it past text between them: it has no header of its own,
    prints the one above again, or the page break cut a row or merged cell."""
    if lower.n_cols != upper.n_cols:
        return False
    cut = decision is not None and (decision.joined or bool(decision.tails))
    repeated = any(row.repeats_as_header for row in lower.rows)
    return cut or repeated or key_columns(lower) is None


def _outside_cells(page: int | None) -> ReaderNote:
    return ReaderNote(
        "text_outside_cells",
        "text beside or under a table that goes on over the page, in none of its "
        "cells, was read after it (a column cut off at the page's edge, a "
        "footnote, or text set outside its cell): check that table's last rows",
        page,
    )


def _blocks_after(blocks: list[Block], table: Table) -> int:
    """How many blocks follow `table` (itself, not an equal one)."""
    at = next(i for i in range(len(blocks) - 1, -1, -1) if blocks[i] is table)
    return len(blocks) - at - 1


def _goes_on(
    items: list[PageItem], table: tuple[int, PageTable] | None, body: float
) -> PageTable | None:
    """The page's last table, if the next page's table may continue it: no
    text after it on the page but beside it (a column cut off at the page's
    edge) or under it in no heading's face (a footnote, text a producer set
    outside its cell). A line that may be a heading (bold, set well above the
    running text's size `body`, or opening a finding) starts something else."""
    if table is None:
        return None
    index, found = table
    for top, item, _ in items[index + 1 :]:
        if not isinstance(item, Paragraph):
            return None
        if top + (item.size or 0.0) <= found.bbox[3]:
            continue  # its first line beside the table
        if item.bold:
            return None
        if _heading_sized(item, body) or FINDING.match(fold(item.text)):
            return None
    return found


def _without_furniture(items: list[PageItem], furniture: set[str]) -> list[PageItem]:
    """A page's blocks without its running headers and footers: paragraphs, and
    a table's first or last row, that print what stands in the same margin band
    of another page."""
    out: list[PageItem] = []
    for top, item, (first, last) in items:
        if isinstance(item, Paragraph):
            if first not in furniture:
                out.append((top, item, (first, last)))
            continue
        head, foot = first in furniture, last in furniture
        if (head or foot) and len(item.bands) > head + foot:
            item = without_edge_rows(item, head, foot)
        out.append((top, item, (first, last)))
    return out


def _mark_headings(blocks: list[Block]) -> list[Block]:
    """Paragraphs set well above the document's running-text size are headings.

    The running size is measured over all text outside tables, weighted by length,
    so a page of small table text or a large title page does not skew it.
    """
    body = _running_size(blocks)
    if body is None:
        return blocks
    return [
        replace(block, heading_level=1)
        if isinstance(block, Paragraph) and _heading_sized(block, body)
        else block
        for block in blocks
    ]


def _running_size(blocks: Iterable[object]) -> float | None:
    """The size most of the text outside tables is set in, by length."""
    sizes: Counter[float] = Counter()
    for block in blocks:
        if isinstance(block, Paragraph) and block.size:
            sizes[round(block.size, 1)] += len(block.text)
    return sizes.most_common(1)[0][0] if sizes else None


def _heading_sized(block: Paragraph, body: float) -> bool:
    return (block.size or 0.0) >= SETTINGS.heading_ratio * body


def _same_style(upper: Paragraph, lower: Paragraph) -> bool:
    """Whether a paragraph at a page top can continue one from the page before:
    the same face and size (a heading at a page foot does not run on into the
    next page's first paragraph)."""
    sizes = (upper.size or 0.0, lower.size or 0.0)
    same_size = abs(sizes[0] - sizes[1]) <= SETTINGS.size_change * max(sizes)
    return (
        upper.bold == lower.bold
        and upper.heading_level == lower.heading_level
        and same_size
    )


def _resolve_word_breaks(
    blocks: list[Block], pending: list[PendingJoin], spaces: bool
) -> list[Block]:
    """Settle every ambiguous word break, inside cells and across page breaks,
    against the whole document's vocabulary. A page's part of a cell is judged
    with the first word of its part on the next page after it, so a word broken
    again at the page foot ("GP" / "safeguardin" / "g") is judged whole."""
    texts: list[str] = []
    where: dict[tuple[int, int], int] = {}  # (row, cell index) -> its text
    for block in blocks:
        if isinstance(block, Paragraph):
            texts.append(block.text)
            continue
        for row in block.rows:
            for index, cell in enumerate(row.cells):
                where[id(row), index] = len(texts)
                texts.append(cell.text)
    count = len(texts)
    seams: list[tuple[int, str]] = []  # the text each seam is judged in, its tail
    for join in pending:
        tail = _edge_word(join.row.cells[join.index].text, last=False)
        at = where.pop((id(join.upper[0]), join.upper[1]), None) if join.upper else None
        if at is None:  # the part above is in no block: judged on its own
            at = len(texts)
            texts.append(_edge_word(join.head, last=True))
        texts[at] += f"{WORD_BREAK}{tail}"
        seams.append((at, tail))
    settled = resolve_breaks(texts, spaces)
    for join, (at, tail) in zip(pending, seams, strict=True):
        text = settled[at][: len(settled[at]) - len(tail)]
        joiner = " " if text.endswith(" ") else ""
        settled[at] = text.removesuffix(" ")
        row = join.row
        row.cells[join.index] = replace(row.cells[join.index], joiner=joiner)
    resolved = iter(settled[:count])
    out: list[Block] = []
    for block in blocks:
        if isinstance(block, Paragraph):
            out.append(replace(block, text=next(resolved)))
            continue
        for row in block.rows:
            row.cells = [replace(cell, text=next(resolved)) for cell in row.cells]
        out.append(block)
    return out


def _caused_by(exc: BaseException, kind: type[BaseException]) -> bool:
    """Whether `kind` is anywhere in the chain of causes of `exc`, including the
    exceptions that pdfplumber wraps in its own (as their first argument)."""
    seen: BaseException | None = exc
    while seen is not None:
        if isinstance(seen, kind) or any(isinstance(a, kind) for a in seen.args):
            return True
        seen = seen.__cause__ or seen.__context__
    return False


def _edge_word(text: str, last: bool) -> str:
    """The word at the end (or start) of a text, where a page break may cut it."""
    words = re.findall(r"[\w/]+", text.replace(WORD_BREAK, " "))
    return (words[-1] if last else words[0]) if words else ""

"""Word reader: a .docx file's paragraphs and tables, in document order, with the
text Word shows in its final view.

Before any parser sees a file, its package is checked (`guards.py`: size limits,
and no DOCTYPE in the parts parsed as XML). The package is then opened with
zipfile and lxml (`package.py`), not python-docx, which parses every part into its
own slower element classes (issue 16); only the main part, its styles and
numbering, and the chunks it imports are read, a Strict OOXML part renamed to
Transitional in memory (`strict.py`), and a relationship's external target (a
linked image or template) is never fetched. The body is then walked as plain lxml
elements: paragraphs (`text.py`), tables
(`tables.py`), and what Word lays them out in: content controls and custom XML at
block level, a one-column frame table holding the plan's tables, and imported
HTML chunks (`altchunks.py`).
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterator
from pathlib import Path

from lxml import etree

from extract.docx.altchunks import ChunkLine, chunk_reader
from extract.docx.guards import check_package
from extract.docx.numbering import Numbering
from extract.docx.package import WordParts, open_word
from extract.docx.styles import StyleSheet
from extract.docx.tables import is_layout_frame, read_table, row_cells, table_rows
from extract.docx.text import ParagraphText, Story, chosen_branch, run_on, sdt_content
from extract.docx.xml import MC, W
from schemas.blocks import Block, ExtractedDocument, Paragraph
from schemas.errors import DocumentLoadError, one_line, raised_inside

__all__ = ["check_package", "read_docx", "read_docx_blocks"]


def read_docx(path: Path) -> ExtractedDocument:
    """Read a Word document into blocks; raise DocumentLoadError if it cannot open."""
    data = path.read_bytes()
    return ExtractedDocument(
        source=path,
        format="docx",
        sha256=hashlib.sha256(data).hexdigest(),
        blocks=read_docx_blocks(data),
    )


def read_docx_blocks(data: bytes) -> list[Block]:
    """The blocks of a .docx package given as bytes."""
    check_package(data)
    try:
        with open_word(data) as parts:
            return list(_Body(parts).blocks(parts.body))
    except DocumentLoadError:
        raise
    except Exception as exc:
        if raised_inside(exc, (etree,)):  # a part it cannot make sense of
            raise DocumentLoadError(
                f"a malformed Word document ({one_line(exc)})"
            ) from exc
        raise


class _Body:
    """The document's body walked in order, sharing one story (list counters)."""

    def __init__(self, parts: WordParts) -> None:
        styles = StyleSheet(parts.styles)
        self.story = Story(styles, Numbering(parts.numbering, styles))
        self._chunks = chunk_reader(parts.related)

    def blocks(self, container: etree._Element) -> Iterator[Block]:
        for child in run_on(container, self.story):
            if isinstance(child, ParagraphText):
                block = self._paragraph(child)
                if block is not None:
                    yield block
                continue
            tag = child.tag
            if tag == W.tbl:
                yield from self._table(child)
            elif tag == W.sdt:
                content = sdt_content(child)
                if content is not None:
                    yield from self.blocks(content)
            elif tag == W.customXml:
                yield from self.blocks(child)
            elif tag == W.altChunk:
                for text, level in self._chunks(child):
                    yield Paragraph(text=text, heading_level=level)
            elif tag == MC.AlternateContent:
                branch = chosen_branch(child)
                if branch is not None:
                    yield from self.blocks(branch)

    def _paragraph(self, shown: ParagraphText) -> Paragraph | None:
        text = shown.text.strip()
        if not text:
            return None
        name = shown.style.name.lower()
        level: int | None = None
        if name.startswith("heading"):
            digits = "".join(ch for ch in name if ch.isdigit())
            level = int(digits) if digits else 1
        elif name == "title":
            level = 0
        return Paragraph(text=text, heading_level=level, bold=shown.bold)

    def _table(self, tbl: etree._Element) -> Iterator[Block]:
        if is_layout_frame(tbl):
            for tr in table_rows(tbl):
                for tc in row_cells(tr):
                    yield from self.blocks(tc)
            return
        self.story.close_fields()
        yield read_table(tbl, self.story, self._chunk_text)

    def _chunk_text(self, alt_chunk: etree._Element) -> list[str]:
        lines: list[ChunkLine] = self._chunks(alt_chunk)
        return [text for text, _ in lines]

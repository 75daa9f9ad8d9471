"""Word reader: a .docx file's paragraphs and tables, in document order, with the
text Word shows in its final view.

Before python-docx sees a file, its package is checked (`guards.py`: size limits,
and no DOCTYPE in the parts parsed as XML); a Strict OOXML package is renamed to
Transitional in memory (`strict.py`). python-docx opens the package and never
fetches a relationship's external target (a linked image or template): it only
records it. The body is then walked as XML: paragraphs (`text.py`), tables
(`tables.py`), and what Word lays them out in: content controls and custom XML at
block level, a one-column frame table holding the plan's tables, and imported
HTML chunks (`altchunks.py`).
"""

from __future__ import annotations

import hashlib
import io
import zipfile
from collections.abc import Iterator
from pathlib import Path

import docx
from docx.document import Document as DocxDocument
from lxml import etree

from extract.docx.altchunks import ChunkLine, chunk_reader
from extract.docx.guards import check_package
from extract.docx.numbering import Numbering
from extract.docx.strict import as_transitional, is_strict
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
        with zipfile.ZipFile(io.BytesIO(data)) as package:
            strict = is_strict(package)
        document = docx.Document(io.BytesIO(as_transitional(data) if strict else data))
    except Exception as exc:  # zipfile, lxml and python-docx raise many kinds
        raise DocumentLoadError(
            f"not a readable Word document ({one_line(exc)})"
        ) from exc
    try:
        return list(_Body(document).blocks(document.element.body))
    except Exception as exc:
        if raised_inside(exc, (docx, etree)):  # a part it cannot make sense of
            raise DocumentLoadError(
                f"a malformed Word document ({one_line(exc)})"
            ) from exc
        raise


class _Body:
    """The document's body walked in order, sharing one story (list counters)."""

    def __init__(self, document: DocxDocument) -> None:
        styles = StyleSheet(document.styles.element)
        part = document.part
        numbering = part.numbering_part.element if _has_numbering(document) else None
        self.story = Story(styles, Numbering(numbering, styles))
        self._chunks = chunk_reader(lambda rid: _related(document, rid))

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


def _has_numbering(document: DocxDocument) -> bool:
    from docx.opc.constants import RELATIONSHIP_TYPE as RT

    return any(rel.reltype == RT.NUMBERING for rel in document.part.rels.values())


def _related(document: DocxDocument, rid: str) -> tuple[str, bytes] | None:
    rel = document.part.rels.get(rid)
    if rel is None or rel.is_external:
        return None
    part = rel.target_part
    return part.content_type, part.blob

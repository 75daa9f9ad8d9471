"""Imported chunks (`w:altChunk`): content Word merges into the document as it
opens it, kept in the package in another format. HTML and plain-text chunks are
read, a block element (paragraph, heading, list item, table cell) per line; a chunk
of another kind (RTF, a whole Word document) is not read (the document then gets
lower coverage, never a wrong text)."""

from __future__ import annotations

from collections.abc import Callable
from functools import cache

from lxml import etree

from extract.docx.xml import R

_BLOCKS = frozenset(
    (
        "p",
        "h1",
        "h2",
        "h3",
        "h4",
        "h5",
        "h6",
        "li",
        "td",
        "th",
        "div",
        "pre",
        "blockquote",
    )
)
# A chunk line: its text and, for an HTML heading, its level.
ChunkLine = tuple[str, int | None]


def chunk_reader(
    related: Callable[[str], tuple[str, bytes] | None],
) -> Callable[[etree._Element], list[ChunkLine]]:
    """A function giving an `w:altChunk`'s lines; `related(rId)` gives the
    chunk part's content type and bytes (None when there is no such part)."""

    def read(alt_chunk: etree._Element) -> list[ChunkLine]:
        part = related(alt_chunk.get(R.id) or "")
        if part is None:
            return []
        content_type, data = part
        if "html" in content_type:
            return _html_lines(data)
        if content_type.startswith("text/plain"):
            text = data.decode("utf-8", errors="replace")
            return [(line.strip(), None) for line in text.splitlines() if line.strip()]
        return []

    return read


def _html_lines(data: bytes) -> list[ChunkLine]:
    if not data.strip():
        return []
    from lxml import html  # loaded by a document with an HTML chunk only

    root = html.document_fromstring(data, parser=_html_parser())
    lines: list[ChunkLine] = []
    for element in root.iter():
        tag = element.tag if isinstance(element.tag, str) else ""
        if tag.lower() not in _BLOCKS or any(
            isinstance(child.tag, str) and child.tag.lower() in _BLOCKS
            for child in element.iterdescendants()
        ):
            continue
        text = " ".join(element.text_content().split())
        if text:
            level = (
                int(tag[1])
                if tag.lower() in ("h1", "h2", "h3", "h4", "h5", "h6")
                else None
            )
            lines.append((text, level))
    return lines


@cache
def _html_parser() -> etree.HTMLParser:
    """The HTML parser, made once: it never loads a DTD or expands declared
    entities. Made (and lxml.html loaded) only when a chunk is HTML, since
    most documents have none and each Word worker would pay about 6 ms."""
    from lxml import html

    return html.HTMLParser(no_network=True, remove_comments=True, remove_pis=True)

"""Readers: PDF and Word files to blocks (paragraphs and tables) in reading order.

`read_document` picks the reader by what the file is, so a wrong extension gets a
clear error instead of a parser traceback.
"""

from __future__ import annotations

from pathlib import Path

from extract.errors import DocumentLoadError, UnsupportedFormat
from extract.types import ExtractedDocument

SUFFIXES = (".pdf", ".docx")


def read_document(path: Path) -> ExtractedDocument:
    """Read one file with the reader its suffix names, after checking its bytes."""
    if not path.is_file():
        raise DocumentLoadError("no such file")
    suffix = path.suffix.lower()
    if suffix not in SUFFIXES:
        raise UnsupportedFormat(
            f"unsupported file type {suffix or '(none)'!r}; expected .pdf or .docx"
        )
    with path.open("rb") as handle:
        magic = handle.read(1024)
    if not magic:
        raise DocumentLoadError("empty file (0 bytes)")
    if suffix == ".pdf":
        if b"%PDF-" not in magic:
            raise DocumentLoadError("not a PDF (no %PDF header)")
        from extract.pdf_reader import read_pdf

        return read_pdf(path)
    if not magic.startswith(b"PK"):
        raise DocumentLoadError("not a Word .docx file (not a zip package)")
    from extract.docx_reader import read_docx

    return read_docx(path)

"""Reading one file: PDF and Word files to blocks in reading order.

`read_document` picks the reader by what the file's bytes are, not by its name, so
a PDF saved as `.docx` is still read and a file that is neither gets a clear error
instead of a parser traceback.
"""

from __future__ import annotations

import contextlib
import re
from pathlib import Path

from schemas.blocks import ExtractedDocument
from schemas.errors import (
    DocumentLoadError,
    Encrypted,
    UnsupportedFormat,
)

SUFFIXES = (".pdf", ".docx")

# How far into a file the PDF header may start (PDF readers allow some junk).
MAGIC_BYTES = 1024
_ZIP = (b"PK\x03\x04", b"PK\x05\x06")
# An OLE compound file: an old binary .doc, or a password-protected Word file,
# which Office stores as an encrypted package inside an OLE container.
_OLE = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
_ENCRYPTED_PACKAGE = "EncryptedPackage".encode("utf-16-le")
# A PDF object header ("1 0 obj"): evidence of a PDF whose "%PDF-" line is lost.
_PDF_OBJECT = re.compile(rb"\d+\s+\d+\s+obj\b")


def read_document(path: Path) -> ExtractedDocument:
    """Read one `.pdf` or `.docx` file with the reader its bytes call for."""
    if not path.is_file():
        raise DocumentLoadError("no such file")
    suffix = path.suffix.lower()
    if suffix not in SUFFIXES:
        raise UnsupportedFormat(
            f"unsupported file type {suffix or '(none)'!r}; expected .pdf or .docx"
        )
    with path.open("rb") as handle:
        magic = handle.read(MAGIC_BYTES)
    if not magic:
        raise DocumentLoadError("empty file (0 bytes)")
    if b"%PDF-" in magic:
        from extract.pdf.reader import read_pdf

        return read_pdf(path)
    if magic.startswith(_ZIP):
        from extract.docx.reader import read_docx

        return read_docx(path)
    if magic.startswith(_OLE):
        if _ENCRYPTED_PACKAGE in path.read_bytes():
            raise Encrypted("the Word file is password-protected; save it unprotected")
        raise DocumentLoadError("an old binary Word .doc file; save it as .docx")
    if _PDF_OBJECT.search(magic):  # no header, but PDF objects: a PDF reader tries
        from extract.pdf.reader import read_pdf

        with contextlib.suppress(DocumentLoadError):
            return read_pdf(path)
    raise DocumentLoadError("neither a PDF nor a Word .docx file (unknown content)")

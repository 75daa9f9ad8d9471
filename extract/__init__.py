"""Readers: PDF and Word files to blocks (paragraphs and tables) in reading order.

`read_document` picks the reader by what the file's bytes are, not by its name, so
a PDF saved as `.docx` is still read and a file that is neither gets a clear error
instead of a parser traceback.
"""

from __future__ import annotations

import logging
from pathlib import Path

from extract.errors import (
    DocumentLoadError,
    Encrypted,
    ExtractError,
    UnsupportedFormat,
    one_line,
    raised_inside,
)
from extract.types import ExtractedDocument

SUFFIXES = (".pdf", ".docx")

# How far into a file the PDF header may start (PDF readers allow some junk).
MAGIC_BYTES = 1024
_ZIP = (b"PK\x03\x04", b"PK\x05\x06")
# An OLE compound file: an old binary .doc, or a password-protected Word file,
# which Office stores as an encrypted package inside an OLE container.
_OLE = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
_ENCRYPTED_PACKAGE = "EncryptedPackage".encode("utf-16-le")


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
        return _read_pdf(path)
    if magic.startswith(_ZIP):
        from extract.docx_reader import read_docx

        return read_docx(path)
    if magic.startswith(_OLE):
        if _ENCRYPTED_PACKAGE in path.read_bytes():
            raise Encrypted("the Word file is password-protected; save it unprotected")
        raise DocumentLoadError("an old binary Word .doc file; save it as .docx")
    raise DocumentLoadError("neither a PDF nor a Word .docx file (unknown content)")


def _read_pdf(path: Path) -> ExtractedDocument:
    """`read_pdf`, with a password prompt and a parser crash on a damaged file
    turned into one-line errors (a crash in our own code stays a bug)."""
    import pdfminer
    import pdfplumber
    from pdfminer.pdfdocument import PDFPasswordIncorrect

    from extract.pdf_reader import read_pdf

    # pdfminer logs a warning per damaged object it skips; the document's outcome
    # (tables, or one error line) is what the user needs, not hundreds of lines.
    logging.getLogger("pdfminer").setLevel(logging.ERROR)
    try:
        return read_pdf(path)
    except ExtractError as exc:
        if _caused_by(exc, PDFPasswordIncorrect):
            raise Encrypted("the PDF needs a password to open") from exc
        raise
    except Exception as exc:
        if raised_inside(exc, (pdfminer, pdfplumber)):
            raise DocumentLoadError(f"a damaged PDF ({one_line(exc)})") from exc
        raise


def _caused_by(exc: BaseException, kind: type[BaseException]) -> bool:
    """Whether `kind` is anywhere in the chain of causes of `exc`, including the
    exceptions that pdfplumber wraps in its own (as their first argument)."""
    seen: BaseException | None = exc
    while seen is not None:
        if isinstance(seen, kind) or any(isinstance(a, kind) for a in seen.args):
            return True
        seen = seen.__cause__ or seen.__context__
    return False

"""Reading one file: PDF, Word, other office files and spreadsheets to blocks in
reading order.

`read_document` picks the reader by what the file's bytes are, not by its name, so
a PDF saved as `.docx` is still read and a file that is neither gets a clear error
instead of a parser traceback. `.doc`, `.rtf` and `.odt` are read through
LibreOffice (`extract.convert`), spreadsheets by `extract.sheet`.
"""

from __future__ import annotations

import contextlib
import re
import zipfile
import zlib
from pathlib import Path

from schemas.blocks import ExtractedDocument
from schemas.errors import (
    DocumentLoadError,
    Encrypted,
    UnsupportedFormat,
)

# The file types read, the one list of them (folders are searched for these).
SUFFIXES = (".pdf", ".docx", ".doc", ".rtf", ".odt", ".xlsx", ".xlsm", ".ods")

# How far into a file the PDF header may start (PDF readers allow some junk).
MAGIC_BYTES = 1024
_ZIP = (b"PK\x03\x04", b"PK\x05\x06")
# An OLE compound file: an old binary .doc, or a password-protected Word file,
# which Office stores as an encrypted package inside an OLE container.
_OLE = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
_ENCRYPTED_PACKAGE = "EncryptedPackage".encode("utf-16-le")
# The stream an OLE file holds when it is a Word 97-2003 document.
_WORD_STREAM = "WordDocument".encode("utf-16-le")
_RTF = b"{\\rtf"
# What a zip package is, by the type it declares (ODF `mimetype`, OOXML main part).
_ODF_TYPES = {
    b"application/vnd.oasis.opendocument.text": "odt",
    b"application/vnd.oasis.opendocument.spreadsheet": "ods",
}
_OOXML_TYPES = {
    b"spreadsheetml.sheet.main+xml": "xlsx",
    b"sheet.macroEnabled.main+xml": "xlsm",  # not Word's document.macroEnabled
}
_DECLARATION_BYTES = 1 << 20  # a content-type list is a few KB
# A PDF object header ("1 0 obj"): evidence of a PDF whose "%PDF-" line is lost.
_PDF_OBJECT = re.compile(rb"\d+\s+\d+\s+obj\b")


def read_document(path: Path, processes: int = 1) -> ExtractedDocument:
    """Read one plan file with the reader its bytes call for; a long PDF's pages
    in up to `processes` processes (the cores the caller may use)."""
    if not path.is_file():
        raise DocumentLoadError("no such file")
    suffix = path.suffix.lower()
    if suffix not in SUFFIXES:
        raise UnsupportedFormat(
            f"unsupported file type {suffix or '(none)'!r}; expected one of "
            + ", ".join(SUFFIXES)
        )
    with path.open("rb") as handle:
        magic = handle.read(MAGIC_BYTES)
    if not magic:
        raise DocumentLoadError("empty file (0 bytes)")
    if b"%PDF-" in magic:
        from extract.pdf.reader import read_pdf

        return read_pdf(path, processes)
    if magic.startswith(_ZIP):
        return _read_package(path)
    if magic.startswith(_OLE):
        data = path.read_bytes()
        if _ENCRYPTED_PACKAGE in data:
            raise Encrypted("the Word file is password-protected; save it unprotected")
        if _WORD_STREAM not in data:
            raise DocumentLoadError(
                "an old binary Office file holding no Word document; save it as .docx"
            )
        from extract.convert import read_converted

        return read_converted(path, "doc")
    if magic.lstrip().startswith(_RTF):
        from extract.convert import read_converted

        return read_converted(path, "rtf")
    if _PDF_OBJECT.search(magic):  # no header, but PDF objects: a PDF reader tries
        from extract.pdf.reader import read_pdf

        with contextlib.suppress(DocumentLoadError):
            return read_pdf(path, processes)
    raise DocumentLoadError("neither a PDF nor a Word .docx file (unknown content)")


def _read_package(path: Path) -> ExtractedDocument:
    """A zip package, read by the reader of the type it declares."""
    kind = package_kind(path)
    if kind in ("xlsx", "xlsm", "ods"):
        from extract.sheet.reader import read_sheet

        return read_sheet(path, kind)
    if kind == "odt":
        from extract.convert import read_converted

        return read_converted(path, kind)
    from extract.docx.reader import read_docx

    return read_docx(path)  # also says what is wrong with a damaged package


def package_kind(path: Path) -> str:
    """`docx`, `xlsx`, `xlsm`, `odt` or `ods`: what a zip package declares
    itself to be (`docx` when it declares nothing known)."""
    try:
        with zipfile.ZipFile(path) as package:
            names = {info.filename: info for info in package.infolist()}
            if "mimetype" in names:
                with package.open("mimetype") as stream:
                    declared = stream.read(100).strip()
                if declared in _ODF_TYPES:
                    return _ODF_TYPES[declared]
            types = names.get("[Content_Types].xml")
            if types is not None and types.file_size <= _DECLARATION_BYTES:
                listed = package.read(types)
                for mark, kind in _OOXML_TYPES.items():
                    if mark in listed:
                        return kind
    except (zipfile.BadZipFile, zlib.error, OSError, ValueError, RuntimeError):
        pass  # the Word reader says what is wrong with it
    return "docx"

"""Errors that stop one document; each carries a one-line, user-facing reason.

Data problems inside a readable document (an unknown status word, an unmatched
agency) are not errors: they are collected as issues and the document goes on.
"""

from __future__ import annotations

import os
import re
import traceback
from pathlib import Path
from types import ModuleType

# A parser's message can quote a whole object; errors.csv keeps one short line.
MESSAGE_CHARS = 200
_ADDRESS = re.compile(r" at 0x[0-9A-Fa-f]+")


class ExtractError(Exception):
    """A document could not be extracted. `kind` names the failure for errors.csv."""

    kind = "extract_error"


class UnsupportedFormat(ExtractError):
    """The file is neither a PDF nor a Word (.docx) document."""

    kind = "unsupported_format"


class NeedsLibreOffice(ExtractError):
    """A .doc, .rtf, .odt or .ods file, read through LibreOffice, which is not
    installed (no `soffice` on PATH)."""

    kind = "needs_libreoffice"


class DocumentLoadError(ExtractError):
    """The file could not be opened as the format its name claims."""

    kind = "load_error"


class Encrypted(DocumentLoadError):
    """The file is locked: a PDF with a user password, or a protected Word file."""

    kind = "encrypted"


class UnsafeDocument(DocumentLoadError):
    """The file is built to hurt its reader (a zip bomb, an XML DOCTYPE), so it is
    refused before any parser sees it."""

    kind = "unsafe"


class NoTextLayer(ExtractError):
    """A PDF whose pages carry no text (a scan): nothing to read without OCR."""

    kind = "no_text"


class NoTextMapping(ExtractError):
    """A PDF whose text is drawn in fonts that say nothing about which characters
    they print (no Unicode mapping, e.g. re-distilled through PostScript): the
    glyphs are there but cannot be read as text without OCR."""

    kind = "no_text_mapping"


class NoActionTable(ExtractError):
    """The document opened, but no table with action-plan headers was found."""

    kind = "no_action_table"


def raised_inside(exc: BaseException, libraries: tuple[ModuleType, ...]) -> bool:
    """Whether `exc` was raised in one of `libraries` rather than in this project.

    A parser library failing deep inside a file means the file is damaged; the
    same exception raised in our own code is a bug. The deepest frame that is in
    either the libraries or this project decides.
    """
    theirs = tuple(_folder(Path(lib.__file__ or "").parent) for lib in libraries)
    verdict = False
    for frame, _ in traceback.walk_tb(exc.__traceback__):
        filename = os.path.realpath(frame.f_code.co_filename)
        if filename.startswith(theirs):
            verdict = True
        elif filename.startswith(_OURS):
            verdict = False
    return verdict


def one_line(exc: BaseException) -> str:
    """An exception as one short line: its message, or its type when it has none."""
    # Object addresses ("<_io.BytesIO object at 0x7f…>") differ from run to run;
    # the errors table must not.
    text = _ADDRESS.sub("", " ".join(str(exc).split())) or type(exc).__name__
    return text if len(text) <= MESSAGE_CHARS else text[: MESSAGE_CHARS - 1] + "…"


def _folder(path: Path) -> str:
    return os.path.realpath(path) + os.sep


_OURS = tuple(
    _folder(Path(__file__).parent.parent / name)
    for name in ("extract", "normalise", "schemas")
)

"""Errors that stop one document; each carries a one-line, user-facing reason.

Data problems inside a readable document (an unknown status word, an unmatched
agency) are not errors: they are collected as issues and the document goes on.
"""

from __future__ import annotations


class ExtractError(Exception):
    """A document could not be extracted. `kind` names the failure for errors.csv."""

    kind = "extract_error"


class UnsupportedFormat(ExtractError):
    """The file is neither a PDF nor a Word (.docx) document."""

    kind = "unsupported_format"


class DocumentLoadError(ExtractError):
    """The file could not be opened as the format its name claims."""

    kind = "load_error"


class NoTextLayer(ExtractError):
    """A PDF whose pages carry no text (a scan): nothing to read without OCR."""

    kind = "no_text"


class NoActionTable(ExtractError):
    """The document opened, but no table with action-plan headers was found."""

    kind = "no_action_table"

"""Strict Office Open XML (ISO/IEC 29500 Strict) read as Transitional.

Word can save "Strict Open XML Document": the same elements, under other namespace
names (`http://purl.oclc.org/ooxml/wordprocessingml/main` for
`http://schemas.openxmlformats.org/wordprocessingml/2006/main`, and so on) and
other relationship types. The reader knows only Transitional names, so each part
of a Strict package that it parses is rewritten, in memory, with the Transitional
names before parsing; the package structure (content types, where the package
relationships are) is the same in both.
"""

from __future__ import annotations

_PURL = "http://purl.oclc.org/ooxml/"
_OPENXML = "http://schemas.openxmlformats.org/"
# Strict name -> Transitional name; the most specific first.
_NAMES = (
    (
        f"{_PURL}officeDocument/relationships/extendedProperties",
        f"{_OPENXML}officeDocument/2006/relationships/extended-properties",
    ),
    (
        f"{_PURL}officeDocument/relationships",
        f"{_OPENXML}officeDocument/2006/relationships",
    ),
    (
        f"{_PURL}officeDocument/extendedProperties",
        f"{_OPENXML}officeDocument/2006/extended-properties",
    ),
    (
        f"{_PURL}officeDocument/customProperties",
        f"{_OPENXML}officeDocument/2006/custom-properties",
    ),
    (
        f"{_PURL}officeDocument/docPropsVTypes",
        f"{_OPENXML}officeDocument/2006/docPropsVTypes",
    ),
    (f"{_PURL}officeDocument/math", f"{_OPENXML}officeDocument/2006/math"),
    (
        f"{_PURL}officeDocument/sharedTypes",
        f"{_OPENXML}officeDocument/2006/sharedTypes",
    ),
    (f"{_PURL}wordprocessingml/main", f"{_OPENXML}wordprocessingml/2006/main"),
    (
        f"{_PURL}drawingml/wordprocessingDrawing",
        f"{_OPENXML}drawingml/2006/wordprocessingDrawing",
    ),
    (f"{_PURL}drawingml/picture", f"{_OPENXML}drawingml/2006/picture"),
    (f"{_PURL}drawingml/chart", f"{_OPENXML}drawingml/2006/chart"),
    (f"{_PURL}drawingml/main", f"{_OPENXML}drawingml/2006/main"),
)
_BYTES = tuple((strict.encode(), plain.encode()) for strict, plain in _NAMES)
_MARK = _PURL.encode()


def is_strict(package_rels: bytes) -> bool:
    """Whether a package's main relationships (`_rels/.rels`) use Strict names."""
    return _MARK in package_rels


def transitional(content: bytes) -> bytes:
    """An XML part with every Strict name made Transitional (a part naming
    none is returned as it is, uncopied)."""
    if _MARK not in content:
        return content
    for strict, plain in _BYTES:
        content = content.replace(strict, plain)
    return content

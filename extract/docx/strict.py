"""Strict Office Open XML (ISO/IEC 29500 Strict) read as Transitional.

Word can save "Strict Open XML Document": the same elements, under other namespace
names (`http://purl.oclc.org/ooxml/wordprocessingml/main` for
`http://schemas.openxmlformats.org/wordprocessingml/2006/main`, and so on) and
other relationship types. python-docx knows only Transitional names, so a Strict
package is rewritten, in memory, part by part, with the Transitional names; the
package structure (content types, package relationships) is the same in both.
"""

from __future__ import annotations

import io
import zipfile

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
_MARK = _PURL.encode()


def is_strict(package: zipfile.ZipFile) -> bool:
    """Whether the package's main relationships use Strict names."""
    try:
        return _MARK in package.read("_rels/.rels")
    except KeyError:
        return False


def as_transitional(data: bytes) -> bytes:
    """The package with every Strict name in its XML parts made Transitional;
    other parts are copied as they are."""
    out = io.BytesIO()
    with (
        zipfile.ZipFile(io.BytesIO(data)) as package,
        zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as copy,
    ):
        for part in package.infolist():
            content = package.read(part)
            if part.filename.endswith((".xml", ".rels")) and _MARK in content:
                for strict, transitional in _NAMES:
                    content = content.replace(strict.encode(), transitional.encode())
            copy.writestr(part, content)
    return out.getvalue()

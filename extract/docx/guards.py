"""Checks on a Word package before any parser sees it.

The zip directory is checked first (bounded size, part count and compression
ratio), so a decompression bomb is refused unread. Then every part that will be
parsed as XML is scanned for a DOCTYPE, which no Word part has and which is how
entity tricks ("billion laughs", external entities) start. Only those parts: the
relationship parts, the content-type list and parts whose declared content type is
XML. Images (an SVG may carry a DOCTYPE), binary parts (Word for Mac's printer
settings embed an Apple property list, which starts with a DOCTYPE) and HTML
chunks (`w:altChunk`, read by an HTML parser that expands no entities) are only
ever kept as bytes or read as HTML, never as XML.
"""

from __future__ import annotations

import io
import zipfile

from lxml import etree

from schemas.errors import DocumentLoadError, UnsafeDocument, one_line

# Limits on a package, from its zip directory. A long plan is a few MB in a few
# dozen parts; XML deflates about 10 to 30 times, a bomb hundreds of times.
MAX_PARTS = 10_000
MAX_TOTAL_BYTES = 200 * 2**20
MAX_RATIO = 100
RATIO_FROM_BYTES = 2**20  # small parts may compress well without harm
_DOCTYPES = tuple(
    "<!DOCTYPE".encode(codec) for codec in ("utf-8", "utf-16-le", "utf-16-be")
)
_CHUNK = 2**20
CONTENT_TYPES = "[Content_Types].xml"
CT_NS = "http://schemas.openxmlformats.org/package/2006/content-types"
SAFE_XML = etree.XMLParser(resolve_entities=False, no_network=True)


def check_package(data: bytes, xml: bool = True) -> None:
    """Refuse a package that would cost too much to unpack, or (unless `xml` is
    False: an OpenDocument file, which LibreOffice reads) whose XML parts
    declare a DOCTYPE; read only the zip directory and those parts' bytes
    (bounded by the sizes just checked; zipfile never inflates a part past its
    stated size)."""
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as package:
            _check_sizes(package.infolist())
            for part in _xml_parts(package) if xml else ():
                if _has_doctype(package, part):
                    raise UnsafeDocument(
                        f"part {part.filename} declares a DOCTYPE (XML entities "
                        "are never expanded); refused"
                    )
    except UnsafeDocument:
        raise
    except Exception as exc:  # zipfile and zlib raise many kinds on a broken zip
        raise DocumentLoadError(
            f"not a readable zip package ({one_line(exc)})"
        ) from exc


def _check_sizes(parts: list[zipfile.ZipInfo]) -> None:
    """Refuse too many parts, too many bytes unpacked, or a big part that inflates
    far more than XML or images do."""
    if len(parts) > MAX_PARTS:
        raise UnsafeDocument(
            f"a zip of {len(parts)} parts (limit {MAX_PARTS}); refused"
        )
    total = sum(part.file_size for part in parts)
    if total > MAX_TOTAL_BYTES:
        raise UnsafeDocument(
            f"unpacks to {total // 2**20} MB (limit "
            f"{MAX_TOTAL_BYTES // 2**20} MB); refused as a zip bomb"
        )
    for part in parts:
        ratio = part.file_size / max(part.compress_size, 1)
        if part.file_size > RATIO_FROM_BYTES and ratio > MAX_RATIO:
            raise UnsafeDocument(
                f"part {part.filename} inflates {ratio:.0f} times "
                f"(limit {MAX_RATIO}); refused as a zip bomb"
            )


def _xml_parts(package: zipfile.ZipFile) -> list[zipfile.ZipInfo]:
    """The parts a reader parses as XML: relationships, the content-type list,
    and every part whose declared content type is XML but not an image."""
    types_part = package.getinfo(CONTENT_TYPES)
    if _has_doctype(package, types_part):
        raise UnsafeDocument(f"part {CONTENT_TYPES} declares a DOCTYPE; refused")
    types = etree.fromstring(package.read(types_part), SAFE_XML)
    by_extension = {
        item.get("Extension", "").lower(): item.get("ContentType", "")
        for item in types.iter(f"{{{CT_NS}}}Default")
    }
    by_name = {
        item.get("PartName", "").lstrip("/"): item.get("ContentType", "")
        for item in types.iter(f"{{{CT_NS}}}Override")
    }
    parsed = []
    for part in package.infolist():
        declared = by_name.get(
            part.filename,
            by_extension.get(part.filename.rpartition(".")[2].lower(), ""),
        ).lower()
        is_xml = declared.endswith("xml") and not declared.startswith("image/")
        if is_xml or part.filename.endswith(".rels"):
            parsed.append(part)
    return parsed


def _has_doctype(package: zipfile.ZipFile, part: zipfile.ZipInfo) -> bool:
    """Whether a part contains a DOCTYPE declaration, read in chunks."""
    overlap = max(len(mark) for mark in _DOCTYPES) - 1
    tail = b""
    with package.open(part) as stream:
        while chunk := stream.read(_CHUNK):
            window = tail + chunk
            if any(mark in window for mark in _DOCTYPES):
                return True
            tail = window[-overlap:]
    return False

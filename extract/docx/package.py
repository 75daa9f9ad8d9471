"""A Word package opened with zipfile and lxml: the main document part's body, its
styles and numbering parts, and its other internal parts by relationship id.

python-docx's `Document()` unpacks and parses every part of the package into its
own element classes, which are slower to walk than plain lxml elements; opening
the package here, reading only the parts the reader uses, takes a fraction of
that (issue 16). The Open Packaging Conventions rules followed: the main part is
the target of the package's `officeDocument` relationship (`_rels/.rels`); a
part's relationships are in `<folder>/_rels/<name>.rels`; a relative target is
resolved against the source part's folder, one starting with "/" from the
package root; part names compare case-insensitively and may be percent-encoded;
a part's content type is its `Override` in `[Content_Types].xml`, else the
`Default` of its extension. External targets (a linked image or template) are
never fetched, nor even looked up: only internal parts are read.

A Strict OOXML package (its relationships under `http://purl.oclc.org/ooxml/`)
has each part read renamed to the Transitional names first (`strict.py`). The
package checks (`guards.py`) run before this module sees the bytes; the parser
here expands no entities and loads nothing from the network besides.
"""

from __future__ import annotations

import io
import posixpath
import zipfile
import zlib
from collections.abc import Iterator
from contextlib import contextmanager
from urllib.parse import unquote

from lxml import etree

from extract.docx.guards import CONTENT_TYPES, CT_NS
from extract.docx.strict import is_strict, transitional
from extract.docx.xml import W
from schemas.errors import DocumentLoadError, one_line

_RELS_NS = "http://schemas.openxmlformats.org/package/2006/relationships"
_RT = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/"
OFFICE_DOCUMENT = _RT + "officeDocument"
STYLES = _RT + "styles"
NUMBERING = _RT + "numbering"
# The main part's content types a Word document may have (document, template,
# and their macro-enabled kinds: macros are never run, only text read), case
# folded: a media type is the same in any case.
WORD_MAIN_TYPES = frozenset(
    name.casefold()
    for name in (
        "application/vnd.openxmlformats-officedocument.wordprocessingml"
        ".document.main+xml",
        "application/vnd.openxmlformats-officedocument.wordprocessingml"
        ".template.main+xml",
        "application/vnd.ms-word.document.macroEnabled.main+xml",
        "application/vnd.ms-word.template.macroEnabledTemplate.main+xml",
    )
)
# What zipfile raises on a damaged archive or entry (a bad CRC or deflate
# stream, a truncated entry, an encrypted or unknown compression method).
_ZIP_ERRORS = (
    zipfile.BadZipFile,
    zlib.error,
    EOFError,
    OSError,
    ValueError,
    RuntimeError,
    NotImplementedError,
)
# As python-docx parses: whitespace between elements dropped, no entity
# expanded, nothing fetched, no huge trees.
PARSER = etree.XMLParser(
    remove_blank_text=True, resolve_entities=False, no_network=True
)


def unreadable(reason: str) -> DocumentLoadError:
    """The error for a package that is not a Word document one can open."""
    return DocumentLoadError(f"not a readable Word document ({reason})")


# Plain classes, not dataclasses: a worker imports this module for every Word
# document, and making a dataclass costs about a millisecond (issue 16).


class Relationship:
    """One relationship of a part: its type, and its target's part name (a
    package-absolute name such as `/word/styles.xml`), or None when external."""

    __slots__ = ("part", "type")

    def __init__(self, type: str, part: str | None) -> None:
        self.type = type
        self.part = part


class WordPackage:
    """An open package: its zip entries (by exact name, and by part name as
    compared), its content types, its main part and that part's relationships
    (filled in by `_package`)."""

    def __init__(self, archive: zipfile.ZipFile) -> None:
        self.zip = archive
        names = archive.namelist()
        self.names = frozenset(names)
        self.members = {_key(name): name for name in reversed(names)}
        self.strict = False
        self.overrides: dict[str, str] = {}
        self.defaults: dict[str, str] = {}
        self.main = ""
        self.main_rels: dict[str, Relationship] = {}

    def has(self, part: str) -> bool:
        """Whether the package holds the part (by absolute part name)."""
        return part.lstrip("/") in self.names or _key(part) in self.members

    def read(self, part: str) -> bytes:
        """A part's bytes: the zip entry of that exact name, else one equal to it
        as a part name; DocumentLoadError when there is none."""
        member = part.lstrip("/")
        if member not in self.names:
            member = self.members.get(_key(part), "")
        if not member:
            raise unreadable(f"part {part} is missing")
        try:
            return self.zip.read(member)
        except _ZIP_ERRORS as exc:  # a damaged entry
            raise unreadable(f"part {part}: {one_line(exc)}") from exc

    def xml(self, part: str) -> etree._Element:
        """A part parsed as XML (renamed to Transitional in a Strict package)."""
        data = self.read(part)
        try:
            return etree.fromstring(transitional(data) if self.strict else data, PARSER)
        except etree.XMLSyntaxError as exc:
            raise unreadable(f"part {part} is not XML: {one_line(exc)}") from exc

    def content_type(self, part: str) -> str | None:
        """A part's declared content type: its Override, else the Default of its
        extension."""
        key = _key(part)
        if key in self.overrides:
            return self.overrides[key]
        return self.defaults.get(posixpath.splitext(key)[1].lstrip("."))

    def relationships(self, part: str) -> dict[str, Relationship]:
        """A part's relationships by id (none when it has no relationship part)."""
        folder, name = posixpath.split(part)
        rels_part = posixpath.join(folder, "_rels", name + ".rels")
        if not self.has(rels_part):
            return {}
        found: dict[str, Relationship] = {}
        for rel in self.xml(rels_part).iterchildren(f"{{{_RELS_NS}}}Relationship"):
            ident, target = rel.get("Id"), rel.get("Target")
            if ident is None or target is None or ident in found:
                continue
            external = rel.get("TargetMode", "Internal") == "External"
            resolved = None if external else resolve(folder, target)
            found[ident] = Relationship(rel.get("Type", ""), resolved)
        return found

    def main_related(self, kind: str) -> etree._Element | None:
        """The main part's first internal related part of relationship type
        `kind`, parsed; None when there is none; DocumentLoadError when the
        relationship names a part the package lacks."""
        for rel in self.main_rels.values():
            if rel.type == kind and rel.part is not None:
                return self.xml(rel.part)
        return None

    def related(self, rid: str) -> tuple[str, bytes] | None:
        """The main part's internal related part `rid`: (content type, bytes);
        None when there is no such internal part (an external target is never
        fetched)."""
        rel = self.main_rels.get(rid)
        if rel is None or rel.part is None or not self.has(rel.part):
            return None
        return self.content_type(rel.part) or "", self.read(rel.part)


class WordParts:
    """What the reader walks: the body, the styles and numbering parts' roots
    (None when the document has none), and `related(rId)` for its chunks."""

    __slots__ = ("body", "numbering", "package", "styles")

    def __init__(
        self,
        body: etree._Element,
        styles: etree._Element | None,
        numbering: etree._Element | None,
        package: WordPackage,
    ) -> None:
        self.body = body
        self.styles = styles
        self.numbering = numbering
        self.package = package

    def related(self, rid: str) -> tuple[str, bytes] | None:
        """The main part's internal related part `rid` (see WordPackage)."""
        return self.package.related(rid)


@contextmanager
def open_word(data: bytes) -> Iterator[WordParts]:
    """The parts of a .docx package given as bytes, open while in the block;
    DocumentLoadError when it is no Word document one can open."""
    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
    except _ZIP_ERRORS as exc:
        raise unreadable(f"not a zip package: {one_line(exc)}") from exc
    with archive:
        package = _package(archive)
        root = package.xml(package.main)
        if root.tag != W.document:
            raise unreadable(f"the root of {package.main} is {_local(root.tag)}")
        body = root.find(W.body)
        if body is None:
            raise unreadable(f"its main part {package.main} has no body")
        styles = package.main_related(STYLES)
        numbering = package.main_related(NUMBERING)
        yield WordParts(body, styles, numbering, package)


def _package(archive: zipfile.ZipFile) -> WordPackage:
    """The package's content types and main part, checked to be Word's."""
    package = WordPackage(archive)
    if not package.has("/_rels/.rels"):
        raise unreadable("no package relationships, _rels/.rels")
    package.strict = is_strict(package.read("/_rels/.rels"))
    types = package.xml("/" + CONTENT_TYPES)
    for item in types.iterchildren(f"{{{CT_NS}}}Override"):
        name = item.get("PartName")
        if name is not None:
            package.overrides.setdefault(_key(name), item.get("ContentType", ""))
    for item in types.iterchildren(f"{{{CT_NS}}}Default"):
        extension = item.get("Extension", "").casefold()
        package.defaults.setdefault(extension, item.get("ContentType", ""))
    main = next(
        (
            rel.part
            for rel in package.relationships("/").values()
            if rel.type == OFFICE_DOCUMENT and rel.part is not None
        ),
        None,
    )
    if main is None:
        raise unreadable("_rels/.rels names no main document part")
    if not package.has(main):
        raise unreadable(f"its main part {main} is missing")
    declared = package.content_type(main)
    if (declared or "").strip().casefold() not in WORD_MAIN_TYPES:
        raise unreadable(f"its main part {main} is {declared or 'of no stated type'}")
    package.main = main
    package.main_rels = package.relationships(main)
    return package


def resolve(folder: str, target: str) -> str:
    """A relationship's target as an absolute part name: from the package root
    when it starts with "/", else from the source part's folder."""
    path = target.split("#", 1)[0]
    joined = path if path.startswith("/") else posixpath.join(folder or "/", path)
    return "/" + posixpath.normpath(joined).lstrip("/")


def _key(part: str) -> str:
    """A part name as compared: percent-decoded and case-folded (OPC part names
    are equal regardless of case), without the leading "/"."""
    return unquote(part).lstrip("/").casefold()


def _local(tag: object) -> str:
    """An element's name without its namespace, for a message."""
    return str(tag).rpartition("}")[2]

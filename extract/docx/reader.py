"""Word reader: a .docx file's paragraphs and tables, in document order.

python-docx's `row.cells` repeats a merged cell in every grid slot it covers and
resolves a vertical merge to the cell above, so a merged question would look typed
nine times. This reader walks the row's own `<w:tc>` elements instead, tracking the
grid column (`gridBefore`, `gridSpan`) and `vMerge`, so each merge is read once and
marked for what it is.

Before python-docx sees a file, its zip directory is checked (bounded size, part
count and compression ratio, so a decompression bomb is refused unread) and its XML
parts are scanned for a DOCTYPE, which no Word part has and which is how entity
tricks ("billion laughs", external entities) start. python-docx never fetches a
relationship's external target (a linked image or template): it only records it.
"""

from __future__ import annotations

import hashlib
import io
import zipfile
from pathlib import Path

import docx
from docx.document import Document as DocxDocument
from docx.oxml.ns import qn
from docx.oxml.xmlchemy import BaseOxmlElement
from docx.table import Table as DocxTable
from docx.table import _Cell
from docx.text.paragraph import Paragraph as DocxParagraph
from lxml import etree

from schemas.blocks import Block, Cell, ExtractedDocument, Paragraph, Row, Table
from schemas.errors import (
    DocumentLoadError,
    UnsafeDocument,
    one_line,
    raised_inside,
)

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
_CONTENT_TYPES = "[Content_Types].xml"
_CT_NS = "http://schemas.openxmlformats.org/package/2006/content-types"
_SAFE_XML = etree.XMLParser(resolve_entities=False, no_network=True)
_P, _TBL, _R, _HYPERLINK = (qn(tag) for tag in ("w:p", "w:tbl", "w:r", "w:hyperlink"))
# The run children python-docx's `CT_R.text` reads, each `str()`-ing to its text.
_RUN_TEXT = tuple(
    qn(tag) for tag in ("w:br", "w:cr", "w:noBreakHyphen", "w:ptab", "w:t", "w:tab")
)


def read_docx(path: Path) -> ExtractedDocument:
    """Read a Word document into blocks; raise DocumentLoadError if it cannot open."""
    data = path.read_bytes()
    check_package(data)
    try:
        document = docx.Document(io.BytesIO(data))
    except Exception as exc:  # zipfile, lxml and python-docx raise many kinds
        raise DocumentLoadError(
            f"not a readable Word document ({one_line(exc)})"
        ) from exc
    try:
        blocks = _blocks(document)
    except Exception as exc:
        if raised_inside(exc, (docx,)):  # a part python-docx cannot make sense of
            raise DocumentLoadError(
                f"a malformed Word document ({one_line(exc)})"
            ) from exc
        raise
    return ExtractedDocument(
        source=path,
        format="docx",
        sha256=hashlib.sha256(data).hexdigest(),
        blocks=blocks,
    )


def check_package(data: bytes) -> None:
    """Refuse a package that would cost too much to unpack or that declares a
    DOCTYPE, reading only the zip directory and the parts' bytes (bounded by
    the sizes just checked; zipfile never inflates a part past its stated size)."""
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as package:
            _check_sizes(package.infolist())
            # Every part but images: python-docx parses a part by its declared
            # content type, whatever its name; an image (an SVG may carry a
            # DOCTYPE) is only ever kept as bytes.
            images = _image_parts(package)
            for part in package.infolist():
                if part.filename not in images and _has_doctype(package, part):
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


def _image_parts(package: zipfile.ZipFile) -> set[str]:
    """Names of the parts whose declared content type is an image."""
    types_part = package.getinfo(_CONTENT_TYPES)
    if _has_doctype(package, types_part):
        raise UnsafeDocument(f"part {_CONTENT_TYPES} declares a DOCTYPE; refused")
    types = etree.fromstring(package.read(types_part), _SAFE_XML)
    by_extension = {
        item.get("Extension", "").lower(): item.get("ContentType", "")
        for item in types.iter(f"{{{_CT_NS}}}Default")
    }
    by_name = {
        item.get("PartName", "").lstrip("/"): item.get("ContentType", "")
        for item in types.iter(f"{{{_CT_NS}}}Override")
    }
    return {
        part.filename
        for part in package.infolist()
        if by_name.get(
            part.filename,
            by_extension.get(part.filename.rpartition(".")[2].lower(), ""),
        ).startswith("image/")
    }


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


def _blocks(document: DocxDocument) -> list[Block]:
    blocks: list[Block] = []
    for item in document.iter_inner_content():
        if isinstance(item, DocxParagraph):
            if item.text.strip():
                blocks.append(_paragraph(item))
        else:
            blocks.append(_table(item))
    return blocks


def _paragraph(paragraph: DocxParagraph) -> Paragraph:
    style = paragraph.style
    name = style.name if style is not None and style.name else ""
    level: int | None = None
    if name.lower().startswith("heading"):
        digits = "".join(ch for ch in name if ch.isdigit())
        level = int(digits) if digits else 1
    elif name.lower() == "title":
        level = 0
    style_bold = bool(style is not None and style.font.bold)
    runs = [run for run in paragraph.runs if run.text.strip()]
    bold = bool(runs) and all(
        run.bold or (run.bold is None and style_bold) for run in runs
    )
    return Paragraph(text=paragraph.text.strip(), heading_level=level, bold=bold)


def _table(table: DocxTable) -> Table:
    rows: list[Row] = []
    n_cols = len(table._tbl.tblGrid.gridCol_lst)
    for tr in table._tbl.tr_lst:
        col = tr.grid_before
        cells: list[Cell] = []
        for tc in tr.tc_lst:
            span = tc.grid_span
            continues = tc.vMerge == "continue"
            cells.append(
                Cell(
                    text="" if continues else _cell_text(_Cell(tc, table)),
                    first_col=col,
                    last_col=col + span - 1,
                    continues_above=continues,
                    fill=_fill(tc),
                )
            )
            col += span
        n_cols = max(n_cols, col)
        rows.append(Row(cells=cells, repeats_as_header=_repeats_as_header(tr)))
    return Table(rows=rows, n_cols=n_cols)


def _cell_text(cell: _Cell) -> str:
    """A cell's paragraphs one per line, nested tables included, blank lines dropped.

    The XML is walked directly, with python-docx's text rules (runs and hyperlinks;
    breaks, tabs and no-break hyphens as their characters) but without its XPath
    query per paragraph and per run, which cost most of the time on a long table.
    """
    lines: list[str] = []
    for item in cell._tc.iterchildren(_P, _TBL):
        if item.tag == _P:
            lines.append(_paragraph_text(item).strip())
        else:
            lines.extend(
                _cell_text(inner)
                for row in DocxTable(item, cell).rows
                for inner in _unique(row.cells)
            )
    return "\n".join(line for line in lines if line)


def _paragraph_text(p: BaseOxmlElement) -> str:
    """`Paragraph.text`: the text of the runs, inside hyperlinks too."""
    runs = (
        run
        for item in p.iterchildren(_R, _HYPERLINK)
        for run in (item.iterchildren(_R) if item.tag == _HYPERLINK else (item,))
    )
    return "".join(str(part) for run in runs for part in run.iterchildren(*_RUN_TEXT))


def _unique(cells: list[_Cell]) -> list[_Cell]:
    """Cells of a row with python-docx's merge repeats removed."""
    seen: set[int] = set()
    out: list[_Cell] = []
    for cell in cells:
        if id(cell._tc) not in seen:
            seen.add(id(cell._tc))
            out.append(cell)
    return out


def _fill(tc: object) -> str | None:
    tc_pr = getattr(tc, "tcPr", None)
    shd = tc_pr.find(qn("w:shd")) if tc_pr is not None else None
    fill = shd.get(qn("w:fill")) if shd is not None else None
    if not fill or fill.lower() == "auto":
        return None
    return fill.upper()


def _repeats_as_header(tr: object) -> bool:
    tr_pr = getattr(tr, "trPr", None)
    flag = tr_pr.find(qn("w:tblHeader")) if tr_pr is not None else None
    if flag is None:
        return False
    return flag.get(qn("w:val"), "true").lower() not in ("0", "false", "off")

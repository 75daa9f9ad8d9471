"""Word-building helpers shared by the sample builders.

The samples are written the way a plan's authors would build them in Word
(styles, shaded cells, merged cells, a repeated header row), and saved so that
identical input gives identical bytes. Every builder uses these, so the samples
differ only in their templates, not in how Word features are written.
"""

from __future__ import annotations

import copy
import csv
import io
import shutil
import subprocess
import tempfile
import zipfile
from collections.abc import Sequence
from datetime import datetime
from pathlib import Path

from docx.document import Document as DocxDocument
from docx.enum.section import WD_ORIENT
from docx.enum.style import WD_STYLE_TYPE
from docx.opc.constants import RELATIONSHIP_TYPE as RT
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.oxml.table import CT_Tc
from docx.oxml.xmlchemy import BaseOxmlElement
from docx.shared import Mm, Pt
from docx.styles.style import BaseStyle
from docx.table import Table, _Cell, _Row
from docx.text.paragraph import Paragraph

A4_SHORT, A4_LONG = Mm(210), Mm(297)
MARGIN = Mm(20)
BODY_SIZE = 10.0
TABLE_TEXT_STYLE = "Table Text"

# tcPr / trPr children that must follow w:shd / w:tblHeader (schema order).
SHD_SUCCESSORS = (
    "w:noWrap",
    "w:tcMar",
    "w:textDirection",
    "w:tcFitText",
    "w:vAlign",
    "w:hideMark",
    "w:headers",
    "w:cellIns",
    "w:cellDel",
    "w:cellMerge",
    "w:tcPrChange",
)
TBLHEADER_SUCCESSORS = (
    "w:tblCellSpacing",
    "w:jc",
    "w:hidden",
    "w:ins",
    "w:del",
    "w:trPrChange",
)


def read_csv(path: Path) -> list[dict[str, str]]:
    """Read a golden CSV as strings, keeping empty cells as empty strings."""
    with path.open(newline="", encoding="utf-8") as fh:
        return list(csv.DictReader(fh))


def _strip_theme_fonts(rfonts: BaseOxmlElement) -> None:
    """Drop theme font references, which Word would prefer over named fonts."""
    for attr in ("asciiTheme", "hAnsiTheme", "eastAsiaTheme", "cstheme"):
        rfonts.attrib.pop(qn(f"w:{attr}"), None)


def _set_style_font(style: BaseStyle, name: str, size: float | None) -> None:
    """Give a style one named font for all scripts (and a size if given)."""
    font = style.font  # type: ignore[attr-defined]
    font.name = name
    if size is not None:
        font.size = Pt(size)
    rfonts = style.element.get_or_add_rPr().get_or_add_rFonts()
    _strip_theme_fonts(rfonts)
    rfonts.set(qn("w:eastAsia"), name)
    rfonts.set(qn("w:cs"), name)


def configure_styles(doc: DocxDocument, font: str, table_font_size: float) -> None:
    """Set the body font, heading fonts and the compact table-text style."""
    _set_style_font(doc.styles["Normal"], font, BODY_SIZE)
    for level in (1, 2, 3):
        _set_style_font(doc.styles[f"Heading {level}"], font, None)
    table_text = doc.styles.add_style(TABLE_TEXT_STYLE, WD_STYLE_TYPE.PARAGRAPH)
    table_text.base_style = doc.styles["Normal"]
    table_text.font.size = Pt(table_font_size)
    table_text.paragraph_format.space_before = Pt(0)
    table_text.paragraph_format.space_after = Pt(0)


def configure_page(doc: DocxDocument, portrait: bool) -> None:
    """A4, landscape unless portrait was asked for, 2 cm margins all round."""
    section = doc.sections[0]
    if portrait:
        section.orientation = WD_ORIENT.PORTRAIT
        section.page_width, section.page_height = A4_SHORT, A4_LONG
    else:
        section.orientation = WD_ORIENT.LANDSCAPE
        section.page_width, section.page_height = A4_LONG, A4_SHORT
    for side in ("left_margin", "right_margin", "top_margin", "bottom_margin"):
        setattr(section, side, MARGIN)


def text_width(portrait: bool) -> int:
    """Width between the margins, in EMU."""
    return (A4_SHORT if portrait else A4_LONG) - 2 * MARGIN


def scrub_package(
    doc: DocxDocument, title: str, author: str, timestamp: datetime
) -> None:
    """Remove what python-docx's template carries and a real plan would not.

    The template ships a bibliography custom-XML part, a thumbnail of an empty
    page and core properties naming python-docx; keep only the document's
    title, the board as author and fixed dates.
    """
    for part, reltype in (
        (doc.part, RT.CUSTOM_XML),
        (doc.part.package, RT.THUMBNAIL),
    ):
        for rid in [r.rId for r in part.rels.values() if r.reltype == reltype]:
            part.rels.pop(rid)
    props = doc.core_properties
    props.title = title
    for field in ("subject", "keywords", "comments", "category", "content_status"):
        setattr(props, field, "")
    props.author = props.last_modified_by = author
    props.revision = 1
    props.created = props.modified = timestamp


def set_cell_text(cell: _Cell, text: str, bold: bool = False) -> None:
    """Write one paragraph per line of `text`; an empty text leaves one empty one."""
    lines = text.replace("\r", "").split("\n") if text else [""]
    paragraph = cell.paragraphs[0]
    for i, line in enumerate(lines):
        if i:
            paragraph = cell.add_paragraph()
        paragraph.style = TABLE_TEXT_STYLE
        if line:
            paragraph.add_run(line).bold = bold or None


def shade(tc: CT_Tc, fill: str) -> None:
    """Give a cell a solid background colour, as Word's shading does."""
    shd = OxmlElement("w:shd")
    shd.set(qn("w:val"), "clear")
    shd.set(qn("w:color"), "auto")
    shd.set(qn("w:fill"), fill)
    tc.get_or_add_tcPr().insert_element_before(shd, *SHD_SUCCESSORS)


def set_widths(table: Table, widths: Sequence[int]) -> None:
    """Fix the grid and every cell to the given widths (EMU)."""
    table.autofit = False
    for column, width in zip(table.columns, widths, strict=True):
        column.width = width
    for row in table.rows:
        for cell, width in zip(row.cells, widths, strict=True):
            cell.width = width


def repeat_as_header(row: _Row) -> None:
    """Mark a row to repeat at the top of every page the table runs onto."""
    trpr = row._tr.get_or_add_trPr()
    trpr.insert_element_before(OxmlElement("w:tblHeader"), *TBLHEADER_SUCCESSORS)


def vmerge_runs(values: Sequence[str]) -> list[tuple[int, int]]:
    """(start, length) of each vertical merge: a run starts at a non-empty value.

    Row 0 always starts a run, so a question whose first row lacks an agency
    still gets its own agency cell.
    """
    starts = [i for i, value in enumerate(values) if i == 0 or value]
    ends = [*starts[1:], len(values)]
    return [(start, end - start) for start, end in zip(starts, ends, strict=True)]


def vmerge(rows: Sequence[_Row], column: int, runs: list[tuple[int, int]]) -> None:
    """Merge `column` vertically over each (start, length) run of `rows`.

    The continuation cells were written empty, as Word keeps them.
    """
    for start, length in runs:
        if length < 2:
            continue
        for offset in range(length):
            tc = rows[start + offset]._tr.tc_lst[column]
            tc.get_or_add_tcPr().vMerge_val = "restart" if offset == 0 else "continue"


def merge_across(row: _Row, widths: Sequence[int], first: int, last: int) -> None:
    """Merge the cells first..last of a row into one (`w:gridSpan`)."""
    tcs = row._tr.tc_lst
    for covered in tcs[first + 1 : last + 1]:
        row._tr.remove(covered)
    tcs[first].get_or_add_tcPr().grid_span = last - first + 1
    tcs[first].width = sum(widths[first : last + 1])


RUNNING_HEADER = "OFFICIAL - SENSITIVE    Safeguarding review action plan"
RUNNING_FOOTER = "Printed 03/04/2019   Page "


def add_running_header_footer(
    doc: DocxDocument, header: str = RUNNING_HEADER, footer: str = RUNNING_FOOTER
) -> None:
    """Give every section a running header and a footer ending in Word's page
    fields ("... Page 2 of 5"), as boards' templates have: a PDF printer sets
    them in the page margins of every page."""

    def field(paragraph: Paragraph, instruction: str) -> None:
        run = paragraph.add_run()._r
        for kind in ("begin", "instruction", "separate", "result", "end"):
            if kind in ("begin", "separate", "end"):
                element = OxmlElement("w:fldChar")
                element.set(qn("w:fldCharType"), kind)
            else:
                tag = "w:instrText" if kind == "instruction" else "w:t"
                element = OxmlElement(tag)
                element.set(qn("xml:space"), "preserve")
                element.text = f" {instruction} " if kind == "instruction" else "1"
            run.append(element)

    for section in doc.sections:
        section.header.paragraphs[0].text = header
        foot = section.footer.paragraphs[0]
        foot.text = footer
        field(foot, "PAGE")
        foot.add_run(" of ")
        field(foot, "NUMPAGES")


_FOOTNOTES_PART = "/word/footnotes.xml"
_FOOTNOTES_TYPE = (
    "application/vnd.openxmlformats-officedocument.wordprocessingml.footnotes+xml"
)


def add_footnotes(doc: DocxDocument, notes: Sequence[tuple[Paragraph, str]]) -> None:
    """Give each paragraph a footnote reference (a superscript number, as Word
    writes one) to a note of the text given, in a footnotes part of Word's
    form (its separator notes first): a PDF printer sets the notes at the foot
    of the page each reference is on, under any table part there."""
    from docx.opc.packuri import PackURI
    from docx.opc.part import Part

    ns = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
    body = "".join(
        f'<w:footnote w:id="{n}"><w:p><w:pPr><w:pStyle w:val="FootnoteText"/>'
        '</w:pPr><w:r><w:rPr><w:vertAlign w:val="superscript"/></w:rPr>'
        f'<w:footnoteRef/></w:r><w:r><w:t xml:space="preserve"> {text}</w:t>'
        "</w:r></w:p></w:footnote>"
        for n, (_, text) in enumerate(notes, start=1)
    )
    separators = "".join(
        f'<w:footnote w:type="{kind}" w:id="{n}"><w:p><w:r><w:{kind}/></w:r>'
        "</w:p></w:footnote>"
        for n, kind in ((-1, "separator"), (0, "continuationSeparator"))
    )
    xml = f'<w:footnotes xmlns:w="{ns}">{separators}{body}</w:footnotes>'
    part = Part(
        PackURI(_FOOTNOTES_PART), _FOOTNOTES_TYPE, xml.encode(), doc.part.package
    )
    doc.part.relate_to(part, RT.FOOTNOTES)
    for n, (paragraph, _) in enumerate(notes, start=1):
        run = paragraph.add_run()._r
        properties = OxmlElement("w:rPr")
        raised = OxmlElement("w:vertAlign")
        raised.set(qn("w:val"), "superscript")
        properties.append(raised)
        run.append(properties)
        reference = OxmlElement("w:footnoteReference")
        reference.set(qn("w:id"), str(n))
        run.append(reference)


def save_deterministic(doc: DocxDocument, path: Path, timestamp: datetime) -> None:
    """Save with fixed zip timestamps so identical input gives identical bytes."""
    buffer = io.BytesIO()
    doc.save(buffer)
    path.parent.mkdir(parents=True, exist_ok=True)
    with (
        zipfile.ZipFile(buffer) as source,
        zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as target,
    ):
        for info in source.infolist():
            fixed = copy.copy(info)
            fixed.date_time = timestamp.timetuple()[:6]
            target.writestr(fixed, source.read(info), zipfile.ZIP_DEFLATED)


def convert_to_pdf(docx_path: Path) -> Path:
    """Print the document to PDF with LibreOffice, next to the DOCX.

    A throwaway LibreOffice profile avoids clashing with a running instance.
    """
    soffice = shutil.which("soffice") or shutil.which("libreoffice")
    if soffice is None:
        raise SystemExit("soffice (LibreOffice) not found on PATH; use --no-pdf")
    outdir = docx_path.parent
    with tempfile.TemporaryDirectory(prefix="lo-profile-") as profile:
        result = subprocess.run(
            [
                soffice,
                f"-env:UserInstallation={Path(profile).as_uri()}",
                "--headless",
                "--convert-to",
                "pdf",
                "--outdir",
                str(outdir),
                str(docx_path),
            ],
            capture_output=True,
            text=True,
            timeout=600,
            check=False,
        )
    pdf = outdir / f"{docx_path.stem}.pdf"
    if result.returncode != 0 or not pdf.exists():
        raise SystemExit(f"LibreOffice failed to convert {docx_path}:\n{result.stderr}")
    return pdf

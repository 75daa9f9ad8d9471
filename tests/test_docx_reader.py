"""The Word reader on small documents built here, and one tiny plan end to end.

Merges, grid offsets, shading and repeated headers are written as the OOXML that
Word writes (`w:vMerge`, `w:gridSpan`, `w:gridBefore`, `w:shd`, `w:tblHeader`), so
each test states exactly what the file holds and what the reader must make of it.
"""

from __future__ import annotations

import datetime
import hashlib
import io
import zipfile
from datetime import date
from pathlib import Path

import docx
import pytest
from docx.oxml import OxmlElement, parse_xml
from docx.oxml.ns import qn
from docx.table import Table as DocxTable
from docx.table import _Cell
from lxml import etree
from plan_headers import HEADERS

from extract.app.pipeline import extract_file
from extract.docx.numbering import format_number
from extract.docx.package import PARSER, resolve
from extract.docx.reader import read_docx, read_docx_blocks
from schemas.blocks import ExtractedDocument, Paragraph, Table
from schemas.errors import DocumentLoadError

# --- building documents --------------------------------------------------------


def _tc_pr_child(cell: _Cell, tag: str, **attrs: str) -> None:
    """Append `<w:tag w:attr=...>` to the cell's properties."""
    element = OxmlElement(tag)
    for name, value in attrs.items():
        element.set(qn(f"w:{name}"), value)
    cell._tc.get_or_add_tcPr().append(element)


def _tr_pr_child(table: DocxTable, row: int, tag: str, **attrs: str) -> None:
    """Put `<w:tag ...>` into a row's properties (gridBefore first, as the schema
    orders it)."""
    element = OxmlElement(tag)
    for name, value in attrs.items():
        element.set(qn(f"w:{name}"), value)
    tr_pr = table.rows[row]._tr.get_or_add_trPr()
    if tag == "w:gridBefore":
        tr_pr.insert(0, element)
    else:
        tr_pr.append(element)


def _grid_span(table: DocxTable, row: int, col: int, width: int) -> None:
    """Make the cell at (row, col) span `width` grid columns, as Word writes it:
    one `w:tc` with `w:gridSpan`, the covered `w:tc` elements gone."""
    tr = table.rows[row]._tr
    tcs = tr.tc_lst
    _tc_pr_child(_Cell(tcs[col], table), "w:gridSpan", val=str(width))
    for tc in tcs[col + 1 : col + width]:
        tr.remove(tc)


def _set_lines(cell: _Cell, *lines: str) -> None:
    cell.text = lines[0]
    for line in lines[1:]:
        cell.add_paragraph(line)


def _save(document: docx.document.Document, tmp_path: Path, name: str) -> Path:
    path = tmp_path / name
    document.save(str(path))
    return path


def _tables(doc: ExtractedDocument) -> list[Table]:
    return [block for block in doc.blocks if isinstance(block, Table)]


def _one_table(tmp_path: Path, build) -> Table:
    """Read back a document holding one table made by `build(document)`."""
    document = docx.Document()
    build(document)
    tables = _tables(read_docx(_save(document, tmp_path, "t.docx")))
    assert len(tables) == 1
    return tables[0]


def _spans(table: Table) -> list[list[tuple[int, int, str, bool]]]:
    """Each row's cells as (first_col, last_col, text, continues_above)."""
    return [
        [(c.first_col, c.last_col, c.text, c.continues_above) for c in row.cells]
        for row in table.rows
    ]


# --- cells and merges ----------------------------------------------------------


def test_vertical_merge_is_one_cell_and_continuations(tmp_path: Path) -> None:
    def build(document):
        table = document.add_table(rows=3, cols=2)
        table.cell(0, 0).text = "Merged question"
        _tc_pr_child(table.cell(0, 0), "w:vMerge", val="restart")
        # Word writes a bare <w:vMerge/> (val defaults to "continue"); the lower
        # parts sometimes keep stray text, which belongs to the cell above.
        _tc_pr_child(table.cell(1, 0), "w:vMerge")
        _tc_pr_child(table.cell(2, 0), "w:vMerge", val="continue")
        for r in range(3):
            table.cell(r, 1).text = f"row {r}"

    table = _one_table(tmp_path, build)
    assert table.n_cols == 2
    assert _spans(table) == [
        [(0, 0, "Merged question", False), (1, 1, "row 0", False)],
        [(0, 0, "", True), (1, 1, "row 1", False)],
        [(0, 0, "", True), (1, 1, "row 2", False)],
    ]


def test_vertical_merge_made_by_python_docx(tmp_path: Path) -> None:
    def build(document):
        table = document.add_table(rows=3, cols=2)
        table.cell(0, 1).merge(table.cell(2, 1)).text = "Police"

    table = _one_table(tmp_path, build)
    assert [row.cells[1].text for row in table.rows] == ["Police", "", ""]
    assert [row.cells[1].continues_above for row in table.rows] == [
        False,
        True,
        True,
    ]


def test_horizontal_merge_is_one_cell_over_its_columns(tmp_path: Path) -> None:
    def build(document):
        table = document.add_table(rows=2, cols=5)
        for c in range(5):
            table.cell(0, c).text = f"h{c}"
        table.cell(1, 0).text = "left"
        table.cell(1, 1).text = "Covers three columns"
        table.cell(1, 4).text = "right"
        _grid_span(table, 1, 1, 3)

    table = _one_table(tmp_path, build)
    assert table.n_cols == 5
    assert _spans(table)[1] == [
        (0, 0, "left", False),
        (1, 3, "Covers three columns", False),
        (4, 4, "right", False),
    ]


def test_horizontal_merge_made_by_python_docx(tmp_path: Path) -> None:
    def build(document):
        table = document.add_table(rows=1, cols=4)
        table.cell(0, 0).merge(table.cell(0, 2)).text = "One cell"
        table.cell(0, 3).text = "last"

    table = _one_table(tmp_path, build)
    assert _spans(table) == [[(0, 2, "One cell", False), (3, 3, "last", False)]]


def test_grid_before_shifts_the_first_column(tmp_path: Path) -> None:
    def build(document):
        table = document.add_table(rows=2, cols=3)
        for c in range(3):
            table.cell(0, c).text = f"h{c}"
        _tr_pr_child(table, 1, "w:gridBefore", val="1")
        tr = table.rows[1]._tr
        tr.remove(tr.tc_lst[0])
        tcs = tr.tc_lst
        _Cell(tcs[0], table).text = "second slot"
        _Cell(tcs[1], table).text = "third slot"

    table = _one_table(tmp_path, build)
    assert _spans(table)[1] == [
        (1, 1, "second slot", False),
        (2, 2, "third slot", False),
    ]
    assert table.rows[1].text_at(0) == ""
    assert table.rows[1].text_at(1) == "second slot"


def test_shading_fill_is_upper_case_hex(tmp_path: Path) -> None:
    def build(document):
        table = document.add_table(rows=1, cols=3)
        _tc_pr_child(
            table.cell(0, 0), "w:shd", val="clear", color="auto", fill="ffc000"
        )
        _tc_pr_child(table.cell(0, 1), "w:shd", val="clear", color="auto", fill="auto")

    table = _one_table(tmp_path, build)
    assert [cell.fill for cell in table.rows[0].cells] == ["FFC000", None, None]


def test_header_row_flag(tmp_path: Path) -> None:
    def build(document):
        table = document.add_table(rows=3, cols=2)
        _tr_pr_child(table, 0, "w:tblHeader")
        _tr_pr_child(table, 2, "w:tblHeader", val="false")

    table = _one_table(tmp_path, build)
    assert [row.repeats_as_header for row in table.rows] == [True, False, False]


def test_cell_paragraphs_are_lines(tmp_path: Path) -> None:
    def build(document):
        table = document.add_table(rows=1, cols=1)
        _set_lines(table.cell(0, 0), "◆ first item", "", "  ◆ second item  ")

    table = _one_table(tmp_path, build)
    assert table.rows[0].cells[0].text == "◆ first item\n◆ second item"


# --- what Word shows: numbering, fields, symbols, hidden text, layout -------------

_NS = (
    'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main" '
    'xmlns:mc="http://schemas.openxmlformats.org/markup-compatibility/2006" '
    'xmlns:w14="http://schemas.microsoft.com/office/word/2010/wordml" '
    'xmlns:x="urn:example:unknown"'
)


def _docx_with(
    tmp_path: Path, body: str, numbering: str = "", styles: str = ""
) -> ExtractedDocument:
    """A document whose body is `body` (WordprocessingML), with `numbering` and
    `styles` added to its numbering and styles parts, read back."""
    document = docx.Document()
    for part, xml in (
        (document.element.body, body),
        (document.part.numbering_part.element, numbering),
        (document.styles.element, styles),
    ):
        wrapper = parse_xml(f"<w:wrapper {_NS}>{xml}</w:wrapper>")
        for child in list(wrapper):
            if part is document.element.body:
                part.insert(len(part) - 1, child)  # before the section properties
            else:
                part.append(child)
    return read_docx(_save(document, tmp_path, "built.docx"))


def _p(text: str, num: str | None = None, ilvl: int = 0, extra: str = "") -> str:
    """A paragraph of one run, numbered in list `num` at level `ilvl`."""
    numbered = (
        f'<w:pPr><w:numPr><w:ilvl w:val="{ilvl}"/><w:numId w:val="{num}"/>'
        "</w:numPr></w:pPr>"
        if num
        else ""
    )
    return f"<w:p>{numbered}<w:r><w:t>{text}</w:t></w:r>{extra}</w:p>"


def _lvl(ilvl: int, fmt: str, text: str, extra: str = "") -> str:
    return (
        f'<w:lvl w:ilvl="{ilvl}"><w:start w:val="1"/><w:numFmt w:val="{fmt}"/>'
        f'<w:lvlText w:val="{text}"/>{extra}</w:lvl>'
    )


def _texts(doc: ExtractedDocument) -> list[str]:
    return [b.text for b in doc.blocks if isinstance(b, Paragraph)]


LISTS = (
    '<w:abstractNum w:abstractNumId="90">'
    + _lvl(0, "decimal", "%1.")
    + _lvl(1, "lowerLetter", "%2)")
    + "</w:abstractNum>"
    '<w:abstractNum w:abstractNumId="91">'
    + _lvl(0, "upperRoman", "%1.")
    + _lvl(1, "lowerLetter", "%1.%2", '<w:lvlRestart w:val="0"/><w:isLgl/>')
    + "</w:abstractNum>"
    '<w:num w:numId="90"><w:abstractNumId w:val="90"/></w:num>'
    '<w:num w:numId="91"><w:abstractNumId w:val="90"/></w:num>'
    '<w:num w:numId="92"><w:abstractNumId w:val="90"/>'
    '<w:lvlOverride w:ilvl="0"><w:startOverride w:val="5"/></w:lvlOverride></w:num>'
    '<w:num w:numId="93"><w:abstractNumId w:val="91"/></w:num>'
)


def test_list_labels_count_on_restart_and_continue(tmp_path: Path) -> None:
    """Two instances of one list share its counters; a level restarts after a
    higher one; a start override restarts the list; a level may never restart,
    and a legal level prints the higher levels as digits."""
    body = "".join(
        [
            _p("One", "90"),
            _p("sub", "90", 1),
            _p("sub", "90", 1),
            _p("Two", "91"),  # another instance of the same list: goes on
            _p("sub", "91", 1),
            _p("Five", "92"),  # "restart numbering" at 5
            _p("Six", "92"),
            _p("I", "93"),
            _p("sub", "93", 1),
            _p("II", "93"),
            _p("sub", "93", 1),  # lvlRestart 0: goes on from "b"
        ]
    )
    assert _texts(_docx_with(tmp_path, body, LISTS)) == [
        "1. One",
        "a) sub",
        "b) sub",
        "2. Two",
        "a) sub",
        "5. Five",
        "6. Six",
        "I. I",
        "1.1 sub",
        "II. II",
        "2.2 sub",
    ]


def test_bullets_in_symbol_fonts_are_what_they_look_like(tmp_path: Path) -> None:
    def bullet(ident: str, char: str, font: str) -> str:
        fonts = f'<w:rPr><w:rFonts w:ascii="{font}" w:hAnsi="{font}"/></w:rPr>'
        return (
            f'<w:abstractNum w:abstractNumId="{ident}">'
            + _lvl(0, "bullet", char, fonts)
            + f'</w:abstractNum><w:num w:numId="{ident}">'
            f'<w:abstractNumId w:val="{ident}"/></w:num>'
        )

    numbering = (
        bullet("80", "\uf0b7", "Symbol")
        + bullet("81", "\uf0fc", "Wingdings")
        + bullet("82", "§", "Wingdings")
        + bullet("83", "o", "Courier New")
    )
    body = _p("dot", "80") + _p("done", "81") + _p("square", "82") + _p("ring", "83")
    assert _texts(_docx_with(tmp_path, body, numbering)) == [
        "• dot",
        "✓ done",
        "▪ square",
        "o ring",
    ]


def test_symbols_and_soft_hyphens(tmp_path: Path) -> None:
    body = (
        '<w:p><w:r><w:sym w:font="Wingdings" w:char="F0FC"/><w:t xml:space="preserve">'
        ' Done </w:t><w:sym w:font="Symbol" w:char="F0B3"/><w:t xml:space="preserve">'
        ' 5 </w:t><w:sym w:font="Arial" w:char="0041"/></w:r></w:p>'
        '<w:p><w:r><w:rPr><w:rFonts w:ascii="Symbol" w:hAnsi="Symbol"/></w:rPr>'
        "<w:t>a\uf062</w:t></w:r><w:r><w:t>comp\u00adle</w:t><w:softHyphen/>"
        "<w:t>ted</w:t></w:r></w:p>"
    )
    assert _texts(_docx_with(tmp_path, body)) == ["✓ Done ≥ 5 A", "αβcompleted"]


def test_field_results_are_shown_and_instructions_never(tmp_path: Path) -> None:
    def char(kind: str) -> str:
        return f'<w:r><w:fldChar w:fldCharType="{kind}"/></w:r>'

    def instr(text: str) -> str:
        return f'<w:r><w:instrText xml:space="preserve">{text}</w:instrText></w:r>'

    def run(text: str) -> str:
        return f'<w:r><w:t xml:space="preserve">{text}</w:t></w:r>'

    body = (
        "<w:p>"
        + run("Due ")
        + char("begin")
        + instr(" IF ")
        + char("begin")
        + instr(" DATE ")
        + char("separate")
        + run("inner result")
        + char("end")
        + instr(' = 1 "x" ')
        + char("separate")
        + run("June ")
        + char("begin")
        + instr(" PAGE ")
        + char("separate")
        + run("2015")
        + char("end")
        + char("end")
        + '<w:fldSimple w:instr=" AUTHOR "><w:r><w:t xml:space="preserve"> by Ann'
        "</w:t></w:r></w:fldSimple>"
        + "</w:p>"
        + "<w:p>"
        + char("begin")
        + instr(" TOC ")
        + "</w:p>"  # a field left open: the next cell or table ends it
    )
    assert _texts(_docx_with(tmp_path, body)) == ["Due June 2015 by Ann"]


def test_hidden_text_and_alternate_content(tmp_path: Path) -> None:
    styles = (
        '<w:style w:type="character" w:styleId="Secret"><w:name w:val="Secret"/>'
        "<w:rPr><w:vanish/></w:rPr></w:style>"
        '<w:style w:type="paragraph" w:styleId="HiddenPara"><w:name w:val="Hidden"/>'
        "<w:rPr><w:vanish/></w:rPr></w:style>"
    )
    body = (
        '<w:p><w:r><w:t xml:space="preserve">shown </w:t></w:r>'
        "<w:r><w:rPr><w:vanish/></w:rPr><w:t>gone</w:t></w:r>"
        '<w:r><w:rPr><w:rStyle w:val="Secret"/></w:rPr><w:t>gone</w:t></w:r>'
        '<w:r><w:rPr><w:rStyle w:val="Secret"/><w:vanish w:val="0"/></w:rPr>'
        "<w:t>kept</w:t></w:r></w:p>"
        '<w:p><w:pPr><w:pStyle w:val="HiddenPara"/></w:pPr><w:r><w:t>gone</w:t>'
        "</w:r></w:p>"
        "<w:p><mc:AlternateContent>"
        '<mc:Choice Requires="w14"><w:r><w:t>new</w:t></w:r></mc:Choice>'
        "<mc:Fallback><w:r><w:t>old</w:t></w:r></mc:Fallback></mc:AlternateContent>"
        "<mc:AlternateContent>"
        '<mc:Choice Requires="x"><w:r><w:t>unknown</w:t></w:r></mc:Choice>'
        '<mc:Fallback><w:r><w:t xml:space="preserve"> fallback</w:t></w:r>'
        "</mc:Fallback></mc:AlternateContent></w:p>"
    )
    assert _texts(_docx_with(tmp_path, body, styles=styles)) == [
        "shown kept",
        "new fallback",
    ]


def test_a_content_control_showing_its_placeholder_is_empty(tmp_path: Path) -> None:
    def control(text: str, placeholder: bool) -> str:
        flag = "<w:showingPlcHdr/>" if placeholder else ""
        return (
            f'<w:sdt><w:sdtPr><w:id w:val="1"/>{flag}<w:dropDownList/></w:sdtPr>'
            f"<w:sdtContent><w:r><w:t>{text}</w:t></w:r></w:sdtContent></w:sdt>"
        )

    body = (
        f"<w:p>{control('Choose an item.', True)}</w:p>"
        f"<w:p>{control('Green', False)}</w:p>"
        "<w:sdt><w:sdtPr><w:showingPlcHdr/></w:sdtPr><w:sdtContent>"
        + _p("Click or tap here to enter text.")
        + "</w:sdtContent></w:sdt>"
    )
    assert _texts(_docx_with(tmp_path, body)) == ["Green"]


def test_a_paragraph_whose_mark_is_gone_runs_on_into_the_next(tmp_path: Path) -> None:
    """A deleted (tracked) or hidden paragraph mark joins its paragraph to the
    next one, in the body and in a cell; with nothing after it, it stands."""

    def gone(text: str, how: str) -> str:
        mark = '<w:del w:id="1" w:author="a"/>' if how == "deleted" else "<w:vanish/>"
        return (
            f"<w:p><w:pPr><w:rPr>{mark}</w:rPr></w:pPr>"
            f'<w:r><w:t xml:space="preserve">{text}</w:t></w:r></w:p>'
        )

    cell = gone("Action comp", "deleted") + _p("lete") + gone("last", "hidden")
    body = (
        gone("Finding 1: There is ", "hidden")
        + gone("a ", "deleted")
        + _p("pattern")
        + f"<w:tbl><w:tblGrid><w:gridCol/></w:tblGrid><w:tr><w:tc>{cell}</w:tc>"
        "</w:tr></w:tbl>"
    )
    doc = _docx_with(tmp_path, body)
    assert _texts(doc) == ["Finding 1: There is a pattern"]
    assert _spans(doc.blocks[1]) == [[(0, 0, "Action complete\nlast", False)]]


def test_a_deleted_empty_paragraph_takes_no_number(tmp_path: Path) -> None:
    gone = (
        '<w:p><w:pPr><w:numPr><w:ilvl w:val="0"/><w:numId w:val="90"/></w:numPr>'
        '<w:rPr><w:del w:id="1" w:author="a"/></w:rPr></w:pPr>'
        '<w:del w:id="2" w:author="a"><w:r><w:delText>old</w:delText></w:r></w:del>'
        "</w:p>"
    )
    empty = _p("", "90").replace("<w:r><w:t></w:t></w:r>", "")
    body = _p("A", "90") + gone + _p("B", "90") + empty + _p("D", "90")
    # The empty item is numbered 3 by Word, but is no text (no lone "3.").
    assert _texts(_docx_with(tmp_path, body, LISTS)) == ["1. A", "2. B", "4. D"]


def test_a_one_cell_table_is_a_frame_only_around_tables(tmp_path: Path) -> None:
    inner = (
        "<w:tbl><w:tblGrid><w:gridCol/><w:gridCol/></w:tblGrid><w:tr>"
        "<w:tc><w:p><w:r><w:t>a</w:t></w:r></w:p></w:tc>"
        "<w:tc><w:p><w:r><w:t>b</w:t></w:r></w:p></w:tc></w:tr></w:tbl>"
    )

    def frame(content: str) -> str:
        return (
            "<w:tbl><w:tblGrid><w:gridCol/></w:tblGrid><w:tr><w:tc>"
            f"{content}<w:p/></w:tc></w:tr></w:tbl>"
        )

    body = frame(_p("Title") + inner) + frame(_p("A boxed note"))
    doc = _docx_with(tmp_path, body)
    assert [type(b).__name__ for b in doc.blocks] == ["Paragraph", "Table", "Table"]
    assert _spans(doc.blocks[1]) == [[(0, 0, "a", False), (1, 1, "b", False)]]
    assert _spans(doc.blocks[2]) == [[(0, 0, "A boxed note", False)]]


def test_number_formats() -> None:
    assert [
        format_number(4, "lowerRoman"),
        format_number(1994, "upperRoman"),
        format_number(27, "lowerLetter"),
        format_number(28, "upperLetter"),
        format_number(3, "decimalZero"),
        format_number(7, "ordinalText"),  # not listed: a decimal
    ] == ["iv", "MCMXCIV", "aa", "BB", "03", "7"]


# --- paragraphs ----------------------------------------------------------------


def test_paragraphs_headings_and_bold_in_order(tmp_path: Path) -> None:
    document = docx.Document()
    document.add_heading("Plan title", level=1)
    document.add_heading("Section", level=2)
    document.add_paragraph("")  # empty paragraphs are not blocks
    document.add_paragraph().add_run("Finding 1: Bold heading").bold = True
    mixed = document.add_paragraph()
    mixed.add_run("Partly ").bold = True
    mixed.add_run("bold")
    document.add_paragraph("Plain narrative.")
    document.add_table(rows=1, cols=1).cell(0, 0).text = "x"
    document.add_paragraph("After the table")
    doc = read_docx(_save(document, tmp_path, "p.docx"))

    assert doc.format == "docx"
    assert [
        (b.text, b.heading_level, b.bold) if isinstance(b, Paragraph) else "table"
        for b in doc.blocks
    ] == [
        # python-docx's default template styles its headings bold
        ("Plan title", 1, True),
        ("Section", 2, True),
        ("Finding 1: Bold heading", None, True),
        ("Partly bold", None, False),
        ("Plain narrative.", None, False),
        "table",
        ("After the table", None, False),
    ]


def test_sha256_is_of_the_file_bytes(tmp_path: Path) -> None:
    document = docx.Document()
    document.add_paragraph("x")
    path = _save(document, tmp_path, "h.docx")
    assert read_docx(path).sha256 == hashlib.sha256(path.read_bytes()).hexdigest()


# --- the package: parts found as the Open Packaging Conventions say ------------

_W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
_R = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
_MAIN_TYPE = "application/vnd.openxmlformats-officedocument.wordprocessingml"
_WORD_MAIN = f"{_MAIN_TYPE}.document.main+xml"
_STYLES_TYPE = f"{_MAIN_TYPE}.styles+xml"
_HEADING_STYLE = (
    f'<w:styles xmlns:w="{_W}"><w:style w:type="paragraph" w:styleId="H1">'
    '<w:name w:val="heading 1"/></w:style></w:styles>'
)


def _rels(*rels: tuple[str, str, str] | tuple[str, str, str, str]) -> str:
    """A relationships part: (id, type's last segment, target[, mode]) each."""
    items = "".join(
        f'<Relationship Id="{r[0]}" Type="{_R}/{r[1]}" Target="{r[2]}"'
        + (f' TargetMode="{r[3]}"' if len(r) > 3 else "")
        + "/>"
        for r in rels
    )
    return (
        '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/'
        f'relationships">{items}</Relationships>'
    )


def _types(defaults: dict[str, str], overrides: dict[str, str]) -> str:
    items = "".join(
        f'<Default Extension="{ext}" ContentType="{ct}"/>'
        for ext, ct in defaults.items()
    ) + "".join(
        f'<Override PartName="{name}" ContentType="{ct}"/>'
        for name, ct in overrides.items()
    )
    return (
        '<Types xmlns="http://schemas.openxmlformats.org/package/2006/'
        f'content-types">{items}</Types>'
    )


def _body(inner: str) -> str:
    return (
        f'<w:document xmlns:w="{_W}" xmlns:r="{_R}"><w:body>{inner}</w:body>'
        "</w:document>"
    )


_HEADED = _body(
    '<w:p><w:pPr><w:pStyle w:val="H1"/></w:pPr><w:r><w:t>Plan</w:t></w:r></w:p>'
    "<w:p><w:r><w:t>Text</w:t></w:r></w:p>"
)
_XML_DEFAULTS = {"rels": "application/vnd.openxmlformats-package.relationships+xml"}


def _zip(parts: dict[str, str | bytes]) -> bytes:
    """A zip of the parts given (text encoded as UTF-8), in memory."""
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as package:
        for name, data in parts.items():
            package.writestr(name, data.encode() if isinstance(data, str) else data)
    return out.getvalue()


def _word(
    document: str = _HEADED,
    main: str = "word/document.xml",
    main_target: str = "word/document.xml",
    main_rels: str | None = None,
    overrides: dict[str, str] | None = None,
    defaults: dict[str, str] | None = None,
    extra: dict[str, str | bytes] | None = None,
) -> bytes:
    """A small Word package: the main part `main` (named `main_target` in
    `_rels/.rels`), its relationships and the parts in `extra`."""
    parts: dict[str, str | bytes] = {
        "[Content_Types].xml": _types(
            {**_XML_DEFAULTS, **(defaults or {})},
            {f"/{main}": _WORD_MAIN} if overrides is None else overrides,
        ),
        "_rels/.rels": _rels(("rId1", "officeDocument", main_target)),
        main: document,
    }
    if main_rels is not None:
        folder, _, name = main.rpartition("/")
        parts[f"{folder}/_rels/{name}.rels"] = main_rels
    parts.update(extra or {})
    return _zip(parts)


def _blocks(data: bytes) -> list[tuple[str, int | None]]:
    return [
        (b.text, b.heading_level)
        for b in read_docx_blocks(data)
        if isinstance(b, Paragraph)
    ]


def test_part_names_resolve_from_the_source_part_folder_or_the_root() -> None:
    assert resolve("/", "word/document.xml") == "/word/document.xml"
    assert resolve("/word", "styles.xml") == "/word/styles.xml"
    assert resolve("/word", "../customXml/item1.xml") == "/customXml/item1.xml"
    assert resolve("/word", "/shared/styles.xml") == "/shared/styles.xml"
    assert resolve("/word", "./media/../styles.xml#part") == "/word/styles.xml"


def test_a_main_part_anywhere_and_its_styles_by_relative_target() -> None:
    """The main part where `_rels/.rels` says (an absolute target), its styles
    part found relative to the main part's folder, named with another case and
    percent-encoded: the heading style applies."""
    data = _word(
        main="content/plan.xml",
        main_target="/content/plan.xml",
        main_rels=_rels(("rId7", "styles", "../Shared%20Parts/Styles.XML")),
        defaults={"xml": _STYLES_TYPE},
        overrides={"/content/plan.xml": _WORD_MAIN},
        extra={"shared parts/styles.xml": _HEADING_STYLE},
    )
    assert _blocks(data) == [("Plan", 1), ("Text", None)]


def test_content_types_override_before_default() -> None:
    """The main part's type is its Override; with only the Default of its
    extension (plain XML) it is not a Word document; an override for
    another part does not count."""
    assert _blocks(_word(defaults={"xml": "application/xml"}))
    for overrides in ({}, {"/word/other.xml": _WORD_MAIN}):
        data = _word(defaults={"xml": "application/xml"}, overrides=overrides)
        with pytest.raises(DocumentLoadError, match="is application/xml"):
            read_docx_blocks(data)
    by_default = _word(defaults={"xml": _WORD_MAIN}, overrides={})
    assert _blocks(by_default) == [("Plan", None), ("Text", None)]


def test_a_main_part_of_another_office_kind_is_no_word_document() -> None:
    """A presentation renamed .docx: its main part is PresentationML."""
    presentation = (
        "application/vnd.openxmlformats-officedocument.presentationml"
        ".presentation.main+xml"
    )
    data = _word(
        main="ppt/presentation.xml",
        main_target="ppt/presentation.xml",
        document='<p:presentation xmlns:p="urn:p"/>',
        overrides={"/ppt/presentation.xml": presentation},
    )
    with pytest.raises(DocumentLoadError, match="not a readable Word document"):
        read_docx_blocks(data)


@pytest.mark.parametrize(
    ("data", "words"),
    [
        (_word(main_target="word/gone.xml"), "part /word/gone.xml is missing"),
        (_zip({"[Content_Types].xml": _types({}, {})}), "_rels/.rels"),
        (
            _zip({"[Content_Types].xml": _types({}, {}), "_rels/.rels": _rels()}),
            "names no main document part",
        ),
        (_word(document="<w:document"), "part /word/document.xml is not XML"),
        (_word(document=f'<w:document xmlns:w="{_W}"/>'), "has no body"),
        (_word(document=f'<w:styles xmlns:w="{_W}"/>'), "root of /word/document.xml"),
        (
            _word(main_rels=_rels(("rId2", "styles", "styles.xml"))),
            "part /word/styles.xml is missing",
        ),
    ],
    ids=[
        "main-missing",
        "no-package-rels",
        "no-main-relationship",
        "main-not-xml",
        "no-body",
        "not-a-document",
        "styles-missing",
    ],
)
def test_a_malformed_package_is_one_clear_error(data: bytes, words: str) -> None:
    with pytest.raises(DocumentLoadError) as caught:
        read_docx_blocks(data)
    message = str(caught.value)
    assert message.startswith("not a readable Word document (") and words in message


def test_no_styles_or_numbering_part_reads_plainly() -> None:
    """A document without styles or numbering relationships: its text as it is,
    no style named, no list label."""
    numbered = _body(
        '<w:p><w:pPr><w:pStyle w:val="H1"/><w:numPr><w:ilvl w:val="0"/>'
        '<w:numId w:val="1"/></w:numPr></w:pPr><w:r><w:t>Item</w:t></w:r></w:p>'
    )
    assert _blocks(_word(document=numbered)) == [("Item", None)]


def test_external_targets_are_never_read() -> None:
    """An altChunk whose relationship is External is not read, even when its
    target names a part the package holds; the same target as an internal
    relationship is read (its type from the Default of its extension)."""
    chunk = b"<html><body><p>Chunk text</p></body></html>"

    def package(mode: str) -> bytes:
        return _word(
            document=_body('<w:altChunk r:id="rId5"/>'),
            main_rels=_rels(("rId5", "aFChunk", "chunk.htm", mode)),
            defaults={"htm": "text/html"},
            extra={"word/chunk.htm": chunk},
        )

    assert _blocks(package("External")) == []
    assert _blocks(package("Internal")) == [("Chunk text", None)]


def test_a_strict_package_reads_as_transitional() -> None:
    """Strict OOXML: other namespace and relationship type names."""
    strict = {
        _W: "http://purl.oclc.org/ooxml/wordprocessingml/main",
        _R: "http://purl.oclc.org/ooxml/officeDocument/relationships",
    }
    parts = {
        "[Content_Types].xml": _types(
            {**_XML_DEFAULTS, "xml": _STYLES_TYPE},
            {"/word/document.xml": _WORD_MAIN},
        ),
        "_rels/.rels": _rels(("rId1", "officeDocument", "word/document.xml")),
        "word/document.xml": _HEADED,
        "word/_rels/document.xml.rels": _rels(("rId2", "styles", "styles.xml")),
        "word/styles.xml": _HEADING_STYLE,
    }
    for name, text in parts.items():
        for transitional, purl in strict.items():
            text = text.replace(transitional, purl)
        parts[name] = text
    assert "purl.oclc.org" in parts["_rels/.rels"]
    assert _blocks(_zip(parts)) == [("Plan", 1), ("Text", None)]


def test_the_package_parser_never_expands_entities() -> None:
    """Behind the DOCTYPE check (guards.py): the parser leaves a declared
    entity unexpanded and loads no external one."""
    root = f'<w:document xmlns:w="{_W}"><w:t>&e;&x;</w:t></w:document>'
    declared = (
        '<?xml version="1.0"?><!DOCTYPE w:document [<!ENTITY e "EXPANDED">'
        '<!ENTITY x SYSTEM "/etc/hostname">]>'
    )
    parsed = etree.fromstring((declared + root).encode(), PARSER)
    assert "".join(parsed.itertext()) == "&e;&x;"  # references, left as they are


# --- a tiny plan, end to end ---------------------------------------------------

# Data rows as printed (None: covered by a vertical merge, written below).
ROWS: list[list[str | None]] = [
    [
        "1a. Is it?",
        "Essex Police",
        "Yes",
        "Train staff",
        "G",
        "",
        "March 2016",
        "DI Smith",
        "Staff aware",
    ],
    [None, None, "", "Audit cases", "Action complete", "None", "", "DI Jones", ""],
    [None, "CAfcass", "Not for Cafcass; see Police", "", "", "", "", "", ""],
    ["1b. Was it?", "NELFT", "Not applicable", "", "N/A", "", "", "", ""],
]


def _plan(tmp_path: Path) -> Path:
    document = docx.Document()
    document.add_heading("Demo LSCB – SCR under SCIE Methodology", level=1)
    document.add_paragraph("Report as at 07.01.2016")
    document.add_paragraph().add_run("Finding 1: Nobody asked").bold = True
    document.add_paragraph("Agencies did not ask the child.")
    table = document.add_table(rows=1 + len(ROWS), cols=len(HEADERS))
    for c, text in enumerate(HEADERS):
        table.cell(0, c).text = text
    for r, values in enumerate(ROWS, start=1):
        for c, text in enumerate(values):
            if text is not None:
                table.cell(r, c).text = text
    table.cell(1, 0).merge(table.cell(3, 0)).text = "1a. Is it?"
    table.cell(1, 1).merge(table.cell(2, 1)).text = "Essex Police"
    _tc_pr_child(table.cell(1, 4), "w:shd", val="clear", color="auto", fill="00B050")
    # Row 3: one cell from Response to Desired Outcome (grid slots 2..8).
    _grid_span(table, 3, 2, 7)
    return _save(document, tmp_path, "demo-plan.docx")


BLANK = {
    "action_id": "",
    "response": "",
    "action": "",
    "rag": "unrated",
    "rag_raw": "",
    "constraints": "",
    "target_evidence": "",
    "lead": "",
    "desired_outcome": "",
    "target_date": "",
    "evidence": "",
    "progress": "",
    "target_dates": "[]",
    "due_date": None,
    "overdue": None,
    "extra": "{}",
    "spans": "",
    "page_start": None,
    "page_end": None,
    "bbox": None,
}
EXPECTED_ACTIONS = [
    {
        **BLANK,
        "row": 1,
        "finding_id": "1",
        "question_id": "1a",
        "agency": "Police",
        "agency_kind": "police",
        "agency_raw": "Essex Police",
        "response": "Yes",
        "action": "Train staff",
        "rag": "green",
        "rag_raw": "G",
        "target_evidence": "March 2016",
        "target_dates": '[{"date": "2016-03-01", "precision": "month", '
        '"text": "March 2016"}]',
        "due_date": datetime.date(2016, 3, 31),  # March: due by its last day
        "overdue": False,
        "lead": "DI Smith",
        "desired_outcome": "Staff aware",
    },
    {
        **BLANK,
        "row": 2,
        "finding_id": "1",
        "question_id": "1a",
        "agency": "Police",
        "agency_kind": "police",
        "agency_raw": "",
        "action": "Audit cases",
        "rag": "complete",
        "rag_raw": "Action complete",
        "constraints": "None",
        "lead": "DI Jones",
    },
    {
        **BLANK,
        "row": 3,
        "finding_id": "1",
        "question_id": "1a",
        "agency": "CAFCASS",
        "agency_kind": "courts",
        "agency_raw": "CAfcass",
        "response": "Not for Cafcass; see Police",
        "spans": "response-desired_outcome",
    },
    {
        **BLANK,
        "row": 4,
        "finding_id": "1",
        "question_id": "1b",
        "agency": "NELFT",
        "agency_kind": "community health",
        "agency_raw": "NELFT",
        "response": "Not applicable",
        "rag": "not_applicable",
        "rag_raw": "N/A",
    },
]


@pytest.fixture
def plan(tmp_path: Path) -> Path:
    return _plan(tmp_path)


def test_plan_table_as_read(plan: Path) -> None:
    (table,) = _tables(read_docx(plan))
    assert table.n_cols == 9
    assert [row.text_at(0) for row in table.rows[1:]] == [
        "1a. Is it?",
        "",
        "",
        "1b. Was it?",
    ]
    assert [c.continues_above for c in (r.cells[0] for r in table.rows[1:])] == [
        False,
        True,
        True,
        False,
    ]
    assert _spans(table)[3][2] == (2, 8, "Not for Cafcass; see Police", False)
    assert table.rows[1].cells[4].fill == "00B050"


def test_plan_end_to_end(plan: Path) -> None:
    tables = extract_file(plan)
    keys = {
        "source": "demo-plan.docx",
        "doc_id": hashlib.sha256(plan.read_bytes()).hexdigest()[:16],
    }

    assert tables.actions == [{**row, **keys} for row in EXPECTED_ACTIONS]
    assert [
        {k: q[k] for k in ("question_id", "finding_id", "text", "source")}
        for q in tables.questions
    ] == [
        {
            "question_id": "1a",
            "finding_id": "1",
            "text": "Is it?",
            "source": "demo-plan.docx",
        },
        {
            "question_id": "1b",
            "finding_id": "1",
            "text": "Was it?",
            "source": "demo-plan.docx",
        },
    ]
    assert [
        {k: f[k] for k in ("finding_id", "section", "title", "narrative")}
        for f in tables.findings
    ] == [
        {
            "finding_id": "1",
            "section": "finding",
            "title": "Nobody asked",
            "narrative": "Agencies did not ask the child.",
        }
    ]
    document = tables.document
    assert {
        k: document[k]
        for k in (
            "source",
            "format",
            "board",
            "review",
            "report_date",
            "findings",
            "questions",
            "actions",
        )
    } == {
        "source": "demo-plan.docx",
        "format": "docx",
        "board": "Demo LSCB",
        "review": "SCR under SCIE Methodology",
        "report_date": date(2016, 1, 7),
        "findings": 1,
        "questions": 2,
        "actions": 4,
    }

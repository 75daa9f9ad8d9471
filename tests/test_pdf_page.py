"""`extract.pdf.page`: characters of symbol fonts decoded, undecodable ones left
out (never "(cid:N)"), and a document whose fonts map no text refused as such."""

from __future__ import annotations

from pathlib import Path

import pdfplumber
import pytest
from pdf_bytes import one_page_pdf

from extract.app.pipeline import Failure, extract_one
from extract.pdf.page import _decoded, page_tables
from extract.pdf.reader import read_pdf
from extract.pdf.symbol_fonts import SYMBOL, ZAPF_DINGBATS
from schemas.errors import NoTextMapping


def _char(text: str, font: str) -> dict:
    return {"text": text, "fontname": font}


def test_zapf_dingbats_codes_are_read_through_the_font() -> None:
    assert _decoded(_char("u", "ZapfDingbats")) == "◆"
    assert _decoded(_char("l", "ABCDEF+ZapfDingbats")) == "●"
    assert _decoded(_char("(cid:117)", "Dingbats")) == "◆"


def test_symbol_codes_are_read_through_the_font() -> None:
    assert _decoded(_char("\xb7", "Symbol")) == "•"
    assert _decoded(_char("a", "Symbol")) == "α"


def test_other_fonts_keep_their_text_and_unmapped_codes_are_dropped() -> None:
    assert _decoded(_char("u", "Helvetica")) == "u"
    assert _decoded(_char("(cid:127)", "Helvetica")) is None


def test_symbol_tables_cover_every_code() -> None:
    assert len(ZAPF_DINGBATS) == len(SYMBOL) == 256


def test_fonts_without_a_text_mapping_are_their_own_error(tmp_path: Path) -> None:
    """Text drawn in a composite font with no ToUnicode map reads as (cid:N): the
    document is refused with an OCR hint, not as having no action table."""
    font = (
        b"<< /Type /Font /Subtype /Type0 /BaseFont /Redistilled /Encoding /Identity-H"
        b" /DescendantFonts [<< /Type /Font /Subtype /CIDFontType2 /BaseFont"
        b" /Redistilled /CIDSystemInfo << /Registry (Adobe) /Ordering (Identity)"
        b" /Supplement 0 >> /W [0 [500]] >>] >>"
    )
    content = b"BT /F1 12 Tf 50 300 Td <0011002200330044> Tj ET"
    pdf = one_page_pdf(tmp_path / "redistilled.pdf", content, font)
    with pytest.raises(NoTextMapping, match="OCR"):
        read_pdf(pdf)
    result = extract_one(pdf)
    assert isinstance(result, Failure) and result.kind == "no_text_mapping"


def _grid(x0: float, top: float, widths: list[float], rows: int, pitch: float) -> bytes:
    """PDF operators ruling a grid `rows` high from `top` (measured from the
    page top of a 400 pt page) with columns of `widths`, and a word per cell."""
    xs = [x0 + sum(widths[:i]) for i in range(len(widths) + 1)]
    ys = [400 - top - pitch * r for r in range(rows + 1)]
    ops = [b"0.5 w"]
    ops += [b"%.1f %.1f m %.1f %.1f l S" % (xs[0], y, xs[-1], y) for y in ys]
    ops += [b"%.1f %.1f m %.1f %.1f l S" % (x, ys[0], x, ys[-1]) for x in xs]
    ops += [
        b"BT /F1 8 Tf %.1f %.1f Td (cell) Tj ET" % (x + 3, y - 12)
        for x in xs[:-1]
        for y in ys[:-1]
    ]
    return b"\n".join(ops)


def _tables(tmp_path: Path, content: bytes) -> list:
    with pdfplumber.open(one_page_pdf(tmp_path / "grids.pdf", content)) as pdf:
        return page_tables(pdf.pages[0], 1, []).tables


def test_rows_on_a_shifted_grid_under_a_table_are_another_table(
    tmp_path: Path,
) -> None:
    """A report generator prints the next part of a table right under the part
    before, its grid 6 pt to the left: the rules touch, but the rows below are
    a table of their own, each on its own three columns."""
    widths = [90.0, 110.0, 100.0]
    upper = _grid(50, 40, widths, rows=3, pitch=30)
    lower = _grid(44, 130, widths, rows=2, pitch=30)
    tables = _tables(tmp_path, upper + b"\n" + lower)
    assert [(t.table.n_cols, len(t.table.rows)) for t in tables] == [(3, 3), (3, 2)]
    assert [round(t.table.col_edges[0]) for t in tables] == [50, 44]


def test_rows_on_the_same_grid_or_within_it_stay_one_table(tmp_path: Path) -> None:
    """Rows on the same grid, and a full-width row (only the outer edges), are
    one table; so the cut needs edges that are not the grid's."""
    widths = [90.0, 110.0, 100.0]
    full = b"\n".join(
        [
            b"0.5 w 50 270 m 350 270 l S 50 270 m 50 240 l S 350 270 m 350 240 l S",
            b"BT /F1 8 Tf 53 258 Td (Finding 2) Tj ET",
        ]
    )
    content = _grid(50, 40, widths, rows=3, pitch=30) + b"\n" + full
    content += b"\n" + _grid(50, 160, widths, rows=1, pitch=30)
    tables = _tables(tmp_path, content)
    assert [(t.table.n_cols, len(t.table.rows)) for t in tables] == [(3, 5)]

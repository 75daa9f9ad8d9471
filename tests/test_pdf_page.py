"""`extract.pdf.page`: characters of symbol fonts decoded, undecodable ones left
out (never "(cid:N)"), and a document whose fonts map no text refused as such."""

from __future__ import annotations

from pathlib import Path

import pytest
from pdf_bytes import one_page_pdf

from extract.app.pipeline import Failure, extract_one
from extract.pdf.page import _decoded
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

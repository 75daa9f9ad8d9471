"""`extract.pdf.page`: characters of symbol fonts decoded, undecodable ones left
out (never "(cid:N)")."""

from __future__ import annotations

from extract.pdf.page import _decoded
from extract.pdf.symbol_fonts import SYMBOL, ZAPF_DINGBATS


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

"""Running headers and footers: what a producer prints in every page's margin.

Browsers print the date, the page's title, its address and "2/5" in the page
margins; report generators and word processors a running title and "Page 2 of 5".
Such lines are no part of the plan, and between a table's part on one page and its
part on the next they would cut the table in two. A paragraph is furniture when
all its lines lie in the page's top or bottom band (`furniture_band` of the page
height) and the same text, its numbers aside, stands in the same band on another
page; a page number on its own is furniture on any page.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Sequence

from extract.pdf.settings import SETTINGS
from extract.pdf.text import Line

_PAGE_NUMBER = re.compile(r"^(?:page\s*)?\d+(?:\s*(?:of|/)\s*\d+)?$", re.IGNORECASE)
_NUMBER = re.compile(r"\d+")


def is_page_number(line: Line, height: float) -> bool:
    """A page number alone on its line, in the top or bottom band."""
    return in_margin(line, height) and bool(_PAGE_NUMBER.match(line.text.strip()))


def in_margin(line: Line, height: float) -> bool:
    """Whether a line lies in the page's top or bottom band, where running
    headers and footers stand (often wider than the body: no measure of it)."""
    return _margin_side(line.top, line.bottom, height) is not None


def margin_signature(lines: Sequence[Line], height: float) -> str | None:
    """What a paragraph's lines print, numbers aside, and in which band ("top"
    or "bottom"), when they all lie in one; else None (body text)."""
    side = _margin_side(lines[0].top, lines[-1].bottom, height)
    if side is None:
        return None
    text = " ".join(" ".join(line.text.split()) for line in lines).lower()
    return f"{side}|{_NUMBER.sub('#', text)}"


def _margin_side(top: float, bottom: float, height: float) -> str | None:
    band = SETTINGS.furniture_band * height
    if bottom <= band:
        return "top"
    if top >= height - band:
        return "bottom"
    return None


def running(signatures: Sequence[set[str]]) -> set[str]:
    """The signatures (one set per page) that stand on more than one page."""
    pages = Counter(signature for page in signatures for signature in page)
    return {signature for signature, count in pages.items() if count > 1}

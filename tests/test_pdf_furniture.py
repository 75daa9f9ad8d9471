"""`extract.pdf.furniture`: running headers and footers, told from body text by
standing in a page's top or bottom band with the same text (numbers aside) on more
than one page; a page number alone is furniture on any page."""

from __future__ import annotations

from extract.pdf.furniture import (
    in_margin,
    is_page_number,
    margin_signature,
    running,
)
from extract.pdf.text import Line, group_lines

HEIGHT = 800.0  # the band is 10% of it: 80 pt at the top and at the foot


def _line(text: str, top: float) -> Line:
    chars = [
        {
            "text": ch,
            "x0": 40 + 5 * i,
            "x1": 45 + 5 * i,
            "top": top,
            "bottom": top + 8,
            "size": 8.0,
            "fontname": "Helvetica",
        }
        for i, ch in enumerate(text)
    ]
    return group_lines(chars)[0]


def test_lines_in_the_bands_are_in_the_margin() -> None:
    assert in_margin(_line("12/1/26, 3:26 PM Action Plan", 20), HEIGHT)
    assert in_margin(_line("file:///plans/julia.html 2/29", 770), HEIGHT)
    assert not in_margin(_line("Finding 1: There is a pattern", 90), HEIGHT)


def test_a_page_number_alone_in_a_band_is_furniture() -> None:
    assert is_page_number(_line("Page 2 of 5", 775), HEIGHT)
    assert is_page_number(_line("2/29", 775), HEIGHT)
    assert not is_page_number(_line("2/29", 400), HEIGHT)  # in the body: text
    assert not is_page_number(_line("file:///plans/julia.html 2/29", 775), HEIGHT)


def test_the_same_margin_text_on_two_pages_is_running() -> None:
    """Footers that differ only in their numbers are one; a title in the top
    band of the first page only, or body text, is not running."""
    pages = [
        [[_line("Thurrock LSCB Review", 20)], [_line("file:///j.html 1/3", 775)]],
        [[_line("file:///j.html 2/3", 775)]],
        [[_line("Action plan", 300)], [_line("file:///j.html 3/3", 775)]],
    ]
    signatures = [
        {sig for group in page if (sig := margin_signature(group, HEIGHT))}
        for page in pages
    ]
    assert margin_signature(pages[2][0], HEIGHT) is None
    assert running(signatures) == {"bottom|file:///j.html #/#"}

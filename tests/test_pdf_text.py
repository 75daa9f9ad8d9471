"""`extract.pdf.text` and `word_breaks`: what stood between two wrapped lines, on
small geometry cases (characters placed by hand, 5 pt wide each)."""

from __future__ import annotations

from extract.pdf.text import group_lines, prints_wrap_spaces, separator
from extract.pdf.word_breaks import WORD_BREAK, resolve_breaks

RIGHT = 40.0  # the cell's inner right edge


def _chars(text: str, top: float, x: float = 0.0) -> list[dict]:
    return [
        {
            "text": ch,
            "x0": x + 5 * i,
            "x1": x + 5 * i + 5,
            "top": top,
            "bottom": top + 9,
            "size": 9.0,
            "fontname": "Helvetica",
        }
        for i, ch in enumerate(text)
    ]


def _sep(upper: str, lower: str, spaces: bool) -> str:
    lines = group_lines(_chars(upper, 0) + _chars(lower, 11))
    return separator(lines[0], lines[1], RIGHT, spaces, 2.5)


def test_wrap_with_a_printed_space_is_a_space() -> None:
    assert _sep("Action ", "complete", spaces=True) == " "


def test_wrap_without_a_printed_space_is_left_to_the_vocabulary() -> None:
    """Browsers print no space at a wrap: "Action" / "complete" is two words,
    though the line had room for a space."""
    joiner = _sep("Action", "complete", spaces=False)
    assert joiner == WORD_BREAK
    assert resolve_breaks([f"Action{joiner}complete"]) == ["Action complete"]


def test_a_word_broken_at_the_edge_is_glued() -> None:
    joiner = _sep("Thurr", "ock is", spaces=False)
    assert resolve_breaks([f"Thurr{joiner}ock is"]) == ["Thurrock is"]


def test_a_possessive_at_the_line_end_ends_its_word() -> None:
    """WeasyPrint wraps "children's" / "centres" with no space printed; British
    "centres" is no word the English list knows, but nothing goes on after 's."""
    joiner = _sep("children's", "centres", spaces=False)
    assert resolve_breaks([f"children's{joiner}centres"]) == ["children's centres"]
    assert resolve_breaks([f"won't{WORD_BREAK}know"]) == ["won't know"]
    assert resolve_breaks([f"O'Thurr{WORD_BREAK}ock"]) == ["O'Thurrock"]


def test_a_hyphen_at_the_line_end_joins_the_word() -> None:
    assert _sep("multi-", "agency", spaces=False) == ""


def test_a_short_line_ends_its_paragraph() -> None:
    """The next word would have fitted: the author broke the line."""
    assert _sep("Yes", "No", spaces=False) == "\n"


def test_punctuation_wrapped_alone_after_punctuation_keeps_its_space() -> None:
    assert _sep("a date.", ". More", spaces=False) == " "
    assert _sep("its word", ", then", spaces=False) == ""


def test_wrap_spaces_are_seen_in_the_content_stream() -> None:
    with_spaces = _chars("two words ", 0) + _chars("more", 11)
    without = _chars("two words", 0) + _chars("more", 11)
    assert prints_wrap_spaces(with_spaces)
    assert not prints_wrap_spaces(without)


def test_a_word_wraps_with_the_closing_mark_set_after_it() -> None:
    """A line does not break before "/" after a space (Unicode LB13): "ef"
    alone would have fitted after "ab cd", "ef /" would not, so the line
    wrapped ("sexual" / "health / contraception"), it did not end a paragraph."""
    assert _sep("ab cd", "ef gh", spaces=False) == "\n"
    assert _sep("ab cd", "ef / gh", spaces=False) == " "
    assert _sep("ab cd", "ef ) gh", spaces=True) == " "

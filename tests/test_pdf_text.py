"""`extract.pdf.text` and `word_breaks`: what stood between two wrapped lines, on
small geometry cases (characters placed by hand, 5 pt wide each)."""

from __future__ import annotations

from extract.pdf.text import group_lines, join_lines, prints_wrap_spaces, separator
from extract.pdf.word_breaks import SLASH_KEPT, WORD_BREAK, resolve_breaks

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


def test_a_lone_word_short_of_the_edge_without_its_wrap_space() -> None:
    """A justified paragraph prints no space at its wraps though the producer
    prints them elsewhere: "Thurrock" / "CCG", with room for the next letter, is
    left to the vocabulary, not glued; a number full to the edge (3 pt left at
    a 38 pt edge hold a space, 2.5 pt, not a digit, 5 pt) was broken there."""
    joiner = _sep("Thurrock", "CCG", spaces=True)
    assert joiner == WORD_BREAK
    assert resolve_breaks([f"Thurrock{joiner}CCG"]) == ["Thurrock CCG"]
    assert _sep("1234567", "8 more", spaces=True) == WORD_BREAK  # 5 pt left
    full = group_lines(_chars("1234567", 0) + _chars("8 more", 11))
    assert separator(full[0], full[1], 38.0, True, 2.5) == ""


def test_a_hyphen_at_the_line_end_joins_the_word() -> None:
    assert _sep("multi-", "agency", spaces=False) == ""


def test_a_short_line_ends_its_paragraph() -> None:
    """The next word would have fitted: the author broke the line."""
    assert _sep("Yes", "No", spaces=False) == "\n"


def test_punctuation_wrapped_alone_after_punctuation_keeps_its_space() -> None:
    assert _sep("a date.", ". More", spaces=False) == " "
    assert _sep("its word", ", then", spaces=False) == ""


def test_punctuation_split_off_a_token_no_line_could_hold_is_glued() -> None:
    """ "abcdefg.." is wider than the column: split to fill the full line
    (WeasyPrint's "competency." / "."), not wrapped at a space, which a line
    never breaks before a mark at (Unicode LB13)."""
    assert _sep("abcdefg.", ".", spaces=False) == ""
    assert _sep("abcdefg.", ". More", spaces=False) == ""
    assert _sep("ab cdef.", ".", spaces=False) == " "  # "cdef.." fits a line


def test_wrap_spaces_are_seen_in_the_content_stream() -> None:
    with_spaces = _chars("two words ", 0) + _chars("more", 11)
    without = _chars("two words", 0) + _chars("more", 11)
    assert prints_wrap_spaces(with_spaces)
    assert not prints_wrap_spaces(without)


def test_a_space_ending_a_cell_is_no_wrap_space() -> None:
    """A browser prints a cell's trailing space ("March 2020 "); the next text
    in the stream is the next row's, rows below, or the next cell's, beside:
    no line wrapped at that space."""
    next_row = _chars("March 2020 ", 0, x=200) + _chars("Report", 40)
    next_cell = _chars("March 2020 ", 11) + _chars("Done", 0, x=80)
    empty_cells = _chars("Yes", 0) + _chars(" ", 0, x=60) + _chars(" ", 0, x=120)
    assert not prints_wrap_spaces(next_row)
    assert not prints_wrap_spaces(next_cell)
    assert not prints_wrap_spaces(empty_cells + _chars("NELFT", 11))


def test_a_word_wraps_with_the_closing_mark_set_after_it() -> None:
    """A line does not break before "/" after a space (Unicode LB13): "ef"
    alone would have fitted after "ab cd", "ef /" would not, so the line
    wrapped ("sexual" / "health / contraception"), it did not end a paragraph."""
    assert _sep("ab cd", "ef gh", spaces=False) == "\n"
    assert _sep("ab cd", "ef / gh", spaces=False) == " "
    assert _sep("ab cd", "ef ) gh", spaces=True) == " "


def _join(upper: str, lower: str, spaces: bool) -> str:
    return join_lines(group_lines(_chars(upper, 0) + _chars(lower, 11)), RIGHT, spaces)


def test_a_slash_at_the_end_of_a_line_of_words_is_left_to_the_vocabulary() -> None:
    """Pango breaks a line after a slash whether or not a space follows it:
    "ab Leads/" / "Chief" is "Leads/Chief" or "Leads/ Chief"."""
    assert _sep("ab Le/", "Chief", spaces=False) == WORD_BREAK
    assert _sep("ab Le/", "Chief", spaces=True) == " "  # a wrap space not printed
    # Full to the edge, and "Lead/Chief" wider than any line: one token split
    # to fill the line (overflow-wrap), so no space ("LOG/CQRC/" "PSQ").
    assert _sep("ab Lead/", "Chief", spaces=False) == ""
    # No line breaks before a slash (LB13): a line starting with one broke at
    # a space (a producer breaking only at spaces, "effective" / "/transparent")
    # unless the line is full and the token wider than any line, split to fill
    # ("NL/JW/PC" / "/RM").
    assert _sep("ab cd/e", "/ghi", spaces=False) == " "
    assert _sep("ab cd/ef", "/ghi", spaces=False) == ""
    # LibreOffice breaks at the space before a slash, dropping it at a full line
    assert _sep("ab cd/ef", "/ghi", spaces=True) == " "
    assert _sep("ab 31/", "12", spaces=False) == " "  # no break before a digit (LB25)


def test_a_slashed_word_kept_whole_though_its_first_part_fitted_is_seen() -> None:
    """The line "ab" leaves room for "cd/" (3 characters, 15 pt of the 25 left after a
    space) but not for "cd/efgh": a producer that breaks after slashes would
    have set "cd/" on the first line. Dates never break there, so are no sign."""
    assert SLASH_KEPT in _join("ab", "cd/efgh", spaces=False)
    assert SLASH_KEPT not in _join("ab", "cd/efgh", spaces=True)
    assert SLASH_KEPT not in _join("ab", "31/12/14", spaces=False)
    assert SLASH_KEPT not in _join("abcdef", "cd/efgh", spaces=False)  # no room
    assert SLASH_KEPT not in _join("ab", "cd/ef", spaces=False)  # it all fitted


def test_a_slash_wrap_follows_the_producer_then_the_pair_then_the_habit() -> None:
    cut = f"Leads/{WORD_BREAK}Chief"
    # Seen not to break after slashes: the line ended at a space.
    assert resolve_breaks([cut, f"x{SLASH_KEPT} y"]) == ["Leads/ Chief", "x y"]
    # Seen once, but more lines end in a slash before a word: a producer that
    # breaks after slashes, which missed a break once.
    other = f"Case/{WORD_BREAK}Notes"
    assert resolve_breaks([cut, other, f"x{SLASH_KEPT} y", "Case/Notes"]) == [
        "Leads/Chief",
        "Case/Notes",
        "x y",
        "Case/Notes",
    ]
    # The pair written elsewhere decides, either way.
    assert resolve_breaks([cut, "Leads/ Chief"])[0] == "Leads/ Chief"
    assert resolve_breaks([cut, "Leads/Chief"])[0] == "Leads/Chief"
    # A pair written nowhere else: as its own cell writes slashes, then the document.
    assert resolve_breaks([f"{cut} x/ y", "a/b c/d"])[0] == "Leads/ Chief x/ y"
    assert resolve_breaks([cut, "a/ b c/ d e/f"])[0] == "Leads/ Chief"
    assert resolve_breaks([cut, "a/b"])[0] == "Leads/Chief"
    assert resolve_breaks([cut])[0] == "Leads/Chief"  # no slash elsewhere: a tie glues


def test_a_bullet_at_a_line_start_is_a_list_item_only_if_it_fitted_above() -> None:
    """A bullet that had room on the line above starts an item; one that did
    not was written inside the text, and the line wrapped before it."""
    assert _sep("ab:", "◆ Who", spaces=False) == "\n"
    assert _sep("abcdefg:", "◆ Who", spaces=False) == " "


def test_a_character_printing_several_letters_is_measured_once() -> None:
    """A ligature or a decoded symbol is one character of several letters: the
    first word's width counts its box once, and no index runs past the line."""
    lower = _chars("xfi ab", 11)
    lower[1]["text"] = "fi"  # "xfi" printed as "x" + one "fi" glyph
    del lower[2]
    for char in lower[2:]:
        char["x0"] -= 5
        char["x1"] -= 5
    lines = group_lines(_chars("abcdef", 0) + lower)
    assert lines[1].text == "xfi ab"
    assert separator(lines[0], lines[1], RIGHT, False, 2.5) == WORD_BREAK
    assert separator(lines[0], lines[1], 45.0, False, 2.5) == "\n"


def test_a_word_wider_than_its_column_broken_anywhere_is_glued() -> None:
    """Pango breaks a word wider than its column where it must: a lone letter
    that is no word ends the word above ("organisation" "s"), a possessive
    ending starts none ("organisation" "'s"), and a fragment broken again is
    judged with the piece after it ("GP" "safeguardin" "g")."""
    assert resolve_breaks([f"their organisation{WORD_BREAK}s"]) == [
        "their organisations"
    ]
    assert resolve_breaks([f"Section{WORD_BREAK}a"]) == ["Section a"]
    assert resolve_breaks([f"Thurrock{WORD_BREAK}Q&S"]) == ["Thurrock Q&S"]
    assert resolve_breaks([f"Level{WORD_BREAK}3"]) == ["Level 3"]
    broken_twice = f"at GP{WORD_BREAK}safeguardin{WORD_BREAK}g forums"
    assert resolve_breaks([broken_twice]) == ["at GP safeguarding forums"]
    assert _sep("abcdefgh", "'s work", spaces=False) == ""
    assert _sep("abcdefgh", "'So", spaces=False) != ""  # a quotation starts a word


def test_a_word_too_long_for_any_line_split_to_fill_one_is_glued() -> None:
    """ReportLab splits a word wider than its column to fill the line: "ab
    devel" (full to the edge, 40 pt of 5 pt letters) / "opment/x" cannot be two
    words of one line each, and the vocabulary glues it; a line that had room
    for the next letter, or two words that fit a line together, wrap between
    words as before."""
    joiner = _sep("ab devel", "opment/x", spaces=False)
    assert joiner == WORD_BREAK
    assert resolve_breaks([f"for devel{joiner}opment/x", "the development"]) == [
        "for development/x",
        "the development",
    ]
    assert _sep("ab deve", "lopment/x", spaces=False) == " "  # room for "l"
    assert _sep("ab cdefg", "hi jk", spaces=False) == " "  # "cdefghi" fits a line
    # A fragment broken only once is no start of a longer word ("non" "co-op").
    assert resolve_breaks([f"is non{WORD_BREAK}co-operation"]) == [
        "is non co-operation"
    ]


def test_a_word_broken_after_its_apostrophe_is_one_word() -> None:
    """Chromium breaks a word wider than its column anywhere, even after the
    apostrophe of "Children's"; a closing quote over a word is no such break."""
    assert _sep("Children'", "s Social", spaces=False) == ""
    assert _sep("parents'", "savings", spaces=False) == " "


def test_a_number_at_a_line_end_then_a_word_are_two() -> None:
    """ "Band 7" / "Paediatric" (neither part written elsewhere): a number then
    a word are two words; an ordinal's ending is not a word of three letters."""
    assert resolve_breaks([f"Band 7{WORD_BREAK}Paediatric lead"]) == [
        "Band 7 Paediatric lead"
    ]
    assert resolve_breaks([f"the 3{WORD_BREAK}rd floor"]) == ["the 3rd floor"]


def test_a_word_that_fits_only_by_a_hairline_did_not_fit() -> None:
    """Producers measure cells in their own units and round: "No" fitting after
    "Yes" by a tenth of a point is no evidence the author broke the line."""
    lines = group_lines(_chars("Yes", 0) + _chars("No", 11))
    assert separator(lines[0], lines[1], 27.6, False, 2.5) != "\n"
    assert separator(lines[0], lines[1], 28.5, False, 2.5) == "\n"


def test_a_full_line_ending_in_an_apostrophe_wrapped_between_words() -> None:
    """ "for Children's'" fills its line, so the producer that prints wrap spaces
    dropped this one (it would stick out): "Services" is the next word. With
    room for the space and none printed, the word went on ("O'" / "Brien")."""
    full = group_lines(_chars("ab'", 0) + _chars("Services", 11))
    assert separator(full[0], full[1], 15.2, True, 2.5) == " "
    roomy = group_lines(_chars("O'", 0) + _chars("Brien", 11))
    assert separator(roomy[0], roomy[1], 20.0, True, 2.5) == ""


def test_a_capital_after_the_break_starts_a_word_unless_written_so() -> None:
    """ "Head" / "Teachers": the document writes "Headteachers", which is no
    evidence for "HeadTeachers"; a name written with its capital inside
    elsewhere ("McDonald") is glued back."""
    cut = f"Briefing for Head{WORD_BREAK}Teachers."
    assert resolve_breaks([cut, "Headteachers"])[0] == "Briefing for Head Teachers."
    assert resolve_breaks([f"the Mc{WORD_BREAK}Donald report", "McDonald"])[0] == (
        "the McDonald report"
    )


def _set(words: list[str], top: float, right: float | None = None) -> list[dict]:
    """A line of words, letters 5 pt and spaces 2.5 pt wide; set justified to
    `right` (its gaps widened alike) when given."""
    width = sum(5 * len(w) for w in words) + 2.5 * (len(words) - 1)
    extra = (right - width) / (len(words) - 1) if right and len(words) > 1 else 0.0
    chars: list[dict] = []
    x = 0.0
    for index, word in enumerate(words):
        if index:
            chars.append({**_chars(" ", top, x)[0], "x1": x + 2.5})
            x += 2.5 + extra
        chars += _chars(word, top, x)
        x += 5 * len(word)
    return chars


def test_a_justified_block_prints_no_wrap_space() -> None:
    """Word and LibreOffice print a space at a wrap, but none at the end of a
    justified line: in a block with a line widened to the edge, a full line
    that ends without a space ("Educator/Band" / "7 Senior") is no evidence of
    a word broken there; set ragged, it is."""
    right = 68.0  # "Educator/Band" is 65 pt: room for a space, not for a "7"
    rest = _chars("Educator/Band", 11) + _set(["7", "Senior"], 22)
    stretched = group_lines(_set(["ab", "cd"], 0, right) + rest)
    ragged = group_lines(_set(["ab", "cd"], 0) + rest)
    assert resolve_breaks([join_lines(stretched, right)]) == [
        "ab cd Educator/Band 7 Senior"
    ]
    assert join_lines(ragged, right) == "ab cd Educator/Band7 Senior"


def test_a_raised_small_number_after_a_word_is_a_note_call() -> None:
    """ "Action Plan¹": the superscript a footnote is called by, set small and
    raised, is no part of the word (Word's own text holds no reference); a
    digit of the running size stays ("Plan 1")."""
    call = {**_chars("1", 0, x=20)[0], "size": 5.0, "top": 0.0, "bottom": 5.0}
    lines = group_lines([*_chars("Plan", 0), call])
    assert [line.text for line in lines] == ["Plan"]
    assert lines[0].x1 == 20.0
    assert group_lines(_chars("Plan 1", 0))[0].text == "Plan 1"

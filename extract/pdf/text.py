"""Characters to lines and lines to text, from their positions on the page.

Decisions come from the text layer's geometry: a line that ends with a space was
wrapped (join with a space); one that ends in a hyphen or slash, or runs to the
cell's right edge without a space, was broken inside a word (join without one);
any other line ends its paragraph (keep the line break). So list items stay on
their own lines and no word is glued or split by wrapping.
"""

from __future__ import annotations

import itertools
import re
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from extract.pdf.font_weight import bold_by_name
from extract.pdf.settings import SETTINGS
from extract.pdf.word_breaks import SLASH_KEPT, WORD_BREAK

Char = dict[str, Any]
BULLETS = "◆•▪●○■□➢-–*"
NOTE_MARKS = "*†‡§¹²³⁴⁵⁶⁷⁸⁹⁰"  # besides digits, what calls a note
# A word and the closing marks set after it past spaces ("health /"), which a
# line does not break before (Unicode line breaking, LB13)
_WITH_MARKS = re.compile(r"\S+(?: +[)\]}!?,.:;/])+")
# A possessive or contraction ending at a line start ("'s" of "organisation's",
# broken where a word is wider than its column)
_CLITIC_START = re.compile(r"['’](?:s|t|d|m|ll|re|ve)\b", re.IGNORECASE)
# A line ending in an apostrophe right after a letter ("Children'")
_APOSTROPHE_END = re.compile(r"[^\W\d_]['’]$")
# A line ending in a slash right after a word ("Leads/")
_SLASH_END = re.compile(r"\w/$")
# A word's part up to a slash before a letter ("Leads/" of "Leads/Chief"); never
# before a digit, where no line breaks ("31/12/14", Unicode line breaking, LB25)
_SLASH_CUT = re.compile(r"\w+/(?=[^\W\d_])")


@dataclass(slots=True)
class Line:
    """One printed line: its characters left to right and its box."""

    chars: list[Char]
    x0: float
    x1: float
    top: float
    bottom: float

    @property
    def text(self) -> str:
        """The characters as printed, spaces included."""
        return "".join(char["text"] for char in self.chars)

    @property
    def size(self) -> float:
        """The largest font size on the line."""
        return max(float(char["size"]) for char in self.chars)

    @property
    def bold(self) -> bool:
        """Whether every visible character is set in a bold face."""
        visible = [c for c in self.chars if c["text"].strip()]
        return bool(visible) and all(_is_bold(c) for c in visible)


def _is_bold(char: Char) -> bool:
    """The document's judgement of the character's font (`font_weight`), or
    for a character made elsewhere, its font's name."""
    bold = char.get("bold")
    return bold_by_name(char["fontname"]) if bold is None else bold


def group_lines(chars: Iterable[Char]) -> list[Line]:
    """Characters into lines: a character joins a line its vertical middle falls in."""
    lines: list[Line] = []
    for char in sorted(chars, key=lambda c: (c["top"], c["x0"])):
        middle = (char["top"] + char["bottom"]) / 2
        line = next(
            (ln for ln in reversed(lines[-3:]) if ln.top <= middle <= ln.bottom), None
        )
        if line is None:
            lines.append(
                Line([char], char["x0"], char["x1"], char["top"], char["bottom"])
            )
            continue
        line.chars.append(char)
        line.x0 = min(line.x0, char["x0"])
        line.x1 = max(line.x1, char["x1"])
        line.top = min(line.top, char["top"])
        line.bottom = max(line.bottom, char["bottom"])
    for line in lines:
        line.chars.sort(key=lambda c: c["x0"])
        _drop_note_calls(line)
        _insert_gaps(line)
    lines.sort(key=lambda ln: (ln.top, ln.x0))
    return lines


def _drop_note_calls(line: Line) -> None:
    """Leave out the note calls set after words: digits or note marks set
    small (`note_call_size` of the line's size) and raised (`note_call_rise`),
    the superscript "1" of "Action Plan¹" a footnote or endnote refers to.
    Word's own text has none (a reference is no text), and left in they glue
    to the word ("Plan1", "20162")."""
    size = line.size
    kept = [
        char
        for char in line.chars
        if not (
            (char["text"].isdigit() or char["text"] in NOTE_MARKS)
            and float(char["size"]) <= SETTINGS.note_call_size * size
            and line.bottom - char["bottom"] >= SETTINGS.note_call_rise * size
        )
    ]
    if len(kept) == len(line.chars) or not kept:
        return
    line.chars = kept
    line.x0 = min(c["x0"] for c in kept)
    line.x1 = max(c["x1"] for c in kept)
    line.top = min(c["top"] for c in kept)
    line.bottom = max(c["bottom"] for c in kept)


def _insert_gaps(line: Line) -> None:
    """Add a space where two characters stand apart with none printed between
    (producers that position words instead of printing spaces)."""
    out: list[Char] = []
    for char in line.chars:
        if out and char["text"] != " " and out[-1]["text"] != " ":
            gap = char["x0"] - out[-1]["x1"]
            if gap > SETTINGS.word_gap * float(char["size"]):
                out.append({**char, "text": " ", "synthetic": True})
        out.append(char)
    line.chars = out


def join_lines(lines: list[Line], right: float, spaces: bool = True) -> str:
    """The text of a block of lines (a cell, a paragraph), paragraphs one per line.

    `right` is the right edge text can reach (a cell's inner edge); `spaces` says
    whether the producer prints space characters (then a missing trailing space
    is evidence too).
    """
    if not lines:
        return ""
    space = space_width(lines)
    bare = justified(lines, right, space)
    shown = spaces and not bare  # a missing wrap space is evidence
    parts = [lines[0].text.strip()]
    for prev, line in itertools.pairwise(lines):
        parts.append(separator(prev, line, right, spaces, space, justified=bare))
        if not shown and kept_whole_at_slash(prev, line, right, space):
            parts.append(SLASH_KEPT)
        parts.append(line.text.strip())
    return "".join(parts).strip()


def separator(
    prev: Line,
    line: Line,
    right: float,
    spaces: bool,
    space: float,
    justified: bool = False,
) -> str:
    """What stood between two consecutive lines: a space, a line break, nothing.

    `spaces` says the producer prints a space where it wraps a line, `justified`
    that these lines were justified, where it prints none: how the producer
    breaks lines still holds, what a missing space shows does not."""
    shown = spaces and not justified  # a missing wrap space is evidence
    head = line.text.lstrip()
    marked = _before_mark(prev, line, right, spaces, space)
    if marked is not None:
        return marked
    raw = prev.text
    if raw.endswith(" ") and shown:
        return " "
    if head[:1] == "/" and not spaces and _too_long(prev, line, right):
        return ""  # "NL/JW/PC" "/RM": a browser breaks no line before a slash
        # (LB13) but inside a token no line could hold, split to fill (where
        # the producer prints wrap spaces, one that would stick out is dropped:
        # LibreOffice breaks "effective" / "/transparent" at its space)
    stripped = raw.rstrip()
    if len(stripped) > 1 and stripped[-1] == "-" and stripped[-2].isalnum():
        return ""
    if would_fit(prev.x1 + space, first_word_width(line), right, line.size):
        return "\n"  # the next word would have fitted: the paragraph ended here
    if _CLITIC_START.match(head) and stripped[-1:].isalpha():
        return ""  # "organisation" "'s": a possessive ending starts no word
    if _APOSTROPHE_END.search(stripped) and _CLITIC_START.match("'" + head):
        return ""  # "Children'" "s Social Care": broken after the apostrophe
    letters = head[:1].isalpha() and stripped[-1:].isalpha()
    slashed = _SLASH_END.search(stripped) and head[:1].isalnum()
    if (letters or slashed) and _too_long(prev, line, right):  # split to fill
        # "for development/dis" "cussion" as the words say; "LOG/CQRC/" "PSQ"
        # is one token: no space in it. (A line breaks before a slash only at
        # a space, LB13: "effective" "/transparent" wrapped there.)
        return WORD_BREAK if letters else ""
    if not shown and _SLASH_END.search(stripped) and head[:1].isalpha():
        return WORD_BREAK  # "Leads/" "Chief": "Leads/Chief" or "Leads/ Chief"
    if not head[:1].isalnum() or " " in stripped:
        return " "  # a line of several words wraps between words
    if stripped[-1:] in "'’" and shown and right - prev.x1 >= space:
        return ""  # room for a space after the apostrophe, yet none printed
    if not (stripped[-1:].isalnum() or stripped.endswith("/")):
        return " "
    if shown and right - prev.x1 >= space and filled(prev, line, right):
        # room for a space, yet none printed, and not for the next letter: a
        # word broken at the edge. (Where the next letter would have fitted,
        # the line was not filled: a justified line prints no wrap space, as
        # Word and LibreOffice set "Thurrock" / "CCG"; the vocabulary decides.)
        return ""
    return WORD_BREAK


def _before_mark(
    prev: Line, line: Line, right: float, spaces: bool, space: float
) -> str | None:
    """What stood before a line that starts with a bullet or a closing mark
    (None for any other line)."""
    head = line.text.lstrip()
    if head[:1] in BULLETS and head[1:2] == " ":
        # A list item, unless its bullet would not have fitted on the full line
        # above: then the line wrapped before a bullet written inside the text.
        fits = would_fit(prev.x1 + space, first_word_width(line), right, line.size)
        return "\n" if fits else " "
    # A quote mark followed by a space or a mark closes a quotation (or ends a
    # plural possessive, "Children's' Services"): no line breaks before one
    # (Unicode LB19), so it wrapped with the word before, split to fill.
    closing_quote = head[:1] in "\"'" and head[1:2] in ("", " ", *".,;:!?)")
    if head[:1] in ".,;:!?)]’”" or closing_quote:
        # Punctuation belongs to the word before, unless it stands alone after a
        # line that ended in punctuation itself (". ."): a line breaks before a
        # mark only at a space, or inside a word too long for the line (the
        # full line's "competency." / ".", where no wrap space was printed).
        alone = head[1:2] in ("", " ") and prev.text.rstrip()[-1:] in ".,;:!?"
        wrapped = spaces and prev.text.endswith(" ")
        return " " if alone and (wrapped or not _too_long(prev, line, right)) else ""
    return None


def justified(lines: list[Line], right: float, space: float) -> bool:
    """Whether a block's lines were set justified: a line before its last,
    stretched (`stretch`), ends at the edge (within `fit_slack`). A producer
    that prints a space at a wrap elsewhere prints none at a justified line's
    end (Word, LibreOffice)."""
    return any(
        right - line.x1 <= SETTINGS.fit_slack * line.size and stretch(line, space)
        for line in lines[:-1]
    )


def stretch(line: Line, space: float) -> float:
    """The white space a justified line was widened by: what its word gaps
    hold beyond a space, when every one of them holds more than a space by
    `justified_stretch` of the size (else 0: a line set as its words need)."""
    gaps: list[float] = []
    end: float | None = None  # where the last word's last letter ended
    blank = False
    for char in line.chars:
        if char["text"] == " ":
            blank = end is not None
            continue
        if blank and end is not None:
            gaps.append(char["x0"] - end - space)
        blank = False
        end = char["x1"]
    wide = bool(gaps) and min(gaps) >= SETTINGS.justified_stretch * line.size
    return sum(gaps) if wide else 0.0


def kept_whole_at_slash(prev: Line, line: Line, right: float, space: float) -> bool:
    """Whether a wrapped line's first word holds a slash ("Leads/Chief") whose
    part up to the slash would have fitted on the line above: the producer kept
    the word whole, so it does not break lines after a slash (Chromium), and a
    line that ends in one elsewhere ended at a space. Producers that do break
    there (Pango) never show this."""
    head = line.text.lstrip()
    cut = _SLASH_CUT.match(head)
    if cut is None:
        return False
    start = len(line.text) - len(head)
    width = _span_width(line, start, start + cut.end())
    whole = first_word_width(line)
    return would_fit(prev.x1 + space, width, right, line.size) and (
        prev.x1 + space + whole > right
    )


def would_fit(start: float, width: float, right: float, size: float) -> bool:
    """Whether `width` set from `start` fits before `right` with room to spare
    (`fit_slack`): the producer measured its cell to its own device units and
    rounding, the reader measures glyph advances and rule centres, so a word
    that fits by a hairline here may not have fitted there."""
    return start + width <= right - SETTINGS.fit_slack * size


def _too_long(prev: Line, line: Line, right: float) -> bool:
    """Whether the last word of `prev` and the first of `line`, taken as one,
    are wider than the column (from where `line` starts to `right`) and `prev`
    is full (the next letter would not have fitted): no line could hold that
    word, so a producer that splits long words (ReportLab, Pango) may have split
    it to fill the line; the vocabulary then decides."""
    text = prev.text.rstrip()
    start = len(text) - len(text.split(" ")[-1])
    tail = _chars_between(prev, start, len(text))
    head = line.text.lstrip()
    word = len(line.text) - len(head) + len(re.split(r"[\s]", head, maxsplit=1)[0])
    lead = _chars_between(line, len(line.text) - len(head), word)
    if not (tail and lead and filled(prev, line, right)):
        return False  # the next letter would have fitted: not split to fill
    width = sum(c["x1"] - c["x0"] for c in (*tail, *lead))
    return width > right - line.x0


def filled(prev: Line, line: Line, right: float) -> bool:
    """Whether `prev` was full: the first letter of `line` would not have fitted
    after its words as set without justification (a justified line reaches the
    edge, yet its words left room: it was not split to fill)."""
    head = line.text.lstrip()
    start = len(line.text) - len(head)
    first = _chars_between(line, start, start + 1)
    end = prev.x1 - stretch(prev, space_width([prev]))
    return bool(first) and right - end < first[0]["x1"] - first[0]["x0"]


def first_word_width(line: Line) -> float:
    """The width a line's first word needed on the line above: with any
    closing mark set after it past spaces ("health /", "word )"), since a line
    breaks before such a mark at no space (Unicode line breaking, LB13), so the
    word and the mark wrapped together."""
    head = line.text.lstrip()
    start = len(line.text) - len(head)
    word = start + len(head.split(" ", 1)[0])
    chars = _chars_between(line, start, word)
    width = sum(c["x1"] - c["x0"] for c in chars)
    unit = _WITH_MARKS.match(head)
    if unit and start + unit.end() > word:
        width += _chars_between(line, start, start + unit.end())[-1]["x1"]
        width -= chars[-1]["x1"]
    return width


def _chars_between(line: Line, start: int, end: int) -> list[Char]:
    """The characters printing `line.text[start:end]` (one character may print
    several letters: a ligature, a decoded symbol)."""
    out: list[Char] = []
    at = 0
    for char in line.chars:
        if at >= end:
            break
        if at + len(char["text"]) > start:
            out.append(char)
        at += len(char["text"])
    return out


def _span_width(line: Line, start: int, end: int) -> float:
    """From the left of `line.text[start]` to the right of `line.text[end - 1]`."""
    chars = _chars_between(line, start, end)
    return float(chars[-1]["x1"] - chars[0]["x0"])


def prints_wrap_spaces(chars: list[Char]) -> bool:
    """Whether the producer prints a space where it wraps a line (LibreOffice
    does; browsers and ReportLab do not): a word's trailing space is followed,
    in the content stream, by the start of the next line of its paragraph (at
    most `paragraph_gap` below, back to the left). Only then is a line end
    without a space evidence of a word broken at the edge. Spaces standing for
    empty cells, or a cell's trailing space followed by the next cell's text
    (rows below, or beside), are no wrap."""
    for word, char, after in zip(chars, chars[1:], chars[2:], strict=False):
        if char["text"] != " " or not word["text"].strip():
            continue
        size = float(char["size"])
        down = after["top"] - char["top"]
        trailing = char["x0"] - word["x1"] <= SETTINGS.word_gap * size
        wrapped = 0.5 * size < down <= SETTINGS.paragraph_gap * size
        if trailing and wrapped and after["x0"] < char["x0"]:
            return True
    return False


def space_width(lines: list[Line]) -> float:
    """The width of a space in these lines' font, measured where one is printed."""
    widths = [
        c["x1"] - c["x0"]
        for line in lines
        for c in line.chars
        if c["text"] == " " and not c.get("synthetic")
    ]
    return max(widths) if widths else 0.33 * max(line.size for line in lines)

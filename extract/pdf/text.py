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
from extract.pdf.word_breaks import WORD_BREAK

Char = dict[str, Any]
BULLETS = "◆•▪●○■□➢-–*"
# A word and the closing marks set after it past spaces ("health /"), which a
# line does not break before (Unicode line breaking, LB13)
_WITH_MARKS = re.compile(r"\S+(?: +[)\]}!?,.:;/])+")


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
        _insert_gaps(line)
    lines.sort(key=lambda ln: (ln.top, ln.x0))
    return lines


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
    parts = [lines[0].text.strip()]
    for prev, line in itertools.pairwise(lines):
        parts.append(separator(prev, line, right, spaces, space))
        parts.append(line.text.strip())
    return "".join(parts).strip()


def separator(prev: Line, line: Line, right: float, spaces: bool, space: float) -> str:
    """What stood between two consecutive lines: a space, a line break, nothing."""
    head = line.text.lstrip()
    if head[:1] in BULLETS and head[1:2] == " ":
        return "\n"
    closing_quote = head[:1] == '"' and head[1:2] in ("", " ", *".,;:!?)")
    if head[:1] in ".,;:!?)]’”" or closing_quote:
        # Punctuation belongs to the word before, unless it stands alone after a
        # line that ended in punctuation itself (". ."): a line breaks before a
        # mark only at a space, or inside a word too long for the line.
        alone = head[1:2] in ("", " ") and prev.text.rstrip()[-1:] in ".,;:!?"
        return " " if alone else ""
    raw = prev.text
    if raw.endswith(" ") and spaces:
        return " "
    stripped = raw.rstrip()
    if len(stripped) > 1 and stripped[-1] == "-" and stripped[-2].isalnum():
        return ""
    if prev.x1 + space + first_word_width(line) <= right:
        return "\n"  # the next word would have fitted: the paragraph ended here
    if not head[:1].isalnum() or " " in stripped:
        return " "  # a line of several words wraps between words
    if stripped[-1:] in "'’" and spaces:
        return ""
    if not (stripped[-1:].isalnum() or stripped.endswith("/")):
        return " "
    if spaces and right - prev.x1 >= space:
        return ""  # room for a space, yet none printed: a word broken at the edge
    return WORD_BREAK


def first_word_width(line: Line) -> float:
    """The width a line's first word needed on the line above: with any
    closing mark set after it past spaces ("health /", "word )"), since a line
    breaks before such a mark at no space (Unicode line breaking, LB13), so the
    word and the mark wrapped together."""
    head = line.text.lstrip()
    start = len(line.text) - len(head)
    word = len(head.split(" ", 1)[0])
    width = sum(c["x1"] - c["x0"] for c in line.chars[start : start + word])
    unit = _WITH_MARKS.match(head)
    end = start + (unit.end() if unit else word)
    if end > start + word:
        width += line.chars[end - 1]["x1"] - line.chars[start + word - 1]["x1"]
    return width


def prints_wrap_spaces(chars: list[Char]) -> bool:
    """Whether the producer prints a space where it wraps a line (LibreOffice
    does; browsers and ReportLab do not): some space character is followed, in
    the content stream, by a character on another line. Only then is a line end
    without a space evidence of a word broken at the edge."""
    for char, after in itertools.pairwise(chars):
        if char["text"] == " " and abs(after["top"] - char["top"]) > 0.5 * float(
            char["size"]
        ):
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

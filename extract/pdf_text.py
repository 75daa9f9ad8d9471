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
from collections import Counter
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import Any

Char = dict[str, Any]
BULLETS = "◆•▪●○■□➢-–*"
# English words of one or two letters: a line that starts with one of these after
# a broken-looking line end is more likely a new word than the end of one.
SHORT_WORDS = frozenset(
    {"a", "i", "an", "as", "at", "be", "by", "do", "go", "if", "in", "is"}
    | {"it", "me", "my", "no", "of", "on", "or", "so", "to", "up", "us", "we"}
)


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
        return bool(visible) and all(_is_bold(c["fontname"]) for c in visible)


def _is_bold(fontname: str) -> bool:
    name = fontname.lower()
    return "bold" in name or "black" in name or "heavy" in name


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
            if gap > 0.25 * float(char["size"]):
                out.append({**char, "text": " ", "synthetic": True})
        out.append(char)
    line.chars = out


# Stands in the text where a line ends in a word that filled the whole line and
# the next line starts with letters: either a word broken at the cell edge or two
# words; `resolve_breaks` decides from the document's own vocabulary.
WORD_BREAK = "\ue000"


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
    if head[:1] in ".,;:!?)]’”" or (head[:1] == '"' and not head[1:2].isalnum()):
        return ""  # punctuation wrapped on its own belongs to the word before
    raw = prev.text
    if raw.endswith(" ") and spaces:
        return " "
    stripped = raw.rstrip()
    if len(stripped) > 1 and stripped[-1] == "-" and stripped[-2].isalnum():
        return ""
    first_word = head.split(" ", 1)[0]
    word_width = sum(
        c["x1"] - c["x0"]
        for c in line.chars[
            len(line.text) - len(head) : len(line.text) - len(head) + len(first_word)
        ]
    )
    if prev.x1 + space + word_width <= right:
        return "\n"  # the next word would have fitted: the paragraph ended here
    if not head[:1].isalnum() or " " in stripped:
        return " "  # a line of several words wraps between words
    if stripped[-1:] in "'’":
        return ""
    if not (stripped[-1:].isalnum() or stripped.endswith("/")):
        return " "
    if spaces and right - prev.x1 >= space:
        return ""  # room for a space, yet none printed: a word broken at the edge
    return WORD_BREAK


def space_width(lines: list[Line]) -> float:
    """The width of a space in these lines' font, measured where one is printed."""
    widths = [
        c["x1"] - c["x0"]
        for line in lines
        for c in line.chars
        if c["text"] == " " and not c.get("synthetic")
    ]
    return max(widths) if widths else 0.33 * max(line.size for line in lines)


def resolve_breaks(texts: list[str], spaces: bool = True) -> list[str]:
    """Replace each WORD_BREAK by nothing or a space, from the document's own words.

    After a slash, glue unless the document writes that pair with a space more
    often ("Group/ SI") than without ("CYP/Named"). Otherwise glue when the joined
    word occurs elsewhere, or when neither part does on its own ("reflectio" "n");
    two words the document uses ("commencement" "of") stay two words.
    """
    if not any(WORD_BREAK in text for text in texts):
        return texts
    clean = " ".join(re.sub(rf"[\w/]*{WORD_BREAK}[\w/]*", " ", t) for t in texts)
    words = Counter(w.lower() for w in re.findall(r"\w+", clean))
    glued = Counter(w.lower() for w in re.findall(r"(?=\b(\w+/\w+))", clean))
    spaced = Counter(
        f"{a}/{b}".lower() for a, b in re.findall(r"(?=\b(\w+)/ (\w+))", clean)
    )

    def decide(left: str, right: str) -> bool:
        last = left.rstrip("/").rsplit("/", 1)[-1].lower()
        if left.endswith("/"):
            pair = f"{last}/{right.lower()}"
            # A printed space would have stood at the line end; without one
            # printed anywhere, a tie says nothing, and slashes mostly glue.
            return glued[pair] > spaced[pair] or (not spaces and not spaced[pair])
        if words[last + right.lower()]:
            return True
        # A word end ("reflectio" "n", "Novemb" "er") is no evidence of a word.
        tail = right.lower()
        return not (
            words[last] or ((len(tail) > 2 or tail in SHORT_WORDS) and words[tail])
        )

    return [_settle(text, decide) for text in texts]


def _settle(text: str, decide: Callable[[str, str], bool]) -> str:
    """Apply `decide(left, right)` at each WORD_BREAK, left to right, so a word
    broken more than once ("com" "plet" "e") is judged on what came before."""
    parts = text.split(WORD_BREAK)
    out = parts[0]
    for part in parts[1:]:
        left = re.search(r"[\w/]+$", out)
        right = re.match(r"\w+", part)
        glue = bool(left and right and decide(left.group(), right.group()))
        out += part if glue else f" {part}"
    return out

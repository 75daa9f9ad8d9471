"""Characters to lines and lines to text, from their positions on the page.

Decisions come from the text layer's geometry: a line that ends with a space was
wrapped (join with a space); one that ends in a hyphen or slash, or runs to the
cell's right edge without a space, was broken inside a word (join without one);
any other line ends its paragraph (keep the line break). So list items stay on
their own lines and no word is glued or split by wrapping.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

Char = dict[str, Any]
BULLETS = "◆•▪●○■□➢-–*"


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
            lines.append(Line([char], char["x0"], char["x1"], char["top"],
                              char["bottom"]))
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


def join_lines(lines: list[Line], right: float) -> str:
    """The text of a block of lines (a cell, a paragraph), paragraphs one per line.

    `right` is the right edge text can reach (a cell's inner edge).
    """
    out = ""
    for index, line in enumerate(lines):
        text = line.text
        if index:
            out += _separator(lines[index - 1], line, right)
        out += text.strip() if index else text.lstrip()
        out = out.rstrip(" ") if index == len(lines) - 1 else out
    return out.strip()


def _separator(prev: Line, line: Line, right: float) -> str:
    raw = prev.text
    if line.text.lstrip()[:1] in BULLETS and line.text.lstrip()[1:2] == " ":
        return "\n"
    if raw.endswith(" "):
        return " "
    stripped = raw.rstrip()
    if stripped.endswith(("-", "/")) and len(stripped) > 1 and stripped[-2] != " ":
        return ""
    char_width = (prev.x1 - prev.x0) / max(len(stripped), 1)
    if " " not in stripped and prev.x1 >= right - char_width:
        return ""  # a word too long for the cell, broken where the edge fell
    if not _prints_spaces(prev):
        return " "
    return "\n"


def _prints_spaces(line: Line) -> bool:
    """Whether the producer printed space characters on this line (then a line
    with no trailing space ends a paragraph)."""
    return any(c["text"] == " " and not c.get("synthetic") for c in line.chars)

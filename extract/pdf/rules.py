"""A page's table rules as a table finder needs them, whatever drew them.

Producers draw the same grid in different ways: LibreOffice strokes one line per
cell edge; browsers fill thin rectangles; with separate borders every cell has its
own box, so each boundary is drawn twice a border-spacing apart; browsers and
report generators leave a cell that runs on to the next page open at the page foot
(and, without a repeated header, at the next page's top). This module turns all of
them into one set of boundaries:

- parallel rules closer than a line of text (`PdfSettings.double_rule_gap` of the
  body size), with no character between them, are one boundary, at their middle;
- where the lowest (or highest) ends of the vertical rules are not joined by a
  drawn horizontal rule over their whole span, the table is closed there by a rule
  marked `page_edge`: the cells it closes were cut by the page end (the page's
  content edge, or the table's last rule), not ended by the producer.
"""

from __future__ import annotations

from typing import Any

from extract.pdf.objects import PageObjects
from extract.pdf.text import Char

Rule = dict[str, Any]
PAGE_EDGE = "page_edge"  # key marking a rule the reader added at a page end


def rules_and_fills(
    objects: PageObjects, thin: float
) -> tuple[list[Rule], list[Rule], list[Rule]]:
    """The page's horizontal and vertical rules, as zero-thickness lines at the
    middle of what was drawn, and its filled rectangles (shading). A line or
    rectangle at most `thin` thick is a rule; a stroked box gives its four sides."""
    horizontal: list[Rule] = []
    vertical: list[Rule] = []
    fills: list[Rule] = []
    for line in objects.lines:
        if abs(line["top"] - line["bottom"]) <= thin:
            horizontal.append(_line(line, horizontal=True))
        else:
            vertical.append(_line(line, horizontal=False))
    for rect in objects.rects:
        width, height = rect["x1"] - rect["x0"], rect["bottom"] - rect["top"]
        if height <= thin and width > height:
            horizontal.append(_line(rect, horizontal=True))
        elif width <= thin and height > width:
            vertical.append(_line(rect, horizontal=False))
        else:
            if rect.get("fill"):
                fills.append(rect)
            if rect.get("stroke"):
                horizontal += [
                    _line({**rect, "bottom": rect["top"]}, horizontal=True),
                    _line({**rect, "top": rect["bottom"]}, horizontal=True),
                ]
                vertical += [
                    _line({**rect, "x1": rect["x0"]}, horizontal=False),
                    _line({**rect, "x0": rect["x1"]}, horizontal=False),
                ]
    return horizontal, vertical, fills


def _line(shape: Rule, horizontal: bool) -> Rule:
    """A rule as a pdfplumber line object of no thickness (so the table finder
    takes one edge from it, at its middle)."""
    rule = {
        "object_type": "line",
        "x0": shape["x0"],
        "x1": shape["x1"],
        "top": shape["top"],
        "bottom": shape["bottom"],
        "doctop": shape["doctop"],
    }
    return _moved(
        rule,
        _middle(rule, "top" if horizontal else "x0", "bottom" if horizontal else "x1"),
        horizontal,
    )


def _moved(rule: Rule, position: float, horizontal: bool) -> Rule:
    """`rule` with no thickness, at `position` across its length."""
    if horizontal:
        doctop = rule["doctop"] - rule["top"] + position
        return {
            **rule,
            "top": position,
            "bottom": position,
            "doctop": doctop,
            "height": 0.0,
            "width": rule["x1"] - rule["x0"],
        }
    return {
        **rule,
        "x0": position,
        "x1": position,
        "width": 0.0,
        "height": rule["bottom"] - rule["top"],
    }


def merge_double_rules(
    rules: list[Rule], chars: list[Char], gap: float, horizontal: bool
) -> list[Rule]:
    """Rules with each run of close parallel levels moved onto one position (their
    middle), so the finder sees one boundary. A level is all rules at one position;
    two levels closer than `gap` are one boundary unless text lies between them
    where they overlap."""
    lo, hi = ("top", "bottom") if horizontal else ("x0", "x1")
    levels: list[list[Rule]] = []
    for rule in sorted(rules, key=lambda r: _middle(r, lo, hi)):
        if levels and _middle(rule, lo, hi) - _middle(levels[-1][-1], lo, hi) < 0.5:
            levels[-1].append(rule)
        else:
            levels.append([rule])
    groups: list[list[list[Rule]]] = []
    for level in levels:
        last = groups[-1][-1] if groups else None
        if (
            last is not None
            and _middle(level[0], lo, hi) - _middle(last[0], lo, hi) < gap
            and not _text_between(last, level, chars, horizontal)
        ):
            groups[-1].append(level)
        else:
            groups.append([level])
    out: list[Rule] = []
    for group in groups:
        if len(group) == 1:
            out += group[0]
            continue
        middle = sum(_middle(level[0], lo, hi) for level in group) / len(group)
        out += [_moved(r, middle, horizontal) for level in group for r in level]
    return out


def close_at_page_edges(
    horizontal: list[Rule], vertical: list[Rule], tolerance: float
) -> list[Rule]:
    """Rules closing a table cut by the page end: where the lowest (or highest)
    ends of at least two vertical rules are not joined by a horizontal rule over
    their whole span, a rule marked `page_edge` joins them there."""
    if len(vertical) < 2:
        return []
    added: list[Rule] = []
    foot = max(v["bottom"] for v in vertical)
    ends = [v for v in vertical if v["bottom"] >= foot - tolerance]
    head = min(v["top"] for v in vertical)
    starts = [v for v in vertical if v["top"] <= head + tolerance]
    for y, group in ((foot, ends), (head, starts)):
        if len(group) < 2:
            continue
        rule = _rule(group, y)
        if not _covered(rule, horizontal, tolerance):
            added.append(rule)
    return added


def _covered(rule: Rule, horizontal: list[Rule], tolerance: float) -> bool:
    """Whether drawn rules at the rule's height cover its length (gaps up to
    `tolerance` allowed)."""
    pieces = sorted(
        (h["x0"], h["x1"])
        for h in horizontal
        if abs(h["top"] - rule["top"]) <= tolerance
    )
    reach = rule["x0"]
    for x0, x1 in pieces:
        if x0 > reach + tolerance:
            return False
        reach = max(reach, x1)
    return reach >= rule["x1"] - tolerance


def _rule(verticals: list[Rule], y: float) -> Rule:
    x0 = min(v["x0"] for v in verticals)
    x1 = max(v["x1"] for v in verticals)
    return {
        "x0": x0,
        "x1": x1,
        "top": y,
        "bottom": y,
        "width": x1 - x0,
        "height": 0.0,
        "object_type": "line",
        "doctop": verticals[0]["doctop"] - verticals[0]["top"] + y,
        PAGE_EDGE: True,
    }


def _middle(rule: Rule, lo: str, hi: str) -> float:
    return (rule[lo] + rule[hi]) / 2


def _text_between(
    upper: list[Rule], lower: list[Rule], chars: list[Char], horizontal: bool
) -> bool:
    """Whether a character's centre lies between two levels of parallel rules,
    where they overlap: then they bound a row (or column) of text."""
    lo, hi = ("top", "bottom") if horizontal else ("x0", "x1")
    a, b = _middle(upper[0], lo, hi), _middle(lower[0], lo, hi)
    for char in chars:
        cx = (char["x0"] + char["x1"]) / 2
        cy = (char["top"] + char["bottom"]) / 2
        across, along = (cy, cx) if horizontal else (cx, cy)
        if not a < across < b:
            continue
        if _covers(upper, along, horizontal) or _covers(lower, along, horizontal):
            return True
    return False


def _covers(level: list[Rule], along: float, horizontal: bool) -> bool:
    lo, hi = ("x0", "x1") if horizontal else ("top", "bottom")
    return any(r[lo] <= along <= r[hi] for r in level)

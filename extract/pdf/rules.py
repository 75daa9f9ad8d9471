"""A page's table rules as a table finder needs them, whatever drew them.

Producers draw the same grid in different ways: LibreOffice strokes one line per
cell edge; browsers fill thin rectangles; with separate borders every cell has its
own box, so each boundary is drawn twice a border-spacing apart; browsers and
report generators leave a cell that runs on to the next page open at the page foot
(and, without a repeated header, at the next page's top). This module turns all of
them into one set of boundaries:

- parallel rules closer than a line of text (`PdfSettings.double_rule_gap` of the
  body size), with no character between them, are one boundary, at their middle;
- a rule that stops short of a perpendicular boundary by less than that gap, with
  no character in the way, meets it: a cell box inset by the border spacing (or
  left open at the page end under a repeated header) still reaches the boundary
  its neighbours share, whatever the spacing;
- vertical rules that start at one level meeting no rule, under a rule that
  spans them, are cells continued under a repeated header: they are closed
  there by a rule marked `page_edge`;
- where the lowest (or highest) ends of the vertical rules are not joined by a
  drawn horizontal rule over their whole span, the table is closed there by a rule
  marked `page_edge`: the cells it closes were cut by the page end (the page's
  content edge, or the table's last rule), not ended by the producer.
"""

from __future__ import annotations

import itertools
from bisect import bisect_left, bisect_right
from typing import Any

from extract.pdf.objects import PageObjects
from extract.pdf.text import Char

Rule = dict[str, Any]
PAGE_EDGE = "page_edge"  # key marking a rule the reader added at a page end
# Key of a rule moved onto the middle of a double rule: where it was drawn, which
# tells on which side of the boundary its cell box lies.
DRAWN_AT = "drawn_at"


def rules_and_fills(
    objects: PageObjects, thin: float
) -> tuple[list[Rule], list[Rule], list[Rule]]:
    """The page's horizontal and vertical rules, as zero-thickness lines at the
    middle of what was drawn, and its filled rectangles (shading). A line or
    rectangle at most `thin` thick is a rule; a stroked box gives its four sides."""
    horizontal, vertical, framed = frame_sides(objects.rects, thin)
    fills: list[Rule] = []
    for line in objects.lines:
        if abs(line["top"] - line["bottom"]) <= thin:
            horizontal.append(_line(line, horizontal=True))
        else:
            vertical.append(_line(line, horizontal=False))
    for index, rect in enumerate(objects.rects):
        if index in framed:
            continue
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


def frame_sides(
    rects: list[Rule], thin: float
) -> tuple[list[Rule], list[Rule], set[int]]:
    """Box borders filled as one shape, the difference of two rectangles: a
    filled rectangle with another of the same colour inside it, at most `thin`
    in from each side (WeasyPrint draws separate borders so). Each side where
    the two differ is a rule; a side where they meet was not drawn (a box left
    open at a page break). Returns the horizontal and vertical rules and the
    indexes of the rectangles they came from, which are no shading."""
    horizontal: list[Rule] = []
    vertical: list[Rule] = []
    framed: set[int] = set()
    filled = sorted(
        (r["x0"], i)
        for i, r in enumerate(rects)
        if r.get("fill")
        and not r.get("stroke")
        and min(r["x1"] - r["x0"], r["bottom"] - r["top"]) > thin  # not a rule itself
    )
    starts = [x0 for x0, _ in filled]
    for x0, i in filled:
        if i in framed:
            continue
        outer = rects[i]
        for _, j in filled[bisect_left(starts, x0) : bisect_right(starts, x0 + thin)]:
            inner = rects[j]
            margins = _margins(outer, inner)
            if j == i or j in framed or not _frames(margins, thin):
                continue
            if inner.get("non_stroking_color") != outer.get("non_stroking_color"):
                continue
            framed |= {i, j}
            left, top, right, bottom = margins
            sides = [
                (top, {**outer, "bottom": inner["top"]}, True),
                (bottom, {**outer, "top": inner["bottom"]}, True),
                (left, {**outer, "x1": inner["x0"]}, False),
                (right, {**outer, "x0": inner["x1"]}, False),
            ]
            for margin, side, across in sides:
                if margin > _DRAWN:
                    (horizontal if across else vertical).append(_line(side, across))
            break
    return horizontal, vertical, framed


# Below this many points two edges of a frame coincide: that side is not drawn.
_DRAWN = 0.01


def _margins(outer: Rule, inner: Rule) -> tuple[float, float, float, float]:
    """How far `inner` lies inside `outer` from the left, top, right, bottom."""
    return (
        inner["x0"] - outer["x0"],
        inner["top"] - outer["top"],
        outer["x1"] - inner["x1"],
        outer["bottom"] - inner["bottom"],
    )


def _frames(margins: tuple[float, float, float, float], thin: float) -> bool:
    """Whether margins are those of a border: none outside, none thicker than a
    rule, some side drawn."""
    return all(-_DRAWN <= m <= thin for m in margins) and max(margins) > _DRAWN


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
    where they overlap. A moved rule keeps where it was drawn (`DRAWN_AT`)."""
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
        if len(group) == 1 and _flat(group[0], lo, hi):
            out += group[0]
            continue
        middle = sum(_middle(level[0], lo, hi) for level in group) / len(group)
        out += [
            {**_moved(r, middle, horizontal), DRAWN_AT: _middle(r, lo, hi)}
            for level in group
            for r in level
        ]
    return out


def _flat(level: list[Rule], lo: str, hi: str) -> bool:
    """Whether a level's rules lie at exactly one position (else they are moved
    onto its first: a box's drawn bottom 0.4 pt above the rule closing the
    boxes beside it at the page foot is the same boundary)."""
    first = _middle(level[0], lo, hi)
    return all(_middle(r, lo, hi) == first for r in level)


def join_rule_ends(
    rules: list[Rule],
    across: list[Rule],
    chars: list[Char],
    reach: float,
    tolerance: float,
    horizontal: bool,
) -> list[Rule]:
    """`rules` with each end that meets no perpendicular rule (of `across`, within
    `tolerance`) drawn on to the nearest one beyond it within `reach`, if no
    character lies on the way. With separate borders a box's sides stop half a
    border spacing short of the boundary merged between two boxes, and cells
    continued under a repeated header start a spacing below the header's rule."""
    lo, hi = ("x0", "x1") if horizontal else ("top", "bottom")
    # Each perpendicular rule as its position and the two ends of its span.
    at, start, stop = ("x0", "top", "bottom") if horizontal else ("top", "x0", "x1")
    levels = sorted((r[at], r[start], r[stop]) for r in across)
    positions = [level[0] for level in levels]
    on_way = _CharsAcross(chars, horizontal)
    out: list[Rule] = []
    for rule in rules:
        place = rule["top"] if horizontal else rule["x0"]
        ends = []
        for end, outward in ((rule[lo], -1.0), (rule[hi], 1.0)):
            crossing = _crossings(levels, positions, place, end, tolerance, tolerance)
            if crossing:
                ends.append(end)
                continue
            beyond = [
                p
                for p in _crossings(levels, positions, place, end, reach, tolerance)
                if (p - end) * outward > 0 and not on_way.any_on(place, end, p)
            ]
            ends.append(min(beyond, key=lambda p: abs(p - end)) if beyond else end)
        if ends == [rule[lo], rule[hi]]:
            out.append(rule)
            continue
        moved = {**rule, lo: ends[0], hi: ends[1]}
        moved["width" if horizontal else "height"] = ends[1] - ends[0]
        if not horizontal:
            moved["doctop"] = rule["doctop"] - rule["top"] + ends[0]
        out.append(moved)
    return out


def _crossings(
    levels: list[tuple[float, float, float]],
    positions: list[float],
    place: float,
    end: float,
    reach: float,
    tolerance: float,
) -> list[float]:
    """Positions of the perpendicular rules within `reach` of `end` that pass
    `place` (within `tolerance`)."""
    first = bisect_left(positions, end - reach)
    last = bisect_right(positions, end + reach)
    return [
        p
        for p, start, stop in levels[first:last]
        if start - tolerance <= place <= stop + tolerance
    ]


class _CharsAcross:
    """The characters a rule at some place may cross, found by bisection (a
    page has thousands, and every open rule end asks)."""

    def __init__(self, chars: list[Char], horizontal: bool) -> None:
        # Across the rule: a horizontal rule crosses a character's top..bottom.
        lo, hi = ("top", "bottom") if horizontal else ("x0", "x1")
        a, b = ("x0", "x1") if horizontal else ("top", "bottom")
        spans = sorted((c[lo], c[hi], (c[a] + c[b]) / 2) for c in chars)
        self.starts = [span[0] for span in spans]
        self.spans = spans
        self.reach = max((span[1] - span[0] for span in spans), default=0.0)

    def any_on(self, place: float, a: float, b: float) -> bool:
        """Whether a character's box crosses the rule at `place` between `a`
        and `b` along it."""
        lo, hi = min(a, b), max(a, b)
        first = bisect_right(self.starts, place - self.reach)
        last = bisect_left(self.starts, place)
        return any(
            place < stop and lo < along < hi
            for _, stop, along in self.spans[first:last]
        )


def close_open_tops(
    horizontal: list[Rule], vertical: list[Rule], tolerance: float, spacing: float
) -> list[Rule]:
    """Rules closing cells continued under a repeated header: where at least two
    vertical rules start at one level, meeting no horizontal rule there, under
    a horizontal rule that spans them, a rule marked `page_edge` joins them (the
    cells were cut at the head of the page, below the header)."""
    rows = sorted((h["top"], h["x0"], h["x1"]) for h in horizontal)
    tops: dict[float, list[Rule]] = {}
    for v in vertical:
        x, top = v["x0"], v["top"]
        if any(
            abs(y - top) <= tolerance and x0 - tolerance <= x <= x1 + tolerance
            for y, x0, x1 in rows
        ) or _continues(v, vertical, tolerance):
            continue
        level = next((t for t in tops if abs(t - top) <= tolerance), top)
        tops.setdefault(level, []).append(v)
    added = []
    for level, group in tops.items():
        rule = _rule(group, level)
        over = [
            y for y, x0, x1 in rows if y < level and x0 < rule["x1"] and x1 > rule["x0"]
        ]
        if len(group) < 2 or not over:
            continue
        header = {**rule, "top": max(over), "bottom": max(over)}
        if _covered(header, horizontal, tolerance, spacing):
            added.append(rule)
    return added


def _continues(rule: Rule, vertical: list[Rule], tolerance: float) -> bool:
    """Whether a vertical rule goes on from another one ending where it starts
    (a side drawn in pieces), so its top is no open end."""
    return any(
        abs(v["x0"] - rule["x0"]) <= tolerance
        and v["top"] < rule["top"] - tolerance
        and v["bottom"] >= rule["top"] - tolerance
        for v in vertical
    )


def close_at_page_edges(
    horizontal: list[Rule], vertical: list[Rule], tolerance: float, spacing: float = 0.0
) -> list[Rule]:
    """Rules closing a table cut by the page end: where the lowest (or highest)
    ends of at least two vertical rules are not joined by a horizontal rule over
    their whole span, a rule marked `page_edge` joins them there. Drawn rules
    with gaps up to `spacing` between them join (separate borders leave the
    border spacing between two boxes' bottom rules)."""
    if len(vertical) < 2:
        return []
    added: list[Rule] = []
    # Boxes' sides cut by the page end stop within a border spacing of it
    # (Chromium starts each box continued at the top a spacing lower).
    near = max(tolerance, spacing)
    foot = max(v["bottom"] for v in vertical)
    ends = [v for v in vertical if v["bottom"] >= foot - near]
    head = min(v["top"] for v in vertical)
    starts = [v for v in vertical if v["top"] <= head + near]
    for y, group in ((foot, ends), (head, starts)):
        if len(group) < 2:
            continue
        rule = _rule(group, y)
        if not _covered(rule, horizontal, tolerance, max(spacing, tolerance)):
            added.append(rule)
    return added + _close_short_boxes(horizontal, vertical, tolerance, foot)


def _close_short_boxes(
    horizontal: list[Rule], vertical: list[Rule], tolerance: float, foot: float
) -> list[Rule]:
    """Rules closing boxes left open above the table's foot: where vertical
    rules end together, meeting no horizontal rule, the box between each two of
    them was cut by the page break and drawn short of its rows (a cell merged
    down rows, its text ending on this page); a rule marked `page_edge` closes
    it there."""
    by_level = sorted(horizontal, key=lambda h: h["top"])
    levels = [h["top"] for h in by_level]
    starts = [(v["x0"], v["top"]) for v in vertical]

    def met(v: Rule) -> bool:
        """Whether the rule's lower end meets a horizontal rule, or a vertical
        rule going on from there (a shaded header's rules over the body's)."""
        end = v["bottom"]
        near = by_level[
            bisect_left(levels, end - tolerance) : bisect_right(levels, end + tolerance)
        ]
        return any(
            h["x0"] - tolerance <= v["x0"] <= h["x1"] + tolerance for h in near
        ) or any(
            abs(x - v["x0"]) <= tolerance and abs(top - end) <= tolerance
            for x, top in starts
        )

    open_ends = [v for v in vertical if v["bottom"] < foot - tolerance and not met(v)]
    added: list[Rule] = []
    open_ends.sort(key=lambda v: (round(v["bottom"] / tolerance), v["x0"]))
    for left, right in itertools.pairwise(open_ends):
        if abs(left["bottom"] - right["bottom"]) > tolerance:
            continue
        rule = _rule([left, right], max(left["bottom"], right["bottom"]))
        if not _covered(rule, horizontal, tolerance, tolerance):
            added.append(rule)
    return added


def _covered(
    rule: Rule, horizontal: list[Rule], tolerance: float, spacing: float
) -> bool:
    """Whether drawn rules at the rule's height (within `tolerance`) cover its
    length, with gaps up to `spacing`."""
    pieces = sorted(
        (h["x0"], h["x1"])
        for h in horizontal
        if abs(h["top"] - rule["top"]) <= tolerance
    )
    reach = rule["x0"]
    for x0, x1 in pieces:
        if x0 > reach + spacing:
            return False
        reach = max(reach, x1)
    return reach >= rule["x1"] - spacing


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

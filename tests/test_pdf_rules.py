"""`extract.pdf.rules`: table rules as any producer draws them, on small geometry
cases (no PDF): a double rule, a table cut at the page foot, a settings check."""

from __future__ import annotations

import pytest

from extract.pdf.rules import (
    PAGE_EDGE,
    close_at_page_edges,
    close_open_tops,
    frame_sides,
    join_rule_ends,
    merge_double_rules,
)
from extract.pdf.settings import PdfSettings


def _h(y: float, x0: float = 0.0, x1: float = 100.0) -> dict:
    return {"object_type": "line", "x0": x0, "x1": x1, "top": y, "bottom": y,
            "doctop": y}  # fmt: skip


def _v(x: float, top: float, bottom: float) -> dict:
    return {"object_type": "line", "x0": x, "x1": x, "top": top, "bottom": bottom,
            "doctop": top}  # fmt: skip


def _char(text: str, x: float, top: float, size: float = 9.0) -> dict:
    return {"text": text, "x0": x, "x1": x + 5, "top": top, "bottom": top + size,
            "size": size, "fontname": "Helvetica"}  # fmt: skip


def test_two_close_rules_with_no_text_between_are_one_boundary() -> None:
    """Separate borders: a cell's bottom and the next cell's top, 2.25 pt apart."""
    rules = [_h(10), _h(30), _h(32.25), _h(50)]
    chars = [_char("a", 10, 15), _char("b", 10, 36)]
    merged = merge_double_rules(rules, chars, gap=8.1, horizontal=True)
    assert sorted({r["top"] for r in merged}) == [10, 31.125, 50]


def test_close_rules_with_text_between_stay_apart() -> None:
    """A short row of small text is a row, not a double rule."""
    rules = [_h(10), _h(16)]
    chars = [_char("a", 10, 11, size=4)]
    merged = merge_double_rules(rules, chars, gap=8.1, horizontal=True)
    assert sorted({r["top"] for r in merged}) == [10, 16]


def test_double_vertical_rules_are_one_column_edge() -> None:
    rules = [_v(0, 0, 50), _v(60, 0, 50), _v(62, 0, 50), _v(120, 0, 50)]
    merged = merge_double_rules(rules, [], gap=8.1, horizontal=False)
    assert sorted({r["x0"] for r in merged}) == [0, 61, 120]


def test_cells_open_at_the_page_foot_are_closed_there() -> None:
    """The vertical rules run on to the page's content edge; no rule under them."""
    horizontal = [_h(10), _h(40)]
    vertical = [_v(0, 10, 550), _v(50, 10, 550), _v(100, 10, 550)]
    added = close_at_page_edges(horizontal, vertical, tolerance=2.0)
    assert [(r["top"], r["x0"], r["x1"], r[PAGE_EDGE]) for r in added] == [
        (550, 0, 100, True)
    ]


def test_cells_open_under_the_tables_last_rule_are_closed() -> None:
    """Merged cells run on past the page; their verticals end at the last rule,
    which covers only the columns whose cells ended there."""
    horizontal = [_h(10), _h(550, x0=50, x1=100)]
    vertical = [_v(0, 10, 550), _v(50, 10, 550), _v(100, 10, 550)]
    added = close_at_page_edges(horizontal, vertical, tolerance=2.0)
    assert [(r["top"], r["x0"], r["x1"]) for r in added] == [(550, 0, 100)]


def test_a_closed_table_gets_no_extra_rule() -> None:
    horizontal = [_h(10), _h(40)]
    vertical = [_v(0, 10, 40), _v(100, 10, 40)]
    assert close_at_page_edges(horizontal, vertical, tolerance=2.0) == []


def test_a_rule_stopping_short_of_a_boundary_meets_it() -> None:
    """Separate borders: a cell continued under a repeated header starts its box
    a border spacing below the header's rule; a box side stops half a spacing
    short of a merged double rule."""
    horizontal = [_h(10), _h(40)]
    vertical = [_v(0, 13.4, 40), _v(50, 10, 37.5), _v(100, 10, 40)]
    joined = join_rule_ends(vertical, horizontal, [], reach=8.1, tolerance=2.0,
                            horizontal=False)  # fmt: skip
    assert [(v["top"], v["bottom"]) for v in joined] == [(10, 40)] * 3
    assert joined[0]["height"] == 30


def test_a_rule_end_with_text_in_the_way_or_too_far_stays() -> None:
    horizontal = [_h(10), _h(40)]
    vertical = [_v(0, 13.4, 40), _v(50, 20, 40)]
    chars = [_char("a", -2, 10.5, size=3)]  # across x=0, between 10 and 13.4
    joined = join_rule_ends(vertical, horizontal, chars, reach=8.1, tolerance=2.0,
                            horizontal=False)  # fmt: skip
    assert [v["top"] for v in joined] == [13.4, 20]


def test_horizontal_rule_ends_meet_the_vertical_boundary() -> None:
    vertical = [_v(0, 0, 50), _v(61, 0, 50)]
    horizontal = [_h(20, x0=1.5, x1=58)]
    joined = join_rule_ends(horizontal, vertical, [], reach=8.1, tolerance=2.0,
                            horizontal=True)  # fmt: skip
    assert (joined[0]["x0"], joined[0]["x1"], joined[0]["width"]) == (1.5, 61, 59.5)


def test_separate_boxes_closed_at_the_foot_need_no_page_edge() -> None:
    """Each box's bottom rule stops a border spacing (2.25 pt) before the next:
    together they are the table's last rule."""
    horizontal = [_h(10), _h(540, 0, 48.9), _h(540, 51.1, 100)]
    vertical = [_v(0, 10, 540), _v(50, 10, 540), _v(100, 10, 540)]
    assert close_at_page_edges(horizontal, vertical, 2.0, spacing=8.1) == []
    assert len(close_at_page_edges(horizontal, vertical, 2.0)) == 1


def test_cells_continued_under_a_repeated_header_are_closed_at_their_top() -> None:
    """The row cut by the page break goes on 9 pt under the header's rules (more
    than a double-rule gap): its boxes' sides start there, meeting no rule."""
    horizontal = [_h(20, 0, 48.5), _h(20, 51.5, 100), _h(60)]
    vertical = [_v(0, 29, 60), _v(50, 29, 60), _v(100, 29, 60)]
    added = close_open_tops(horizontal, vertical, 2.0, spacing=8.1)
    assert [(r["top"], r["x0"], r["x1"], r[PAGE_EDGE]) for r in added] == [
        (29, 0, 100, True)
    ]


def test_open_tops_without_a_rule_above_or_alone_stay_open() -> None:
    vertical = [_v(0, 29, 60), _v(50, 29, 60), _v(100, 29, 60)]
    assert close_open_tops([_h(60)], vertical, 2.0, spacing=8.1) == []
    alone = [_v(0, 20, 60), _v(50, 29, 60), _v(100, 20, 60)]
    assert close_open_tops([_h(20), _h(60)], alone, 2.0, spacing=8.1) == []
    # Sides drawn in pieces (a merged cell's, beside rows' rules) go on: no top.
    pieces = [_v(0, 20, 29), _v(0, 29, 60), _v(50, 20, 29), _v(50, 29, 60)]
    assert close_open_tops([_h(20), _h(60)], pieces, 2.0, spacing=8.1) == []


def test_settings_are_validated() -> None:
    assert PdfSettings().thin(9.0) == 2.25
    assert PdfSettings().thin(2.0) == 1.0
    with pytest.raises(ValueError, match="double_rule_gap"):
        PdfSettings(double_rule_gap=0)
    with pytest.raises(ValueError, match="heading_ratio"):
        PdfSettings(heading_ratio=0.9)


def _fill(x0: float, top: float, x1: float, bottom: float, colour: tuple) -> dict:
    return {"object_type": "rect", "x0": x0, "x1": x1, "top": top, "bottom": bottom,
            "doctop": top, "fill": True, "stroke": False,
            "non_stroking_color": colour}  # fmt: skip


def test_a_box_border_filled_as_two_rectangles_gives_its_drawn_sides() -> None:
    """WeasyPrint fills a separate border as an outer rectangle less an inner
    one 0.75 pt inside; a box left open at the page break has its inner
    rectangle reach the outer one's bottom: three sides, no bottom rule. A
    shaded cell (one rectangle), a different colour inside, or a thin rule
    inside a rule are no frames."""
    black, blue = (0.0, 0.0, 0.0), (0.5, 0.7, 0.9)
    rects = [
        _fill(10, 20, 90, 60, black), _fill(10.75, 20.75, 89.25, 60, black),
        _fill(100, 20, 180, 60, blue),  # shading
        _fill(200, 20, 280, 60, black), _fill(200.75, 20.75, 279.25, 59.25, blue),
        _fill(300, 20, 380, 20.75, black), _fill(300, 20, 379.25, 20.75, black),
    ]  # fmt: skip
    horizontal, vertical, framed = frame_sides(rects, thin=1.0)
    assert framed == {0, 1}
    assert [(r["top"], r["x0"], r["x1"]) for r in horizontal] == [(20.375, 10, 90)]
    assert sorted((r["x0"], r["top"], r["bottom"]) for r in vertical) == [
        (10.375, 20, 60),
        (89.625, 20, 60),
    ]


def test_a_box_drawn_short_and_open_above_the_foot_is_closed_where_it_ends() -> None:
    """A merged cell cut by the page break, its box drawn open and short of the
    foot (to 45) beside cells open at the foot (100): closed at 45 too. Rules
    that go on below (a shaded header's over the body's) are not open ends."""
    horizontal = [_h(10, 0, 150)]
    vertical = [_v(0, 10, 45), _v(50, 10, 45), _v(55, 10, 100), _v(100, 10, 100),
                _v(150, 10, 100)]  # fmt: skip
    added = close_at_page_edges(horizontal, vertical, tolerance=1.0)
    assert sorted((r["top"], r["x0"], r["x1"]) for r in added if r[PAGE_EDGE]) == [
        (45, 0, 50),
        (100, 55, 150),
    ]
    going_on = [_v(0, 10, 45), _v(50, 10, 45), _v(0, 45, 100), _v(50, 45, 100)]
    assert [r["top"] for r in close_at_page_edges(horizontal, going_on, 1.0)] == [100]


def test_rules_less_than_half_a_point_apart_are_moved_onto_one_level() -> None:
    """A box's drawn bottom 0.4 pt above the rule closing its neighbours at the
    page foot is one boundary, not a band of 0.4 pt."""
    merged = merge_double_rules([_h(10), _h(552.4), _h(552.8)], [], 8.1, True)
    assert sorted({r["top"] for r in merged}) == [10, 552.4]


def test_box_sides_cut_at_the_page_top_a_spacing_apart_are_closed_together() -> None:
    """Chromium starts a merged cell's box continued at the page top at 42.7 and
    the boxes beside it, continued too, a border spacing lower (45.7): one rule
    closes them all at the top, as one page end."""
    horizontal = [_h(200, 0, 150)]
    vertical = [_v(0, 42.7, 200), _v(50, 42.7, 200), _v(52, 45.7, 200),
                _v(150, 45.7, 200)]  # fmt: skip
    added = close_at_page_edges(horizontal, vertical, tolerance=1.0, spacing=3.0)
    assert [(r["top"], r["x0"], r["x1"]) for r in added] == [(42.7, 0, 150)]

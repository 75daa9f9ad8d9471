"""`extract.pdf.continuation`: rows cut by a page break, on small page tables built
from boxes and characters placed by hand (three columns; 9 pt text, 4 pt a character,
11 pt pitch): a split row, a one-line row at the foot followed by a row of its
own, a repeated header, and the tail of a merged cell."""

from __future__ import annotations

from dataclasses import replace

from extract.pdf.continuation import JoinDecision, mark_continuation
from extract.pdf.tables import PageTable, _page_table, placed_on_grid
from extract.pdf.word_breaks import SLASH_KEPT, WORD_BREAK

HEADER = (0.0, 0.0, 200.0, 20.0)


def _chars(lines: list[str], x: float, top: float) -> list[dict]:
    return [
        {
            "text": ch,
            "x0": x + 4 * i,
            "x1": x + 4 * i + 4,
            "top": top + 11 * n,
            "bottom": top + 11 * n + 9,
            "size": 9.0,
            "fontname": "Helvetica",
        }
        for n, line in enumerate(lines)
        for i, ch in enumerate(line)
    ]


def _table(cells: list[tuple[tuple[float, ...], list[str]]], page: int) -> PageTable:
    """A page table from (box, lines) pairs, with an empty "Lead" column beside
    each action cell; text starts 2 pt inside each box."""
    cells = cells + [((200, b[1], 260, b[3]), []) for b, _ in cells[2:] if b[2] == 200]
    boxes = [box for box, _ in cells]
    chars = [c for box, lines in cells for c in _chars(lines, box[0] + 2, box[1] + 2)]
    bbox = (0.0, min(b[1] for b in boxes), 260.0, max(b[3] for b in boxes))
    table = _page_table(bbox, boxes, chars, [], page, 1.5, True)
    assert table is not None
    return table


def _header() -> list:
    return [
        ((0, 0, 80, 20), ["Agency"]),
        ((80, 0, 200, 20), ["Action"]),
        ((200, 0, 260, 20), ["Lead"]),
    ]


def test_a_row_cut_at_the_page_foot_is_joined() -> None:
    action = [
        "Train all staff in the ",
        "new screening tool and ",
        "review its use in ",
    ]
    upper = _table([*_header(), ((0, 20, 80, 56), ["Police"]),
                    ((80, 20, 200, 56), action)], page=1)  # fmt: skip
    lower = _table([*_header(), ((0, 20, 80, 40), []),
                    ((80, 20, 200, 40), ["audits."])], page=2)  # fmt: skip
    pending, decision = mark_continuation(
        upper, lower, spaces=True, keys=frozenset({0})
    )
    assert decision is not None and decision.joined, decision
    assert decision.tails == (1,)
    row = lower.table.rows[1]
    assert row.continues_previous
    assert lower.table.rows[0].repeats_as_header
    assert [c.joiner for c in row.cells if c.first_col == 1] == [" "]
    assert pending == []


def test_a_one_line_row_at_the_foot_is_not_joined_to_a_row_of_its_own() -> None:
    """Every cell of a one-line row reaches its bottom; the next page's row names
    its own agency, so it is a new row ("Probation" / "BTUH")."""
    upper = _table([*_header(), ((0, 20, 80, 33), ["Probation"]),
                    ((80, 20, 200, 33), ["Not involved."])], page=1)  # fmt: skip
    lower = _table([*_header(), ((0, 20, 80, 33), ["BTUH"]),
                    ((80, 20, 200, 33), ["Aware of the issue."])], page=2)  # fmt: skip
    _, decision = mark_continuation(upper, lower, spaces=True, keys=frozenset({0}))
    assert decision is not None and not decision.joined
    assert "own key" in decision.reason
    assert not lower.table.rows[1].continues_previous


def test_text_under_a_cell_with_room_to_spare_is_a_new_row() -> None:
    upper = _table([*_header(), ((0, 20, 80, 80), ["Police"]),
                    ((80, 20, 200, 80), ["Short."])], page=1)  # fmt: skip
    lower = _table([*_header(), ((0, 20, 80, 40), []),
                    ((80, 20, 200, 40), ["another action"])], page=2)  # fmt: skip
    _, decision = mark_continuation(upper, lower, spaces=True)
    assert decision is not None and not decision.joined
    assert "room to spare" in decision.reason


def test_the_tail_of_a_merged_cell_continues_it_in_a_new_row() -> None:
    """A question merged over two rows runs on; the next page's row is new."""
    question = ["1a. Does the ", "Board know how ", "the staff are ", "trained and "]
    upper = _table([*_header(), ((0, 20, 80, 67), question),
                    ((80, 20, 200, 38), ["First."]),
                    ((80, 38, 200, 67), ["Second."])], page=1)  # fmt: skip
    lower = _table([*_header(), ((0, 20, 80, 40), ["supported?"]),
                    ((80, 20, 200, 40), ["Third."])], page=2)  # fmt: skip
    _, decision = mark_continuation(upper, lower, spaces=True)
    assert decision is not None and not decision.joined
    assert decision.tails == (0,)
    tail = next(c for c in lower.table.rows[1].cells if c.first_col == 0)
    assert tail.continues_above and tail.joiner == " "


def _action_over(
    key: str, action: list[str], bottom: float, below: list[str]
) -> tuple[JoinDecision | None, PageTable]:
    """An agency (`key`) and its action's lines in a row whose box ends at
    `bottom` on page 1, over page 2's first row: no agency, an action of `below`'s
    lines (wrap spaces printed). The decision, and page 2's table."""
    upper = _table([*_header(), ((0, 20, 80, bottom), [key]),
                    ((80, 20, 200, bottom), action)], page=1)  # fmt: skip
    lower = _table([*_header(), ((0, 20, 80, 40), []),
                    ((80, 20, 200, 40), below)], page=2)  # fmt: skip
    _, decision = mark_continuation(upper, lower, spaces=True, keys=frozenset({0}))
    return decision, lower


def test_a_phrase_ended_above_and_a_capital_below_is_a_new_row() -> None:
    """The cell above is full (its row's tallest), but its last line stopped
    although the next word would have fitted, with no full stop, and the text
    below starts with a capital: one row's phrase ended and the next row's
    starts, though the row below names no key of its own."""
    action = ["Internal training and ", "training through ", "LSCB"]
    below = ["Reviewed under the ", "review process"]
    decision, lower = _action_over("CAFCASS", action, 56, below)
    assert decision is not None and not decision.joined
    assert "phrase above ended" in decision.reason
    assert decision.tails == ()
    assert not lower.table.rows[1].continues_previous


def test_a_cell_split_between_its_sentences_is_still_joined() -> None:
    """A page break between two paragraphs of one cell: the one above ended
    its sentence, so the capital below does not tell a new row."""
    evidence = ["Action plans sent to ", "the team reviewing ", "all SIs."]
    decision, lower = _action_over("CCG", evidence, 56, ["All SIs are now ", "closed."])
    assert decision is not None and decision.joined, decision
    row = lower.table.rows[1]
    assert [c.joiner for c in row.cells if c.first_col == 1] == ["\n"]


def test_a_wrapped_line_moved_on_with_room_left_is_joined() -> None:
    """The producer prints a space where it wraps: a cell whose last line ends
    with one, though it ended with room below (a line moved on to keep two
    together), goes on when the text below goes on in lower case."""
    action = ["Train all staff in the ", "new screening tool and "]
    decision, _ = _action_over("Police", action, 80, ["review its use."])
    assert decision is not None and decision.joined, decision
    assert decision.tails == (1,)


def test_a_line_without_the_wrap_space_that_fitted_ended_its_phrase() -> None:
    """The next word would not have fitted after "LSCB", but the space the
    producer prints at a wrap would have, and none is there: the phrase ended."""
    action = ["Internal training and ", "training through LSCB"]
    below = ["Reviewed under the ", "review process"]
    decision, _ = _action_over("CAFCASS", action, 45, below)
    assert decision is not None and not decision.joined
    assert "phrase above ended" in decision.reason


def test_a_key_cell_wrapped_into_a_new_row_runs_on_as_its_merged_cell() -> None:
    """An agency's name wraps at the page foot ("Commissioning " / "Safeguarding
    Group": the word did not fit): the row below is new (the action above ended
    with room), but its agency text is the tail of the cell above."""
    agency = ["Thurrock Clinical ", "Commissioning "]
    _assert_key_tail(*_key_cell_over(agency, "Safeguarding Group", spaces=True))


def _key_cell_over(
    key: list[str], below: str, spaces: bool
) -> tuple[JoinDecision | None, PageTable]:
    """A key cell (`key`'s lines) ending a page, beside an action with room to
    spare, over a new row whose key cell starts with `below`: the decision, and
    the lower page's table."""
    upper = _table([*_header(), ((0, 20, 80, 45), key),
                    ((80, 20, 200, 45), ["Audit the referrals."])], page=1)  # fmt: skip
    lower = _table([*_header(), ((0, 20, 80, 40), [below]),
                    ((80, 20, 200, 40), ["Review the audits."])], page=2)  # fmt: skip
    _, decision = mark_continuation(upper, lower, spaces=spaces, keys=frozenset({0}))
    return decision, lower


def _assert_key_tail(decision: JoinDecision | None, lower: PageTable) -> None:
    """The row below is new, and its key text is the tail of the cell above."""
    assert decision is not None and not decision.joined
    assert decision.tails == (0,)
    tail = next(c for c in lower.table.rows[1].cells if c.first_col == 0)
    assert tail.continues_above and tail.joiner == " "


def _three(cells: list[tuple[tuple[float, ...], list[str]]], page: int) -> PageTable:
    """A page table from (box, lines) pairs given for all three columns."""
    boxes = [box for box, _ in cells]
    chars = [c for box, lines in cells for c in _chars(lines, box[0] + 2, box[1] + 2)]
    bbox = (0.0, 0.0, 260.0, max(b[3] for b in boxes))
    table = _page_table(bbox, boxes, chars, [], page, 1.5, True)
    assert table is not None
    return table


def test_a_cell_short_by_one_line_goes_on_with_a_row_that_wraps_on() -> None:
    """The action wraps at the page foot ("screening " / "programme": the word
    did not fit), so the row goes on; the lead's cell beside it has room for one
    more line but not two: a line moved on to keep two together, so its text
    below is its rest, though it starts a sentence."""
    action = ["Train all staff in the ", "new screening tool and ",
              "audit its use in a ", "review of the new screening "]  # fmt: skip
    lead = ["Designated ", "Nurse for ", "Safeguarding."]
    header = [((0, 0, 80, 20), ["Agency"]), ((80, 0, 200, 20), ["Action"]),
              ((200, 0, 260, 20), ["Lead"])]  # fmt: skip
    upper = _three([*header, ((0, 20, 80, 67), ["Police"]),
                    ((80, 20, 200, 67), action), ((200, 20, 260, 67), lead)],
                   page=1)  # fmt: skip
    lower = _three([*header, ((0, 20, 80, 40), []),
                    ((80, 20, 200, 40), ["programme for staff."]),
                    ((200, 20, 260, 40), ["Then yearly."])], page=2)  # fmt: skip
    _, decision = mark_continuation(upper, lower, spaces=True, keys=frozenset({0}))
    assert decision is not None and decision.joined, decision
    assert decision.tails == (1, 2)


def _widowed(lower_lines: list[str], bottom: float = 96) -> JoinDecision | None:
    """Two one-line rows, then a cell the page end left open (no rule drawn
    under it) whose three lines end at 79, over the rest of it on the next
    page."""
    evidence = ["CAFCASS are not able ", "to comment on Child ", "in Need"]
    upper = _table([*_header(),
                    ((0, 20, 80, 33), ["Probation"]), ((80, 20, 200, 33), ["None."]),
                    ((0, 33, 80, 46), ["BTUH"]), ((80, 33, 200, 46), ["None."]),
                    ((0, 46, 80, bottom), ["CAFCASS"]),
                    ((80, 46, 200, bottom), evidence)], page=1)  # fmt: skip
    for cell in upper.cells:
        cell.cut_at_foot = cell.last_row == len(upper.bands) - 1
    lower = _table([*_header(), ((0, 20, 80, 50), []),
                    ((80, 20, 200, 50), lower_lines)], page=2)  # fmt: skip
    return mark_continuation(upper, lower, spaces=True, keys=frozenset({0}))[1]


def test_lines_moved_on_to_keep_two_together_are_the_cells_own() -> None:
    """Room for one more line (17 pt, an 11 pt pitch) was left, and two lines go
    on below: widow control moved them, so the row goes on ("Need" /
    "Procedures/processes"), capital or not."""
    decision = _widowed(["Procedures/processes ", "as we are seldom involved"])
    assert decision is not None and decision.joined, decision


def test_one_line_below_or_room_for_two_is_no_moved_paragraph() -> None:
    one = _widowed(["Procedures/processes"])
    assert one is not None and not one.joined
    roomy = _widowed(["Procedures/processes ", "as we are seldom involved"], 106)
    assert roomy is not None and not roomy.joined  # room for two more lines


def _orphaned(
    below: list[str],
    foot: float = 44,
    agency: list[str] | None = None,
    end: float = 50,
) -> JoinDecision | None:
    """A row started at the page foot (its band from 33 to `foot`, the page end
    drawing no rule) with only its one-line lead ("DN") printed there, and its
    action, or with `agency` its agency too, on the next page as `below` (a row
    from 20 to `end`)."""
    header = [((0, 0, 80, 20), ["Agency"]), ((80, 0, 200, 20), ["Action"]),
              ((200, 0, 260, 20), ["Lead"])]  # fmt: skip
    key = [((0, 20, 80, foot), ["CCG"])] if agency is None else [
        ((0, 20, 80, 33), ["CCG"]), ((0, 33, 80, foot), [])]  # fmt: skip
    upper = _three([*header, *key,
                    ((80, 20, 200, 33), ["First."]), ((200, 20, 260, 33), ["AB"]),
                    ((80, 33, 200, foot), []), ((200, 33, 260, foot), ["DN"])],
                   page=1)  # fmt: skip
    for cell in upper.cells:
        cell.cut_at_foot = cell.last_row == len(upper.bands) - 1
    lower = _three([*header, ((0, 20, 80, end), agency or []),
                    ((80, 20, 200, end), below), ((200, 20, 260, end), [])],
                   page=2)  # fmt: skip
    return mark_continuation(upper, lower, spaces=False, keys=frozenset({0}))[1]


def test_a_paragraph_moved_on_whole_leaves_an_empty_cell_that_goes_on() -> None:
    """Room for one line only at the foot: the action's first line alone may
    not stay (orphan control), so all of it went on, leaving its cell empty
    beside the lead that fitted; the text below is the row's, capital or not."""
    decision = _orphaned(["Capture types of ", "cases at forums"])
    assert decision is not None and decision.joined, decision
    assert decision.tails == ()  # nothing above to join to


def test_a_one_line_paragraph_or_room_for_two_lines_was_not_moved_whole() -> None:
    one = _orphaned(["Capture types."])
    assert one is not None and not one.joined
    assert "room to spare" in one.reason
    roomy = _orphaned(["Capture types of ", "cases at forums"], foot=60)
    assert roomy is not None and not roomy.joined


def test_three_lines_that_could_not_split_two_and_two_were_moved_whole() -> None:
    """Room for two lines at the foot, three lines below: two here would leave
    one alone over the page (CSS `widows`), one here one alone at the foot
    (`orphans`), so all three went on; four lines could have split two and two."""
    three = _orphaned(["Capture types ", "of cases at ", "the forums"], foot=60)
    assert three is not None and three.joined, three
    four = _orphaned(["Capture ", "types of ", "cases at ", "the forums"], 60, end=64)
    assert four is not None and not four.joined


def test_an_agency_moved_on_whole_is_the_rows_own() -> None:
    """The row at the foot names no agency: its two-line name went on with the
    action, so the agency below is that row's, not a row of its own."""
    decision = _orphaned(["Capture types of ", "cases at forums"],
                         agency=["Children's Social ", "Care"])  # fmt: skip
    assert decision is not None and decision.joined, decision


def test_a_question_stopped_mid_sentence_runs_on_without_wrap_spaces() -> None:
    """The producer prints no space at a wrap: the question at the page foot
    stops mid-sentence ("… know how"), the first word below would not have
    fitted after a space, and the text goes on in lower case, so it is the
    question's tail, though the row below is new."""
    question = ["1a. Does the", "Board know how"]
    _assert_key_tail(*_key_cell_over(question, "multi-agency practice?", spaces=False))


def test_a_question_whose_next_word_fitted_is_no_tail() -> None:
    """The same without wrap spaces, but "more" would have fitted after "how":
    the question ended there, and the text below is no tail of it."""
    question = ["1a. Does the", "Board know"]
    decision, _ = _key_cell_over(question, "more staff?", spaces=False)
    assert decision is not None and decision.tails == ()


def test_a_page_table_without_the_first_column_continues_on_the_grid_above() -> None:
    """The page's table has no cell in the first column (a question merged down
    from the page before, open at both ends): its columns are the grid's but
    the first, so its cells take the grid's slots, and the row cut by the page
    break is joined to the row above."""
    header = [((0, 0, 80, 20), ["Agency"]), ((80, 0, 200, 20), ["Action"]),
              ((200, 0, 260, 20), ["Lead"])]  # fmt: skip
    upper = _three([*header, ((0, 20, 80, 44), ["CCG"]),
                    ((80, 20, 200, 44), ["Train all staff in the ", "use of the "]),
                    ((200, 20, 260, 44), ["DN"])], page=1)  # fmt: skip
    for cell in upper.cells:
        cell.cut_at_foot = cell.last_row == len(upper.bands) - 1
    chars = _chars(["new screening tool."], 82, 2)
    boxes = [(80, 0, 200, 20), (200, 0, 260, 20)]
    part = _page_table((80.0, 0.0, 260.0, 20.0), boxes, chars, [], 2, 1.5, True)
    assert part is not None and part.table.n_cols == 2
    placed = placed_on_grid(part, upper.table.col_edges)
    assert placed.table.col_edges == upper.table.col_edges
    assert [(c.first_col, c.last_col) for c in placed.cells] == [(1, 1), (2, 2)]
    assert [c.first_col for c in placed.table.rows[0].cells] == [1, 2]
    _, decision = mark_continuation(upper, placed, spaces=True, keys=frozenset({0}))
    assert decision is not None and decision.joined, decision


def test_a_row_above_a_section_row_at_the_foot_is_not_cut() -> None:
    """The page ends with a full-width section row ("Health") under a full
    action cell: the page break cut no row above the section row, so the next
    page's first row is a row of its own."""
    action = [
        "Train all staff in the ",
        "new screening tool and ",
        "review its use in ",
    ]
    upper = _table([*_header(), ((0, 20, 80, 56), ["Police"]),
                    ((80, 20, 200, 56), action),
                    ((0, 56, 260, 69), ["Health"])], page=1)  # fmt: skip
    lower = _table([*_header(), ((0, 20, 80, 40), []),
                    ((80, 20, 200, 40), ["audits."])], page=2)  # fmt: skip
    _, decision = mark_continuation(upper, lower, spaces=True, keys=frozenset({0}))
    assert decision is not None and not decision.joined, decision


def test_a_full_cell_closed_by_a_rule_beside_one_left_open_ended_there() -> None:
    """The page end left the merged agency cell open (no rule under it) while
    the producer closed the full action cell beside it with a rule: a producer
    that leaves a cell going on open closed that one because it ended. The next
    page's first row is a row of its own ("... through LSCB" / "Reviewed ...")."""
    action = ["Internal training and ", "training through LSCB"]
    below = ["reviewed under the process"]
    upper = _table([*_header(), ((0, 20, 80, 45), ["CAFCASS"]),
                    ((80, 20, 200, 45), action)], page=1)  # fmt: skip
    for cell in upper.cells:
        cell.cut_at_foot = cell.first_col == 0 and cell.last_row > 0
    lower = _table([*_header(), ((0, 20, 80, 40), []),
                    ((80, 20, 200, 40), below)], page=2)  # fmt: skip
    _, decision = mark_continuation(upper, lower, spaces=False, keys=frozenset({0}))
    assert decision is not None and not decision.joined, decision
    for cell in upper.cells:
        cell.cut_at_foot = cell.last_row > 0  # both left open: the row goes on
    lower = _table([*_header(), ((0, 20, 80, 40), []),
                    ((80, 20, 200, 40), below)], page=2)  # fmt: skip
    _, decision = mark_continuation(upper, lower, spaces=False, keys=frozenset({0}))
    assert decision is not None and decision.joined, decision


def test_a_header_repeated_is_known_whatever_its_line_ends_were_judged() -> None:
    """Each page's line ends are judged on its own evidence (one printed wrap
    spaces, the next none): "Lead" / "Person" left to the vocabulary on one
    page and spaced on the other is the same header printed again."""
    header = [((0, 0, 80, 20), ["Agency"]), ((80, 0, 200, 20), ["Action"]),
              ((200, 0, 260, 20), ["Lead Person"])]  # fmt: skip
    upper = _table([*header, ((0, 20, 80, 56), ["Police"]),
                    ((80, 20, 200, 56), ["Train all staff."])], page=1)  # fmt: skip
    lower = _table([*header, ((0, 20, 80, 40), ["BTUH"]),
                    ((80, 20, 200, 40), ["Audit."])], page=2)  # fmt: skip
    row = upper.table.rows[0]
    row.cells[2] = replace(row.cells[2], text=f"Lead{WORD_BREAK}{SLASH_KEPT}Person")
    _, decision = mark_continuation(upper, lower, spaces=True, keys=frozenset({0}))
    assert lower.table.rows[0].repeats_as_header
    assert decision is not None and decision.band == 1


def test_a_header_at_the_page_foot_runs_on_into_no_row() -> None:
    """The header row alone at a page's foot, left open by the page end (its
    first row moved on whole): "Questions", with no room for "1a." after it,
    does not go on into "1a. Does the Board", though that starts with a
    number as a phrase's tail may."""
    upper = _table([((0, 0, 44, 20), ["Questions"]), ((44, 0, 200, 20), ["Action"]),
                    ((200, 0, 260, 20), ["Lead"])], page=1)  # fmt: skip
    for cell in upper.cells:
        cell.cut_at_foot = True
    lower = _table([((0, 0, 44, 20), ["1a. Does"]),
                    ((44, 0, 200, 20), ["Train staff."]),
                    ((200, 0, 260, 20), ["DN"])], page=2)  # fmt: skip
    _, decision = mark_continuation(upper, lower, False, frozenset({0}))
    assert decision is not None and not decision.joined and decision.tails == ()
    assert not any(c.continues_above for c in lower.table.rows[0].cells)

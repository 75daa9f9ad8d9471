"""The normaliser's pure functions on (raw, expected) tables.

Expected values come from the golden contract (`tests/golden/README.md` and the
golden CSVs) or are worked out by hand from what the plans print.
"""

from __future__ import annotations

import csv
from pathlib import Path

import pytest

from normalise.agencies import load_registry
from normalise.columns import field_for_header
from normalise.continuation import join_rows, stitch_tables
from normalise.dates import parse_day_first
from normalise.questions import split_label
from normalise.rag import classify
from schemas.blocks import Cell, Paragraph, Row, Table

GOLDEN = Path(__file__).resolve().parent / "golden" / "julia"


def _golden(name: str) -> list[dict[str, str]]:
    with (GOLDEN / f"{name}.csv").open(encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


# --- RAG -----------------------------------------------------------------------

# Every value the golden README lists, with its canonical status.
RAG_VALUES = [
    ("Action complete", "complete"),
    ("Action completed", "complete"),
    ("action completed", "complete"),
    ("Action Complete", "complete"),
    ("Action Completed", "complete"),
    ("Action Complete(d)", "complete"),
    (
        "Action complete as these powers are already in place, "
        "monitoring is a continual process.",
        "complete",
    ),
    ("P", "complete"),
    ("G", "green"),
    ("A", "amber"),
    ("R", "red"),
    ("N/A", "not_applicable"),
    ("No Actions", "not_applicable"),
    ("This is not applicable to the CCG", "not_applicable"),
    ("  Action\n complete ", "complete"),
]


@pytest.mark.parametrize(("raw", "status"), RAG_VALUES)
def test_rag_values_of_the_contract(raw: str, status: str) -> None:
    assert classify(raw, None) == (status, True)


@pytest.mark.parametrize(
    ("raw", "fill", "expected"),
    [
        ("see action 5b", None, ("unrated", False)),
        ("Ongoing", None, ("unrated", False)),
        ("Update pending", "00B050", ("unrated", True)),  # text wins over colour
        ("", None, ("unrated", True)),
        ("", "00B050", ("green", True)),
        (" \n", "FFC000", ("amber", True)),
        ("", "FF0000", ("red", True)),
        ("", "8DB3E2", ("complete", True)),
        ("", "FFFFFF", ("unrated", True)),
        ("G", "FF0000", ("green", True)),
    ],
)
def test_rag_unknown_text_and_colour_only(
    raw: str, fill: str | None, expected: tuple[str, bool]
) -> None:
    assert classify(raw, fill) == expected


def test_rag_every_golden_cell() -> None:
    wrong = [
        (row["row"], row["rag_raw"], row["rag"], classify(row["rag_raw"], None)[0])
        for row in _golden("actions")
        if classify(row["rag_raw"], None)[0] != row["rag"]
    ]
    assert wrong == []


# --- agencies ------------------------------------------------------------------

AGENCY_VARIANTS = [
    ("Thurrock CCG", "Thurrock CCG"),
    ("Police", "Police"),
    ("Children's Social Care", "Children's Social Care"),
    ("Children's' Social Care", "Children's Social Care"),
    ("Children’s Social Care", "Children's Social Care"),
    ("Children's Social Care & Education", "Children's Social Care & Education"),
    ("Children's Social Care (CSC) & Education", "Children's Social Care & Education"),
    ("CAFCASS", "CAFCASS"),
    ("CAfcass", "CAFCASS"),
    ("Cafcass", "CAFCASS"),
    ("NELFT", "NELFT"),
    ("Probation", "Probation"),
    ("BTUH", "BTUH"),
    ("Education", "Education"),
    ("  thurrock   ccg ", "Thurrock CCG"),
]


@pytest.mark.parametrize(("raw", "canonical"), AGENCY_VARIANTS)
def test_agency_variants(raw: str, canonical: str) -> None:
    match = load_registry().match(raw)
    assert match.canonical == canonical
    assert match.raw == raw


@pytest.mark.parametrize(
    "raw", ["Fire and Rescue Service", "Ambulance Trust", "Dentist", "", "   "]
)
def test_unknown_agency_has_no_canonical(raw: str) -> None:
    assert load_registry().match(raw).canonical is None


def test_agency_every_golden_block() -> None:
    registry = load_registry()
    wrong = [
        (row["row"], row["agency_raw"], row["agency"])
        for row in _golden("actions")
        if row["agency_raw"]
        and registry.match(row["agency_raw"]).canonical != row["agency"]
    ]
    assert wrong == []


# --- question labels -----------------------------------------------------------


def _id_text(raw: str) -> tuple[str, str]:
    label = split_label(raw)
    return label.question_id, label.text


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        (
            "1a. Does the Board recognise this?",
            ("1a", "Does the Board recognise this?"),
        ),
        ("9a.  Is it? ", ("9a", "Is it?")),
        ("2b) Why?", ("2b", "Why?")),
        ("Question 3c: What next?", ("3c", "What next?")),
        ("10.1 Review the policy", ("10.1", "Review the policy")),
        ("1a. First line\nsecond line", ("1a", "First line\nsecond line")),
        ("No number here", ("", "No number here")),
        ("2015 figures show a rise", ("", "2015 figures show a rise")),
        ("", ("", "")),
    ],
)
def test_split_question(raw: str, expected: tuple[str, str]) -> None:
    assert _id_text(raw) == expected


def test_split_every_golden_question() -> None:
    wrong = [
        (q["question_id"], _id_text(f"{q['question_id']}. {q['text']}"))
        for q in _golden("questions")
        if _id_text(f"{q['question_id']}. {q['text']}") != (q["question_id"], q["text"])
    ]
    assert wrong == []


# --- dates ---------------------------------------------------------------------


@pytest.mark.parametrize(
    ("raw", "iso"),
    [
        ("07.01.2016", "2016-01-07"),
        ("Report as at 07.01.2016", "2016-01-07"),
        ("7/1/16", "2016-01-07"),
        ("01-12-2015", "2015-12-01"),
        ("7 January 2016", "2016-01-07"),
        ("7th Jan 2016", "2016-01-07"),
        ("21st Sept 2015", "2015-09-21"),
        ("31.02.2016", ""),
        ("13.13.2016", ""),
        ("7 Smarch 2016", ""),
        ("no date here", ""),
        ("", ""),
    ],
)
def test_parse_day_first(raw: str, iso: str) -> None:
    assert parse_day_first(raw) == iso


# --- column headers ------------------------------------------------------------


@pytest.mark.parametrize(
    ("header", "field"),
    [
        # the Julia plan's headers
        ("Questions", "question"),
        ("Agency", "agency"),
        ("Response", "response"),
        ("Actions", "action"),
        ("RAG", "rag"),
        ("Constraints/Problems", "constraints"),
        ("Target Date/Evidence", "target_evidence"),
        ("Lead Person", "lead"),
        ("Desired Outcome", "desired_outcome"),
        # other plans' wording, case and spacing
        ("Lead Officer", "lead"),
        ("Responsible officer", "lead"),
        ("Agreed Action", "action"),
        ("Action to be taken", "action"),
        ("RAG Status", "rag"),
        ("Lead Agency", "agency"),
        ("Recommendation", "recommendation"),
        ("Target date / evidence", "target_evidence"),
        ("  DESIRED\n OUTCOMES: ", "desired_outcome"),
        ("Constraints / Problems", "constraints"),
        # not action-table headers
        ("Page 3 of 12", None),
        ("Finding 1", None),
        ("", None),
    ],
)
def test_field_for_header(header: str, field: str | None) -> None:
    assert field_for_header(header) == field


# --- tables continued across pages ---------------------------------------------

HEADER = ("Questions", "Actions", "RAG")


def _row(
    texts: tuple[str, ...],
    page: int,
    *,
    header: bool = False,
    continues: bool = False,
    fills: tuple[str | None, ...] = (None, None, None),
) -> Row:
    cells = [
        Cell(text=t, first_col=i, last_col=i, fill=f, page=page)
        for i, (t, f) in enumerate(zip(texts, fills, strict=True))
    ]
    return Row(
        cells=cells,
        page_start=page,
        page_end=page,
        repeats_as_header=header,
        continues_previous=continues,
    )


def _texts(row: Row) -> list[str]:
    return [cell.text for cell in row.cells]


def test_join_rows_slot_by_slot() -> None:
    upper = _row(("1a. Is it?", "Train the", ""), 4)
    lower = _row(("", "staff", "G"), 5, continues=True, fills=(None, None, "00B050"))
    joined = join_rows(upper, lower)
    assert _texts(joined) == ["1a. Is it?", "Train the\nstaff", "G"]
    assert [c.first_col for c in joined.cells] == [0, 1, 2]
    assert joined.cells[2].fill == "00B050"
    assert (joined.page_start, joined.page_end) == (4, 5)


def test_stitch_tables_over_a_page_break() -> None:
    page1 = Table(
        rows=[
            _row(HEADER, 1, header=True),
            _row(("1a. Is it?", "Audit cases", "A"), 1),
            _row(("", "Train staff in", ""), 1),
        ],
        n_cols=3,
        page=1,
    )
    page2 = Table(
        rows=[
            _row(HEADER, 2, header=True),
            _row(("", "safeguarding", "G"), 2, continues=True),
            _row(("", "Write guidance", "R"), 2),
        ],
        n_cols=3,
        page=2,
    )
    before = Paragraph("Finding 1: x", bold=True, page=1)
    after = Paragraph("Finding 2: y", bold=True, page=2)

    blocks = stitch_tables([before, page1, page2, after])

    assert blocks[0] is before and blocks[2] is after
    assert len(blocks) == 3
    table = blocks[1]
    assert isinstance(table, Table)
    assert table.n_cols == 3
    # The header printed again on page 2 is kept, marked as a header row, and
    # the split row is joined across it.
    assert [_texts(row) for row in table.rows] == [
        list(HEADER),
        ["1a. Is it?", "Audit cases", "A"],
        ["", "Train staff in\nsafeguarding", "G"],
        list(HEADER),
        ["", "Write guidance", "R"],
    ]
    assert [row.repeats_as_header for row in table.rows] == [
        True,
        False,
        False,
        True,
        False,
    ]
    assert [(row.page_start, row.page_end) for row in table.rows] == [
        (1, 1),
        (1, 1),
        (1, 2),
        (2, 2),
        (2, 2),
    ]


def test_tables_on_different_grids_stay_apart() -> None:
    three = Table(rows=[_row(("a", "b", "c"), 1)], n_cols=3)
    two = Table(
        rows=[Row(cells=[Cell("d", 0, 0), Cell("e", 1, 1)], page_start=2, page_end=2)],
        n_cols=2,
    )
    assert stitch_tables([three, two]) == [three, two]


def test_tables_with_different_column_edges_stay_apart() -> None:
    upper = Table(
        rows=[_row(("a", "b", "c"), 1)], n_cols=3, col_edges=(0, 100, 200, 300)
    )
    lower = Table(
        rows=[_row(("d", "e", "f"), 2)], n_cols=3, col_edges=(0, 150, 250, 300)
    )
    assert len(stitch_tables([upper, lower])) == 2


def test_a_page_table_on_part_of_the_grid_is_placed_on_it() -> None:
    """A page where the first column has no cell (a question merged down from
    the page before, left open at both ends) is read as a table of the other
    columns: its edges are the grid's but the first, so it goes on the table,
    its cells in their own slots, either way round."""
    edges = (0, 100, 200, 300)
    full = Table(rows=[_row(("1a. Is it?", "Audit", "G"), 1)], n_cols=3,
                 col_edges=edges)  # fmt: skip
    cells = [Cell("Train staff", 0, 0), Cell("A", 1, 1)]
    part = Table(rows=[Row(cells=cells, page_start=2, page_end=2)], n_cols=2,
                 col_edges=(100.5, 200, 300))  # fmt: skip
    [table] = stitch_tables([full, part])
    assert table.n_cols == 3 and table.col_edges == edges
    assert [(c.text, c.first_col, c.last_col) for c in table.rows[1].cells] == [
        ("Train staff", 1, 1),
        ("A", 2, 2),
    ]
    [table] = stitch_tables([part, full])
    assert [(c.first_col, c.last_col) for c in table.rows[0].cells] == [(1, 1), (2, 2)]


def test_a_narrow_table_on_a_wide_grid_stays_apart() -> None:
    """A table of one column across a grid of three has as few columns as a
    note box: another table, though its edges are the grid's."""
    full = Table(
        rows=[_row(("a", "b", "c"), 1)], n_cols=3, col_edges=(0, 100, 200, 300)
    )
    note = Table(rows=[Row(cells=[Cell("Note", 0, 0)])], n_cols=1, col_edges=(0, 300))
    assert len(stitch_tables([full, note])) == 2


# --- wider status vocabulary (schemas/vocab.py) -----------------------------------


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("Blue", ("complete", True)),
        ("B", ("complete", True)),
        ("Completed", ("complete", True)),
        ("Fully Achieved", ("complete", True)),
        ("On track", ("green", True)),
        ("On Target to Achieve", ("green", True)),
        ("In progress", ("green", True)),
        ("Orange", ("amber", True)),
        ("Slipped", ("amber", True)),
        ("Overdue", ("red", True)),
        ("Not achieved", ("red", True)),
        ("Off track – escalated", ("red", True)),
        ("Cancelled", ("not_applicable", True)),
        ("Update Pending", ("unrated", True)),
        ("Not started", ("unrated", True)),
        ("TBC", ("unrated", True)),
        ("2", ("unrated", False)),  # a numeric scale needs the plan's key
        ("Purple", ("unrated", False)),
    ],
)
def test_wider_status_vocabulary(raw: str, expected: tuple[str, bool]) -> None:
    assert classify(raw, None) == expected


# --- agency registry: fuzzy mends slips, never maps a different body -----------


@pytest.mark.parametrize(
    ("raw", "canonical"),
    [
        ("Childrens Servises", "Children's Social Care"),
        ("Probaton", "Probation"),
        ("Eduction", "Education"),
        ("GP Practice", "GP Practices"),
        ("Adults Social Care", "Adult Social Care"),
        ("TVP", "Thames Valley Police"),
        ("East London NHS Foundation Trust (ELFT)", "ELFT"),
        ("Safeguarding Children Board", "LSCB"),
    ],
)
def test_agency_aliases_and_slips(raw: str, canonical: str) -> None:
    assert load_registry().match(raw).canonical == canonical


@pytest.mark.parametrize(
    "raw",
    [
        "Sussex Police",  # one letter from Essex Police, a different force
        "Kent Police",
        "Thurlow CCG",
        "NEPT",
        "Public Health Norfolk",
        "Children's Social Work",
        "Named Nurse",
        "Health Visitors",
        "The Trust",
        "Marlbury Community Health Services",
    ],
)
def test_agency_near_misses_are_not_mapped(raw: str) -> None:
    match = load_registry().match(raw)
    assert (match.canonical, match.method) == (None, "none")


def test_own_registry_file(tmp_path: Path) -> None:
    path = tmp_path / "registry.json"
    path.write_text(
        '{"agencies": [{"name": "Marlbury Police", "kind": "police",'
        ' "aliases": ["MP"]}]}',
        encoding="utf-8",
    )
    registry = load_registry(path)
    assert registry.match("MP").canonical == "Marlbury Police"
    assert registry.match("Marlbury Polise").canonical == "Marlbury Police"
    assert registry.match("Police").canonical is None
    assert registry.kinds == {"Marlbury Police": "police"}


# --- question and recommendation labels ---------------------------------------


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("Recommendation 1: Review it", ("1", "Review it", "recommendation")),
        ("Recommendation 3\nReview it", ("3", "Review it", "recommendation")),
        ("10.1.2 Review it", ("10.1.2", "Review it", None)),
        ("R3 Review it", ("R3", "Review it", None)),
        ("1) Review it", ("1", "Review it", None)),
        ("2 (i) Review it", ("2 (i)", "Review it", None)),
        ("7.2.1(a) Review it", ("7.2.1(a)", "Review it", None)),
        ("Question 3c: What next?", ("3c", "What next?", "question")),
        ("1.1", ("1.1", "", None)),
        ("Review it", ("", "Review it", None)),
    ],
)
def test_split_label(raw: str, expected: tuple[str, str, str | None]) -> None:
    label = split_label(raw)
    assert (label.question_id, label.text, label.kind) == expected


@pytest.mark.parametrize(
    ("header", "field"),
    [
        ("Lead Agency", "agency"),
        ("Lead Officer", "lead"),
        ("Target Date", "target_date"),
        ("Timescale", "target_date"),
        ("Progress", "progress"),
        ("Progress presented to Committee March 2015", "progress"),
        ("Update on progress", "progress"),
        ("BRAG", "rag"),
        ("Evidence of impact", "evidence"),
        ("Success indicators", "evidence"),
        ("No.", "label"),
        ("Theme", "finding"),
        ("SCR Finding", "finding"),
        ("Agency response to recommendations", "response"),
        ("Acton to be taken", "action"),  # a slip
        ("Scope of recommendation", None),
        ("Accountability", None),  # agency or lead: left to `extra`
    ],
)
def test_field_for_other_templates(header: str, field: str | None) -> None:
    assert field_for_header(header) == field


# --- output rows and header rows -------------------------------------------------


def test_row_constructors_hold_the_output_columns() -> None:
    """The normaliser's rows carry every column of the output tables but the ones
    added later (row key, due date): one list of keys, checked against the schemas."""
    from schemas import rows, tables

    built = {
        "findings": rows.finding_row("1", "finding", "t", None),
        "questions": rows.question_row("1a", "1", "question", "t", None),
        "actions": rows.action_row(),
    }
    for name, row in built.items():
        assert set(row) == set(tables.TABLES[name].names) - rows.ADDED_LATER, name


def test_header_rows_are_found_and_marked_once() -> None:
    from normalise.headers import find_header, mark_header_rows

    def row(*texts: str, span: tuple[int, int] | None = None) -> Row:
        cells = [Cell(t, i, i) for i, t in enumerate(texts)]
        if span is not None:  # one cell over columns span[0]..span[1]
            first, last = span
            cells = [*cells[:first], Cell(texts[first], first, last)]
            cells += [Cell(t, i, i) for i, t in enumerate(texts) if i > last]
        return Row(cells=cells)

    table = Table(
        rows=[
            row("Plan for Adult D", "", "", ""),  # a title above the header
            row("Recommendation", "Action", "", "RAG", span=(1, 2)),
            row("", "What", "Who", ""),
            row("1) Do", "Audit", "QA lead", "G"),
            row("Recommendation", "Action", "", "RAG", span=(1, 2)),
            row("", "What", "Who", ""),
            row("RAG", "Actions", "Recommendations", ""),  # the header reworded
            row("2) Do", "Train", "Trainer", "A"),
        ],
        n_cols=4,
    )
    columns = find_header(table)
    assert columns is not None
    assert columns.slots == ("recommendation", "action", "lead", "rag")
    assert (columns.header_row, columns.header_rows) == (1, 2)
    mark_header_rows(table, columns)
    assert [r.repeats_as_header for r in table.rows] == [
        False,
        True,
        True,
        False,
        True,
        True,
        True,
        False,
    ]


def test_a_split_row_joins_across_a_repeated_header_under_a_title() -> None:
    """The title above the header is not repeated on page 2; the header is, and the
    row cut by the page break is still joined, across the repeated header."""
    title = Row(cells=[Cell("Action plan for Adult D", 0, 2)], page_start=1)
    page1 = Table(
        rows=[title, _row(HEADER, 1), _row(("1a. Is it?", "Train staff in", ""), 1)],
        n_cols=3,
    )
    page2 = Table(
        rows=[
            _row(HEADER, 2),
            _row(("", "safeguarding", "G"), 2, continues=True),
            _row(("", "Audit", "R"), 2),
        ],
        n_cols=3,
    )
    [table] = stitch_tables([page1, page2])
    assert isinstance(table, Table)
    assert [_texts(row) for row in table.rows][2:] == [
        ["1a. Is it?", "Train staff in\nsafeguarding", "G"],
        list(HEADER),
        ["", "Audit", "R"],
    ]
    assert [row.repeats_as_header for row in table.rows] == [
        False,
        False,
        False,
        True,
        False,
    ]


def test_registry_kinds_are_the_agency_kind_vocabulary() -> None:
    from schemas.vocab import AGENCY_KIND_WORDS, AGENCY_KINDS

    registry = load_registry()
    assert set(registry.kinds.values()) <= set(AGENCY_KINDS)
    assert {kind for _, kind in AGENCY_KIND_WORDS} <= set(AGENCY_KINDS)
    assert registry.kind("Thames Valley Police") == "police"
    assert registry.kind("") == ""

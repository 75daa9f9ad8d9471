"""Plans of other templates through the normaliser: columns by meaning, grouping
rows and headings, the plan's own status key, unmapped columns kept.

Each test builds the reader's blocks by hand (as the Word or PDF reader would give
them) and checks the output rows; expected values are written out by hand.
"""

from __future__ import annotations

import csv
import json
from collections.abc import Callable
from pathlib import Path

import pyarrow.parquet as pq
import pytest
from golden_compare import Extraction

from normalise import normalise
from normalise.tableset import TableSet
from schemas.blocks import Block, Cell, ExtractedDocument, Paragraph, Row, Table

REC_HEADER = (
    "Recommendation",
    "Action",
    "Lead Agency",
    "Lead Officer",
    "Target Date",
    "Progress",
    "RAG",
)


def _row(*texts: str, fills: dict[int, str] | None = None) -> Row:
    fills = fills or {}
    return Row(
        cells=[
            Cell(text=text, first_col=i, last_col=i, fill=fills.get(i))
            for i, text in enumerate(texts)
        ]
    )


def _wide(text: str, n_cols: int) -> Row:
    """A full-width row: one cell across the whole table."""
    return Row(cells=[Cell(text=text, first_col=0, last_col=n_cols - 1)])


def _table(*rows: Row, n_cols: int) -> Table:
    return Table(rows=list(rows), n_cols=n_cols)


def _run(*blocks: Block) -> TableSet:
    doc = ExtractedDocument(Path("plan.docx"), "docx", "0" * 64, list(blocks))
    return normalise(doc)


def _pick(rows: list[dict[str, object]], *keys: str) -> list[tuple[object, ...]]:
    return [tuple(row[key] for key in keys) for row in rows]


def _codes(result: TableSet) -> list[str]:
    return [issue.code for issue in result.issues]


def test_recommendation_plan_with_agency_rows() -> None:
    n = len(REC_HEADER)
    result = _run(
        _table(
            _row(*REC_HEADER),
            _wide("Children's Social Care", n),
            _row(
                "Recommendation 1: Review the threshold guidance",
                "Revise the guidance",
                "",
                "Head of Service",
                "30/06/2015",
                "Draft agreed",
                "Blue",
            ),
            _row(
                "", "Audit 20 cases", "Education", "Audit lead", "Sept 15", "", "Amber"
            ),
            _row("", "Brief all teams", "", "Team managers", "Ongoing", "", "Green"),
            _wide("Essex Police", n),
            _row(
                "R2 Train call handlers", "Deliver training", "", "DI Shaw", "", "", "R"
            ),
            n_cols=n,
        )
    )
    assert _pick(
        result.actions,
        "question_id",
        "agency",
        "agency_raw",
        "action",
        "lead",
        "target_date",
        "rag",
        "rag_raw",
    ) == [
        (
            "1",
            "Children's Social Care",
            "Children's Social Care",
            "Revise the guidance",
            "Head of Service",
            "30/06/2015",
            "complete",
            "Blue",
        ),
        (
            "1",
            "Education",
            "Education",
            "Audit 20 cases",
            "Audit lead",
            "Sept 15",
            "amber",
            "Amber",
        ),
        (
            "1",
            "Children's Social Care",
            "",
            "Brief all teams",
            "Team managers",
            "Ongoing",
            "green",
            "Green",
        ),
        ("R2", "Police", "Essex Police", "Deliver training", "DI Shaw", "", "red", "R"),
    ]
    assert [row["row"] for row in result.actions] == [1, 2, 3, 4]
    assert result.actions[0]["progress"] == "Draft agreed"
    assert json.loads(result.actions[1]["target_dates"]) == [
        {"date": "2015-09-01", "precision": "month", "text": "Sept 15"}
    ]
    assert json.loads(result.actions[2]["target_dates"]) == []
    assert _pick(result.questions, "question_id", "kind", "text") == [
        ("1", "recommendation", "Review the threshold guidance"),
        ("R2", "recommendation", "Train call handlers"),
    ]
    assert "unmapped_column" not in _codes(result)


def test_theme_row_opens_a_finding_and_is_no_action() -> None:
    header = ("Questions", "Agency", "Actions", "RAG")
    result = _run(
        Paragraph("Finding 1: Nobody asked", bold=True),
        _table(
            _row(*header),
            _row("1a. Is it?", "Police", "Train staff", "G"),
            _wide("Theme 2: Hearing the voice of the child", 4),
            _row("2a. Was it?", "NELFT", "Audit records", "A"),
            n_cols=4,
        ),
        _table(_row(*header), _row("2b. And?", "BTUH", "Write policy", "R"), n_cols=4),
    )
    assert _pick(result.findings, "finding_id", "section", "title") == [
        ("1", "finding", "Nobody asked"),
        ("2", "theme", "Hearing the voice of the child"),
    ]
    assert _pick(result.actions, "finding_id", "question_id", "agency", "action") == [
        ("1", "1a", "Police", "Train staff"),
        ("2", "2a", "NELFT", "Audit records"),
        ("2", "2b", "BTUH", "Write policy"),
    ]
    assert _pick(result.questions, "question_id", "finding_id", "kind") == [
        ("1a", "1", "question"),
        ("2a", "2", "question"),
        ("2b", "2", "question"),
    ]


def test_unmapped_column_is_kept_in_extra_and_reported() -> None:
    result = _run(
        Paragraph("Finding 1: x", bold=True),
        _table(
            _row(
                "No.", "Action to be taken", "Scope of recommendation", "Timescale", ""
            ),
            _row("1.1", "Write guidance", "Local", "March 2016", "note in margin"),
            _row("", "Train staff", "", "", ""),
            n_cols=5,
        ),
    )
    assert _pick(result.actions, "question_id", "action", "target_date", "extra") == [
        (
            "1.1",
            "Write guidance",
            "March 2016",
            '{"Scope of recommendation": "Local", "column 5": "note in margin"}',
        ),
        ("1.1", "Train staff", "", "{}"),
    ]
    assert result.questions[0]["kind"] == "recommendation"
    unmapped = [i.message for i in result.issues if i.code == "unmapped_column"]
    assert len(unmapped) == 1 and "Scope of recommendation" in unmapped[0]


# A plan's own key whose colours are none of the usual RAG shades.
OWN_KEY = [
    ("0070C0", "Completed – evidence of impact seen", "complete"),
    ("92D050", "On track to be achieved by the timescale", "green"),
    ("FFFF00", "Slipped – at risk of not being achieved", "amber"),
    ("C00000", "Off track – not achieved by the timescale", "red"),
]


def _key_table() -> Table:
    return _table(
        _row("Colour", "Meaning"),
        *(_row("", meaning, fills={0: fill}) for fill, meaning, _ in OWN_KEY),
        n_cols=2,
    )


def test_colour_only_rag_through_the_plans_own_key() -> None:
    header = ("Recommendation", "Agency", "Action", "RAG")
    rows = [
        _row("1.1 Do it", "Police", f"action {i}", "", fills={3: fill})
        for i, (fill, _, _) in enumerate(OWN_KEY)
    ]
    rows += [
        _row("", "Police", "near key blue (PDF drift)", "", fills={3: "0A74C2"}),
        _row("", "Police", "usual red, not in this key", "", fills={3: "FF0000"}),
        _row("", "Police", "unshaded", ""),
    ]
    result = _run(
        _key_table(),
        Paragraph("Finding 1: x", bold=True),
        _table(_row(*header), *rows, n_cols=4),
    )
    assert json.loads(result.document["rag_key"]) == [
        {"status": status, "label": "", "meaning": meaning}
        for _, meaning, status in OWN_KEY
    ]
    assert _pick(result.actions, "rag", "rag_raw") == [
        ("complete", ""),
        ("green", ""),
        ("amber", ""),
        ("red", ""),
        ("complete", ""),
        ("unrated", ""),
        ("unrated", ""),
    ]
    assert "unknown_status" not in _codes(result)


@pytest.mark.parametrize(
    ("with_key", "expected"),
    [(True, ["complete", "green", "amber", "red"]), (False, ["unrated"] * 4)],
)
def test_numeric_scale_only_through_the_key(
    with_key: bool, expected: list[str]
) -> None:
    key = _table(
        _row("1", "Fully achieved"),
        _row("2", "On target to achieve"),
        _row("3", "Slipped"),
        _row("4", "Not achieved"),
        n_cols=2,
    )
    actions = _table(
        _row(
            "Recommendation",
            "Action",
            "Lead",
            "Assessment of progress (Categories 1-4)",
        ),
        *(_row("1) Do it", f"step {n}", "Lead", str(n)) for n in range(1, 5)),
        n_cols=4,
    )
    blocks: list[Block] = [key, actions] if with_key else [actions]
    result = _run(*blocks)
    assert [row["rag"] for row in result.actions] == expected
    assert _codes(result).count("unknown_status") == (0 if with_key else 4)


def test_agency_table_title_fills_its_table() -> None:
    header = ("Recommendation", "Actions", "Lead Officer", "Timescale")
    result = _run(
        Paragraph("Finding 1: x", bold=True),
        Paragraph("Narrative line."),
        Paragraph("Essex Police", bold=True),
        _table(
            _row(*header),
            _row("1) Do", "Train", "DI", "May 2016"),
            _row("", "Audit", "DS", ""),
            n_cols=4,
        ),
        _table(_row(*header), _row("2) Do", "Check", "DC", ""), n_cols=4),
        Paragraph("Adults Social Care", heading_level=2),
        _table(_row(*header), _row("3) Do", "Visit", "SW", ""), n_cols=4),
    )
    assert _pick(result.actions, "agency", "agency_raw", "action") == [
        ("Police", "Essex Police", "Train"),
        ("Police", "", "Audit"),
        ("Police", "", "Check"),
        ("Adult Social Care", "Adults Social Care", "Visit"),
    ]
    assert result.findings[0]["narrative"] == "Narrative line."


def test_unknown_agency_heading_is_kept_as_printed_and_reported() -> None:
    n = len(REC_HEADER)
    result = _run(
        _table(
            _row(*REC_HEADER),
            _wide("Sussex Police", n),
            _row("Recommendation 1: x", "Train", "", "DI", "", "", "G"),
            n_cols=n,
        )
    )
    assert _pick(result.actions, "agency", "agency_raw") == [
        ("Sussex Police", "Sussex Police")
    ]
    assert [i.message for i in result.issues if i.code == "unmatched_agency"] == [
        "agency 'Sussex Police' is not in the registry; kept as printed"
    ]


# --- the two other-template samples, end to end ---------------------------------

GOLDEN = Path(__file__).resolve().parent / "golden"


@pytest.mark.parametrize(
    ("sample", "golden"),
    [
        ("marlbury-recommendations-plan.docx", "marlbury-recommendations-plan"),
        ("marlbury-recommendations-plan.pdf", "marlbury-recommendations-plan"),
        ("fenbridge-colour-rag-plan.docx", "fenbridge-colour-rag-plan"),
        ("fenbridge-colour-rag-plan.pdf", "fenbridge-colour-rag-plan"),
    ],
)
def test_sample_question_kinds(
    sample: str, golden: str, extracted: Callable[[str], Extraction]
) -> None:
    """`kind` is not among the columns the golden comparer checks; check it here."""
    with (GOLDEN / golden / "questions.csv").open(encoding="utf-8") as handle:
        want = [(q["question_id"], q["kind"]) for q in csv.DictReader(handle)]
    rows = pq.read_table(extracted(sample).out_dir / "questions.parquet").to_pylist()
    assert [(q["question_id"], q["kind"]) for q in rows] == want


@pytest.mark.parametrize(
    ("sample", "issues"),
    [
        (
            "marlbury-recommendations-plan.docx",
            [
                "no_finding: action rows come before any finding heading",
                "unmatched_agency: agency 'Marlbury Community Health Services' is "
                "not in the registry; kept as printed",
                "unmatched_agency: agency 'Marlbury General Hospital' is not in the "
                "registry; kept as printed",
            ],
        ),
        (
            "fenbridge-colour-rag-plan.docx",
            [
                "unmapped_column: column 'Scope' matches no known field; its cells "
                "are kept in the `extra` column",
            ],
        ),
    ],
)
def test_sample_issues(
    sample: str, issues: list[str], extracted: Callable[[str], Extraction]
) -> None:
    rows = pq.read_table(extracted(sample).out_dir / "documents.parquet").to_pylist()
    assert json.loads(rows[0]["issues"]) == issues


def test_number_column_labels_the_recommendation_beside_it() -> None:
    result = _run(
        Paragraph("Finding 1: x", bold=True),
        _table(
            _row("Action plan for Child K", "", "", ""),  # a title above the header
            _row("No.", "Recommendation", "Actions", "Lead Officer (name and role)"),
            _row("1.", "Review the guidance", "Revise it", "Head of Service"),
            _row("1.2", "", "Audit it", "QA Manager"),
            _row("R2", "Recommendation 5: Train staff", "Deliver", "Trainer"),
            n_cols=4,
        ),
    )
    assert _pick(result.questions, "question_id", "kind", "text") == [
        ("1", "recommendation", "Review the guidance"),
        ("5", "recommendation", "Train staff"),  # the cell's own label wins
    ]
    assert [i.message for i in result.issues if i.code == "table_note"] == [
        "row 'Action plan for Child K' read as a note"
    ]
    assert _pick(result.actions, "question_id", "action", "lead", "extra") == [
        ("1", "Revise it", "Head of Service", "{}"),
        ("1", "Audit it", "QA Manager", '{"No.": "1.2"}'),  # an action's own number
        ("5", "Deliver", "Trainer", "{}"),
    ]


def test_full_width_numbered_recommendation_and_note_rows() -> None:
    header = ("Agency", "Action", "Lead", "Timescale")
    note = "Page 2 of 9. This plan is reviewed quarterly by the Board."
    result = _run(
        _table(
            _row(*header),
            _wide("4. The Board should review its training offer", 4),
            _row("Police", "Train staff", "DI", "May 2016"),
            _wide(note, 4),
            _row("", "Audit", "DS", ""),
            n_cols=4,
        )
    )
    assert _pick(result.questions, "question_id", "kind", "text") == [
        ("4", "recommendation", "The Board should review its training offer")
    ]
    assert _pick(result.actions, "question_id", "agency", "action") == [
        ("4", "Police", "Train staff"),
        ("4", "Police", "Audit"),
    ]
    assert [i.message for i in result.issues if i.code == "table_note"] == [
        f"row {note!r} read as a note"
    ]


def test_no_finding_is_reported_once_per_document() -> None:
    header = ("Recommendation", "Actions", "Lead Officer")
    tables = [
        _table(_row(*header), _row(f"{n}) Do", "Act", "DI"), n_cols=3) for n in (1, 2)
    ]
    result = _run(tables[0], Paragraph("Notes between the tables."), tables[1])
    assert _codes(result) == ["no_finding"]
    assert [row["finding_id"] for row in result.actions] == ["", ""]


@pytest.mark.parametrize(
    ("progress", "rag_cell", "fill", "expected"),
    [
        ("Policy written and signed off. Completed.", "", None, "complete"),
        ("Action completed", "", None, "complete"),
        ("Policy drafted; not completed.", "", None, "unrated"),
        ("Completed training; audit next", "", None, "unrated"),
        ("Completed.", "R", None, "red"),  # the status cell wins
        ("Completed.", "", "FF0000", "red"),  # so does its colour
    ],
)
def test_completed_at_the_end_of_progress(
    progress: str, rag_cell: str, fill: str | None, expected: str
) -> None:
    result = _run(
        _table(
            _row("Recommendation", "Action", "Progress", "RAG"),
            _row("1) Do", "Act", progress, rag_cell, fills={3: fill} if fill else None),
            n_cols=4,
        )
    )
    assert result.actions[0]["rag"] == expected


def test_agency_title_row_above_the_header() -> None:
    header = ("Recommendation", "Actions", "Lead Officer", "RAG")
    result = _run(
        _table(
            _wide("Adult Social Care", 4),
            _row(*header),
            _row("1) Review", "Rewrite the policy", "Head of ASC", "Overdue"),
            n_cols=4,
        )
    )
    assert _pick(result.actions, "agency", "agency_raw", "action", "rag") == [
        ("Adult Social Care", "Adult Social Care", "Rewrite the policy", "red")
    ]
    assert "table_note" not in _codes(result)

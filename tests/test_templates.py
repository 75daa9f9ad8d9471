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
    # The number is each row's own `action_id`, the first row's too; it labels
    # the recommendation beside it only when that cell has no label of its own.
    assert _pick(result.actions, "question_id", "action_id", "action", "extra") == [
        ("1", "1", "Revise it", "{}"),
        ("1", "1.2", "Audit it", "{}"),
        ("5", "R2", "Deliver", "{}"),
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


# --- issue 14: headers of two rows, action numbers, statuses, agencies, reports ---


def _cells(*specs: tuple[str, int, int], above: tuple[int, ...] = ()) -> Row:
    """A row of cells given as (text, first_col, last_col); `above` lists the
    columns whose cell continues a cell merged down from the row above."""
    return Row(
        cells=[
            Cell(text=t, first_col=a, last_col=b, continues_above=a in above)
            for t, a, b in specs
        ]
    )


def _sar_header() -> list[Row]:
    """ "Action" spanning What / Who / When; the other header cells span both rows."""
    top = _cells(
        ("No.", 0, 0), ("Recommendation", 1, 1), ("Action", 2, 4), ("Status", 5, 5)
    )
    sub = _cells(
        ("", 0, 0),
        ("", 1, 1),
        ("What", 2, 2),
        ("Who", 3, 3),
        ("When", 4, 4),
        ("", 5, 5),
        above=(0, 1, 5),
    )
    return [top, sub]


def test_sub_headers_under_a_spanning_header_map_by_meaning() -> None:
    def row(*texts: str, above: tuple[int, ...] = ()) -> Row:
        return _cells(*((t, i, i) for i, t in enumerate(texts)), above=above)

    table = _table(
        *_sar_header(),
        row("1.1", "Recommendation 1: Do it", "Audit", "QA lead", "May 2022", "100%"),
        row("1.2.a", "", "Brief", "Trainer", "By when: June 2022", "50%", above=(1,)),
        *_sar_header(),  # printed again after a page break
        row("1.3", "", "Re-audit", "QA lead", "Ongoing", "Not started", above=(1,)),
        n_cols=6,
    )
    result = _run(table)
    assert _pick(
        result.actions, "question_id", "action_id", "action", "lead", "target_date"
    ) == [
        ("1", "1.1", "Audit", "QA lead", "May 2022"),
        ("1", "1.2.a", "Brief", "Trainer", "By when: June 2022"),
        ("1", "1.3", "Re-audit", "QA lead", "Ongoing"),
    ]
    # 100% is complete without a key; 50% is unrated, kept as printed, not reported
    assert _pick(result.actions, "rag", "rag_raw") == [
        ("complete", "100%"),
        ("unrated", "50%"),
        ("unrated", "Not started"),
    ]
    assert "unknown_status" not in _codes(result)
    assert "unmapped_column" not in _codes(result)


def test_a_sub_header_that_names_nothing_goes_to_extra() -> None:
    result = _run(
        _table(
            _cells(("Recommendation", 0, 0), ("Action", 1, 3), ("RAG", 4, 4)),
            _cells(
                ("", 0, 0),
                ("What", 1, 1),
                ("How", 2, 2),
                ("Due", 3, 3),
                ("", 4, 4),
                above=(0, 4),
            ),
            _cells(
                ("1) Do", 0, 0),
                ("Audit", 1, 1),
                ("By survey", 2, 2),
                ("Sept 22", 3, 3),
                ("G", 4, 4),
            ),
            n_cols=5,
        )
    )
    assert _pick(result.actions, "action", "target_date", "extra", "rag") == [
        ("Audit", "Sept 22", '{"Action: How": "By survey"}', "green")
    ]
    assert [i.message for i in result.issues if i.code == "unmapped_column"] == [
        "column 'Action: How' matches no known field; its cells are kept in the "
        "`extra` column"
    ]


def test_a_tracker_repeating_its_recommendation_opens_it_once() -> None:
    header = ("Ref", "Finding", "Recommendation", "Action", "Owner", "Due", "RAG")
    rows = [
        _row(
            f"1.1.{n}",
            "1. Early help",
            "1.1 Agree step-down",
            f"Step {n}",
            "HoS",
            "31/03/2023",
            "Green",
        )
        for n in (1, 2)
    ]
    rows.append(
        _row("1.2.1", "1. Early help", "1.2 Train staff", "Train", "L&D", "Due", "75%")
    )
    result = _run(_table(_row(*header), *rows, n_cols=len(header)))
    assert _pick(result.questions, "question_id", "finding_id", "text") == [
        ("1.1", "1", "Agree step-down"),
        ("1.2", "1", "Train staff"),
    ]
    assert _pick(result.findings, "finding_id", "title") == [("1", "Early help")]
    assert _pick(result.actions, "question_id", "action_id", "target_date") == [
        ("1.1", "1.1.1", "31/03/2023"),
        ("1.1", "1.1.2", "31/03/2023"),
        ("1.2", "1.2.1", "Due"),
    ]
    assert json.loads(result.actions[0]["target_dates"])[0]["date"] == "2023-03-31"


def test_the_plans_key_defines_percentages_and_words() -> None:
    key = _table(
        _row("Status", "Meaning"),
        _row("100%", "Complete – evidence seen"),
        _row("50%", "At risk – slower than planned"),
        _row("Not started", "Off track – work has not begun"),
        _row("Ongoing", "On track – no end date"),
        n_cols=2,
    )
    plan = _table(
        _row("Recommendation", "Action", "Lead", "Status"),
        *(
            _row("1) Do", f"step {s}", "Lead", s)
            for s in ("100%", "50%", "Not started", "Ongoing", "75%")
        ),
        n_cols=4,
    )
    result = _run(key, plan)
    assert [row["rag"] for row in result.actions] == [
        "complete",
        "amber",
        "red",
        "green",
        "unrated",
    ]
    # "75%" is not in this plan's key: unrated, and no status words were unknown
    assert _codes(result).count("unknown_status") == 0


@pytest.mark.parametrize(
    ("printed", "kind"),
    [
        ("Essex Police", "police"),  # registry
        ("Norfolk and Suffolk Constabularies", "police"),
        ("Northshire Constabulary", "police"),  # the name's own words
        ("Westvale ICB", "health commissioner"),
        ("Eastshire Hospitals NHS Foundation Trust", "acute trust"),
        ("Eastshire Partnership NHS Foundation Trust", "mental health trust"),
        ("Westmoor Council Adult Social Care", "adult social care"),
        ("Northbridge Children's Services", "children's social care"),
        ("Hollinsby Women's Aid", "voluntary sector"),
        ("Westmoor Safeguarding Adults Board", "board or partnership"),
        ("Westmoor Borough Council", "other"),
        ("Named Nurse", "other"),
    ],
)
def test_agency_kind_from_registry_or_name(printed: str, kind: str) -> None:
    result = _run(
        _table(_row("Agency", "Action", "Lead"), _row(printed, "Act", "Lead"), n_cols=3)
    )
    assert result.actions[0]["agency_kind"] == kind


def test_variants_of_an_unregistered_name_are_one_agency() -> None:
    names = [
        "Northbridge Children's Services",
        "Northbridge Childrens Services",
        "Northbridge Children's Services",
        "Northbridge Housing Service",
        "Northbridge Housing Services",
    ]
    result = _run(
        _table(
            _row("Agency", "Action", "Lead"),
            *(_row(name, f"act {i}", "Lead") for i, name in enumerate(names)),
            n_cols=3,
        )
    )
    assert _pick(result.actions, "agency", "agency_raw") == [
        ("Northbridge Children's Services", names[0]),
        ("Northbridge Children's Services", names[1]),
        ("Northbridge Children's Services", names[2]),
        ("Northbridge Housing Service", names[3]),  # a tie: the first printed
        ("Northbridge Housing Service", names[4]),
    ]
    assert [i.message for i in result.issues if i.code == "agency_variant"] == [
        "agency 'Northbridge Childrens Services' read as \"Northbridge Children's "
        'Services": one body printed two ways; the form printed most often is kept',
        "agency 'Northbridge Housing Services' read as 'Northbridge Housing "
        "Service': one body printed two ways; the form printed most often is kept",
    ]


def test_a_report_body_and_its_plan() -> None:
    """A finding in a heading and in the plan is one row; its narrative stops at the
    next heading of its level or higher; numbered recommendations in the body give
    the text of the plan's bare "Recommendation N" cells, and one the plan does
    not list is added."""
    header = ("Recommendation", "Action", "Lead Agency", "RAG")
    result = _run(
        Paragraph("Findings", heading_level=1),
        Paragraph("Theme 1: Knowing who lives in the home", heading_level=2),
        Paragraph("Nobody asked who he was."),
        Paragraph("Theme 2: The voice of the child", heading_level=2),
        Paragraph("Callum was not asked."),
        Paragraph("Recommendations", heading_level=1),
        Paragraph("The review makes three recommendations."),
        Paragraph("1. The Partnership should issue guidance."),
        Paragraph("2. Police should record every adult present."),
        Paragraph("3. The Partnership should write to the panel."),
        Paragraph("Appendix A: Action plan", heading_level=1),
        _table(
            _row(*header),
            _wide("Theme 1: Professional curiosity", 4),
            _row("Recommendation 1", "Write guidance", "Police", "Green"),
            _row("Recommendation 2", "Brief officers", "Police", "Complete"),
            _wide("Theme 2: Voice", 4),
            _row("Recommendation 4", "Train staff", "Police", "Amber"),
            n_cols=4,
        ),
    )
    assert _pick(result.findings, "finding_id", "title", "narrative") == [
        ("1", "Knowing who lives in the home", "Nobody asked who he was."),
        ("2", "The voice of the child", "Callum was not asked."),
    ]
    assert _pick(result.questions, "question_id", "finding_id", "text") == [
        ("1", "1", "The Partnership should issue guidance."),
        ("2", "1", "Police should record every adult present."),
        ("4", "2", ""),
        ("3", "", "The Partnership should write to the panel."),
    ]
    assert [row["finding_id"] for row in result.actions] == ["1", "1", "2"]


def test_an_unlabelled_recommendation_repeated_beside_action_numbers() -> None:
    """The first number labels the recommendation; the same text printed again
    beside the next numbers is the same recommendation, not a new one."""
    rows = [
        _row(number, "Review the guidance", f"Step {number}", "HoS")
        for number in ("1.1", "1.2", "1.3")
    ]
    result = _run(
        _table(_row("No.", "Recommendation", "Action", "Lead"), *rows, n_cols=4)
    )
    assert _pick(result.questions, "question_id", "text") == [
        ("1.1", "Review the guidance")
    ]
    assert _pick(result.actions, "question_id", "action_id") == [
        ("1.1", "1.1"),
        ("1.1", "1.2"),
        ("1.1", "1.3"),
    ]


@pytest.mark.parametrize("numbered", [True, False])
def test_a_group_header_that_names_no_field_is_read_with_its_sub_headers(
    numbered: bool,
) -> None:
    """ "Delivery" names no field; its sub-headers do. With a No. column the top row
    is a header of its own, refined by the sub-headers; without, it names too
    little alone and is read together with them."""
    first = [("No.", 0, 0)] if numbered else [("", 0, 0)]
    result = _run(
        _table(
            _cells(*first, ("Recommendation", 1, 1), ("Delivery", 2, 4), ("RAG", 5, 5)),
            _sar_header()[1],
            _cells(
                ("1.1" if numbered else "", 0, 0),
                ("1. Do it", 1, 1),
                ("Audit", 2, 2),
                ("QA lead", 3, 3),
                ("May 2022", 4, 4),
                ("G", 5, 5),
            ),
            n_cols=6,
        )
    )
    assert _pick(
        result.actions, "question_id", "action_id", "action", "lead", "target_date"
    ) == [("1", "1.1" if numbered else "", "Audit", "QA lead", "May 2022")]
    assert "table_note" not in _codes(result)
    assert "unmapped_column" not in _codes(result)


def test_a_plan_title_naming_recommendations_opens_no_list() -> None:
    """Numbered paragraphs are recommendations only under a heading that opens a
    list of them, not under a plan's title."""
    header = ("Recommendation", "Action", "Lead")
    result = _run(
        Paragraph("Recommendations Action Plan", heading_level=3),
        Paragraph("1. This plan is reviewed by the Board every quarter."),
        _table(_row(*header), _row("Recommendation 1: Do it", "Act", "DI"), n_cols=3),
    )
    assert _pick(result.questions, "question_id", "text") == [("1", "Do it")]


def test_a_headerless_table_like_the_action_table_is_reported_not_dropped() -> None:
    """A table after the action table, with as many columns but no header and
    not stitched to it (another grid), may be its rows: its rows are not read,
    and an `unread_table` issue says where, so nothing is dropped unsaid."""
    n = len(REC_HEADER)
    grid = tuple(100.0 * i for i in range(n + 1))
    plan = Table(
        rows=[
            _row(*REC_HEADER),
            _row("Recommendation 1: Review", "Revise", "", "Head", "", "", "Blue"),
        ],
        n_cols=n,
        col_edges=grid,
    )
    shifted = tuple(x + 40 for x in grid)
    lookalike = Table(
        rows=[_row("", "Audit", "", "", "", "", "")],
        n_cols=n,
        page=3,
        col_edges=shifted,
    )
    other = Table(rows=[_row("a", "b")], n_cols=2, page=4)
    result = _run(plan, lookalike, other)
    assert [(i.code, i.page) for i in result.issues if i.code == "unread_table"] == [
        ("unread_table", 3)
    ]

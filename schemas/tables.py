"""Arrow schemas of the output tables: column names, order and types, declared once.

Both writers (Parquet and CSV) and the Python API build their frames from these, so
a column cannot appear in one output and not in another.
"""

from __future__ import annotations

import pyarrow as pa

_ROW_KEY = [
    pa.field("source", pa.string(), nullable=False),
    pa.field("doc_id", pa.string(), nullable=False),
]

DOCUMENTS = pa.schema(
    [
        *_ROW_KEY,
        pa.field("format", pa.string()),
        pa.field("title", pa.string()),
        pa.field("board", pa.string()),
        pa.field("review", pa.string()),
        pa.field("case", pa.string()),
        # The "Report as at" date; null when the plan prints none.
        pa.field("report_date", pa.date32()),
        pa.field("rag_key", pa.string()),
        pa.field("pages", pa.int32()),
        pa.field("findings", pa.int32()),
        pa.field("questions", pa.int32()),
        pa.field("actions", pa.int32()),
        # Share (0 to 1) of the action tables' text found in the output rows.
        pa.field("coverage", pa.float64()),
        pa.field("issues", pa.string()),
    ]
)

FINDINGS = pa.schema(
    [
        *_ROW_KEY,
        pa.field("finding_id", pa.string()),
        pa.field("section", pa.string()),
        pa.field("title", pa.string()),
        pa.field("narrative", pa.string()),
        pa.field("page", pa.int32()),
    ]
)

QUESTIONS = pa.schema(
    [
        *_ROW_KEY,
        pa.field("question_id", pa.string()),
        pa.field("finding_id", pa.string()),
        pa.field("kind", pa.string()),
        pa.field("text", pa.string()),
        pa.field("page", pa.int32()),
    ]
)

ACTIONS = pa.schema(
    [
        *_ROW_KEY,
        pa.field("row", pa.int32()),
        pa.field("finding_id", pa.string()),
        pa.field("question_id", pa.string()),
        # The action's own number as printed in a "No." / "Ref" column ("1.2.a"),
        # on every row that prints one; "" when the plan numbers no actions.
        pa.field("action_id", pa.string()),
        pa.field("agency", pa.string()),
        # What kind of body the agency is (one of schemas.vocab.AGENCY_KINDS).
        pa.field("agency_kind", pa.string()),
        pa.field("agency_raw", pa.string()),
        pa.field("response", pa.string()),
        pa.field("action", pa.string()),
        pa.field("rag", pa.string()),
        pa.field("rag_raw", pa.string()),
        pa.field("constraints", pa.string()),
        pa.field("target_evidence", pa.string()),
        pa.field("lead", pa.string()),
        pa.field("desired_outcome", pa.string()),
        pa.field("target_date", pa.string()),
        pa.field("evidence", pa.string()),
        pa.field("progress", pa.string()),
        # JSON list of {"date": ISO, "precision": "day"|"month"|"year", "text"}:
        # a string, so the CSV and Parquet outputs hold the same value.
        pa.field("target_dates", pa.string()),
        # The latest date of the target date cell (target_date, target_evidence),
        # a month as its last day and a year as 31 December; null when none.
        pa.field("due_date", pa.date32()),
        # Due before the report date and neither complete nor not applicable;
        # null when either date is missing.
        pa.field("overdue", pa.bool_()),
        # JSON object {header: text} of the cells under columns no field claims.
        pa.field("extra", pa.string()),
        pa.field("spans", pa.string()),
        pa.field("page_start", pa.int32()),
        pa.field("page_end", pa.int32()),
        pa.field("bbox", pa.string()),
    ]
)

ERRORS = pa.schema(
    [
        pa.field("source", pa.string(), nullable=False),
        # Where the document stopped: read, normalise or write.
        pa.field("stage", pa.string()),
        pa.field("kind", pa.string()),
        pa.field("message", pa.string()),
    ]
)

# The four tables of a document's rows, then the errors table: the one list of
# the output tables' names, in the order they are written.
DOCUMENT_TABLES = ("documents", "findings", "questions", "actions")
TABLE_NAMES = (*DOCUMENT_TABLES, "errors")

TABLES: dict[str, pa.Schema] = {
    "documents": DOCUMENTS,
    "findings": FINDINGS,
    "questions": QUESTIONS,
    "actions": ACTIONS,
    "errors": ERRORS,
}

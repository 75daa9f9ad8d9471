"""Action-table rows to action records: fill down, merges, spans, statuses, agencies.

Works on one logical table (already stitched across pages) whose header gave a
`ColumnMap`. A vertically merged cell is read once and filled down; text found in
its lower part (a PDF prints the tail of a long merged cell on the next page) is
appended to the cell it continues, never taken as a new value.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from extract.types import Row
from normalise.agencies import Registry
from normalise.columns import ColumnMap, is_header_like
from normalise.questions import split_question
from normalise.rag import RagKey, classify
from normalise.tableset import Issue, Record
from normalise.text import clean_lines, fold
from schemas.fields import ACTION_FIELDS, AGENCY, QUESTION


@dataclass(slots=True)
class _State:
    """What is open while walking down a table: the question, the agency block."""

    finding_id: str
    question: Record | None = None
    agency_row: Record | None = None
    agency: str = ""
    last_row: Record | None = None
    questions: list[Record] = field(default_factory=list)
    issues: list[Issue] = field(default_factory=list)


def action_rows(
    rows: list[Row],
    columns: ColumnMap,
    finding_id: str,
    registry: Registry,
    key: RagKey,
    first_row_number: int,
) -> tuple[list[Record], list[Record], list[Issue]]:
    """(actions, questions, issues) of one table's data rows."""
    state = _State(finding_id=finding_id)
    actions: list[Record] = []
    for row in rows:
        if row.repeats_as_header or is_header_like(row, columns):
            continue
        record = _new_record(state, row, columns, registry, key)
        if record is None:
            continue
        record["row"] = first_row_number + len(actions)
        actions.append(record)
        state.last_row = record
    return actions, state.questions, state.issues


def _new_record(
    state: _State, row: Row, columns: ColumnMap, registry: Registry, key: RagKey
) -> Record | None:
    record: Record = {name: "" for name in ACTION_FIELDS}
    record["spans"] = ""
    spans: list[str] = []
    rag_fill: str | None = None
    for cell in row.cells:
        covered = columns.fields_covered(cell.first_col, cell.last_col)
        if not covered:
            continue
        name = covered[0]
        text = clean_lines(cell.text)
        if cell.continues_above:
            _append_continued(state, name, text)
            continue
        if name == QUESTION:
            _open_question(state, text, row)
        elif name == AGENCY:
            _open_agency(state, record, text, registry, row)
        else:
            record[name] = text
            if name == "rag":
                rag_fill = cell.fill
        action_covered = [f for f in covered if f in ACTION_FIELDS]
        if len(action_covered) > 1:
            spans.append(f"{action_covered[0]}-{action_covered[-1]}")
    if not any(fold(c.text) for c in row.cells if not c.continues_above):
        return None  # a spacer, or only the tail of merged cells: nothing new
    record["spans"] = ";".join(spans)
    question = state.question
    record["finding_id"] = state.finding_id
    record["question_id"] = question["question_id"] if question else ""
    record["agency"] = state.agency
    record.setdefault("agency_raw", "")
    record["rag_raw"] = record.pop("rag")
    status, understood = classify(record["rag_raw"], rag_fill, key)
    record["rag"] = status.value
    if not understood:
        state.issues.append(
            Issue(
                "unknown_status",
                f"status {fold(record['rag_raw'])!r} not in the "
                "plan's key or the vocabulary; kept as unrated",
                row.page_start,
            )
        )
    record["page_start"] = row.page_start
    record["page_end"] = row.page_end
    if record["agency_raw"]:
        state.agency_row = record
    return record


def _open_question(state: _State, text: str, row: Row) -> None:
    if not text:
        return
    question_id, body = split_question(text)
    state.question = {
        "question_id": question_id,
        "finding_id": state.finding_id,
        "text": body,
        "page": row.page_start,
    }
    state.questions.append(state.question)
    state.agency = ""


def _open_agency(
    state: _State, record: Record, text: str, registry: Registry, row: Row
) -> None:
    if not text:
        return
    record["agency_raw"] = text
    match = registry.match(text)
    state.agency = match.canonical or fold(text)
    if match.canonical is None:
        state.issues.append(
            Issue(
                "unmatched_agency",
                f"agency {fold(text)!r} is not in the registry; kept as printed",
                row.page_start,
            )
        )


def _append_continued(state: _State, name: str, text: str) -> None:
    """Text in the lower part of a merged cell joins the cell it continues."""
    if not text:
        return
    if name == QUESTION and state.question is not None:
        state.question["text"] = _join(state.question["text"], text)
    elif name == AGENCY and state.agency_row is not None:
        state.agency_row["agency_raw"] = _join(state.agency_row["agency_raw"], text)
    elif state.last_row is not None and name in state.last_row:
        target = "rag_raw" if name == "rag" else name
        state.last_row[target] = _join(state.last_row[target], text)


def _join(head: str, tail: str) -> str:
    return f"{head}\n{tail}" if head else tail

"""Action-table rows to action records: grouping, fill down, merges, spans, statuses.

Works on one logical table (already stitched across pages) whose header gave a
`ColumnMap`. A vertically merged cell is read once and filled down; text found in
its lower part (a PDF prints the tail of a long merged cell on the next page) is
appended to the cell it continues, never taken as a new value.

Grouping that is not a column arrives two ways: from headings before the table
(`Grouping`), and as full-width rows inside it (one cell across the whole table).
A full-width row opens a finding or theme ("Theme 2: …"), a recommendation
("Recommendation 3: …") or, failing both, an agency section; it never becomes an
action row itself.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field

from normalise.agencies import Registry
from normalise.columns import ColumnMap
from normalise.dates import find_dates
from normalise.questions import FINDING, Label, split_label
from normalise.rag import RagKey, classify
from normalise.tableset import Issue
from normalise.text import clean_lines, fold
from schemas.blocks import Cell, Row
from schemas.fields import (
    ACTION_FIELDS,
    AGENCY,
    DATE_FIELDS,
    LABEL,
    QUESTION_KINDS,
    RECOMMENDATION,
)
from schemas.fields import (
    FINDING as FINDING_FIELD,
)
from schemas.rows import Record, action_row, finding_row, question_row
from schemas.vocab import PROGRESS_COMPLETE, Rag

# A full-width row longer than this (or ending a sentence) is not an agency heading.
AGENCY_HEADING_MAX_CHARS = 80


@dataclass(frozen=True, slots=True)
class Grouping:
    """What headings before a table say about its rows: the finding, and an agency
    when the table is titled with one (`agency_raw` is the title as printed)."""

    finding_id: str = ""
    agency: str = ""
    agency_raw: str = ""


@dataclass(slots=True)
class TableRows:
    """One table's contribution to the output tables."""

    actions: list[Record] = field(default_factory=list)
    questions: list[Record] = field(default_factory=list)
    findings: list[Record] = field(default_factory=list)
    issues: list[Issue] = field(default_factory=list)


@dataclass(slots=True)
class _State:
    """What is open while walking down a table: finding, question, agency block.

    `section_agency` comes from a heading (title or full-width row) and is what a
    row with an empty agency cell falls back to; `pending_raw` is the heading text,
    written as `agency_raw` of the first row under it.
    """

    finding_id: str
    out: TableRows
    question: Record | None = None
    section_agency: str = ""
    pending_raw: str = ""
    agency: str = ""
    agency_row: Record | None = None
    last_row: Record | None = None


def action_rows(
    rows: list[Row],
    columns: ColumnMap,
    grouping: Grouping,
    registry: Registry,
    key: RagKey,
    first_row_number: int,
) -> TableRows:
    """Actions, questions, findings and issues of one table's data rows.

    Header rows arrive marked (`Row.repeats_as_header`, see `normalise.headers`)
    and are skipped: a header row is never an action row.
    """
    out = TableRows()
    state = _State(
        finding_id=grouping.finding_id,
        out=out,
        section_agency=grouping.agency,
        pending_raw=grouping.agency_raw,
        agency=grouping.agency,
    )
    for index, row in enumerate(rows):
        if row.repeats_as_header:
            continue
        heading = _full_width_text(row, len(columns.slots))
        if heading is not None:
            _open_group(state, heading, row, registry)
            continue
        if index < columns.header_row:
            _note(
                state, " / ".join(filter(None, (fold(c.text) for c in row.cells))), row
            )
            continue  # a title or note above the header row, not an action
        record = _new_record(state, row, columns, registry, key)
        if record is None:
            continue
        record["row"] = first_row_number + len(out.actions)
        out.actions.append(record)
        state.last_row = record
    for record in out.actions:
        _finish(record)
    return out


def _full_width_text(row: Row, n_cols: int) -> str | None:
    """The text of a row that is one cell across the whole table, else None."""
    if len(row.cells) != 1:
        return None
    cell = row.cells[0]
    if cell.first_col != 0 or cell.last_col < n_cols - 1 or cell.continues_above:
        return None
    return fold(cell.text) or None


def _open_group(state: _State, text: str, row: Row, registry: Registry) -> None:
    """A full-width row: a finding or theme, a recommendation, an agency, or a note.

    Tried in that order: "Theme 2: …"; a labelled recommendation ("Recommendation
    3: …"); a registry agency; a numbered sentence ("4. The Board should …", a
    recommendation); any other short line, taken for an agency not in the
    registry (reported). A longer line is a note (reported, not a group).
    """
    finding = FINDING.match(text)
    if finding:
        _add_finding(state, finding.group(2), finding.group(3), finding.group(1), row)
        state.section_agency = state.agency = ""
        return
    label = split_label(text)
    if label.kind is not None:
        _open_question(state, label, label.kind, row)
        return
    if registry.match(text).canonical is None and label.question_id and label.text:
        _open_question(state, label, RECOMMENDATION, row)
        return
    if len(text) > AGENCY_HEADING_MAX_CHARS or text.endswith("."):
        _note(state, text, row)
        return
    state.section_agency = state.agency = _agency_name(state, text, registry, row)
    state.pending_raw = text


def _note(state: _State, text: str, row: Row) -> None:
    """A row that is no action and no heading: reported, so nothing goes unseen."""
    if text:
        state.out.issues.append(
            Issue("table_note", f"row {text!r} read as a note", row.page_start)
        )


def _add_finding(
    state: _State, finding_id: str, title: str, word: str, row: Row
) -> None:
    state.finding_id = finding_id
    state.question = None
    state.out.findings.append(
        finding_row(finding_id, word.lower(), fold(title), row.page_start)
    )


@dataclass(slots=True)
class _Draft:
    """One action row while its cells are read: the record (whose `extra` holds the
    cells of unmapped columns), its horizontal merges, the status cell's fill, and
    whether a cell of the row opened (or printed again) a question."""

    record: Record = field(default_factory=action_row)
    spans: list[str] = field(default_factory=list)
    fill: str | None = None
    opened: bool = False


def _new_record(
    state: _State, row: Row, columns: ColumnMap, registry: Registry, key: RagKey
) -> Record | None:
    """The action record of one data row, or None for a row with nothing new."""
    if not any(fold(c.text) for c in row.cells if not c.continues_above):
        return None  # a spacer, or only the tail of merged cells: nothing new
    draft = _Draft()
    number = _row_label(row, columns)
    for cell in row.cells:
        _read_cell(state, draft, cell, columns, registry, number, row)
    record = draft.record
    record["action_id"] = number
    if number and not draft.opened and not columns.has_question_column:
        _open_question(state, Label(number, ""), RECOMMENDATION, row)
    if state.pending_raw:
        record["agency_raw"] = record["agency_raw"] or state.pending_raw
        state.pending_raw = ""
    record["spans"] = ";".join(draft.spans)
    record["finding_id"] = state.finding_id
    record["question_id"] = state.question["question_id"] if state.question else ""
    record["agency"] = state.agency
    _set_status(state, record, draft.fill, key, row)
    record["page_start"] = row.page_start
    record["page_end"] = row.page_end
    record["bbox"] = _row_box(row)
    if record["agency_raw"]:
        state.agency_row = record
    return record


def _read_cell(
    state: _State,
    draft: _Draft,
    cell: Cell,
    columns: ColumnMap,
    registry: Registry,
    number: str,
    row: Row,
) -> None:
    """One cell of a data row into the draft: by the field of its column."""
    covered = columns.fields_covered(cell.first_col, cell.last_col)
    text = clean_lines(cell.text)
    record = draft.record
    if not covered:
        _keep_extra(
            state, record["extra"], columns.extra_name(cell.first_col), cell, text
        )
        return
    name = covered[0]
    if cell.continues_above:
        _append_continued(state, name, text)
        return
    if name in QUESTION_KINDS:
        draft.opened = _question_cell(state, text, number, name, row) or draft.opened
    elif name == FINDING_FIELD:
        _open_finding_cell(state, text, row)
    elif name == AGENCY:
        _open_agency(state, record, text, registry, row)
    elif name != LABEL:  # the number was read before the cells
        record[name] = text
        if name == "rag":
            draft.fill = cell.fill
    action_covered = [f for f in covered if f in ACTION_FIELDS]
    if len(action_covered) > 1:
        draft.spans.append(f"{action_covered[0]}-{action_covered[-1]}")


def _question_cell(state: _State, text: str, number: str, kind: str, row: Row) -> bool:
    """A question or recommendation cell: opens its question, unless it only prints
    the open one again (trackers repeat it on every row). Whether it opened one."""
    if not text:
        return False
    label = split_label(text)
    open_ = state.question
    if (
        open_ is not None
        and fold(open_["text"]) == fold(label.text)
        and label.question_id in ("", open_["question_id"])
    ):
        return True  # the open question printed again (with no label, or its own)
    if number and not label.question_id:
        label = Label(number, label.text, label.kind)
    _open_question(state, label, label.kind or kind, row)
    return True


def _set_status(
    state: _State, record: Record, fill: str | None, key: RagKey, row: Row
) -> None:
    """`rag` from the printed text (kept in `rag_raw`), the cell's colour, or a
    progress note that ends "Completed." when the status cell says nothing."""
    record["rag_raw"] = record.pop("rag")
    status, understood = classify(record["rag_raw"], fill, key)
    if (
        status is Rag.UNRATED
        and not fold(record["rag_raw"])
        and PROGRESS_COMPLETE.search(fold(record["progress"]))
    ):
        status = Rag.COMPLETE
    record["rag"] = status.value
    if not understood:
        state.out.issues.append(
            Issue(
                "unknown_status",
                f"status {fold(record['rag_raw'])!r} not in the "
                "plan's key or the vocabulary; kept as unrated",
                row.page_start,
            )
        )


def _row_label(row: Row, columns: ColumnMap) -> str:
    """The row's number from a "No." / "Ref" column ("1.", "R2" -> "1", "R2")."""
    for cell in row.cells:
        covered = columns.fields_covered(cell.first_col, cell.last_col)
        text = fold(cell.text)
        if covered[:1] == [LABEL] and text and not cell.continues_above:
            return split_label(text).question_id or text
    return ""


def _finish(record: Record) -> None:
    """JSON columns, once every continuation has been appended to the record."""
    dates = [d.as_record() for name in DATE_FIELDS for d in find_dates(record[name])]
    record["target_dates"] = json.dumps(dates, ensure_ascii=False)
    record["extra"] = json.dumps(record["extra"], ensure_ascii=False)


def _keep_extra(
    state: _State, extra: dict[str, str], name: str, cell: Cell, text: str
) -> None:
    """A cell under a column no field claims: kept under its header's name."""
    if not text:
        return
    if cell.continues_above:
        if state.last_row is not None:
            target = state.last_row["extra"]
            target[name] = _join(target.get(name, ""), text)
        return
    extra[name] = _join(extra.get(name, ""), text)


def _open_question(state: _State, label: Label, kind: str, row: Row) -> None:
    state.question = question_row(
        label.question_id, state.finding_id, kind, label.text, row.page_start
    )
    state.out.questions.append(state.question)
    state.agency = state.section_agency


def _open_finding_cell(state: _State, text: str, row: Row) -> None:
    """A finding column: "Finding 2: …" or "2. …" opens finding 2 (once)."""
    if not text:
        return
    match = FINDING.match(fold(text))
    if match:
        finding_id, title, word = match.group(2), match.group(3), match.group(1)
    else:
        label = split_label(text)
        finding_id, title, word = label.question_id, label.text, FINDING_FIELD
    if finding_id != state.finding_id or not finding_id:
        _add_finding(state, finding_id, title, word, row)


def _open_agency(
    state: _State, record: Record, text: str, registry: Registry, row: Row
) -> None:
    """An agency cell: a new block if it has text, else back to the section's."""
    if not text:
        if state.section_agency:
            state.agency = state.section_agency
        return
    record["agency_raw"] = text
    state.agency = _agency_name(state, text, registry, row)


def _agency_name(state: _State, text: str, registry: Registry, row: Row) -> str:
    """The registry's name for a printed agency, or the text itself (reported)."""
    match = registry.match(text)
    if match.canonical is None:
        state.out.issues.append(
            Issue(
                "unmatched_agency",
                f"agency {fold(text)!r} is not in the registry; kept as printed",
                row.page_start,
            )
        )
    return match.canonical or fold(text)


def _append_continued(state: _State, name: str, text: str) -> None:
    """Text in the lower part of a merged cell joins the cell it continues."""
    if not text:
        return
    if name in QUESTION_KINDS and state.question is not None:
        state.question["text"] = _join(state.question["text"], text)
    elif name == AGENCY and state.agency_row is not None:
        state.agency_row["agency_raw"] = _join(state.agency_row["agency_raw"], text)
    elif state.last_row is not None and name in state.last_row:
        target = "rag_raw" if name == "rag" else name
        state.last_row[target] = _join(state.last_row[target], text)


def _join(head: str, tail: str) -> str:
    return f"{head}\n{tail}" if head else tail


def _row_box(row: Row) -> str | None:
    """Where the row starts on its first page, "x0 top x1 bottom" in points from
    the page's top-left corner, so a reader can find it; None for Word files."""
    boxes = [c.bbox for c in row.cells if c.bbox and c.page == row.page_start]
    if not boxes:
        return None
    x0, top = min(b[0] for b in boxes), min(b[1] for b in boxes)
    x1, bottom = max(b[2] for b in boxes), max(b[3] for b in boxes)
    return f"{x0:.1f} {top:.1f} {x1:.1f} {bottom:.1f}"

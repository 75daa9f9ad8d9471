"""Normalisation: reader blocks to the four output tables of the golden contract.

Steps, in order: stitch page tables (`continuation`), read the front matter
(`metadata`), walk the paragraphs (`sections`: findings, narratives, agency titles,
recommendations in the body) and the tables, whose header rows are found and marked
once (`headers`), turn table rows into records (`rows`), then finish the agency
columns over the whole document (`agency_columns`). Each step is a plain function
over plain data.
"""

from __future__ import annotations

import json

from normalise.agencies import Registry, load_registry
from normalise.agency_columns import finish_agencies
from normalise.columns import ColumnMap
from normalise.continuation import stitch_tables
from normalise.headers import find_header, mark_header_rows
from normalise.metadata import colour_key, document_metadata
from normalise.rag import RagKey
from normalise.rows import Grouping, action_rows
from normalise.sections import Walk, finding_from, merge_body_recommendations
from normalise.tableset import Issue, Record, TableSet
from schemas.blocks import Block, ExtractedDocument, Paragraph, Table
from schemas.errors import NoActionTable


def normalise(doc: ExtractedDocument, registry: Registry | None = None) -> TableSet:
    """The document's findings, questions and actions, with metadata and issues."""
    registry = registry or load_registry()
    blocks = stitch_tables(doc.blocks)
    front, key_entries, key = _front_matter(blocks)
    result = TableSet()
    result.document = {
        **document_metadata(front),
        "rag_key": json.dumps(key_entries, ensure_ascii=False),
    }
    walk = Walk(registry, findings=result.findings)
    read: Table | None = None  # the last action table read
    for block in blocks:
        if isinstance(block, Paragraph):
            walk.paragraph(block)
            continue
        columns = find_header(block)
        if columns is None and read is not None and block.n_cols == read.n_cols:
            result.issues.append(_unread(block))
        if columns is None or not columns.is_action_table:
            continue
        read = block
        mark_header_rows(block, columns)
        opened = _add_table(result, block, columns, walk.grouping(), registry, key)
        walk.finding = opened or walk.finding
        walk.table_read()
    if not result.actions:
        raise NoActionTable("no table with action-plan column headers was found")
    merge_body_recommendations(result.questions, walk.recommendations)
    result.issues = _once_per_name(result.issues)
    result.issues.extend(finish_agencies(result.actions, registry))
    return result


def _unread(table: Table) -> Issue:
    """A table with no header but as many columns as the action table before it,
    on a grid its pages could not be stitched to: it may be that table's rows, so
    it is reported, not dropped unsaid."""
    rows = sum(1 for row in table.rows if any(cell.text for cell in row.cells))
    return Issue(
        UNREAD_TABLE,
        f"a table of {rows} rows with the action table's {table.n_cols} columns "
        "but no header, on another column grid, was not read: check it",
        page=table.page,
    )


UNREAD_TABLE = "unread_table"


def _once_per_name(issues: list[Issue]) -> list[Issue]:
    """An unregistered agency is reported once, where first printed: a tracker
    prints its agency on every row."""
    seen: set[str] = set()
    kept: list[Issue] = []
    for issue in issues:
        if issue.code == "unmatched_agency":
            if issue.message in seen:
                continue
            seen.add(issue.message)
        kept.append(issue)
    return kept


def _front_matter(blocks: list[Block]) -> tuple[list[Paragraph], list[Record], RagKey]:
    """Paragraphs before the first finding, and the first colour key table."""
    paragraphs: list[Paragraph] = []
    entries: list[Record] = []
    key = RagKey()
    for block in blocks:
        if isinstance(block, Paragraph):
            if finding_from(block, False) is not None:
                break
            paragraphs.append(block)
        elif not entries and (found := colour_key(block)) is not None:
            entries, key = found
    return paragraphs, entries, key


def _add_table(
    result: TableSet,
    table: Table,
    columns: ColumnMap,
    grouping: Grouping,
    registry: Registry,
    key: RagKey,
) -> Record | None:
    """Add one action table's rows; return the last finding it opened, if any.

    A finding the body has already opened (a report names its themes in headings
    and again in its plan) is not added twice: the heading's row stands.
    """
    result.action_tables.append((table, columns))
    for text in columns.unmapped:
        result.issues.append(
            Issue(
                "unmapped_column",
                f"column {text!r} matches no known field; "
                "its cells are kept in the `extra` column",
                table.page,
            )
        )
    rows = action_rows(
        table.rows,
        columns,
        grouping,
        registry,
        key,
        first_row_number=len(result.actions) + 1,
    )
    reported = any(issue.code == "no_finding" for issue in result.issues)
    if not reported and any(not action["finding_id"] for action in rows.actions):
        # Once per document: a plan without findings would repeat it per table.
        result.issues.append(
            Issue(
                "no_finding",
                "action rows come before any finding heading",
                table.page,
            )
        )
    result.actions.extend(rows.actions)
    result.questions.extend(rows.questions)
    known = {(f["finding_id"], f["section"]): f for f in result.findings}
    for finding in rows.findings:
        if (finding["finding_id"], finding["section"]) not in known:
            result.findings.append(finding)
            known[finding["finding_id"], finding["section"]] = finding
    result.issues.extend(rows.issues)
    if not rows.findings:
        return None
    last = rows.findings[-1]
    return known[last["finding_id"], last["section"]]

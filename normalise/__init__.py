"""Normalisation: reader blocks to the four output tables of the golden contract.

Steps, in order: stitch page tables (`continuation`), read the front matter
(`metadata`), walk findings and their tables (`sections` below), turn table rows
into records (`rows`). Each step is a plain function over plain data.
"""

from __future__ import annotations

import json

from extract.errors import NoActionTable
from extract.types import Block, ExtractedDocument, Paragraph, Table
from normalise.agencies import Registry, load_registry
from normalise.columns import ColumnMap, header_map
from normalise.continuation import stitch_tables
from normalise.metadata import colour_key, document_metadata
from normalise.questions import ADDITIONAL_LEARNING, FINDING, NUMBERED
from normalise.rag import RagKey
from normalise.rows import action_rows
from normalise.tableset import Issue, Record, TableSet
from normalise.text import fold

# A bold line this short that does not end a sentence is a sub-heading, not narrative.
SUBHEADING_MAX_CHARS = 120


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
    finding: Record | None = None
    narrative_open = False
    in_additional = False
    for block in blocks:
        if isinstance(block, Paragraph):
            text = fold(block.text)
            if _is_heading(block) and ADDITIONAL_LEARNING.search(text):
                in_additional = True
                continue
            new = _finding_from(block, in_additional)
            if new is not None:
                finding = new
                result.findings.append(finding)
                narrative_open = True
            elif finding is not None and narrative_open and not _is_subheading(block):
                finding["narrative"] = "\n".join(
                    filter(None, [finding["narrative"], block.text.strip()])
                )
            continue
        columns = _columns(block)
        if columns is None or not columns.is_action_table:
            continue
        narrative_open = False
        if finding is None:
            result.issues.append(
                Issue(
                    "no_finding",
                    "an action table comes before any finding heading",
                    block.page,
                )
            )
        _add_table(result, block, columns, finding, registry, key)
    if not result.actions:
        raise NoActionTable("no table with action-plan column headers was found")
    return result


def _front_matter(blocks: list[Block]) -> tuple[list[Paragraph], list[Record], RagKey]:
    """Paragraphs before the first finding, and the first colour key table."""
    paragraphs: list[Paragraph] = []
    entries: list[Record] = []
    key = RagKey()
    for block in blocks:
        if isinstance(block, Paragraph):
            if _finding_from(block, False) is not None:
                break
            paragraphs.append(block)
        elif not entries and (found := colour_key(block)) is not None:
            entries, key = found
    return paragraphs, entries, key


def _finding_from(block: Paragraph, in_additional: bool) -> Record | None:
    text = fold(block.text)
    match = FINDING.match(text)
    if match:
        finding_id, section = match.group(1), "finding"
    elif in_additional and _is_heading(block) and (match := NUMBERED.match(text)):
        finding_id, section = f"AL{match.group(1)}", "additional_learning"
    else:
        return None
    return {
        "finding_id": finding_id,
        "section": section,
        "title": match.group(2).strip(),
        "narrative": "",
        "page": block.page,
    }


def _is_heading(block: Paragraph) -> bool:
    return block.heading_level is not None or block.bold


def _is_subheading(block: Paragraph) -> bool:
    text = fold(block.text)
    return block.heading_level is not None or (
        block.bold and len(text) <= SUBHEADING_MAX_CHARS and not text.endswith(".")
    )


def _columns(table: Table) -> ColumnMap | None:
    for row in table.rows[:3]:
        columns = header_map(row, table.n_cols)
        if columns is not None:
            return columns
    return None


def _add_table(
    result: TableSet,
    table: Table,
    columns: ColumnMap,
    finding: Record | None,
    registry: Registry,
    key: RagKey,
) -> None:
    for text in columns.unmapped:
        result.issues.append(
            Issue(
                "unmapped_column",
                f"column {text!r} matches no "
                "known field; its cells are not in the output",
                table.page,
            )
        )
    actions, questions, issues = action_rows(
        table.rows,
        columns,
        finding["finding_id"] if finding else "",
        registry,
        key,
        first_row_number=len(result.actions) + 1,
    )
    result.actions.extend(actions)
    result.questions.extend(questions)
    result.issues.extend(issues)

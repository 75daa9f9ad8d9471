"""Normalisation: reader blocks to the four output tables of the golden contract.

Steps, in order: stitch page tables (`continuation`), read the front matter
(`metadata`), walk findings and their tables (`sections` below), turn table rows
into records (`rows`). Each step is a plain function over plain data.
"""

from __future__ import annotations

import json
from dataclasses import replace

from normalise.agencies import Registry, load_registry
from normalise.columns import ColumnMap, header_map
from normalise.continuation import stitch_tables
from normalise.metadata import colour_key, document_metadata
from normalise.questions import ADDITIONAL_LEARNING, FINDING, NUMBERED
from normalise.rag import RagKey
from normalise.rows import Grouping, action_rows
from normalise.tableset import Issue, Record, TableSet
from normalise.text import fold
from schemas.blocks import Block, ExtractedDocument, Paragraph, Table
from schemas.errors import NoActionTable

# The header row is looked for in this many rows at the top of a table (a title or
# an agency row may come first).
HEADER_SEARCH_ROWS = 3
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
    agency_title: Grouping = Grouping()
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
                agency_title = Grouping()
            elif (title := _agency_title(block, registry)) is not None:
                agency_title = title
            elif finding is not None and narrative_open and not _is_subheading(block):
                finding["narrative"] = "\n".join(
                    filter(None, [finding["narrative"], block.text.strip()])
                )
            continue
        columns = _columns(block)
        if columns is None or not columns.is_action_table:
            continue
        narrative_open = False
        grouping = Grouping(
            finding["finding_id"] if finding else "",
            agency_title.agency,
            agency_title.agency_raw,
        )
        finding = _add_table(result, block, columns, grouping, registry, key) or finding
        # The title's text is written on the first row under it only.
        agency_title = Grouping(agency=agency_title.agency)
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
        finding_id, section, title = (
            match.group(2),
            match.group(1).lower(),
            match.group(3),
        )
    elif in_additional and _is_heading(block) and (match := NUMBERED.match(text)):
        finding_id, section = f"AL{match.group(1)}", "additional_learning"
        title = match.group(2)
    else:
        return None
    return {
        "finding_id": finding_id,
        "section": section,
        "title": title.strip(),
        "narrative": "",
        "page": block.page,
    }


def _agency_title(block: Paragraph, registry: Registry) -> Grouping | None:
    """A heading that names a registry agency titles the tables that follow.

    Only a confident registry match counts: any other short bold line may be a
    sub-heading ("Issues for the Board to consider"), not an agency.
    """
    if not _is_subheading(block):
        return None
    match = registry.match(block.text)
    if match.canonical is None:
        return None
    return Grouping(agency=match.canonical, agency_raw=fold(block.text))


def _is_heading(block: Paragraph) -> bool:
    return block.heading_level is not None or block.bold


def _is_subheading(block: Paragraph) -> bool:
    text = fold(block.text)
    return block.heading_level is not None or (
        block.bold and len(text) <= SUBHEADING_MAX_CHARS and not text.endswith(".")
    )


def _columns(table: Table) -> ColumnMap | None:
    """The header map of the first of the table's first rows that is a header."""
    for index, row in enumerate(table.rows[:HEADER_SEARCH_ROWS]):
        columns = header_map(row, table.n_cols)
        if columns is not None:
            return replace(columns, header_row=index)
    return None


def _add_table(
    result: TableSet,
    table: Table,
    columns: ColumnMap,
    grouping: Grouping,
    registry: Registry,
    key: RagKey,
) -> Record | None:
    """Add one action table's rows; return the last finding it opened, if any."""
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
    result.findings.extend(rows.findings)
    result.issues.extend(rows.issues)
    return rows.findings[-1] if rows.findings else None

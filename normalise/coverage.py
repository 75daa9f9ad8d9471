"""Coverage: the share of the text in a document's action tables that reached the
output rows, so a dropped cell is measured rather than trusted not to happen.

Both sides are counted as words (runs of letters and digits, case folded), each
weighted by its length in characters. White space and punctuation are left out:
labels lose theirs by design (`1a.` becomes the question id `1a`). Every word of
the tables' data rows (header rows excluded) can be matched by at most one
occurrence of the same word in the output, so text repeated in the output never
makes up for text lost elsewhere. A grouping label printed again under itself
(the same finding on every row, unmerged) counts once, as the normaliser keeps it.

The output side is every text column a table cell can land in: question ids,
kinds and texts; finding ids, sections and titles (full-width rows open findings);
the action cells as printed, `agency_raw`, `action_id` and the `extra` cells of
unmapped columns. Derived values (canonical agency, status) are not counted.
"""

from __future__ import annotations

import json
import re
from collections import Counter
from collections.abc import Iterable

from normalise.tableset import Record, TableSet
from normalise.text import fold
from schemas.fields import ACTION_FIELDS, GROUPING_FIELDS

_WORD = re.compile(r"[^\W_]+")
_ACTION_TEXT = (
    *("rag_raw" if name == "rag" else name for name in ACTION_FIELDS),
    "agency_raw",
    "action_id",
)
_QUESTION_TEXT = ("question_id", "kind", "text")
_FINDING_TEXT = ("finding_id", "section", "title")


def coverage(tables: TableSet) -> float:
    """Share (0 to 1) of the action tables' data-row characters found in the rows."""
    source = Counter(_words(_table_texts(tables)))
    output = Counter(_words(_output_texts(tables)))
    total = sum(len(word) * count for word, count in source.items())
    if not total:
        return 1.0
    kept = sum(len(word) * min(count, output[word]) for word, count in source.items())
    return kept / total


def _table_texts(tables: TableSet) -> Iterable[str]:
    """Cell texts of the action tables' data rows, the rows the normaliser read
    (header rows, first or repeated on a later page, marked `repeats_as_header`
    by `normalise.headers`, are skipped as it skips them).

    A grouping cell (finding, question, agency) that repeats the last text of its
    column is one label printed again, not new text: a plan that prints "Finding
    1: …" on every row instead of merging the cells has lost nothing when the
    finding is written once.
    """
    for table, columns in tables.action_tables:
        grouping = {
            slot for slot, name in enumerate(columns.slots) if name in GROUPING_FIELDS
        }
        last: dict[int, str] = {}
        for row in table.rows:
            if row.repeats_as_header:
                continue
            for cell in row.cells:
                key = fold(cell.text)
                if cell.first_col in grouping and key:
                    if last.get(cell.first_col) == key:
                        continue
                    last[cell.first_col] = key
                yield cell.text


def _output_texts(tables: TableSet) -> Iterable[str]:
    yield from _fields(tables.questions, _QUESTION_TEXT)
    yield from _fields(tables.findings, _FINDING_TEXT)
    yield from _fields(tables.actions, _ACTION_TEXT)
    for action in tables.actions:
        extra = action.get("extra") or {}
        if isinstance(extra, str):
            extra = json.loads(extra)
        yield from extra.values()


def _fields(rows: list[Record], names: tuple[str, ...]) -> Iterable[str]:
    for row in rows:
        for name in names:
            value = row.get(name)
            if isinstance(value, str):
                yield value


def _words(texts: Iterable[str]) -> Iterable[str]:
    for text in texts:
        yield from _WORD.findall(text.casefold())

"""The normaliser's output rows, each built here and nowhere else.

A row is a plain dict (it crosses a process boundary and is typed as an Arrow table
only where it is written), so its keys are fixed in one place: these constructors.
Their keys are the columns of `schemas.tables` except the ones later stages add
(`ADDED_LATER`); a test holds the two lists together. This module imports no
pyarrow, so the worker processes that normalise never load it.
"""

from __future__ import annotations

from typing import Any

from schemas.fields import ACTION_FIELDS

Record = dict[str, Any]

# Columns added after normalising: the row key (`source`, `doc_id`) and the
# action's due date and overdue flag, which need the document's report date.
ADDED_LATER: frozenset[str] = frozenset({"source", "doc_id", "due_date", "overdue"})


def finding_row(
    finding_id: str, section: str, title: str, page: int | None, narrative: str = ""
) -> Record:
    """A finding, theme, priority or additional-learning item."""
    return {
        "finding_id": finding_id,
        "section": section,
        "title": title,
        "narrative": narrative,
        "page": page,
    }


def question_row(
    question_id: str, finding_id: str, kind: str, text: str, page: int | None
) -> Record:
    """A question to the Board or a recommendation."""
    return {
        "question_id": question_id,
        "finding_id": finding_id,
        "kind": kind,
        "text": text,
        "page": page,
    }


def action_row() -> Record:
    """An empty action row: every text column "", `extra` an empty dict (it is
    written as JSON once the row is complete), positions unknown."""
    record: Record = {name: "" for name in ACTION_FIELDS}
    record.update(
        row=None,
        finding_id="",
        question_id="",
        action_id="",
        agency="",
        agency_kind="",
        agency_raw="",
        rag_raw="",
        target_dates="[]",
        extra={},
        spans="",
        page_start=None,
        page_end=None,
        bbox=None,
    )
    return record
